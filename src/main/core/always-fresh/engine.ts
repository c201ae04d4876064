// The one engine runtime the daemon and the tray both run: reads the files and Rolekeeper's store,
// keeps the kept profiles fresh with the refresh scheduler, holds their fresh credentials in memory
// for the loopback container endpoint, and re-plans when any of those files change.
import { mkdirSync } from 'node:fs';
import { awsPaths, rolekeeperDataDir, storeFilePath, type AwsEnvironment } from '../aws-config/aws-environment';
import { systemClock, type Clock } from './clock';
import { watchConfigFiles, type ConfigWatcher } from './config-watcher';
import { EndpointTokenStore, startContainerEndpoint, type ContainerEndpoint } from './container-endpoint';
import { RefreshError, type AwsCredentials } from '../credentials/credentials';
import { fromProcessCredentials } from '../caches/process-cache';
import { roleFingerprint, settingsFingerprint } from '../credentials/role-fingerprint';
import { loadProfiles } from '../aws-config/profile-loader';
import type { ProfileSet } from '../aws-config/profile-model';
import { ProfileStateStore, type Disposable } from './profile-state-store';
import { currentExpiry, isRefreshable, matchingProcessCache, refreshProfile, type RefreshResult } from '../credentials/refresh-service';
import { RefreshScheduler } from './refresh-scheduler';
import { keptProfiles, readStore, type StoreData } from '../credentials/rolekeeper-store';
import type { StsCallOptions } from '../sts/sts-client-factory';
import type { EngineChange, EngineNotification } from '../../../shared/engine-events';

export interface EngineOptions {
  environment: AwsEnvironment;
  clock?: Clock;
  /** Refresh when this much validity remains; default: the store's refreshLeadSeconds. */
  leadMs?: number;
  /** Random extra lead so clients don't synchronise; default min(30 s, lead / 20). */
  jitterMs?: number;
  /** Least time between two scheduled refreshes of one profile; default 60 s. */
  minIntervalMs?: number;
  /** Serve the loopback container endpoint: true (the store's endpointPort), a port (0 = any), or false. */
  endpoint?: boolean | { port: number };
  /** Watch the AWS files, the store and the token file. Default true. */
  watch?: boolean;
  /** Quiet time after a file change before re-planning. Default 250 ms. */
  debounceMs?: number;
  /** Diagnostic lines (never a secret): file changes, the endpoint, problems reading files. */
  log?: (line: string) => void;
  sts?: StsCallOptions;
}

export interface EngineRefreshOptions {
  /** An MFA code a person typed (tray or CLI); used by this refresh only. */
  mfaCode?: string;
}

export interface Engine {
  /** Per-profile state and notifications; the daemon's log and the tray subscribe to it. */
  readonly state: ProfileStateStore;
  onDidChange(listener: (change: EngineChange) => void): Disposable;
  onNotification(listener: (notification: EngineNotification) => void): Disposable;
  /** The endpoint, when it runs. */
  readonly endpoint: ContainerEndpoint | null;
  /** The loaded profiles and store, as of the last re-plan. */
  profiles(): ProfileSet;
  store(): StoreData;
  /** Profiles the scheduler keeps fresh: kept, managed, and those with an endpoint token. */
  keptProfiles(): string[];
  /** Fresh credentials held in memory (what the endpoint serves); never print them. */
  credentialsFor(profile: string): AwsCredentials | undefined;
  /** Refreshes now through the scheduler (concurrent callers share one STS call). */
  refreshNow(profile: string, options?: EngineRefreshOptions): Promise<RefreshResult>;
  /** Re-reads the files and the store and re-plans every timer from the wall clock. */
  replan(): void;
  /** After sleep/resume: timers may have stood still. */
  notifyResumed(): void;
  stop(): Promise<void>;
}

/** The endpoint refuses credentials this close to expiry; SDKs refresh 5 min ahead anyway. */
const MEMORY_MIN_VALID_MS = 60_000;

function defaultJitter(leadMs: number): number {
  return Math.min(30_000, Math.floor(leadMs / 20));
}

/**
 * `rolekeeper export --via-endpoint` may issue a token and the shell ask for it before the file
 * watcher reported the change: an unknown profile re-reads the token file, at most every 200 ms
 * so requests for made-up paths cannot keep the disk busy.
 */
class ReloadingTokenStore extends EndpointTokenStore {
  private lastMissReload = -Infinity;

  constructor(
    folder: string,
    private readonly clock: Clock,
  ) {
    super(folder);
  }

