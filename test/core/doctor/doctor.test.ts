import { test } from 'node:test';
import { onlyFinding as only } from '../../helpers/expect';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { spawnSync } from 'node:child_process';
import { chmodSync, existsSync } from 'node:fs';
import { type TempHome, type TempHomeOptions, withTempHome } from '../../helpers/temp-home';
import { assumeRoleCacheKey } from '../../../src/main/core/caches/cli-cache-key';
import { readCliCache } from '../../../src/main/core/caches/cli-cache';
import { ssoTokenCacheKey } from '../../../src/main/core/caches/sso-cache';
import { runDoctor } from '../../../src/main/core/doctor/doctor';
import type { AwsEnvironment } from '../../../src/main/core/model/aws-environment';
import type { Finding } from '../../../src/shared/profile-summary';
import { PASTED_KEY, SECRET, SEED_CREDENTIALS, TOKEN, USER1_KEY, seedConfig } from '../../helpers/seed-profiles';

const NOW = new Date('2030-06-01T12:00:00Z');
const ROLE_ARN = 'arn:aws:iam::123456789012:role/Prod-Role';

const SEED_CONFIG = seedConfig({ roleArn: ROLE_ARN, pastedExpiresAt: '2030-06-01T11:00:00Z' });
const ALL_SECRETS = [SECRET, TOKEN, USER1_KEY, PASTED_KEY, 'ASIACACHEDEXAMPLE7', 'ASIAENVEXAMPLE0001'];

function minutesFromNow(minutes: number): string {
  return new Date(NOW.getTime() + minutes * 60_000).toISOString().replace(/\.\d{3}Z$/, 'Z');
}

function cacheEntry(expiration: string): string {
  return JSON.stringify({
    Credentials: { AccessKeyId: 'ASIACACHEDEXAMPLE7', SecretAccessKey: SECRET, SessionToken: TOKEN, Expiration: expiration },
    AssumedRoleUser: { AssumedRoleId: 'AROA:s', Arn: 'arn:aws:sts::123456789012:assumed-role/Prod-Role/s' },
  });
}

function doctor(home: TempHome, environment: AwsEnvironment = home.environment, managed: string[] = []): Finding[] {
  const findings = runDoctor({ environment, now: NOW, managedProfiles: new Set(managed) });
  const text = JSON.stringify(findings);
  for (const secret of ALL_SECRETS) assert.ok(!text.includes(secret), `a finding holds ${secret.slice(0, 4)}…`);
  return findings;
}


function codes(findings: Finding[]): string[] {
  return findings.map((item) => item.code);
}

function withHome(options: TempHomeOptions, body: (home: TempHome) => void): void {
  withTempHome({ config: SEED_CONFIG, credentials: SEED_CREDENTIALS, ...options }, body);
}

function withEnv(home: TempHome, env: Record<string, string>, platform: NodeJS.Platform = 'linux'): AwsEnvironment {
  return { env: { ...home.env, SHELL: '/bin/bash', ...env }, platform, homeDir: home.home };
}

const BASH_UNSET = [
  'unset AWS_ACCESS_KEY_ID',
  'unset AWS_SECRET_ACCESS_KEY',
  'unset AWS_SESSION_TOKEN',
  'unset AWS_SECURITY_TOKEN',
  'unset AWS_CREDENTIAL_EXPIRATION',
].join('\n');

test('the seed example reports the expired pasted session keys at the exact file and line of their expiry', () => {
  withHome({}, (home) => {
    const findings = doctor(home);
    const expired = only(findings, 'session-keys-expired');
    assert.equal(expired.severity, 'error');
    assert.equal(expired.profile, 'pasted');
    assert.equal(expired.file, home.configFile);
    assert.equal(expired.line, 11);
    assert.match(expired.message, /expired at 2030-06-01T11:00:00Z /);
    assert.match(expired.advice ?? '', new RegExp(`${home.configFile} lines 8, 9, 10`));
    assert.match(expired.fix ?? '', /^rolekeeper manage pasted --role-arn arn:aws:iam::ACCOUNT:role\/NAME --source-profile \S+$/);
  });
});

