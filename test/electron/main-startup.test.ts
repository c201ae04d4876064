// The real dist/electron/main.js under the typed electron stand-in: start-up, the IPC surface, one
// instance, login start, and every start-up failure ending in one explained state.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { API_METHODS, INVOKE_CHANNELS } from '../../src/shared/ipc-contract';
import { storeFilePath } from '../../src/main/core/model/aws-environment';
import { environmentFrom } from '../../src/main/core/model/aws-environment';
import { PRELOAD_BUNDLE, launchMain } from '../helpers/electron-stand-in/launch-main';
// Not from electron.ts: importing the stand-in starts an app (and its keep-alive timer) in this process.
import { ERROR_BOX_MARK } from '../helpers/electron-stand-in/error-box-mark';
import { startApp, trayIsUp } from './stand-in-fixture';

test('the app starts with a tray, one popover served from app://, and a handler for every contract channel', async (t) => {
  const { app, close } = startApp();
  t.after(close);
  const record = await app.waitFor((r) => trayIsUp(r) && r.popoverVisible, 'the tray and the popover');
  assert.deepEqual(record.handlers, [...INVOKE_CHANNELS].sort());
  assert.deepEqual(record.privilegedSchemes, ['app']);
  assert.equal(record.windows.length, 1);
  assert.deepEqual(record.rendererLoads.map((load) => [load.url, load.status]), [['app://rolekeeper/index.html', 200]]);
  assert.match(record.rendererLoads[0].csp ?? '', /default-src 'none'/);
  assert.ok(existsSync(record.tray!.image), `tray image ${record.tray!.image} exists`);
  assert.ok(existsSync(record.windows[0].options.preload!), 'the preload the window names exists');
  assert.deepEqual(record.errorBoxes, []);
  assert.deepEqual(record.rejections, []);
});

test('the preload exposes one method per contract channel and each reaches its ipcMain handler', async (t) => {
  const { app, close } = startApp();
  t.after(close);
  await app.waitFor((r) => r.popoverVisible, 'the popover');
  const exposed = await app.send<string[]>({ type: 'load-preload', path: PRELOAD_BUNDLE });
  assert.deepEqual(exposed, [...Object.keys(API_METHODS), 'onFocus', 'onStateChanged'].sort());
  const state = await app.send<{ ok: boolean; state: { profiles: Array<{ name: string }> } }>({ type: 'api-call', method: 'getState' });
  assert.equal(state.ok, true);
  assert.deepEqual(state.state.profiles.map((p) => p.name).sort(), ['base', 'dev'], "Rolekeeper's own endpoint profile is no row");
  // Every method is answered by main (a validation failure is an answer; "No handler" would throw).
  for (const method of Object.keys(API_METHODS)) {
    if (method === 'openConfig') continue; // opens a dialog/file; covered in main-tray.test.ts
    const reply = await app.send<{ ok: boolean; code?: string }>({ type: 'api-call', method, request: { profile: 'no-such-profile', code: '123456', shell: 'bash', form: 'keys' } });
    assert.notEqual(reply.code, 'forbidden', `${method} came from the popover`);
  }
});

test('main refuses other web contents, subframes and foreign origins', async (t) => {
  const { app, close } = startApp();
  t.after(close);
  await app.waitFor((r) => r.popoverVisible, 'the popover');
  const ours = await app.send<{ ok: boolean }>({ type: 'invoke', channel: 'state:get', from: 'popover' });
  assert.equal(ours.ok, true);
  for (const from of ['other-contents', 'subframe', 'foreign-origin'] as const) {
    const reply = await app.send<{ ok: boolean; code: string }>({ type: 'invoke', channel: 'state:get', from });
    assert.deepEqual([reply.ok, reply.code], [false, 'forbidden'], from);
  }
});

test('started at login with --hidden, the app shows the tray and no popover', async (t) => {
  const { app, close } = startApp({ args: ['--hidden'] });
  t.after(close);
  const record = await app.waitFor(trayIsUp, 'the tray');
  await new Promise((resolve) => setTimeout(resolve, 200));
  const later = await app.record();
  assert.equal(later.popoverVisible, false);
  assert.equal(record.windows.length, 0, 'no renderer until it is needed');
});

test('a second launch hands over to the running app, which opens its popover, and exits', async (t) => {
  const first = startApp({ args: ['--hidden'] });
  t.after(first.close);
  await first.app.waitFor(trayIsUp, 'the first tray');
  const second = launchMain({ home: first.home, args: [] });
  t.after(second.stop);
  assert.equal(await second.exited(), 0);
  const record = await first.app.waitFor((r) => r.popoverVisible, 'the popover of the first instance');
  assert.equal(record.windows.length, 1);
});

function userData(home: string): string {
  return join(home, '.config', 'Rolekeeper');
}

test('a corrupt settings.json is moved aside with a notice and the tray still starts', async (t) => {
  const { app, home, close } = startApp({
    env: {},
    args: ['--hidden'],
    home: undefined,
  });
  t.after(close);
  // Started once to find its folder; the broken file is written before the next start.
  await app.waitFor(trayIsUp, 'the first start');
  await app.stop();
  mkdirSync(userData(home.home), { recursive: true });
  writeFileSync(join(userData(home.home), 'settings.json'), '{"settings": {"defaultShell": "fi');
  const again = launchMain({ home, args: ['--hidden'] });
  t.after(again.stop);
  const record = await again.waitFor((r) => trayIsUp(r) && r.notifications.length > 0, 'the tray and a notice');
  assert.equal(record.errorBoxes.length, 0);
  assert.match(record.notifications[0].title, /reset its tray settings/);
  const moved = readdirSync(userData(home.home)).filter((name) => name.startsWith('settings.json.unreadable-'));
  assert.equal(moved.length, 1);
  assert.equal(readFileSync(join(userData(home.home), moved[0]), 'utf8'), '{"settings": {"defaultShell": "fi');
});

