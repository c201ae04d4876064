// Rolekeeper's own cache, read by `rolekeeper credential-process` without loading the AWS SDK.
// Written for every refreshed profile: it is also how a later process knows what the last one got.
import { mkdirSync, rmSync } from 'node:fs';
import * as path from 'node:path';
import { processCacheContent, processCacheFile, readProcessCache, type ProcessCacheEntry } from '../caches/process-cache';
import { writeFileAtomic } from '../files/atomic-file';
import { roleFingerprint } from '../credentials/role-fingerprint';
import { isRefreshable } from '../credentials/profile-lookup';
import { isRejectedKey } from '../credentials/rejected-keys';
import type { AwsEnvironment } from '../model/aws-environment';
import type { AwsCredentials } from '../model/credentials';
import type { Sink, SinkContext } from './sink';

/** Rolekeeper's cached credentials for the profile, if they were made for its current role settings. */
export function matchingProcessCache(profile: string, context: Pick<SinkContext, 'environment' | 'profiles' | 'store'>): ProcessCacheEntry | undefined {
  const cached = readProcessCache(context.environment, profile);
  if (!cached || cached.fingerprint !== roleFingerprint(profile, context.profiles, context.store)) return undefined;
  return isRejectedKey(context.environment, cached.output.AccessKeyId) ? undefined : cached;
}

export async function writeProcessCache(environment: AwsEnvironment, profile: string, credentials: AwsCredentials, fingerprint: string): Promise<string> {
  const file = processCacheFile(environment, profile);
  mkdirSync(path.dirname(file), { recursive: true, mode: 0o700 });
  await writeFileAtomic(file, processCacheContent(credentials, fingerprint), { mode: 0o600, followSymlinks: false });
  return file;
}

export const processCacheSink: Sink<'process-cache'> = {
  kind: 'process-cache',
  always: true,

  accepts: (profile, context) => isRefreshable(profile, context.profiles, context.store),

  async publish(profile, obtained, context, dryRun) {
    if (dryRun) return null;
    const fingerprint = roleFingerprint(profile, context.profiles, context.store);
    return { kind: 'process-cache', location: await writeProcessCache(context.environment, profile, obtained.credentials, fingerprint) };
  },

  heldExpiry(profile, context) {
    const expiration = matchingProcessCache(profile, context)?.output.Expiration;
    return expiration ? new Date(expiration) : null;
  },

  async clear(profile, context) {
    const file = processCacheFile(context.environment, profile);
    const existed = readProcessCache(context.environment, profile) !== undefined;
    rmSync(file, { force: true });
    return existed ? 1 : 0;
  },
};
