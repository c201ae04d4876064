import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadProfiles } from '../../../src/main/core/aws-config/profile-loader';
import type { ProfileSet } from '../../../src/main/core/aws-config/profile-model';
import { MAX_SOURCE_CHAIN_DEPTH, closeMatches, isIamRoleArn } from '../../../src/main/core/aws-config/profile-resolver';
import { makeTempHome } from '../../helpers/temp-home';

const KEYS = 'aws_access_key_id = AKIAEXAMPLE\naws_secret_access_key = secretEXAMPLE\n';

function load(config: string, credentials?: string): ProfileSet {
  const home = makeTempHome({ config, credentials });
  try {
    return loadProfiles(home.environment);
  } finally {
    home.cleanup();
  }
}

function problemCodes(set: ProfileSet, name: string): string[] {
  return set.get(name)!.problems.map((p) => p.code);
}

test('each profile gets the type of the provider botocore would pick', () => {
  const set = load(
    [
      `[profile keys]\n${KEYS}`,
      `[profile pasted]\n${KEYS}aws_session_token = tokenEXAMPLE\n`,
      '[profile role]\nrole_arn = arn:aws:iam::123456789012:role/R\nsource_profile = keys\n',
      '[profile fromenv]\nrole_arn = arn:aws:iam::123456789012:role/R\ncredential_source = Environment\n',
      '[profile web]\nrole_arn = arn:aws:iam::123456789012:role/R\nweb_identity_token_file = /tmp/token\n',
      '[profile sso]\nsso_start_url = https://x/start\nsso_region = us-east-1\nsso_account_id = 123456789012\nsso_role_name = R\n',
      '[profile proc]\ncredential_process = /bin/creds\n',
      `[profile proc-keys]\ncredential_process = /bin/creds\n${KEYS}`,
      '[profile bare]\nregion = us-east-1\n',
      `[profile role-over-keys]\nrole_arn = arn:aws:iam::123456789012:role/R\nsource_profile = keys\n${KEYS}`,
    ].join(''),
    `[proc-file-keys]\n${KEYS}`,
  );
  const types = Object.fromEntries(set.profiles.map((p) => [p.name, p.type]));
  assert.deepEqual(types, {
    keys: 'static',
    pasted: 'session',
    role: 'role',
    fromenv: 'role',
    web: 'web-identity',
    sso: 'sso',
    proc: 'process',
    // credential_process runs before the config file's keys in botocore's chain...
    'proc-keys': 'process',
    bare: 'none',
    'role-over-keys': 'role',
    'proc-file-keys': 'static',
  });
  assert.deepEqual(set.profiles.flatMap((p) => p.problems), []);
});

test('static keys in the credentials file come before credential_process in the config file', () => {
  const set = load('[profile p]\ncredential_process = /bin/creds\n', `[p]\n${KEYS}`);
  assert.equal(set.get('p')!.type, 'static');
});

test('the source chain runs nearest first down to the profile holding the keys', () => {
  const set = load(
    '[profile c]\nrole_arn = arn:aws:iam::123456789012:role/C\nsource_profile = b\nregion = eu-west-1\nduration_seconds = 1800\n' +
      '[profile b]\nrole_arn = arn:aws:iam::123456789012:role/B\nsource_profile = a\n' +
      `[profile a]\nrole_arn = arn:aws:iam::123456789012:role/A\nsource_profile = base\n${KEYS}` +
      '[profile base]\n',
  );
  assert.deepEqual(set.get('c')!.sourceChain, ['b', 'a']);
  assert.deepEqual(set.get('b')!.sourceChain, ['a']);
  assert.equal(set.get('c')!.region!.value, 'eu-west-1');
  assert.equal(set.get('c')!.role.durationSeconds, 1800);
  assert.equal(set.get('c')!.role.roleArn!.line, 2);
  assert.deepEqual(problemCodes(set, 'c'), []);
});

test('a role can start from an SSO or credential_process source profile', () => {
  const set = load(
    '[profile r]\nrole_arn = arn:aws:iam::123456789012:role/R\nsource_profile = p\n[profile p]\ncredential_process = /bin/creds\n' +
      '[profile s]\nrole_arn = arn:aws:iam::123456789012:role/R\nsource_profile = bare\n[profile bare]\nregion = x\n',
  );
  assert.deepEqual(set.get('r')!.sourceChain, ['p']);
  assert.deepEqual(problemCodes(set, 'r'), []);
  assert.deepEqual(problemCodes(set, 's'), ['source-chain-broken']);
  assert.match(set.get('s')!.problems[0].message, /"bare" must have credentials/);
});

