// Packaging without the Electron binary: electron-builder --dir against a stub electronDist (fuses
// off for the stub only: there is no binary to flip them in), then the packaged bundle runs from the
// extracted layout under the electron stand-in with app.isPackaged true.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { chmodSync, copyFileSync, existsSync, mkdtempSync, rmSync, writeFileSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { extractAll, listPackage } from '@electron/asar';
import { ensureBundle, startApp, trayIsUp } from './stand-in-fixture';

const TRAY_STATES = ['fresh', 'expiring', 'failing', 'needs-you'];

function packageWithStubElectron(work: string): string {
  const stub = join(work, 'stub-electron');
  mkdirSync(stub, { recursive: true });
  writeFileSync(join(stub, 'electron'), '#!/bin/sh\nexit 0\n');
  chmodSync(join(stub, 'electron'), 0o755);
  copyFileSync(join('node_modules', 'electron', 'LICENSE'), join(stub, 'LICENSE'));
  // The project's own configuration, with only what a stub binary needs changed.
  const builderConfig = { extends: join(process.cwd(), 'electron-builder.yml'), electronDist: stub, electronFuses: null, npmRebuild: false, directories: { output: join(work, 'out'), buildResources: 'build' } };
  writeFileSync(join(work, 'builder.json'), JSON.stringify(builderConfig));
  const cli = join('node_modules', 'electron-builder', 'cli.js');
  const result = spawnSync(process.execPath, [cli, '--dir', '--linux', '--config', join(work, 'builder.json')], { encoding: 'utf8', env: { ...process.env, CSC_IDENTITY_AUTO_DISCOVERY: 'false' } });
  assert.equal(result.status, 0, `${result.stdout}\n${result.stderr}`);
  return join(work, 'out', 'linux-unpacked');
}

test('the package holds the three bundles and every file main.ts computes, no node_modules, and runs from its layout', async (t) => {
  ensureBundle();
  const work = mkdtempSync(join(tmpdir(), 'rolekeeper-package-'));
  t.after(() => rmSync(work, { recursive: true, force: true }));
  const unpacked = packageWithStubElectron(work);
  const resources = join(unpacked, 'resources');
  const asar = join(resources, 'app.asar');

  const files = listPackage(asar, { isPack: false }).map((entry) => entry.replace(/\\/g, '/'));
  assert.deepEqual(files.filter((file) => file.startsWith('/node_modules')), [], 'the bundle carries its dependencies');
  for (const file of ['/package.json', '/dist/electron/main.js', '/dist/preload/preload.js', '/dist/renderer/index.html', '/dist/renderer/popover.js', '/dist/renderer/popover.css']) {
    assert.ok(files.includes(file), `${file} in app.asar`);
  }
  for (const state of TRAY_STATES) {
    for (const name of [`tray-${state}.png`, `tray-${state}Template.png`]) assert.ok(existsSync(join(resources, 'tray', name)), `resources/tray/${name}`);
  }
  assert.ok(existsSync(join(resources, 'icons', '256x256.png')), 'the notification icon');

  // The real layout: app.asar extracted to resources/app, run with isPackaged and resourcesPath.
  const appDir = join(resources, 'app');
  extractAll(asar, appDir);
  const { app, close } = startApp({
    main: join(appDir, 'dist', 'electron', 'main.js'),
    env: { STAND_IN_PACKAGED: '1', STAND_IN_RESOURCES_PATH: resources, STAND_IN_APP_PATH: appDir },
  });
  t.after(close);
  const record = await app.waitFor((r) => trayIsUp(r) && r.popoverVisible, 'the packaged tray and popover');
  assert.equal(record.tray!.image, join(resources, 'tray', 'tray-fresh.png'));
  assert.equal(record.windows[0].options.preload, join(appDir, 'dist', 'preload', 'preload.js'));
  assert.deepEqual(record.rendererLoads.map((load) => load.status), [200]);
  assert.deepEqual(record.errorBoxes, []);
});
