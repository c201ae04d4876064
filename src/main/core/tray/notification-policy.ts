// Which expiry notifications to show for profiles NOT kept fresh, decided from profile state and
// time alone. Kept-fresh profiles are the engine's: its notifications (failures, MFA, clock skew,
// expiry) reach the tray through RolekeeperService.onNotification, so no cause is shown twice. The text
// says what to do (only what the profile's type allows), because many Linux notification servers
// show no action buttons; causes due together are one notification.
import type { EngineNotification, NotificationKind } from '../../../shared/engine-events';
import { plural, sayTimeLeft, type Translate } from '../../../shared/i18n';
import { notificationText } from '../../../shared/notification-text';
import { expiryOf, type Finding, type ProfileSummary } from '../../../shared/profile-summary';
import { expiryAdvice, type ExpiryAdvice } from '../../../shared/profile-actions';
import { isRefreshableIn, type TraySnapshot } from './tray-model';

export interface NotificationModel {
  /** The causes; the same key is never shown twice. */
  keys: string[];
  kind: Extract<NotificationKind, 'expires-soon' | 'expired'>;
  /** The profiles it is about, soonest expiry first. */
  profiles: string[];
  title: string;
  body: string;
  /** What a click opens: the profile's row, or the needs-you block for a batch. */
  focus: { view: 'profiles'; profile?: string; section?: 'needs-you' };
}

export interface NotificationInput {
  snapshot: TraySnapshot;
  now: number;
  /** Before-expiry lead for profiles not kept fresh; 0 notifies only at expiry. */
  notifyLeadMs: number;
  /** Keys returned as `notified` by the previous decision. */
  notified: ReadonlySet<string>;
  /** An expiry older than this at start-up is history, not news. */
  staleAfterMs?: number;
}

export interface NotificationDecision {
  notifications: NotificationModel[];
  /** Pass back as `notified` next time. */
  notified: Set<string>;
  /** When to decide again if nothing changes before (one timer, no polling). */
  nextCheckAt: number | null;
}

const DEFAULT_STALE_AFTER_MS = 60 * 60 * 1000;
const SEPARATOR = '\u0000';
/** Names a batched notification lists before "…". */
const NAMES_SHOWN = 5;

function causeKey(kind: NotificationKind, profile: string, expiresAt: string): string {
  return [kind, profile, expiresAt].join(SEPARATOR);
}

/** Only for a kept-fresh profile does the tray show the engine's notification: the rest are ours. */
export function showsEngineNotification(notification: EngineNotification, keptFresh: readonly string[]): boolean {
  return keptFresh.includes(notification.profile);
}

interface Cause {
  key: string;
  kind: NotificationModel['kind'];
  profile: ProfileSummary;
  expiry: number;
  advice: ExpiryAdvice;
}

function adviceFor(advice: ExpiryAdvice, profiles: readonly string[], t: Translate): string {
  const one = profiles.length === 1;
  switch (advice) {
    case 'refresh':
      return one ? t('notify.adviceRefresh', { profile: profiles[0] }) : t('notify.adviceRefreshMany');
    case 'sign-in':
      return one ? t('notify.adviceSignIn', { profile: profiles[0] }) : t('notify.adviceSignInMany');
    case 'renewable-keys':
      return t('notify.adviceRenewableKeys');
    case 'none':
      return t('notify.adviceNone');
  }
}

/** One notification for the causes of one kind that fall due together, advice from the row's actions. */
function worded(kind: NotificationModel['kind'], causes: Cause[], now: number, t: Translate): NotificationModel {
  causes.sort((a, b) => a.expiry - b.expiry);
  const profiles = causes.map((cause) => cause.profile.name);
  const advices = new Set(causes.map((cause) => cause.advice));
  const advice = advices.size === 1 ? adviceFor(causes[0].advice, profiles, t) : t('notify.adviceOpen');
  const keys = causes.map((cause) => cause.key);
  if (causes.length === 1) {
    const cause = causes[0];
    const left = sayTimeLeft(t, Math.max(cause.expiry - now, 1));
    const title = kind === 'expired' ? t('notify.expiredTitle', { profile: cause.profile.name }) : t('notify.expiringTitle', { profile: cause.profile.name, left });
    const body = kind === 'expired' ? `${t('notify.expiredFails')} ${advice}` : advice;
    return { keys, kind, profiles, title, body, focus: { view: 'profiles', profile: cause.profile.name } };
  }
  const names = profiles.slice(0, NAMES_SHOWN).join(', ') + (profiles.length > NAMES_SHOWN ? ', …' : '');
  const title = plural(t, kind === 'expired' ? 'notify.batchExpired' : 'notify.batchExpiring', profiles.length, { names });
  const body = kind === 'expired' ? `${t('notify.expiredFails')} ${advice}` : advice;
  return { keys, kind, profiles, title, body, focus: { view: 'profiles', section: 'needs-you' } };
}

