// The AWS CLI's JSON credential cache (~/.aws/cli/cache): reading every entry, mapping entries
// back to profiles through the CLI's own cache key, and writing entries the CLI will use.
import { english, phrase, say, type Phrase } from '../../../shared/i18n';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { removeLeftoverTempFiles, writeFileAtomic } from '../files/atomic-file';
import type { AwsPaths } from '../model/aws-environment';
import {
  assumeRoleCacheKey,
  pythonJsonDumps,
  roleCacheParamsFromSettings,
  type AssumeRoleCacheParams,
  type PythonJsonValue,
} from './cli-cache-key';
import type { ResolvedProfile } from '../aws-config/profile-model';
import type { AwsCredentials } from '../model/credentials';
import { ssoRoleCacheKey, type SsoRoleCacheParams } from './sso-cache';
import { isoSeconds } from '../../../shared/duration';

export interface CliCacheCredentials {
  accessKeyId: string;
  secretAccessKey: string;
  sessionToken: string;
  expiration: Date;
  /** The Expiration string exactly as stored (its format tells which CLI wrote it). */
  expirationRaw: string;
  accountId: string | null;
}

export interface CliCacheEntry {
  file: string;
  /** The file name without `.json`: the cache key the CLI looks it up by. */
  key: string;
  /** `sso` for CLI v2 SSO role credentials (`ProviderType: sso`), else assume-role/web-identity. */
  kind: 'assume-role' | 'sso';
  credentials: CliCacheCredentials;
  /** `AssumedRoleUser.Arn` when present. */
  assumedRoleArn: string | null;
  modifiedAt: Date;
}

/** An entry the CLI cannot use (or would crash on). The message never holds a secret. */
export interface CliCacheProblem {
  file: string;
  message: string;
  /** The message as a phrase (`{file}: …`) where it has one, for the user's language. */
  wording?: Phrase;
}

export interface CliCacheScan {
  dir: string;
  entries: CliCacheEntry[];
  problems: CliCacheProblem[];
}

const TIMESTAMP =
  /^(\d{4})-(\d{2})-(\d{2})[T ](\d{2}):(\d{2}):(\d{2})(?:[.,](\d+))?\s*(Z|z|UTC|GMT|[+-]\d{2}(?::?\d{2})?)?$/;

/**
 * Parses every Expiration format the CLIs write: `…Z` (v1, STS's wire text), `…+00:00` (v2),
 * `…UTC` (boto3's JSONFileCache), with or without fractional seconds. Returns null for anything
 * else, including a timestamp without zone, on which botocore's CachedCredentialFetcher._is_expired
 * raises a TypeError (it compares with an aware datetime).
 */
