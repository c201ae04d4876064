// The slow path of `rolekeeper credential-process`: refresh under a per-profile lock, so concurrent
// calls for one profile share a single STS call; never waits for a person.
import { mkdirSync, utimesSync } from 'node:fs';
import * as path from 'node:path';
import type { AwsEnvironment } from '../core/model/aws-environment';
import { withFileLock } from '../core/files/file-lock';
import { isFreshEnough, processCacheFile, toProcessCredentials, type ProcessCredentials } from '../core/caches/process-cache';
import { createRolekeeperService } from '../core/service/rolekeeper-service';
import { matchingProcessCache } from '../core/sinks/process-cache';
import { describeFailure, failureExitCode } from './cli-support';
import { cliTranslator } from './cli-language';

export async function refreshForProcess(environment: AwsEnvironment, profile: string, minValidMs: number): Promise<ProcessCredentials> {
  const file = processCacheFile(environment, profile);
  mkdirSync(path.dirname(file), { recursive: true, mode: 0o700 });
  const askedAt = Date.now();
  try {
    const service = createRolekeeperService({ environment });
    // Long-term keys from the keychain: handed over as they are, never cached in a file.
    if (service.isKeychainProfile(profile)) return toProcessCredentials(await service.credentialsNow(profile, 0));
    return await withFileLock(file, async () => {
      // Only an entry made for the profile's current role settings counts. Another call may have
      // refreshed while this one waited for the lock: what it wrote after this call began is as
      // fresh as a refresh gets, even when the role's sessions (900 s) never have minValidMs left.
      const cached = matchingProcessCache(profile, service.sinkContext());
      const now = Date.now();
      if (cached && (isFreshEnough(cached, now, minValidMs) || (isFreshEnough(cached, now, 60_000) && cached.writtenAt >= askedAt))) {
        // Still right after the files changed: let the fast path serve it again.
        utimesSync(file, now / 1000, now / 1000);
        return cached.output;
      }
      const { credentials } = await service.refresh(profile);
      if (!credentials) throw new Error(`no credentials came back for profile "${profile}"`);
      return toProcessCredentials(credentials);
    });
  } catch (error) {
    // One line: the AWS CLI and the SDKs show it inside their own error message.
    const t = cliTranslator(environment.env, environment.platform);
    const fix = t('cli.doctor.fix');
    throw Object.assign(new Error(describeFailure(error, t).replace(`\n  ${fix}: `, ` — ${fix}: `)), { exitCode: failureExitCode(error) });
  }
}
