// `rolekeeper doctor` as a user runs it: the built binary, a temp HOME, the environment passed to
// the child. Needs `npx tsc -p tsconfig.json` first.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { makeTempHome, type TempHome, withTempHome } from '../helpers/temp-home';
import { runAws, runCli, runCliAsync, type CliResult } from '../helpers/run-cli';
import { freePort, startMoto, MOTO_ACCOUNT_ID, type Moto } from '../helpers/moto';
import { startFaultProxy } from '../helpers/fault-proxy';
import { assumeRoleCacheKey } from '../../src/main/core/caches/cli-cache-key';
import { loadProfiles } from '../../src/main/core/aws-config/profile-loader';
import { summarizeProfiles } from '../../src/main/core/credentials/credential-state';
import type { Finding } from '../../src/shared/profile-summary';
import { PASTED_KEY, SECRET, SEED_CREDENTIALS, TOKEN, USER1_KEY, seedConfig } from '../helpers/seed-profiles';

const ROLE_ARN = `arn:aws:iam::${MOTO_ACCOUNT_ID}:role/Prod-Role`;

const SEED_CONFIG = seedConfig({ roleArn: ROLE_ARN, pastedExpiresAt: '2021-03-04T05:06:07Z' });
const CLEAN_CONFIG = `[profile project1]
role_arn = ${ROLE_ARN}
source_profile = user1
region = eu-west-1
`;

function cacheEntry(expiration: string): string {
  return JSON.stringify({
    Credentials: { AccessKeyId: 'ASIACACHEDEXAMPLE7', SecretAccessKey: SECRET, SessionToken: TOKEN, Expiration: expiration },
    AssumedRoleUser: { AssumedRoleId: 'AROA:s', Arn: `arn:aws:sts::${MOTO_ACCOUNT_ID}:assumed-role/Prod-Role/s` },
  });
}

/** user1's IAM keys in the credentials file always add the note that offers `vault move` (tested in test/cli/vault.test.ts and the doctor tests); the rest is what these tests look at. */
function besidesKeychainNote(findings: Finding[]): Finding[] {
  return findings.filter((item) => item.code !== 'keys-in-plain-file');
}

function doctorJson(home: TempHome, env: Record<string, string> = {}): { result: CliResult; findings: Finding[] } {
  const result = runCli(['doctor', '--offline', '--json'], { ...home.env, SHELL: '/bin/bash', ...env });
  for (const secret of [SECRET, TOKEN, USER1_KEY, PASTED_KEY, 'ASIACACHEDEXAMPLE7']) {
    assert.ok(!result.stdout.includes(secret) && !result.stderr.includes(secret), `output holds ${secret.slice(0, 4)}…`);
  }
  assert.equal(result.stderr, '');
  return { result, findings: besidesKeychainNote((JSON.parse(result.stdout) as { findings: Finding[] }).findings) };
}

function withHome(config: string, credentials: string, body: (home: TempHome) => void): void {
  withTempHome({ config, credentials }, body);
}

test('on the seed example doctor --json reports the expired pasted keys at their line and exits 1', () => {
  withHome(SEED_CONFIG, SEED_CREDENTIALS, (home) => {
    const { result, findings } = doctorJson(home);
    assert.equal(result.code, 1);
    const expired = findings.find((item) => item.code === 'session-keys-expired');
    assert.ok(expired, result.stdout);
    assert.deepEqual(
      { profile: expired.profile, severity: expired.severity, file: expired.file, line: expired.line },
      { profile: 'pasted', severity: 'error', file: home.configFile, line: 11 },
    );
    assert.match(expired.message, /expired at 2021-03-04T05:06:07Z /);
    for (const item of findings) {
      assert.deepEqual(Object.keys(item).slice(0, 5), ['code', 'severity', 'profile', 'message', 'fix']);
    }
  });
});

test('the human report groups findings under Errors, Warnings and Notes with each fix', () => {
  withHome(SEED_CONFIG, SEED_CREDENTIALS, (home) => {
    home.write(`.aws/cli/cache/${'0'.repeat(40)}.json`, cacheEntry('2099-01-01T00:00:00Z'));
    const result = runCli(['doctor', '--offline'], { ...home.env, SHELL: '/bin/bash', AWS_SESSION_TOKEN: TOKEN });
    assert.equal(result.code, 1);
    assert.match(result.stdout, /^1 error, 0 warnings, 3 notes\n\nErrors\n {2}\[session-keys-expired\] /);
    assert.match(result.stdout, /\nNotes\n(.*\n)*? {2}\[cli-cache-orphaned\] .*\n {4}fix: rm \S+0{40}\.json\n/);
    assert.match(result.stdout, / {4}fix: unset AWS_ACCESS_KEY_ID\n {9}unset AWS_SECRET_ACCESS_KEY\n/);
    assert.ok(!result.stdout.includes(TOKEN));
  });
});

