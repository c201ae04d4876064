// `rolekeeper verify`, `export` and `clear-cache PROFILE` against moto_server, with the real
// AWS CLI v1 and bash consuming what they print.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { makeTempHome, type TempHome } from '../helpers/temp-home';
import { startMoto, MOTO_ACCOUNT_ID, type Moto } from '../helpers/moto';
import { runAws, runCli } from '../helpers/run-cli';
import { awsPaths } from '../../src/main/core/model/aws-environment';

const SOURCE_SECRET = 'srcsecret/srcsecret+srcsecret0000000000';
const CONFIG = [
  '[profile src]',
  'aws_access_key_id = AKIAROLEKEEPERSRC001',
  `aws_secret_access_key = ${SOURCE_SECRET}`,
  '',
  '[profile x]',
  `role_arn = arn:aws:iam::${MOTO_ACCOUNT_ID}:role/deploy`,
  'source_profile = src',
  'role_session_name = verify-me',
  '',
  '[profile y]',
  `role_arn = arn:aws:iam::${MOTO_ACCOUNT_ID}:role/read`,
  'source_profile = src',
  '',
].join('\n');
const ASSUMED_ARN = `arn:aws:sts::${MOTO_ACCOUNT_ID}:assumed-role/deploy/verify-me`;

let moto: Moto;
before(async () => {
  moto = await startMoto();
});
after(async () => {
  await moto.stop();
});

function motoEnv(home: TempHome): Record<string, string> {
  return { ...home.env, AWS_ENDPOINT_URL: moto.url, AWS_DEFAULT_REGION: 'us-east-1' };
}

/** Runs `script` in bash with `args` as $1…; returns its exit code and output. */
function bash(script: string, env: Record<string, string>, ...args: string[]): { code: number; stdout: string; stderr: string } {
  const result = spawnSync('bash', ['--noprofile', '--norc', '-c', script, 'bash', ...args], { env, encoding: 'utf8', timeout: 60_000 });
  return { code: result.status ?? -1, stdout: result.stdout, stderr: result.stderr };
}

describe('rolekeeper verify', () => {
  test('prints the account and the ARN of the assumed role', () => {
    const home = makeTempHome({ config: CONFIG });
    try {
      const result = runCli(['verify', 'x'], motoEnv(home));
      assert.equal(result.code, 0, result.stderr);
      assert.match(result.stdout, new RegExp(`^Account  ${MOTO_ACCOUNT_ID}\nArn      ${ASSUMED_ARN}\nUserId   AROA\\w+:verify-me\n$`));
      const json = runCli(['verify', 'x', '--json'], motoEnv(home));
      assert.equal(json.code, 0, json.stderr);
      assert.deepEqual(Object.keys(JSON.parse(json.stdout)), ['Account', 'Arn', 'UserId']);
      assert.equal(JSON.parse(json.stdout).Arn, ASSUMED_ARN);
      for (const text of [result.stdout, result.stderr, json.stdout]) assert.ok(!text.includes(SOURCE_SECRET));
    } finally {
      home.cleanup();
    }
  });

  test('follows a changed role_arn at once, not the session cached for the old role', () => {
    const home = makeTempHome({ config: CONFIG });
    try {
      assert.equal(runCli(['refresh', 'x'], motoEnv(home)).code, 0);
      home.write('.aws/config', CONFIG.replace('role/deploy', 'role/admin'));
      const verified = runCli(['verify', 'x', '--json'], motoEnv(home));
      assert.equal(verified.code, 0, verified.stderr);
      assert.equal(JSON.parse(verified.stdout).Arn, `arn:aws:sts::${MOTO_ACCOUNT_ID}:assumed-role/admin/verify-me`);
      const exported = runCli(['export', 'x', '--shell', 'json'], motoEnv(home));
      assert.equal(exported.code, 0, exported.stderr);
      const identity = runAws('aws', ['sts', 'get-caller-identity', '--output', 'json'], {
        ...motoEnv(home),
        AWS_ACCESS_KEY_ID: JSON.parse(exported.stdout).AccessKeyId,
        AWS_SECRET_ACCESS_KEY: JSON.parse(exported.stdout).SecretAccessKey,
        AWS_SESSION_TOKEN: JSON.parse(exported.stdout).SessionToken,
      });
      assert.equal(identity.code, 0, identity.stderr);
      assert.equal(JSON.parse(identity.stdout).Arn, `arn:aws:sts::${MOTO_ACCOUNT_ID}:assumed-role/admin/verify-me`);
    } finally {
      home.cleanup();
    }
  });

  test('of a profile with keys prints the user the keys belong to', () => {
    const home = makeTempHome({ config: CONFIG });
    try {
      const result = runCli(['verify', 'src', '--json'], motoEnv(home));
      assert.equal(result.code, 0, result.stderr);
      assert.equal(JSON.parse(result.stdout).Account, MOTO_ACCOUNT_ID);
      assert.doesNotMatch(JSON.parse(result.stdout).Arn, /assumed-role/);
    } finally {
      home.cleanup();
    }
  });
});

