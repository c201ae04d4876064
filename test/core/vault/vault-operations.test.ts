import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { makeTempHome } from '../../helpers/temp-home';
import { loadProfiles } from '../../../src/main/core/aws-config/profile-loader';
import type { KeychainPort, LongTermKeys } from '../../../src/main/core/vault/keychain';
import { addToKeychain, exportFromKeychain, moveToKeychain } from '../../../src/main/core/vault/vault-operations';
import { WordedError } from '../../../src/main/core/model/worded-error';

const KEY_ID = 'AKIAIOSFODNN7EXAMPLE';
const SECRET = 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY';

function memoryKeychain(options: { forget?: boolean } = {}): KeychainPort & { entries: Map<string, LongTermKeys> } {
  const entries = new Map<string, LongTermKeys>();
  return {
    entries,
    read: async (profile) => (options.forget ? null : (entries.get(profile) ?? null)),
    write: async (profile, keys) => void entries.set(profile, keys),
    remove: async (profile) => entries.delete(profile),
    list: async () => [...entries.keys()].sort(),
  };
}

test('a move whose file edit fails leaves the files as they were and no keychain entry', async () => {
  // A duplicate [profile user1] in config: botocore's reader refuses it, so the safe editor does too.
  const config = '[profile user1]\nregion = us-east-1\n[profile user1]\noutput = json\n';
  const credentials = `[user1]\naws_access_key_id = ${KEY_ID}\naws_secret_access_key = ${SECRET}\n`;
  const home = makeTempHome({ config, credentials });
  try {
    const keychain = memoryKeychain();
    const profiles = loadProfiles(home.environment);
    await assert.rejects(moveToKeychain('user1', { environment: home.environment, profiles, keychain }));
    assert.equal(keychain.entries.size, 0);
    assert.equal(readFileSync(home.configFile, 'utf8'), config);
    assert.equal(readFileSync(home.credentialsFile, 'utf8'), credentials);
  } finally {
    home.cleanup();
  }
});

test('a keychain that does not give the keys back stops the move before any file changes', async () => {
  const credentials = `[user1]\naws_access_key_id = ${KEY_ID}\naws_secret_access_key = ${SECRET}\n`;
  const home = makeTempHome({ config: '', credentials });
  try {
    const keychain = memoryKeychain({ forget: true });
    await assert.rejects(moveToKeychain('user1', { environment: home.environment, profiles: loadProfiles(home.environment), keychain }), (error: unknown) => {
      assert.ok(error instanceof WordedError);
      assert.match(error.message, /did not give back the keys/);
      return true;
    });
    assert.equal(keychain.entries.size, 0);
    assert.equal(readFileSync(home.credentialsFile, 'utf8'), credentials);
  } finally {
    home.cleanup();
  }
});

test('keys in the config file move out of it in the same edit that adds credential_process', async () => {
  const config = `[profile user1]\nregion = us-east-1\naws_access_key_id = ${KEY_ID}\naws_secret_access_key = ${SECRET}\n`;
  const home = makeTempHome({ config });
  try {
    const keychain = memoryKeychain();
    await moveToKeychain('user1', { environment: home.environment, profiles: loadProfiles(home.environment), keychain });
    const text = readFileSync(home.configFile, 'utf8');
    assert.doesNotMatch(text, /aws_access_key_id|aws_secret_access_key/);
    assert.match(text, /credential_process = .* credential-process user1\n$/);
    assert.deepEqual(keychain.entries.get('user1'), { accessKeyId: KEY_ID, secretAccessKey: SECRET });
    assert.equal(loadProfiles(home.environment).get('user1')?.type, 'keychain');
  } finally {
    home.cleanup();
  }
});

test('vault add refuses a profile that already has keys in a file, and session keys as long-term keys', async () => {
  const home = makeTempHome({ credentials: `[user1]\naws_access_key_id = ${KEY_ID}\naws_secret_access_key = ${SECRET}\n` });
  try {
    const context = { environment: home.environment, profiles: loadProfiles(home.environment), keychain: memoryKeychain() };
    await assert.rejects(addToKeychain('user1', { accessKeyId: KEY_ID, secretAccessKey: SECRET }, context), /already has keys in .*vault move user1/);
    await assert.rejects(addToKeychain('other', { accessKeyId: 'ASIAIOSFODNN7EXAMPLE', secretAccessKey: SECRET }, context), /no access key ID of an IAM user/);
    assert.equal(context.keychain.entries.size, 0);
  } finally {
    home.cleanup();
  }
});

test('the default profile moves too, and export brings back what botocore read', async () => {
  const credentials = `[default]\naws_access_key_id = ${KEY_ID}\naws_secret_access_key = ${SECRET}\n`;
  const home = makeTempHome({ config: '[default]\nregion = eu-west-1\n', credentials });
  try {
    const keychain = memoryKeychain();
    const context = () => ({ environment: home.environment, profiles: loadProfiles(home.environment), keychain });
    await moveToKeychain('default', context());
    assert.match(readFileSync(home.configFile, 'utf8'), /^\[default\]\nregion = eu-west-1\ncredential_process = .* credential-process default\n$/);
    assert.equal(loadProfiles(home.environment).get('default')?.type, 'keychain');
    await exportFromKeychain('default', context());
    assert.equal(readFileSync(home.configFile, 'utf8'), '[default]\nregion = eu-west-1\n');
    assert.equal(readFileSync(home.credentialsFile, 'utf8'), credentials);
    assert.equal(keychain.entries.size, 0);
  } finally {
    home.cleanup();
  }
});
