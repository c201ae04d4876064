// Credentials in memory, and the failures a refresh can end in. Secret fields never leave main.
import { english, say, type Phrase, type Translate } from '../../../shared/i18n';
import type { FailureKind } from '../../../shared/error-kinds';
import { RolekeeperError } from './rolekeeper-error';

export interface AwsCredentials {
  accessKeyId: string;
  secretAccessKey: string;
  sessionToken?: string;
  expiration?: Date;
  accountId?: string;
}

export type { FailureKind } from '../../../shared/error-kinds';

const TRANSIENT: ReadonlySet<FailureKind> = new Set(['throttled', 'network', 'server-error']);

/** A failure's message and fix as phrases, so each front end says them in its user's language. */
export interface FailureWording {
  message: Phrase;
  /** A phrase, or a bare command that reads the same in every language. */
  fix: Phrase | string;
}

/** A refresh failure with its kind and fix. Its message never contains a secret value. */
export class RefreshError extends RolekeeperError {
  declare readonly kind: FailureKind;
  readonly fix: string;
  readonly profile: string | null;
  /** The same message and fix as phrases; null where only English text exists. */
  readonly wording: FailureWording | null;

  constructor(kind: FailureKind, message: string, fix: string, profile: string | null = null, wording: FailureWording | null = null) {
    super(message, kind, wording?.message ?? null, wording?.fix ?? (fix === '' ? null : fix));
    this.fix = fix;
    this.profile = profile;
    this.wording = wording;
    this.name = 'RefreshError';
  }

  /** A failure built from phrases: `message` and `fix` hold their English text. */
  static worded(kind: FailureKind, message: Phrase, fix: Phrase | string, profile: string | null = null): RefreshError {
    return new RefreshError(kind, say(english, message), typeof fix === 'string' ? fix : say(english, fix), profile, { message, fix });
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

/** The failure's message and fix in the translator's language; its English text where it has no phrases. */
export function failureText(error: RefreshError, t: Translate): { message: string; fix: string } {
  if (!error.wording) return { message: error.message, fix: error.fix };
  const { message, fix } = error.wording;
  return { message: say(t, message), fix: typeof fix === 'string' ? fix : say(t, fix) };
}
