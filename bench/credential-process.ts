// `rolekeeper credential-process` runs on every AWS call of every SDK: its median, served from
// Rolekeeper's process cache, against `node -e 0` on the same machine (target: under 1.5×).
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { writeProcessCache } from '../src/main/core/sinks/process-cache';
import { loadProfiles } from '../src/main/core/aws-config/profile-loader';
import { roleFingerprint } from '../src/main/core/credentials/role-fingerprint';
import { readStore } from '../src/main/core/credentials/rolekeeper-store';
import { alternate, heading, median, ms, row, timeCommand } from './measure';

const BIN = join(__dirname, '..', 'bin', 'rolekeeper.js');
const RUNS = 40;
const TARGET_RATIO = 1.5;

/** A temp HOME with one role profile whose fresh credentials sit in the process cache. */
export async function benchHome(): Promise<{ home: string; env: NodeJS.ProcessEnv }> {
  const home = mkdtempSync(join(tmpdir(), 'rolekeeper-bench-cp-'));
  mkdirSync(join(home, '.aws'), { recursive: true });
  writeFileSync(join(home, '.aws', 'config'), '[profile project1]\nrole_arn = arn:aws:iam::123456789012:role/deploy\nsource_profile = base\n');
  writeFileSync(join(home, '.aws', 'credentials'), '[base]\naws_access_key_id = AKIAIOSFODNN7EXAMPLE\naws_secret_access_key = not-a-real-secret\n');
  const env: NodeJS.ProcessEnv = {};
  for (const [key, value] of Object.entries(process.env)) {
    if (!key.startsWith('AWS_') && !key.startsWith('ROLEKEEPER_') && key !== 'XDG_CONFIG_HOME') env[key] = value;
  }
  Object.assign(env, {
    HOME: home,
    AWS_CONFIG_FILE: join(home, '.aws', 'config'),
    AWS_SHARED_CREDENTIALS_FILE: join(home, '.aws', 'credentials'),
    AWS_EC2_METADATA_DISABLED: 'true',
    // Nothing here may reach AWS: should a refresh happen after all, it fails on a closed loopback port.
    AWS_ENDPOINT_URL_STS: 'http://127.0.0.1:9',
  });
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

export async function run(): Promise<void> {
  heading('rolekeeper credential-process (served from the process cache) vs node -e 0');
  const { home, env } = await benchHome();
  try {
    // Warm the file system cache for both.
    timeCommand(process.execPath, [BIN, 'credential-process', 'project1'], env);
    timeCommand(process.execPath, ['-e', '0'], env);
    const times = alternate(
      RUNS,
      () => timeCommand(process.execPath, [BIN, 'credential-process', 'project1'], env),
      () => timeCommand(process.execPath, ['-e', '0'], env),
    );
    const ours = median(times.a);
    const baseline = median(times.b);
    const ratio = ours / baseline;
    row(`credential-process median (${RUNS} runs, alternating)`, ms(ours));
    row(`node -e 0 median (${RUNS} runs, alternating)`, ms(baseline));
    row('ratio', `${ratio.toFixed(2)}×`, { target: `< ${TARGET_RATIO}×`, met: ratio < TARGET_RATIO });
  } finally {
    rmSync(home, { recursive: true, force: true });
  }
}
