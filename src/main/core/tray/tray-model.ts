// What the tray shows, as plain data: the worst state (icon), the tooltip, and the complete context
// menu. Linux AppIndicator trays send no clicks, so the menu carries every action.
import { expiryOf, type ProfileSummary, type SsoSessionSummary } from '../../../shared/profile-summary';
import type { ExportForm, NeedKind, PopoverView, ShellKind, SsoLoginRequest } from '../../../shared/ipc-contract';
import { sayTimeLeft, type Translate } from '../../../shared/i18n';
import { actionsFor, needsSignIn, type ProfileAction } from '../../../shared/profile-actions';
import { ENDPOINT_PROFILE } from '../credentials/endpoint-export';

/**
 * Icon states, mildest first. `idle`: nothing to keep (no profile with live or kept credentials);
 * `unreadable`: the AWS config could not be read, so "all fresh" would be a lie.
 */
export type TrayState = 'idle' | 'fresh' | 'expiring' | 'failing' | 'needs-you' | 'unreadable';
const SEVERITY: Record<TrayState, number> = { idle: -1, fresh: 0, expiring: 1, failing: 2, 'needs-you': 3, unreadable: 4 };

/** A profile's share in the tray state; `idle` profiles (nothing live, nothing kept) do not count. */
export type ProfileHealth = Exclude<TrayState, 'unreadable'>;

export interface TraySnapshot {
  profiles: ProfileSummary[];
  keptFresh: readonly string[];
  pendingMfa: readonly string[];
  refreshing?: readonly string[];
  /** Profiles Rolekeeper can refresh (role, SSO or managed); without it, role and SSO profiles. */
  refreshable?: readonly string[];
  /** Every IAM Identity Center sign-in the files use, with the profiles using it. */
  ssoSessions?: ReadonlyArray<Pick<SsoSessionSummary, 'session' | 'startUrl' | 'status'> & { profiles: readonly string[] }>;
  /** Account id → alias or name where known, for the menu's account submenus. */
  accountNames?: Readonly<Record<string, string>>;
  /** The AWS config or credentials file could not be read at all. */
  configUnreadable?: boolean;
}

export interface SignInOffer {
  /** The session name, or the start URL of a legacy sign-in. */
  label: string;
  /** What `sso:login` (and `rolekeeper sso login`) takes: the session, or a legacy profile. */
  target: SsoLoginRequest;
  /** The profile the popover opens on: the first one using the sign-in. */
  profile?: string;
}

/** One offer per sign-in that needs the browser (signed out, ended, ending without renewal, unreadable). */
export function signInOffers(snapshot: Pick<TraySnapshot, 'ssoSessions'>): SignInOffer[] {
  const offers: SignInOffer[] = [];
  for (const session of snapshot.ssoSessions ?? []) {
    if (!needsSignIn(session)) continue;
    const profile = session.profiles[0];
    if (session.session !== null) offers.push({ label: session.session, target: { session: session.session }, ...(profile !== undefined ? { profile } : {}) });
    // A legacy sign-in is reached through a profile that carries its start URL.
    else if (profile !== undefined) offers.push({ label: session.startUrl, target: { profile }, profile });
  }
  return offers;
}

/** Rolekeeper's own `[profile rolekeeper-endpoint]` holds no credentials: never a row or a menu entry. */
export function visibleProfiles<P extends Pick<ProfileSummary, 'name'>>(profiles: readonly P[]): P[] {
  return profiles.filter((profile) => profile.name !== ENDPOINT_PROFILE);
}

export function isRefreshableIn(snapshot: Pick<TraySnapshot, 'refreshable'>, profile: Pick<ProfileSummary, 'name' | 'type'>): boolean {
  return snapshot.refreshable ? snapshot.refreshable.includes(profile.name) : profile.type === 'role' || profile.type === 'sso';
}

export interface TrayOptions {
  now: number;
  /** A profile counts as expiring this long before its expiry (the notification lead time). */
  expiringWithinMs: number;
  /** Credentials of a profile not kept fresh that expired longer ago than this are just old. */
  staleAfterMs?: number;
}

const DEFAULT_STALE_AFTER_MS = 60 * 60 * 1000;