export function parseCacheExpiration(raw: string): Date | null {
  const match = TIMESTAMP.exec(raw.trim());
  if (!match) return null;
  const [, year, month, day, hour, minute, second, fraction, zone] = match;
  if (zone === undefined) return null;
  const millis = fraction ? Math.floor(Number(`0.${fraction}`) * 1000) : 0;
  let offsetMinutes = 0;
  if (zone.startsWith('+') || zone.startsWith('-')) {
    const digits = zone.slice(1).replace(':', '');
    offsetMinutes = Number(digits.slice(0, 2)) * 60 + Number(digits.slice(2) || '0');
    if (zone.startsWith('-')) offsetMinutes = -offsetMinutes;
  }
  const fields = [year, month, day, hour, minute, second].map(Number);
  const utc = Date.UTC(fields[0], fields[1] - 1, fields[2], fields[3], fields[4], fields[5], millis);
  const check = new Date(Date.UTC(fields[0], fields[1] - 1, fields[2]));
  if (check.getUTCMonth() !== fields[1] - 1 || fields[3] > 23 || fields[4] > 59 || fields[5] > 60) return null;
  return new Date(utc - offsetMinutes * 60_000);
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Parses one cache file's text; `file` is only used to name it in problems. */
export function parseCliCacheEntry(file: string, text: string, modifiedAt = new Date(0)): CliCacheEntry | CliCacheProblem {
  const problem = (words: Phrase): CliCacheProblem => {
    const wording = phrase('doctor.at', { at: file, text: words });
    return { file, message: say(english, wording), wording };
  };
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    return problem(phrase('doctor.cliCache.notJson'));
  }
  if (!isRecord(parsed)) return problem(phrase('doctor.cliCache.notObject'));
  const credentials = parsed.Credentials;
  if (!isRecord(credentials)) return problem(phrase('doctor.cliCache.noCredentials'));
  const missing = ['AccessKeyId', 'SecretAccessKey', 'SessionToken', 'Expiration'].filter(
    (name) => typeof credentials[name] !== 'string' || credentials[name] === '',
  );
  if (missing.length > 0) return problem(phrase('doctor.cliCache.lacks', { fields: missing.join(', ') }));
  const expirationRaw = credentials.Expiration as string;
  const expiration = parseCacheExpiration(expirationRaw);
  if (!expiration) {
    return problem(phrase('doctor.cliCache.expirationInvalid', { value: JSON.stringify(expirationRaw) }));
  }
  const assumedRoleUser = isRecord(parsed.AssumedRoleUser) ? parsed.AssumedRoleUser : null;
  const assumedRoleArn = typeof assumedRoleUser?.Arn === 'string' ? assumedRoleUser.Arn : null;
  const accountId =
    typeof credentials.AccountId === 'string' ? credentials.AccountId : accountIdFromArn(assumedRoleArn);
  return {
    file,
    key: path.basename(file).replace(/\.json$/, ''),
    kind: parsed.ProviderType === 'sso' ? 'sso' : 'assume-role',
    credentials: {
      accessKeyId: credentials.AccessKeyId as string,
      secretAccessKey: credentials.SecretAccessKey as string,
      sessionToken: credentials.SessionToken as string,
      expiration,
      expirationRaw,
      accountId,
    },
    assumedRoleArn,
    modifiedAt,
  };
}

export function isCacheProblem(value: CliCacheEntry | CliCacheProblem): value is CliCacheProblem {
  return 'message' in value;
}

function accountIdFromArn(arn: string | null): string | null {
  const account = arn?.split(':')[4];
  return account && /^\d{12}$/.test(account) ? account : null;
}

/**
 * Reads every `*.json` regular file directly in the cache folder. A missing folder is an empty
 * cache; an unreadable or broken entry is a problem naming its file, never an exception.
 */
export function readCliCache(cacheDir: string): CliCacheScan {
  const scan: CliCacheScan = { dir: cacheDir, entries: [], problems: [] };
  let names: string[];
  try {
    names = fs.readdirSync(cacheDir);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code !== 'ENOENT') scan.problems.push({ file: cacheDir, message: `${cacheDir}: cannot be read (${code ?? 'error'})` });
    return scan;
  }
  for (const name of names.filter((n) => n.endsWith('.json')).sort()) {
    const read = readCacheFile(path.join(cacheDir, name));
    if (read === null) continue;
    if (isCacheProblem(read)) scan.problems.push(read);
    else scan.entries.push(read);
  }
  return scan;
}

/** One entry file; null when it is not a regular file (a folder, or missing). */
function readCacheFile(file: string): CliCacheEntry | CliCacheProblem | null {
  try {
    const stat = fs.lstatSync(file);
    if (stat.isSymbolicLink()) return { file, message: `${file}: is a symbolic link, not a cache entry the CLI wrote` };
    if (!stat.isFile()) return null;
    return parseCliCacheEntry(file, fs.readFileSync(file, 'utf8'), stat.mtime);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') return null;
    return { file, message: `${file}: cannot be read (${code ?? 'error'})` };
  }
}

/**
 * The entry file the AWS CLI would look up under `key`: the entry, a problem naming the file (the
 * CLI fails on a broken one), or null when there is no such file.
 */
export function readCliCacheEntry(cacheDir: string, key: string): CliCacheEntry | CliCacheProblem | null {
  return readCacheFile(path.join(cacheDir, `${key}.json`));
}

/** The usable entry the AWS CLI would look up for this profile, if there is one. */
export function findCliCacheEntry(profile: ResolvedProfile, cacheDir: string): CliCacheEntry | undefined {
  const key = cacheKeyForProfile(profile);
  if (!key) return undefined;
  const read = readCacheFile(path.join(cacheDir, `${key}.json`));
  return read && !isCacheProblem(read) ? read : undefined;
}

