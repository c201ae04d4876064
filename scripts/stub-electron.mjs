// Writes a stand-in for Electron's Linux binary into DIR, for `-c.electronDist=DIR` on machines
// that cannot download Electron: a shell script that exits 0 and carries Electron 45's fuse wire
// (sentinel, version, length, one byte per fuse as the real binary ships them), so the builder's
// fuse flipping runs for real and a test can read the fuses it wrote.
// Usage: node scripts/stub-electron.mjs DIR
import { chmodSync, copyFileSync, mkdirSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const FUSE_SENTINEL = 'dL7pKGdnNz796PbbjQWNKmHXBZaB9tsX';
// RunAsNode, CookieEncryption, NodeOptions, NodeCliInspect, AsarIntegrity, OnlyLoadFromAsar,
// BrowserV8Snapshot, GrantFileProtocolExtraPrivileges: Electron's defaults.
const SHIPPED_FUSES = '10110001';

export function writeStubElectron(dir) {
  mkdirSync(dir, { recursive: true });
  const wire = Buffer.concat([Buffer.from(FUSE_SENTINEL), Buffer.from([1, SHIPPED_FUSES.length]), Buffer.from(SHIPPED_FUSES)]);
  writeFileSync(join(dir, 'electron'), Buffer.concat([Buffer.from('#!/bin/sh\nexit 0\n# '), wire, Buffer.from('\n')]));
  chmodSync(join(dir, 'electron'), 0o755);
  // What the builder copies beside the binary of a real Electron.
  writeFileSync(join(dir, 'chrome-sandbox'), '#!/bin/sh\nexit 0\n');
  chmodSync(join(dir, 'chrome-sandbox'), 0o755);
  const require = createRequire(import.meta.url);
  copyFileSync(require.resolve('electron/LICENSE'), join(dir, 'LICENSE'));
  writeFileSync(join(dir, 'version'), require('electron/package.json').version);
}

/** The fuse wire the binary at `file` carries, as '0'/'1' characters. */
export function readFuses(bytes) {
  const at = bytes.indexOf(FUSE_SENTINEL) + FUSE_SENTINEL.length;
  return bytes.subarray(at + 2, at + 2 + bytes[at + 1]).toString('latin1');
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  if (!process.argv[2]) {
    console.error('usage: node scripts/stub-electron.mjs DIR');
    process.exit(2);
  }
  writeStubElectron(process.argv[2]);
}
