// Packaging without the Electron binary: `scripts/dist-linux.mjs` (what `npm run dist:linux` runs
// after the build) against a stub Electron that carries the real fuse wire, with electron-builder's
// own -c.electronDist and -c.directories.output flags. Each package is opened with its own tool
// (dpkg-deb, rpm, tar) and checked; the app extracted from the .deb runs under the electron stand-in
// with app.isPackaged true.
import { before, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { createRequire } from 'node:module';
import { existsSync, mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, sep } from 'node:path';
import { extractAll, listPackage } from '@electron/asar';
import { ensureBundle, startApp, trayIsUp } from './stand-in-fixture';

const ROOT = join(__dirname, '..', '..');
const TRAY_STATES = ['fresh', 'expiring', 'failing', 'needs-you'];
const ICON_SIZES = readdirSync(join(ROOT, 'build', 'icons')).filter((file) => /^\d+x\d+\.png$/.test(file)).map((file) => file.slice(0, -4));
const VERSION = (JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { version: string }).version;
const APP_DIR = 'opt/Rolekeeper';
const FUSE_SENTINEL = 'dL7pKGdnNz796PbbjQWNKmHXBZaB9tsX';
// The files main.ts reads from the package, beside the binary.
const APP_FILES = [
  'rolekeeper-tray',
  'chrome-sandbox',
  'resources/app.asar',
  'resources/icons/256x256.png',
  ...TRAY_STATES.flatMap((state) => [`resources/tray/tray-${state}.png`, `resources/tray/tray-${state}Template.png`]),
];

let work = '';
let out = '';

function tool(command: string, args: string[]): string {
  const result = spawnSync(command, args, { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
  assert.equal(result.status, 0, `${command} ${args.join(' ')}: ${result.stderr}`);
  return result.stdout;
}

before(() => {
  ensureBundle();
  work = mkdtempSync(join(tmpdir(), 'rolekeeper-package-'));
  out = join(work, 'out');
  const stub = join(work, 'stub-electron');
  tool(process.execPath, [join(ROOT, 'scripts', 'stub-electron.mjs'), stub]);
  const built = spawnSync(process.execPath, [join(ROOT, 'scripts', 'dist-linux.mjs'), `-c.electronDist=${stub}`, `-c.directories.output=${out}`], { encoding: 'utf8', cwd: ROOT });
  assert.equal(built.status, 0, `${built.stdout}\n${built.stderr}`);
});

test.after(() => rmSync(work, { recursive: true, force: true }));

test('dist:linux writes the .deb, .rpm and .tar.gz into the output folder it was given', () => {
  const files = readdirSync(out);
  for (const name of [`rolekeeper_${VERSION}_amd64.deb`, `rolekeeper-${VERSION}-1.x86_64.rpm`, `rolekeeper-${VERSION}-x64.tar.gz`]) assert.ok(files.includes(name), `${name} in ${files.join(', ')}`);
});

test("the .deb's control file names maintainer, homepage, description, section and a desktop's dependencies", () => {
  const control = tool('dpkg-deb', ['-f', join(out, `rolekeeper_${VERSION}_amd64.deb`)]);
  const field = (name: string): string => new RegExp(`^${name}: (.*)$`, 'm').exec(control)?.[1] ?? '';
  assert.equal(field('Package'), 'rolekeeper');
  assert.equal(field('Version'), VERSION);
  assert.equal(field('Architecture'), 'amd64');
  assert.match(field('Maintainer'), /^[^<>]+ <[^@\s]+@[^>\s]+>$/);
  assert.match(field('Homepage'), /^https:\/\//);
  assert.match(field('Description'), /AWS IAM role credentials/);
  assert.equal(field('Section'), 'devel');
  const depends = field('Depends').split(', ');
  for (const needed of ['libnss3', 'libnotify4', 'xdg-utils', 'libsecret-1-0']) assert.ok(depends.includes(needed), `Depends: ${needed}`);
  // Either name of the GTK library, as Debian 12 and Ubuntu 24.04 call it.
  assert.ok(depends.includes('libgtk-3-0t64 | libgtk-3-0'));
  assert.ok(Number(field('Installed-Size')) > 0);
});

test('the .deb installs the app in /opt, a launcher, the desktop entry and hicolor icons at every size', () => {
  const deb = join(out, `rolekeeper_${VERSION}_amd64.deb`);
  const listing = tool('dpkg-deb', ['-c', deb]);
  const entries = listing.split('\n').filter(Boolean).map((line) => line.split(/\s+/));
  const paths = entries.map((columns) => columns[5].replace(/^\.\//, '/'));
  for (const file of APP_FILES) assert.ok(paths.includes(`/${APP_DIR}/${file}`), `/${APP_DIR}/${file} in the .deb`);
  for (const size of ICON_SIZES) assert.ok(paths.includes(`/usr/share/icons/hicolor/${size}/apps/rolekeeper.png`), `${size} icon`);
  assert.ok(ICON_SIZES.length >= 6, ICON_SIZES.join(', '));
  const launcher = entries.find((columns) => columns[5] === './usr/bin/rolekeeper-tray');
  assert.deepEqual(launcher?.slice(6), ['->', `/${APP_DIR}/rolekeeper-tray`]);
  const sandbox = entries.find((columns) => columns[5] === `./${APP_DIR}/chrome-sandbox`);
  assert.equal(sandbox?.[0], '-rwsr-xr-x', "Chromium's sandbox helper is setuid root");
  assert.ok(entries.every((columns) => columns[1] === 'root/root'), 'every file belongs to root');

  const extracted = join(work, 'deb-root');
  tool('dpkg-deb', ['-x', deb, extracted]);
  // Built without ROLEKEEPER_UPDATE_URL: no feed, so the app never checks for updates.
  assert.ok(!existsSync(join(extracted, APP_DIR, 'resources', 'app-update.yml')), 'no update feed');
  assert.equal(readFileSync(join(extracted, APP_DIR, 'resources', 'package-type'), 'utf8'), 'deb\n');
  const desktop = readFileSync(join(extracted, 'usr', 'share', 'applications', 'rolekeeper.desktop'), 'utf8');
  assert.match(desktop, /^\[Desktop Entry\]$/m);
  assert.match(desktop, /^Type=Application$/m);
  assert.match(desktop, /^Name=Rolekeeper$/m);
  assert.match(desktop, /^Icon=rolekeeper$/m);
  // Electron sets WM_CLASS from the app's name (app-lifecycle.ts: app.setName('Rolekeeper')).
  assert.match(desktop, /^StartupWMClass=Rolekeeper$/m);
  const exec = /^Exec=(\S+)/m.exec(desktop)?.[1] ?? '';
  assert.ok(existsSync(join(extracted, exec)), `Exec=${exec} is in the package`);
  assert.equal(tool('desktop-file-validate', [join(extracted, 'usr', 'share', 'applications', 'rolekeeper.desktop')]), '');
});

test("the packaged binary's fuses are flipped as electron-builder.yml asks: no file:// privileges, no run-as-node", () => {
  const extracted = join(work, 'deb-fuses');
  tool('dpkg-deb', ['-x', join(out, `rolekeeper_${VERSION}_amd64.deb`), extracted]);
  const binary = readFileSync(join(extracted, APP_DIR, 'rolekeeper-tray'));
  const at = binary.indexOf(FUSE_SENTINEL) + FUSE_SENTINEL.length;
  const wire = binary.subarray(at + 2, at + 2 + binary[at + 1]).toString('latin1');
  // RunAsNode, CookieEncryption, NodeOptions, NodeCliInspect, AsarIntegrity, OnlyLoadFromAsar, BrowserV8Snapshot, GrantFileProtocolExtraPrivileges.
  assert.equal(wire, '01001100');
});

test('the .rpm carries the same metadata, requirements and files', () => {
  const rpm = join(out, `rolekeeper-${VERSION}-1.x86_64.rpm`);
  const info = tool('rpm', ['-qip', rpm]);
  assert.match(info, /^Name\s*: rolekeeper$/m);
  assert.match(info, new RegExp(`^Version\\s*: ${VERSION.replace(/\./g, '\\.')}$`, 'm'));
  assert.match(info, /^License\s*: MIT$/m);
  assert.match(info, /^URL\s*: https:\/\//m);
  assert.match(info, /^Packager\s*: [^<>]+ <[^>]+>$/m);
  assert.match(info, /^Summary\s*: .*AWS IAM role credentials/m);
  const requires = tool('rpm', ['-qp', '--requires', rpm]).split('\n');
  for (const needed of ['gtk3', 'nss', 'libnotify', 'xdg-utils']) assert.ok(requires.includes(needed), `Requires: ${needed}`);
  const files = tool('rpm', ['-qlp', rpm]).split('\n');
  for (const file of APP_FILES) assert.ok(files.includes(`/${APP_DIR}/${file}`), `/${APP_DIR}/${file} in the .rpm`);
  for (const size of ICON_SIZES) assert.ok(files.includes(`/usr/share/icons/hicolor/${size}/apps/rolekeeper.png`), `${size} icon`);
  assert.ok(files.includes('/usr/share/applications/rolekeeper.desktop'));
  assert.ok(files.includes('/usr/bin/rolekeeper-tray'));
  assert.match(tool('rpm', ['-qlvp', rpm]), /^-rwsr-xr-x\s+1 root\s+root\s+.*\/opt\/Rolekeeper\/chrome-sandbox$/m);
});

test('the .tar.gz holds the app in one versioned folder', () => {
  const listing = tool('tar', ['-tzf', join(out, `rolekeeper-${VERSION}-x64.tar.gz`)]).split('\n');
  const folder = `rolekeeper-${VERSION}-x64`;
  for (const file of APP_FILES) assert.ok(listing.includes(`${folder}/${file}`), `${folder}/${file} in the tarball`);
  assert.deepEqual(listing.filter((line) => line !== '' && !line.startsWith(`${folder}/`)), []);
});

test('the app holds the three bundles and every file main.ts computes, no node_modules, and runs from the .deb', async (t) => {
  const extracted = join(work, 'deb-run');
  tool('dpkg-deb', ['-x', join(out, `rolekeeper_${VERSION}_amd64.deb`), extracted]);
  const resources = join(extracted, APP_DIR, 'resources');
  const asar = join(resources, 'app.asar');
  const files = listPackage(asar, { isPack: false }).map((entry) => entry.replace(/\\/g, '/'));
  assert.deepEqual(files.filter((file) => file.startsWith('/node_modules')), [], 'the bundle carries its dependencies');
  for (const file of ['/package.json', '/dist/electron/main.js', '/dist/preload/preload.js', '/dist/renderer/index.html', '/dist/renderer/popover.js', '/dist/renderer/popover.css']) {
    assert.ok(files.includes(file), `${file} in app.asar`);
  }

  // The real layout: app.asar extracted to resources/app, run with isPackaged and resourcesPath.
  const appDir = join(resources, 'app');
  extractAll(asar, appDir);
  // The keychain's native module sits beside app.asar and the bundle finds it by Node's own lookup.
  const fromMain = createRequire(join(appDir, 'dist', 'electron', 'main.js'));
  const keyring = fromMain.resolve('@napi-rs/keyring');
  assert.ok(keyring.startsWith(join(resources, 'node_modules', '@napi-rs', 'keyring') + sep), keyring);
  assert.equal(typeof (fromMain('@napi-rs/keyring') as { Entry?: unknown }).Entry, 'function', 'the packaged keyring loads');
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
