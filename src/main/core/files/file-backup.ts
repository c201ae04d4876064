// One backup copy of each file before the first edit Rolekeeper ever makes to it, so a user can
// always get back the ~/.aws/config or credentials they had before installing Rolekeeper.
//
// The copy sits beside the file (`config.rolekeeper-backup-<UTC time>-<random>`, 0600, never
// overwritten) where the user will find it. Which files have been backed up is remembered in
// `<rolekeeperDataDir>/file-backups.json`, so later edits make no more copies, even if the user
// deletes the copy.
import { randomBytes } from 'node:crypto';
import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import { writeFileAtomic } from './atomic-file';
import { withFileLock, type FileLockOptions } from './file-lock';

export interface BackupRecord {
  /** The backup copy's path; null when the file did not exist before Rolekeeper's first edit. */
  backup: string | null;
  /** ISO time of the first edit */
  at: string;
}

interface BackupMarker {
  version: 1;
  files: Record<string, BackupRecord>;
}

export interface BackupOptions {
  /** Rolekeeper's data folder (`rolekeeperDataDir`), where the marker lives. */
  dataDir: string;
  now?: () => Date;
  lock?: FileLockOptions;
}

export interface BackupResult {
  /** The copy made now; null when none was needed (already backed up, or no file yet). */
  created: string | null;
  record: BackupRecord;
}

export const BACKUP_MARKER_FILE = 'file-backups.json';

export function backupMarkerPath(dataDir: string): string {
  return path.join(dataDir, BACKUP_MARKER_FILE);
}

function errorCode(error: unknown): string | undefined {
  return (error as NodeJS.ErrnoException | null)?.code;
}

/** The key a file is remembered under: its real absolute path, so a symlink and its target agree. */
async function fileKey(file: string): Promise<string> {
  try {
    return await fs.realpath(file);
  } catch (error) {
    if (errorCode(error) === 'ENOENT') return path.resolve(file);
    throw error;
  }
}

async function readMarker(markerFile: string): Promise<BackupMarker> {
  let text: string;
  try {
    text = await fs.readFile(markerFile, 'utf8');
  } catch (error) {
    if (errorCode(error) === 'ENOENT') return { version: 1, files: {} };
    throw error;
  }
  try {
    const parsed = JSON.parse(text) as Partial<BackupMarker>;
    if (parsed && typeof parsed.files === 'object' && parsed.files !== null) {
      return { version: 1, files: parsed.files };
    }
  } catch {
    // fall through
  }
  throw new Error(`${markerFile} is not a valid Rolekeeper backup marker; fix or delete it.`);
}

function backupName(file: string, now: Date): string {
  const stamp = now.toISOString().replace(/[-:]/g, '').replace(/\.\d+Z$/, 'Z');
  return `${path.basename(file)}.rolekeeper-backup-${stamp}-${randomBytes(4).toString('hex')}`;
}

/** Copies the file's bytes to a fresh name (O_EXCL: never overwrites anything), 0600, fsynced. */
async function copyToNewFile(source: string, dir: string, name: () => string): Promise<string | null> {
  let bytes: Buffer;
  try {
    bytes = await fs.readFile(source);
  } catch (error) {
    if (errorCode(error) === 'ENOENT') return null;
    throw error;
  }
  for (let attempt = 0; ; attempt++) {
    const target = path.join(dir, name());
    let handle: fs.FileHandle;
    try {
      handle = await fs.open(target, 'wx', 0o600);
    } catch (error) {
      if (errorCode(error) === 'EEXIST' && attempt < 5) continue;
      throw error;
    }
    try {
      await handle.writeFile(bytes);
      if (process.platform !== 'win32') await handle.chmod(0o600);
      await handle.sync();
    } finally {
      await handle.close();
    }
    return target;
  }
}

/** What the marker remembers about `file`, or null when Rolekeeper has never edited it. */
export async function backupRecordFor(file: string, dataDir: string): Promise<BackupRecord | null> {
  const marker = await readMarker(backupMarkerPath(dataDir));
  return marker.files[await fileKey(file)] ?? null;
}

/**
 * Call before editing `file`: the first time ever, copies it to a new backup beside it and records
 * that; every later time it does nothing. A file that does not exist yet is recorded with no copy.
 */
export async function ensureBackup(file: string, options: BackupOptions): Promise<BackupResult> {
  const markerFile = backupMarkerPath(options.dataDir);
  const key = await fileKey(file);
  const now = options.now ?? (() => new Date());
  await fs.mkdir(options.dataDir, { recursive: true, mode: 0o700 });
  return withFileLock(
    markerFile,
    async () => {
      const marker = await readMarker(markerFile);
      const known = marker.files[key];
      if (known) return { created: null, record: known };
      const at = now();
      const created = await copyToNewFile(key, path.dirname(key), () => backupName(key, at));
      const record: BackupRecord = { backup: created, at: at.toISOString() };
      marker.files[key] = record;
      await writeFileAtomic(markerFile, `${JSON.stringify(marker, null, 2)}\n`, { mode: 0o600 });
      return { created, record };
    },
    options.lock,
  );
}