export function toAwsCredentials(entry: CliCacheEntry): AwsCredentials {
  const { accessKeyId, secretAccessKey, sessionToken, expiration, accountId } = entry.credentials;
  return { accessKeyId, secretAccessKey, sessionToken, expiration, ...(accountId ? { accountId } : {}) };
}

/** A profile and the cache key the CLI would use for it (see cli-cache-key.ts, sso-cache.ts). */
export interface CacheCandidate {
  profile: string;
  key: string;
}

/**
 * The cache key the CLI would use for a profile: assume-role (and web identity) from its role
 * settings, CLI v2's SSO role credentials from sso_account_id / sso_role_name and sso_session or
 * sso_start_url. Null for types the CLI does not cache, or when a needed setting is missing.
 */
export function cacheKeyForProfile(profile: ResolvedProfile): string | null {
  if (profile.type === 'role') {
    const params = roleCacheParamsFromSettings(profile.role);
    return params ? assumeRoleCacheKey(params) : null;
  }
  if (profile.type === 'web-identity' && profile.role.roleArn) {
    // botocore AssumeRoleWithWebIdentityCredentialFetcher keys its cache on these two settings only.
    return assumeRoleCacheKey({
      roleArn: profile.role.roleArn.value,
      roleSessionName: profile.role.roleSessionName?.value ?? null,
    });
  }
  if (profile.type === 'sso') {
    const accountId = profile.values.get('sso_account_id')?.value;
    const roleName = profile.values.get('sso_role_name')?.value;
    const sessionName = profile.values.get('sso_session')?.value ?? null;
    const startUrl = profile.values.get('sso_start_url')?.value ?? null;
    // botocore needs the settings present, not non-empty: `sso_role_name =` still gets a key.
    if (accountId === undefined || roleName === undefined || (sessionName === null && startUrl === null)) return null;
    return ssoRoleCacheKey({ accountId, roleName, sessionName, startUrl });
  }
  return null;
}

export function cacheCandidatesForProfiles(profiles: readonly ResolvedProfile[]): CacheCandidate[] {
  const candidates: CacheCandidate[] = [];
  for (const profile of profiles) {
    const key = cacheKeyForProfile(profile);
    if (key) candidates.push({ profile: profile.name, key });
  }
  return candidates;
}

export interface CacheMapping {
  /** Profile name → its entry. Several profiles may share one entry (same role and arguments). */
  byProfile: Map<string, CliCacheEntry>;
  /** Entry file → the profiles that would read it. */
  profilesByFile: Map<string, string[]>;
  /** Entries no candidate profile would read (old settings, deleted profiles, other tools). */
  orphans: CliCacheEntry[];
}

export function mapCacheEntriesToProfiles(entries: readonly CliCacheEntry[], candidates: readonly CacheCandidate[]): CacheMapping {
  const profilesByKey = new Map<string, string[]>();
  for (const candidate of candidates) {
    const list = profilesByKey.get(candidate.key) ?? [];
    list.push(candidate.profile);
    profilesByKey.set(candidate.key, list);
  }
  const mapping: CacheMapping = { byProfile: new Map(), profilesByFile: new Map(), orphans: [] };
  for (const entry of entries) {
    const profiles = profilesByKey.get(entry.key);
    if (!profiles) {
      mapping.orphans.push(entry);
      continue;
    }
    mapping.profilesByFile.set(entry.file, [...profiles]);
    for (const profile of profiles) mapping.byProfile.set(profile, entry);
  }
  return mapping;
}

/** The parts of an STS AssumeRole result the cache keeps; the SDK's AssumeRoleCommandOutput fits. */
export interface StsAssumeRoleResult {
  Credentials?: {
    AccessKeyId?: string;
    SecretAccessKey?: string;
    SessionToken?: string;
    Expiration?: Date | string;
    AccountId?: string;
  };
  AssumedRoleUser?: { AssumedRoleId?: string; Arn?: string };
  PackedPolicySize?: number;
  SourceIdentity?: string;
}

