// The real bundle's tray under the electron stand-in, with STS on moto: every menu entry reaches the
// engine, entries match what a profile's type allows, clicks per platform, Wayland, Windows toasts,
// notifications that survive GC, sleep/unlock, and a quit that clears a copied export.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { startMoto, type Moto } from '../helpers/moto';
import { makeTempHome } from '../helpers/temp-home';
import { CONFIG, CREDENTIALS, menuLabels, startApp, submenuOf, trayIsUp } from './stand-in-fixture';

let moto: Moto;
before(async () => {
  moto = await startMoto();
});
after(async () => {
  await moto?.stop();
});

test("a role profile's entries reach the engine; static profiles offer only keys and verify, the endpoint profile nothing", async (t) => {
  const { app, close } = startApp({ stsUrl: moto.url, args: ['--hidden'] });
  t.after(close);
  const record = await app.waitFor(trayIsUp, 'the tray');
  assert.ok(!menuLabels(record).some((label) => label.startsWith('rolekeeper-endpoint')), "Rolekeeper's own profile is hidden");
  assert.deepEqual(submenuOf(record, 'base —'), ['Copy export for bash (keys)', 'Verify (who am I?)'], 'a static profile has no role to refresh and no endpoint');
  assert.deepEqual(submenuOf(record, 'dev —'), ['Refresh', 'Copy export for bash (endpoint)', 'Copy export for bash (keys)', 'Verify (who am I?)', 'Open AWS console', 'Clear cached credentials']);

  await app.send({ type: 'menu-click', path: ['dev —', 'Refresh'] });
  const refreshed = await app.waitFor((r) => submenuOf(r, 'dev —').length > 0 && (r.tray?.menu.find((m) => m.label?.startsWith('dev —'))?.label ?? '').includes('fresh,'), 'dev refreshed from moto');
  assert.deepEqual(refreshed.notifications, [], 'a refresh that worked needs no notification');

  await app.send({ type: 'menu-click', path: ['dev —', 'Copy export for bash (keys)'] });
  const copied = await app.waitFor((r) => r.clipboard.includes('AWS_ACCESS_KEY_ID'), 'the keys export on the clipboard');
  assert.match(copied.notifications.at(-1)!.body, /Copied bash export of dev; the clipboard clears in 60 s/);
  assert.ok(!JSON.stringify(copied.notifications).includes('AWS_SECRET_ACCESS_KEY'), 'no secret in a notification');

  await app.send({ type: 'menu-click', path: ['dev —', 'Verify'] });
  const verified = await app.waitFor((r) => r.notifications.some((n) => n.body.includes('arn:aws:sts::123456789012:assumed-role/developer')), 'the verify result');
  assert.equal(verified.notifications.at(-1)!.title, 'dev');

  await app.send({ type: 'menu-click', path: ['dev —', 'Clear cached credentials'] });
  await app.waitFor((r) => r.notifications.some((n) => /Removed \d+ cache entr(y|ies)\./.test(n.body)), 'the clear-cache result');

  // Nothing kept, nothing needs a refresh: Refresh all would do nothing, so it is off.
  assert.equal(record.tray!.menu.find((item) => item.label === 'Refresh all')?.enabled, false);
  await app.send({ type: 'menu-click', path: ['Doctor…'] });
  const doctor = await app.waitFor((r) => r.popoverVisible, 'the popover on the doctor view');
  assert.deepEqual(doctor.sent.filter((s) => s.channel === 'popover:focus').at(-1)!.payload, { view: 'doctor' });
  const notices = doctor.notifications.length;
  await app.send({ type: 'menu-click', path: ['base —', 'Verify'] });
  const baseVerified = await app.waitFor((r) => r.notifications.length > notices && r.notifications.at(-1)!.title === 'base', 'the static profile verified');
  assert.match(baseVerified.notifications.at(-1)!.body, /arn:aws:/);
  assert.deepEqual(baseVerified.rejections, []);
});

