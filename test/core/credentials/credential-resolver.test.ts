import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { withTempHome, type TempHome } from '../../helpers/temp-home';
import { assumeRoleCacheKey } from '../../../src/main/core/caches/cli-cache-key';
import { cacheKeyForProfile, readCliCache } from '../../../src/main/core/caches/cli-cache';
import { processCacheContent, processCacheFile } from '../../../src/main/core/caches/process-cache';
import { loadProfiles } from '../../../src/main/core/aws-config/profile-loader';
import { rolekeeperProcessProfile } from '../../../src/main/core/aws-config/credential-process-command';
import {
  CLI_CREDENTIAL_PROVIDERS,
  resolveCliCredentials,
  type CliCredentialResolution,
  type CliVersion,
} from '../../../src/main/core/credentials/credential-resolver';

const NOW = new Date('2030-06-01T12:00:00Z');
const ROLE_ARN = 'arn:aws:iam::123456789012:role/Deploy';
const SECRET = 'resolverSECRETvalue/never+printed000000';
const TOKEN = 'resolverTOKENvalueNeverPrinted';

const ROLE_CONFIG = `[profile src]
aws_access_key_id = AKIASOURCEEXAMPLE01
aws_secret_access_key = ${SECRET}

[profile role]
role_arn = ${ROLE_ARN}
source_profile = src
region = eu-west-1
`;

function iso(minutesFromNow: number): string {
  return new Date(NOW.getTime() + minutesFromNow * 60_000).toISOString().replace(/\.\d{3}Z$/, 'Z');
}

function cacheEntryJson(keyId: string, expiration: string, extra: Record<string, unknown> = {}): string {
  return JSON.stringify({
    Credentials: { AccessKeyId: keyId, SecretAccessKey: SECRET, SessionToken: TOKEN, Expiration: expiration },
    AssumedRoleUser: { AssumedRoleId: 'AROA:s', Arn: 'arn:aws:sts::123456789012:assumed-role/Deploy/s' },
    ...extra,
  });
}

function writeRoleEntry(home: TempHome, expiration: string, keyId = 'ASIACACHEDROLE00001'): string {
  return home.write(`.aws/cli/cache/${assumeRoleCacheKey({ roleArn: ROLE_ARN })}.json`, cacheEntryJson(keyId, expiration));
}

function resolve(home: TempHome, profile: string | null, options: { env?: Record<string, string>; cliVersion?: CliVersion; now?: Date } = {}): CliCredentialResolution {
  const environment = { ...home.environment, env: { ...home.env, ...options.env } };
  return resolveCliCredentials({ environment, profiles: loadProfiles(environment), profile, now: options.now ?? NOW, cliVersion: options.cliVersion });
}

function readable(resolution: CliCredentialResolution) {
  assert.equal(resolution.state, 'readable', JSON.stringify(resolution));
  return resolution as Extract<CliCredentialResolution, { state: 'readable' }>;
}

function needsCall(resolution: CliCredentialResolution) {
  assert.equal(resolution.state, 'needs-call', JSON.stringify(resolution));
  return resolution as Extract<CliCredentialResolution, { state: 'needs-call' }>;
}

function failed(resolution: CliCredentialResolution) {
  assert.equal(resolution.state, 'error', JSON.stringify(resolution));
  return resolution as Extract<CliCredentialResolution, { state: 'error' }>;
}

const ENV_KEYS = { AWS_ACCESS_KEY_ID: 'ASIAENVIRONMENT0001', AWS_SECRET_ACCESS_KEY: SECRET, AWS_SESSION_TOKEN: TOKEN };

test('the chain lists botocore\'s providers in its order', () => {
  assert.deepEqual(CLI_CREDENTIAL_PROVIDERS, [
    'env',
    'assume-role',
    'web-identity',
    'sso',
    'shared-credentials-file',
    'login',
    'process',
    'config-file',
    'ec2-credentials-file',
    'boto-config',
    'container',
    'instance-metadata',
  ]);
});