/** `2024-05-06T07:08:09Z`: STS's wire format, which CLI v1 stores; sub-seconds dropped (earlier is safe). */
export function formatCacheExpiration(date: Date): string {
  return isoSeconds(date);
}

/** The file content botocore's CachedCredentialFetcher writes for an AssumeRole response (via JSONFileCache). */
export function cliCacheEntryContent(stsResponse: StsAssumeRoleResult): string {
  const creds = stsResponse.Credentials;
  if (!creds?.AccessKeyId || !creds.SecretAccessKey || !creds.SessionToken || !creds.Expiration) {
    throw new Error('The STS response lacks AccessKeyId, SecretAccessKey, SessionToken or Expiration');
  }
  const expiration = typeof creds.Expiration === 'string' ? parseCacheExpiration(creds.Expiration) : creds.Expiration;
  if (!expiration || Number.isNaN(expiration.getTime())) {
    throw new Error('The STS response has an Expiration without a valid time and zone');
  }
  const accountId = creds.AccountId ?? accountIdFromArn(stsResponse.AssumedRoleUser?.Arn ?? null) ?? undefined;
  const content: Record<string, PythonJsonValue | undefined> = {
    Credentials: {
      AccessKeyId: creds.AccessKeyId,
      SecretAccessKey: creds.SecretAccessKey,
      SessionToken: creds.SessionToken,
      Expiration: formatCacheExpiration(expiration),
      AccountId: accountId,
    },
  };
  const user = stsResponse.AssumedRoleUser;
  if (user?.Arn || user?.AssumedRoleId) content.AssumedRoleUser = { AssumedRoleId: user.AssumedRoleId, Arn: user.Arn };
  if (stsResponse.PackedPolicySize !== undefined) content.PackedPolicySize = stsResponse.PackedPolicySize;
  if (stsResponse.SourceIdentity !== undefined) content.SourceIdentity = stsResponse.SourceIdentity;
  return pythonJsonDumps(content);
}

/**
 * Writes the entry the AWS CLI would look up for these role settings; returns the file path.
 * The key comes from the profile's configured settings, not from what was sent to STS.
 */
export async function writeCliCacheEntry(
  paths: Pick<AwsPaths, 'cliCacheDir'>,
  roleParams: AssumeRoleCacheParams,
  stsResponse: StsAssumeRoleResult,
): Promise<string> {
  const content = cliCacheEntryContent(stsResponse);
  fs.mkdirSync(paths.cliCacheDir, { recursive: true, mode: 0o700 });
  const file = path.join(paths.cliCacheDir, `${assumeRoleCacheKey(roleParams)}.json`);
  await writeFileAtomic(file, content, { mode: 0o600, followSymlinks: false });
  removeLeftoverTempFiles(paths.cliCacheDir);
  return file;
}

/**
 * CLI v2's SSO role-credential entry (botocore SSOCredentialFetcher): `ProviderType: sso`, the
 * Expiration in whole seconds with `Z`, and `AccountId` as CLI >= 2.25 writes it (older CLIs ignore it).
 */
export function ssoCliCacheEntryContent(credentials: AwsCredentials & { expiration: Date }, accountId: string): string {
  return pythonJsonDumps({
    ProviderType: 'sso',
    Credentials: {
      AccessKeyId: credentials.accessKeyId,
      SecretAccessKey: credentials.secretAccessKey,
      SessionToken: credentials.sessionToken ?? '',
      Expiration: isoSeconds(credentials.expiration),
      AccountId: accountId,
    },
  });
}

/** Writes the entry under the key the CLI's SSO provider computes; returns the file. */
export async function writeSsoCliCacheEntry(
  paths: Pick<AwsPaths, 'cliCacheDir'>,
  params: SsoRoleCacheParams,
  credentials: AwsCredentials & { expiration: Date },
): Promise<string> {
  fs.mkdirSync(paths.cliCacheDir, { recursive: true, mode: 0o700 });
  const file = path.join(paths.cliCacheDir, `${ssoRoleCacheKey(params)}.json`);
  await writeFileAtomic(file, ssoCliCacheEntryContent(credentials, params.accountId), { mode: 0o600, followSymlinks: false });
  removeLeftoverTempFiles(paths.cliCacheDir);
  return file;
}
