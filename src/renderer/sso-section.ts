// IAM Identity Center at the top of the list: each sign-in with its state, "Sign in" where one is
// needed, a running sign-in's address and device code, and "Add profiles for every account"
// (a dry run first, then a confirmation that writes them).
import type { AppState, PopulatedProfileItem, SsoLoginRequest, SsoSignInInProgress } from '../shared/ipc-contract';
import type { SsoSessionSummary } from '../shared/profile-summary';
import type { MessageKey } from '../shared/i18n';
import { needsSignIn } from '../shared/profile-actions';
import { formatRemaining } from '../shared/duration';
import { byFocusKey, byId, escapeHtml } from './dom';
import { popover, reload, say, sayFailure } from './popover-context';
import { trackCountdowns } from './countdowns';
import { signIn } from './profile-commands';

const STATUS_CSS: Record<SsoSessionSummary['status'], string> = {
  valid: 'valid',
  renewable: 'valid',
  expiring: 'expiring',
  expired: 'expired',
  invalid: 'error',
  'signed-out': 'unknown',
};

/** The dry run's answer for one sign-in, shown until confirmed or cancelled; kept across re-renders. */
let preview: { target: SsoLoginRequest; label: string; added: PopulatedProfileItem[]; alreadyConfigured: number; configFile: string } | null = null;

/** One key per sign-in target: labels (a start URL's host) can repeat, targets cannot. */
function targetKey(target: SsoLoginRequest): string {
  return target.session !== undefined ? `session:${target.session}` : `profile:${target.profile ?? ''}`;
}

function labelOf(session: SsoSessionSummary): string {
  if (session.session !== null) return session.session;
  try {
    return new URL(session.startUrl).host;
  } catch {
    return session.startUrl;
  }
}

/** A legacy sign-in (no sso-session) is started through one of its profiles. */
function targetOf(session: SsoSessionSummary, state: AppState): SsoLoginRequest | null {
  if (session.session !== null) return { session: session.session };
  const profile = state.profiles.find((p) => p.ssoSession?.session === null && p.ssoSession.startUrl === session.startUrl);
  return profile ? { profile: profile.name } : null;
}

function sameTarget(a: SsoLoginRequest, b: SsoLoginRequest): boolean {
  return a.session === b.session && a.profile === b.profile;
}

function signInFor(session: SsoSessionSummary, state: AppState): SsoSignInInProgress | undefined {
  return state.signIns.find((running) => {
    if (session.session !== null) return running.target.session === session.session;
    const profile = state.profiles.find((p) => p.name === running.target.profile);
    return profile?.ssoSession?.session === null && profile.ssoSession.startUrl === session.startUrl;
  });
}

function promptHtml(running: SsoSignInInProgress): string {
  const t = popover.t;
  const key = escapeHtml(targetKey(running.target));
  return (
    `<div class="sign-in-prompt" role="group" tabindex="-1" data-focus="prompt:${key}" aria-label="${escapeHtml(t('ui.signInWaiting', { session: running.label }))}">` +
    `<p class="prompt-title">${escapeHtml(t('ui.signInWaiting', { session: running.label }))}</p>` +
    (running.userCode
      ? `<p class="prompt-label">${escapeHtml(t('ui.signInCode'))}</p><output class="user-code">${escapeHtml(running.userCode)}</output>`
      : '') +
    (running.url
      ? (running.browserOpened ? '' : `<p class="prompt-label">${escapeHtml(t('ui.signInOpenUrl'))}</p>`) +
        `<input class="sign-in-url" type="text" readonly spellcheck="false" value="${escapeHtml(running.url)}" aria-label="${escapeHtml(t('ui.signInUrl'))}" data-focus="url:${key}">`
      : '') +
    '</div>'
  );
}

function previewHtml(): string {
  if (!preview) return '';
  const t = popover.t;
  const { label, added, alreadyConfigured, configFile } = preview;
  const already = alreadyConfigured > 0 ? `<p class="prompt-label">${escapeHtml(t('ui.populateAlready', { count: alreadyConfigured }))}</p>` : '';
  if (added.length === 0) {
    return (
      `<div class="populate" data-label="${escapeHtml(label)}"><p>${escapeHtml(t('ui.populateNone', { session: label }))}</p>${already}` +
      `<div class="panel-buttons"><button type="button" data-sso="populate-cancel" data-focus="populate-cancel">${escapeHtml(t('ui.cancel'))}</button></div></div>`
    );
  }
  return (
    `<div class="populate" role="group" data-label="${escapeHtml(label)}" aria-label="${escapeHtml(t('ui.populate'))}">` +
    `<p>${escapeHtml(t('ui.populatePreview', { count: added.length, file: configFile }))}</p>` +
    `<ul class="populate-list">${added.map((item) => `<li>${escapeHtml(item.profile)}</li>`).join('')}</ul>${already}` +
    `<div class="panel-buttons"><button type="button" class="primary" data-sso="populate-confirm" data-focus="populate-confirm">${escapeHtml(t('ui.populateConfirm', { count: added.length }))}</button>` +
    `<button type="button" data-sso="populate-cancel" data-focus="populate-cancel">${escapeHtml(t('ui.cancel'))}</button></div></div>`
  );
}

