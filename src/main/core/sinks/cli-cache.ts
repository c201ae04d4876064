// The AWS CLI's own cache entry (~/.aws/cli/cache/<sha1>.json), with exactly the name and schema
// the CLI computes: `aws --profile X` then uses it and makes no AssumeRole call of its own. For SSO
// profiles the entry is CLI v2's SSO role-credential entry (botocore SSOCredentialFetcher's key),
// so CLI v2 makes no SSO call either while it holds 15 minutes or more.
import * as path from 'node:path';
import { clearCliCache } from '../caches/cache-cleaner';
import { assumeRoleCacheKey, roleCacheParamsFromSettings } from '../caches/cli-cache-key';
import { cacheKeyForProfile, findCliCacheEntry, writeCliCacheEntry, writeSsoCliCacheEntry } from '../caches/cli-cache';
import { unlessRejected } from '../credentials/rejected-keys';
import type { Sink, SinkContext } from './sink';

/** A role or SSO profile as the files define it (managed profiles have their own keys sink). */
function cachedProfileInFiles(profile: string, context: SinkContext) {
  const found = context.profiles.get(profile);
  return (found?.type === 'role' || found?.type === 'sso') && !context.store.managed[profile] ? found : undefined;
}

export const cliCacheSink: Sink<'cli-cache'> = {
  kind: 'cli-cache',

  accepts: (profile, context) => cachedProfileInFiles(profile, context) !== undefined,

  async publish(profile, obtained, context, dryRun) {
    const found = cachedProfileInFiles(profile, context);
    if (!found) return null;
    const cacheDir = context.profiles.paths.cliCacheDir;
    if (found.type === 'sso') {
      const key = cacheKeyForProfile(found);
      if (!key || (!obtained.ssoRole && !dryRun)) return null;
      if (dryRun || !obtained.ssoRole || !obtained.credentials.expiration) return { kind: 'cli-cache', location: path.join(cacheDir, `${key}.json`) };
      const { accountId, roleName, sessionName, startUrl } = obtained.ssoRole;
      const location = await writeSsoCliCacheEntry(context.profiles.paths, { accountId, roleName, sessionName, startUrl }, { ...obtained.credentials, expiration: obtained.credentials.expiration });
      return { kind: 'cli-cache', location };
    }
    const params = roleCacheParamsFromSettings(found.role);
    // Only an AssumeRole answer has what the CLI keeps; a dry run still says which entry it would write.
    if (!params || (!obtained.assumedRole && !dryRun)) return null;
    const location =
      dryRun || !obtained.assumedRole
        ? path.join(cacheDir, `${assumeRoleCacheKey(params)}.json`)
        : await writeCliCacheEntry(context.profiles.paths, params, obtained.assumedRole.response);
    return { kind: 'cli-cache', location };
  },

  heldExpiry(profile, context) {
    const found = cachedProfileInFiles(profile, context);
    if (!found) return undefined;
    // An entry STS rejected (verify saw it) is as good as none, whatever its Expiration says.
    return unlessRejected(context.environment, findCliCacheEntry(found, context.profiles.paths.cliCacheDir))?.credentials.expiration ?? null;
  },

  async clear(profile, context) {
    const found = context.profiles.get(profile);
    const key = found ? cacheKeyForProfile(found) : null;
    if (!key) return 0;
    return clearCliCache(context.profiles.paths.cliCacheDir, { keys: [key] }).removed.length;
  },
};