describe('rolekeeper export', () => {
  test('--shell bash output, eval\'d in bash, gives variables the real AWS CLI signs with', () => {
    const home = makeTempHome({ config: CONFIG });
    try {
      const exported = runCli(['export', 'x', '--shell', 'bash'], motoEnv(home));
      assert.equal(exported.code, 0, exported.stderr);
      assert.deepEqual(
        exported.stdout.trimEnd().split('\n').map((line) => line.split('=')[0]),
        ['export AWS_ACCESS_KEY_ID', 'export AWS_SECRET_ACCESS_KEY', 'export AWS_SESSION_TOKEN', 'export AWS_SECURITY_TOKEN', 'export AWS_CREDENTIAL_EXPIRATION'],
      );
      // No profile and no config: only the exported variables can answer.
      const env = { ...motoEnv(home), AWS_CONFIG_FILE: '/nonexistent/config', AWS_SHARED_CREDENTIALS_FILE: '/nonexistent/credentials' };
      const result = bash('eval "$1"; aws sts get-caller-identity --output json', env, exported.stdout);
      assert.equal(result.code, 0, result.stderr);
      assert.equal(JSON.parse(result.stdout).Arn, ASSUMED_ARN);
    } finally {
      home.cleanup();
    }
  });

  test('--unset lines clear every credential variable in bash, AWS_SECURITY_TOKEN included', () => {
    const home = makeTempHome({ config: CONFIG });
    try {
      const unset = runCli(['export', '--unset', '--shell', 'bash'], home.env);
      assert.equal(unset.code, 0, unset.stderr);
      const stale = {
        AWS_ACCESS_KEY_ID: 'ASIASTALE',
        AWS_SECRET_ACCESS_KEY: 'stale',
        AWS_SESSION_TOKEN: 'stale',
        AWS_SECURITY_TOKEN: 'stale',
        AWS_CREDENTIAL_EXPIRATION: '2020-01-01T00:00:00Z',
        AWS_REGION: 'eu-west-1',
      };
      const result = bash('eval "$1"; env | grep "^AWS_" | sort', { ...home.env, ...stale }, unset.stdout);
      assert.equal(result.code, 0, result.stderr);
      assert.equal(result.stdout, 'AWS_CONFIG_FILE=' + home.configFile + '\nAWS_EC2_METADATA_DISABLED=true\nAWS_REGION=eu-west-1\nAWS_SHARED_CREDENTIALS_FILE=' + home.credentialsFile + '\n');
    } finally {
      home.cleanup();
    }
  });

  test('--shell json prints credential_process output that the real AWS CLI accepts as such', () => {
    const home = makeTempHome({ config: CONFIG });
    try {
      const exported = runCli(['export', 'x', '--shell', 'json'], motoEnv(home));
      assert.equal(exported.code, 0, exported.stderr);
      const json = JSON.parse(exported.stdout) as Record<string, unknown>;
      assert.deepEqual(Object.keys(json), ['Version', 'AccessKeyId', 'SecretAccessKey', 'SessionToken', 'Expiration']);
      assert.equal(json.Version, 1);
      assert.match(String(json.AccessKeyId), /^ASIA/);
      const file = home.write('exported.json', exported.stdout);
      const config = `${CONFIG}\n[profile cp]\ncredential_process = cat ${file}\n`;
      home.write('.aws/config', config);
      const identity = runAws('aws', ['sts', 'get-caller-identity', '--profile', 'cp', '--output', 'json'], motoEnv(home));
      assert.equal(identity.code, 0, identity.stderr);
      assert.equal(JSON.parse(identity.stdout).Arn, ASSUMED_ARN);
    } finally {
      home.cleanup();
    }
  });
});

describe('rolekeeper clear-cache PROFILE', () => {
  test('removes the entry of that profile only', () => {
    const home = makeTempHome({ config: CONFIG });
    try {
      const refreshed = runCli(['refresh', 'x', 'y'], motoEnv(home));
      assert.equal(refreshed.code, 0, refreshed.stderr);
      const dir = awsPaths(home.environment).cliCacheDir;
      const entries = readdirSync(dir).sort();
      assert.equal(entries.length, 2);
      const entryOf = (name: string) =>
        entries.find((file) => (JSON.parse(readFileSync(join(dir, file), 'utf8')) as { AssumedRoleUser: { Arn: string } }).AssumedRoleUser.Arn.includes(`/${name}/`));
      const xEntry = entryOf('deploy');
      const yEntry = entryOf('read');
      assert.ok(xEntry && yEntry);
      const yBytes = readFileSync(join(dir, yEntry));

      const cleared = runCli(['clear-cache', 'x'], home.env);
      assert.equal(cleared.code, 0, cleared.stderr);
      assert.equal(cleared.stdout, `removed ${join(dir, xEntry)}\n`);
      assert.equal(existsSync(join(dir, xEntry)), false);
      assert.deepEqual(readdirSync(dir), [yEntry]);
      assert.deepEqual(readFileSync(join(dir, yEntry)), yBytes);
    } finally {
      home.cleanup();
    }
  });
});
