// A cross-process lock beside a file, so two Rolekeeper processes (CLI, daemon, tray) never
// interleave their read-modify-write of the same ~/.aws file.
import { randomBytes } from 'node:crypto';
import { promises as fs } from 'node:fs';
import * as os from 'node:os';
import { phrase, type MessageKey, type Phrase } from '../../../shared/i18n';
import { WordedError } from '../model/worded-error';

export interface FileLockOptions {
  /** How long to wait for another holder before giving up. Default 10 s. */
  timeoutMs?: number;
  /**
   * A lock older than this is taken over even when its holder looks alive (a reused pid, a hung
   * process, a lock from another machine on a shared home). Default 60 s; Rolekeeper holds its
   * locks for milliseconds.
   */
  staleMs?: number;
  /** Pause between attempts. Default 25 ms. */
  pollMs?: number;
}

export interface LockOwner {
  pid: number;
  hostname: string;
  /** ms since the epoch */
  createdAt: number;
  token: string;
}

export class FileLockTimeoutError extends WordedError {
  readonly fix: Phrase;
  constructor(
    readonly file: string,
    readonly lockFile: string,
    readonly holder: LockOwner | null,
    timeoutMs: number,
  ) {
    const held = holder
      ? phrase('engine.lock.heldBy', { pid: holder.pid, host: holder.hostname, since: new Date(holder.createdAt).toISOString() })
      : phrase('engine.lock.heldByAnother');
    super(phrase('engine.lock.timedOut', { ms: timeoutMs, file, held, lockFile }));
    this.fix = phrase('engine.lock.removeFix', { lockFile });
    this.name = 'FileLockTimeoutError';
  }
}

/** What stands at a lock path that Rolekeeper did not put there. */
export type ForeignLockKind = 'symlink' | 'not-a-file' | 'other-owner';

/**
 * A lock path holds something no Rolekeeper process made (it only ever creates regular files it
 * owns): waiting would never end, and taking it over could follow a link. Said at once, with the
 * path and how to remove it.
 */
const FOREIGN_LOCK_WORDS: Record<ForeignLockKind, MessageKey> = {
  symlink: 'engine.lock.foreign.symlink',
  'not-a-file': 'engine.lock.foreign.not-a-file',
  'other-owner': 'engine.lock.foreign.other-owner',
};

export class FileLockForeignError extends WordedError {
  readonly fix: Phrase;
  constructor(
    readonly file: string,
    readonly lockFile: string,
    readonly kind: ForeignLockKind,
  ) {
    super(phrase('engine.lock.foreign', { lockFile, file, what: phrase(FOREIGN_LOCK_WORDS[kind]) }));
    this.fix = phrase('engine.lock.removeFix', { lockFile });
    this.name = 'FileLockForeignError';
  }
}

/** Why the lock path is not a lock of this user's Rolekeeper, or null when it is one (or absent). */
export function foreignLockKind(stat: { isSymbolicLink(): boolean; isFile(): boolean; uid: number }): ForeignLockKind | null {
  if (stat.isSymbolicLink()) return 'symlink';
  if (!stat.isFile()) return 'not-a-file';
  if (typeof process.getuid === 'function' && stat.uid !== process.getuid()) return 'other-owner';
  return null;
}

/** The lock file that guards `file`. */
export function lockFilePath(file: string): string {
  return `${file}.rolekeeper.lock`;
}

function errorCode(error: unknown): string | undefined {
  return (error as NodeJS.ErrnoException | null)?.code;
}

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

function parseOwner(text: string): LockOwner | null {
  try {
    const value = JSON.parse(text) as Partial<LockOwner>;
    if (
      typeof value.pid === 'number' &&
      typeof value.hostname === 'string' &&
      typeof value.createdAt === 'number' &&
      typeof value.token === 'string'
    ) {
      return value as LockOwner;
    }
  } catch {
    // a half-written or foreign file: judged by its age below
  }
  return null;
}