test('expired keys that feed role profiles name those profiles, and managed keys are fixed by a refresh', () => {
  const credentials = `[user1]
aws_access_key_id = ASIAPASTEDEXAMPLE1
aws_secret_access_key = ${SECRET}
aws_session_token = ${TOKEN}
x_security_token_expires = ${minutesFromNow(-5)}
`;
  withHome({ credentials }, (home) => {
    const expired = only(doctor(home, home.environment, ['user1']).filter((item) => item.profile === 'user1'), 'session-keys-expired');
    assert.match(expired.message, /"project1" takes credentials from it/);
    assert.equal(expired.fix, 'rolekeeper refresh user1');
  });
});

test('session keys close to expiry warn, an unreadable expiry warns, and no expiry at all is a note', () => {
  const config = `[profile soon]
aws_access_key_id = ASIAPASTEDEXAMPLE1
aws_secret_access_key = ${SECRET}
aws_session_token = ${TOKEN}
aws_expiration = ${minutesFromNow(5)}

[profile garbled]
aws_access_key_id = ASIAPASTEDEXAMPLE1
aws_secret_access_key = ${SECRET}
aws_session_token = ${TOKEN}
x_security_token_expires = tomorrow

[profile bare]
aws_access_key_id = ASIAPASTEDEXAMPLE1
aws_secret_access_key = ${SECRET}
aws_session_token = ${TOKEN}
`;
  withHome({ config, credentials: '' }, (home) => {
    const findings = doctor(home);
    assert.equal(only(findings, 'session-keys-expiring').profile, 'soon');
    const garbled = only(findings, 'session-keys-expiry-unreadable');
    assert.deepEqual([garbled.severity, garbled.file, garbled.line], ['warning', home.configFile, 11]);
    const bare = only(findings, 'session-keys-expiry-unknown');
    assert.deepEqual([bare.severity, bare.profile, bare.line], ['info', 'bare', 14]);
  });
});

test('exported keys shadow every profile: an error naming the keys owner when AWS_PROFILE asks for another', () => {
  withHome({}, (home) => {
    const env = withEnv(home, { AWS_ACCESS_KEY_ID: USER1_KEY, AWS_SECRET_ACCESS_KEY: SECRET, AWS_PROFILE: 'project1' });
    const shadow = only(doctor(home, env), 'env-credentials-shadow-profiles');
    assert.equal(shadow.severity, 'error');
    assert.equal(shadow.profile, 'project1');
    assert.match(shadow.message, /\*{16}LE99/);
    assert.match(shadow.message, /keys of profile "user1" \(.*credentials:2\)/);
    assert.match(shadow.message, /you probably meant profile "project1"/);
    assert.equal(shadow.fix, BASH_UNSET);
  });
});

test('exported keys without AWS_PROFILE warn and the fix selects the profile they came from', () => {
  withHome({}, (home) => {
    const env = withEnv(home, { AWS_ACCESS_KEY_ID: USER1_KEY, AWS_SECRET_ACCESS_KEY: SECRET });
    const shadow = only(doctor(home, env), 'env-credentials-shadow-profiles');
    assert.equal(shadow.severity, 'warning');
    assert.equal(shadow.profile, 'user1');
    assert.equal(shadow.fix, `${BASH_UNSET}\nexport AWS_PROFILE=user1`);
  });
});

test('exported keys copied from a CLI cache entry are traced back to the role profile', () => {
  withHome({}, (home) => {
    home.write(`.aws/cli/cache/${assumeRoleCacheKey({ roleArn: ROLE_ARN })}.json`, cacheEntry(minutesFromNow(40)));
    const env = withEnv(home, { AWS_ACCESS_KEY_ID: 'ASIACACHEDEXAMPLE7', AWS_SECRET_ACCESS_KEY: SECRET, AWS_SESSION_TOKEN: TOKEN });
    const shadow = only(doctor(home, env), 'env-credentials-shadow-profiles');
    assert.equal(shadow.profile, 'project1');
    assert.match(shadow.message, /cached role credentials/);
  });
});

