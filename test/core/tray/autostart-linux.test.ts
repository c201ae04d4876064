import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readFileSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { makeTempHome } from '../../helpers/temp-home';
import { autostartFile, disableLinuxAutostart, enableLinuxAutostart, execLine, isLinuxAutostartEnabled } from '../../../src/main/core/tray/autostart-linux';

test('enabling writes a .desktop file under ~/.config/autostart that starts hidden', async (t) => {
  const home = makeTempHome();
  t.after(() => home.cleanup());
  const options = { env: {}, homeDir: home.home, executable: '/opt/Rolekeeper/rolekeeper' };
  assert.equal(await isLinuxAutostartEnabled(options), false);
  const file = await enableLinuxAutostart(options);
  assert.equal(file, join(home.home, '.config', 'autostart', 'rolekeeper.desktop'));
  const content = readFileSync(file, 'utf8');
  assert.match(content, /^\[Desktop Entry\]\nType=Application\n/);
  assert.match(content, /\nExec=\/opt\/Rolekeeper\/rolekeeper --hidden\n/);
  assert.equal(statSync(file).mode & 0o777, 0o644);
  assert.equal(await isLinuxAutostartEnabled(options), true);
  assert.deepEqual(readdirSync(join(home.home, '.config', 'autostart')), ['rolekeeper.desktop'], 'no temp file left behind');
});

test('XDG_CONFIG_HOME decides the folder when it is absolute', async (t) => {
  const home = makeTempHome();
  t.after(() => home.cleanup());
  const xdg = join(home.home, 'xdg');
  assert.equal(autostartFile({ env: { XDG_CONFIG_HOME: xdg }, homeDir: home.home }), join(xdg, 'autostart', 'rolekeeper.desktop'));
  assert.equal(autostartFile({ env: { XDG_CONFIG_HOME: 'relative' }, homeDir: home.home }), join(home.home, '.config', 'autostart', 'rolekeeper.desktop'));
});

test('disabling removes the file and is harmless when it is already gone', async (t) => {
  const home = makeTempHome();
  t.after(() => home.cleanup());
  const options = { env: {}, homeDir: home.home, executable: '/usr/bin/rolekeeper' };
  const file = await enableLinuxAutostart(options);
  await disableLinuxAutostart(options);
  assert.equal(existsSync(file), false);
  assert.equal(await isLinuxAutostartEnabled(options), false);
  await disableLinuxAutostart(options);
  assert.deepEqual(readdirSync(join(home.home, '.config', 'autostart')), []);
});

test('the state is read back from the file: a desktop that hid or disabled the entry counts as off', async (t) => {
  const home = makeTempHome();
  t.after(() => home.cleanup());
  const options = { env: {}, homeDir: home.home, executable: '/usr/bin/rolekeeper' };
  const file = await enableLinuxAutostart(options);
  writeFileSync(file, readFileSync(file, 'utf8').replace('X-GNOME-Autostart-enabled=true', 'X-GNOME-Autostart-enabled=false'));
  assert.equal(await isLinuxAutostartEnabled(options), false);
  writeFileSync(file, '[Desktop Entry]\nType=Application\nExec=/usr/bin/rolekeeper --hidden\nHidden=true\n');
  assert.equal(await isLinuxAutostartEnabled(options), false);
});

test('paths with spaces and special characters are quoted as the Desktop Entry spec asks', () => {
  assert.equal(
    execLine({ executable: '/home/me/My Apps/Rolekeeper.AppImage', args: ['/tmp/100%$x'] }),
    '"/home/me/My Apps/Rolekeeper.AppImage" "/tmp/100%%\\\\$x" --hidden',
  );
});

test('an executable path with a line break is refused with a clear error and no file is written', async (t) => {
  const home = makeTempHome();
  t.after(() => home.cleanup());
  const executable = '/opt/Rolekeeper/rolekeeper\nX-Injected=true';
  assert.throws(() => execLine({ executable }), /control character/);
  assert.throws(() => execLine({ executable: '/opt/x', args: ['tab\there'] }), /control character/);
  const options = { env: {}, homeDir: home.home, executable };
  await assert.rejects(enableLinuxAutostart(options), /cannot write "\/opt\/Rolekeeper\/rolekeeper\\nX-Injected=true" into the autostart Exec line/);
  assert.equal(existsSync(autostartFile(options)), false);
});
