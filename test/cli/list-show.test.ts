// Runs the built binary (npx tsc -p tsconfig.json first) on the seed article's example files.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { awsPaths } from '../../src/main/core/model/aws-environment';
import { writeCliCacheEntry } from '../../src/main/core/caches/cli-cache';
import { runCli } from '../helpers/run-cli';
import { makeTempHome, type TempHome } from '../helpers/temp-home';

const fixture = (name: string): string => readFileSync(join(__dirname, '..', 'fixtures', 'profiles', name), 'utf8');
const SEED_SECRETS = ['wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY', 'je7MtGbClwBF/2Zp9Utk/h3yCo8nvbEXAMPLEKEY', 'FwoGZXIvYXdzEXAMPLETOKENVALUEabcd'];

function seedHome(): TempHome {
  return makeTempHome({ config: fixture('seed-config'), credentials: fixture('seed-credentials') });
}

function assertNoSecrets(text: string): void {
  for (const secret of SEED_SECRETS) assert.equal(text.includes(secret), false, 'a secret was printed');
}

test('list --json gives name, type, region, source chain, status, expiry and error for the seed profiles', (t) => {
  const home = seedHome();
  t.after(() => home.cleanup());
  const result = runCli(['list', '--json'], home.env);
  assert.equal(result.code, 0, result.stderr);
  assert.deepEqual(JSON.parse(result.stdout), [
    { name: 'project1', type: 'role', region: 'eu-west-1', sourceChain: ['user1'], status: 'unknown', expiresAt: null, error: null },
    { name: 'pasted', type: 'session', region: 'eu-west-1', sourceChain: [], status: 'unknown', expiresAt: null, error: null },
    { name: 'default', type: 'static', region: 'us-east-1', sourceChain: [], status: 'valid', expiresAt: null, error: null },
    { name: 'user1', type: 'static', region: null, sourceChain: [], status: 'valid', expiresAt: null, error: null },
  ]);
  assertNoSecrets(result.stdout + result.stderr);
});

test('list shows a role profile valid, then expiring, from the AWS CLI cache entry it would use', async (t) => {
  const home = seedHome();
  t.after(() => home.cleanup());
  const statusWith = async (minutesLeft: number) => {
    const expiration = new Date(Date.now() + minutesLeft * 60_000);
    await writeCliCacheEntry(awsPaths(home.environment), { roleArn: 'arn:aws:iam::123456789012:role/Prod-Role' }, {
      Credentials: { AccessKeyId: 'ASIAEXAMPLEEXAMPLE01', SecretAccessKey: 'entry-secret-not-printed', SessionToken: 'entry-token-not-printed', Expiration: expiration },
      AssumedRoleUser: { AssumedRoleId: 'AROAEXAMPLE:s', Arn: 'arn:aws:sts::123456789012:assumed-role/Prod-Role/s' },
    });
    const result = runCli(['list', '--json'], home.env);
    assert.ok(!result.stdout.includes('entry-secret-not-printed') && !result.stdout.includes('entry-token-not-printed'));
    const row = (JSON.parse(result.stdout) as Array<{ name: string; status: string; expiresAt: string | null }>).find((r) => r.name === 'project1')!;
    return { status: row.status, expiresAt: row.expiresAt, expected: `${expiration.toISOString().slice(0, 19)}` };
  };
  const fresh = await statusWith(50);
  assert.equal(fresh.status, 'valid');
  assert.equal(fresh.expiresAt?.slice(0, 19), fresh.expected);
  assert.equal((await statusWith(10)).status, 'expiring');
  assert.equal((await statusWith(-5)).status, 'expired');
});

test('list prints a table with a row per profile', (t) => {
  const home = seedHome();
  t.after(() => home.cleanup());
  const result = runCli(['list'], home.env);
  assert.equal(result.code, 0, result.stderr);
  const lines = result.stdout.trimEnd().split('\n');
  assert.match(lines[0], /^NAME\s+TYPE\s+REGION\s+STATUS\s+EXPIRES\s+SOURCE CHAIN$/);
  assert.match(lines[1], /^project1\s+role\s+eu-west-1\s+unknown\s+-\s+user1$/);
  assert.match(lines[3], /^default\s+static\s+us-east-1\s+valid\s+-\s+-$/);
  assert.equal(lines.length, 5);
});