test('the unset fix is written for the guessed shell: fish, zsh, PowerShell and cmd', () => {
  withHome({}, (home) => {
    const creds = { AWS_ACCESS_KEY_ID: 'ASIAENVEXAMPLE0001', AWS_SECRET_ACCESS_KEY: SECRET };
    const fixFor = (environment: AwsEnvironment) => only(doctor(home, environment), 'env-credentials-shadow-profiles').fix ?? '';
    // A guessed fish gets `set --erase`: pasted into bash it is an invalid option, where `set -e` turns on errexit.
    assert.match(fixFor(withEnv(home, { ...creds, SHELL: '/usr/bin/fish' })), /^set --erase AWS_ACCESS_KEY_ID\nset --erase AWS_SECRET_ACCESS_KEY/);
    assert.match(fixFor(withEnv(home, { ...creds, SHELL: '/bin/zsh' })), /^unset AWS_ACCESS_KEY_ID/);
    assert.match(
      fixFor(withEnv(home, { ...creds, PSModulePath: 'C:\\ps' }, 'win32')),
      /^Remove-Item -Path Env:AWS_ACCESS_KEY_ID -ErrorAction SilentlyContinue/,
    );
    assert.match(fixFor(withEnv(home, { ...creds, SHELL: '' }, 'win32')), /^set "AWS_ACCESS_KEY_ID="\nset "AWS_SECRET_ACCESS_KEY="/);
  });
});

test('a key id without its secret is an error, a secret or token alone a leftover', () => {
  withHome({}, (home) => {
    const partial = only(doctor(home, withEnv(home, { AWS_ACCESS_KEY_ID: 'ASIAENVEXAMPLE0001' })), 'env-credentials-partial');
    assert.equal(partial.severity, 'error');
    assert.match(partial.message, /Partial credentials found in env/);
    assert.equal(only(doctor(home, withEnv(home, { AWS_SECRET_ACCESS_KEY: SECRET })), 'env-secret-without-key-id').severity, 'warning');
    assert.equal(only(doctor(home, withEnv(home, { AWS_SESSION_TOKEN: TOKEN })), 'env-token-without-keys').severity, 'info');
  });
});

test('a stale AWS_SECURITY_TOKEN beside exported keys warns that botocore sends it instead of AWS_SESSION_TOKEN', () => {
  withHome({}, (home) => {
    const base = { AWS_ACCESS_KEY_ID: 'ASIAENVEXAMPLE0001', AWS_SECRET_ACCESS_KEY: SECRET, AWS_SESSION_TOKEN: TOKEN };
    const stale = only(doctor(home, withEnv(home, { ...base, AWS_SECURITY_TOKEN: 'old-token-value' })), 'env-security-token-stale');
    assert.equal(stale.severity, 'warning');
    assert.equal(stale.fix, 'unset AWS_SECURITY_TOKEN');
    assert.ok(!JSON.stringify(stale).includes('old-token-value'));
    assert.ok(!codes(doctor(home, withEnv(home, { ...base, AWS_SECURITY_TOKEN: TOKEN }))).includes('env-security-token-stale'));
  });
});

test('env credentials past AWS_CREDENTIAL_EXPIRATION are an error; close to it a warning; garbage a warning', () => {
  withHome({}, (home) => {
    const base = { AWS_ACCESS_KEY_ID: 'ASIAENVEXAMPLE0001', AWS_SECRET_ACCESS_KEY: SECRET, AWS_SESSION_TOKEN: TOKEN };
    const expired = only(doctor(home, withEnv(home, { ...base, AWS_CREDENTIAL_EXPIRATION: minutesFromNow(-1) })), 'env-credentials-expired');
    assert.equal(expired.severity, 'error');
    assert.equal(expired.fix, BASH_UNSET);
    assert.equal(
      only(doctor(home, withEnv(home, { ...base, AWS_CREDENTIAL_EXPIRATION: minutesFromNow(3) })), 'env-credentials-expiring').severity,
      'warning',
    );
    only(doctor(home, withEnv(home, { ...base, AWS_CREDENTIAL_EXPIRATION: 'soon' })), 'env-credential-expiration-invalid');
    assert.ok(!codes(doctor(home, withEnv(home, { ...base, AWS_CREDENTIAL_EXPIRATION: minutesFromNow(60) }))).some((code) => code.startsWith('env-credentials-expir')));
  });
});

