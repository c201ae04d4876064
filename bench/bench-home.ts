// Temp HOMEs for the bench: nothing of the machine's own AWS setup leaks in, nothing reaches AWS.
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { writeProcessCache } from '../src/main/core/sinks/process-cache';
import { loadProfiles } from '../src/main/core/aws-config/profile-loader';
import { roleFingerprint } from '../src/main/core/credentials/role-fingerprint';
import { readStore } from '../src/main/core/credentials/rolekeeper-store';
import { cliCacheEntryContent } from '../src/main/core/caches/cli-cache';
import { assumeRoleCacheKey } from '../src/main/core/caches/cli-cache-key';

const ROLE_ARN = 'arn:aws:iam::123456789012:role/deploy';

/** This process's environment without AWS_*, ROLEKEEPER_* and XDG_CONFIG_HOME, pointed at `home`. */
export function isolatedEnv(home: string, extra: NodeJS.ProcessEnv = {}): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {};
  for (const [key, value] of Object.entries(process.env)) {
    if (!key.startsWith('AWS_') && !key.startsWith('ROLEKEEPER_') && key !== 'XDG_CONFIG_HOME') env[key] = value;
  }
  return {
    ...env,
    HOME: home,
    AWS_CONFIG_FILE: join(home, '.aws', 'config'),
    AWS_SHARED_CREDENTIALS_FILE: join(home, '.aws', 'credentials'),
    AWS_EC2_METADATA_DISABLED: 'true',
    ...extra,
  };
}

/** A temp HOME with one role profile whose fresh credentials sit in the process cache. */
export async function benchHome(): Promise<{ home: string; env: NodeJS.ProcessEnv }> {
  const home = mkdtempSync(join(tmpdir(), 'rolekeeper-bench-cp-'));
  mkdirSync(join(home, '.aws'), { recursive: true });
  writeFileSync(join(home, '.aws', 'config'), `[profile project1]\nrole_arn = ${ROLE_ARN}\nsource_profile = base\n`);
  writeFileSync(join(home, '.aws', 'credentials'), '[base]\naws_access_key_id = AKIAIOSFODNN7EXAMPLE\naws_secret_access_key = not-a-real-secret\n');
  // Nothing here may reach AWS: should a refresh happen after all, it fails on a closed loopback port.
  const env = isolatedEnv(home, { AWS_ENDPOINT_URL_STS: 'http://127.0.0.1:9' });
  const environment = { env, platform: process.platform, homeDir: home };
  const fingerprint = roleFingerprint('project1', loadProfiles(environment), readStore(environment));
  await writeProcessCache(environment, 'project1', {
    accessKeyId: 'ASIABENCHBENCHBENCH0',
    secretAccessKey: 'bench-secret-not-real',
    sessionToken: 'bench-token-not-real',
    expiration: new Date(Date.now() + 3600_000),
  }, fingerprint);
  return { home, env };
}

/** A valid AWS CLI cache entry for benchHome's role (its default sink), so nothing needs a refresh. */
export function writeValidCliCacheEntry(home: string): void {
  const cacheDir = join(home, '.aws', 'cli', 'cache');
  mkdirSync(cacheDir, { recursive: true });
  writeFileSync(
    join(cacheDir, `${assumeRoleCacheKey({ roleArn: ROLE_ARN })}.json`),
    cliCacheEntryContent({
      Credentials: { AccessKeyId: 'ASIABENCHBENCHBENCH0', SecretAccessKey: 'bench-secret-not-real', SessionToken: 'bench-token-not-real', Expiration: new Date(Date.now() + 3600_000) },
      AssumedRoleUser: { AssumedRoleId: 'AROABENCH:bench', Arn: 'arn:aws:sts::123456789012:assumed-role/deploy/bench' },
    }),
  );
}
