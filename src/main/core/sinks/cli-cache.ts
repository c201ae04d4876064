// The AWS CLI's own cache entry (~/.aws/cli/cache/<sha1>.json), with exactly the name and schema
// the CLI computes: `aws --profile X` then uses it and makes no AssumeRole call of its own.
import * as path from 'node:path';
import { clearCliCache } from '../caches/cache-cleaner';
import { assumeRoleCacheKey, roleCacheParamsFromSettings } from '../caches/cli-cache-key';
import { cacheKeyForProfile, findCliCacheEntry, writeCliCacheEntry } from '../caches/cli-cache';
import { unlessRejected } from '../credentials/rejected-keys';
import type { Sink, SinkContext } from './sink';

function roleProfileInFiles(profile: string, context: SinkContext) {
  const found = context.profiles.get(profile);
  return found?.type === 'role' && !context.store.managed[profile] ? found : undefined;
}

export const cliCacheSink: Sink<'cli-cache'> = {
  kind: 'cli-cache',

  accepts: (profile, context) => roleProfileInFiles(profile, context) !== undefined,

  async publish(profile, obtained, context, dryRun) {
    const role = roleProfileInFiles(profile, context);
    const params = role ? roleCacheParamsFromSettings(role.role) : null;
    // Only an AssumeRole answer has what the CLI keeps; a dry run still says which entry it would write.
    if (!params || (!obtained.assumedRole && !dryRun)) return null;
    const cacheDir = context.profiles.paths.cliCacheDir;
    const location =
      dryRun || !obtained.assumedRole
        ? path.join(cacheDir, `${assumeRoleCacheKey(params)}.json`)
        : await writeCliCacheEntry(context.profiles.paths, params, obtained.assumedRole.response);
    return { kind: 'cli-cache', location };
  },

  heldExpiry(profile, context) {
    const role = roleProfileInFiles(profile, context);
    if (!role) return undefined;
    // An entry STS rejected (verify saw it) is as good as none, whatever its Expiration says.
    return unlessRejected(context.environment, findCliCacheEntry(role, context.profiles.paths.cliCacheDir))?.credentials.expiration ?? null;
  },

  async clear(profile, context) {
    const found = context.profiles.get(profile);
    const key = found ? cacheKeyForProfile(found) : null;
    if (!key) return 0;
    return clearCliCache(context.profiles.paths.cliCacheDir, { keys: [key] }).removed.length;
  },
};
