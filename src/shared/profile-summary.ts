// The data that crosses every boundary (CLI JSON, IPC, the renderer): names, types, times and
// statuses only. Nothing in here may ever hold a secret key, session token or MFA code.

import type { Phrase } from './i18n';
import type { RepairStep } from './repair-steps';

/** The kinds of credential source (core/credentials/sources/sources.ts names the same), and profiles with none. */
export type ProfileType = 'static' | 'session' | 'role' | 'sso' | 'process' | 'web-identity' | 'keychain' | 'none';

/** What a profile's credential source offers besides using it (core/credentials/sources/ says which). */
export type SourceAction = 'refresh' | 'sign-in' | 'move-to-keychain' | 'export-from-keychain';

export type CredentialStatus = 'valid' | 'expiring' | 'expired' | 'unknown' | 'error';

export type Severity = 'info' | 'warning' | 'error';

/** Where a value was read: a file and 1-based line, or an environment variable. */
export type ValueOrigin =
  | { kind: 'file'; file: string; line: number }
  | { kind: 'env'; variable: string };

export interface Finding {
  /** Stable identifier, e.g. `env-credentials-shadow-profiles`. */
  code: string;
  severity: Severity;
  profile: string | null;
  /** One line a person can read. */
  message: string;
  /**
   * Command lines only (one a line), for the shell the fix is pasted into: every line runs there.
   * Null when nothing can be typed (the advice then says what to do).
   */
  fix: string | null;
  /** What to do, in words, kept apart from the commands; null when the commands say it all. */
  advice?: string | null;
  /** The repair as typed steps (`rolekeeper fix` and the tray apply the automatic ones). */
  repair?: RepairStep[];
  file?: string;
  line?: number;
  /** The same message and fix as phrases, for front ends that word them in the user's language. */
  wording?: FindingWording;
}

/** `fix` here is the advice as a phrase; null when the finding has no words of advice. */
export interface FindingWording {
  message: Phrase;
  fix: Phrase | null;
}

/** One place credentials for a profile live now (CLI cache entry, SSO token, file keys, env vars). */
export interface CredentialLayer {
  kind: 'cli-cache' | 'sso-token' | 'static-keys' | 'session-keys' | 'environment' | 'managed-keys';
  status: CredentialStatus;
  expiresAt: string | null;
  /** A file path (never its content) or an env var name. */
  location: string;
  detail?: string;
}

/** The IAM Identity Center sign-in an SSO profile (or a chain starting at one) uses: state and end, no token. */
export interface SsoSessionSummary {
  /** The `[sso-session NAME]`, or null for a legacy start-URL sign-in. */
  session: string | null;
  startUrl: string;
  /** `renewable`: renewed silently with its refresh token; `valid`/`expiring`: works, but ends at `expiresAt`. */
  status: 'valid' | 'renewable' | 'expiring' | 'expired' | 'signed-out' | 'invalid';
  /** When the access token ends (renewable ones are renewed before). */
  expiresAt: string | null;
  /** The latest a silent renewal can happen (the client registration's end), when renewable. */
  renewableUntil: string | null;
  /** `rolekeeper sso login …` when a sign-in is needed. */
  fix: string | null;
}

export interface ProfileSummary {
  name: string;
  type: ProfileType;
  region: string | null;
  /** Profiles this one takes its credentials from, nearest first. */
  sourceChain: string[];
  status: CredentialStatus;
  expiresAt: string | null;
  error: string | null;
  /** The same error as a phrase, for front ends that word it in the user's language (`error` stays English). */
  errorWording?: Phrase;
  layers: CredentialLayer[];
  roleArn: string | null;
  /** Account id when it can be told without a call (role ARN, cache entry). */
  accountId: string | null;
  /** What its credential source offers (e.g. `move-to-keychain` for an IAM user's keys in a file); absent when nothing. */
  sourceActions?: SourceAction[];
  /** The `sso_role_name` of an SSO profile (its role has no ARN in the files). */
  ssoRoleName?: string;
  /** Set for SSO profiles and role chains whose first link is one. */
  ssoSession?: SsoSessionSummary;
  /**
   * Set for a kept profile whose sessions are too short for the AWS CLI's cache (it ignores entries
   * with under 15 min left): serve it with credential_process, the endpoint or `rolekeeper exec`.
   */
  shortSession?: ShortSessionSummary;
}

export interface ShortSessionSummary {
  sessionSeconds: number;
  /** The profile whose credential_process already asks Rolekeeper for this one, if any. */
  servedByCredentialProcess: string | null;
  /** Says so and names what serves it (credential_process, the endpoint, exec), for the user's language. */
  wording: Phrase;
}

/** The profile's expiry as epoch milliseconds, or null when none is known or it does not parse. */
export function expiryOf(profile: Pick<ProfileSummary, 'expiresAt'>): number | null {
  const time = profile.expiresAt === null ? NaN : Date.parse(profile.expiresAt);
  return Number.isNaN(time) ? null : time;
}
