import assert from 'node:assert/strict';
import { test } from 'node:test';
import { execChildEnvironment, SHADOWING_VARIABLES } from '../../../src/main/core/credentials/exec-environment';
import { makeTempHome } from '../../helpers/temp-home';
import type { AwsEnvironment } from '../../../src/main/core/model/aws-environment';

const PARENT = {
  PATH: '/usr/bin',
  AWS_ACCESS_KEY_ID: 'AKIASTALE',
  AWS_SECRET_ACCESS_KEY: 'stale',
  AWS_SESSION_TOKEN: 'stale',
  AWS_SECURITY_TOKEN: 'stale',
  AWS_PROFILE: 'other',
  AWS_DEFAULT_PROFILE: 'other',
  AWS_CONTAINER_CREDENTIALS_RELATIVE_URI: '/v2/credentials/x',
  AWS_CONTAINER_AUTHORIZATION_TOKEN_FILE: '/tmp/t',
  AWS_MAX_ATTEMPTS: '3',
  AWS_CREDENTIAL_FILE: '/tmp/ec2-tools-credentials',
};

/** PARENT in a home of its own: no ~/.boto unless a test writes one. */
function parent(env: Record<string, string> = PARENT, home = '/nonexistent-rolekeeper-home'): AwsEnvironment {
  return { env, platform: 'linux', homeDir: home };
}

test('the endpoint form removes every shadowing variable, keeps the rest, and points AWS_PROFILE at the credential-less profile', () => {
  const env = execChildEnvironment(parent(), { kind: 'endpoint', url: 'http://127.0.0.1:20001/v1/credentials/deploy', token: 'tok' }, 'eu-west-1');
  assert.deepEqual(env, {
    PATH: '/usr/bin',
    AWS_MAX_ATTEMPTS: '3',
    AWS_CONTAINER_CREDENTIALS_FULL_URI: 'http://127.0.0.1:20001/v1/credentials/deploy',
    AWS_CONTAINER_AUTHORIZATION_TOKEN: 'tok',
    AWS_PROFILE: 'rolekeeper-endpoint',
    AWS_REGION: 'eu-west-1',
    AWS_DEFAULT_REGION: 'eu-west-1',
  });
});

test('the keys form sets the keys and their expiry in whole seconds, and no profile', () => {
  const expiration = new Date(Date.UTC(2030, 0, 2, 3, 4, 5, 678));
  const env = execChildEnvironment(parent(), { kind: 'keys', credentials: { accessKeyId: 'ASIANEW', secretAccessKey: 's', sessionToken: 't', expiration } }, null);
  assert.equal(env.AWS_ACCESS_KEY_ID, 'ASIANEW');
  assert.equal(env.AWS_SESSION_TOKEN, 't');
  assert.equal(env.AWS_CREDENTIAL_EXPIRATION, '2030-01-02T03:04:05Z');
  assert.equal(env.AWS_SECURITY_TOKEN, undefined);
  assert.equal(env.AWS_PROFILE, undefined);
  assert.equal(env.AWS_REGION, undefined);
  for (const name of ['AWS_CONTAINER_CREDENTIALS_RELATIVE_URI', 'AWS_CONTAINER_AUTHORIZATION_TOKEN_FILE', 'AWS_CREDENTIAL_FILE']) assert.ok((SHADOWING_VARIABLES as readonly string[]).includes(name) && !(name in env));
});

test('the endpoint form points BOTO_CONFIG at no file only while a boto2 config holds keys that would win over the endpoint', () => {
  const home = makeTempHome();
  try {
    const endpoint = { kind: 'endpoint', url: 'http://127.0.0.1:20001/v1/credentials/deploy', token: 'tok' } as const;
    const env = { PATH: '/usr/bin' };
    home.write('.boto', '[Boto]\ndebug = 0\n');
    assert.equal(execChildEnvironment(parent(env, home.home), endpoint, null).BOTO_CONFIG, undefined);
    assert.equal(execChildEnvironment(parent({ ...env, BOTO_CONFIG: '~/.boto' }, home.home), endpoint, null).BOTO_CONFIG, '~/.boto', 'a boto config without AWS keys is left to boto2 and gsutil');
    home.write('.boto', '[Credentials]\naws_access_key_id = AKIABOTOBOTOBOTOBOT1\naws_secret_access_key = s\n');
    assert.equal(execChildEnvironment(parent(env, home.home), endpoint, null).BOTO_CONFIG, '/dev/null');
    assert.equal(execChildEnvironment(parent(env, home.home), { kind: 'keys', credentials: { accessKeyId: 'ASIANEW', secretAccessKey: 's' } }, null).BOTO_CONFIG, undefined, 'keys in the environment come first anyway');
  } finally {
    home.cleanup();
  }
});
