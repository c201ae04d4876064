// The kinds of error the engine ends in, typed once: the faces and the IPC contract switch on
// these, never on message text.

/** What a person can do about a failed refresh or STS call; each kind has a one-line fix. */
export type FailureKind =
  | 'mfa-required'
  | 'mfa-invalid'
  | 'access-denied'
  | 'expired-source'
  | 'invalid-client-token'
  | 'region-disabled'
  | 'duration-too-long'
  | 'throttled'
  | 'network'
  | 'server-error'
  | 'clock-skew'
  | 'config'
  | 'unknown-profile'
  | 'unknown';

/** Why the engine refused or could not do something that is not a refresh. */
export type RefusalKind =
  /** Said only by its phrase (a file Rolekeeper cannot read, an export that cannot be made, …). */
  | 'refused'
  | 'another-keeper-runs'
  | 'keychain-unavailable'
  | 'file-locked'
  | 'foreign-lock'
  | 'unwritable-launch'
  | 'file-changed'
  | 'unsupported-file'
  | 'unwritable-setting'
  | 'unquotable'
  | 'scheduler-stopped'
  | 'sso-service';

export type ErrorKind = FailureKind | RefusalKind;