describe('environment keys and the profile', () => {
  test('env keys win over AWS_PROFILE, whose profile still gives the settings', () =>
    withTempHome({ config: ROLE_CONFIG }, (home) => {
      writeRoleEntry(home, iso(60));
      const resolution = readable(resolve(home, null, { env: { ...ENV_KEYS, AWS_PROFILE: 'role' } }));
      assert.equal(resolution.provider, 'env');
      assert.equal(resolution.profile, 'role');
      assert.equal(resolution.profileSelectedBy, 'AWS_PROFILE');
      assert.equal(resolution.credentials.accessKeyId, 'ASIAENVIRONMENT0001');
      assert.deepEqual(resolution.location, { kind: 'env', variables: ['AWS_ACCESS_KEY_ID', 'AWS_SECRET_ACCESS_KEY', 'AWS_SESSION_TOKEN'] });
    }));

  test('--profile turns the env keys off: the role profile\'s cache entry answers', () =>
    withTempHome({ config: ROLE_CONFIG }, (home) => {
      const file = writeRoleEntry(home, iso(60));
      const resolution = readable(resolve(home, 'role', { env: ENV_KEYS }));
      assert.equal(resolution.provider, 'assume-role');
      assert.equal(resolution.profileSelectedBy, 'flag');
      assert.deepEqual(resolution.location, { kind: 'cli-cache', file });
      assert.equal(resolution.credentials.accessKeyId, 'ASIACACHEDROLE00001');
      assert.equal(resolution.expiresAt?.toISOString(), new Date(iso(60)).toISOString());
    }));

  test('CLI v2 takes AWS_PROFILE before AWS_DEFAULT_PROFILE, CLI v1 the other way round', () =>
    withTempHome({ config: ROLE_CONFIG }, (home) => {
      const env = { AWS_PROFILE: 'src', AWS_DEFAULT_PROFILE: 'role' };
      assert.equal(resolve(home, null, { env, cliVersion: 2 }).profile, 'src');
      const v1 = resolve(home, null, { env, cliVersion: 1 });
      assert.equal(v1.profile, 'role');
      assert.equal(v1.profileSelectedBy, 'AWS_DEFAULT_PROFILE');
    }));

  test('a key id without a secret is botocore\'s hard error, an empty key id is ignored, and --profile skips both', () =>
    withTempHome({ config: ROLE_CONFIG }, (home) => {
      const partial = failed(resolve(home, null, { env: { AWS_ACCESS_KEY_ID: 'ASIAENVIRONMENT0001', AWS_PROFILE: 'src' } }));
      assert.equal(partial.code, 'partial-env');
      assert.equal(partial.message, 'Partial credentials found in env, missing: AWS_SECRET_ACCESS_KEY');
      const empty = readable(resolve(home, null, { env: { AWS_ACCESS_KEY_ID: '', AWS_SECRET_ACCESS_KEY: SECRET, AWS_PROFILE: 'src' } }));
      assert.equal(empty.provider, 'config-file');
      assert.equal(readable(resolve(home, 'src', { env: { AWS_ACCESS_KEY_ID: 'ASIAENVIRONMENT0001' } })).provider, 'config-file');
    }));

  test('env keys past AWS_CREDENTIAL_EXPIRATION fail as botocore\'s refresh does; in date they carry that expiry', () =>
    withTempHome({ config: ROLE_CONFIG }, (home) => {
      const expired = failed(resolve(home, null, { env: { ...ENV_KEYS, AWS_CREDENTIAL_EXPIRATION: iso(-1) } }));
      assert.equal(expired.code, 'env-expired');
      const fresh = readable(resolve(home, null, { env: { ...ENV_KEYS, AWS_SECURITY_TOKEN: 'legacy-token-value', AWS_CREDENTIAL_EXPIRATION: iso(30) } }));
      assert.equal(fresh.expiresAt?.toISOString(), new Date(iso(30)).toISOString());
      assert.equal(fresh.credentials.sessionToken, 'legacy-token-value', 'AWS_SECURITY_TOKEN is read first');
      assert.deepEqual(fresh.location, { kind: 'env', variables: ['AWS_ACCESS_KEY_ID', 'AWS_SECRET_ACCESS_KEY', 'AWS_SECURITY_TOKEN', 'AWS_CREDENTIAL_EXPIRATION'] });
    }));

  test('a named profile that does not exist is an error, even with env keys; a missing default is not', () =>
    withTempHome({ config: ROLE_CONFIG }, (home) => {
      const missing = failed(resolve(home, null, { env: { ...ENV_KEYS, AWS_PROFILE: 'nope' } }));
      assert.equal(missing.code, 'profile-not-found');
      assert.equal(missing.message, 'The config profile (nope) could not be found');
      assert.equal(readable(resolve(home, null, { env: ENV_KEYS })).profile, 'default');
    }));
});

