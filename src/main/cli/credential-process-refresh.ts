// The slow path of `rolekeeper credential-process`: refresh under a per-profile lock, so concurrent
// calls for one profile share a single STS call; never waits for a person.
import { mkdirSync, statSync } from 'node:fs';
import * as path from 'node:path';
import type { AwsEnvironment } from '../core/aws-environment';
import { withFileLock } from '../core/file-lock';
import { isFreshEnough, processCacheFile, readProcessCache, toProcessCredentials, type ProcessCredentials } from '../core/process-cache';
import { refreshProfile } from '../core/refresh-service';
import { describeFailure } from './cli-support';

export async function refreshForProcess(environment: AwsEnvironment, profile: string, minValidMs: number): Promise<ProcessCredentials> {
  const file = processCacheFile(environment, profile);
  mkdirSync(path.dirname(file), { recursive: true, mode: 0o700 });
  const askedAt = Date.now();
  try {
    return await withFileLock(file, async () => {
      // Another call may have refreshed while this one waited for the lock. What it wrote after
      // this call began is as fresh as a refresh gets, even when the role's sessions are too
      // short (900 s) to ever have minValidMs left.
      const cached = readProcessCache(environment, profile);
      if (cached && isFreshEnough(cached, Date.now(), minValidMs)) return cached;
      if (cached && isFreshEnough(cached, Date.now(), 60_000) && writtenSince(file, askedAt)) return cached;
      const { credentials } = await refreshProfile(environment, profile, {});
      if (!credentials) throw new Error(`no credentials came back for profile "${profile}"`);
      return toProcessCredentials(credentials);
    });
  } catch (error) {
    throw new Error(describeFailure(error).replace(/\n\s*fix: /, ' — fix: '));
  }
}

function writtenSince(file: string, since: number): boolean {
  try {
    return statSync(file).mtimeMs >= since;
  } catch {
    return false;
  }
}
