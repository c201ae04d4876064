// The slow path of `rolekeeper credential-process`: refresh under a per-profile lock, so concurrent
// calls for one profile share a single STS call; never waits for a person.
import { mkdirSync, utimesSync } from 'node:fs';
import * as path from 'node:path';
import type { AwsEnvironment } from '../core/aws-config/aws-environment';
import { withFileLock } from '../core/files/file-lock';
import { isFreshEnough, processCacheFile, toProcessCredentials, type ProcessCredentials } from '../core/caches/process-cache';
import { loadProfiles } from '../core/aws-config/profile-loader';
import { matchingProcessCache, refreshProfile } from '../core/credentials/refresh-service';
import { readStore } from '../core/credentials/rolekeeper-store';
import { describeFailure } from './cli-support';

export async function refreshForProcess(environment: AwsEnvironment, profile: string, minValidMs: number): Promise<ProcessCredentials> {
  const file = processCacheFile(environment, profile);
  mkdirSync(path.dirname(file), { recursive: true, mode: 0o700 });
  const askedAt = Date.now();
  try {
    return await withFileLock(file, async () => {
      const profiles = loadProfiles(environment);
      const store = readStore(environment);
      // Only an entry made for the profile's current role settings counts. Another call may have
      // refreshed while this one waited for the lock: what it wrote after this call began is as
      // fresh as a refresh gets, even when the role's sessions (900 s) never have minValidMs left.
      const cached = matchingProcessCache(environment, profile, profiles, store);
      const now = Date.now();
      if (cached && (isFreshEnough(cached, now, minValidMs) || (isFreshEnough(cached, now, 60_000) && cached.writtenAt >= askedAt))) {
        // Still right after the files changed: let the fast path serve it again.
        utimesSync(file, now / 1000, now / 1000);
        return cached.output;
      }
      const { credentials } = await refreshProfile(environment, profile, { profiles, store });
      if (!credentials) throw new Error(`no credentials came back for profile "${profile}"`);
      return toProcessCredentials(credentials);
    });
  } catch (error) {
    throw new Error(describeFailure(error).replace(/\n\s*fix: /, ' — fix: '));
  }
}
