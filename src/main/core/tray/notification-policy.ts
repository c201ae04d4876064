// Which notifications to show, decided from profile state and time alone. Each cause is shown once;
// the text says what to do, because many Linux notification servers show no action buttons.
import type { ProfileSummary } from '../../../shared/profile-summary';
import type { Translate } from '../../../shared/i18n';
import type { TraySnapshot } from './tray-model';

export type NotificationKind = 'expiring' | 'expired' | 'failed' | 'mfa';

export interface NotificationModel {
  /** The cause; the same key is never shown twice. */
  key: string;
  kind: NotificationKind;
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

function causeKey(kind: NotificationKind, profile: string, detail: string): string {
  return [kind, profile, detail].join(SEPARATOR);
}

function expiryOf(profile: ProfileSummary): number | null {
  const time = profile.expiresAt === null ? NaN : Date.parse(profile.expiresAt);
  return Number.isNaN(time) ? null : time;
}

export function decideNotifications(input: NotificationInput, t: Translate): NotificationDecision {
  const { snapshot, now } = input;
  const staleAfter = input.staleAfterMs ?? DEFAULT_STALE_AFTER_MS;
  const active: NotificationModel[] = [];
  let nextCheckAt: number | null = null;
  const later = (moment: number): void => {
    if (moment > now && (nextCheckAt === null || moment < nextCheckAt)) nextCheckAt = moment;
  };

  for (const profile of snapshot.profiles) {
    const name = profile.name;
    const kept = snapshot.keptFresh.includes(name);
    if (snapshot.pendingMfa.includes(name)) {
      active.push({ key: causeKey('mfa', name, ''), kind: 'mfa', profile: name, title: t('notify.mfaTitle', { profile: name }), body: t('notify.mfaBody') });
      continue;
    }
    if (kept && profile.status === 'error' && profile.error !== null) {
      active.push({
        key: causeKey('failed', name, profile.error),
        kind: 'failed',
        profile: name,
        title: t('notify.failedTitle', { profile: name }),
        body: t('notify.failedBody', { message: profile.error }),
      });
      continue;
    }
    // Kept-fresh profiles are the scheduler's job; it reports failures, not countdowns.
    const expiry = expiryOf(profile);
    if (kept || expiry === null) continue;
    const stamp = profile.expiresAt ?? '';
    if (now >= expiry) {
      if (now - expiry < staleAfter) {
        active.push({ key: causeKey('expired', name, stamp), kind: 'expired', profile: name, title: t('notify.expiredTitle', { profile: name }), body: t('notify.expiredBody', { profile: name }) });
      }
    } else if (input.notifyLeadMs > 0 && now >= expiry - input.notifyLeadMs) {
      const minutes = Math.max(1, Math.ceil((expiry - now) / 60_000));
      active.push({
        key: causeKey('expiring', name, stamp),
        kind: 'expiring',
        profile: name,
        title: t('notify.expiringTitle', { profile: name, minutes }),
        body: t('notify.expiringBody', { profile: name }),
      });
      later(expiry);
    } else {
      if (input.notifyLeadMs > 0) later(expiry - input.notifyLeadMs);
      later(expiry);
    }
  }

  const activeKeys = new Set(active.map((item) => item.key));
  const healthy = new Set(
    snapshot.profiles
      .filter((profile) => profile.status !== 'error' && !snapshot.pendingMfa.includes(profile.name))
      .map((profile) => profile.name),
  );
  const notified = new Set<string>();
  for (const key of input.notified) {
    const [kind, profile, detail] = key.split(SEPARATOR);
    const keep =
      activeKeys.has(key) ||
      // A failure or MFA request is "the same cause" until the profile recovers.
      ((kind === 'failed' || kind === 'mfa') && !healthy.has(profile) && snapshot.profiles.some((p) => p.name === profile)) ||
      // An expiry cannot come back once passed; forget it when it is history.
      ((kind === 'expiring' || kind === 'expired') && Date.parse(detail) + staleAfter > now);
    if (keep) notified.add(key);
  }
  const notifications = active.filter((item) => !notified.has(item.key));
  for (const item of notifications) notified.add(item.key);
  return { notifications, notified, nextCheckAt };
}