describe('the AWS CLI cache of a role profile', () => {
  test('is used while at least 15 minutes remain, to the second', () =>
    withTempHome({ config: ROLE_CONFIG }, (home) => {
      writeRoleEntry(home, iso(15));
      assert.equal(readable(resolve(home, 'role')).provider, 'assume-role');
      const justUnder = needsCall(resolve(home, 'role', { now: new Date(NOW.getTime() + 1000) }));
      assert.deepEqual(justUnder.call, { kind: 'assume-role', roleArn: ROLE_ARN, sourceProfile: 'src', credentialSource: null });
      assert.equal(justUnder.unusedCacheEntry?.expiresAt.toISOString(), new Date(iso(15)).toISOString());
    }));

  test('an expired entry, or none, means the CLI assumes the role first', () =>
    withTempHome({ config: ROLE_CONFIG }, (home) => {
      assert.equal(needsCall(resolve(home, 'role')).unusedCacheEntry, null);
      const file = writeRoleEntry(home, iso(-5));
      assert.equal(needsCall(resolve(home, 'role')).unusedCacheEntry?.file, file);
    }));

  test('a broken entry is the error the CLI fails with, naming the file', () =>
    withTempHome({ config: ROLE_CONFIG }, (home) => {
      const file = home.write(`.aws/cli/cache/${assumeRoleCacheKey({ roleArn: ROLE_ARN })}.json`, '{"Credentials": ');
      const broken = failed(resolve(home, 'role'));
      assert.equal(broken.code, 'cache-entry-broken');
      assert.deepEqual(broken.location, { kind: 'cli-cache', file });
    }));

  test('reads the same answer from an already-read cache scan', () =>
    withTempHome({ config: ROLE_CONFIG }, (home) => {
      const file = writeRoleEntry(home, iso(60));
      const environment = home.environment;
      const profiles = loadProfiles(environment);
      const scan = readCliCache(profiles.paths.cliCacheDir);
      const fromScan = readable(resolveCliCredentials({ environment, profiles, profile: 'role', now: NOW, cacheScan: scan }));
      assert.deepEqual(fromScan.location, { kind: 'cli-cache', file });
    }));

  test('Rolekeeper\'s own process cache is not what the CLI uses for a role profile', () =>
    withTempHome({ config: ROLE_CONFIG }, (home) => {
      const credentials = { accessKeyId: 'ASIAROLEKEEPERONLY01', secretAccessKey: SECRET, sessionToken: TOKEN, expiration: new Date(iso(60)) };
      const file = processCacheFile(home.environment, 'role');
      home.write(file.slice(home.home.length + 1), processCacheContent(credentials, 'any'));
      assert.equal(needsCall(resolve(home, 'role')).call.kind, 'assume-role');
    }));

  test('a role profile with a broken source chain fails as the CLI does, even with an entry in date', () =>
    withTempHome({ config: `[profile role]\nrole_arn = ${ROLE_ARN}\nsource_profile = gone\n` }, (home) => {
      writeRoleEntry(home, iso(60));
      const broken = failed(resolve(home, 'role'));
      assert.equal(broken.code, 'config');
      assert.match(broken.message, /source_profile "gone"/);
    }));
});