export function profileHealth(profile: ProfileSummary, snapshot: TraySnapshot, options: TrayOptions): ProfileHealth {
  if (snapshot.pendingMfa.includes(profile.name)) return 'needs-you';
  if (profile.status === 'error') return 'failing';
  const kept = snapshot.keptFresh.includes(profile.name);
  const expiry = expiryOf(profile);
  if (expiry === null) {
    if (profile.status === 'expired') return kept ? 'failing' : 'idle';
    if (profile.status === 'expiring') return 'expiring';
    return profile.status === 'valid' ? 'fresh' : 'idle';
  }
  const left = expiry - options.now;
  if (left <= 0) {
    const staleAfter = options.staleAfterMs ?? DEFAULT_STALE_AFTER_MS;
    return kept || -left < staleAfter ? 'failing' : 'idle';
  }
  return left <= options.expiringWithinMs ? 'expiring' : 'fresh';
}

export interface TrayOverview {
  state: TrayState;
  /** Profiles in the worst state, in config order. */
  worst: string[];
}

export function trayOverview(snapshot: TraySnapshot, options: TrayOptions): TrayOverview {
  if (snapshot.configUnreadable) return { state: 'unreadable', worst: [] };
  let state: TrayState = 'idle';
  let worst: string[] = [];
  for (const profile of visibleProfiles(snapshot.profiles)) {
    const health = profileHealth(profile, snapshot, options);
    if (health === 'idle') continue;
    if (health === 'fresh') {
      if (state === 'idle') state = 'fresh';
      continue;
    }
    if (SEVERITY[health] > SEVERITY[state]) {
      state = health;
      worst = [profile.name];
    } else if (health === state) {
      worst.push(profile.name);
    }
  }
  return { state, worst };
}

/** The next moment some profile's health changes by time alone, so the adapter sets one timer. */
export function nextTrayChangeAt(snapshot: TraySnapshot, options: TrayOptions): number | null {
  const staleAfter = options.staleAfterMs ?? DEFAULT_STALE_AFTER_MS;
  let next: number | null = null;
  for (const profile of snapshot.profiles) {
    const expiry = expiryOf(profile);
    if (expiry === null) continue;
    for (const moment of [expiry - options.expiringWithinMs, expiry, expiry + staleAfter]) {
      if (moment > options.now && (next === null || moment < next)) next = moment;
    }
  }
  return next;
}

export function trayTooltip(overview: TrayOverview, snapshot: TraySnapshot, t: Translate): string {
  if (overview.state === 'unreadable') return t('tray.unreadable');
  if (visibleProfiles(snapshot.profiles).length === 0) return t('tray.empty');
  const first = overview.worst.slice(0, 3).join(', ') + (overview.worst.length > 3 ? ', …' : '');
  switch (overview.state) {
    case 'idle':
      return t('tray.idle');
    case 'fresh':
      return t('tray.fresh');
    case 'expiring':
      return t('tray.expiring', { count: overview.worst.length, first });
    case 'failing':
      return t('tray.failing', { count: overview.worst.length, first });
    case 'needs-you':
      return t('tray.needsYou', { first });
  }
}

export type { NeedKind };
const NEED_URGENCY: Record<NeedKind, number> = { expired: 0, expiring: 1, mfa: 2, 'sign-in': 2, 'refresh-failed': 3, 'config-error': 4 };

export interface NeedsYouItem {
  profile: string;
  need: NeedKind;
  /** Epoch ms, or null when no expiry is known. */
  expiresAt: number | null;
}

/** A kept profile inside the warning window is the engine's to refresh; it needs a person only once it fails. */
function needOf(profile: ProfileSummary, snapshot: TraySnapshot, options: TrayOptions): NeedKind | null {
  if (snapshot.pendingMfa.includes(profile.name)) return 'mfa';
  if (profile.status === 'error') return 'config-error';
  const kept = snapshot.keptFresh.includes(profile.name);
  if (kept && needsSignIn(profile.ssoSession)) return 'sign-in';
  const health = profileHealth(profile, snapshot, options);
  const expiry = expiryOf(profile);
  if (health === 'failing' && (profile.status === 'expired' || (expiry !== null && expiry <= options.now))) return 'expired';
  if (profile.error !== null || health === 'failing') return 'refresh-failed';
  if (health === 'expiring' && !kept) return 'expiring';
  return null;
}

