import { test, type TestContext } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { makeTempHome, type TempHome } from '../../helpers/temp-home';
import { memorySettingsStore } from '../../helpers/memory-settings-store';
import { recordingSts } from '../../helpers/recording-sts';
import { createRolekeeperService } from '../../../src/main/core/service/rolekeeper-service';
import { TraySettings } from '../../../src/main/core/tray/tray-settings';
import { SsoSignIns } from '../../../src/main/core/tray/sso-sign-ins';
import { ClipboardClearer, createIpcHandlers } from '../../../src/main/core/tray/ipc-handlers';
import type { KeychainPort, LongTermKeys } from '../../../src/main/core/vault/keychain';

const KEY_ID = 'AKIAIOSFODNN7EXAMPLE';
const SECRET = 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY';

function memoryKeychain(): KeychainPort & { entries: Map<string, LongTermKeys> } {
  const entries = new Map<string, LongTermKeys>();
  return {
    entries,
    read: async (profile) => entries.get(profile) ?? null,
    write: async (profile, keys) => void entries.set(profile, keys),
    remove: async (profile) => entries.delete(profile),
    list: async () => [...entries.keys()].sort(),
  };
}

function setup(t: TestContext, home: TempHome) {
  const keychain = memoryKeychain();
  const service = createRolekeeperService({ environment: home.environment, sts: recordingSts(), keychain });
  const handlers = createIpcHandlers({
    service,
    settings: new TraySettings(service, memorySettingsStore()),
    clipboard: new ClipboardClearer({ writeText: () => undefined, readText: () => '' }),
    autoStart: { isEnabled: async () => false, setEnabled: async () => undefined },
    openPath: async () => undefined,
    signIns: new SsoSignIns(service),
    locale: 'en-US',
    platform: 'linux',
  });
  t.after(() => home.cleanup());
  return { handlers, keychain };
}

test('"Add keys" stores them in the keychain; neither the answer nor the state carries them back', async (t) => {
  const home = makeTempHome({ config: '[profile ops]\nregion = eu-west-1\n' });
  const { handlers, keychain } = setup(t, home);
  const added = await handlers['vault:add']({ profile: 'ops', accessKeyId: KEY_ID, secretAccessKey: SECRET });
  assert.equal(added.ok, true, JSON.stringify(added));
  assert.deepEqual(keychain.entries.get('ops'), { accessKeyId: KEY_ID, secretAccessKey: SECRET });
  const state = await handlers['state:get'](undefined);
  for (const answer of [added, state]) {
    const text = JSON.stringify(answer);
    assert.ok(!text.includes(SECRET) && !text.includes(KEY_ID), text.slice(0, 200));
  }
  assert.ok(!readFileSync(home.configFile, 'utf8').includes(SECRET));
});

test('keys the engine refuses come back as a failure that does not repeat them', async (t) => {
  const home = makeTempHome({ config: '' });
  const { handlers, keychain } = setup(t, home);
  const typo = 'AKIAIOSFODNN7EXAMPL';
  const refused = await handlers['vault:add']({ profile: 'ops', accessKeyId: typo, secretAccessKey: `${SECRET}x` });
  assert.equal(refused.ok, false);
  assert.ok(!JSON.stringify(refused).includes(typo) && !JSON.stringify(refused).includes(SECRET));
  assert.equal(keychain.entries.size, 0);
  const malformed = await handlers['vault:add']({ profile: 'ops', accessKeyId: 42, secretAccessKey: SECRET });
  assert.deepEqual([malformed.ok, (malformed as { code?: string }).code], [false, 'invalid-request']);
  assert.ok(!JSON.stringify(malformed).includes(SECRET));
});

test('"Move keys to the keychain" takes them out of the credentials file', async (t) => {
  const home = makeTempHome({ config: '', credentials: `[user1]\naws_access_key_id = ${KEY_ID}\naws_secret_access_key = ${SECRET}\n` });
  const { handlers, keychain } = setup(t, home);
  const offered = (state: unknown) => (state as { state: { profiles: Array<{ name: string; sourceActions?: string[] }> } }).state.profiles.find((p) => p.name === 'user1')?.sourceActions;
  assert.deepEqual(offered(await handlers['state:get'](undefined)), ['move-to-keychain']);
  const moved = await handlers['vault:move']({ profile: 'user1' });
  assert.equal(moved.ok, true, JSON.stringify(moved));
  assert.ok(!readFileSync(home.credentialsFile, 'utf8').includes(SECRET));
  assert.equal(keychain.entries.get('user1')?.secretAccessKey, SECRET);
  assert.ok(!JSON.stringify(moved).includes(SECRET));
  assert.deepEqual(offered(await handlers['state:get'](undefined)), ['export-from-keychain']);
});