test('a source_profile cycle is an error on every profile that reaches it, and the others still resolve', () => {
  const set = load(
    '[profile a]\nrole_arn = arn:aws:iam::123456789012:role/A\nsource_profile = b\n' +
      '[profile b]\nrole_arn = arn:aws:iam::123456789012:role/B\nsource_profile = a\n' +
      '[profile up]\nrole_arn = arn:aws:iam::123456789012:role/U\nsource_profile = a\n' +
      `[profile fine]\n${KEYS}`,
  );
  assert.deepEqual(problemCodes(set, 'a'), ['source-profile-cycle']);
  assert.deepEqual(problemCodes(set, 'b'), ['source-profile-cycle']);
  assert.deepEqual(problemCodes(set, 'up'), ['source-profile-cycle']);
  assert.match(set.get('a')!.problems[0].message, /a → b → a/);
  assert.equal(set.get('a')!.problems[0].line, 3);
  assert.deepEqual(problemCodes(set, 'fine'), []);
});

test('a profile may name itself as source_profile only when it holds static keys', () => {
  const set = load(
    `[profile self]\nrole_arn = arn:aws:iam::123456789012:role/S\nsource_profile = self\n${KEYS}` +
      '[profile selfless]\nrole_arn = arn:aws:iam::123456789012:role/S\nsource_profile = selfless\n',
  );
  assert.deepEqual(set.get('self')!.sourceChain, ['self']);
  assert.deepEqual(problemCodes(set, 'self'), []);
  assert.deepEqual(problemCodes(set, 'selfless'), ['source-profile-cycle']);
});

test('a loop back to the selected profile is an error even when it has keys, as botocore checks visited profiles first', () => {
  const set = load(
    `[profile top]\nrole_arn = arn:aws:iam::123456789012:role/T\nsource_profile = mid\n${KEYS}` +
      '[profile mid]\nrole_arn = arn:aws:iam::123456789012:role/M\nsource_profile = top\n',
  );
  assert.deepEqual(problemCodes(set, 'top'), ['source-profile-cycle']);
  assert.deepEqual(set.get('mid')!.sourceChain, ['top']);
  assert.deepEqual(problemCodes(set, 'mid'), []);
});

test('misconfigured role profiles get errors naming file, line and key', () => {
  const set = load(
    '[profile missing]\nrole_arn = arn:aws:iam::123456789012:role/R\nsource_profile = user2\n' +
      '[profile badarn]\nrole_arn = arn:aws:iam::123456789012:user/bob\ncredential_source = Environment\n' +
      '[profile both]\nrole_arn = arn:aws:iam::123456789012:role/R\nsource_profile = user1\ncredential_source = Environment\n' +
      '[profile neither]\nrole_arn = arn:aws:iam::123456789012:role/R\n' +
      '[profile unknownsrc]\nrole_arn = arn:aws:iam::123456789012:role/R\ncredential_source = environment\n' +
      '[profile long]\nrole_arn = arn:aws:iam::123456789012:role/R\ncredential_source = Environment\nduration_seconds = 86400\n' +
      '[profile words]\nrole_arn = arn:aws:iam::123456789012:role/R\ncredential_source = Environment\nduration_seconds = 1h\n' +
      '[profile partial]\naws_access_key_id = AKIAEXAMPLE\n',
    `[user1]\n${KEYS}`,
  );
  assert.deepEqual(problemCodes(set, 'missing'), ['source-profile-missing']);
  const missing = set.get('missing')!.problems[0];
  assert.equal(missing.line, 3);
  assert.match(missing.message, /config:3: the source_profile "user2" referenced in the profile "missing" does not exist \(did you mean "user1"\?\)/);
  assert.deepEqual(problemCodes(set, 'badarn'), ['role-arn-invalid']);
  assert.deepEqual(problemCodes(set, 'both'), ['role-source-conflict']);
  assert.deepEqual(problemCodes(set, 'neither'), ['role-source-missing']);
  assert.deepEqual(problemCodes(set, 'unknownsrc'), ['credential-source-unknown']);
  assert.deepEqual(problemCodes(set, 'long'), ['duration-seconds-out-of-range']);
  assert.deepEqual(set.get('words')!.problems.map((p) => [p.code, p.severity]), [['duration-seconds-not-integer', 'warning']]);
  assert.equal(set.get('words')!.role.durationSeconds, null);
  assert.deepEqual(problemCodes(set, 'partial'), ['static-keys-partial']);
  for (const profile of set.profiles) {
    for (const problem of profile.problems) {
      assert.equal(problem.profile, profile.name);
      assert.ok(problem.file && problem.line && problem.advice, `${problem.code} has file, line and advice`);
    }
  }
});

