import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import { chownSync, existsSync, lstatSync, mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { hostname, tmpdir } from 'node:os';
import { join } from 'node:path';
import { FileLockForeignError, FileLockTimeoutError, lockFilePath, withFileLock } from '../../../src/main/core/files/file-lock';
import { withFileLockSync } from '../../../src/main/core/files/file-lock-sync';
import { english, say } from '../../../src/shared/i18n';

function tempDir(t: { after: (fn: () => void) => void }): string {
  const dir = mkdtempSync(join(tmpdir(), 'rolekeeper-lock-'));
  t.after(() => rmSync(dir, { recursive: true, force: true }));
  return dir;
}

function runContender(args: string[]): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', join(__dirname, '..', '..', 'fixtures', 'file-safety', 'lock-contender.ts'), ...args]);
    let stderr = '';
    child.stderr.on('data', (chunk) => (stderr += chunk));
    child.on('error', reject);
    child.on('exit', (code) => (code === 0 ? resolve() : reject(new Error(`contender failed (${code}): ${stderr}`))));
  });
}

function deadPid(): number {
  const child = spawnSync(process.execPath, ['-e', 'process.stdout.write(String(process.pid))'], { encoding: 'utf8' });
  return Number(child.stdout);
}

test('two processes contending for the lock never interleave their read-modify-write', async (t) => {
  const dir = tempDir(t);
  const target = join(dir, 'counter');
  const log = join(dir, 'log');
  writeFileSync(target, '0');
  writeFileSync(log, '');
  const barrier = join(dir, 'barrier');
  mkdirSync(barrier);
  const rounds = 20;
  await Promise.all(['a', 'b'].map((name) => runContender([target, log, String(rounds), name, barrier])));
  assert.equal(readFileSync(target, 'utf8'), String(2 * rounds));
  const events = readFileSync(log, 'utf8').trim().split('\n');
  assert.equal(events.length, 4 * rounds);
  for (let i = 0; i < events.length; i += 2) {
    const who = events[i]!.replace('enter ', '');
    assert.equal(events[i], `enter ${who}`);
    assert.equal(events[i + 1], `leave ${who}`);
  }
  // They did contend: the lock changed hands back and forth, not once at the end of one run.
  const holders = events.filter((_, i) => i % 2 === 0);
  const handovers = holders.filter((event, i) => i > 0 && event !== holders[i - 1]).length;
  assert.ok(handovers >= 2, `the lock changed hands only ${handovers} time(s)`);
  assert.equal(existsSync(lockFilePath(target)), false);
});

test('callers in one process wait for each other too', async (t) => {
  const target = join(tempDir(t), 'config');
  const events: string[] = [];
  const critical = (name: string) =>
    withFileLock(target, async () => {
      events.push(`enter ${name}`);
      await new Promise((resolve) => setTimeout(resolve, 20));
      events.push(`leave ${name}`);
    });
  await Promise.all([critical('a'), critical('b')]);
  assert.ok(events[0]!.startsWith('enter') && events[1]!.startsWith('leave') && events[1]!.slice(6) === events[0]!.slice(6));
});

test('takes over a lock whose process has died', async (t) => {
  const target = join(tempDir(t), 'config');
  writeFileSync(lockFilePath(target), JSON.stringify({ pid: deadPid(), hostname: hostname(), createdAt: Date.now(), token: 'x' }));
  const result = await withFileLock(target, () => 'ran', { timeoutMs: 5_000 });
  assert.equal(result, 'ran');
  assert.equal(existsSync(lockFilePath(target)), false);
});

test('takes over a lock older than the stale bound even when its process lives', async (t) => {
  const target = join(tempDir(t), 'config');
  writeFileSync(lockFilePath(target), JSON.stringify({ pid: process.pid, hostname: hostname(), createdAt: Date.now() - 600_000, token: 'x' }));
  assert.equal(await withFileLock(target, () => 'ran', { timeoutMs: 5_000 }), 'ran');
});

test('gives up with an error naming the file and its holder when a live holder keeps the lock', async (t) => {
  const target = join(tempDir(t), 'credentials');
  const lock = lockFilePath(target);
  const holder = JSON.stringify({ pid: process.pid, hostname: hostname(), createdAt: Date.now(), token: 'theirs' });
  writeFileSync(lock, holder);
  let ran = false;
  await assert.rejects(
    withFileLock(target, () => (ran = true), { timeoutMs: 150 }),
    (error: unknown) =>
      error instanceof FileLockTimeoutError &&
      error.message.includes(target) &&
      error.message.includes(lock) &&
      error.message.includes(`process ${process.pid}`),
  );
  assert.equal(ran, false);
  assert.equal(readFileSync(lock, 'utf8'), holder);
});

test('releases the lock when the work throws, and passes the error on', async (t) => {
  const target = join(tempDir(t), 'config');
  await assert.rejects(withFileLock(target, () => Promise.reject(new Error('boom'))), /boom/);
  assert.equal(existsSync(lockFilePath(target)), false);
});

test('leaves alone a lock that is no longer its own when it finishes', async (t) => {
  const target = join(tempDir(t), 'config');
  const theirs = JSON.stringify({ pid: process.pid, hostname: hostname(), createdAt: Date.now(), token: 'theirs' });
  await withFileLock(target, () => writeFileSync(lockFilePath(target), theirs));
  assert.equal(readFileSync(lockFilePath(target), 'utf8'), theirs);
});

test('a dangling symlink, a folder or another user\'s file at the lock path fails at once, naming the lock and how to remove it', async (t) => {
  const dir = tempDir(t);
  const file = join(dir, 'token.json');
  const lock = lockFilePath(file);
  const cases: Array<[string, () => void, RegExp]> = [
    ['dangling symlink', () => symlinkSync(join(dir, 'nowhere'), lock), /is a symbolic link/],
    ['folder', () => mkdirSync(lock), /is not a regular file/],
    ['another user\'s file', () => (writeFileSync(lock, '{}'), chownSync(lock, 65534, 65534)), /is owned by another user/],
  ];
  for (const [name, make, what] of cases) {
    make();
    const started = Date.now();
    const error = await withFileLock(file, () => 'never', { timeoutMs: 5_000 }).then(() => null, (caught: unknown) => caught);
    assert.ok(error instanceof FileLockForeignError, `${name}: ${String(error)}`);
    assert.ok(Date.now() - started < 2_000, `${name}: said at once, not after the timeout`);
    assert.match(error.message, what);
    assert.ok(error.message.includes(lock), `${name}: the message names the lock file`);
    assert.match(say(english, error.fix), new RegExp(`delete ${lock.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}`));
    const syncError = (() => {
      try {
        withFileLockSync(file, () => 'never', { timeoutMs: 5_000 });
        return null;
      } catch (caught) {
        return caught;
      }
    })();
    assert.ok(syncError instanceof FileLockForeignError, `${name} (sync): ${String(syncError)}`);
    assert.ok(existsSync(lock) || lstatSync(lock).isSymbolicLink(), `${name}: left for the person to remove`);
    rmSync(lock, { recursive: true, force: true });
  }
});
