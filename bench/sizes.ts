// What people download: the npm package of the CLI (packed tarball) and the Electron main bundle,
// each against its budget. test/cli/npm-package.test.ts holds the package to the same budget.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { heading, row } from './measure';

const ROOT = join(__dirname, '..');
export const NPM_PACKAGE_BUDGET_BYTES = 500 * 1024;
export const ELECTRON_MAIN_BUDGET_BYTES = 1024 * 1024;

/** The tarball `npm run pack:cli` publishes (the build already ran): its size and its files. */
export function packedPackage(): { size: number; files: string[] } {
  const dir = mkdtempSync(join(tmpdir(), 'rolekeeper-bench-pack-'));
  try {
    const tarball = spawnSync(process.execPath, [join(ROOT, 'scripts', 'pack-cli.mjs'), dir], { encoding: 'utf8' }).stdout.trim();
    const files = spawnSync('tar', ['-tzf', tarball], { encoding: 'utf8' }).stdout.split('\n').filter(Boolean);
    return { size: statSync(tarball).size, files };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

const kb = (bytes: number): string => `${(bytes / 1024).toFixed(0)} KB`;

export async function run(): Promise<void> {
  heading('sizes');
  const pack = packedPackage();
  row(`npm package (packed, ${pack.files.length} files)`, kb(pack.size), { target: `< ${kb(NPM_PACKAGE_BUDGET_BYTES)}`, met: pack.size < NPM_PACKAGE_BUDGET_BYTES });
  const main = statSync(join(ROOT, 'dist', 'electron', 'main.js')).size;
  row('Electron main bundle (dist/electron/main.js)', kb(main), { target: `< ${kb(ELECTRON_MAIN_BUDGET_BYTES)}`, met: main < ELECTRON_MAIN_BUDGET_BYTES });
}