test('"Open AWS config file" with no file says so, creates an empty one only when asked, then opens it', async (t) => {
  const { app, home, close } = startApp({ stsUrl: moto.url, args: ['--hidden'] });
  t.after(close);
  await app.waitFor(trayIsUp, 'the tray');
  rmSync(home.configFile);

  await app.send({ type: 'set-message-box-answer', answer: 1 });
  await app.send({ type: 'menu-click', path: ['Open AWS config file'] });
  const cancelled = await app.waitFor((r) => r.messageBoxes.length === 1, 'the question');
  assert.equal(cancelled.messageBoxes[0].message, 'There is no AWS config file yet');
  assert.ok(cancelled.messageBoxes[0].detail?.includes(home.configFile));
  assert.deepEqual(cancelled.messageBoxes[0].buttons, ['Create and open', 'Cancel']);
  assert.equal(existsSync(home.configFile), false, 'cancel creates nothing');
  assert.deepEqual(cancelled.openedPaths, []);

  await app.send({ type: 'set-message-box-answer', answer: 0 });
  await app.send({ type: 'menu-click', path: ['Open AWS config file'] });
  const created = await app.waitFor((r) => r.openedPaths.length === 1, 'the file opened');
  assert.equal(readFileSync(home.configFile, 'utf8'), '');
  assert.deepEqual(created.openedPaths, [home.configFile]);
});

test('a notification still opens its profile when clicked after garbage collection', async (t) => {
  const { app, close } = startApp({ stsUrl: moto.url, args: ['--hidden'] });
  t.after(close);
  await app.waitFor(trayIsUp, 'the tray');
  await app.send({ type: 'menu-click', path: ['dev —', 'Verify'] });
  const shown = await app.waitFor((r) => r.notifications.some((n) => n.shown && n.title === 'dev'), 'the verify notification');
  const id = shown.notifications.find((n) => n.title === 'dev')!.id;
  await app.send({ type: 'gc' });
  await app.send({ type: 'gc' });
  const afterGc = await app.record();
  assert.ok(!afterGc.collectedNotifications.includes(id), 'main holds the notification until it is clicked or closed');
  assert.deepEqual(await app.send({ type: 'notification-click', id }), { delivered: true });
  const opened = await app.waitFor((r) => r.popoverVisible, 'the popover');
  assert.deepEqual(opened.sent.filter((s) => s.channel === 'popover:focus').at(-1)!.payload, { view: 'profiles', profile: 'dev' });
  // Clicked: released, so notifications do not pile up for the life of the app.
  await app.send({ type: 'gc' });
  await app.send({ type: 'gc' });
  await app.waitFor((r) => r.collectedNotifications.includes(id), 'the clicked notification collected');
});

test('after sleep or unlock the app re-reads the files and re-plans', async (t) => {
  const { app, home, close } = startApp({ stsUrl: moto.url, args: ['--hidden'] });
  t.after(close);
  await app.waitFor(trayIsUp, 'the tray');
  for (const event of ['resume', 'unlock-screen'] as const) {
    const name = `added-${event}`;
    writeFileSync(home.configFile, `${readFileSync(home.configFile, 'utf8')}\n[profile ${name}]\nrole_arn = arn:aws:iam::123456789012:role/x\nsource_profile = base\n`);
    await app.send({ type: 'power', event });
    const record = await app.waitFor((r) => menuLabels(r).some((label) => label.startsWith(`${name} —`)), `${name} in the menu`);
    assert.deepEqual(record.rejections, []);
  }
});