test("a start that fails (Rolekeeper's data folder is a file) ends in one error dialog and a non-zero exit that releases the lock", async (t) => {
  const first = startApp({ args: ['--hidden'] });
  t.after(first.close);
  await first.app.waitFor(trayIsUp, 'a healthy first start');
  await first.app.stop();
  const notAFolder = join(first.home.home, 'not-a-folder');
  writeFileSync(notAFolder, 'a file where the data folder should be');
  const broken = launchMain({ home: first.home, args: ['--hidden'], env: { ROLEKEEPER_DATA_DIR: notAFolder } });
  t.after(broken.stop);
  const code = await Promise.race([broken.exited(), new Promise<'still running'>((resolve) => setTimeout(() => resolve('still running'), 10_000))]);
  assert.notEqual(code, 'still running', `the broken start must end, not linger holding the lock:\n${broken.output()}`);
  assert.notEqual(code, 0);
  const boxes = broken.output().split('\n').filter((line) => line.startsWith(ERROR_BOX_MARK)).map((line) => JSON.parse(line.slice(ERROR_BOX_MARK.length)) as { title: string; content: string });
  assert.equal(boxes.length, 1, `one error dialog:\n${broken.output()}`);
  assert.equal(boxes[0].title, 'Rolekeeper could not start');
  assert.ok(boxes[0].content.startsWith(`${notAFolder} is a file, not a folder.`), `the cause first, not a file inside it: ${boxes[0].content}`);
  assert.ok(!boxes[0].content.includes('endpoint-tokens.json'), boxes[0].content);
  assert.equal(existsSync(join(userData(first.home.home), 'SingletonLock')), false, 'the lock is released');
  // The next launch, with the folder fixed, starts normally.
  const fixed = launchMain({ home: first.home, args: ['--hidden'] });
  t.after(fixed.stop);
  await fixed.waitFor(trayIsUp, 'the next start');
});

test('a store that cannot be written (profiles.json is a folder) ends in one dialog naming it, and no notification first', async (t) => {
  const first = startApp({ args: ['--hidden'] });
  t.after(first.close);
  await first.app.waitFor(trayIsUp, 'a healthy first start');
  await first.app.stop();
  const store = storeFilePath(environmentFrom({ HOME: first.home.home, XDG_CONFIG_HOME: join(first.home.home, '.config') }, 'linux'));
  rmSync(store, { force: true });
  mkdirSync(store, { recursive: true });
  const broken = launchMain({ home: first.home, args: ['--hidden'] });
  t.after(broken.stop);
  const code = await Promise.race([broken.exited(), new Promise<'still running'>((resolve) => setTimeout(() => resolve('still running'), 10_000))]);
  assert.notEqual(code, 'still running', broken.output());
  const boxes = broken.output().split('\n').filter((line) => line.startsWith(ERROR_BOX_MARK)).map((line) => JSON.parse(line.slice(ERROR_BOX_MARK.length)) as { title: string; content: string });
  assert.equal(boxes.length, 1, broken.output());
  assert.ok(boxes[0].content.startsWith(`${store} is a folder, not a file.`), boxes[0].content);
});

test('a corrupt profiles.json (shared with the CLI) is left alone; the tray starts and says so once', async (t) => {
  const first = startApp({ args: ['--hidden'] });
  t.after(first.close);
  await first.app.waitFor(trayIsUp, 'a healthy first start');
  await first.app.stop();
  const store = storeFilePath(environmentFrom({ HOME: first.home.home, XDG_CONFIG_HOME: join(first.home.home, '.config') }, 'linux'));
  mkdirSync(dirname(store), { recursive: true });
  writeFileSync(store, '{"version": 1, "kept": [');
  const again = launchMain({ home: first.home, args: ['--hidden'] });
  t.after(again.stop);
  const record = await again.waitFor((r) => trayIsUp(r) && r.notifications.length > 0, 'the tray and a notice');
  assert.deepEqual(record.errorBoxes, []);
  assert.equal(record.notifications.length, 1);
  assert.ok(record.notifications[0].body.includes(store), record.notifications[0].body);
  assert.equal(readFileSync(store, 'utf8'), '{"version": 1, "kept": [');
});

test('an unreadable ~/.aws/config leaves the tray running and says so once, with the doctor a click away', async (t) => {
  const { app, home, close } = startApp({ args: ['--hidden'] });
  t.after(close);
  await app.waitFor(trayIsUp, 'a healthy first start');
  await app.stop();
  // A folder where the file should be: readable by nobody, as the AWS CLI sees it too.
  rmSync(home.configFile);
  mkdirSync(home.configFile);
  const again = launchMain({ home, args: ['--hidden'] });
  t.after(again.stop);
  const record = await again.waitFor((r) => trayIsUp(r) && r.notifications.length > 0, 'the tray and a notice');
  assert.deepEqual(record.errorBoxes, []);
  assert.equal(record.notifications.length, 1);
  assert.equal(record.notifications[0].title, 'Rolekeeper cannot use your AWS files');
  assert.ok(record.notifications[0].body.includes(home.configFile), record.notifications[0].body);
  assert.deepEqual(await again.send({ type: 'notification-click', id: record.notifications[0].id }), { delivered: true });
  const opened = await again.waitFor((r) => r.popoverVisible, 'the popover');
  assert.deepEqual(opened.sent.at(-1), { channel: 'popover:focus', payload: { view: 'doctor' } });
});