function sessionHtml(session: SsoSessionSummary, state: AppState, now: number): string {
  const t = popover.t;
  const label = labelOf(session);
  const target = targetOf(session, state);
  const running = signInFor(session, state);
  const expiry = session.expiresAt === null ? NaN : Date.parse(session.expiresAt);
  // A renewable sign-in renews itself; its access token's own end says nothing to the person.
  const showTime = session.status !== 'renewable' && !Number.isNaN(expiry) && expiry > now;
  const targetAttrs = target ? (target.session !== undefined ? `data-session="${escapeHtml(target.session)}"` : `data-profile="${escapeHtml(target.profile ?? '')}"`) : '';
  const buttons =
    (target && needsSignIn(session) && !running
      ? `<button type="button" class="small primary" data-sso="sign-in" ${targetAttrs} data-label="${escapeHtml(label)}" data-focus="sign-in:${escapeHtml(label)}" aria-label="${escapeHtml(t('ui.signInTo', { session: label }))}">${escapeHtml(t('ui.signIn'))}</button>`
      : '') +
    (target && !needsSignIn(session)
      ? `<button type="button" class="small" data-sso="populate" ${targetAttrs} data-label="${escapeHtml(label)}" data-focus="populate:${escapeHtml(targetKey(target))}">${escapeHtml(t('ui.populate'))}</button>`
      : '');
  return (
    `<div class="sso-session s-${STATUS_CSS[session.status]}" data-sso-session="${escapeHtml(label)}">` +
    `<span class="dot" aria-hidden="true"></span><span class="name" title="${escapeHtml(session.startUrl)}">${escapeHtml(label)}</span>` +
    `<span class="state">${escapeHtml(t(`ui.sso.${session.status}` as MessageKey))}</span>` +
    (showTime ? `<span class="countdown" data-expires="${escapeHtml(session.expiresAt ?? '')}">${escapeHtml(formatRemaining(expiry - now))}</span>` : '') +
    `<span class="sso-actions">${buttons}</span></div>` +
    (running ? promptHtml(running) : '') +
    (preview && target && targetKey(preview.target) === targetKey(target) ? previewHtml() : '')
  );
}

export function renderSso(): void {
  const state = popover.state;
  const section = byId('sso');
  if (!state || state.ssoSessions.length === 0) {
    section.hidden = true;
    section.innerHTML = '';
    return;
  }
  const focused = document.activeElement as HTMLElement | null;
  const focusKey = focused && section.contains(focused) ? (focused.dataset.focus ?? null) : null;
  const now = Date.now();
  // Sign-ins of profiles whose session is not listed (should not happen) still show their prompt.
  const orphans = state.signIns.filter((running) => !state.ssoSessions.some((session) => signInFor(session, state) === running));
  section.hidden = false;
  section.innerHTML =
    `<h2 class="section-title">${escapeHtml(popover.t('ui.ssoTitle'))}</h2>` +
    state.ssoSessions.map((session) => sessionHtml(session, state, now)).join('') +
    orphans.map(promptHtml).join('');
  trackCountdowns(section);
  if (focusKey) byFocusKey(focusKey, section)?.focus();
}

/** The prompt of a sign-in running for this profile's session, if any (after a notification click). */
export function promptForProfile(profile: string): HTMLElement | null {
  const state = popover.state;
  const summary = state?.profiles.find((p) => p.name === profile);
  if (!state || !summary?.ssoSession) return null;
  const running = signInFor(summary.ssoSession, state) ?? state.signIns.find((r) => sameTarget(r.target, { profile }));
  if (!running) return null;
  return byFocusKey(`prompt:${targetKey(running.target)}`, byId('sso'));
}

/** A session's accounts, or (legacy start URL) those of the sign-in one of its profiles uses. */
async function populate(target: SsoLoginRequest, label: string, dryRun: boolean): Promise<void> {
  const response = await popover.api.ssoPopulate(target.session !== undefined ? { session: target.session, dryRun } : { profile: target.profile ?? 'default', dryRun });
  if (!response.ok) return sayFailure(response);
  if (dryRun) {
    preview = { target, label, added: response.added, alreadyConfigured: response.alreadyConfigured, configFile: response.configFile };
    renderSso();
    byFocusKey(response.added.length > 0 ? 'populate-confirm' : 'populate-cancel', byId('sso'))?.focus();
    return;
  }
  preview = null;
  say(popover.t('ui.populated', { count: response.added.length, file: response.configFile }));
  await reload();
}

export function cancelPopulate(): boolean {
  if (!preview) return false;
  const key = targetKey(preview.target);
  preview = null;
  renderSso();
  byFocusKey(`populate:${key}`, byId('sso'))?.focus();
  return true;
}

export function wireSso(): void {
  const section = byId('sso');
  section.addEventListener('click', (event) => {
    const button = (event.target as HTMLElement).closest<HTMLElement>('[data-sso]');
    if (!button) return;
    const { session, profile, label } = button.dataset;
    switch (button.dataset.sso) {
      case 'sign-in':
        return void signIn(session !== undefined ? { session } : { profile }, label ?? session ?? profile ?? '');
      case 'populate':
        return void populate(session !== undefined ? { session } : { profile }, label ?? session ?? profile ?? '', true);
      case 'populate-confirm':
        return void (preview && populate(preview.target, preview.label, false));
      case 'populate-cancel':
        return void cancelPopulate();
    }
  });
  // The address is there to be copied: one click selects all of it.
  section.addEventListener('focusin', (event) => {
    const target = event.target as HTMLElement;
    if (target instanceof HTMLInputElement && target.classList.contains('sign-in-url')) target.select();
  });
  section.addEventListener('click', (event) => {
    const target = event.target as HTMLElement;
    if (target instanceof HTMLInputElement && target.classList.contains('sign-in-url')) target.select();
  });
}