describe('keys in the files', () => {
  const BOTH = {
    config: '[profile both]\naws_access_key_id = AKIACONFIGFILE00001\naws_secret_access_key = config-secret-value\ncredential_process = /bin/false\n\n[profile cfg]\naws_access_key_id = AKIACONFIGONLY00001\naws_secret_access_key = config-secret-value\ncredential_process = /bin/false\n',
    credentials: `[both]\naws_access_key_id = AKIACREDENTIALS0001\naws_secret_access_key = ${SECRET}\n`,
  };

  test('the credentials file wins over the config file (and over credential_process), with its file and line', () =>
    withTempHome(BOTH, (home) => {
      const resolution = readable(resolve(home, 'both'));
      assert.equal(resolution.provider, 'shared-credentials-file');
      assert.equal(resolution.credentials.accessKeyId, 'AKIACREDENTIALS0001');
      assert.deepEqual(resolution.location, { kind: 'file', file: home.credentialsFile, line: 2, fileKind: 'credentials' });
      assert.equal(resolution.expiresAt, null);
    }));

  test('keys only in the config file come after credential_process', () =>
    withTempHome(BOTH, (home) => {
      const resolution = needsCall(resolve(home, 'cfg'));
      assert.equal(resolution.provider, 'process');
      const plain = `[profile cfg]\naws_access_key_id = AKIACONFIGONLY00001\naws_secret_access_key = ${SECRET}\n`;
      home.write('.aws/config', plain);
      const keys = readable(resolve(home, 'cfg'));
      assert.equal(keys.provider, 'config-file');
      assert.deepEqual(keys.location, { kind: 'file', file: home.configFile, line: 2, fileKind: 'config' });
    }));

  test('session keys carry the expiry recorded next to them', () =>
    withTempHome({ credentials: `[pasted]\naws_access_key_id = ASIAPASTED000000001\naws_secret_access_key = ${SECRET}\naws_session_token = ${TOKEN}\nx_security_token_expires = ${iso(40)}\n` }, (home) => {
      const resolution = readable(resolve(home, 'pasted'));
      assert.equal(resolution.credentials.sessionToken, TOKEN);
      assert.equal(resolution.expiresAt?.toISOString(), new Date(iso(40)).toISOString());
    }));
});

