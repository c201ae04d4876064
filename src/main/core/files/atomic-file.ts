// Replaces a file's content all at once: readers (and a crash at any instant) see either the old
// bytes or the new ones, never a torn mix.
import { randomBytes } from 'node:crypto';
import * as fsSync from 'node:fs';
import { promises as fs } from 'node:fs';
import * as path from 'node:path';

export interface WriteFileAtomicOptions {
  /**
   * Permission bits for the file. Default: the existing file's bits, or 0600 for a new file
   * (these files hold secrets; the AWS CLI creates them 0600 too).
   */
  mode?: number;
  /**
   * Write through a symlinked target (default, for dotfile managers' ~/.aws/config), or replace
   * the link itself (caches: an entry must never redirect a write elsewhere).
   */
  followSymlinks?: boolean;
  /**
   * Runs right before the rename, after the temp file is written and fsynced, with nothing in
   * between but the rename itself (no await); throwing cancels the write (the temp file is removed).
   */
  beforeRename?: () => void;
}

/** Temp files are hidden, named after their target, and carry this marker plus 128 random bits. */
const TEMP_MARKER = '.rolekeeper-tmp-';
const NEW_FILE_MODE = 0o600;
const RENAME_RETRY_CODES = new Set(['EPERM', 'EACCES', 'EBUSY']);
const RENAME_RETRY_DELAYS_MS = [10, 30, 60, 100, 200, 400, 800];

function tempPrefix(target: string): string {
  return `.${path.basename(target)}${TEMP_MARKER}`;
}

/** Whether `fileName` (a bare name) is one of writeFileAtomic's temp files for `target`. */
export function isTempFileFor(target: string, fileName: string): boolean {
  const prefix = tempPrefix(target);
  return fileName.startsWith(prefix) && /^[0-9a-f]{32}$/.test(fileName.slice(prefix.length));
}

function errorCode(error: unknown): string | undefined {
  return (error as NodeJS.ErrnoException | null)?.code;
}

/**
 * The file the bytes really belong to: a symlinked ~/.aws/config (dotfile managers do this) is
 * written through, not replaced by a regular file.
 */
async function resolveTarget(target: string): Promise<string> {
  try {
    return await fs.realpath(target);
  } catch (error) {
    if (errorCode(error) === 'ENOENT') return path.resolve(target);
    throw error;
  }
}

async function existingMode(target: string): Promise<number | null> {
  try {
    return (await fs.stat(target)).mode & 0o7777;
  } catch (error) {
    if (errorCode(error) === 'ENOENT') return null;
    throw error;
  }
}

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/** Windows refuses to rename over a file another process (an editor, antivirus) holds briefly. */
async function renameWithRetry(from: string, to: string): Promise<void> {
  for (let attempt = 0; ; attempt++) {
    try {
      await fs.rename(from, to);
      return;
    } catch (error) {
      const delay = RENAME_RETRY_DELAYS_MS[attempt];
      if (process.platform !== 'win32' || delay === undefined || !RENAME_RETRY_CODES.has(errorCode(error) ?? '')) {
        throw error;
      }
      await sleep(delay);
    }
  }
}

/** Makes the rename itself durable; not every platform lets a directory be opened and synced. */
async function fsyncDirectory(dir: string): Promise<void> {
  if (process.platform === 'win32') return;
  let handle: fs.FileHandle | undefined;
  try {
    handle = await fs.open(dir, 'r');
    await handle.sync();
  } catch (error) {
    if (!['EISDIR', 'EPERM', 'EINVAL', 'EACCES', 'ENOTSUP'].includes(errorCode(error) ?? '')) throw error;
  } finally {
    await handle?.close();
  }
}

/**
 * Writes `data` to `target` atomically: a temp file with an unguessable name in the same folder,
 * created 0600 and only then given its final mode, fsynced, renamed over the target, and the folder
 * fsynced. On any error the temp file is removed and the target is untouched.
 */
export async function writeFileAtomic(
  target: string,
  data: string | Uint8Array,
  options: WriteFileAtomicOptions = {},
): Promise<void> {
  const realTarget = options.followSymlinks === false ? path.resolve(target) : await resolveTarget(target);
  const dir = path.dirname(realTarget);
  const mode = options.mode ?? (await existingMode(realTarget)) ?? NEW_FILE_MODE;
  const tempPath = path.join(dir, tempPrefix(realTarget) + randomBytes(16).toString('hex'));
  let handle: fs.FileHandle | undefined;
  try {
    // 'wx': never follow or reuse something already at that name.
    handle = await fs.open(tempPath, 'wx', NEW_FILE_MODE);
    await handle.writeFile(data);
    if (process.platform !== 'win32') await handle.chmod(mode);
    await handle.sync();
    await handle.close();
    handle = undefined;
    if (options.beforeRename) renameWithRetrySync(tempPath, realTarget, options.beforeRename);
    else await renameWithRetry(tempPath, realTarget);
  } catch (error) {
    await handle?.close().catch(() => undefined);
    await fs.rm(tempPath, { force: true }).catch(() => undefined);
    throw error;
  }
  await fsyncDirectory(dir);
  // A writer killed at the rename left its temp file (a full copy of what it wrote): the next write there removes it.
  removeLeftoverTempFiles(dir);
}

function resolveTargetSync(target: string): string {
  try {
    return fsSync.realpathSync(target);
  } catch (error) {
    if (errorCode(error) === 'ENOENT') return path.resolve(target);
    throw error;
  }
}

function existingModeSync(target: string): number | null {
  try {
    return fsSync.statSync(target).mode & 0o7777;
  } catch (error) {
    if (errorCode(error) === 'ENOENT') return null;
    throw error;
  }
}