/** The "Needs you" block of the popover and the menu: by urgency, then by time left (soonest first). */
export function needsYou(snapshot: TraySnapshot, options: TrayOptions): NeedsYouItem[] {
  const items: NeedsYouItem[] = [];
  for (const profile of visibleProfiles(snapshot.profiles)) {
    const need = needOf(profile, snapshot, options);
    if (need !== null) items.push({ profile: profile.name, need, expiresAt: expiryOf(profile) });
  }
  return items.sort((a, b) => NEED_URGENCY[a.need] - NEED_URGENCY[b.need] || (a.expiresAt ?? Infinity) - (b.expiresAt ?? Infinity));
}

/** macOS menu-bar title: the time left of the kept profile that expires soonest, or null. */
export function menuBarTitle(snapshot: TraySnapshot, options: TrayOptions, t: Translate): string | null {
  let soonest: number | null = null;
  for (const profile of snapshot.profiles) {
    const expiry = expiryOf(profile);
    if (!snapshot.keptFresh.includes(profile.name) || expiry === null) continue;
    if (soonest === null || expiry < soonest) soonest = expiry;
  }
  return soonest === null ? null : sayTimeLeft(t, soonest - options.now);
}

/** More STS calls than this from one "Refresh all" are asked about first. */
export const REFRESH_ALL_ASK_ABOVE = 20;

export interface RefreshAllPlan {
  profiles: string[];
  /** STS calls it takes: one per profile and one more per role it assumes on the way. */
  calls: number;
  ask: boolean;
}

/** "Refresh all": the kept profiles and those that need one, never all 200 of a big config. */
export function refreshAllPlan(snapshot: TraySnapshot, options: TrayOptions): RefreshAllPlan {
  const needed = new Set(needsYou(snapshot, options).filter((item) => item.need !== 'config-error').map((item) => item.profile));
  const chosen = visibleProfiles(snapshot.profiles).filter((profile) => isRefreshableIn(snapshot, profile) && profile.status !== 'error' && (snapshot.keptFresh.includes(profile.name) || needed.has(profile.name)));
  const byName = new Map(snapshot.profiles.map((profile) => [profile.name, profile]));
  const calls = chosen.reduce((sum, profile) => sum + 1 + profile.sourceChain.filter((name) => byName.get(name)?.type === 'role').length, 0);
  return { profiles: chosen.map((profile) => profile.name), calls, ask: calls > REFRESH_ALL_ASK_ABOVE };
}

/** Remaining time at minute precision for menus ("2h 05m", "42 min", "< 1 min"): the shared rounding. */
export function menuRemaining(milliseconds: number, t: Translate): string {
  return sayTimeLeft(t, milliseconds);
}

export type MenuAction =
  | { type: 'open-popover'; view: PopoverView; profile?: string; section?: 'needs-you' }
  | { type: 'refresh'; profile: string }
  | { type: 'refresh-all' }
  | { type: 'clear-cache'; profile?: string }
  | { type: 'copy-export'; profile: string; shell: ShellKind; form: ExportForm }
  | { type: 'verify'; profile: string }
  | { type: 'console'; profile: string }
  | { type: 'open-config' }
  /** Starts the sign-in in the browser (as the popover's "Sign in") and opens the popover on `profile`. */
  | { type: 'sso-login'; target: SsoLoginRequest; label: string; profile?: string }
  /** Asks the update feed now; in the menu only when the build has a feed (electron/updates.ts). */
  | { type: 'check-updates' }
  | { type: 'quit' };

export type MenuItemModel =
  | { kind: 'action'; label: string; action: MenuAction; enabled: boolean }
  | { kind: 'label'; label: string }
  | { kind: 'submenu'; label: string; items: MenuItemModel[] }
  | { kind: 'separator' };

export interface MenuOptions extends TrayOptions {
  defaultShell: ShellKind;
  /** More profiles than this in one place (the needs-you block, an account) are reached through the popover. */
  maxProfilesInMenu?: number;
  /** The build has an update feed: "Check for updates" is in the menu. */
  updates?: boolean;
}

