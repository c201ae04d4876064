// End to end: launches the real packaged-layout app (dist/) in Electron with Playwright and clicks
// through the popover. Runs wherever an Electron binary is installed; skips with instructions where
// none is. Electron itself is never required here: that would try to download the binary.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { _electron as electron } from 'playwright-core';
import { makeTempHome } from '../helpers/temp-home';

const ELECTRON_DIR = join(process.cwd(), 'node_modules', 'electron');

function electronBinary(): string | null {
  const pathFile = join(ELECTRON_DIR, 'path.txt');
  if (!existsSync(pathFile)) return null;
  const binary = join(ELECTRON_DIR, 'dist', readFileSync(pathFile, 'utf8').trim());
  return existsSync(binary) ? binary : null;
}

const CONFIG = `[profile base]
aws_access_key_id = AKIAEXAMPLEBASE
aws_secret_access_key = base-secret-never-shown
region = eu-central-1

[profile dev]
role_arn = arn:aws:iam::111111111111:role/developer
source_profile = base
region = eu-central-1
`;

test('the tray app starts, shows the popover with the profiles, and keeps the page sandboxed', async (t) => {
  const binary = electronBinary();
  if (binary === null) {
    t.skip('no Electron binary here: run `npx install-electron` (or `npm rebuild electron` with network access), then `npm run build` and this test again');
    return;
  }
  const build = spawnSync(process.execPath, ['scripts/bundle.mjs'], { encoding: 'utf8' });
  assert.equal(build.status, 0, build.stderr);

  const home = makeTempHome({ config: CONFIG });
  t.after(() => home.cleanup());
  const app = await electron.launch({
    executablePath: binary,
    args: [...(process.getuid?.() === 0 ? ['--no-sandbox'] : []), '.'],
    env: { ...home.env, XDG_CONFIG_HOME: join(home.home, '.config'), ROLEKEEPER_DATA_DIR: join(home.home, 'rolekeeper-data') },
    timeout: 60_000,
  });
  t.after(() => app.close());

  // Started by hand (no --hidden), the app opens its popover once.
  const page = await app.firstWindow();
  assert.match(page.url(), /^app:\/\/rolekeeper\/index\.html$/);
  await page.locator('#profile-list .profile[data-profile="dev"]').waitFor({ timeout: 30_000 });
  assert.deepEqual(await page.locator('#profile-list .profile').evaluateAll((rows) => rows.map((row) => row.getAttribute('data-profile'))), ['dev', 'base']);

  const isolation = await page.evaluate(() => ({
    require: typeof (globalThis as { require?: unknown }).require,
    process: typeof (globalThis as { process?: unknown }).process,
    ipcRenderer: 'ipcRenderer' in (window as unknown as Record<string, unknown>),
    api: Object.keys((window as unknown as { rolekeeper: Record<string, unknown> }).rolekeeper).sort(),
  }));
  assert.equal(isolation.require, 'undefined');
  assert.equal(isolation.process, 'undefined');
  assert.equal(isolation.ipcRenderer, false);
  assert.ok(isolation.api.includes('refresh') && isolation.api.includes('onStateChanged'));

  // Navigation away from the bundled page is refused.
  await page.evaluate(() => {
    window.location.href = 'https://example.com/';
  });
  await page.waitForTimeout(500);
  assert.match(page.url(), /^app:\/\/rolekeeper\//);

  // Settings round-trip through main's validation and electron-store.
  await page.getByRole('tab', { name: 'Settings' }).click();
  await page.locator('#settings-form input[name="clipboardClearSeconds"]').fill('45');
  await page.getByRole('button', { name: 'Save settings' }).click();
  await page.locator('#status', { hasText: 'Settings saved.' }).waitFor();

  const windows = await app.evaluate(({ BrowserWindow }) => BrowserWindow.getAllWindows().map((w) => ({ visible: w.isVisible() })));
  assert.equal(windows.length, 1, 'one renderer at most');
  // Sandboxed, no Node integration: the page sees neither `process` nor `require`.
  const nodeInPage = await page.evaluate(() => typeof (globalThis as Record<string, unknown>).process !== 'undefined' || typeof (globalThis as Record<string, unknown>).require !== 'undefined');
  assert.equal(nodeInPage, false);
});
