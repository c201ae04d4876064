import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import { classifyProfile, SOURCES, sourceOf } from '../../../src/main/core/credentials/sources/sources';
import { isKeychainCommand } from '../../../src/main/core/credentials/sources/keychain';
import type { ConfigValue } from '../../../src/main/core/aws-config/profile-model';

function values(entries: Record<string, string>, fileKinds: Record<string, 'config' | 'credentials'> = {}): Map<string, ConfigValue> {
  return new Map(Object.entries(entries).map(([key, value]) => [key, { value, file: 'f', line: 1, fileKind: fileKinds[key] ?? 'config' }]));
}

test('every source has its own type and the list holds the keychain source', () => {
  const types = SOURCES.map((source) => source.type);
  assert.equal(new Set(types).size, types.length);
  assert.ok(types.includes('keychain'));
  assert.equal(sourceOf('none'), null);
});

test('the first source in botocore’s order decides: role before web identity before SSO before keys before credential_process', () => {
  assert.equal(classifyProfile(values({ role_arn: 'arn:aws:iam::1:role/r', sso_account_id: '1' }), 'p'), 'role');
  assert.equal(classifyProfile(values({ role_arn: 'arn:aws:iam::1:role/r', web_identity_token_file: '/t' }), 'p'), 'web-identity');
  assert.equal(classifyProfile(values({ sso_role_name: 'r', aws_access_key_id: 'A', aws_secret_access_key: 'S' }), 'p'), 'sso');
  // Keys in the credentials file win over credential_process; keys in config lose to it.
  const both = { aws_access_key_id: 'A', aws_secret_access_key: 'S', credential_process: 'x' };
  assert.equal(classifyProfile(values(both, { aws_access_key_id: 'credentials' }), 'p'), 'static');
  assert.equal(classifyProfile(values(both), 'p'), 'process');
  assert.equal(classifyProfile(values({ ...both, aws_session_token: 'T' }, { aws_access_key_id: 'credentials' }), 'p'), 'session');
  assert.equal(classifyProfile(values({ aws_access_key_id: 'A', login_session: 'x' }), 'p'), 'none');
  assert.equal(classifyProfile(values({ credential_process: 'x', login_session: 'x' }), 'p'), 'none');
  assert.equal(classifyProfile(values({ region: 'eu-west-1' }), 'p'), 'none');
});

test('a profile whose credential_process runs rolekeeper credential-process for itself is a keychain profile', () => {
  assert.equal(classifyProfile(values({ credential_process: '/usr/bin/rolekeeper credential-process user1' }), 'user1'), 'keychain');
  assert.equal(classifyProfile(values({ credential_process: "/usr/bin/node '/opt/rk dir/bin/rolekeeper.js' credential-process user1" }), 'user1'), 'keychain');
  // For another profile it is the setup credential-process form: a process profile.
  assert.equal(classifyProfile(values({ credential_process: 'rolekeeper credential-process project1' }), 'project1-rk'), 'process');
  assert.equal(isKeychainCommand('other-tool credential-process user1', 'user1'), false);
  assert.equal(isKeychainCommand("rolekeeper credential-process 'a b'", 'a b'), true);
});

test('only role and SSO sources are refreshed by Rolekeeper', () => {
  const refreshed = SOURCES.filter((source) => source.refreshedWith !== null).map((source) => source.type).sort();
  assert.deepEqual(refreshed, ['role', 'sso']);
});
