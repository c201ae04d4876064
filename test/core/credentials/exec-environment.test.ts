import assert from 'node:assert/strict';
import { test } from 'node:test';
import { execChildEnvironment, SHADOWING_VARIABLES } from '../../../src/main/core/credentials/exec-environment';

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
};

test('the endpoint form removes every shadowing variable, keeps the rest, and points AWS_PROFILE at the credential-less profile', () => {
  const env = execChildEnvironment(PARENT, { kind: 'endpoint', url: 'http://127.0.0.1:20001/v1/credentials/deploy', token: 'tok' }, 'eu-west-1');
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
  const env = execChildEnvironment(PARENT, { kind: 'keys', credentials: { accessKeyId: 'ASIANEW', secretAccessKey: 's', sessionToken: 't', expiration } }, null);
  assert.equal(env.AWS_ACCESS_KEY_ID, 'ASIANEW');
  assert.equal(env.AWS_SESSION_TOKEN, 't');
  assert.equal(env.AWS_CREDENTIAL_EXPIRATION, '2030-01-02T03:04:05Z');
  assert.equal(env.AWS_SECURITY_TOKEN, undefined);
  assert.equal(env.AWS_PROFILE, undefined);
  assert.equal(env.AWS_REGION, undefined);
  for (const name of ['AWS_CONTAINER_CREDENTIALS_RELATIVE_URI', 'AWS_CONTAINER_AUTHORIZATION_TOKEN_FILE']) assert.ok((SHADOWING_VARIABLES as readonly string[]).includes(name) && !(name in env));
});
