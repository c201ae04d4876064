// The macOS and Windows release configuration, checked as far as Linux allows: electron-builder
// loads and validates electron-builder.yml against its own schema, and the settings a signed,
// notarized release needs are there, with secrets left to the release machine's environment.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { getConfig, validateConfiguration } from 'app-builder-lib/out/util/config/config';
import type { Configuration } from 'app-builder-lib';
import { DebugLogger } from 'builder-util';
import { setPrinter } from 'builder-util/out/log';

const ROOT = join(__dirname, '..', '..');

// electron-builder's "• loaded configuration" lines go to stdout, which the test runner reads as its
// own message stream: one landing inside a message broke it. Its words go to stderr here.
setPrinter((message) => process.stderr.write(`${message}\n`));

async function loadConfig(): Promise<Configuration> {
  const config = await getConfig(ROOT, null, null);
  await validateConfiguration(config, new DebugLogger(false));
  return config;
}

function targetNames(target: unknown): string[] {
  const list = Array.isArray(target) ? target : [target];
  return list.map((entry) => (typeof entry === 'string' ? entry : (entry as { target: string }).target));
}

test('electron-builder accepts the configuration', async () => {
  const config = await loadConfig();
  assert.equal(config.appId, 'dev.rolekeeper.tray');
  assert.equal(config.productName, 'Rolekeeper');
});

test('macOS: dmg and zip (the updater needs the zip), hardened runtime with its entitlements, notarization', async () => {
  const { mac } = await loadConfig();
  assert.deepEqual(targetNames(mac?.target).sort(), ['dmg', 'zip']);
  assert.equal(mac?.hardenedRuntime, true);
  assert.equal(mac?.notarize, true, 'notarized with the Apple credentials in the environment');
  assert.equal(mac?.extendInfo?.LSUIElement, true, 'a menu-bar app');
  for (const file of [mac?.entitlements, mac?.entitlementsInherit]) {
    const plist = readFileSync(join(ROOT, file as string), 'utf8');
    assert.match(plist, /<key>com\.apple\.security\.cs\.allow-jit<\/key>\s*<true\/>/);
    // Nothing a tray app does not need: no unsigned memory, no disabled library validation.
    assert.doesNotMatch(plist, /allow-unsigned-executable-memory|disable-library-validation/);
  }
  assert.doesNotMatch(readFileSync(join(ROOT, 'electron-builder.yml'), 'utf8'), /appleIdPassword|APPLE_APP_SPECIFIC_PASSWORD:|cscKeyPassword|certificatePassword/, 'no secret in the file');
});

test('Windows: a per-user NSIS installer, signed with SHA-256 from the environment', async () => {
  const { win, nsis } = await loadConfig();
  assert.deepEqual(targetNames(win?.target), ['nsis']);
  assert.equal(nsis?.perMachine, false);
  assert.equal(nsis?.oneClick, false);
  assert.deepEqual(win?.signtoolOptions?.signingHashAlgorithms, ['sha256']);
  assert.equal(win?.signtoolOptions?.certificatePassword, undefined);
});

test('Linux: the targets dist:linux builds, and a binary name apart from the CLI', async () => {
  const { linux } = await loadConfig();
  assert.deepEqual(targetNames(linux?.target).sort(), ['deb', 'rpm', 'tar.gz']);
  assert.equal(linux?.executableName, 'rolekeeper-tray');
  assert.equal(linux?.desktop?.entry?.StartupWMClass, 'Rolekeeper');
});
