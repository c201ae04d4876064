// The profile list as one HTML string: a collapsible group per account, one compact row per
// profile (status dot and word, name, role, time left with a thin bar, keep-fresh switch, "⋯").
// Built by concatenation and set with one innerHTML: 200 rows paint well within the 150 ms budget.
import type { AppState } from '../shared/ipc-contract';
import { say, type MessageKey, type Translate } from '../shared/i18n';
import { expiryOf, type ProfileSummary } from '../shared/profile-summary';
import { actionsFor, needsSignIn, type ProfileAction } from '../shared/profile-actions';
import { formatRemaining } from '../shared/duration';
import { escapeHtml } from './dom';
import { groupProfiles, roleNameOf } from './profile-groups';

/**
 * The bar shows the time left out of one hour: STS's default session and the common SSO role
 * session. The summaries carry no issue time, so the true lifetime is unknown; longer sessions
 * show a full bar until their last hour, which is when the bar has something to say.
 */
export const BAR_FULL_SECONDS = 3600;

export interface RowStatus {
  key: MessageKey;
  /** The row's `s-…` class: colours the dot, the word and the bar. */
  css: 'valid' | 'expiring' | 'expired' | 'unknown' | 'error' | 'needs-you' | 'busy';
}

export function liveStatus(profile: ProfileSummary, state: AppState, now: number): RowStatus {
  if (state.pendingMfa.includes(profile.name)) return { key: 'status.needsMfa', css: 'needs-you' };
  if (state.refreshing.includes(profile.name)) return { key: 'status.refreshing', css: 'busy' };
  const expiry = expiryOf(profile);
  const usable = expiry !== null && expiry > now && profile.status !== 'error';
  if (!usable && needsSignIn(profile.ssoSession)) return { key: 'ui.state.signInNeeded', css: 'needs-you' };
  if (expiry !== null && profile.status !== 'error') {
    const left = expiry - now;
    if (left <= 0) return { key: 'status.expired', css: 'expired' };
    return left <= state.expiringWithinMs ? { key: 'status.expiring', css: 'expiring' } : { key: 'status.valid', css: 'valid' };
  }
  return { key: `status.${profile.status}` as MessageKey, css: profile.status };
}

export function remainingText(profile: ProfileSummary, now: number, t: Translate): string {
  const expiry = expiryOf(profile);
  if (expiry === null) return profile.type === 'static' ? t('remaining.none') : '';
  // The status word already says "expired"; the time stays empty then.
  return expiry <= now ? '' : formatRemaining(expiry - now);
}

/** The bar's fill in twentieths (5 % steps, 3 px of its 64): one CSS rule each, no inline style the CSP would block. */
export const BAR_STEPS = 20;

export function barStep(expiry: number, now: number): number {
  const fraction = (expiry - now) / 1000 / BAR_FULL_SECONDS;
  return Math.max(0, Math.min(BAR_STEPS, Math.ceil(fraction * BAR_STEPS)));
}

export function actionsOf(profile: ProfileSummary, state: AppState, now: number): ProfileAction[] {
  return actionsFor(profile, { refreshable: state.refreshable.includes(profile.name), now });
}

/** The state's name lists as sets, once per render rather than a search per row. */
interface Lookups {
  kept: ReadonlySet<string>;
  refreshable: ReadonlySet<string>;
  alwaysKept: ReadonlySet<string>;
}

