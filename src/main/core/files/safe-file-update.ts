// The one way Rolekeeper changes a user's file: lock, read, back up on the first edit ever,
// transform, write a temp file, make sure nobody else changed the file meanwhile, then rename it
// over the file.
import * as fsSync from 'node:fs';
import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import { removeStaleTempFiles, writeFileAtomic } from './atomic-file';
import { ensureBackup } from './file-backup';
import { withFileLock, type FileLockOptions } from './file-lock';
import { unifiedDiff } from './unified-diff';
import { looksLikeKey } from '../aws-config/ini-parser';
import { RolekeeperError } from '../model/rolekeeper-error';

/** Gets the file's current text (null when it does not exist) and returns the text it should have. */
export type FileTransform = (currentText: string | null) => string | Promise<string>;

interface CommonUpdateOptions {
  /** Compute the change and return its diff without writing, backing up or cleaning anything. */
  dryRun?: boolean;
  /** How often to re-read and re-apply when another writer changed the file meanwhile. Default 5. */
  maxAttempts?: number;
  /**
   * Look at the file again this long after the rename. A writer that takes no lock (the AWS CLI's
   * `configure set` reads the file, then rewrites it in place) and read the file just before the
   * rename writes its stale copy back just after it, undoing the change: when the file then no
   * longer holds the change, it is applied again (within `maxAttempts`). Only for transforms that
   * return their input unchanged when their change is already there. The file the rename replaced
   * is held open meanwhile: a writer that opened it before the rename and wrote after wrote into
   * that unlinked copy, and its edit is carried into the next attempt instead of being lost.
   * Default: no second look.
   */
  reapplyIfUndoneWithinMs?: number;
  /** Mode for a file that does not exist yet. Default 0600. */
  createMode?: number;
  /** Name in the diff header. Default: the path. */
  diffLabel?: string;
  lock?: FileLockOptions;
}

/**
 * A user's file (~/.aws/config, credentials) is backed up before Rolekeeper's first edit: give
 * Rolekeeper's data folder (`rolekeeperDataDir`), where the backup marker lives. Rolekeeper's own
 * files opt out with `backup: false`.
 */
export type UpdateFileOptions = CommonUpdateOptions & ({ backup?: true; dataDir: string } | { backup: false; dataDir?: string });

export interface UpdateFileResult {
  /** Whether the transform changed the text. */
  changed: boolean;
  /** Whether the file was written (false for dry runs and no-op transforms). */
  written: boolean;
  /** Unified diff of the change, secret values masked; '' when nothing changed. */
  diff: string;
  /** The backup copy made before this edit, when this was Rolekeeper's first edit of the file. */
  backupPath: string | null;
  /** Reads of the file it took (more than 1 when someone else wrote to it meanwhile). */
  attempts: number;
}

export class ConcurrentModificationError extends RolekeeperError {
  constructor(readonly file: string, attempts: number, undone = false) {
    super(
      undone
        ? `${file} kept being rewritten by another program right after Rolekeeper updated it (${attempts} attempts); Rolekeeper's change is not in it. Try again.`
        : `${file} kept changing while Rolekeeper tried to update it (${attempts} attempts); nothing was written. Try again.`,
      'file-changed',
      null,
      null,
    );
    this.name = 'ConcurrentModificationError';
  }
}

export class UnsupportedFileError extends RolekeeperError {
  constructor(readonly file: string, reason: string) {
    super(`${file}: ${reason}; Rolekeeper will not edit it.`, 'unsupported-file', null, null);
    this.name = 'UnsupportedFileError';
  }
}

interface Snapshot {
  bytes: Buffer | null;
  ino: number;
  size: number;
  mtimeMs: number;
}

const SECRET_KEY_LINE = /^(\s*(?:aws_secret_access_key|aws_session_token|aws_security_token)\s*[=:]\s*)(\S.*)$/i;
const SECRET_KEY_START = /^(\s*)(?:aws_secret_access_key|aws_session_token|aws_security_token)\s*[=:]/i;

/** Masks the value of secret keys in a diff line (`-`/`+`/` ` prefix kept). */
export function redactSecretLine(line: string): string {
  const m = SECRET_KEY_LINE.exec(line);
  return m ? `${m[1]}****` : line;
}

function indentOf(line: string): number {
  return /^\s*/.exec(line)![0].length;
}

/** An unindented line after a secret that is no `key = value` but a wrapped piece of the token. */
function looksLikeWrappedToken(line: string): boolean {
  const delimiter = line.search(/[=:]/);
  if (delimiter < 0) return true;
  const key = line.slice(0, delimiter).trim();
  const value = line.slice(delimiter + 1).trim();
  return !looksLikeKey(key) || (!key.includes('_') && /^=*$/.test(value));
}

