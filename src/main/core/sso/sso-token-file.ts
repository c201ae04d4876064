// The SSO token file the AWS CLI shares (~/.aws/sso/cache/<sha1>.json), read and written in full:
// the CLI's file name, JSON keys, key order and serialisation (Python json.dumps defaults, one
// line, no trailing newline, `YYYY-MM-DDTHH:MM:SSZ`), so `aws sso login` and Rolekeeper each use
// what the other wrote. Writes are locked, atomic, 0600 and never follow a symlink.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { pythonJsonDumps } from '../caches/cli-cache-key';
import { parseCacheExpiration } from '../caches/cli-cache';
import { ssoTokenFilePath, type SsoTokenSource } from '../caches/sso-cache';
import { writeFileAtomic } from '../files/atomic-file';
import { withFileLock } from '../files/file-lock';
import { isoSeconds } from '../../../shared/duration';
import { english, phrase, say, type MessageKey, type Phrase } from '../../../shared/i18n';

/** Everything the file holds. Secrets: accessToken, clientSecret, refreshToken — never print them. */
export interface SsoTokenRecord {
  startUrl: string | null;
  region: string | null;
  accessToken: string;
  expiresAt: Date;
  clientId: string | null;
  clientSecret: string | null;
  registrationExpiresAt: Date | null;
  refreshToken: string | null;
}

export type SsoTokenFileRead =
  | { status: 'missing'; file: string }
  | { status: 'invalid'; file: string; message: string; wording: Phrase }
  | { status: 'ok'; file: string; record: SsoTokenRecord };

function stringOrNull(value: unknown): string | null {
  return typeof value === 'string' && value !== '' ? value : null;
}

/** Accepts what every writer produces: `…Z` (CLI), milliseconds (JS SDK), `+00:00`, and the old `…UTC`. */
function parseTokenTime(value: unknown): Date | null {
  return typeof value === 'string' ? parseCacheExpiration(value) : null;
}

/** An unusable file, why in English (`message`) and as a phrase. */
function invalid(file: string, key: MessageKey, params: Record<string, string> = {}): SsoTokenFileRead {
  const wording = phrase(key, { file, ...params });
  return { status: 'invalid', file, message: say(english, wording), wording };
}

export function parseSsoTokenText(file: string, text: string): SsoTokenFileRead {
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    return invalid(file, 'sso.tokenFile.notJson');
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) return invalid(file, 'sso.tokenFile.notObject');
  const json = parsed as Record<string, unknown>;
  const accessToken = stringOrNull(json.accessToken);
  const expiresAt = parseTokenTime(json.expiresAt);
  if (!accessToken || typeof json.expiresAt !== 'string') return invalid(file, 'sso.tokenFile.incomplete');
  if (!expiresAt) return invalid(file, 'sso.tokenFile.badTime');
  return {
    status: 'ok',
    file,
    record: {
      startUrl: stringOrNull(json.startUrl),
      region: stringOrNull(json.region),
      accessToken,
      expiresAt,
      clientId: stringOrNull(json.clientId),
      clientSecret: stringOrNull(json.clientSecret),
      registrationExpiresAt: parseTokenTime(json.registrationExpiresAt),
      refreshToken: stringOrNull(json.refreshToken),
    },
  };
}

export function readSsoTokenFile(ssoCacheDir: string, source: SsoTokenSource): SsoTokenFileRead {
  const file = ssoTokenFilePath(ssoCacheDir, source);
  let text: string;
  try {
    if (fs.lstatSync(file).isSymbolicLink()) return invalid(file, 'sso.tokenFile.symlink');
    text = fs.readFileSync(file, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') return { status: 'missing', file };
    return invalid(file, 'sso.tokenFile.unreadable', { code: code ?? 'error' });
  }
  return parseSsoTokenText(file, text);
}

/** The bytes the AWS CLI writes for this token: its key order, optional keys only when present. */
export function ssoTokenFileContent(record: SsoTokenRecord): string {
  const json: Record<string, string> = {};
  if (record.startUrl !== null) json.startUrl = record.startUrl;
  if (record.region !== null) json.region = record.region;
  json.accessToken = record.accessToken;
  json.expiresAt = isoSeconds(record.expiresAt);
  if (record.clientId !== null) json.clientId = record.clientId;
  if (record.clientSecret !== null) json.clientSecret = record.clientSecret;
  if (record.registrationExpiresAt !== null) json.registrationExpiresAt = isoSeconds(record.registrationExpiresAt);
  if (record.refreshToken !== null) json.refreshToken = record.refreshToken;
  return pythonJsonDumps(json);
}

/** Creates the folder 0700 (the CLI leaves it 0777 minus umask); an existing folder keeps its mode. */
export function ensurePrivateDir(dir: string): void {
  fs.mkdirSync(dir, { recursive: true, mode: 0o700 });
}

export async function writeSsoTokenFile(ssoCacheDir: string, source: SsoTokenSource, record: SsoTokenRecord): Promise<string> {
  const file = ssoTokenFilePath(ssoCacheDir, source);
  ensurePrivateDir(path.dirname(file));
  await withFileLock(file, () => writeFileAtomic(file, ssoTokenFileContent(record), { mode: 0o600, followSymlinks: false }));
  return file;
}

/**
 * Runs `update` on the current file under the file's lock and writes what it returns (null: write
 * nothing), so two Rolekeeper processes never renew the same session twice.
 */
export async function updateSsoTokenFile<T>(
  ssoCacheDir: string,
  source: SsoTokenSource,
  update: (current: SsoTokenFileRead) => Promise<{ write: SsoTokenRecord | null; result: T }>,
): Promise<T> {
  const file = ssoTokenFilePath(ssoCacheDir, source);
  ensurePrivateDir(path.dirname(file));
  return withFileLock(
    file,
    async () => {
      const { write, result } = await update(readSsoTokenFile(ssoCacheDir, source));
      if (write) await writeFileAtomic(file, ssoTokenFileContent(write), { mode: 0o600, followSymlinks: false });
      return result;
    },
    { timeoutMs: 30_000 },
  );
}
