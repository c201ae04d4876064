import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, mkdirSync, readdirSync, symlinkSync, lstatSync } from 'node:fs';
import { join } from 'node:path';
import { makeTempHome } from '../../helpers/temp-home';
import { clearCliCache } from '../../../src/main/core/caches/cache-cleaner';

test('--all removes every regular json entry and nothing else', () => {
  const home = makeTempHome();
  try {
    const dir = join(home.home, '.aws', 'cli', 'cache');
    const a = home.write('.aws/cli/cache/aaa.json', '{}');
    const b = home.write('.aws/cli/cache/bbb.json', 'corrupt');
    home.write('.aws/cli/cache/notes.txt', 'keep');
    home.write('.aws/cli/cache/sub/ccc.json', '{}');
    mkdirSync(join(dir, 'dir.json'));
    const result = clearCliCache(dir, { all: true });
    assert.deepEqual(result.removed, [a, b]);
    assert.deepEqual(readdirSync(dir).sort(), ['dir.json', 'notes.txt', 'sub']);
    assert.ok(existsSync(join(dir, 'sub', 'ccc.json')));
    assert.deepEqual(result.skipped, [{ path: join(dir, 'dir.json'), reason: 'not a regular file', reasonWording: { key: 'engine.skip.notFile' } }]);
  } finally {
    home.cleanup();
  }
});

test('selected keys remove only their own files', () => {
  const home = makeTempHome();
  try {
    const dir = join(home.home, '.aws', 'cli', 'cache');
    const a = home.write('.aws/cli/cache/aaa.json', '{}');
    home.write('.aws/cli/cache/bbb.json', '{}');
    const result = clearCliCache(dir, { keys: ['aaa', 'missing', 'aaa'] });
    assert.deepEqual(result.removed, [a]);
    assert.deepEqual(readdirSync(dir), ['bbb.json']);
  } finally {
    home.cleanup();
  }
});

test('a key that could name a path outside the cache is refused', () => {
  const home = makeTempHome();
  try {
    const dir = join(home.home, '.aws', 'cli', 'cache');
    mkdirSync(dir, { recursive: true });
    const victim = home.write('.aws/cli/victim.json', '{}');
    assert.throws(() => clearCliCache(dir, { keys: ['../victim'] }), /Not a cache key/);
    assert.ok(existsSync(victim));
  } finally {
    home.cleanup();
  }
});

test('a symlink inside the cache pointing outside is neither followed nor its target deleted', () => {
  const home = makeTempHome();
  try {
    const dir = join(home.home, '.aws', 'cli', 'cache');
    mkdirSync(dir, { recursive: true });
    const target = home.write('precious/credentials.json', 'precious');
    const targetDir = join(home.home, 'precious');
    symlinkSync(target, join(dir, 'link.json'));
    symlinkSync(targetDir, join(dir, 'dirlink.json'));
    const all = clearCliCache(dir, { all: true });
    const byKey = clearCliCache(dir, { keys: ['link'] });
    assert.deepEqual([all.removed, byKey.removed], [[], []]);
    assert.ok(existsSync(target));
    assert.ok(lstatSync(join(dir, 'link.json')).isSymbolicLink());
    assert.deepEqual(all.skipped.map((s) => s.path).sort(), [join(dir, 'dirlink.json'), join(dir, 'link.json')]);
  } finally {
    home.cleanup();
  }
});

test('a cache folder that is itself a symlink is followed, as refresh and the AWS CLI do; links inside it still are not', () => {
  const home = makeTempHome();
  try {
    const elsewhere = join(home.home, 'elsewhere');
    const file = home.write('elsewhere/aaa.json', '{}');
    const outside = home.write('outside/keep.json', '{}');
    const note = home.write('elsewhere/notes.txt', 'mine');
    mkdirSync(join(home.home, '.aws', 'cli'), { recursive: true });
    const dir = join(home.home, '.aws', 'cli', 'cache');
    symlinkSync(elsewhere, dir);
    symlinkSync(outside, join(elsewhere, 'link.json'));
    const result = clearCliCache(dir, { all: true });
    assert.deepEqual(result.removed, [join(dir, 'aaa.json')]);
    assert.equal(existsSync(file), false);
    assert.ok(existsSync(outside), 'the target of a link inside the folder is untouched');
    assert.ok(existsSync(note), 'only *.json entries are removed');
    assert.match(result.skipped[0].reason, /symbolic link/);
  } finally {
    home.cleanup();
  }
});

test('a missing cache folder removes nothing and does not fail', () => {
  const home = makeTempHome();
  try {
    const result = clearCliCache(join(home.home, '.aws', 'cli', 'cache'), { all: true });
    assert.deepEqual([result.removed, result.skipped], [[], []]);
  } finally {
    home.cleanup();
  }
});