test('a broken profile deeper in the chain breaks the chains above it', () => {
  const set = load(
    '[profile top]\nrole_arn = arn:aws:iam::123456789012:role/T\nsource_profile = mid\n' +
      '[profile mid]\nrole_arn = arn:aws:iam::123456789012:role/M\nsource_profile = gone\n',
  );
  assert.deepEqual(problemCodes(set, 'mid'), ['source-profile-missing']);
  assert.deepEqual(problemCodes(set, 'top'), ['source-chain-broken']);
  assert.match(set.get('top')!.problems[0].message, /top → mid.*"gone"/);
});

test('SSO profiles name a missing sso-session or missing settings', () => {
  const set = load('[profile a]\nsso_session = nope\nsso_account_id = 1\nsso_role_name = R\n[profile b]\nsso_account_id = 1\n');
  assert.deepEqual(problemCodes(set, 'a'), ['sso-session-missing']);
  assert.deepEqual(problemCodes(set, 'b'), ['sso-config-incomplete']);
  assert.match(set.get('b')!.problems[0].message, /sso_start_url, sso_region, sso_role_name/);
});

test('an SSO profile whose own value differs from its sso-session is an error, as the real AWS CLIs refuse it', () => {
  const config =
    '[profile a]\nsso_session = corp\nsso_region = eu-west-1\nsso_account_id = 111111111111\nsso_role_name = R\n' +
    '[profile same]\nsso_session = corp\nsso_region = us-east-1\nsso_account_id = 111111111111\nsso_role_name = R\n' +
    '[sso-session corp]\nsso_start_url = https://x.awsapps.com/start\nsso_region = us-east-1\n';
  const set = load(config);
  assert.deepEqual(problemCodes(set, 'a'), ['sso-session-conflict']);
  assert.deepEqual(problemCodes(set, 'same'), [], 'an equal value is fine');
  const problem = set.get('a')!.problems[0];
  assert.equal(problem.severity, 'error');
  assert.equal(problem.line, 3);
  assert.match(problem.message, /sso_region = "?eu-west-1"?, but \[sso-session corp\] says "?us-east-1"?/);
  assert.match(problem.advice ?? '', /remove sso_region from \[profile a\]/);

  const home = makeTempHome({ config });
  try {
    for (const binary of ['aws', '/usr/bin/aws']) {
      const env = { ...home.env, AWS_ENDPOINT_URL: 'http://127.0.0.1:9', AWS_MAX_ATTEMPTS: '1' };
      for (const [profile, refused] of [['a', true], ['same', false]] as const) {
        const result = spawnSync(binary, ['sts', 'get-caller-identity', '--profile', profile], { env, encoding: 'utf8', timeout: 60_000 });
        assert.equal(/inconsistent between profile/.test(result.stderr), refused, `${binary} --profile ${profile}: ${result.stderr}`);
      }
    }
  } finally {
    home.cleanup();
  }
});

test('long chains over thousands of profiles resolve (memoized, no deep recursion), capped at the depth limit', () => {
  const parts: string[] = [`[profile p0]\n${KEYS}`];
  for (let i = 1; i < 5000; i++) parts.push(`[profile p${i}]\nrole_arn = arn:aws:iam::123456789012:role/R${i}\nsource_profile = p${i - 1}\n`);
  const set = load(parts.join(''));
  assert.equal(set.get('p4999')!.sourceChain.length, MAX_SOURCE_CHAIN_DEPTH);
  assert.equal(set.get('p4999')!.sourceChain[0], 'p4998');
  assert.deepEqual(problemCodes(set, 'p4999'), ['source-chain-too-deep']);
  assert.equal(set.get(`p${MAX_SOURCE_CHAIN_DEPTH}`)!.sourceChain.at(-1), 'p0');
  assert.deepEqual(problemCodes(set, `p${MAX_SOURCE_CHAIN_DEPTH}`), []);
  assert.deepEqual(problemCodes(set, `p${MAX_SOURCE_CHAIN_DEPTH + 1}`), ['source-chain-too-deep']);
});

