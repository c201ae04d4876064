import { test } from 'node:test';
import assert from 'node:assert/strict';
import { chmodSync, lstatSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, statSync, symlinkSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { isTempFileFor, removeStaleTempFiles, writeFileAtomic, writeFileAtomicSync } from '../../../src/main/core/files/atomic-file';

function tempDir(t: { after: (fn: () => void) => void }): string {
  const dir = mkdtempSync(join(tmpdir(), 'rolekeeper-atomic-'));
  t.after(() => rmSync(dir, { recursive: true, force: true }));
  return dir;
}

const modeOf = (file: string) => statSync(file).mode & 0o777;
// POSIX permission bits and symlinks: these tests describe Linux and macOS.

test('creates a new file readable only by its owner and leaves no temp file', async (t) => {
  const dir = tempDir(t);
  const file = join(dir, 'credentials');
  await writeFileAtomic(file, '[dev]\naws_access_key_id = A\n');
  assert.equal(readFileSync(file, 'utf8'), '[dev]\naws_access_key_id = A\n');
  assert.equal(modeOf(file), 0o600);
  assert.deepEqual(readdirSync(dir), ['credentials']);
});

test('keeps the permission bits of the file it replaces', async (t) => {
  const dir = tempDir(t);
  const file = join(dir, 'config');
  writeFileSync(file, 'old');
  chmodSync(file, 0o640);
  await writeFileAtomic(file, 'new');
  assert.equal(readFileSync(file, 'utf8'), 'new');
  assert.equal(modeOf(file), 0o640);
  await writeFileAtomic(file, Buffer.from('newer'), { mode: 0o600 });
  assert.equal(modeOf(file), 0o600);
});

test('writes through a symlinked file instead of replacing the link', async (t) => {
  const dir = tempDir(t);
  mkdirSync(join(dir, 'dotfiles'));
  const real = join(dir, 'dotfiles', 'config');
  writeFileSync(real, 'old');
  const link = join(dir, 'config');
  symlinkSync(real, link);
  await writeFileAtomic(link, 'new');
  assert.equal(lstatSync(link).isSymbolicLink(), true);
  assert.equal(readFileSync(real, 'utf8'), 'new');
});

test('removes its temp file and leaves the target alone when the write fails', async (t) => {
  const dir = tempDir(t);
  const target = join(dir, 'config');
  mkdirSync(target);
  writeFileSync(join(target, 'inside'), 'keep');
  await assert.rejects(writeFileAtomic(target, 'data'));
  assert.deepEqual(readdirSync(dir), ['config']);
  assert.equal(readFileSync(join(target, 'inside'), 'utf8'), 'keep');
});

test('fails without creating anything when the folder does not exist', async (t) => {
  const dir = tempDir(t);
  await assert.rejects(writeFileAtomic(join(dir, 'missing', 'config'), 'x'), { code: 'ENOENT' });
  assert.deepEqual(readdirSync(dir), []);
});

test('recognises only its own temp file names for a target', () => {
  const target = '/home/u/.aws/config';
  assert.equal(isTempFileFor(target, `.config.rolekeeper-tmp-${'a1'.repeat(16)}`), true);
  assert.equal(isTempFileFor(target, `.credentials.rolekeeper-tmp-${'a1'.repeat(16)}`), false);
  assert.equal(isTempFileFor(target, '.config.rolekeeper-tmp-short'), false);
  assert.equal(isTempFileFor(target, 'config'), false);
});

test('tidies up old temp files of a target and nothing else', async (t) => {
  const dir = tempDir(t);
  const target = join(dir, 'config');
  writeFileSync(target, 'keep');
  const old = join(dir, `.config.rolekeeper-tmp-${'0'.repeat(32)}`);
  const fresh = join(dir, `.config.rolekeeper-tmp-${'1'.repeat(32)}`);
  const other = join(dir, `.credentials.rolekeeper-tmp-${'2'.repeat(32)}`);
  for (const file of [old, fresh, other]) writeFileSync(file, 'partial');
  const anHourAgo = new Date(Date.now() - 3_600_000);
  utimesSync(old, anHourAgo, anHourAgo);
  utimesSync(other, anHourAgo, anHourAgo);
  assert.deepEqual(await removeStaleTempFiles(target), [old]);
  assert.deepEqual(readdirSync(dir).sort(), ['.config.rolekeeper-tmp-' + '1'.repeat(32), '.credentials.rolekeeper-tmp-' + '2'.repeat(32), 'config'].sort());
  assert.equal(readFileSync(target, 'utf8'), 'keep');
});

test('with followSymlinks false a symlinked target is replaced by a file and the link target is untouched', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'rolekeeper-atomic-nofollow-'));
  try {
    const outside = join(dir, 'outside.txt');
    writeFileSync(outside, 'keep me');
    const entry = join(dir, 'entry.json');
    symlinkSync(outside, entry);
    await writeFileAtomic(entry, '{"new": true}', { followSymlinks: false });
    assert.equal(readFileSync(outside, 'utf8'), 'keep me');
    assert.equal(lstatSync(entry).isSymbolicLink(), false);
    assert.equal(readFileSync(entry, 'utf8'), '{"new": true}');
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('the synchronous writer replaces a file with the given mode through a temp name removeStaleTempFiles recognises', (t) => {
  const dir = tempDir(t);
  const file = join(dir, 'endpoint-tokens.json');
  writeFileSync(file, 'old');
  chmodSync(file, 0o644);
  writeFileAtomicSync(file, '{"tokens":{}}', { mode: 0o600, followSymlinks: false });
  assert.equal(readFileSync(file, 'utf8'), '{"tokens":{}}');
  assert.equal(modeOf(file), 0o600);
  assert.deepEqual(readdirSync(dir), ['endpoint-tokens.json']);
});

test('the synchronous writer removes its temp file and leaves the target alone when the write fails', (t) => {
  const dir = tempDir(t);
  const target = join(dir, 'tokens');
  mkdirSync(target);
  assert.throws(() => writeFileAtomicSync(target, 'data'));
  assert.deepEqual(readdirSync(dir), ['tokens']);
});
