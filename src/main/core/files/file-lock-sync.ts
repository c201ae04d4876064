// The synchronous twin of file-lock.ts, for small files whose callers cannot await (the endpoint
// token file): the same lock file, so sync and async holders exclude each other.
import { randomBytes } from 'node:crypto';
import { closeSync, lstatSync, openSync, readFileSync, rmSync, writeSync, type Stats } from 'node:fs';
import * as os from 'node:os';
import { FileLockForeignError, FileLockTimeoutError, foreignLockKind, lockFilePath } from './file-lock';

const pause = new Int32Array(new SharedArrayBuffer(4));
const sleepSync = (ms: number): void => void Atomics.wait(pause, 0, 0, ms);

export interface FileLockSyncOptions {
  timeoutMs?: number;
  /** A lock older than this is taken over: holders of this lock hold it for microseconds. */
  staleMs?: number;
}

export function withFileLockSync<T>(file: string, fn: () => T, options: FileLockSyncOptions = {}): T {
  const timeoutMs = options.timeoutMs ?? 10_000;
  const staleMs = options.staleMs ?? 30_000;
  const lockFile = lockFilePath(file);
  const owner = { pid: process.pid, hostname: os.hostname(), createdAt: Date.now(), token: randomBytes(12).toString('hex') };
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    try {
      const fd = openSync(lockFile, 'wx', 0o600);
      try {
        writeSync(fd, JSON.stringify(owner));
      } finally {
        closeSync(fd);
      }
      break;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    }
    let stat: Stats | undefined;
    try {
      stat = lstatSync(lockFile);
    } catch {
      // gone meanwhile: try again
    }
    if (stat) {
      const foreign = foreignLockKind(stat);
      if (foreign) throw new FileLockForeignError(file, lockFile, foreign);
      if (Date.now() - stat.mtimeMs > staleMs) rmSync(lockFile, { force: true });
    }
    if (Date.now() >= deadline) throw new FileLockTimeoutError(file, lockFile, null, timeoutMs);
    sleepSync(5);
  }
  try {
    return fn();
  } finally {
    try {
      if (JSON.parse(readFileSync(lockFile, 'utf8')).token === owner.token) rmSync(lockFile, { force: true });
    } catch {
      // taken over as stale: not ours to remove
    }
  }
}
