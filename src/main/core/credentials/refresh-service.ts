// One refresh of one profile, as the CLI, the daemon and the tray all do it: read the files and the
// store, get credentials through the chain, publish them to the profile's sinks.
import * as path from 'node:path';
import { rolekeeperDataDir, type AwsEnvironment } from '../aws-config/aws-environment';
import { findCliCacheEntry, toAwsCredentials } from '../caches/cli-cache';
import { obtainCredentials, type MfaCodeProvider, type ObtainedCredentials } from './credential-chain';
import { keysOfProfile } from './profile-keys';
import { publishCredentials, type PublishedSink } from './credential-sinks';
import { RefreshError, type AwsCredentials } from './credentials';
import { createMfaSessionCache, type MfaSessionCache } from '../sts/mfa-session';
import { fromProcessCredentials, readProcessCache, type ProcessCacheEntry } from '../caches/process-cache';
import { roleFingerprint } from './role-fingerprint';
import { isRejectedKey, unlessRejected } from './rejected-keys';
import { loadProfiles } from '../aws-config/profile-loader';
import type { ProfileSet } from '../aws-config/profile-model';
import { readStore, type StoreData } from './rolekeeper-store';
import type { StsCallOptions } from '../sts/sts-client-factory';
import { formatRemaining } from '../../../shared/duration';
import { quoteNameInProse, quoteWordForPlatform } from '../aws-config/platform-traits';

export interface RefreshRequest {
  mfaCode?: MfaCodeProvider;
  /** Refresh only when less than this remains, and fail when a refresh cannot give this much. */
  minValidMs?: number;
  dryRun?: boolean;
  sts?: StsCallOptions;
  now?: () => number;
  /** Reused across refreshes by long-running processes (daemon, tray). */
  mfaSessions?: MfaSessionCache;
  /** Aborted (the scheduler stopped): nothing is published, even if STS already answered. */
  signal?: AbortSignal;
  /** Already-loaded state, for callers that hold it; read from disk otherwise. */
  profiles?: ProfileSet;
  store?: StoreData;
}

export interface RefreshOutcome {
  profile: string;
  /** False when the credentials in place already had the validity asked for. */
  refreshed: boolean;
  expiresAt: Date | null;
  sinks: PublishedSink[];
  notices: string[];
  /** Diffs of file edits (secret values masked); with dryRun, what would change. */
  diffs: string[];
}

export interface RefreshResult {
  outcome: RefreshOutcome;
  /** The fresh credentials, for in-memory serving by the daemon; never print them. */
  credentials: AwsCredentials | null;
}

/** A role profile in the files, or a profile Rolekeeper manages. */
export function isRefreshable(name: string, profiles: ProfileSet, store: StoreData): boolean {
  return Boolean(store.managed[name]) || profiles.get(name)?.type === 'role';
}

export function mfaSessionFolder(environment: AwsEnvironment): string {
  return path.join(rolekeeperDataDir(environment), 'mfa-sessions');
}

/**
 * When the credentials the profile's sinks hold now expire: the earliest over its AWS CLI cache
 * entry, its managed keys and Rolekeeper's own cache. Null when any of them holds nothing usable.
 */
export function currentExpiry(name: string, environment: AwsEnvironment, profiles: ProfileSet, store: StoreData): Date | null {
  const expiries: Array<Date | null> = [];
  const cached = matchingProcessCache(environment, name, profiles, store);
  expiries.push(cached?.output.Expiration ? new Date(cached.output.Expiration) : null);
  const profile = profiles.get(name);
  if (store.managed[name]) {
    expiries.push(profile ? keysOfProfile(profile)?.expiration ?? null : null);
  } else if (profile?.type === 'role') {
    expiries.push(unlessRejected(environment, findCliCacheEntry(profile, profiles.paths.cliCacheDir))?.credentials.expiration ?? null);
  }
  if (expiries.some((expiry) => expiry === null || Number.isNaN(expiry.getTime()))) return null;
  return new Date(Math.min(...expiries.map((expiry) => (expiry as Date).getTime())));
}

/** Rolekeeper's cached credentials for the profile, if they were made for its current role settings. */
export function matchingProcessCache(environment: AwsEnvironment, name: string, profiles: ProfileSet, store: StoreData): ProcessCacheEntry | undefined {
  const cached = readProcessCache(environment, name);
  return cached && cached.fingerprint === roleFingerprint(name, profiles, store) && !isRejectedKey(environment, cached.output.AccessKeyId) ? cached : undefined;
}