describe('profiles the CLI must call something for', () => {
  test('credential_process is run every time; `rolekeeper credential-process NAME` is recognised', () =>
    withTempHome({ config: '[profile cp]\ncredential_process = /usr/local/bin/rolekeeper credential-process "team dev"\n' }, (home) => {
      const resolution = needsCall(resolve(home, 'cp'));
      assert.deepEqual(resolution.call, { kind: 'credential-process', command: '/usr/local/bin/rolekeeper credential-process "team dev"', rolekeeperProfile: 'team dev' });
      assert.equal(rolekeeperProcessProfile('node /opt/rk/bin/rolekeeper.js credential-process dev'), 'dev');
      assert.equal(rolekeeperProcessProfile('aws-vault exec dev --json'), null);
    }));

  const SSO_CONFIG = `[profile sso]
sso_session = corp
sso_account_id = 123456789012
sso_role_name = ReadOnly
region = eu-west-1

[sso-session corp]
sso_start_url = https://example.awsapps.com/start
sso_region = eu-west-1
`;

  test('SSO role credentials come from the cache in CLI v2 only; CLI v1 always calls', () =>
    withTempHome({ config: SSO_CONFIG }, (home) => {
      const key = cacheKeyForProfile(loadProfiles(home.environment).get('sso')!);
      assert.ok(key);
      const file = home.write(`.aws/cli/cache/${key}.json`, cacheEntryJson('ASIASSOROLE00000001', iso(50), { ProviderType: 'sso' }));
      const v2 = readable(resolve(home, 'sso', { cliVersion: 2 }));
      assert.equal(v2.provider, 'sso');
      assert.deepEqual(v2.location, { kind: 'cli-cache', file });
      const v1 = needsCall(resolve(home, 'sso', { cliVersion: 1 }));
      assert.deepEqual(v1.call, { kind: 'sso-get-role-credentials', accountId: '123456789012', roleName: 'ReadOnly' });
    }));

  test('the container endpoint answers only when no profile does; RELATIVE_URI wins over FULL_URI', () =>
    withTempHome({ credentials: `[default]\naws_access_key_id = AKIADEFAULTKEYS0001\naws_secret_access_key = ${SECRET}\n` }, (home) => {
      const container = { AWS_CONTAINER_CREDENTIALS_FULL_URI: 'http://127.0.0.1:9911/creds', AWS_CONTAINER_CREDENTIALS_RELATIVE_URI: '/v2/credentials/x' };
      assert.equal(readable(resolve(home, null, { env: container })).provider, 'shared-credentials-file');
      home.write('.aws/credentials', '');
      assert.deepEqual(needsCall(resolve(home, null, { env: container })).call, { kind: 'container', url: 'http://169.254.170.2/v2/credentials/x' });
      assert.deepEqual(needsCall(resolve(home, null, { env: { AWS_CONTAINER_CREDENTIALS_FULL_URI: 'http://127.0.0.1:9911/creds' } })).call, { kind: 'container', url: 'http://127.0.0.1:9911/creds' });
    }));

  test('instance metadata is last, unless AWS_EC2_METADATA_DISABLED is true; then there is nothing', () =>
    withTempHome({}, (home) => {
      assert.equal(resolve(home, null, { env: { AWS_EC2_METADATA_DISABLED: 'TRUE' } }).state, 'none');
      assert.deepEqual(needsCall(resolve(home, null, { env: { AWS_EC2_METADATA_DISABLED: 'false' } })).call, { kind: 'instance-metadata' });
    }));

  test('web identity from the environment applies without --profile, and its cache entry is used', () =>
    withTempHome({ config: '[profile plain]\nregion = eu-west-1\n' }, (home) => {
      const env = { AWS_WEB_IDENTITY_TOKEN_FILE: join(home.home, 'token'), AWS_ROLE_ARN: ROLE_ARN, AWS_ROLE_SESSION_NAME: 'ci' };
      assert.equal(needsCall(resolve(home, null, { env })).call.kind, 'assume-role-with-web-identity');
      const file = home.write(`.aws/cli/cache/${assumeRoleCacheKey({ roleArn: ROLE_ARN, roleSessionName: 'ci' })}.json`, cacheEntryJson('ASIAWEBIDENTITY0001', iso(30)));
      assert.deepEqual(readable(resolve(home, null, { env })).location, { kind: 'cli-cache', file });
      assert.notEqual(resolve(home, 'plain', { env: { ...env, AWS_EC2_METADATA_DISABLED: 'true' } }).provider, 'web-identity', '--profile ignores the env variables');
    }));
});

test('no resolution carries a secret outside its credentials', () =>
  withTempHome({ config: ROLE_CONFIG }, (home) => {
    writeRoleEntry(home, iso(60));
    const cases = [resolve(home, 'role'), resolve(home, null, { env: { ...ENV_KEYS, AWS_CREDENTIAL_EXPIRATION: iso(-1) } }), resolve(home, null, { env: { AWS_ACCESS_KEY_ID: 'x' } })];
    for (const resolution of cases) {
      const { credentials: _credentials, ...rest } = resolution as { credentials?: unknown };
      const text = JSON.stringify(rest);
      assert.ok(!text.includes(SECRET) && !text.includes(TOKEN));
    }
  }));
