// The keys written in a profile's own section: access key, secret, session token, and the expiry
// other tools record next to pasted session keys.
import { parseCacheExpiration } from '../caches/cli-cache';
import type { ConfigValue, ResolvedProfile } from '../aws-config/profile-model';
import type { AwsCredentials } from '../model/credentials';

/** The key managed profiles keep their expiry under (the one saml2aws and others write too). */
export const EXPIRY_KEY = 'x_security_token_expires';

/** Every key Rolekeeper writes into a managed profile; the rest of its section is the user's. */
export const MANAGED_KEY_NAMES: ReadonlySet<string> = new Set(['aws_access_key_id', 'aws_secret_access_key', 'aws_session_token', 'aws_security_token', EXPIRY_KEY]);
/** Keys other tools write next to pasted session keys to record their expiry, most common first. */
export const SESSION_EXPIRY_KEYS = ['x_security_token_expires', 'aws_expiration', 'expiration', 'aws_session_expiration'] as const;

/** The session token botocore would read: aws_security_token before aws_session_token. */
export function sessionTokenOf(profile: ResolvedProfile): string | undefined {
  return profile.values.get('aws_security_token')?.value || profile.values.get('aws_session_token')?.value || undefined;
}

/** The recorded expiry of pasted session keys, and the setting it was read from. */
export interface SessionExpiry {
  setting: ConfigValue;
  key: string;
  /** Null when the value is not a timestamp with a time zone. */
  expiresAt: Date | null;
}

export function sessionKeyExpiry(profile: ResolvedProfile): SessionExpiry | null {
  for (const key of SESSION_EXPIRY_KEYS) {
    const setting = profile.values.get(key);
    if (setting) return { setting, key, expiresAt: parseCacheExpiration(setting.value) };
  }
  return null;
}

/** The static or session keys written in a profile, if it has both halves. */
export function keysOfProfile(profile: ResolvedProfile): AwsCredentials | null {
  const accessKeyId = profile.values.get('aws_access_key_id')?.value;
  const secretAccessKey = profile.values.get('aws_secret_access_key')?.value;
  if (!accessKeyId || !secretAccessKey) return null;
  const sessionToken = sessionTokenOf(profile);
  const expiration = sessionKeyExpiry(profile)?.expiresAt ?? undefined;
  return { accessKeyId, secretAccessKey, ...(sessionToken ? { sessionToken } : {}), ...(expiration ? { expiration } : {}) };
}