export function decideNotifications(input: NotificationInput, t: Translate): NotificationDecision {
  const { snapshot, now } = input;
  const staleAfter = input.staleAfterMs ?? DEFAULT_STALE_AFTER_MS;
  const active: Cause[] = [];
  let nextCheckAt: number | null = null;
  const later = (moment: number): void => {
    if (moment > now && (nextCheckAt === null || moment < nextCheckAt)) nextCheckAt = moment;
  };
  const push = (kind: Cause['kind'], profile: ProfileSummary, expiry: number, expiresAt: string): void => {
    const advice = expiryAdvice(profile, { refreshable: isRefreshableIn(snapshot, profile), now });
    active.push({ key: causeKey(kind, profile.name, expiresAt), kind, profile, expiry, advice });
  };

  for (const profile of snapshot.profiles) {
    const expiry = expiryOf(profile);
    if (snapshot.keptFresh.includes(profile.name) || expiry === null || profile.expiresAt === null) continue;
    if (now >= expiry) {
      if (now - expiry < staleAfter) push('expired', profile, expiry, profile.expiresAt);
    } else if (input.notifyLeadMs > 0 && now >= expiry - input.notifyLeadMs) {
      push('expires-soon', profile, expiry, profile.expiresAt);
      later(expiry);
    } else {
      if (input.notifyLeadMs > 0) later(expiry - input.notifyLeadMs);
      later(expiry);
    }
  }

  const activeKeys = new Set(active.map((item) => item.key));
  const notified = new Set<string>();
  for (const key of input.notified) {
    const expiresAt = key.split(SEPARATOR)[2];
    // An expiry cannot come back once passed; forget it when it is history.
    if (activeKeys.has(key) || Date.parse(expiresAt) + staleAfter > now) notified.add(key);
  }
  const fresh = active.filter((item) => !notified.has(item.key));
  for (const item of fresh) notified.add(item.key);
  // Causes that fall due in the same decision are one notification per kind, expired first.
  const notifications: NotificationModel[] = [];
  for (const kind of ['expired', 'expires-soon'] as const) {
    const causes = fresh.filter((item) => item.kind === kind);
    if (causes.length > 0) notifications.push(worded(kind, causes, now, t));
  }
  return { notifications, notified, nextCheckAt };
}

const FILE_UNAVAILABLE_CODES = new Set(['file-not-a-file', 'file-unreadable', 'ini-not-utf8', 'rolekeeper-store-unreadable']);

/**
 * At start: the AWS files Rolekeeper could not use at all (a folder, unreadable, not UTF-8,
 * unparseable), and its own store (then read as empty, refreshes refuse). The tray still starts, like the AWS CLI, but says so once instead of showing an
 * empty menu without a word.
 */
export function unusableFileFindings(findings: readonly Finding[]): Finding[] {
  return findings.filter((finding) => finding.profile === null && (FILE_UNAVAILABLE_CODES.has(finding.code) || finding.severity === 'error'));
}

const UNREADABLE_FILE_CODES = new Set(['file-not-a-file', 'file-unreadable', 'ini-not-utf8']);

/** The AWS files could not be read at all: the tray icon must not say "all fresh" then. */
export function configUnreadable(findings: readonly Finding[]): boolean {
  return findings.some((finding) => finding.profile === null && UNREADABLE_FILE_CODES.has(finding.code));
}

/** An engine notice as the tray shows it: one, or several of one kind that came together. */
export interface EngineNotificationModel {
  notices: EngineNotification[];
  title: string;
  body: string;
  /** One notice: its own click (notification-click.ts); several: the needs-you block. */
  batched: boolean;
}

/** Kinds whose notices that fall due together are said once, naming the profiles. */
const BATCHED_ENGINE_KINDS = new Set<NotificationKind>(['expired', 'expires-soon', 'mfa-needed', 'refresh-failed']);

/**
 * Engine notices of kept profiles that arrived together (one tick): one notification per kind,
 * "3 profiles expired: a, b, c". Sign-in and clock notices keep their own (their click differs).
 */
export function batchEngineNotifications(notices: readonly EngineNotification[], t: Translate): EngineNotificationModel[] {
  const byKind = new Map<NotificationKind, EngineNotification[]>();
  const models: EngineNotificationModel[] = [];
  for (const notice of notices) {
    if (!BATCHED_ENGINE_KINDS.has(notice.kind)) {
      models.push({ notices: [notice], ...notificationText(notice, t), batched: false });
      continue;
    }
    const list = byKind.get(notice.kind) ?? [];
    if (!list.some((item) => item.profile === notice.profile)) list.push(notice);
    byKind.set(notice.kind, list);
  }
  for (const [kind, list] of byKind) {
    if (list.length === 1) {
      models.push({ notices: list, ...notificationText(list[0], t), batched: false });
      continue;
    }
    const profiles = list.map((notice) => notice.profile);
    const names = profiles.slice(0, NAMES_SHOWN).join(', ') + (profiles.length > NAMES_SHOWN ? ', …' : '');
    const key = kind === 'expired' ? 'notify.batchExpired' : kind === 'expires-soon' ? 'notify.batchExpiring' : kind === 'mfa-needed' ? 'notify.batchMfa' : 'notify.batchFailed';
    const body = kind === 'mfa-needed' ? t('notify.mfaBody') : kind === 'refresh-failed' ? t('notify.adviceOpen') : t('notify.adviceRefreshMany');
    models.push({ notices: list, title: plural(t, key, profiles.length, { names }), body, batched: true });
  }
  return models;
}
