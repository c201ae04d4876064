// `aws sts get-caller-identity --profile X` with an expired AWS CLI cache entry (the CLI must call
// AssumeRole; 200 ms latency added at a proxy in front of moto_server) vs after `rolekeeper refresh X`
// (a cache hit: no AssumeRole). The command's own STS call goes straight to moto in both cases.
// Everything on loopback; the real CLIs v1 (`aws`) and v2 (`/usr/bin/aws`).
import { spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { awsPaths, type AwsEnvironment } from '../src/main/core/model/aws-environment';
import { writeCliCacheEntry } from '../src/main/core/caches/cli-cache';
import { createRolekeeperService } from '../src/main/core/service/rolekeeper-service';
import { cleanEnv } from '../test/helpers/temp-home';
import { startMoto } from '../test/helpers/moto';
import { startFaultProxy } from '../test/helpers/fault-proxy';
import { AWS_CLIS, awsCliEnv } from '../test/helpers/aws-cli';
import { heading, median, ms, row } from './measure';

const RUNS = 7;
const LATENCY_MS = 200;
const ROLE_ARN = 'arn:aws:iam::123456789012:role/deploy';

function makeHome(prefix: string): { home: string; environment: AwsEnvironment } {
  const home = mkdtempSync(join(tmpdir(), prefix));
  mkdirSync(join(home, '.aws'), { recursive: true });
  writeFileSync(
    join(home, '.aws', 'config'),
    `[profile base]\naws_access_key_id = AKIAROLEKEEPERBENCH1\naws_secret_access_key = bench-secret-not-real\n\n[profile x]\nrole_arn = ${ROLE_ARN}\nsource_profile = base\n`,
  );
  const env = cleanEnv({ HOME: home, AWS_CONFIG_FILE: join(home, '.aws', 'config'), AWS_SHARED_CREDENTIALS_FILE: join(home, '.aws', 'credentials') });
  return { home, environment: { env, platform: process.platform, homeDir: home } };
}

/** An entry the CLI must ignore: it expired an hour ago. */
function expireEntry(environment: AwsEnvironment): Promise<string> {
  return writeCliCacheEntry(awsPaths(environment), { roleArn: ROLE_ARN }, {
    Credentials: {
      AccessKeyId: 'ASIABENCHEXPIRED0001',
      SecretAccessKey: 'expired-secret-not-real',
      SessionToken: 'expired-token-not-real',
      Expiration: new Date(Date.now() - 3600_000),
    },
    AssumedRoleUser: { AssumedRoleId: 'AROABENCH:expired', Arn: 'arn:aws:sts::123456789012:assumed-role/deploy/expired' },
  });
}

/** Wall time of one CLI run, without blocking this process (the proxy runs in it). */
function timeAws(binary: string, args: string[], env: Record<string, string>): Promise<number> {
  return new Promise((resolve, reject) => {
    const started = process.hrtime.bigint();
    const child = spawn(binary, args, { env, stdio: ['ignore', 'ignore', 'pipe'] });
    let stderr = '';
    child.stderr.on('data', (chunk) => (stderr += chunk));
    child.on('error', reject);
    child.on('close', (code) => {
      const elapsed = Number(process.hrtime.bigint() - started) / 1e6;
      if (code === 0) resolve(elapsed);
      else reject(new Error(`${binary} ${args.join(' ')} failed (${code}): ${stderr.trim()}`));
    });
  });
}

export async function run(): Promise<void> {
  heading(`aws sts get-caller-identity --profile X: expired cache entry (AssumeRole +${LATENCY_MS} ms) vs after rolekeeper refresh`);
  const moto = await startMoto();
  const proxy = await startFaultProxy(moto.url);
  proxy.setFault({ type: 'latency', ms: LATENCY_MS });
  const expired = makeHome('rolekeeper-bench-expired-');
  const fresh = makeHome('rolekeeper-bench-fresh-');
  try {
    await createRolekeeperService({ environment: { ...fresh.environment, env: { ...fresh.environment.env, AWS_ENDPOINT_URL: moto.url } } }).refresh('x');
    for (const cli of AWS_CLIS) {
      // The assume-role client goes through the slow proxy; the command's own call to moto directly.
      const args = ['sts', 'get-caller-identity', '--profile', 'x', '--endpoint-url', moto.url];
      const expiredEnv = awsCliEnv({ version: cli.version, base: expired.environment.env as Record<string, string>, stsEndpoint: proxy.url });
      const freshEnv = awsCliEnv({ version: cli.version, base: fresh.environment.env as Record<string, string>, stsEndpoint: proxy.url });
      const timesExpired: number[] = [];
      const timesFresh: number[] = [];
      const assumeRolesBefore = proxy.requestsFor('AssumeRole').length;
      // One untimed round each to warm the file system cache and Python's bytecode.
      await expireEntry(expired.environment);
      await timeAws(cli.binary, args, expiredEnv);
      await timeAws(cli.binary, args, freshEnv);
      for (let i = 0; i < RUNS; i++) {
        await expireEntry(expired.environment);
        timesExpired.push(await timeAws(cli.binary, args, expiredEnv));
        timesFresh.push(await timeAws(cli.binary, args, freshEnv));
      }
      const assumeRoles = proxy.requestsFor('AssumeRole').length - assumeRolesBefore;
      const slow = median(timesExpired);
      const fast = median(timesFresh);
      row(`${cli.name} expired entry, median of ${RUNS}`, ms(slow));
      row(`${cli.name} after rolekeeper refresh (hit), median of ${RUNS}`, ms(fast));
      row(`${cli.name} ratio expired / hit`, `${(slow / fast).toFixed(2)}×`);
      row(`${cli.name} AssumeRole calls (expected ${RUNS + 1}: expired runs only)`, String(assumeRoles));
    }
  } finally {
    await proxy.stop();
    await moto.stop();
    rmSync(expired.home, { recursive: true, force: true });
    rmSync(fresh.home, { recursive: true, force: true });
  }
}

if (require.main === module) {
  run().catch((error: unknown) => {
    process.stderr.write(`${error instanceof Error ? error.stack : String(error)}\n`);
    process.exitCode = 1;
  });
}