test('list reports a broken source profile in the error field with file and line', (t) => {
  const home = makeTempHome({ config: fixture('seed-config') });
  t.after(() => home.cleanup());
  const rows = JSON.parse(runCli(['list', '--json'], home.env).stdout) as Array<{ name: string; error: string | null }>;
  const project1 = rows.find((r) => r.name === 'project1')!;
  assert.equal(project1.error, `${home.configFile}:3: the source_profile "user1" referenced in the profile "project1" does not exist`);
});

test('list names a config file the AWS CLI refuses on stderr, still lists the credentials profiles and exits 1', (t) => {
  const home = makeTempHome({ config: fixture('duplicate-section-config'), credentials: fixture('seed-credentials') });
  t.after(() => home.cleanup());
  const result = runCli(['list', '--json'], home.env);
  assert.equal(result.code, 1);
  assert.deepEqual((JSON.parse(result.stdout) as Array<{ name: string }>).map((r) => r.name), ['default', 'user1']);
  assert.ok(result.stderr.includes(`${home.configFile}:7: section [profile a] appears twice`), result.stderr);
});

test('show lists every setting of a role profile with its type and file:line', (t) => {
  const home = seedHome();
  t.after(() => home.cleanup());
  const result = runCli(['show', 'project1', '--json'], home.env);
  assert.equal(result.code, 0, result.stderr);
  const shown = JSON.parse(result.stdout);
  assert.equal(shown.type, 'role');
  assert.deepEqual(shown.sourceChain, ['user1']);
  assert.deepEqual(shown.settings, [
    { name: 'role_arn', value: 'arn:aws:iam::123456789012:role/Prod-Role', type: 'config-file', location: `${home.configFile}:2` },
    { name: 'source_profile', value: 'user1', type: 'config-file', location: `${home.configFile}:3` },
    { name: 'region', value: 'eu-west-1', type: 'config-file', location: `${home.configFile}:4` },
  ]);
  assert.deepEqual(shown.problems, []);
});

test('show masks keys and tokens to their last 4 characters, in files and in the environment', (t) => {
  const home = seedHome();
  t.after(() => home.cleanup());
  const env = { ...home.env, AWS_REGION: 'ap-northeast-1', AWS_SECRET_ACCESS_KEY: 'envSecretValueEXAMPLE9876' };
  const json = runCli(['show', 'pasted', '--json'], env);
  assert.equal(json.code, 0, json.stderr);
  const shown = JSON.parse(json.stdout);
  const value = (name: string) => shown.settings.find((s: { name: string }) => s.name === name);
  assert.deepEqual(value('aws_access_key_id'), { name: 'aws_access_key_id', value: '****************MPLE', type: 'config-file', location: `${home.configFile}:8` });
  assert.equal(value('aws_secret_access_key').value, '****************EKEY');
  assert.equal(value('aws_session_token').value, '****************abcd');
  const shownEnv = (names: string[]) => shown.environment.filter((e: { name: string }) => names.includes(e.name));
  assert.deepEqual(shownEnv(['AWS_REGION', 'AWS_SECRET_ACCESS_KEY', 'AWS_CONFIG_FILE']), [
    { name: 'AWS_REGION', value: 'ap-northeast-1', type: 'env', location: 'AWS_REGION' },
    { name: 'AWS_SECRET_ACCESS_KEY', value: '****************9876', type: 'env', location: 'AWS_SECRET_ACCESS_KEY' },
    { name: 'AWS_CONFIG_FILE', value: home.configFile, type: 'env', location: 'AWS_CONFIG_FILE' },
  ]);
  const table = runCli(['show', 'pasted'], env);
  assert.match(table.stdout, /aws_session_token\s+\*{16}abcd\s+config-file\s+\S+config:10/);
  assertNoSecrets(json.stdout + table.stdout + table.stderr);
  assert.equal((json.stdout + table.stdout).includes('envSecretValue'), false);
});

