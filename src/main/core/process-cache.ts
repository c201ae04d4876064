// Rolekeeper's own copy of each kept profile's fresh credentials, in the exact credential_process
// format, so `rolekeeper credential-process` can answer with one file read and no AWS SDK.
// Files are 0600 in Rolekeeper's data folder, like the AWS CLI's own cache.
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { rolekeeperDataDir, type AwsEnvironment } from './aws-environment';
import type { AwsCredentials } from './credentials';

export interface ProcessCredentials {
  Version: 1;
  AccessKeyId: string;
  SecretAccessKey: string;
  SessionToken?: string;
  Expiration?: string;
  AccountId?: string;
}

export function processCacheDir(environment: AwsEnvironment): string {
  return path.join(rolekeeperDataDir(environment), 'credentials');
}

export function processCacheFile(environment: AwsEnvironment, profile: string): string {
  const key = createHash('sha1').update(profile, 'utf8').digest('hex');
  return path.join(processCacheDir(environment), `${key}.json`);
}

/** The credential_process JSON for these credentials; Expiration in RFC 3339 with `Z`. */
export function toProcessCredentials(credentials: AwsCredentials): ProcessCredentials {
  const output: ProcessCredentials = {
    Version: 1,
    AccessKeyId: credentials.accessKeyId,
    SecretAccessKey: credentials.secretAccessKey,
  };
  if (credentials.sessionToken) output.SessionToken = credentials.sessionToken;
  if (credentials.expiration) output.Expiration = credentials.expiration.toISOString().replace(/\.\d{3}Z$/, 'Z');
  if (credentials.accountId) output.AccountId = credentials.accountId;
  return output;
}

export function fromProcessCredentials(value: ProcessCredentials): AwsCredentials {
  return {
    accessKeyId: value.AccessKeyId,
    secretAccessKey: value.SecretAccessKey,
    sessionToken: value.SessionToken,
    expiration: value.Expiration ? new Date(value.Expiration) : undefined,
    accountId: value.AccountId,
  };
}

/** Reads a cached entry; undefined when absent or unreadable (the caller then refreshes). */
export function readProcessCache(environment: AwsEnvironment, profile: string): ProcessCredentials | undefined {
  try {
    const parsed = JSON.parse(readFileSync(processCacheFile(environment, profile), 'utf8')) as ProcessCredentials;
    if (parsed.Version !== 1 || typeof parsed.AccessKeyId !== 'string' || typeof parsed.SecretAccessKey !== 'string') {
      return undefined;
    }
    return parsed;
  } catch {
    return undefined;
  }
}

/** True when the entry has at least `minValidMs` left (entries without expiry never go stale). */
export function isFreshEnough(entry: ProcessCredentials, nowMs: number, minValidMs: number): boolean {
  if (!entry.Expiration) return true;
  const expires = Date.parse(entry.Expiration);
  return Number.isFinite(expires) && expires - nowMs >= minValidMs;
}