/**
 * Masks secret values in a whole file's lines, as the diff prints them: the value on a secret key's
 * line, and the lines that continue it (botocore joins indented lines to the value above; a token
 * wrapped onto unindented lines is masked too), up to the next key or section header.
 */
export function redactSecretLines(lines: readonly string[]): string[] {
  let secretIndent: number | null = null;
  return lines.map((line) => {
    const trimmed = line.trim();
    if (trimmed === '') return line;
    const indent = indentOf(line);
    if (secretIndent !== null && indent > secretIndent) return `${line.slice(0, indent)}****`;
    if (SECRET_KEY_START.test(line)) {
      secretIndent = indent;
      return redactSecretLine(line);
    }
    if (trimmed.startsWith('#') || trimmed.startsWith(';')) return line;
    if (secretIndent !== null && !trimmed.startsWith('[') && looksLikeWrappedToken(trimmed)) return `${line.slice(0, indent)}****`;
    secretIndent = null;
    return line;
  });
}

function errorCode(error: unknown): string | undefined {
  return (error as NodeJS.ErrnoException | null)?.code;
}

async function snapshot(file: string): Promise<Snapshot> {
  try {
    const [bytes, stat] = await Promise.all([fs.readFile(file), fs.stat(file)]);
    return { bytes, ino: stat.ino, size: stat.size, mtimeMs: stat.mtimeMs };
  } catch (error) {
    if (errorCode(error) === 'ENOENT') return { bytes: null, ino: 0, size: 0, mtimeMs: 0 };
    throw error;
  }
}

/** Synchronous, so that nothing else runs between this look at the file and the rename after it. */
function snapshotSync(file: string): Snapshot {
  try {
    const stat = fsSync.statSync(file);
    return { bytes: fsSync.readFileSync(file), ino: stat.ino, size: stat.size, mtimeMs: stat.mtimeMs };
  } catch (error) {
    if (errorCode(error) === 'ENOENT') return { bytes: null, ino: 0, size: 0, mtimeMs: 0 };
    throw error;
  }
}

/** How long a read must stay unchanged before an edit is built on it, when lock-less writers are expected. */
const STABLE_READ_MS = 20;
/** A file emptied this recently is taken for one being rewritten in place, not for an empty file. */
const JUST_TRUNCATED_MS = 1000;
/** How long to wait at most for such a file to be written again. */
const TRUNCATED_WAIT_MS = 3000;

/**
 * A lock-less writer that rewrites in place (`aws configure set`: open with truncate, then write)
 * leaves the file empty for a moment. An edit built on that empty read would drop every other
 * profile: wait until the file holds content again, or has stayed empty long enough to be meant.
 */
async function readUnlessBeingRewritten(file: string, now: () => number = Date.now): Promise<Snapshot> {
  const deadline = now() + TRUNCATED_WAIT_MS;
  for (;;) {
    const read = await snapshot(file);
    const justEmptied = read.bytes !== null && read.bytes.length === 0 && now() - read.mtimeMs < JUST_TRUNCATED_MS;
    if (!justEmptied || now() >= deadline) return read;
    await new Promise<void>((resolve) => setTimeout(resolve, STABLE_READ_MS));
  }
}

/** Thrown by the check right before the rename: another writer changed the file since it was read. */
class ChangedBeforeRename extends Error {}

function sameSnapshot(a: Snapshot, b: Snapshot): boolean {
  if (a.bytes === null || b.bytes === null) return a.bytes === b.bytes;
  return a.ino === b.ino && a.size === b.size && a.mtimeMs === b.mtimeMs && a.bytes.equals(b.bytes);
}

function decode(file: string, bytes: Buffer): string {
  const text = bytes.toString('utf8');
  // Editing text that does not round-trip would silently change bytes we were told to keep.
  if (!Buffer.from(text, 'utf8').equals(bytes)) throw new UnsupportedFileError(file, 'it is not valid UTF-8');
  return text;
}

/** Whether the file no longer holds the change `transform` makes (someone wrote a stale copy back). */
async function changeUndone(file: string, written: string, transform: FileTransform): Promise<boolean> {
  const now = await readUnlessBeingRewritten(file);
  if (now.bytes !== null && now.bytes.equals(Buffer.from(written, 'utf8'))) return false;
  const text = now.bytes === null ? null : decode(file, now.bytes);
  return (await transform(text)) !== (text ?? '');
}

/**
 * The file our rename replaced, held open: a writer that opened it before the rename and wrote
 * after (the AWS CLI rewrites in place) wrote into this unlinked copy, and its edit would be lost.
 */
class ReplacedFile {
  private constructor(private readonly fd: number, private readonly before: Snapshot) {}