  override get(profile: string): string | undefined {
    const token = super.get(profile);
    if (token !== undefined) return token;
    const now = this.clock.monotonic();
    if (now - this.lastMissReload < 200) return undefined;
    this.lastMissReload = now;
    try {
      this.reload();
    } catch {
      return undefined;
    }
    return super.get(profile);
  }
}

export async function createEngine(options: EngineOptions): Promise<Engine> {
  const { environment } = options;
  const clock = options.clock ?? systemClock;
  const log = options.log ?? (() => undefined);
  const state = new ProfileStateStore(() => clock.now());
  const memory = new Map<string, AwsCredentials>();
  /** The role settings each credential in memory was made for: an edited role_arn drops them. */
  const roleOfHeldCredentials = new Map<string, string>();
  const remember = (name: string, credentials: AwsCredentials): void => {
    memory.set(name, credentials);
    roleOfHeldCredentials.set(name, roleFingerprint(name, profiles, store));
  };
  /** MFA codes handed in for the next refresh of a profile; taken by the refresh port. */
  const mfaCodes = new Map<string, string>();

  let profiles: ProfileSet = loadProfiles(environment);
  let store: StoreData = readStore(environment);
  let stopped = false;

  const tokens: EndpointTokenStore | null = options.endpoint === false ? null : new ReloadingTokenStore(rolekeeperDataDir(environment), clock);

  const refreshPort = async (profile: string, signal: AbortSignal): Promise<{ expiresAt: Date }> => {
    const code = mfaCodes.get(profile);
    mfaCodes.delete(profile);
    const result = await refreshProfile(environment, profile, {
      profiles,
      store,
      sts: options.sts,
      now: () => clock.now(),
      // In the background nobody can answer: without a code handed in, an MFA profile needs you.
      mfaCode: code === undefined ? undefined : async () => code,
      signal,
    });
    lastResults.set(profile, result);
    if (result.credentials) remember(profile, result.credentials);
    const sinks = result.outcome.sinks.map((sink) => sink.kind as string);
    if (endpoint && hasToken(profile)) sinks.push('endpoint');
    state.update(profile, { sinks });
    const expiresAt = result.outcome.expiresAt;
    if (!expiresAt) {
      throw new RefreshError('unknown', `refreshing ${profile} gave credentials without an expiry`, 'Check the profile with `rolekeeper show`', profile);
    }
    return { expiresAt };
  };
  const lastResults = new Map<string, RefreshResult>();
  const hasToken = (name: string): boolean => tokens?.profiles().includes(name) ?? false;

  const leadMsOf = (data: StoreData): number => options.leadMs ?? data.settings.refreshLeadSeconds * 1000;
  const makeScheduler = (data: StoreData): RefreshScheduler => {
    const leadMs = leadMsOf(data);
    return new RefreshScheduler({
      refresh: refreshPort,
      store: state,
      clock,
      leadMs,
      jitterMs: options.jitterMs ?? defaultJitter(leadMs),
      minIntervalMs: options.minIntervalMs,
      warnBeforeMs: data.settings.notifyLeadSeconds * 1000,
    });
  };
  let scheduler = makeScheduler(store);
  let plannedWith = { lead: leadMsOf(store), warn: store.settings.notifyLeadSeconds };

  const keptSet = (): string[] => {
    const names = new Set(keptProfiles(store));
    // A profile exported through the endpoint must have credentials in memory to serve.
    for (const name of tokens?.profiles() ?? []) if (isRefreshable(name, profiles, store)) names.add(name);
    return [...names];
  };

  /** Takes credentials someone else wrote (the CLI, a restart) when they outlast what memory holds. */
  const seedFromProcessCache = (name: string): void => {
    const cached = matchingProcessCache(environment, name, profiles, store);
    if (!cached?.output.Expiration) return;
    const expires = Date.parse(cached.output.Expiration);
    const held = memory.get(name)?.expiration?.getTime() ?? 0;
    if (expires > held && expires - clock.now() > MEMORY_MIN_VALID_MS) remember(name, fromProcessCredentials(cached.output));
  };

  const plan = (): void => {
    const kept = keptSet();
    const expiries = new Map<string, Date | null>();
    for (const name of kept) {
      if (memory.has(name) && roleOfHeldCredentials.get(name) !== roleFingerprint(name, profiles, store)) {
        memory.delete(name);
        roleOfHeldCredentials.delete(name);
      }
      seedFromProcessCache(name);
      let expiry: Date | null = null;
      try {
        expiry = currentExpiry(name, environment, profiles, store);
      } catch {
        expiry = null;
      }
      // The files keep whole seconds; STS gave milliseconds. The same expiry is no news.
      const known = state.get(name)?.expiresAt;
      if (expiry && known && Math.abs(Date.parse(known) - expiry.getTime()) < 1000) expiry = new Date(known);
      // Nothing to serve from memory yet: refresh now rather than at the lead time.
      if (endpoint && hasToken(name) && !memory.has(name)) expiry = null;
      expiries.set(name, expiry);
    }
    for (const name of [...memory.keys()]) if (!kept.includes(name)) memory.delete(name);
    for (const name of [...roleOfHeldCredentials.keys()]) if (!memory.has(name)) roleOfHeldCredentials.delete(name);
    scheduler.setProfiles(kept, expiries);
    // A profile that needs you gets another try once its settings (or its sources') changed:
    // the user may have fixed what was wrong. Rolekeeper's own key rewrites elsewhere are no reason.
    for (const name of kept) {
      const print = settingsFingerprint(name, profiles, store);
      const before = settingsAtLastPlan.get(name);
      settingsAtLastPlan.set(name, print);
      if (before !== undefined && before !== print && state.get(name)?.status === 'needs-you') scheduler.retry(name);
    }
    for (const name of [...settingsAtLastPlan.keys()]) if (!kept.includes(name)) settingsAtLastPlan.delete(name);
  };

  /** The settings each kept profile had at the last re-plan: a change retries a needs-you profile. */
  const settingsAtLastPlan = new Map<string, string>();

  const reload = (): void => {
    try {
      profiles = loadProfiles(environment);
    } catch (error) {
      log(`cannot read the AWS files, keeping the last good read: ${(error as Error).message}`);
    }
    try {
      store = readStore(environment);
    } catch (error) {
      log(`cannot read Rolekeeper's store, keeping the last good read: ${(error as Error).message}`);
    }
    try {
      tokens?.reload();
    } catch (error) {
      log((error as Error).message);
    }
    const wanted = { lead: leadMsOf(store), warn: store.settings.notifyLeadSeconds };
    if (wanted.lead !== plannedWith.lead || wanted.warn !== plannedWith.warn) {
      // The scheduler's lead is fixed at construction and it cannot restart: replace it.
      scheduler.stop();
      scheduler = makeScheduler(store);
      plannedWith = wanted;
    }
  };

  let endpoint: ContainerEndpoint | null = null;
  if (tokens) {
    const port = typeof options.endpoint === 'object' ? options.endpoint.port : store.settings.endpointPort;
    const now = () => clock.now();
    endpoint = await startContainerEndpoint({
      port,
      tokens,
      now,
      getCredentials: (profile) => {
        const credentials = memory.get(profile);
        if (!credentials) return undefined;
        if (credentials.expiration && credentials.expiration.getTime() - now() < MEMORY_MIN_VALID_MS) return undefined;
        return credentials;
      },
    });
    log(`endpoint listening on http://127.0.0.1:${endpoint.port}`);
  }

  let watcher: ConfigWatcher | null = null;
  if (options.watch !== false) {
    const paths = awsPaths(environment);
    // The watcher follows a missing folder from its parent only: make sure ours exists.
    mkdirSync(rolekeeperDataDir(environment), { recursive: true, mode: 0o700 });
    const files = [paths.configFile, paths.credentialsFile, storeFilePath(environment), ...(tokens ? [tokens.file] : [])];
    watcher = watchConfigFiles({
      files,
      clock,
      debounceMs: options.debounceMs,
      onChange: (changed) => {
        if (stopped) return;
        log(`changed: ${changed.join(', ')}; re-planning`);
        reload();
        plan();
      },
    });
  }

  plan();

  return {
    state,
    endpoint,
    onDidChange: (listener) => state.onDidChange(listener),
    onNotification: (listener) => state.onNotification(listener),
    profiles: () => profiles,
    store: () => store,
    keptProfiles: () => keptSet(),
    credentialsFor: (profile) => memory.get(profile),
    async refreshNow(profile, refreshOptions = {}) {
      if (refreshOptions.mfaCode !== undefined) mfaCodes.set(profile, refreshOptions.mfaCode);
      try {
        await scheduler.refreshNow(profile);
      } finally {
        mfaCodes.delete(profile);
      }
      const result = lastResults.get(profile);
      if (!result) throw new RefreshError('unknown', `refreshing ${profile} gave no result`, '', profile);
      return result;
    },
    replan() {
      if (stopped) return;
      reload();
      plan();
      scheduler.notifyResumed();
    },
    notifyResumed() {
      if (!stopped) scheduler.notifyResumed();
    },
    async stop() {
      if (stopped) return;
      stopped = true;
      watcher?.close();
      scheduler.stop();
      memory.clear();
      await endpoint?.close();
    },
  };
}

