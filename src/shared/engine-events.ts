// Events of the refresh engine: profile state and notifications due. They cross to the tray's
// renderer, so they hold names, statuses, times (ISO 8601) and messages only — never a secret.
import type { ErrorKind } from './error-kinds';
import type { Phrase } from './i18n';

/**
 * - `unknown`: kept, but no expiry known yet (a first refresh is due);
 * - `fresh`: valid, refresh planned; `expiring`: valid but inside the warning window;
 * - `retrying`: the last refresh failed transiently, a retry is planned;
 * - `needs-you`: only a person can fix it (MFA code, permissions, expired source keys): no retries;
 * - `expired`: the credentials have run out.
 */
export type EngineStatus = 'unknown' | 'fresh' | 'expiring' | 'retrying' | 'needs-you' | 'expired';

export interface EngineError {
  /** The engine error's kind (`mfa-required`, `network`, …). */
  kind: ErrorKind;
  message: string;
  fix: string | null;
  /** The same message and fix as phrases, when the engine gave them: each face says them in its language. */
  wording?: { message: Phrase; fix: Phrase | string };
}

export interface ProfileEngineState {
  profile: string;
  status: EngineStatus;
  /** True while an STS call for this profile is running. */
  refreshing: boolean;
  expiresAt: string | null;
  nextRefreshAt: string | null;
  lastRefreshedAt: string | null;
  lastError: EngineError | null;
  /** Where fresh credentials are written or served (`cli-cache`, `credentials-file`, `endpoint`, …). */
  sinks: string[];
}

export type EngineChange =
  | { type: 'profile-changed'; profile: string; state: ProfileEngineState }
  | { type: 'profile-removed'; profile: string }
  /** The wall clock moved differently from the monotonic clock (clock set, or sleep/resume). */
  | { type: 'clock-jumped'; deltaMs: number };

/**
 * The one list of notification causes, for the engine, the daemon and the tray:
 * - `expires-soon`: inside the warning window and not renewed (yet);
 * - `expired`: the credentials have run out;
 * - `refresh-failed`: a refresh failed in a way retrying cannot fix;
 * - `mfa-needed`: only a fresh MFA code lets the refresh go on;
 * - `clock-skew`: AWS rejected or returned times that do not fit this computer's clock;
 * - `sso-sign-in-needed`: an IAM Identity Center session a kept profile uses ends (or ended) and
 *   cannot be renewed silently: one per session and token, carrying `ssoSession`.
 */
export type NotificationKind = 'expires-soon' | 'expired' | 'refresh-failed' | 'mfa-needed' | 'clock-skew' | 'sso-sign-in-needed';

/** Which IAM Identity Center sign-in a notification is about, and what starts its sign-in (data only). */
export interface SsoSessionNotice {
  /** The `[sso-session NAME]`, or null for a legacy start-URL sign-in. */
  session: string | null;
  startUrl: string;
  /** What the click hands to `sso:login` (the tray) or `rolekeeper sso login` (the daemon's log line). */
  signIn: { session?: string; profile?: string };
  /** The command that signs in, pasteable. */
  command: string;
}

/** A notification as data; each front end words it in its own language (see notification-text.ts). */
export interface EngineNotification {
  kind: NotificationKind;
  profile: string;
  /** The expiry the notification is about (its cause), or null when none is known. */
  expiresAt: string | null;
  /** When it became due. */
  at: string;
  /** The failure behind it in one secret-free line (an error message), or null. */
  detail: string | null;
  /** `detail` as a phrase, so each front end says it in its user's language; absent where only English exists. */
  detailWording?: Phrase;
  /** Set for `sso-sign-in-needed`: `profile` is then the first kept profile using the session. */
  ssoSession?: SsoSessionNotice;
}