test('IAM role ARNs are recognised in every partition, other ARNs are not', () => {
  assert.ok(isIamRoleArn('arn:aws:iam::123456789012:role/path/to/Name+=,.@-_'));
  assert.ok(isIamRoleArn('arn:aws-us-gov:iam::123456789012:role/R'));
  assert.ok(isIamRoleArn('arn:aws-iso-b:iam::123456789012:role/R'));
  assert.equal(isIamRoleArn('arn:aws:iam::12345678901:role/R'), false);
  assert.equal(isIamRoleArn('arn:aws:sts::123456789012:assumed-role/R/s'), false);
  assert.equal(isIamRoleArn('arn:aws:iam::123456789012:role/'), false);
});

test('close matches find typos and prefixes, closest first', () => {
  assert.deepEqual(closeMatches('projct1', ['project1', 'project2', 'prod', 'default']), ['project1', 'project2']);
  assert.deepEqual(closeMatches('zzz', ['project1']), []);
});

test('problem messages quote only the first line of a value, so indented secrets that continue it never show', () => {
  const leak = '  aws_secret_access_key = LEAKEDSECRETcontinuation0123456789\n';
  const set = load(
    [
      `[profile s]\n${KEYS}`,
      `[profile dur]\nrole_arn = arn:aws:iam::123456789012:role/R\nsource_profile = s\nduration_seconds = 3600\n${leak}`,
      `[profile src]\nrole_arn = arn:aws:iam::123456789012:role/R\ncredential_source = Environment\n${leak}`,
      `[profile svc]\nregion = us-east-1\nservices = mine\n${leak}`,
      `[profile sso]\nsso_session = corp\n${leak}sso_account_id = 123456789012\nsso_role_name = R\n`,
    ].join(''),
  );
  const expected: Record<string, [string, string]> = {
    dur: ['duration-seconds-not-integer', 'duration_seconds "3600 (+1 continuation line)"'],
    src: ['credential-source-unknown', 'credential_source "Environment (+1 continuation line)"'],
    svc: ['services-section-missing', 'services = mine (+1 continuation line)'],
    sso: ['sso-session-missing', 'sso_session = corp (+1 continuation line)'],
  };
  for (const [name, [code, quoted]] of Object.entries(expected)) {
    const problem = set.get(name)!.problems.find((p) => p.code === code);
    assert.ok(problem, `${name}: no ${code}`);
    assert.ok(problem.message.includes(quoted), `${name}: ${problem.message}`);
    assert.equal(`${problem.message} ${problem.fix}`.includes('LEAKEDSECRET'), false, `${name} leaks the continuation line`);
  }
});

test('problem messages cap the length of a quoted value', () => {
  const long = `9${'x'.repeat(500)}`;
  const set = load(`[profile s]\n${KEYS}[profile r]\nrole_arn = arn:aws:iam::123456789012:role/R\nsource_profile = s\nduration_seconds = ${long}\n`);
  const problem = set.get('r')!.problems.find((p) => p.code === 'duration-seconds-not-integer')!;
  assert.equal(problem.message.includes(long), false);
  assert.ok(problem.message.includes(`"9${'x'.repeat(30)}`), problem.message);
  assert.ok(problem.message.length < 300, `${problem.message.length} characters`);
});

test('the sso-config-incomplete fix passes a hostile profile name to aws as one literal argument, and a plain one unquoted', () => {
  const names = ['$(touch PWNED)', "it's", 'half'];
  const set = load(names.map((name) => `[profile "${name}"]\nsso_start_url = https://x/start\nsso_account_id = 123456789012\n`).join(''));
  const fixOf = (name: string): string => set.get(name)!.problems.find((p) => p.code === 'sso-config-incomplete')!.advice!;
  assert.equal(fixOf('half'), 'run: aws configure sso --profile half');
  const cwd = mkdtempSync(join(tmpdir(), 'rolekeeper-fix-'));
  try {
    for (const name of names) {
      // Pasted into bash with echo standing in for aws: the name comes back whole and nothing runs.
      const line = fixOf(name).replace(/^run: /, '');
      const result = spawnSync('bash', ['-c', `aws() { printf '%s\\0' "$@"; }\n${line}`], { cwd, encoding: 'utf8' });
      assert.deepEqual(result.stdout.split('\0'), ['configure', 'sso', '--profile', name, '']);
    }
    assert.deepEqual(readdirSync(cwd), []);
  } finally {
    rmSync(cwd, { recursive: true, force: true });
  }
});
