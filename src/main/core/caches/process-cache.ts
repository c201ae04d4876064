// Rolekeeper's own copy of each kept profile's fresh credentials, in the exact credential_process
// format, so `rolekeeper credential-process` can answer with one file read and no AWS SDK.
// Files are 0600 in Rolekeeper's data folder, like the AWS CLI's own cache.
//
// An entry is keyed by profile name, so it also records a fingerprint of the role settings it was
// made for: after an edit of role_arn (or any role setting) the old session is not served.
import { readFileSync, statSync } from 'node:fs';
import * as path from 'node:path';
import { awsPaths, rolekeeperDataDir, storeFilePath, type AwsEnvironment } from '../model/aws-environment';
import type { AwsCredentials } from '../model/credentials';
import { isoSeconds } from '../../../shared/duration';
import { sha1Hex } from './sha1-hex';

export interface ProcessCredentials {
  Version: 1;
  AccessKeyId: string;
  SecretAccessKey: string;
  SessionToken?: string;
  Expiration?: string;
  AccountId?: string;
}

export interface ProcessCacheEntry {
  /** What `credential-process` prints. */
  output: ProcessCredentials;
  /** The role settings the credentials were made for (see roleFingerprint). */
  fingerprint: string;
  /** When the entry was written (ms). */
  writtenAt: number;
}

export function processCacheDir(environment: AwsEnvironment): string {
  return path.join(rolekeeperDataDir(environment), 'credentials');
}

export function processCacheFile(environment: AwsEnvironment, profile: string): string {
  return path.join(processCacheDir(environment), `${sha1Hex(profile)}.json`);
}

/** The credential_process JSON for these credentials; Expiration in RFC 3339 with `Z`. */
export function toProcessCredentials(credentials: AwsCredentials): ProcessCredentials {
  const output: ProcessCredentials = {
    Version: 1,
    AccessKeyId: credentials.accessKeyId,
    SecretAccessKey: credentials.secretAccessKey,
  };
  if (credentials.sessionToken) output.SessionToken = credentials.sessionToken;
  if (credentials.expiration) output.Expiration = isoSeconds(credentials.expiration);
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

export function processCacheContent(credentials: AwsCredentials, fingerprint: string): string {
  return `${JSON.stringify({ fingerprint, output: toProcessCredentials(credentials) }, null, 2)}\n`;
}

/** Reads a cached entry; undefined when absent or unreadable (the caller then refreshes). */
export function readProcessCache(environment: AwsEnvironment, profile: string): ProcessCacheEntry | undefined {
  const file = processCacheFile(environment, profile);
  try {
    const parsed = JSON.parse(readFileSync(file, 'utf8')) as Partial<ProcessCacheEntry>;
    const output = parsed.output;
    if (typeof parsed.fingerprint !== 'string' || !output || output.Version !== 1) return undefined;
    if (typeof output.AccessKeyId !== 'string' || typeof output.SecretAccessKey !== 'string') return undefined;
    return { output, fingerprint: parsed.fingerprint, writtenAt: statSync(file).mtimeMs };
  } catch {
    return undefined;
  }
}

/** True when the entry has at least `minValidMs` left (entries without expiry never go stale). */
export function isFreshEnough(entry: ProcessCacheEntry, nowMs: number, minValidMs: number): boolean {
  if (!entry.output.Expiration) return true;
  const expires = Date.parse(entry.output.Expiration);
  return Number.isFinite(expires) && expires - nowMs >= minValidMs;
}

function modifiedAt(file: string): number {
  try {
    // A missing file (often Rolekeeper's store) answers without an exception to build.
    return statSync(file, { throwIfNoEntry: false })?.mtimeMs ?? 0;
  } catch {
    return 0;
  }
}

/**
 * True when none of the files that define roles (config, credentials, Rolekeeper's store) changed
 * after the entry was written: then its fingerprint still holds without reading them. Three stats,
 * so the credential_process fast path stays fast.
 */
export function definitionsUnchangedSince(environment: AwsEnvironment, entry: ProcessCacheEntry): boolean {
  const paths = awsPaths(environment);
  const newest = Math.max(modifiedAt(paths.configFile), modifiedAt(paths.credentialsFile), modifiedAt(storeFilePath(environment)));
  return newest <= entry.writtenAt;
}