test('AWS_PROFILE or AWS_DEFAULT_PROFILE naming a missing profile is an error, with a case-sensitive hint', () => {
  withHome({}, (home) => {
    const missing = only(doctor(home, withEnv(home, { AWS_PROFILE: 'nope' })), 'aws-profile-missing');
    assert.equal(missing.severity, 'error');
    assert.match(missing.message, /The config profile \(nope\) could not be found/);
    assert.equal(missing.fix, 'unset AWS_PROFILE');
    const cased = only(doctor(home, withEnv(home, { AWS_DEFAULT_PROFILE: 'Project1' })), 'aws-default-profile-missing');
    assert.equal(cased.fix, 'export AWS_DEFAULT_PROFILE=project1');
    assert.deepEqual(codes(doctor(home, withEnv(home, { AWS_PROFILE: 'default' }))).filter((code) => code.startsWith('aws-')), []);
  });
});

test('AWS_PROFILE and AWS_DEFAULT_PROFILE disagreeing warns that CLI v1 and v2 pick different profiles', () => {
  withHome({}, (home) => {
    const disagree = only(
      doctor(home, withEnv(home, { AWS_PROFILE: 'project1', AWS_DEFAULT_PROFILE: 'user1' })),
      'aws-profile-variables-disagree',
    );
    assert.equal(disagree.severity, 'warning');
    assert.match(disagree.message, /v2 and the SDKs use "project1", AWS CLI v1 and boto3 use "user1"/);
    assert.equal(disagree.fix, 'unset AWS_DEFAULT_PROFILE');
  });
});

test('an expired CLI cache entry of a profile is a note with rm of that exact file', () => {
  withHome({}, (home) => {
    const file = home.write(`.aws/cli/cache/${assumeRoleCacheKey({ roleArn: ROLE_ARN })}.json`, cacheEntry(minutesFromNow(-30)));
    const expired = only(doctor(home), 'cli-cache-expired');
    assert.deepEqual([expired.severity, expired.profile, expired.file, expired.fix], ['info', 'project1', file, `rm ${file}`]);
  });
});

test('a cache entry no profile reads is reported as orphaned, with its role and rm of the file', () => {
  withHome({}, (home) => {
    const file = home.write(`.aws/cli/cache/${'0'.repeat(40)}.json`, cacheEntry(minutesFromNow(30)));
    const orphan = only(doctor(home), 'cli-cache-orphaned');
    assert.equal(orphan.fix, `rm ${file}`);
    assert.match(orphan.message, /assumed-role\/Prod-Role/);
    assert.match(orphan.message, /valid until/);
  });
});

test('a corrupt cache entry is an error for the profile that reads it and a warning otherwise', () => {
  withHome({}, (home) => {
    const read = home.write(`.aws/cli/cache/${assumeRoleCacheKey({ roleArn: ROLE_ARN })}.json`, '{"Credentials": {');
    const stray = home.write(`.aws/cli/cache/${'a'.repeat(40)}.json`, 'not json');
    const corrupt = doctor(home).filter((item) => item.code === 'cli-cache-corrupt');
    assert.deepEqual(
      corrupt.map((item) => [item.severity, item.profile, item.file, item.fix]),
      [
        ['error', 'project1', read, `rm ${read}`],
        ['warning', null, stray, `rm ${stray}`],
      ],
    );
  });
});

test('on Windows in PowerShell the cache fix is Remove-Item of the exact path', () => {
  withHome({}, (home) => {
    const stray = home.write(`.aws/cli/cache/${'b'.repeat(40)}.json`, 'not json');
    const environment = withEnv(home, { PSModulePath: 'C:\\ps' }, 'win32');
    const findings = runDoctor({ environment, now: NOW, cacheScan: readCliCache(join(home.home, '.aws', 'cli', 'cache')), managedProfiles: new Set() });
    assert.equal(only(findings, 'cli-cache-corrupt').fix, `Remove-Item -LiteralPath '${stray}'`);
  });
});

