// IAM Identity Center (SSO) cache names: the login token's file in ~/.aws/sso/cache (botocore
// SSOTokenLoader; read and written by sso/sso-token-file.ts) and the key of the role credentials
// CLI v2 keeps in ~/.aws/cli/cache (botocore SSOCredentialFetcher._create_cache_key).
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
