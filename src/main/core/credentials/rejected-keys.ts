// Access keys STS has rejected (expired, revoked, unknown), remembered so that an expiry check
// (`refresh --min-valid`, the scheduler) does not call a cache entry "valid until 14:00" when STS
// just refused it. Only a one-way fingerprint of each key id is stored, in a 0600 file in
// Rolekeeper's data folder; a fingerprint is forgotten once the credentials would have expired anyway.
import { createHash } from 'node:crypto';
import { mkdirSync, readFileSync } from 'node:fs';
import * as path from 'node:path';
import { rolekeeperDataDir, type AwsEnvironment } from '../model/aws-environment';
import { writeFileAtomic } from '../files/atomic-file';
import type { CliCacheEntry } from '../caches/cli-cache';
import type { FailureKind } from '../model/credentials';

interface RejectedKey {
  fingerprint: string;
  rejectedAt: string;
  /** When the rejected credentials would have expired; null when they carry no expiry. */
  forgetAfter: string | null;
}

interface RejectedKeysFile {
  version: 1;
  keys: RejectedKey[];
}

/** Keys without an expiry (long-term keys) are forgotten after this long. */
const FORGET_UNDATED_AFTER_MS = 7 * 24 * 3600_000;
const MAX_REMEMBERED = 256;

/** The STS failure kinds that mean "these credentials are no good", as opposed to network or clock trouble. */
export const KEY_REJECTION_KINDS: ReadonlySet<FailureKind> = new Set(['expired-source', 'invalid-client-token']);

export function rejectedKeysFile(environment: AwsEnvironment): string {
  return path.join(rolekeeperDataDir(environment), 'rejected-keys.json');
}

/** sha256 of the key id, truncated: enough to recognise the key, useless to anyone reading the file. */
export function accessKeyFingerprint(accessKeyId: string): string {
  return createHash('sha256').update(`rolekeeper-rejected-key:${accessKeyId}`, 'utf8').digest('hex').slice(0, 32);
}

function readRejected(environment: AwsEnvironment): RejectedKey[] {
  try {
    const parsed = JSON.parse(readFileSync(rejectedKeysFile(environment), 'utf8')) as Partial<RejectedKeysFile>;
    return Array.isArray(parsed.keys) ? parsed.keys.filter((key) => typeof key?.fingerprint === 'string') : [];
  } catch {
    // Missing or damaged: nothing is known to be rejected, which is what the file's absence means too.
    return [];
  }
}

function stillRelevant(key: RejectedKey, now: number): boolean {
  const until = key.forgetAfter ? Date.parse(key.forgetAfter) : Date.parse(key.rejectedAt) + FORGET_UNDATED_AFTER_MS;
  return Number.isNaN(until) || until > now;
}

/** Cheap check before resolving every profile: has STS rejected anything lately? */
export function hasRejectedKeys(environment: AwsEnvironment): boolean {
  return readRejected(environment).length > 0;
}

export function isRejectedKey(environment: AwsEnvironment, accessKeyId: string): boolean {
  const fingerprint = accessKeyFingerprint(accessKeyId);
  return readRejected(environment).some((key) => key.fingerprint === fingerprint);
}

/** Records that STS rejected `accessKeyId`; `expiresAt` is when those credentials would expire anyway. */
export async function rememberRejectedKey(
  environment: AwsEnvironment,
  accessKeyId: string,
  options: { expiresAt?: Date | null; now?: number } = {},
): Promise<void> {
  const now = options.now ?? Date.now();
  const fingerprint = accessKeyFingerprint(accessKeyId);
  const kept = readRejected(environment).filter((key) => key.fingerprint !== fingerprint && stillRelevant(key, now));
  kept.push({ fingerprint, rejectedAt: new Date(now).toISOString(), forgetAfter: options.expiresAt ? options.expiresAt.toISOString() : null });
  const file = rejectedKeysFile(environment);
  mkdirSync(path.dirname(file), { recursive: true, mode: 0o700 });
  const content: RejectedKeysFile = { version: 1, keys: kept.slice(-MAX_REMEMBERED) };
  await writeFileAtomic(file, `${JSON.stringify(content, null, 2)}\n`, { mode: 0o600, followSymlinks: false });
}

/** The entry, unless STS has rejected its key: an expiry check must then treat it as absent. */
export function unlessRejected<T extends Pick<CliCacheEntry, 'credentials'>>(environment: AwsEnvironment, entry: T | undefined): T | undefined {
  return entry && !isRejectedKey(environment, entry.credentials.accessKeyId) ? entry : undefined;
}