test('exported keys with AWS_PROFILE set are an error naming the profile the keys belong to', () => {
  withHome(CLEAN_CONFIG, SEED_CREDENTIALS, (home) => {
    const { result, findings } = doctorJson(home, {
      AWS_ACCESS_KEY_ID: USER1_KEY,
      AWS_SECRET_ACCESS_KEY: SECRET,
      AWS_PROFILE: 'project1',
    });
    assert.equal(result.code, 1);
    assert.deepEqual(findings.map((item) => item.code), ['env-credentials-shadow-profiles']);
    assert.match(findings[0].message, /keys of profile "user1"/);
    assert.match(findings[0].fix ?? '', /^unset AWS_ACCESS_KEY_ID\n/);
  });
});

test('exported keys alone only warn, so doctor exits 0', () => {
  withHome(CLEAN_CONFIG, SEED_CREDENTIALS, (home) => {
    const { result, findings } = doctorJson(home, { AWS_ACCESS_KEY_ID: USER1_KEY, AWS_SECRET_ACCESS_KEY: SECRET, SHELL: '/usr/bin/fish' });
    assert.equal(result.code, 0);
    assert.equal(findings[0].severity, 'warning');
    assert.match(findings[0].fix ?? '', /^set --erase AWS_ACCESS_KEY_ID\n(.*\n)*export AWS_PROFILE=user1$/);
  });
});

test('a corrupt cache file of a profile is an error with rm of that file; an orphaned one is a note', () => {
  withHome(CLEAN_CONFIG, SEED_CREDENTIALS, (home) => {
    const orphan = home.write(`.aws/cli/cache/${'1'.repeat(40)}.json`, cacheEntry('2099-01-01T00:00:00Z'));
    let { result, findings } = doctorJson(home);
    assert.equal(result.code, 0);
    assert.deepEqual(findings.map((item) => [item.code, item.severity, item.fix]), [['cli-cache-orphaned', 'info', `rm ${orphan}`]]);

    const corrupt = home.write(`.aws/cli/cache/${assumeRoleCacheKey({ roleArn: ROLE_ARN })}.json`, '{"Credentials": {"AccessKeyId"');
    ({ result, findings } = doctorJson(home));
    assert.equal(result.code, 1);
    assert.deepEqual(
      findings.map((item) => [item.code, item.severity, item.profile, item.fix]),
      [
        ['cli-cache-corrupt', 'error', 'project1', `rm ${corrupt}`],
        ['cli-cache-orphaned', 'info', null, `rm ${orphan}`],
      ],
    );
  });
});

test('an unknown option is a usage error with exit code 2', () => {
  withHome(CLEAN_CONFIG, SEED_CREDENTIALS, (home) => {
    const result = runCli(['doctor', '--offline', '--bogus'], home.env);
    assert.equal(result.code, 2);
    assert.match(result.stderr, /unknown option '--bogus'/);
  });
});

let moto: Moto;
before(async () => {
  moto = await startMoto();
});
after(async () => {
  await moto.stop();
});

test('a cache entry the real AWS CLI wrote makes the role profile valid and gives doctor nothing to report', () => {
  withHome(CLEAN_CONFIG, SEED_CREDENTIALS, (home) => {
    const env = { ...home.env, AWS_DEFAULT_REGION: 'us-east-1', AWS_ENDPOINT_URL: moto.url, AWS_MAX_ATTEMPTS: '1' };
    const aws = runAws('aws', ['sts', 'get-caller-identity', '--profile', 'project1', '--output', 'json'], env);
    assert.equal(aws.code, 0, aws.stderr);
    const [project1] = summarizeProfiles({ profiles: loadProfiles(home.environment), environment: home.environment, now: new Date() }).filter(
      (summary) => summary.name === 'project1',
    );
    assert.equal(project1.status, 'valid');
    assert.equal(project1.layers[0].kind, 'cli-cache');
    assert.equal(project1.layers[0].location, `${home.home}/.aws/cli/cache/${assumeRoleCacheKey({ roleArn: ROLE_ARN })}.json`);
    assert.equal(project1.accountId, MOTO_ACCOUNT_ID);
    const { result, findings } = doctorJson(home);
    assert.deepEqual(findings, []);
    assert.equal(result.code, 0);
  });
});

async function onlineJson(home: TempHome, env: Record<string, string>): Promise<{ result: CliResult; findings: Finding[] }> {
  const result = await runCliAsync(['doctor', '--online', '--json'], { ...home.env, SHELL: '/bin/bash', AWS_DEFAULT_REGION: 'us-east-1', ...env });
  for (const secret of [SECRET, TOKEN, USER1_KEY, PASTED_KEY]) {
    assert.ok(!result.stdout.includes(secret) && !result.stderr.includes(secret), `output holds ${secret.slice(0, 4)}…`);
  }
  return { result, findings: besidesKeychainNote((JSON.parse(result.stdout) as { findings: Finding[] }).findings) };
}

