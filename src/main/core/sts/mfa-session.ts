// "MFA once a day": one GetSessionToken session per source user and MFA device, kept in memory
// and optionally in a 0600 JSON file per session in a folder of the caller's choosing (the only
// place these secrets are written), so roles are assumed from it without asking for a code again.
import { createHash } from 'node:crypto';
import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import { writeFileAtomic } from '../files/atomic-file';
import type { AwsCredentials } from '../model/credentials';
import type { GetSessionTokenInput } from './sts-gateway';
import type { StsPort } from './sts-port';
import { CLI_CACHE_MIN_VALID_MS } from '../model/validity-margins';

export type SessionCredentials = AwsCredentials & { sessionToken: string; expiration: Date };

export interface MfaSessionCache {
  /** The session if it stays valid for at least minValidMs more (default 15 min). */
  get(key: string, minValidMs?: number): Promise<SessionCredentials | undefined>;
  put(key: string, credentials: SessionCredentials): Promise<void>;
  delete(key: string): Promise<void>;
}

export interface MfaSessionCacheOptions {
  /** Folder for the 0600 files; without it the cache lives in memory only. */
  folder?: string | null;
  now?: () => number;
}

/** One session per source user (its access key id) and MFA device. */
export function mfaSessionKey(sourceAccessKeyId: string, mfaSerial: string): string {
  return createHash('sha256').update(`${sourceAccessKeyId}\n${mfaSerial}`).digest('hex').slice(0, 40);
}

interface StoredSession {
  version: 1;
  AccessKeyId: string;
  SecretAccessKey: string;
  SessionToken: string;
  Expiration: string;
  AccountId?: string;
}

function toStored(credentials: SessionCredentials): StoredSession {
  return {
    version: 1,
    AccessKeyId: credentials.accessKeyId,
    SecretAccessKey: credentials.secretAccessKey,
    SessionToken: credentials.sessionToken,
    Expiration: credentials.expiration.toISOString(),
    ...(credentials.accountId ? { AccountId: credentials.accountId } : {}),
  };
}

function fromStored(value: unknown): SessionCredentials | undefined {
  if (typeof value !== 'object' || value === null) return undefined;
  const stored = value as Partial<StoredSession>;
  if (stored.version !== 1 || !stored.AccessKeyId || !stored.SecretAccessKey || !stored.SessionToken || !stored.Expiration) return undefined;
  const expiration = new Date(stored.Expiration);
  if (Number.isNaN(expiration.getTime())) return undefined;
  return {
    accessKeyId: stored.AccessKeyId,
    secretAccessKey: stored.SecretAccessKey,
    sessionToken: stored.SessionToken,
    expiration,
    ...(stored.AccountId ? { accountId: stored.AccountId } : {}),
  };
}


export function createMfaSessionCache(options: MfaSessionCacheOptions = {}): MfaSessionCache {
  const now = options.now ?? Date.now;
  const memory = new Map<string, SessionCredentials>();
  const folder = options.folder ?? null;
  const fileFor = (key: string) => path.join(folder ?? '', `mfa-session-${key.replace(/[^A-Za-z0-9_-]/g, '_')}.json`);

  const readFile = async (key: string): Promise<SessionCredentials | undefined> => {
    if (!folder) return undefined;
    try {
      return fromStored(JSON.parse(await fs.readFile(fileFor(key), 'utf8')));
    } catch {
      // Missing or unreadable: there is no session to reuse, and a new one will replace it.
      return undefined;
    }
  };

  return {
    async get(key, minValidMs = CLI_CACHE_MIN_VALID_MS) {
      const found = memory.get(key) ?? (await readFile(key));
      if (!found) return undefined;
      if (found.expiration.getTime() - now() < minValidMs) return undefined;
      memory.set(key, found);
      return found;
    },
    async put(key, credentials) {
      memory.set(key, credentials);
      if (!folder) return;
      await fs.mkdir(folder, { recursive: true, mode: 0o700 });
      // Like every cache of secrets: 0600 whatever the old file had, and a symlink is replaced, never written through.
      await writeFileAtomic(fileFor(key), `${JSON.stringify(toStored(credentials), null, 2)}\n`, { mode: 0o600, followSymlinks: false });
    },
    async delete(key) {
      memory.delete(key);
      if (folder) await fs.rm(fileFor(key), { force: true });
    },
  };
}

export interface MfaSessionInput extends Omit<GetSessionTokenInput, 'mfaSerial' | 'mfaCode'> {
  cache: MfaSessionCache;
  sts: StsPort;
  mfaSerial: string;
  /** Asked only when no valid session is cached. */
  mfaCode: () => Promise<string> | string;
  minValidMs?: number;
}

/** The cached MFA session of this source user, or a new one from GetSessionToken (asks for a code). */
export async function obtainMfaSession(input: MfaSessionInput): Promise<{ credentials: SessionCredentials; fromCache: boolean }> {
  const key = mfaSessionKey(input.sourceCredentials.accessKeyId, input.mfaSerial);
  const cached = await input.cache.get(key, input.minValidMs);
  if (cached) return { credentials: cached, fromCache: true };
  const { cache: _cache, sts, mfaCode, minValidMs: _minValid, ...rest } = input;
  const result = await sts.getSessionToken({ ...rest, mfaCode: await mfaCode() });
  await input.cache.put(key, result.credentials);
  return { credentials: result.credentials, fromCache: false };
}