function rowHtml(profile: ProfileSummary, state: AppState, lookups: Lookups, now: number, t: Translate): string {
  const status = liveStatus(profile, state, now);
  const name = escapeHtml(profile.name);
  const role = roleNameOf(profile);
  const expiry = expiryOf(profile);
  const kept = lookups.kept.has(profile.name);
  const canKeep = actionsFor(profile, { refreshable: lookups.refreshable.has(profile.name), now }).includes('keep-fresh');
  const bar =
    expiry === null
      ? ''
      : `<span class="bar" data-fill="${barStep(expiry, now)}" aria-hidden="true"></span>`;
  const always = lookups.alwaysKept.has(profile.name);
  const keepLabel = canKeep ? escapeHtml(t(always ? 'ui.keptAlways' : 'ui.keepFreshSwitch', { profile: profile.name })) : '';
  const menuLabel = escapeHtml(t('ui.rowActions', { profile: profile.name }));
  const toggle = canKeep
    ? `<button type="button" role="switch" class="switch" aria-checked="${kept || always}"${always ? ' aria-disabled="true"' : ''} tabindex="-1" data-focus="switch:${name}" aria-label="${keepLabel}" title="${keepLabel}"></button>`
    : '<span class="switch-space"></span>';
  // A refresh waiting for its code says so in the status word and the code entry below.
  const errorText = profile.errorWording ? say(t, profile.errorWording) : profile.error;
  const error = errorText && status.key !== 'status.needsMfa' ? `<div class="error-text" role="gridcell">${escapeHtml(errorText)}</div>` : '';
  // Sessions too short for the AWS CLI's cache: what serves the profile instead (engine's verdict and words).
  const short = !error && profile.shortSession ? `<div class="error-text short-session" role="gridcell">${escapeHtml(say(t, profile.shortSession.wording))}</div>` : '';
  return (
    `<div role="row" class="profile s-${status.css}" data-profile="${name}" data-focus="row:${name}" tabindex="-1" aria-label="${name}">` +
    `<div role="gridcell" class="cell-main"><span class="dot" aria-hidden="true"></span><span class="name">${name}</span>` +
    (role ? `<span class="role">${escapeHtml(role)}</span>` : '') +
    `</div><div role="gridcell" class="cell-time"><span class="state">${escapeHtml(t(status.key))}</span>` +
    `<span class="countdown" data-expires="${escapeHtml(profile.expiresAt ?? '')}">${escapeHtml(remainingText(profile, now, t))}</span>${bar}</div>` +
    `<div role="gridcell" class="cell-actions">${toggle}` +
    `<button type="button" class="more" aria-haspopup="menu" aria-expanded="false" tabindex="-1" data-focus="more:${name}" ` +
    `aria-label="${menuLabel}" title="${menuLabel}">⋯</button></div>` +
    error +
    short +
    '</div>'
  );
}

export interface ListRender {
  html: string;
  /** Per row, in document order: what the filter matches (name, role, account id and label). */
  searchTexts: string[];
}

export function listHtml(state: AppState, collapsed: ReadonlySet<string>, now: number, t: Translate): ListRender {
  const searchTexts: string[] = [];
  const lookups: Lookups = { kept: new Set(state.keptFresh), refreshable: new Set(state.refreshable), alwaysKept: new Set(state.alwaysKept) };
  let html = '';
  for (const group of groupProfiles(state.profiles, state.accountNames, t)) {
    const open = !collapsed.has(group.key);
    const key = escapeHtml(group.key);
    html +=
      `<div role="rowgroup" class="group${open ? '' : ' collapsed'}" data-group="${key}">` +
      `<div role="row" class="group-head"><div role="gridcell">` +
      `<button type="button" class="group-toggle" aria-expanded="${open}" tabindex="-1" data-focus="group:${key}">` +
      `<span class="chevron" aria-hidden="true"></span><span class="group-label">${escapeHtml(group.label)}</span>` +
      `<span class="group-count" aria-label="${escapeHtml(t('ui.groupCount', { count: group.profiles.length }))}">${group.profiles.length}</span>` +
      '</button></div></div>';
    for (const profile of group.profiles) {
      html += rowHtml(profile, state, lookups, now, t);
      searchTexts.push(`${profile.name}\n${roleNameOf(profile)}\n${profile.accountId ?? ''}\n${group.label}`.toLowerCase());
    }
    html += '</div>';
  }
  return { html, searchTexts };
}