  static open(file: string, before: Snapshot): ReplacedFile | null {
    if (before.bytes === null) return null;
    try {
      return new ReplacedFile(fsSync.openSync(file, 'r'), before);
    } catch {
      return null;
    }
  }

  /** The replaced copy's text when someone wrote to it after we read it; null when nobody did. */
  writtenSince(file: string): string | null {
    const stat = fsSync.fstatSync(this.fd);
    if (stat.size === this.before.size && stat.mtimeMs === this.before.mtimeMs) return null;
    const bytes = Buffer.alloc(stat.size);
    const read = fsSync.readSync(this.fd, bytes, 0, stat.size, 0);
    const text = decode(file, bytes.subarray(0, read));
    return text === decode(file, this.before.bytes as Buffer) ? null : text;
  }

  close(): void {
    fsSync.closeSync(this.fd);
  }
}

/**
 * Updates `file` to `transform(currentText)` safely: under a cross-process lock; backed up before
 * Rolekeeper's first edit ever (unless `backup: false`); re-read and re-transformed (up to `maxAttempts` times) when another
 * writer changed the file between the read and the rename (checked once more right before the
 * rename, after the temp file is written and fsynced), so their edit is not overwritten;
 * written atomically with the file's permissions kept. A transform that returns the same text
 * (or '' for a missing file) writes nothing. With `dryRun`, only the diff is returned.
 */
export async function updateFile(file: string, transform: FileTransform, options: UpdateFileOptions): Promise<UpdateFileResult> {
  const maxAttempts = options.maxAttempts ?? 5;
  const label = options.diffLabel ?? file;
  const run = async (): Promise<UpdateFileResult> => {
    let backupPath: string | null = null;
    let undone = false;
    /** An edit that landed in the file our rename replaced: the next attempt builds on it. */
    let lostEdit: string | null = null;
    const expectLockLessWriters = options.reapplyIfUndoneWithinMs !== undefined;
    for (let attempt = 1; attempt <= maxAttempts; attempt++) {
      const before = expectLockLessWriters ? await readUnlessBeingRewritten(file) : await snapshot(file);
      // A writer that rewrites in place (truncate, then write) may be half-way: a read is only
      // trusted when a second look a moment later sees the same file.
      if (expectLockLessWriters && lostEdit === null) {
        await new Promise<void>((resolve) => setTimeout(resolve, STABLE_READ_MS));
        if (!sameSnapshot(before, await snapshot(file))) continue;
      }
      const current = lostEdit ?? (before.bytes === null ? null : decode(file, before.bytes));
      lostEdit = null;
      const text = current ?? '';
      const next = await transform(current);
      const diff = next === text ? '' : unifiedDiff(text, next, label, { redactLines: redactSecretLines });
      if (next === text || options.dryRun) {
        return { changed: next !== text, written: false, diff, backupPath: null, attempts: attempt };
      }
      const backup =
        options.backup === false ? null : await ensureBackup(file, { dataDir: options.dataDir, lock: options.lock });
      if (!sameSnapshot(before, await snapshot(file))) continue;
      const watchReplaced = options.reapplyIfUndoneWithinMs !== undefined;
      let replaced: ReplacedFile | null = null;
      try {
        await writeFileAtomic(file, next, {
          ...(before.bytes === null ? { mode: options.createMode ?? 0o600 } : {}),
          // The last look, after the temp file is written and fsynced, right before the rename: an
          // edit another writer made since our read shows here, and the change is re-applied to it.
          beforeRename: () => {
            if (!sameSnapshot(before, snapshotSync(file))) throw new ChangedBeforeRename();
            if (watchReplaced) replaced ??= ReplacedFile.open(file, before);
          },
        });
      } catch (error) {
        (replaced as ReplacedFile | null)?.close();
        if (error instanceof ChangedBeforeRename) continue;
        throw error;
      }
      await removeStaleTempFiles(file).catch(() => undefined);
      backupPath ??= backup?.created ?? null;
      if (options.reapplyIfUndoneWithinMs !== undefined) {
        await new Promise<void>((resolve) => setTimeout(resolve, options.reapplyIfUndoneWithinMs));
        const held = replaced as ReplacedFile | null;
        try {
          lostEdit = held?.writtenSince(file) ?? null;
        } finally {
          held?.close();
        }
        undone = lostEdit !== null || (await changeUndone(file, next, transform));
        if (undone) continue;
      }
      return { changed: true, written: true, diff, backupPath, attempts: attempt };
    }
    throw new ConcurrentModificationError(file, maxAttempts, undone);
  };
  // A dry run changes nothing, so it needs no lock (and must not leave one behind).
  if (options.dryRun) return run();
  await fs.mkdir(path.dirname(file), { recursive: true, mode: 0o700 });
  return withFileLock(file, run, options.lock);
}