function notRefreshable(name: string, profiles: ProfileSet, platform: NodeJS.Platform): RefreshError {
  const profile = profiles.get(name);
  if (!profile) {
    return new RefreshError('config', `Profile "${name}" does not exist in ${profiles.paths.configFile} or ${profiles.paths.credentialsFile}`, 'Check the name with `rolekeeper list`', name);
  }
  return new RefreshError(
    'config',
    `Profile "${name}" is of type ${profile.type}: there is no role to assume for it`,
    `Give it role_arn and source_profile, or let Rolekeeper manage it: rolekeeper manage ${quoteWordForPlatform(platform, name)} --role-arn ARN --source-profile PROFILE`,
    name,
  );
}

export async function refreshProfile(environment: AwsEnvironment, name: string, request: RefreshRequest = {}): Promise<RefreshResult> {
  const now = request.now ?? Date.now;
  const profiles = request.profiles ?? loadProfiles(environment);
  const store = request.store ?? readStore(environment);
  if (!isRefreshable(name, profiles, store)) throw notRefreshable(name, profiles, environment.platform);

  if (request.minValidMs !== undefined && !request.dryRun) {
    const expiry = currentExpiry(name, environment, profiles, store);
    if (expiry && expiry.getTime() - now() >= request.minValidMs) {
      return {
        outcome: { profile: name, refreshed: false, expiresAt: expiry, sinks: [], notices: [], diffs: [] },
        credentials: null,
      };
    }
  }

  const mfaSessions =
    request.mfaSessions ?? (store.settings.useMfaSession ? createMfaSessionCache({ folder: mfaSessionFolder(environment), now }) : undefined);
  const obtained: ObtainedCredentials = request.dryRun
    ? placeholderCredentials(now)
    : await obtainCredentials(name, { environment, profiles, store, mfaCode: request.mfaCode, mfaSessions, sts: request.sts, now });
  if (request.signal?.aborted) throw new RefreshError('unknown', `The refresh of profile "${name}" was stopped`, 'It is refreshed again when Rolekeeper next runs', name);
  const published = await publishCredentials(name, obtained, { environment, profiles, store, dryRun: request.dryRun });
  const expiresAt = obtained.credentials.expiration ?? null;
  const outcome: RefreshOutcome = {
    profile: name,
    refreshed: !request.dryRun,
    expiresAt: request.dryRun ? null : expiresAt,
    sinks: published.sinks,
    notices: obtained.notices,
    diffs: published.diffs,
  };
  if (request.minValidMs !== undefined && !request.dryRun && expiresAt && expiresAt.getTime() - now() < request.minValidMs) {
    throw new RefreshError(
      'duration-too-long',
      `Profile "${name}" was refreshed, but its sessions last only ${formatRemaining(expiresAt.getTime() - now())}, less than the ${formatRemaining(request.minValidMs)} asked for`,
      `Raise duration_seconds of ${quoteNameInProse(environment.platform, name)} (up to the role's MaxSessionDuration; chained roles are capped at 1 hour), or ask for less`,
      name,
    );
  }
  return { outcome, credentials: obtained.credentials };
}

/** A dry run shows which lines would change without calling STS: the values are placeholders. */
function placeholderCredentials(now: () => number): ObtainedCredentials {
  return {
    credentials: {
      accessKeyId: 'ASIA-NEW-KEY-ID',
      secretAccessKey: 'new-secret',
      sessionToken: 'new-token',
      expiration: new Date(now() + 3600_000),
    },
    assumedRole: null,
    notices: [],
  };
}

/**
 * The credentials the profile yields now, as a tool would get them: keys from the files, a valid
 * cached session (Rolekeeper's or the AWS CLI's), or else a refresh.
 */
export async function currentCredentials(
  environment: AwsEnvironment,
  name: string,
  request: RefreshRequest & { minValidMs: number },
): Promise<AwsCredentials> {
  const now = request.now ?? Date.now;
  const profiles = request.profiles ?? loadProfiles(environment);
  const store = request.store ?? readStore(environment);
  const profile = profiles.get(name);
  if (!isRefreshable(name, profiles, store)) {
    if (!profile) throw notRefreshable(name, profiles, environment.platform);
    const chain = await obtainCredentials(name, { environment, profiles, store, mfaCode: request.mfaCode, sts: request.sts, now });
    return chain.credentials;
  }
  const roleInFiles = profile?.type === 'role' && !store.managed[name];
  const cached = matchingProcessCache(environment, name, profiles, store);
  if (cached?.output.Expiration && Date.parse(cached.output.Expiration) - now() >= request.minValidMs) return fromProcessCredentials(cached.output);
  if (profile && roleInFiles) {
    const entry = unlessRejected(environment, findCliCacheEntry(profile, profiles.paths.cliCacheDir));
    if (entry && entry.credentials.expiration.getTime() - now() >= request.minValidMs) return toAwsCredentials(entry);
  }
  const refreshed = await refreshProfile(environment, name, { ...request, profiles, store, minValidMs: undefined });
  return refreshed.credentials as AwsCredentials;
}