test('an expired SSO login token warns with rolekeeper sso login, and only notes it while role credentials still work', () => {
  const config = `[profile dev]
sso_start_url = https://corp.awsapps.com/start
sso_region = us-east-1
sso_account_id = 111122223333
sso_role_name = Dev
`;
  withHome({ config, credentials: '' }, (home) => {
    home.write(
      `.aws/sso/cache/${ssoTokenCacheKey({ startUrl: 'https://corp.awsapps.com/start' })}.json`,
      JSON.stringify({ accessToken: 'sso-secret-token', expiresAt: minutesFromNow(-10) }),
    );
    const expired = only(doctor(home), 'sso-token-expired');
    assert.deepEqual([expired.severity, expired.profile, expired.fix], ['warning', 'dev', 'rolekeeper sso login dev']);
    assert.ok(!JSON.stringify(expired).includes('sso-secret-token'));
  });
});

test('the container endpoint is reported shadowed by keys in [default], by AWS_PROFILE, and by env keys', () => {
  const credentials = `${SEED_CREDENTIALS}
[default]
aws_access_key_id = ${USER1_KEY}
aws_secret_access_key = ${SECRET}
`;
  const config = `${SEED_CONFIG}
[profile endpoint]
region = eu-west-1
`;
  withHome({ config, credentials }, (home) => {
    const uri = { AWS_CONTAINER_CREDENTIALS_FULL_URI: 'http://127.0.0.1:9911/p', AWS_CONTAINER_AUTHORIZATION_TOKEN: 'tok' };
    const byDefault = only(doctor(home, withEnv(home, uri)), 'container-endpoint-shadowed');
    assert.equal(byDefault.profile, 'default');
    assert.deepEqual([byDefault.file, byDefault.line], [home.credentialsFile, 6]);
    assert.equal(byDefault.fix, 'export AWS_PROFILE=endpoint');
    assert.equal(byDefault.advice, `remove the credential settings of [default] at ${home.credentialsFile}:6\nor: export AWS_PROFILE=endpoint`);
    const byProfile = only(doctor(home, withEnv(home, { ...uri, AWS_PROFILE: 'project1' })), 'container-endpoint-shadowed');
    assert.equal(byProfile.profile, 'project1');
    assert.match(byProfile.message, /AWS_PROFILE=project1 selects a profile with its own credentials/);
    assert.equal(byProfile.fix, 'export AWS_PROFILE=endpoint');
    assert.ok(!codes(doctor(home, withEnv(home, { ...uri, AWS_PROFILE: 'endpoint' }))).includes('container-endpoint-shadowed'));
    const byEnv = only(doctor(home, withEnv(home, { ...uri, AWS_ACCESS_KEY_ID: 'ASIAENVEXAMPLE0001', AWS_SECRET_ACCESS_KEY: SECRET })), 'container-endpoint-shadowed');
    assert.match(byEnv.message, /AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY come first/);
  });
});

test('profile misconfigurations and file-level findings are passed through, errors first', () => {
  withHome({ config: `${SEED_CONFIG}\n[profile loop]\nrole_arn = ${ROLE_ARN}\nsource_profile = loop\n` }, (home) => {
    home.write(`.aws/cli/cache/${'c'.repeat(40)}.json`, cacheEntry(minutesFromNow(30)));
    const findings = doctor(home);
    const loop = findings.find((item) => item.profile === 'loop');
    assert.ok(loop, codes(findings).join(', '));
    assert.equal(loop.severity, 'error');
    const order = findings.map((item) => ({ error: 0, warning: 1, info: 2 })[item.severity]);
    assert.deepEqual(order, [...order].sort((a, b) => a - b));
    assert.ok(new Set(order).size > 1, 'needs findings of several severities to check the order');
  });
  withHome({ config: '[profile dup]\nregion = eu-west-1\n[profile dup]\nregion = eu-west-2\n' }, (home) => {
    const duplicate = only(doctor(home), 'ini-duplicate-section');
    assert.deepEqual([duplicate.severity, duplicate.file, duplicate.line], ['error', home.configFile, 3]);
  });
});

test('a store file Rolekeeper cannot read is a warning, not a crash', () => {
  withHome({ env: {} }, (home) => {
    const dataDir = join(home.home, 'rk-data');
    home.write('rk-data/profiles.json', '{ nope');
    const findings = runDoctor({ environment: withEnv(home, { ROLEKEEPER_DATA_DIR: dataDir }), now: NOW });
    assert.equal(only(findings, 'rolekeeper-store-unreadable').severity, 'warning');
  });
});

