// `npm run pack:cli [-- DEST]`: the npm package of the CLI as it is published, with an
// npm-shrinkwrap.json cut from package-lock.json down to the production dependencies. npm's advice
// for a CLI meant for global installs: `npm i -g` then gets exactly the tested versions of the AWS SDK
// and friends, by integrity, and installs from npm's cache alone when the cache holds them. The
// package is packed from a staging copy, so no npm-shrinkwrap.json ever lands in the working tree
// (npm would prefer it to package-lock.json). Run after `npm run build`; prints the tarball's path.
import { spawnSync } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = resolve(fileURLToPath(import.meta.url), '..', '..');

/** package-lock.json without the dev-only packages and the root's devDependencies. */
export function productionShrinkwrap(lock) {
  const packages = {};
  for (const [path, entry] of Object.entries(lock.packages)) {
    if (path === '') {
      const { devDependencies: _dev, ...root } = entry;
      packages[path] = root;
    } else if (!entry.dev) {
      packages[path] = entry;
    }
  }
  return { ...lock, packages };
}

export function packCli(destination) {
  const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8'));
  const stage = mkdtempSync(join(tmpdir(), 'rolekeeper-pack-'));
  try {
    for (const file of pkg.files) cpSync(join(ROOT, file), join(stage, file), { recursive: true });
    const { devDependencies: _dev, scripts: _scripts, ...published } = { ...pkg, files: [...pkg.files, 'npm-shrinkwrap.json'] };
    writeFileSync(join(stage, 'package.json'), `${JSON.stringify(published, null, 2)}\n`);
    const lock = JSON.parse(readFileSync(join(ROOT, 'package-lock.json'), 'utf8'));
    writeFileSync(join(stage, 'npm-shrinkwrap.json'), `${JSON.stringify(productionShrinkwrap(lock), null, 2)}\n`);
    mkdirSync(destination, { recursive: true });
    const result = spawnSync('npm', ['pack', '--json', '--ignore-scripts', '--pack-destination', destination], { cwd: stage, encoding: 'utf8' });
    if (result.status !== 0) throw new Error(`npm pack: ${result.stderr}`);
    const [packed] = JSON.parse(result.stdout);
    return join(destination, packed.filename);
  } finally {
    rmSync(stage, { recursive: true, force: true });
  }
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  console.log(packCli(resolve(process.argv[2] ?? '.')));
}
