// The client registration the AWS CLI keeps beside the tokens (~/.aws/sso/cache/<sha1>.json), keyed
// by SHA-1 of Python `json.dumps(sort_keys=True)` of {region, scopes, session_name, startUrl,
// tool: "botocore"}; reused by a login while at least 15 minutes of it remain.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { pythonJsonDumps, sha1Hex } from '../caches/cli-cache-key';
import { parseCacheExpiration } from '../caches/cli-cache';
import { writeFileAtomic } from '../files/atomic-file';
import { withFileLock } from '../files/file-lock';
import { isoSeconds } from '../../../shared/duration';
import type { SsoSessionConfig } from './sso-profile-config';
import { ensurePrivateDir } from './sso-token-file';

export const REGISTRATION_REUSE_WINDOW_MS = 15 * 60_000;
export const PKCE_GRANT_TYPES = ['authorization_code', 'refresh_token'];

/** Secrets: clientSecret. */
export interface SsoRegistration {
  clientId: string;
  clientSecret: string;
  expiresAt: Date;
  scopes: string[] | null;
  /** Present only for PKCE registrations. */
  grantTypes: string[] | null;
}

export function registrationCacheInput(session: SsoSessionConfig): string {
  return pythonJsonDumps(
    { region: session.region, scopes: session.scopes, session_name: session.sessionName, startUrl: session.startUrl, tool: 'botocore' },
    { sortKeys: true },
  );
}

export function registrationFilePath(ssoCacheDir: string, session: SsoSessionConfig): string {
  return path.join(ssoCacheDir, `${sha1Hex(registrationCacheInput(session))}.json`);
}

export function readRegistration(ssoCacheDir: string, session: SsoSessionConfig): SsoRegistration | null {
  const file = registrationFilePath(ssoCacheDir, session);
  try {
    if (fs.lstatSync(file).isSymbolicLink()) return null;
    const json = JSON.parse(fs.readFileSync(file, 'utf8')) as Record<string, unknown>;
    const expiresAt = typeof json.expiresAt === 'string' ? parseCacheExpiration(json.expiresAt) : null;
    if (typeof json.clientId !== 'string' || typeof json.clientSecret !== 'string' || !expiresAt) return null;
    const strings = (value: unknown): string[] | null => (Array.isArray(value) && value.every((item) => typeof item === 'string') ? (value as string[]) : null);
    return { clientId: json.clientId, clientSecret: json.clientSecret, expiresAt, scopes: strings(json.scopes), grantTypes: strings(json.grantTypes) };
  } catch {
    return null;
  }
}

/** The CLI's content: clientId, clientSecret, expiresAt, then scopes and grantTypes when set. */
export function registrationFileContent(registration: SsoRegistration): string {
  const json: Record<string, string | string[]> = { clientId: registration.clientId, clientSecret: registration.clientSecret, expiresAt: isoSeconds(registration.expiresAt) };
  if (registration.scopes) json.scopes = registration.scopes;
  if (registration.grantTypes) json.grantTypes = registration.grantTypes;
  return pythonJsonDumps(json);
}

export async function writeRegistration(ssoCacheDir: string, session: SsoSessionConfig, registration: SsoRegistration): Promise<string> {
  const file = registrationFilePath(ssoCacheDir, session);
  ensurePrivateDir(ssoCacheDir);
  await withFileLock(file, () => writeFileAtomic(file, registrationFileContent(registration), { mode: 0o600, followSymlinks: false }));
  return file;
}

/** botocore's rule: the device flow refuses a registration for auth codes, PKCE one without. */
export function isUsableRegistration(registration: SsoRegistration | null, flow: 'device' | 'pkce', now: number): registration is SsoRegistration {
  if (!registration || registration.expiresAt.getTime() - now < REGISTRATION_REUSE_WINDOW_MS) return false;
  const forAuthCode = registration.grantTypes?.includes('authorization_code') ?? false;
  return flow === 'pkce' ? forAuthCode : !forAuthCode;
}
