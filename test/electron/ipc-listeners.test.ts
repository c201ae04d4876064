// Every way into the main process from a renderer: the contract's invoke handlers, and one
// listener outside it, electron-store's `electron-store-get-data` (it answers a renderer-side
// Store with the userData folder and the app version, nothing else). The popover cannot send on
// it: its sandboxed preload exposes one method per contract channel and no ipcRenderer.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { INVOKE_CHANNELS } from '../../src/shared/ipc-contract';
import { ensureBundle, startApp, trayIsUp } from './stand-in-fixture';

test('ipcMain answers the contract channels and electron-store\'s data channel, nothing else', async (t) => {
  ensureBundle();
  const { app, close } = startApp();
  t.after(close);
  const record = await app.waitFor((r) => trayIsUp(r), 'the tray');
  assert.deepEqual(record.handlers, [...INVOKE_CHANNELS].sort());
  assert.deepEqual(record.listeners, ['electron-store-get-data']);
  // What that channel answers, in the electron-store version bundled: the folder and the version.
  const store = readFileSync(join(__dirname, '..', '..', 'node_modules', 'electron-store', 'index.js'), 'utf8');
  assert.match(store, /const appData = \{\s*defaultCwd: app\.getPath\('userData'\),\s*appVersion: app\.getVersion\(\),\s*\};/);
  assert.match(store, /ipcMain\.on\('electron-store-get-data', event => \{\s*event\.returnValue = appData;\s*\}\);/);
  const preload = readFileSync(join(__dirname, '..', '..', 'dist', 'preload', 'preload.js'), 'utf8');
  assert.doesNotMatch(preload, /electron-store-get-data/);
});