const NEEDS_YOU_IN_MENU = 10;
/** Up to this many profiles outside the needs-you block are listed flat; more go into account submenus. */
const FLAT_UP_TO = 15;

function statusLabel(profile: ProfileSummary, snapshot: TraySnapshot, options: TrayOptions, t: Translate): string {
  if (snapshot.pendingMfa.includes(profile.name)) return t('status.needsMfa');
  if (snapshot.refreshing?.includes(profile.name)) return t('status.refreshing');
  const expiry = expiryOf(profile);
  if (profile.status === 'error') return t('status.error');
  if (expiry !== null) {
    const left = expiry - options.now;
    const state = left <= 0 ? t('status.expired') : left <= options.expiringWithinMs ? t('status.expiring') : t('status.valid');
    return left <= 0 ? state : `${state}, ${menuRemaining(left, t)}`;
  }
  if (profile.error !== null) return t('status.error');
  return t(`status.${profile.status}`);
}

function profileMenu(profile: ProfileSummary, snapshot: TraySnapshot, options: MenuOptions, t: Translate): MenuItemModel {
  const name = profile.name;
  const busy = snapshot.refreshing?.includes(name) ?? false;
  const items: MenuItemModel[] = [];
  if (snapshot.pendingMfa.includes(name)) {
    items.push({ kind: 'action', label: t('menu.enterMfa'), action: { type: 'open-popover', view: 'profiles', profile: name }, enabled: true });
  }
  // Only what the engine carries out for this type (the popover's row menu offers the same);
  // sign-in and keep-fresh live in the menu's top and the popover.
  const shell = options.defaultShell;
  const entries: Partial<Record<ProfileAction, MenuItemModel>> = {
    refresh: { kind: 'action', label: t('menu.refresh'), action: { type: 'refresh', profile: name }, enabled: !busy },
    'copy-endpoint': { kind: 'action', label: t('menu.copyEndpoint', { shell }), action: { type: 'copy-export', profile: name, shell, form: 'endpoint' }, enabled: true },
    'copy-keys': { kind: 'action', label: t('menu.copyKeys', { shell }), action: { type: 'copy-export', profile: name, shell, form: 'keys' }, enabled: true },
    verify: { kind: 'action', label: t('menu.verify'), action: { type: 'verify', profile: name }, enabled: true },
    console: { kind: 'action', label: t('menu.console'), action: { type: 'console', profile: name }, enabled: true },
    'clear-cache': { kind: 'action', label: t('menu.clearCache'), action: { type: 'clear-cache', profile: name }, enabled: true },
  };
  for (const action of actionsFor(profile, { refreshable: isRefreshableIn(snapshot, profile), now: options.now })) {
    const entry = entries[action];
    if (entry) items.push(entry);
  }
  if (items.length === 0) items.push({ kind: 'action', label: t('menu.open'), action: { type: 'open-popover', view: 'profiles', profile: name }, enabled: true });
  return { kind: 'submenu', label: `${name} — ${statusLabel(profile, snapshot, options, t)}`, items };
}