test('quitting from the menu clears a copied export from the clipboard before the app exits', async (t) => {
  const clipboardFile = join(process.env.TMPDIR ?? '/tmp', `rolekeeper-clipboard-${process.pid}-${Date.now()}`);
  t.after(() => rmSync(clipboardFile, { force: true }));
  const { app, close } = startApp({ stsUrl: moto.url, args: ['--hidden'], env: { STAND_IN_CLIPBOARD_FILE: clipboardFile } });
  t.after(close);
  await app.waitFor(trayIsUp, 'the tray');
  await app.send({ type: 'menu-click', path: ['dev —', 'Copy export for bash (keys)'] });
  await app.waitFor((r) => r.clipboard.includes('AWS_SECRET_ACCESS_KEY'), 'the export on the clipboard');
  await app.send({ type: 'menu-click', path: ['Quit Rolekeeper'] });
  assert.equal(await app.exited(), 0);
  assert.equal(readFileSync(clipboardFile, 'utf8'), '');
});

test('macOS: left click toggles the popover and never opens the menu; right click opens the menu only', async (t) => {
  const { app, close } = startApp({ platform: 'darwin', args: ['--hidden'] });
  t.after(close);
  await app.waitFor((r) => r.tray !== null, 'the tray');
  await app.send({ type: 'tray-click', button: 'left' });
  const left = await app.waitFor((r) => r.popoverVisible, 'the popover');
  assert.equal(left.contextMenusOpened, 0);
  assert.ok(left.tray!.image.endsWith('tray-freshTemplate.png'));
  await app.send({ type: 'tray-click', button: 'right' });
  const right = await app.record();
  assert.equal(right.contextMenusOpened, 1);
  assert.equal(right.sent.filter((s) => s.channel === 'popover:focus').length, 1, 'the right click did not toggle the popover');
});

test('Windows: the app has its AppUserModelID, left click opens the popover, right click the menu', async (t) => {
  // The engine joins Windows paths for win32; on this POSIX disk its data folder must be named.
  const home = makeTempHome({ config: CONFIG, credentials: CREDENTIALS });
  t.after(() => home.cleanup());
  const windows = startApp({ platform: 'win32', args: ['--hidden'], home, env: { ROLEKEEPER_DATA_DIR: join(home.home, 'rolekeeper-data'), APPDATA: join(home.home, 'AppData') } });
  t.after(windows.close);
  const record = await windows.app.waitFor((r) => r.tray !== null, 'the tray');
  assert.equal(record.appUserModelId, 'dev.rolekeeper.tray');
  await windows.app.send({ type: 'tray-click', button: 'left' });
  await windows.app.waitFor((r) => r.popoverVisible, 'the popover');
  await windows.app.send({ type: 'tray-click', button: 'right' });
  assert.equal((await windows.app.record()).contextMenusOpened, 1);
});
test('Linux: the tray always has its context menu, which opens the popover (AppIndicator sends no clicks)', async (t) => {
  const { app, close } = startApp({ platform: 'linux', args: ['--hidden'] });
  t.after(close);
  const record = await app.waitFor(trayIsUp, 'the tray');
  assert.equal(record.appUserModelId, null);
  await app.send({ type: 'tray-click', button: 'left' });
  const clicked = await app.record();
  assert.equal(clicked.contextMenusOpened, 1);
  assert.equal(clicked.popoverVisible, false);
  await app.send({ type: 'menu-click', path: ['Open Rolekeeper'] });
  const opened = await app.waitFor((r) => r.popoverVisible, 'the popover');
  assert.equal(opened.positions.length, 1, 'placed at the top right (X11: positions are honoured)');
});

test('Linux on Wayland: the popover is a normal small window the compositor places', async (t) => {
  const { app, close } = startApp({ platform: 'linux', env: { WAYLAND_DISPLAY: 'wayland-0', XDG_SESSION_TYPE: 'wayland' } });
  t.after(close);
  const record = await app.waitFor((r) => r.popoverVisible, 'the popover');
  const window = record.windows[0];
  assert.equal(window.options.frame, true);
  assert.equal(window.options.movable, true);
  assert.equal(window.options.skipTaskbar, false);
  assert.equal(window.centered, true);
  assert.equal(record.ignoredPositions, 0, 'no setPosition the compositor would ignore');
  assert.deepEqual(record.positions, []);
});
