// Where each profile's credentials live right now (CLI cache entry, SSO login token, keys in a
// file, AWS_* variables) and when they expire, as the ProfileSummary every view shows.
import { maskSecret } from '../../../shared/mask';
import type { AwsEnvironment } from '../model/aws-environment';
import {
  cacheCandidatesForProfiles,
  mapCacheEntriesToProfiles,
  parseCacheExpiration,
  readCliCache,
  type CacheCandidate,
  type CacheMapping,
  type CliCacheEntry,
  type CliCacheScan,
} from '../caches/cli-cache';
import type { ConfigValue, ProfileSet, ResolvedProfile } from '../aws-config/profile-model';
import { readStore } from './rolekeeper-store';
import { sessionKeyExpiry, sessionTokenOf } from './profile-keys';
import { CLI_CACHE_MIN_VALID_MS } from '../model/validity-margins';
import { readSsoTokenFile, type SsoTokenFileRead } from '../sso/sso-token-file';
import type { CredentialLayer, CredentialStatus, ProfileSummary } from '../../../shared/profile-summary';
import { sourceOf } from './sources/sources';
import type { SourceAction } from '../../../shared/profile-summary';


export function statusForExpiry(expiresAt: Date, now: Date, leadMs: number = CLI_CACHE_MIN_VALID_MS): CredentialStatus {
  const left = expiresAt.getTime() - now.getTime();
  if (left <= 0) return 'expired';
  return left < leadMs ? 'expiring' : 'valid';
}


/** Reads the cache folder once and maps its entries to the profiles that would read them. */
export interface CacheView {
  scan: CliCacheScan;
  mapping: CacheMapping;
  /** The cache key (file name without `.json`) the CLI would look up for the profile, if any. */
  keyOf: (profile: string) => string | undefined;
}

export function viewCliCache(profiles: ProfileSet, cacheScan?: CliCacheScan): CacheView {
  const scan = cacheScan ?? readCliCache(profiles.paths.cliCacheDir);
  // Keys are SHA-1 hashes, and node:crypto costs a warm `list` start-up time: an empty cache
  // folder maps no entry whatever the keys, so they are computed only when something asks.
  let candidates: CacheCandidate[] | undefined;
  const candidatesOnce = (): CacheCandidate[] => (candidates ??= cacheCandidatesForProfiles(profiles.profiles));
  let keys: Map<string, string> | undefined;
  return {
    scan,
    mapping: mapCacheEntriesToProfiles(scan.entries, scan.entries.length > 0 ? candidatesOnce() : []),
    keyOf: (profile) => (keys ??= new Map(candidatesOnce().map((candidate) => [candidate.profile, candidate.key]))).get(profile),
  };
}

function at(value: ConfigValue): string {
  return `${value.file}:${value.line}`;
}

/** The keys written in the profile's own section (static, or session keys with their expiry). */
export function fileKeysLayer(
  profile: ResolvedProfile,
  now: Date,
  leadMs: number = CLI_CACHE_MIN_VALID_MS,
  managed = false,
): CredentialLayer | null {
  const keyId = profile.values.get('aws_access_key_id');
  if (!keyId || !keyId.value) return null;
  if (sessionTokenOf(profile) === undefined) {
    return { kind: 'static-keys', status: 'valid', expiresAt: null, location: at(keyId), detail: `long-term key ${maskSecret(keyId.value)}` };
  }
  const expiry = sessionKeyExpiry(profile);
  const kind = managed ? 'managed-keys' : 'session-keys';
  if (!expiry) {
    return { kind, status: 'unknown', expiresAt: null, location: at(keyId), detail: `session key ${maskSecret(keyId.value)}; no recorded expiry` };
  }
  if (!expiry.expiresAt) {
    return {
      kind,
      status: 'unknown',
      expiresAt: null,
      location: at(keyId),
      detail: `${expiry.key} at ${at(expiry.setting)} is not a timestamp with a time zone`,
    };
  }
  return {
    kind,
    status: statusForExpiry(expiry.expiresAt, now, leadMs),
    expiresAt: expiry.expiresAt.toISOString(),
    location: at(keyId),
    detail: `session key ${maskSecret(keyId.value)}; expiry from ${expiry.key} at ${at(expiry.setting)}`,
  };
}

export function cliCacheLayer(entry: CliCacheEntry, now: Date, leadMs: number = CLI_CACHE_MIN_VALID_MS): CredentialLayer {
  const what = entry.kind === 'sso' ? 'SSO role credentials' : 'role credentials';
  return {
    kind: 'cli-cache',
    status: statusForExpiry(entry.credentials.expiration, now, leadMs),
    expiresAt: entry.credentials.expiration.toISOString(),
    location: entry.file,
    detail: `${what} the AWS CLI cached (the CLI ignores them with less than 15 minutes left)`,
  };
}