/** The whole context menu. Every action the popover offers has an entry here or opens the popover. */
export function trayMenu(snapshot: TraySnapshot, options: MenuOptions, t: Translate): MenuItemModel[] {
  const limit = options.maxProfilesInMenu ?? 40;
  const overview = trayOverview(snapshot, options);
  const menu: MenuItemModel[] = [
    { kind: 'label', label: trayTooltip(overview, snapshot, t) },
    { kind: 'action', label: t('menu.open'), action: { type: 'open-popover', view: 'profiles' }, enabled: true },
  ];
  // Linux AppIndicator trays send no clicks: a sign-in the popover offers must be in the menu too.
  for (const offer of signInOffers(snapshot)) {
    menu.push({ kind: 'action', label: t('menu.ssoSignIn', { session: offer.label }), action: { type: 'sso-login', target: offer.target, label: offer.label, ...(offer.profile !== undefined ? { profile: offer.profile } : {}) }, enabled: true });
  }
  menu.push({ kind: 'separator' });
  const profiles = visibleProfiles(snapshot.profiles);
  const byName = new Map(profiles.map((profile) => [profile.name, profile]));
  const more = (count: number, section?: 'needs-you'): MenuItemModel => ({ kind: 'action', label: t('menu.more', { count }), action: { type: 'open-popover', view: 'profiles', ...(section ? { section } : {}) }, enabled: true });
  // What needs a person first, then the kept profiles, then the rest by account.
  const needs = needsYou(snapshot, options);
  if (needs.length > 0) {
    menu.push({ kind: 'label', label: t('menu.needsYou') });
    for (const item of needs.slice(0, NEEDS_YOU_IN_MENU)) menu.push(profileMenu(byName.get(item.profile)!, snapshot, options, t));
    if (needs.length > NEEDS_YOU_IN_MENU) menu.push(more(needs.length - NEEDS_YOU_IN_MENU, 'needs-you'));
    menu.push({ kind: 'separator' });
  }
  const listed = new Set(needs.map((item) => item.profile));
  const kept = profiles.filter((profile) => !listed.has(profile.name) && snapshot.keptFresh.includes(profile.name));
  for (const profile of kept.slice(0, limit)) menu.push(profileMenu(profile, snapshot, options, t));
  if (kept.length > limit) menu.push(more(kept.length - limit));
  for (const profile of kept) listed.add(profile.name);
  const rest = profiles.filter((profile) => !listed.has(profile.name));
  if (rest.length <= FLAT_UP_TO) {
    for (const profile of rest) menu.push(profileMenu(profile, snapshot, options, t));
  } else {
    for (const group of accountGroups(rest, snapshot, t)) {
      const items = group.profiles.slice(0, limit).map((profile) => profileMenu(profile, snapshot, options, t));
      if (group.profiles.length > limit) items.push(more(group.profiles.length - limit));
      menu.push({ kind: 'submenu', label: group.label, items });
    }
  }
  if (profiles.length > 0) menu.push({ kind: 'separator' });
  menu.push(
    { kind: 'action', label: t('menu.refreshAll'), action: { type: 'refresh-all' }, enabled: refreshAllPlan(snapshot, options).profiles.length > 0 },
    { kind: 'action', label: t('menu.clearAllCache'), action: { type: 'clear-cache' }, enabled: true },
    { kind: 'separator' },
    { kind: 'action', label: t('menu.doctor'), action: { type: 'open-popover', view: 'doctor' }, enabled: true },
    { kind: 'action', label: t('menu.settings'), action: { type: 'open-popover', view: 'settings' }, enabled: true },
    { kind: 'action', label: t('menu.openConfig'), action: { type: 'open-config' }, enabled: true },
    { kind: 'separator' },
  );
  if (options.updates) menu.push({ kind: 'action', label: t('menu.checkUpdates'), action: { type: 'check-updates' }, enabled: true });
  menu.push({ kind: 'action', label: t('menu.quit'), action: { type: 'quit' }, enabled: true });
  return menu;
}

interface AccountGroup {
  label: string;
  profiles: ProfileSummary[];
}

/** The account's name where known ("Prod (123456789012)"), its id, or "Other profiles" last. */
function accountGroups(profiles: readonly ProfileSummary[], snapshot: TraySnapshot, t: Translate): AccountGroup[] {
  const groups = new Map<string | null, ProfileSummary[]>();
  for (const profile of profiles) {
    const list = groups.get(profile.accountId) ?? [];
    list.push(profile);
    groups.set(profile.accountId, list);
  }
  const labelled = [...groups].map(([account, members]) => {
    const name = account === null ? undefined : snapshot.accountNames?.[account];
    const label = account === null ? t('menu.otherAccount') : name ? t('menu.accountNamed', { name, account }) : account;
    return { account, label: `${label} (${members.length})`, profiles: members, named: name !== undefined };
  });
  labelled.sort((a, b) => (a.account === null ? 1 : 0) - (b.account === null ? 1 : 0) || Number(b.named) - Number(a.named) || a.label.localeCompare(b.label));
  return labelled.map(({ label, profiles: members }) => ({ label, profiles: members }));
}
