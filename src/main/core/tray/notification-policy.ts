// Which expiry notifications to show for profiles NOT kept fresh, decided from profile state and
// time alone. Kept-fresh profiles are the engine's: its notifications (failures, MFA, clock skew,
// expiry) reach the tray through RolekeeperService.onNotification, so no cause is shown twice. The text
// says what to do, because many Linux notification servers show no action buttons.
import type { EngineNotification, NotificationKind } from '../../../shared/engine-events';
import { notificationText, type Translate } from '../../../shared/i18n';
import { expiryOf, type Finding } from '../../../shared/profile-summary';
import type { TraySnapshot } from './tray-model';

export interface NotificationModel {
  /** The cause; the same key is never shown twice. */
  key: string;
  kind: Extract<NotificationKind, 'expires-soon' | 'expired'>;
  profile: string;
  title: string;
  body: string;
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

function causeKey(kind: NotificationKind, profile: string, expiresAt: string): string {
  return [kind, profile, expiresAt].join(SEPARATOR);
}

/** Only for a kept-fresh profile does the tray show the engine's notification: the rest are ours. */
export function showsEngineNotification(notification: EngineNotification, keptFresh: readonly string[]): boolean {
  return keptFresh.includes(notification.profile);
}

export function decideNotifications(input: NotificationInput, t: Translate): NotificationDecision {
  const { snapshot, now } = input;
  const staleAfter = input.staleAfterMs ?? DEFAULT_STALE_AFTER_MS;
  const active: NotificationModel[] = [];
  let nextCheckAt: number | null = null;
  const later = (moment: number): void => {
    if (moment > now && (nextCheckAt === null || moment < nextCheckAt)) nextCheckAt = moment;
  };
  const push = (kind: NotificationModel['kind'], profile: string, expiresAt: string): void => {
    const text = notificationText({ kind, profile, expiresAt, at: new Date(now).toISOString(), detail: null }, t);
    active.push({ key: causeKey(kind, profile, expiresAt), kind, profile, ...text });
  };

  for (const profile of snapshot.profiles) {
    const expiry = expiryOf(profile);
    if (snapshot.keptFresh.includes(profile.name) || expiry === null || profile.expiresAt === null) continue;
    if (now >= expiry) {
      if (now - expiry < staleAfter) push('expired', profile.name, profile.expiresAt);
    } else if (input.notifyLeadMs > 0 && now >= expiry - input.notifyLeadMs) {
      push('expires-soon', profile.name, profile.expiresAt);
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
  const notifications = active.filter((item) => !notified.has(item.key));
  for (const item of notifications) notified.add(item.key);
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
