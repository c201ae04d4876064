// The CLI as people install it: `npm run pack:cli`'s tarball, then `npm i -g --prefix TMP` of it
// (offline, from npm's cache that scripts/setup.sh filled: no traffic leaves the machine), then the
// installed `rolekeeper` runs. Needs `npm run build` first (`prepack` runs it when publishing).
import { before, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { NPM_PACKAGE_BUDGET_BYTES } from '../../bench/sizes';
import { withTempHome } from '../helpers/temp-home';
import { PASTED_KEY, SEED_CREDENTIALS, seedConfig } from '../helpers/seed-profiles';

const ROOT = join(__dirname, '..', '..');
const PACKAGE = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as {
  version: string;
  private?: boolean;
  scripts: Record<string, string>;
  dependencies: Record<string, string>;
  devDependencies: Record<string, string>;
};

let work = '';
let prefix = '';
let tarball = '';

function npm(args: string[], cwd: string): string {
  const result = spawnSync('npm', args, { cwd, encoding: 'utf8', env: { ...process.env, npm_config_update_notifier: 'false', npm_config_fund: 'false', npm_config_audit: 'false' } });
  assert.equal(result.status, 0, `npm ${args.join(' ')}: ${result.stderr}`);
  return result.stdout;
}

before(() => {
  work = mkdtempSync(join(tmpdir(), 'rolekeeper-npm-package-'));
  prefix = join(work, 'prefix');
  tarball = spawnSync(process.execPath, [join(ROOT, 'scripts', 'pack-cli.mjs'), work], { encoding: 'utf8' }).stdout.trim();
  npm(['install', '--global', '--offline', '--ignore-scripts', '--prefix', prefix, tarball], work);
});

test.after(() => rmSync(work, { recursive: true, force: true }));

test('the package is publishable, builds before packing, and ships only what the CLI runs', () => {
  assert.notEqual(PACKAGE.private, true);
  assert.match(PACKAGE.scripts.prepack, /npm run build/);
  const listing = spawnSync('tar', ['-tzf', tarball], { encoding: 'utf8' }).stdout.split('\n').filter(Boolean);
  for (const file of ['package/npm-shrinkwrap.json', 'package/bin/rolekeeper.js', 'package/README.md', 'package/LICENSE', 'package/dist/main/cli/main.js', 'package/dist/main/cli/warm-path-entry.js', 'package/dist/main/cli/credential-process-entry.js']) {
    assert.ok(listing.includes(file), `${file} in the tarball`);
  }
  assert.deepEqual(listing.filter((file) => /\/(src|test|bench|docs|build|scripts)\/|dist\/(electron|renderer|preload)\/|\.ts$/.test(file)), []);
  assert.match(readFileSync(join(ROOT, 'LICENSE'), 'utf8'), /^MIT License/);
});

test(`the packed tarball stays under the bench's budget (${NPM_PACKAGE_BUDGET_BYTES / 1024} KB)`, () => {
  const size = readFileSync(tarball).length;
  assert.ok(size < NPM_PACKAGE_BUDGET_BYTES, `${size} bytes`);
});

test('a global install brings no Electron-only dependency', () => {
  const installed = join(prefix, 'lib', 'node_modules', 'rolekeeper', 'node_modules');
  const names = existsSync(installed) ? readdirSync(installed).flatMap((name) => (name.startsWith('@') ? readdirSync(join(installed, name)).map((inner) => `${name}/${inner}`) : [name])) : [];
  for (const electronOnly of ['electron', 'electron-store', 'conf', 'ajv', 'type-fest', 'electron-updater']) assert.ok(!names.includes(electronOnly), `${electronOnly} installed`);
  assert.ok(names.includes('@aws-sdk/client-sts'), names.join(', '));
  for (const electronOnly of ['electron', 'electron-store', 'electron-updater']) assert.equal(PACKAGE.dependencies[electronOnly], undefined, `${electronOnly} is a production dependency`);
});

test('the installed rolekeeper prints its version, lists profiles and exports one', () => {
  const bin = join(prefix, 'bin', 'rolekeeper');
  withTempHome({ config: seedConfig({ roleArn: 'arn:aws:iam::123456789012:role/Prod-Role', pastedExpiresAt: '2099-01-01T00:00:00Z' }), credentials: SEED_CREDENTIALS }, (home) => {
    const env = { ...home.env, LANG: 'C' };
    const version = spawnSync(bin, ['--version'], { env, encoding: 'utf8' });
    assert.equal(version.status, 0, version.stderr);
    assert.equal(version.stdout.trim(), PACKAGE.version);
    const list = spawnSync(bin, ['list'], { env, encoding: 'utf8' });
    assert.equal(list.status, 0, list.stderr);
    assert.match(list.stdout, /^project1\s/m);
    assert.match(list.stdout, /^pasted\s/m);
    const exported = spawnSync(bin, ['export', 'pasted', '--shell', 'bash'], { env, encoding: 'utf8' });
    assert.equal(exported.status, 0, exported.stderr);
    assert.match(exported.stdout, new RegExp(`^export AWS_ACCESS_KEY_ID=['"]?${PASTED_KEY}`, 'm'));
    // The full program and its help, from the installed files alone.
    const help = spawnSync(bin, ['help', 'list'], { env, encoding: 'utf8' });
    assert.equal(help.status, 0, help.stderr);
  });
});
