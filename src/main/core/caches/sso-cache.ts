// IAM Identity Center (SSO) caches: the login token in ~/.aws/sso/cache (botocore SSOTokenLoader)
// and the key of the role credentials CLI v2 keeps in ~/.aws/cli/cache (botocore
// SSOCredentialFetcher._create_cache_key). Two separate expiries.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { makeFileSafe, pythonJsonDumps, sha1Hex } from './cli-cache-key';

/** How a profile names its SSO login: an `sso_session` name, else the legacy `sso_start_url`. */
export interface SsoTokenSource {
  ssoSession?: string | null;
  startUrl?: string | null;
}

/** SHA-1 of the sso-session name, else of the start URL exactly as configured (trailing `/` counts). */
export function ssoTokenCacheKey(source: SsoTokenSource): string {
  const input = source.ssoSession ?? source.startUrl;
  if (input == null) throw new Error('An SSO profile needs sso_session or sso_start_url');
  return sha1Hex(input);
}

export function ssoTokenFilePath(ssoCacheDir: string, source: SsoTokenSource): string {
  return path.join(ssoCacheDir, `${ssoTokenCacheKey(source)}.json`);
}

export interface SsoToken {
  file: string;
  expiresAt: Date;
  expiresAtRaw: string;
  startUrl: string | null;
  region: string | null;
  /** sso-session logins carry a refresh token: the CLI renews them without a browser. */
  refreshable: boolean;
}

export type SsoTokenRead =
  | { status: 'missing'; file: string }
  | { status: 'ok'; file: string; token: SsoToken }
  | { status: 'invalid'; file: string; message: string };

/** `2024-05-06T07:08:09Z` (CLI) or with milliseconds (JS SDK); a zone is required. */
function parseTokenExpiry(raw: string): Date | null {
  if (!/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$/.test(raw)) return null;
  const time = Date.parse(raw);
  return Number.isNaN(time) ? null : new Date(time);
}

/** Reads the login token for a profile; never throws and never puts the token in a message. */
export function readSsoToken(ssoCacheDir: string, source: SsoTokenSource): SsoTokenRead {
  const file = ssoTokenFilePath(ssoCacheDir, source);
  let text: string;
  try {
    text = fs.readFileSync(file, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') return { status: 'missing', file };
    return { status: 'invalid', file, message: `${file}: cannot be read (${code ?? 'error'})` };
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    return { status: 'invalid', file, message: `${file}: not valid JSON` };
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) {
    return { status: 'invalid', file, message: `${file}: not a JSON object` };
  }
  const record = parsed as Record<string, unknown>;
  if (typeof record.accessToken !== 'string' || typeof record.expiresAt !== 'string') {
    return { status: 'invalid', file, message: `${file}: lacks accessToken or expiresAt (the CLI calls the token invalid)` };
  }
  const expiresAt = parseTokenExpiry(record.expiresAt);
  if (!expiresAt) {
    return { status: 'invalid', file, message: `${file}: expiresAt is not a timestamp with a time zone` };
  }
  return {
    status: 'ok',
    file,
    token: {
      file,
      expiresAt,
      expiresAtRaw: record.expiresAt,
      startUrl: typeof record.startUrl === 'string' ? record.startUrl : null,
      region: typeof record.region === 'string' ? record.region : null,
      refreshable: typeof record.refreshToken === 'string' && record.refreshToken !== '',
    },
  };
}

export interface SsoRoleCacheParams {
  accountId: string;
  roleName: string;
  /** Set when the profile uses `sso_session`; then the start URL is not part of the key. */
  sessionName?: string | null;
  startUrl?: string | null;
}

/** The exact string botocore's SSOCredentialFetcher hashes (sorted keys, compact separators). */
export function ssoRoleCacheInput(params: SsoRoleCacheParams): string {
  const args: Record<string, string> = { accountId: params.accountId, roleName: params.roleName };
  if (params.sessionName != null) args.sessionName = params.sessionName;
  else if (params.startUrl != null) args.startUrl = params.startUrl;
  else throw new Error('SSO role credentials need sso_session or sso_start_url');
  return pythonJsonDumps(args, { sortKeys: true, separators: [',', ':'] });
}

/** The file name (without `.json`) CLI v2 uses in ~/.aws/cli/cache for SSO role credentials. */
export function ssoRoleCacheKey(params: SsoRoleCacheParams): string {
  return makeFileSafe(sha1Hex(ssoRoleCacheInput(params)));
}
