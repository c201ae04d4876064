// Credentials in memory, and the failures a refresh can end in. Secret fields never leave main.

export interface AwsCredentials {
  accessKeyId: string;
  secretAccessKey: string;
  sessionToken?: string;
  expiration?: Date;
  accountId?: string;
}

/** What a person can do about a failed STS call; each kind has a one-line fix. */
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

const TRANSIENT: ReadonlySet<FailureKind> = new Set(['throttled', 'network', 'server-error']);

/** A refresh failure with its kind and fix. Its message never contains a secret value. */
export class RefreshError extends Error {
  constructor(
    readonly kind: FailureKind,
    message: string,
    readonly fix: string,
    readonly profile: string | null = null,
  ) {
    super(message);
    this.name = 'RefreshError';
  }

  /** Worth retrying with backoff (network, throttling, 5xx). */
  get transient(): boolean {
    return TRANSIENT.has(this.kind);
  }

  /** Only a person can fix it (MFA code, permissions, expired keys): stop retrying. */
  get needsYou(): boolean {
    return !this.transient;
  }
}
