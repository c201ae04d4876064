// `rolekeeper verify` and the real AWS CLI v1 and v2 must agree: both sign with the AWS CLI's
// cache entry, so when STS rejects that entry (here: the fault proxy answers ExpiredToken for its
// key id only) both fail, verify names the entry and the fix, and after that fix both work again.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { makeTempHome, type TempHome } from '../helpers/temp-home';
import { MOTO_ACCOUNT_ID } from '../helpers/moto';
import { motoBehindProxy } from '../helpers/fault-proxy';
import { AWS_CLIS, awsCliEnv, runAwsAsync, type AwsCliSpec } from '../helpers/aws-cli';
import { runCliAsync, type CliResult } from '../helpers/run-cli';
import { awsPaths } from '../../src/main/core/model/aws-environment';
import { assumeRoleCacheKey } from '../../src/main/core/caches/cli-cache-key';
import { readCliCacheEntry, isCacheProblem, type CliCacheEntry } from '../../src/main/core/caches/cli-cache';
import { readProcessCache } from '../../src/main/core/caches/process-cache';
import { rejectedKeysFile } from '../../src/main/core/credentials/rejected-keys';

const ROLE_ARN = `arn:aws:iam::${MOTO_ACCOUNT_ID}:role/deploy`;
const ASSUMED_ARN = `arn:aws:sts::${MOTO_ACCOUNT_ID}:assumed-role/deploy/agree`;
const SOURCE_SECRET = 'srcsecret/agree+srcsecret00000000000000';
const CONFIG = [
  '[profile src]',
  'aws_access_key_id = AKIAROLEKEEPERAGREE1',
  `aws_secret_access_key = ${SOURCE_SECRET}`,
  '',
  '[profile x]',
  `role_arn = ${ROLE_ARN}`,
  'source_profile = src',
  'role_session_name = agree',
  '',
].join('\n');
const EXPIRED_TOKEN = { type: 'sts-error', status: 400, code: 'ExpiredToken', message: 'The security token included in the request is expired' } as const;

const rig = motoBehindProxy();

function rolekeeperEnv(home: TempHome): Record<string, string> {
  return { ...home.env, AWS_ENDPOINT_URL_STS: rig.proxy.url, AWS_DEFAULT_REGION: 'us-east-1', SHELL: '/bin/bash' };
}

function cliEnv(home: TempHome, cli: AwsCliSpec): Record<string, string> {
  return awsCliEnv({ version: cli.version, base: home.env, stsEndpoint: rig.proxy.url });
}

function callerIdentity(home: TempHome, cli: AwsCliSpec): Promise<CliResult> {
  return runAwsAsync(cli.binary, ['sts', 'get-caller-identity', '--profile', 'x', '--output', 'json'], cliEnv(home, cli));
}

function entryOfX(home: TempHome): CliCacheEntry {
  const read = readCliCacheEntry(awsPaths(home.environment).cliCacheDir, assumeRoleCacheKey({ roleArn: ROLE_ARN, roleSessionName: 'agree' }));
  assert.ok(read && !isCacheProblem(read), 'the cache entry of profile x exists and is readable');
  return read;
}

/** The GetCallerIdentity requests that arrived while `body` ran. */
async function callsDuring<T>(body: () => Promise<T>): Promise<{ result: T; identityKeys: Array<string | null>; assumeRoles: number }> {
  const mark = rig.proxy.requests.length;
  const result = await body();
  const seen = rig.proxy.requests.slice(mark);
  return {
    result,
    identityKeys: seen.filter((request) => request.form.Action === 'GetCallerIdentity').map((request) => request.accessKeyId),
    assumeRoles: seen.filter((request) => request.form.Action === 'AssumeRole').length,
  };
}

function assertNoSecret(entry: CliCacheEntry, ...outputs: string[]): void {
  for (const output of outputs) {
    for (const secret of [entry.credentials.secretAccessKey, entry.credentials.sessionToken, SOURCE_SECRET]) {
      assert.ok(!output.includes(secret), 'no secret in any output');
    }
  }
}