test('doctor --online passes keys STS accepts and lists the profiles it could not check without AssumeRole', async () => {
  const home = makeTempHome({ config: CLEAN_CONFIG, credentials: SEED_CREDENTIALS });
  try {
    const { result, findings } = await onlineJson(home, { AWS_ENDPOINT_URL_STS: moto.url });
    assert.equal(result.code, 0, result.stdout + result.stderr);
    assert.deepEqual(findings.map((item) => item.code), ['online-not-checked']);
    assert.match(findings[0].message, /"project1"/);
  } finally {
    home.cleanup();
  }
});

test('doctor --online reports credentials STS rejects as expired, per profile, and exits 1', async () => {
  const home = makeTempHome({ config: CLEAN_CONFIG, credentials: SEED_CREDENTIALS });
  const proxy = await startFaultProxy(moto.url);
  try {
    proxy.setFault({ type: 'sts-error', status: 400, code: 'ExpiredToken', message: 'The security token included in the request is expired' });
    const { result, findings } = await onlineJson(home, { AWS_ENDPOINT_URL_STS: proxy.url });
    assert.equal(result.code, 1);
    const expired = findings.find((item) => item.profile === 'user1');
    assert.ok(expired, result.stdout);
    assert.deepEqual([expired.code, expired.severity], ['credentials-rejected', 'error']);
    assert.match(expired.message, /`aws --profile user1` signs with \(\S+, .*credentials:2\)/);
  } finally {
    await proxy.stop();
    home.cleanup();
  }
});

test('doctor --online names a role profile\'s rejected cache entry as such, with the fix that works', async () => {
  const home = makeTempHome({ config: CLEAN_CONFIG, credentials: SEED_CREDENTIALS });
  const proxy = await startFaultProxy(moto.url);
  try {
    const entry = home.write(`.aws/cli/cache/${assumeRoleCacheKey({ roleArn: ROLE_ARN })}.json`, cacheEntry(new Date(Date.now() + 50 * 60_000).toISOString()));
    proxy.setFaultForKey('ASIACACHEDEXAMPLE7', { type: 'sts-error', status: 400, code: 'ExpiredToken', message: 'The security token included in the request is expired' });
    const { result, findings } = await onlineJson(home, { AWS_ENDPOINT_URL_STS: proxy.url });
    assert.equal(result.code, 1);
    assert.deepEqual(findings.map((item) => [item.code, item.profile]), [['credentials-rejected', 'project1']], result.stdout);
    const [rejected] = findings;
    assert.ok(rejected.message.startsWith('STS rejected the credentials `aws --profile project1` signs with ('), rejected.message);
    assert.ok(rejected.message.includes(`the AWS CLI cache entry ${entry}`), rejected.message);
    assert.doesNotMatch(rejected.message + rejected.fix, /source profile/);
    // Command lines only: each runs in bash as it is.
    assert.equal(rejected.fix, `rm ${entry}\nrolekeeper refresh project1`);
    assert.deepEqual(rejected.repair, [{ kind: 'remove-cache-entry', file: entry }, { kind: 'refresh-profile', profile: 'project1' }]);
    assert.ok(!result.stdout.includes('ASIACACHEDEXAMPLE7'));
  } finally {
    await proxy.stop();
    home.cleanup();
  }
});

test('doctor --online reports a clock more than 5 minutes off as an error', async () => {
  const home = makeTempHome({ config: CLEAN_CONFIG, credentials: SEED_CREDENTIALS });
  const proxy = await startFaultProxy(moto.url);
  try {
    proxy.setFault({ type: 'skew', offsetMs: 10 * 60_000 });
    const { result, findings } = await onlineJson(home, { AWS_ENDPOINT_URL_STS: proxy.url });
    const skew = findings.find((item) => item.code === 'clock-skew');
    assert.ok(skew, result.stdout);
    assert.equal(skew.severity, 'error');
    assert.match(skew.message, /\b(9|10) min \d+ s behind AWS/);
    // The one command the person runs, as a step and as a line.
    assert.deepEqual(skew.repair?.map((step) => step.kind), ['run-command']);
    assert.match(skew.fix ?? '', /^(sudo )?timedatectl set-ntp true$/);
    assert.equal(result.code, 1);
  } finally {
    await proxy.stop();
    home.cleanup();
  }
});

test('doctor --online with STS unreachable warns once and still exits 0', async () => {
  const home = makeTempHome({ config: CLEAN_CONFIG, credentials: SEED_CREDENTIALS });
  try {
    const closed = `http://127.0.0.1:${await freePort()}`;
    const { result, findings } = await onlineJson(home, { AWS_ENDPOINT_URL_STS: closed });
    assert.deepEqual(findings.map((item) => [item.code, item.severity]), [['sts-unreachable', 'warning']]);
    assert.equal(result.code, 0);
  } finally {
    home.cleanup();
  }
});