/** The `sso_session` name or legacy `sso_start_url` naming the login token of an SSO profile. */
export function ssoTokenSourceOf(profile: ResolvedProfile): { ssoSession: string | null; startUrl: string | null } | null {
  const ssoSession = profile.values.get('sso_session')?.value || null;
  const startUrl = profile.values.get('sso_start_url')?.value || null;
  if (!ssoSession && !startUrl) return null;
  return { ssoSession, startUrl };
}

/** The login token of an SSO profile, or null when it names no sso_session / sso_start_url. */
export function readSsoTokenForProfile(profiles: ProfileSet, profile: ResolvedProfile): SsoTokenFileRead | null {
  const source = ssoTokenSourceOf(profile);
  return source ? readSsoTokenFile(profiles.paths.ssoCacheDir, source) : null;
}

export function ssoTokenLayer(read: SsoTokenFileRead, now: Date, leadMs: number = CLI_CACHE_MIN_VALID_MS): CredentialLayer {
  switch (read.status) {
    case 'missing':
      return { kind: 'sso-token', status: 'unknown', expiresAt: null, location: read.file, detail: 'no SSO login token: run rolekeeper sso login' };
    case 'invalid':
      return { kind: 'sso-token', status: 'error', expiresAt: null, location: read.file, detail: read.message };
    case 'ok': {
      const refresh = read.record.refreshToken !== null ? '; renewed silently with its refresh token (Rolekeeper for kept profiles, and the AWS CLI)' : '; renewed only by signing in again: rolekeeper sso login';
      return {
        kind: 'sso-token',
        status: statusForExpiry(read.record.expiresAt, now, leadMs),
        expiresAt: read.record.expiresAt.toISOString(),
        location: read.file,
        detail: `SSO login token (not the role credentials)${refresh}`,
      };
    }
  }
}

/** The AWS_* credential variables as the AWS CLI reads them (botocore's EnvProvider). */
export interface EnvCredentials {
  accessKeyId: string;
  /** Which variable the token comes from: botocore reads AWS_SECURITY_TOKEN first. */
  tokenVariable: 'AWS_SECURITY_TOKEN' | 'AWS_SESSION_TOKEN' | null;
  expirationRaw: string | null;
  /** Null when AWS_CREDENTIAL_EXPIRATION is unset or not a timestamp. */
  expiresAt: Date | null;
}

/** Non-null when AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY are both set and non-empty. */
export function environmentCredentials(environment: AwsEnvironment): EnvCredentials | null {
  const env = environment.env;
  if (!env.AWS_ACCESS_KEY_ID || !env.AWS_SECRET_ACCESS_KEY) return null;
  const tokenVariable = env.AWS_SECURITY_TOKEN ? 'AWS_SECURITY_TOKEN' : env.AWS_SESSION_TOKEN ? 'AWS_SESSION_TOKEN' : null;
  const expirationRaw = env.AWS_CREDENTIAL_EXPIRATION || null;
  const expiresAt = expirationRaw ? parseEnvExpiration(expirationRaw) : null;
  return { accessKeyId: env.AWS_ACCESS_KEY_ID, tokenVariable, expirationRaw, expiresAt };
}

function parseEnvExpiration(raw: string): Date | null {
  const parsed = parseCacheExpiration(raw);
  if (parsed) return parsed;
  // botocore parses it with dateutil, which also takes forms without a zone; read those as UTC.
  const fallback = Date.parse(/[zZ]|[+-]\d{2}:?\d{2}$/.test(raw) ? raw : `${raw}Z`);
  return Number.isNaN(fallback) ? null : new Date(fallback);
}

export function environmentLayer(creds: EnvCredentials, now: Date, leadMs: number = CLI_CACHE_MIN_VALID_MS): CredentialLayer {
  const shadow = 'shadows the profile in the AWS CLI and SDKs unless --profile is given';
  if (creds.expiresAt) {
    return {
      kind: 'environment',
      status: statusForExpiry(creds.expiresAt, now, leadMs),
      expiresAt: creds.expiresAt.toISOString(),
      location: 'AWS_ACCESS_KEY_ID',
      detail: `${maskSecret(creds.accessKeyId)}; expiry from AWS_CREDENTIAL_EXPIRATION; ${shadow}`,
    };
  }
  return {
    kind: 'environment',
    status: creds.tokenVariable ? 'unknown' : 'valid',
    expiresAt: null,
    location: 'AWS_ACCESS_KEY_ID',
    detail: `${maskSecret(creds.accessKeyId)}; ${shadow}`,
  };
}