test('a clean setup has no findings but the suggestion to move the IAM user keys into the keychain', () => {
  withHome({ config: `[profile project1]\nrole_arn = ${ROLE_ARN}\nsource_profile = user1\n` }, (home) => {
    const findings = doctor(home);
    assert.deepEqual(findings.map((item) => [item.code, item.severity, item.profile]), [['keys-in-plain-file', 'info', 'user1']]);
    assert.match(findings[0].message, /keeps long-term keys in a plain file \(.*credentials:2\)/);
    assert.equal(findings[0].fix, 'rolekeeper vault move user1');
    assert.equal(findings[0].advice, 'move them into the OS keychain with the command under "fix"');
    assert.deepEqual(findings[0].repair, [{ kind: 'run-command', argv: ['rolekeeper', 'vault', 'move', 'user1'] }]);
  });
});

test('a readable key file offers the keychain for an IAM user and only chmod for session keys', () => {
  withHome({ config: '', credentials: `[user1]\naws_access_key_id = AKIAIOSFODNN7EXAMPLE\naws_secret_access_key = s\n[temp]\naws_access_key_id = ASIAIOSFODNN7EXAMPLE\naws_secret_access_key = s\naws_session_token = t\n` }, (home) => {
    chmodSync(home.credentialsFile, 0o644);
    const readable = doctor(home).find((item) => item.code === 'key-file-readable');
    assert.match(readable?.fix ?? '', /^chmod 600 \S+$/);
    assert.match(readable?.advice ?? '', /better still, move the keys into the OS keychain: rolekeeper vault move user1$/);
  });
  withHome({ config: '', credentials: `[temp]\naws_access_key_id = ASIAIOSFODNN7EXAMPLE\naws_secret_access_key = s\naws_session_token = t\n` }, (home) => {
    chmodSync(home.credentialsFile, 0o644);
    const sessionOnly = doctor(home).find((item) => item.code === 'key-file-readable');
    assert.match(sessionOnly?.fix ?? '', /^chmod 600 \S+$/);
    assert.equal(sessionOnly?.advice ?? null, null, 'session keys end by themselves: no keychain advice');
  });
});

test('an mfa_process whose program does not exist is an error naming the profile and the line', () => {
  withHome({ config: `[profile project1]\nrole_arn = ${ROLE_ARN}\nsource_profile = user1\nmfa_serial = arn:aws:iam::123456789012:mfa/me\nmfa_process = no-such-otp-tool code\n` }, (home) => {
    const found = doctor(home).find((item) => item.code === 'mfa-process-missing');
    assert.equal(found?.severity, 'error');
    assert.equal(found?.profile, 'project1');
    assert.match(found?.message ?? '', /runs no-such-otp-tool, which does not exist/);
    assert.equal(found?.line, 5);
  });
});

test('a profile name with shell syntax or a quote reaches rolekeeper sso login as one literal argument; plain names stay unquoted', () => {
  const sso = (name: string): string =>
    `[profile "${name}"]\nsso_start_url = https://corp.awsapps.com/start\nsso_region = us-east-1\nsso_account_id = 111122223333\nsso_role_name = Dev\n`;
  withHome({ config: ['$(touch PWNED)', "it's", 'dev'].map(sso).join(''), credentials: '', env: { SHELL: '/bin/bash' } }, (home) => {
    const fixes = new Map(doctor(home).filter((item) => item.code === 'sso-login-needed').map((item) => [item.profile, item.fix ?? '']));
    assert.equal(fixes.get('dev'), 'rolekeeper sso login dev');
    assert.equal(fixes.get('$(touch PWNED)'), "rolekeeper sso login '$(touch PWNED)'");
    for (const name of ['$(touch PWNED)', "it's"]) {
      // Pasted into bash with printf standing in for rolekeeper: the name comes back whole and nothing runs.
      const result = spawnSync('bash', ['-c', `rolekeeper() { printf '%s\\0' "$@"; }\n${fixes.get(name)}`], { cwd: home.home, encoding: 'utf8' });
      assert.deepEqual(result.stdout.split('\0'), ['sso', 'login', name, '']);
      assert.equal(existsSync(join(home.home, 'PWNED')), false);
    }
  });
});
