// A role whose source_profile keeps its keys in the keychain: refreshed through the service with
// the keys read from the keychain and written nowhere; MFA sessions (GetSessionToken) from them as
// from keys in a file.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { makeTempHome } from '../../helpers/temp-home';
import { recordingSts } from '../../helpers/recording-sts';
import { createRolekeeperService } from '../../../src/main/core/service/rolekeeper-service';
import { changeStore } from '../../../src/main/core/credentials/rolekeeper-store';
import type { KeychainPort, LongTermKeys } from '../../../src/main/core/vault/keychain';

const KEY_ID = 'AKIAIOSFODNN7EXAMPLE';
const SECRET = 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY';
const CONFIG = `[profile user1]
credential_process = /usr/local/bin/rolekeeper credential-process user1

[profile project1]
role_arn = arn:aws:iam::123456789012:role/deploy
source_profile = user1
mfa_serial = arn:aws:iam::123456789012:mfa/me
`;

function keychainWith(entries: Record<string, LongTermKeys>): KeychainPort & { reads: number } {
  const port = {
    reads: 0,
    read: async (profile: string) => {
      port.reads++;
      return entries[profile] ?? null;
    },
    write: async () => undefined,
    remove: async () => false,
    list: async () => Object.keys(entries),
  };
  return port;
}

function everyFile(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const full = join(dir, name);
    return statSync(full).isDirectory() ? everyFile(full) : [full];
  });
}

test('a role sourced from a keychain profile takes one MFA session from the keychain keys and writes them nowhere', async () => {
  const home = makeTempHome({ config: CONFIG, credentials: '' });
  try {
    await changeStore(home.environment, (data) => {
      data.settings.useMfaSession = true;
    });
    const sts = recordingSts();
    const keychain = keychainWith({ user1: { accessKeyId: KEY_ID, secretAccessKey: SECRET } });
    const service = createRolekeeperService({ environment: home.environment, sts, keychain });
    assert.equal(service.profiles().get('user1')?.type, 'keychain');
    const result = await service.refresh('project1', { mfaCode: '123456' });
    assert.ok(result.credentials);
    assert.deepEqual(sts.calls.map((call) => call.operation), ['GetSessionToken', 'AssumeRole']);
    const session = sts.calls[0];
    assert.equal(session.operation === 'GetSessionToken' && session.input.sourceCredentials.accessKeyId, KEY_ID);
    assert.ok(keychain.reads >= 1);
    for (const file of everyFile(home.home)) assert.ok(!readFileSync(file, 'utf8').includes(SECRET), `the long-term secret in ${file}`);
  } finally {
    home.cleanup();
  }
});

test('a keychain profile with no entry is a clear error that says how to add the keys', async () => {
  const home = makeTempHome({ config: CONFIG, credentials: '' });
  try {
    const service = createRolekeeperService({ environment: home.environment, sts: recordingSts(), keychain: keychainWith({}) });
    await assert.rejects(service.refresh('project1', { mfaCode: '123456' }), (error: unknown) => {
      assert.match(String((error as Error).message), /Profile "user1" takes its keys from the OS keychain, but the keychain holds none for it/);
      assert.match(String((error as { fix?: string }).fix), /rolekeeper vault add user1/);
      return true;
    });
  } finally {
    home.cleanup();
  }
});

test('verify signs with the keychain keys, as the AWS CLI does through credential_process', async () => {
  const home = makeTempHome({ config: CONFIG, credentials: '' });
  try {
    const sts = recordingSts();
    const service = createRolekeeperService({ environment: home.environment, sts, keychain: keychainWith({ user1: { accessKeyId: KEY_ID, secretAccessKey: SECRET } }) });
    const identity = await service.verify('user1');
    assert.equal(identity.obtainedBy?.kind, 'credential-process');
    const call = sts.calls.find((item) => item.operation === 'GetCallerIdentity');
    assert.equal(call?.operation === 'GetCallerIdentity' && call.input.credentials.accessKeyId, KEY_ID);
  } finally {
    home.cleanup();
  }
});