async function readLock(file: string, lockFile: string): Promise<{ text: string; owner: LockOwner | null; mtimeMs: number } | null> {
  try {
    const stat = await fs.lstat(lockFile);
    const foreign = foreignLockKind(stat);
    if (foreign) throw new FileLockForeignError(file, lockFile, foreign);
    const text = await fs.readFile(lockFile, 'utf8');
    return { text, owner: parseOwner(text), mtimeMs: stat.mtimeMs };
  } catch (error) {
    if (errorCode(error) === 'ENOENT') return null;
    throw error;
  }
}

function processIsAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM: it exists but belongs to someone else.
    return errorCode(error) === 'EPERM';
  }
}

function isStale(lock: { owner: LockOwner | null; mtimeMs: number }, staleMs: number, now: number): boolean {
  const createdAt = lock.owner?.createdAt ?? lock.mtimeMs;
  if (now - createdAt > staleMs) return true;
  if (lock.owner && lock.owner.hostname === os.hostname() && !processIsAlive(lock.owner.pid)) return true;
  return false;
}

async function tryCreate(lockFile: string, owner: LockOwner): Promise<boolean> {
  let handle: fs.FileHandle | undefined;
  try {
    handle = await fs.open(lockFile, 'wx', 0o600);
  } catch (error) {
    if (errorCode(error) === 'EEXIST') return false;
    throw error;
  }
  try {
    await handle.writeFile(JSON.stringify(owner));
  } finally {
    await handle.close();
  }
  return true;
}

/**
 * Moves a stale lock aside so it can be replaced. Renaming (rather than deleting) lets us check that
 * what we moved is the very lock we judged stale; if another process replaced it in between, we put
 * theirs back.
 */
async function takeOver(lockFile: string, staleText: string): Promise<void> {
  const aside = `${lockFile}.stale-${randomBytes(8).toString('hex')}`;
  try {
    await fs.rename(lockFile, aside);
  } catch (error) {
    if (errorCode(error) === 'ENOENT') return;
    throw error;
  }
  const moved = await fs.readFile(aside, 'utf8').catch(() => staleText);
  if (moved !== staleText) {
    // Not the lock we judged: restore it unless someone already holds a new one.
    await fs.link(aside, lockFile).catch(() => undefined);
  }
  await fs.rm(aside, { force: true });
}

/**
 * Runs `fn` while holding the lock for `file` (a `<file>.rolekeeper.lock` created with O_EXCL,
 * holding pid, host, time and a random token). Waits up to `timeoutMs` for another holder, takes
 * over a lock whose process is dead or which is older than `staleMs`, and always releases it,
 * removing the lock file only if it is still ours.
 */
export async function withFileLock<T>(file: string, fn: () => Promise<T> | T, options: FileLockOptions = {}): Promise<T> {
  const timeoutMs = options.timeoutMs ?? 10_000;
  const staleMs = options.staleMs ?? 60_000;
  const pollMs = options.pollMs ?? 25;
  const lockFile = lockFilePath(file);
  const owner: LockOwner = {
    pid: process.pid,
    hostname: os.hostname(),
    createdAt: Date.now(),
    token: randomBytes(16).toString('hex'),
  };
  const deadline = Date.now() + timeoutMs;
  let lastHolder: LockOwner | null = null;
  for (;;) {
    owner.createdAt = Date.now();
    if (await tryCreate(lockFile, owner)) break;
    const current = await readLock(file, lockFile);
    if (current) {
      lastHolder = current.owner;
      if (isStale(current, staleMs, Date.now())) {
        await takeOver(lockFile, current.text);
        continue;
      }
    }
    if (Date.now() >= deadline) throw new FileLockTimeoutError(file, lockFile, lastHolder, timeoutMs);
    // Jitter keeps two waiters from retrying in lockstep.
    await sleep(pollMs + Math.floor(Math.random() * pollMs));
  }
  try {
    return await fn();
  } finally {
    const current = await readLock(file, lockFile).catch(() => null);
    if (current?.owner?.token === owner.token) await fs.rm(lockFile, { force: true });
  }
}