function accountIdOf(profile: ResolvedProfile, entry: CliCacheEntry | undefined): string | null {
  const fromArn = /^arn:[^:]+:iam::(\d{12}):/.exec(profile.role.roleArn?.value ?? '')?.[1];
  if (fromArn) return fromArn;
  if (entry?.credentials.accountId) return entry.credentials.accountId;
  const ssoAccount = profile.values.get('sso_account_id')?.value;
  return ssoAccount && /^\d{12}$/.test(ssoAccount) ? ssoAccount : null;
}

/** The layer that decides a profile's headline status: its source says which. */
function headline(profile: ResolvedProfile, layers: CredentialLayer[]): CredentialLayer | null {
  return sourceOf(profile.type)?.status(layers) ?? null;
}

export interface SummarizeOptions {
  profiles: ProfileSet;
  environment: AwsEnvironment;
  now: Date;
  /** Time before expiry a credential counts as `expiring`; default 15 minutes. */
  leadMs?: number;
  /** An already-read CLI cache (read from profiles.paths.cliCacheDir when absent). */
  cacheScan?: CliCacheScan;
  /** Profiles whose keys Rolekeeper writes (read from its store when absent). */
  managedProfiles?: ReadonlySet<string>;
}

/** Profiles Rolekeeper manages; an unreadable store means none (doctor reports the store itself). */
export function managedProfileNames(environment: AwsEnvironment): Set<string> {
  try {
    return new Set(Object.keys(readStore(environment).managed));
  } catch {
    return new Set();
  }
}

export function summarizeProfile(
  profile: ResolvedProfile,
  context: { now: Date; leadMs: number; cache: CacheView; envCredentials: EnvCredentials | null; managed: boolean; ssoCacheDir: string },
): ProfileSummary {
  const { now, leadMs } = context;
  const layers: CredentialLayer[] = [];
  if (context.envCredentials) layers.push(environmentLayer(context.envCredentials, now, leadMs));
  const entry = context.cache.mapping.byProfile.get(profile.name);
  if (entry) layers.push(cliCacheLayer(entry, now, leadMs));
  if (profile.type === 'sso') {
    const source = ssoTokenSourceOf(profile);
    if (source) layers.push(ssoTokenLayer(readSsoTokenFile(context.ssoCacheDir, source), now, leadMs));
  }
  const keys = fileKeysLayer(profile, now, leadMs, context.managed);
  if (keys) layers.push(keys);

  const problem = profile.problems.find((candidate) => candidate.severity === 'error');
  const error = problem?.message ?? null;
  const decisive = headline(profile, layers);
  let status: CredentialStatus = decisive?.status ?? 'unknown';
  let expiresAt = decisive?.expiresAt ?? null;
  if (error) {
    status = 'error';
    expiresAt = null;
  }
  return {
    name: profile.name,
    type: profile.type,
    region: profile.region?.value ?? null,
    sourceChain: profile.sourceChain,
    status,
    expiresAt,
    error,
    ...(problem?.wording ? { errorWording: problem.wording.message } : {}),
    layers,
    roleArn: profile.role.roleArn?.value ?? null,
    accountId: accountIdOf(profile, entry),
    ...sourceActionsOf(profile),
    ...ssoRoleNameOf(profile),
  };
}

function sourceActionsOf(profile: ResolvedProfile): { sourceActions?: SourceAction[] } {
  const actions = sourceOf(profile.type)?.actions ?? [];
  // What a refresh and a sign-in need is said by `refreshable` and `ssoSession`; these are the rest.
  const others = actions.filter((action) => action !== 'refresh' && action !== 'sign-in');
  return others.length > 0 ? { sourceActions: others } : {};
}

function ssoRoleNameOf(profile: ResolvedProfile): { ssoRoleName?: string } {
  const name = profile.type === 'sso' ? profile.values.get('sso_role_name')?.value : undefined;
  return name ? { ssoRoleName: name } : {};
}

/** One summary per profile, in `aws configure list-profiles` order. Never throws on a bad cache. */
export function summarizeProfiles(options: SummarizeOptions): ProfileSummary[] {
  const leadMs = options.leadMs ?? CLI_CACHE_MIN_VALID_MS;
  const cache = viewCliCache(options.profiles, options.cacheScan);
  const envCredentials = environmentCredentials(options.environment);
  const managed = options.managedProfiles ?? managedProfileNames(options.environment);
  const ssoCacheDir = options.profiles.paths.ssoCacheDir;
  return options.profiles.profiles.map((profile) =>
    summarizeProfile(profile, { now: options.now, leadMs, cache, envCredentials, managed: managed.has(profile.name), ssoCacheDir }),
  );
}
