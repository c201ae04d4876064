// Updates under the stand-in: the packages built with a feed (ROLEKEEPER_UPDATE_URL) and served
// from loopback with the latest-linux.yml the build wrote; the app extracted from the .deb finds
// the newer version, downloads the .deb, checks its sha512, and says it is ready. A package built
// without a feed has no app-update.yml and never asks; a download whose sha512 does not match is
// never announced.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { createServer, type Server } from 'node:http';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { extractAll } from '@electron/asar';
import { ensureBundle, menuLabels, startApp, trayIsUp } from './stand-in-fixture';

const ROOT = join(__dirname, '..', '..');
const VERSION = (JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { version: string }).version;

let work = '';
let out = '';
let server: Server;
let feedUrl = '';
const requests: string[] = [];
let tamper = false;

before(async () => {
  ensureBundle();
  work = mkdtempSync(join(tmpdir(), 'rolekeeper-updates-'));
  out = join(work, 'out');
  server = createServer((request, response) => {
    const name = basename(decodeURIComponent(new URL(request.url ?? '/', 'http://127.0.0.1').pathname));
    requests.push(name);
    const file = join(out, name);
    if (!existsSync(file)) {
      response.writeHead(404).end();
      return;
    }
    const body = readFileSync(file);
    if (tamper && name.endsWith('.deb')) body[body.length - 1] ^= 0xff;
    response.writeHead(200, { 'content-length': body.length }).end(body);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  feedUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}/`;
  const stub = join(work, 'stub-electron');
  spawnSync(process.execPath, [join(ROOT, 'scripts', 'stub-electron.mjs'), stub]);
  const built = spawnSync(process.execPath, [join(ROOT, 'scripts', 'dist-linux.mjs'), `-c.electronDist=${stub}`, `-c.directories.output=${out}`], {
    cwd: ROOT,
    encoding: 'utf8',
    env: { ...process.env, ROLEKEEPER_UPDATE_URL: feedUrl },
  });
  assert.equal(built.status, 0, `${built.stdout}\n${built.stderr}`);
});

after(async () => {
  server.close();
  rmSync(work, { recursive: true, force: true });
});

/** The app as the .deb installs it, extracted, with app.asar unpacked for the stand-in. */
function installedApp(name: string): { resources: string; appDir: string } {
  const root = join(work, name);
  spawnSync('dpkg-deb', ['-x', join(out, `rolekeeper_${VERSION}_amd64.deb`), root]);
  const resources = join(root, 'opt', 'Rolekeeper', 'resources');
  const appDir = join(resources, 'app');
  extractAll(join(resources, 'app.asar'), appDir);
  const manifest = join(appDir, 'package.json');
  const text = readFileSync(manifest, 'utf8');
  try {
    JSON.parse(text);
  } catch (error) {
    throw new Error(`${manifest} from app.asar is not JSON (${(error as Error).message}): ${JSON.stringify(text.slice(0, 400))}`);
  }
  return { resources, appDir };
}

test('the build writes latest-linux.yml with each package, its size and sha512, and the feed into the app', () => {
  const info = readFileSync(join(out, 'latest-linux.yml'), 'utf8');
  assert.match(info, new RegExp(`^version: ${VERSION.replace(/\./g, '\\.')}$`, 'm'));
  for (const name of [`rolekeeper_${VERSION}_amd64.deb`, `rolekeeper-${VERSION}-1.x86_64.rpm`]) {
    assert.match(info, new RegExp(`url: ${name.replace(/\./g, '\\.')}\\n\\s+sha512: \\S{88}\\n\\s+size: ${readFileSync(join(out, name)).length}`));
  }
  const { resources } = installedApp('layout');
  assert.equal(readFileSync(join(resources, 'package-type'), 'utf8').trim(), 'deb');
  assert.match(readFileSync(join(resources, 'app-update.yml'), 'utf8'), new RegExp(`provider: generic\\nurl: ${feedUrl.replace(/[./]/g, '\\$&')}`));
});

test('the installed app finds the newer version on the feed, downloads and checks it, and says it is ready', async (t) => {
  requests.length = 0;
  const { resources, appDir } = installedApp('update');
  const { app, close } = startApp({
    main: join(appDir, 'dist', 'electron', 'main.js'),
    env: { STAND_IN_PACKAGED: '1', STAND_IN_RESOURCES_PATH: resources, STAND_IN_APP_PATH: appDir },
  });
  t.after(close);
  const record = await app.waitFor((r) => trayIsUp(r) && r.notifications.some((n) => n.title.includes(VERSION)), 'the update-ready notification');
  const ready = record.notifications.find((n) => n.title.includes(VERSION))!;
  assert.equal(ready.title, `Rolekeeper ${VERSION} is ready`);
  assert.equal(ready.body, 'The update installs when you quit Rolekeeper.');
  assert.deepEqual([...new Set(requests)].sort(), ['latest-linux.yml', `rolekeeper_${VERSION}_amd64.deb`].sort());
  // The menu's "Check for updates" asks the feed again.
  assert.ok(menuLabels(record).includes('Check for updates'), menuLabels(record).join(', '));
  const asked = requests.filter((name) => name === 'latest-linux.yml').length;
  await app.send({ type: 'menu-click', path: ['Check for updates'] });
  await app.waitFor(() => requests.filter((name) => name === 'latest-linux.yml').length > asked, 'a second look at the feed');
});

test('a download whose sha512 does not match the feed is never announced', async (t) => {
  requests.length = 0;
  tamper = true;
  t.after(() => (tamper = false));
  const { resources, appDir } = installedApp('tampered');
  const { app, close } = startApp({
    main: join(appDir, 'dist', 'electron', 'main.js'),
    env: { STAND_IN_PACKAGED: '1', STAND_IN_RESOURCES_PATH: resources, STAND_IN_APP_PATH: appDir },
  });
  t.after(close);
  await app.waitFor((r) => trayIsUp(r) && requests.includes(`rolekeeper_${VERSION}_amd64.deb`), 'the download');
  // Long enough for the check that follows the download.
  await new Promise((resolve) => setTimeout(resolve, 1500));
  const record = await app.waitFor(() => true, 'the record');
  assert.deepEqual(record.notifications.filter((n) => n.title.includes(VERSION)), []);
});

test('an app without a feed never asks one', async (t) => {
  requests.length = 0;
  const { resources, appDir } = installedApp('no-feed');
  rmSync(join(resources, 'app-update.yml'));
  writeFileSync(join(resources, 'package-type'), 'deb\n');
  const { app, close } = startApp({
    main: join(appDir, 'dist', 'electron', 'main.js'),
    env: { STAND_IN_PACKAGED: '1', STAND_IN_RESOURCES_PATH: resources, STAND_IN_APP_PATH: appDir },
  });
  t.after(close);
  const record = await app.waitFor((r) => trayIsUp(r), 'the tray');
  assert.ok(!menuLabels(record).includes('Check for updates'), 'no menu item without a feed');
  await new Promise((resolve) => setTimeout(resolve, 1000));
  assert.deepEqual(requests, []);
});