function renameWithRetrySync(from: string, to: string, beforeRename?: () => void): void {
  for (let attempt = 0; ; attempt++) {
    beforeRename?.();
    try {
      fsSync.renameSync(from, to);
      return;
    } catch (error) {
      const delay = RENAME_RETRY_DELAYS_MS[attempt];
      if (process.platform !== 'win32' || delay === undefined || !RENAME_RETRY_CODES.has(errorCode(error) ?? '')) {
        throw error;
      }
      Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, delay);
    }
  }
}

function fsyncDirectorySync(dir: string): void {
  if (process.platform === 'win32') return;
  let fd: number | undefined;
  try {
    fd = fsSync.openSync(dir, 'r');
    fsSync.fsyncSync(fd);
  } catch (error) {
    if (!['EISDIR', 'EPERM', 'EINVAL', 'EACCES', 'ENOTSUP'].includes(errorCode(error) ?? '')) throw error;
  } finally {
    if (fd !== undefined) fsSync.closeSync(fd);
  }
}

/** writeFileAtomic for callers that cannot wait: same temp names, modes, fsyncs and cleanup. */
export function writeFileAtomicSync(target: string, data: string | Uint8Array, options: WriteFileAtomicOptions = {}): void {
  const realTarget = options.followSymlinks === false ? path.resolve(target) : resolveTargetSync(target);
  const dir = path.dirname(realTarget);
  const mode = options.mode ?? existingModeSync(realTarget) ?? NEW_FILE_MODE;
  const tempPath = path.join(dir, tempPrefix(realTarget) + randomBytes(16).toString('hex'));
  let fd: number | undefined;
  try {
    fd = fsSync.openSync(tempPath, 'wx', NEW_FILE_MODE);
    fsSync.writeFileSync(fd, data);
    if (process.platform !== 'win32') fsSync.fchmodSync(fd, mode);
    fsSync.fsyncSync(fd);
    fsSync.closeSync(fd);
    fd = undefined;
    renameWithRetrySync(tempPath, realTarget, options.beforeRename);
  } catch (error) {
    if (fd !== undefined) {
      try {
        fsSync.closeSync(fd);
      } catch {
        // already failing: the first error is the one to report
      }
    }
    fsSync.rmSync(tempPath, { force: true });
    throw error;
  }
  fsyncDirectorySync(dir);
  removeLeftoverTempFiles(dir);
}

/**
 * Removes temp files a killed writer left beside `target`. They are never read by the AWS CLI or
 * SDKs (which open files by exact name), so leftovers are harmless; this only tidies up. Only
 * files older than `olderThanMs` go, so a write in progress in another process is left alone.
 * Returns the paths removed.
 */
export async function removeStaleTempFiles(
  target: string,
  options: { olderThanMs?: number; now?: number } = {},
): Promise<string[]> {
  const realTarget = await resolveTarget(target);
  const dir = path.dirname(realTarget);
  const olderThanMs = options.olderThanMs ?? 10 * 60_000;
  const now = options.now ?? Date.now();
  let names: string[];
  try {
    names = await fs.readdir(dir);
  } catch (error) {
    if (errorCode(error) === 'ENOENT') return [];
    throw error;
  }
  const removed: string[] = [];
  for (const name of names) {
    if (!isTempFileFor(realTarget, name)) continue;
    const full = path.join(dir, name);
    try {
      const stat = await fs.lstat(full);
      if (!stat.isFile() || now - stat.mtimeMs < olderThanMs) continue;
      await fs.rm(full, { force: true });
      removed.push(full);
    } catch (error) {
      if (errorCode(error) !== 'ENOENT') throw error;
    }
  }
  return removed;
}

const ANY_TEMP_FILE = new RegExp(`^\\..+${TEMP_MARKER.replace(/[.]/g, '\\.')}[0-9a-f]{32}$`);
/** A write in progress in another process is younger than this: its temp file is left alone. */
export const LEFTOVER_TEMP_AGE_MS = 10 * 60_000;

/**
 * Temp files of any target that a killed Rolekeeper writer left in `dir` (older than
 * `olderThanMs`). They can hold full copies of credentials, so they are found, reported and removed.
 */
export function findLeftoverTempFiles(dir: string, options: { olderThanMs?: number; now?: number } = {}): string[] {
  const olderThanMs = options.olderThanMs ?? LEFTOVER_TEMP_AGE_MS;
  const now = options.now ?? Date.now();
  let names: string[];
  try {
    names = fsSync.readdirSync(dir);
  } catch (error) {
    if (errorCode(error) === 'ENOENT' || errorCode(error) === 'ENOTDIR' || errorCode(error) === 'EACCES') return [];
    throw error;
  }
  const found: string[] = [];
  for (const name of names.sort()) {
    if (!ANY_TEMP_FILE.test(name)) continue;
    const full = path.join(dir, name);
    try {
      const stat = fsSync.lstatSync(full);
      if (stat.isFile() && now - stat.mtimeMs >= olderThanMs) found.push(full);
    } catch (error) {
      if (errorCode(error) !== 'ENOENT') throw error;
    }
  }
  return found;
}

/** Removes what findLeftoverTempFiles finds; returns the paths removed. */
export function removeLeftoverTempFiles(dir: string, options: { olderThanMs?: number; now?: number } = {}): string[] {
  const removed: string[] = [];
  for (const file of findLeftoverTempFiles(dir, options)) {
    try {
      fsSync.rmSync(file, { force: true });
      removed.push(file);
    } catch {
      // Reported by doctor next time; a leftover must not fail the write that found it.
    }
  }
  return removed;
}