describe('rolekeeper verify and the real AWS CLIs', () => {
  test('fail together on a cache entry STS rejects, verify names it and the fix, and after that fix all agree', async () => {
    const home = makeTempHome({ config: CONFIG });
    try {
      // Rolekeeper's own cache holds one session (K1); the AWS CLI then assumes the role itself and
      // caches another (K2). Before the fix, verify signed with K1 and passed while the CLI failed on K2.
      const first = await runCliAsync(['refresh', 'x'], rolekeeperEnv(home));
      assert.equal(first.code, 0, first.stderr);
      assert.equal((await runCliAsync(['clear-cache', 'x'], home.env)).code, 0);
      const assumed = await callerIdentity(home, AWS_CLIS[0]);
      assert.equal(assumed.code, 0, assumed.stderr);
      const entry = entryOfX(home);
      const processKey = readProcessCache(home.environment, 'x')?.output.AccessKeyId;
      assert.ok(processKey && processKey !== entry.credentials.accessKeyId, 'Rolekeeper holds another session than the CLI cache');
      assert.ok(entry.credentials.expiration.getTime() - Date.now() > 50 * 60_000, 'the entry is well in date');
      const entryBytes = readFileSync(entry.file, 'utf8');

      rig.proxy.setFaultForKey(entry.credentials.accessKeyId, EXPIRED_TOKEN);

      for (const cli of AWS_CLIS) {
        const { result, identityKeys } = await callsDuring(() => callerIdentity(home, cli));
        assert.notEqual(result.code, 0, `${cli.name} must fail`);
        assert.match(result.stderr, /An error occurred \(ExpiredToken\) when calling the GetCallerIdentity operation/, cli.name);
        assert.deepEqual(identityKeys, [entry.credentials.accessKeyId], `${cli.name} signed with the cache entry`);
        assert.equal(readFileSync(entry.file, 'utf8'), entryBytes, `${cli.name} left the in-date entry as it was`);
      }

      const { result: verified, identityKeys, assumeRoles } = await callsDuring(() => runCliAsync(['verify', 'x'], rolekeeperEnv(home)));
      assert.equal(verified.code, 1, verified.stdout + verified.stderr);
      assert.equal(verified.stdout, '');
      assert.deepEqual(identityKeys, [entry.credentials.accessKeyId], 'verify signed with the cache entry, as the CLI does');
      assert.equal(assumeRoles, 0);
      const [message, fix, ...rest] = verified.stderr.trimEnd().split('\n');
      assert.deepEqual(rest, []);
      assert.match(message, /^rolekeeper: GetCallerIdentity for profile "x" failed: ExpiredToken: The security token included in the request is expired; rejected: the AWS CLI cache entry /);
      assert.ok(message.includes(entry.file), 'the message names the cache entry file');
      assert.match(message, /which `aws --profile x` signs with until /);
      assert.match(fix, /^ {2}fix: rolekeeper refresh x \(or rolekeeper clear-cache x, /);
      assertNoSecret(entry, verified.stdout, verified.stderr);

      // The rejection is remembered as a fingerprint only, in a 0600 file.
      const remembered = rejectedKeysFile(home.environment);
      assert.equal(statSync(remembered).mode & 0o777, 0o600);
      assert.ok(!readFileSync(remembered, 'utf8').includes(entry.credentials.accessKeyId));

      const refreshed = await callsDuring(() => runCliAsync(['refresh', 'x', '--min-valid', '45m'], rolekeeperEnv(home)));
      assert.equal(refreshed.result.code, 0, refreshed.result.stderr);
      assert.match(refreshed.result.stdout, /^x: refreshed, valid until /);
      assert.doesNotMatch(refreshed.result.stdout, /still/);
      assert.equal(refreshed.assumeRoles, 1);
      const fresh = entryOfX(home);
      assert.notEqual(fresh.credentials.accessKeyId, entry.credentials.accessKeyId);

      const arns: string[] = [];
      for (const cli of AWS_CLIS) {
        const { result, identityKeys: keys } = await callsDuring(() => callerIdentity(home, cli));
        assert.equal(result.code, 0, `${cli.name}: ${result.stderr}`);
        assert.deepEqual(keys, [fresh.credentials.accessKeyId], cli.name);
        arns.push(JSON.parse(result.stdout).Arn);
      }
      const again = await callsDuring(() => runCliAsync(['verify', 'x', '--json'], rolekeeperEnv(home)));
      assert.equal(again.result.code, 0, again.result.stderr);
      assert.deepEqual(again.identityKeys, [fresh.credentials.accessKeyId]);
      arns.push(JSON.parse(again.result.stdout).Arn);
      assert.deepEqual(arns, [ASSUMED_ARN, ASSUMED_ARN, ASSUMED_ARN]);
    } finally {
      home.cleanup();
    }
  });

  test('succeed together on a cache entry STS accepts, and verify signs with that entry\'s key', async () => {
    const home = makeTempHome({ config: CONFIG });
    try {
      const written = await callerIdentity(home, AWS_CLIS[1]);
      assert.equal(written.code, 0, written.stderr);
      const entry = entryOfX(home);

      const verified = await callsDuring(() => runCliAsync(['verify', 'x', '--json'], rolekeeperEnv(home)));
      assert.equal(verified.result.code, 0, verified.result.stderr);
      assert.deepEqual(verified.identityKeys, [entry.credentials.accessKeyId], 'verify signed with the entry\'s key');
      assert.equal(verified.assumeRoles, 0, 'verify assumed nothing: the CLI would not have either');
      assert.equal(existsSync(join(home.home, '.config', 'Rolekeeper', 'credentials')), false, 'verify used no cache of its own');

      for (const cli of AWS_CLIS) {
        const { result, identityKeys, assumeRoles } = await callsDuring(() => callerIdentity(home, cli));
        assert.equal(result.code, 0, `${cli.name}: ${result.stderr}`);
        assert.deepEqual(identityKeys, [entry.credentials.accessKeyId], cli.name);
        assert.equal(assumeRoles, 0, cli.name);
        assert.equal(JSON.parse(result.stdout).Arn, JSON.parse(verified.result.stdout).Arn, cli.name);
      }
      assert.equal(JSON.parse(verified.result.stdout).Arn, ASSUMED_ARN);
      assertNoSecret(entry, verified.result.stdout, verified.result.stderr);
    } finally {
      home.cleanup();
    }
  });
});
