// The config watcher's whole-folder mode, as the keeper uses it for ~/.aws/sso/cache: entries
// written or deleted there are reported, a folder (and its parent) that does not exist yet is
// followed from the nearest existing ancestor, only matching names count, and a folder that is a
// symbolic link is not followed out.
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { watchConfigFiles } from '../../../src/main/core/always-fresh/config-watcher';
import { makeTempHome } from '../../helpers/temp-home';

/** Collects batches; `until` waits (with a deadline, polling) for one that holds `path`. */
function recorder() {
  const batches: string[][] = [];
  return {
    batches,
    onChange: (batch: string[]) => void batches.push(batch),
    async until(path: string, what: string): Promise<void> {
      const deadline = Date.now() + 5000;
      while (!batches.some((batch) => batch.includes(path))) {
        assert.ok(Date.now() < deadline, `no change of ${what} reported; batches: ${JSON.stringify(batches)}`);
        await new Promise((resolve) => setTimeout(resolve, 10));
      }
    },
  };
}

test('a token written into a cache folder that did not exist (nor its parent) is reported, and so is its deletion', async (t) => {
  const home = makeTempHome({ config: '' });
  t.after(() => home.cleanup());
  const cacheDir = join(home.home, '.aws', 'sso', 'cache');
  const rec = recorder();
  const watcher = watchConfigFiles({ files: [home.configFile], folders: [cacheDir], entryPattern: /\.json$/, debounceMs: 20, onChange: rec.onChange });
  t.after(() => watcher.close());

  mkdirSync(cacheDir, { recursive: true });
  await rec.until(cacheDir, 'the new folder');
  rec.batches.length = 0;
  const token = join(cacheDir, 'a'.repeat(40) + '.json');
  writeFileSync(token, '{}');
  await rec.until(cacheDir, 'the token written into the folder that appeared');
  rec.batches.length = 0;
  rmSync(token);
  await rec.until(cacheDir, 'the token deleted');
});

test('while the folder does not exist, other files written in the watched ancestor (e.g. $HOME) are not reported', async (t) => {
  const home = makeTempHome({ config: '' });
  t.after(() => home.cleanup());
  rmSync(join(home.home, '.aws'), { recursive: true, force: true });
  const cacheDir = join(home.home, '.aws', 'sso', 'cache');
  const sentinel = join(home.home, 'sentinel.ini');
  const rec = recorder();
  const watcher = watchConfigFiles({ files: [sentinel], folders: [cacheDir], entryPattern: /\.json$/, debounceMs: 20, onChange: rec.onChange });
  t.after(() => watcher.close());
  writeFileSync(join(home.home, '.zsh_history'), 'ls\n');
  writeFileSync(sentinel, '[default]\n');
  await rec.until(sentinel, 'the sentinel');
  assert.ok(!rec.batches.some((batch) => batch.includes(cacheDir)), JSON.stringify(rec.batches));
  mkdirSync(cacheDir, { recursive: true });
  await rec.until(cacheDir, 'the folder appearing under the ancestor');
});

test('names that do not match (lock and temp files) are not reported', async (t) => {
  const home = makeTempHome({ config: '' });
  t.after(() => home.cleanup());
  const cacheDir = join(home.home, '.aws', 'sso', 'cache');
  mkdirSync(cacheDir, { recursive: true });
  const rec = recorder();
  const watcher = watchConfigFiles({ files: [home.configFile], folders: [cacheDir], entryPattern: /\.json$/, debounceMs: 20, onChange: rec.onChange });
  t.after(() => watcher.close());
  writeFileSync(join(cacheDir, 'x.json.lock'), '');
  // The sentinel comes after: one inotify queue keeps the order, so a report of the lock would come first.
  writeFileSync(home.configFile, '[default]\n');
  await rec.until(home.configFile, 'the sentinel');
  assert.ok(!rec.batches.some((batch) => batch.includes(cacheDir)), JSON.stringify(rec.batches));
});

test('a cache folder that is a symbolic link is not followed out: writes in its target are not reported', async (t) => {
  const home = makeTempHome({ config: '' });
  const outside = mkdtempSync(join(tmpdir(), 'rolekeeper-outside-'));
  t.after(() => {
    home.cleanup();
    rmSync(outside, { recursive: true, force: true });
  });
  const cacheDir = join(home.home, '.aws', 'sso', 'cache');
  mkdirSync(join(home.home, '.aws', 'sso'), { recursive: true });
  symlinkSync(outside, cacheDir);
  const rec = recorder();
  const watcher = watchConfigFiles({ files: [home.configFile], folders: [cacheDir], entryPattern: /\.json$/, debounceMs: 20, onChange: rec.onChange });
  t.after(() => watcher.close());
  writeFileSync(join(outside, 'b'.repeat(40) + '.json'), '{}');
  writeFileSync(home.configFile, '[default]\n');
  await rec.until(home.configFile, 'the sentinel');
  assert.ok(!rec.batches.some((batch) => batch.includes(cacheDir)), JSON.stringify(rec.batches));
});

test('a cache folder removed and made anew within one quiet period is watched again: later tokens are reported', async (t) => {
  const home = makeTempHome({ config: '' });
  t.after(() => home.cleanup());
  const cacheDir = join(home.home, '.aws', 'sso', 'cache');
  mkdirSync(cacheDir, { recursive: true });
  const rec = recorder();
  const watcher = watchConfigFiles({ files: [home.configFile], folders: [cacheDir], entryPattern: /\.json$/, debounceMs: 50, onChange: rec.onChange });
  t.after(() => watcher.close());

  // `rm -rf ~/.aws/sso/cache && aws sso login`: gone and back before the watcher calls back.
  rmSync(cacheDir, { recursive: true });
  mkdirSync(cacheDir);
  await rec.until(cacheDir, 'the folder replaced');
  rec.batches.length = 0;
  writeFileSync(join(cacheDir, 'b'.repeat(40) + '.json'), '{}');
  await rec.until(cacheDir, 'a token written into the new folder');
});