test('show says which file a credentials-file value comes from', (t) => {
  const home = seedHome();
  t.after(() => home.cleanup());
  const shown = JSON.parse(runCli(['show', 'user1', '--json'], home.env).stdout);
  assert.deepEqual(shown.settings.map((s: { name: string; type: string; location: string }) => [s.name, s.type, s.location]), [
    ['aws_access_key_id', 'shared-credentials-file', `${home.credentialsFile}:6`],
    ['aws_secret_access_key', 'shared-credentials-file', `${home.credentialsFile}:7`],
  ]);
});

test('show also lists what the files say about the profile, such as keys the JS SDK reads differently', (t) => {
  const home = makeTempHome({ config: '[profile w]\nRegion = eu-west-1 # home\n' });
  t.after(() => home.cleanup());
  const shown = JSON.parse(runCli(['show', 'w', '--json'], home.env).stdout);
  assert.deepEqual(shown.settings[0], { name: 'region', value: 'eu-west-1 # home', type: 'config-file', location: `${home.configFile}:2` });
  assert.deepEqual(shown.problems.map((p: { code: string; line: number }) => [p.code, p.line]), [
    ['ini-upper-case-key', 2],
    ['ini-inline-comment', 2],
  ]);
  const table = runCli(['show', 'w'], home.env).stdout;
  assert.match(table, /warning: .*config:2: key "Region" has upper-case letters/);
});

test('show of an unknown profile is one line on stderr naming it and close matches, exit 2 (a usage error)', (t) => {
  const home = seedHome();
  t.after(() => home.cleanup());
  const result = runCli(['show', 'projct1'], home.env);
  assert.equal(result.code, 2);
  assert.equal(result.stdout, '');
  assert.equal(result.stderr.trimEnd().split('\n').length, 1);
  assert.match(result.stderr, /^rolekeeper: profile "projct1" not found .*did you mean project1\?/);
});

test('usage errors exit 2', (t) => {
  const home = seedHome();
  t.after(() => home.cleanup());
  assert.equal(runCli(['show'], home.env).code, 2);
  assert.equal(runCli(['list', '--bogus'], home.env).code, 2);
});

test('show prints only the first line of a multi-line value, never the indented lines that continue it', (t) => {
  const secret = 'LEAKEDSECRETcontinuationEXAMPLEKEY0123';
  const home = makeTempHome({
    config: `[profile s]\naws_access_key_id = AKIAEXAMPLE\naws_secret_access_key = secretEXAMPLE\n[profile r]\nrole_arn = arn:aws:iam::123456789012:role/R\nsource_profile = s\nduration_seconds = 3600\n  aws_secret_access_key = ${secret}\n`,
  });
  t.after(() => home.cleanup());
  const json = runCli(['show', 'r', '--json'], home.env);
  assert.equal(json.code, 0, json.stderr);
  const duration = JSON.parse(json.stdout).settings.find((s: { name: string }) => s.name === 'duration_seconds');
  assert.equal(duration.value, '3600 (+1 continuation line)');
  const table = runCli(['show', 'r'], home.env);
  assert.match(table.stdout, /duration_seconds\s+3600 \(\+1 continuation line\)\s+config-file/);
  assert.equal((json.stdout + json.stderr + table.stdout + table.stderr).includes(secret), false, 'the continuation line was printed');
});

test('show does not print a wrapped session token that the AWS CLI reads as a key', (t) => {
  const tail = 'WRAPPEDtokenTAILexample0123456789abcdefXYZ';
  const home = makeTempHome({ credentials: `[w]\naws_access_key_id = AKIAEXAMPLE\naws_secret_access_key = secretEXAMPLE\naws_session_token = FwoGZXIvYXdzEXAMPLEhead\n${tail}=\n` });
  t.after(() => home.cleanup());
  const json = runCli(['show', 'w', '--json'], home.env);
  const table = runCli(['show', 'w'], home.env);
  assert.equal(json.code, 0, json.stderr);
  assert.ok(JSON.parse(json.stdout).settings.some((s: { name: string; location: string }) => s.name === '(unreadable key)' && s.location.endsWith(':5')));
  const printed = (json.stdout + json.stderr + table.stdout + table.stderr).toLowerCase();
  assert.equal(printed.includes(tail.slice(0, 16).toLowerCase()), false, 'the wrapped token was printed');
});
