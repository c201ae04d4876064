// The title and body of an engine notification, worded by the daemon and the tray alike (kept out of
// i18n.ts so the word tables and the engine's events do not import each other).
import type { EngineNotification } from './engine-events';
import { say, sayTimeLeft, type Translate } from './i18n';

/** Whole minutes left (the shared rounding), at least "< 1 min", so "expires in 0 min" is never shown. */
function minutesLeft(expiresAt: string | null, at: string, t: Translate): string {
  const left = expiresAt === null ? NaN : Date.parse(expiresAt) - Date.parse(at);
  return Number.isNaN(left) || left <= 0 ? t('remaining.underMinute') : sayTimeLeft(t, left);
}

/** The title and body of an engine notification, said the same way by the daemon and the tray. */
export function notificationText(notification: EngineNotification, t: Translate): { title: string; body: string } {
  const { profile } = notification;
  const detail = notification.detailWording ? say(t, notification.detailWording) : notification.detail;
  const withDetail = (body: string): string => (detail ? `${t('notify.lastError', { message: detail })} ${body}` : body);
  switch (notification.kind) {
    case 'expires-soon':
      return {
        title: t('notify.expiringTitle', { profile, left: minutesLeft(notification.expiresAt, notification.at, t) }),
        body: withDetail(t('notify.expiringBody', { profile })),
      };
    case 'expired':
      return { title: t('notify.expiredTitle', { profile }), body: withDetail(t('notify.expiredBody', { profile })) };
    case 'refresh-failed':
      return { title: t('notify.failedTitle', { profile }), body: t('notify.failedBody', { message: detail ?? '' }).trim() };
    case 'mfa-needed':
      return { title: t('notify.mfaTitle', { profile }), body: t('notify.mfaBody') };
    case 'clock-skew':
      return { title: t('notify.clockSkewTitle', { profile }), body: withDetail(t('notify.clockSkewBody', { profile })) };
    case 'sso-sign-in-needed': {
      const sso = notification.ssoSession;
      const session = sso?.session ?? sso?.startUrl ?? profile;
      const ended = notification.expiresAt === null || Date.parse(notification.expiresAt) <= Date.parse(notification.at);
      return {
        title: ended ? t('notify.ssoEndedTitle', { session }) : t('notify.ssoEndingTitle', { session, left: minutesLeft(notification.expiresAt, notification.at, t) }),
        body: t('notify.ssoBody', { reason: detail ?? '', command: sso?.command ?? `rolekeeper sso login ${profile}` }),
      };
    }
  }
}
