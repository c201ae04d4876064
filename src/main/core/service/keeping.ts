// Keeping profiles fresh in the background, for the daemon and the tray: the refresh scheduler
// (which calls service.refresh), the loopback container endpoint serving what the service holds,
// and re-planning when the AWS files, the store or the token file change.
import { mkdirSync, statSync } from 'node:fs';
import { sep } from 'node:path';
import { awsPaths, rolekeeperDataDir, storeFilePath } from '../model/aws-environment';
import { watchConfigFiles, type ConfigWatcher } from '../always-fresh/config-watcher';
import { EndpointTokenStore, startContainerEndpoint, type ContainerEndpoint, type EndpointTokenSource } from '../always-fresh/container-endpoint';
import { RefreshScheduler } from '../always-fresh/refresh-scheduler';
import { removeKeeperState, writeKeeperState } from '../always-fresh/keeper-state-file';
import {
  AnotherKeeperRunsError,
  candidatePorts,
  newEndpointDiscovery,
  newProofKey,
  probeEndpoint,
  readEndpointDiscovery,
  removeEndpointDiscovery,
  writeEndpointDiscovery,
  type EndpointDiscovery,
  type EndpointOwner,
} from '../always-fresh/endpoint-discovery';
import { fromProcessCredentials } from '../caches/process-cache';
import { RefreshError } from '../model/credentials';
import { roleFingerprint, settingsFingerprint } from '../credentials/role-fingerprint';
import { heldExpiry } from '../sinks/sink-registry';
import { matchingProcessCache } from '../sinks/process-cache';
import { isRefreshable } from '../credentials/profile-lookup';
import { SsoSessionKeeper, ssoSessionsOfProfiles } from '../sso/sso-session-keeper';
import type { RefreshResult } from './refresh-pipeline';
import type { AwsCredentials } from '../model/credentials';
import type { RefreshRunner, RolekeeperService } from './rolekeeper-service';
import { partsOfService, type ServiceParts } from './service-parts';
import { phrase, type Phrase } from '../../../shared/i18n';
import { WordedError } from '../model/worded-error';

export interface KeepingOptions {
  /** Refresh when this much validity remains; default: the store's refreshLeadSeconds. */
  leadMs?: number;
  /** Random extra lead so clients don't synchronise; default min(30 s, lead / 20). */
  jitterMs?: number;
  /** Least time between two scheduled refreshes of one profile; default 60 s and at least half the last session. */
  minIntervalMs?: number;
  /** Serve the loopback container endpoint: true (the store's endpointPort), a port (0 = any), or false. */
  endpoint?: boolean | { port: number };
  /** The tray: when the endpoint's port is taken (`rolekeeper daemon` serves it), keep profiles fresh without it. */
  withoutEndpointIfPortInUse?: boolean;
  /** Who serves the endpoint, written to the discovery file. Default 'daemon'. */
  owner?: EndpointOwner;
  /**
   * `rolekeeper exec`: serve only this profile, with this token that lives in memory only (it
   * dies with the child), on any free port, without a discovery file; the profile is kept fresh.
   */
  scopedToken?: { profile: string; token: string; credentials?: AwsCredentials };
  /** Watch the AWS files, the store, the token file and the SSO token cache. Default true. */
  watch?: boolean;
  /** Quiet time after a file change before re-planning. Default 250 ms. */
  debounceMs?: number;
  /** A line for the daemon's output: a phrase the face words in its language, or text said as it is. */
  log?: (line: LogLine) => void;
}

export type LogLine = Phrase | string;

export interface Keeping {
  /** The endpoint, when it runs. */
  readonly endpoint: ContainerEndpoint | null;
  /** What the discovery file says about this endpoint, when it runs. */
  readonly discovery: EndpointDiscovery | null;
  /** Profiles the scheduler keeps fresh: kept, managed, and those with an endpoint token. */
  keptProfiles(): string[];
  /** Refreshes now through the scheduler (concurrent callers share one STS call). */
  refreshNow(profile: string, options?: { mfaCode?: string }): Promise<RefreshResult>;
  /** Re-reads the files and the store and re-plans every timer from the wall clock. */
  replan(): void;
  /** After sleep/resume: timers may have stood still. */
  notifyResumed(): void;
  stop(): Promise<void>;
}

/** Token and registration files of the SSO cache; not the lock or temp files beside them. */
const SSO_CACHE_ENTRY = /\.json$/;

/** The endpoint refuses credentials this close to expiry; SDKs refresh 5 min ahead anyway. */
const MEMORY_MIN_VALID_MS = 60_000;

interface ScheduledResult {
  expiresAt: Date;
  result: RefreshResult;
}

/**
 * Another process (`export --via-endpoint`, `endpoint rotate`, `unkeep`) changes the token file:
 * a rotated or revoked token must stop working at once, not when the file watcher reports it, so
 * every lookup first checks whether the file was replaced (one stat, no read while it is unchanged).
 */
class ReloadingTokenStore extends EndpointTokenStore {
  private seen = '';

  override get(profile: string): string | undefined {
    let version: string;
    try {
      const stat = statSync(this.file);
      version = `${stat.ino}:${stat.mtimeMs}:${stat.size}`;
    } catch {
      version = 'missing';
    }
    if (version !== this.seen) {
      try {
        this.reload();
        this.seen = version;
      } catch {
        return undefined;
      }
    }
    return super.get(profile);
  }
}

class KeepingRuntime implements Keeping, RefreshRunner {
  endpoint: ContainerEndpoint | null = null;
  discovery: EndpointDiscovery | null = null;
  private scheduler: RefreshScheduler<ScheduledResult>;
  private plannedWith: { lead: number; warn: number };
  private watcher: ConfigWatcher | null = null;
  private stopped = false;
  /** Renews the SSO sessions of kept profiles; one notice per session when it cannot. */
  private readonly ssoSessions: SsoSessionKeeper;
  /** The settings each kept profile had at the last re-plan: a change retries a needs-you profile. */
  private readonly settingsAtLastPlan = new Map<string, string>();
  private publishPending = false;
  private stateSubscription: { dispose(): void } | null = null;
  /** Short sessions already said in the log, by profile, with the length said. */
  private readonly saidShort = new Map<string, number>();
  readonly tokens: EndpointTokenStore | null;

  constructor(
    private readonly service: RolekeeperService,
    private readonly parts: ServiceParts,
    private readonly options: KeepingOptions,
  ) {
    this.tokens = options.endpoint === false || options.scopedToken ? null : new ReloadingTokenStore(rolekeeperDataDir(service.environment));
    this.scheduler = this.makeScheduler();
    this.plannedWith = this.wantedPlan();
    this.ssoSessions = new SsoSessionKeeper({
      clock: this.parts.clock,
      state: this.parts.state,
      platform: service.environment.platform,
      sessions: () => ssoSessionsOfProfiles(this.keptProfiles(), service.profiles()),
      tokenDeps: () => ({
        ssoCacheDir: service.profiles().paths.ssoCacheDir,
        sso: this.parts.sso,
        env: service.environment.env,
        platform: service.environment.platform,
        now: () => this.parts.clock.now(),
      }),
      notifyLeadMs: () => service.store().settings.notifyLeadSeconds * 1000,
      onSessionRestored: (profiles) => {
        for (const name of profiles) if (this.parts.state.get(name)?.status === 'needs-you') this.scheduler.retry(name);
      },
      log: (line) => this.log(line),
    });
  }

  private log(line: LogLine): void {
    this.options.log?.(line);
  }

  private wantedPlan(): { lead: number; warn: number } {
    const settings = this.service.store().settings;
    return { lead: this.options.leadMs ?? settings.refreshLeadSeconds * 1000, warn: settings.notifyLeadSeconds * 1000 };
  }

  private makeScheduler(): RefreshScheduler<ScheduledResult> {
    const { lead, warn } = this.wantedPlan();
    return new RefreshScheduler<ScheduledResult>({
      refresh: async (profile, { signal, mfaCode }) => {
        // In the background nobody can answer: without a code handed in, an MFA profile needs you.
        const service = this.service;
        const result = await service.refresh(profile, { signal, mfaCode });
        // A token issued after this refresh (export --via-endpoint) is served at once from memory.
        if (result.credentials) this.parts.held.set(profile, result.credentials, roleFingerprint(profile, service.profiles(), service.store()));
        const expiresAt = result.outcome.expiresAt;
        if (!expiresAt) throw RefreshError.worded('unknown', phrase('engine.noExpiry', { profile }), phrase('engine.noExpiryFix'), profile);
        return { expiresAt, result };
      },
      store: this.parts.state,
      clock: this.parts.clock,
      leadMs: lead,
      jitterMs: this.options.jitterMs ?? Math.min(30_000, Math.floor(lead / 20)),
      minIntervalMs: this.options.minIntervalMs,
      // A least interval the person chose (`--min-interval`) is theirs alone: no half-session floor on top.
      sessionShare: this.options.minIntervalMs === undefined ? undefined : 0,
      warnBeforeMs: warn,
    });
  }

  private async startScopedEndpoint(scoped: NonNullable<KeepingOptions['scopedToken']>): Promise<void> {
    this.parts.held.startServing();
    if (scoped.credentials) this.parts.held.set(scoped.profile, scoped.credentials, roleFingerprint(scoped.profile, this.service.profiles(), this.service.store()));
    const only: EndpointTokenSource = {
      get: (profile) => (profile === scoped.profile ? scoped.token : undefined),
      ensure: (profile) => only.get(profile) ?? '',
      rotate: () => {
        throw new Error('a token scoped to one command is not rotated');
      },
    };
    const now = (): number => this.parts.clock.now();
    this.endpoint = await startContainerEndpoint({ port: 0, tokens: only, now, getCredentials: (profile) => this.servable(profile) });
  }

  private servable(profile: string): AwsCredentials | undefined {
    const service = this.service;
    const credentials = this.parts.held.get(profile, roleFingerprint(profile, service.profiles(), service.store()));
    if (!credentials) return undefined;
    if (credentials.expiration && credentials.expiration.getTime() - this.parts.clock.now() < MEMORY_MIN_VALID_MS) return undefined;
    return credentials;
  }

  async start(): Promise<void> {
    if (this.options.scopedToken) await this.startScopedEndpoint(this.options.scopedToken);
    if (this.tokens) {
      const environment = this.service.environment;
      const previous = readEndpointDiscovery(environment);
      if (previous && previous.pid !== process.pid && (await probeEndpoint(previous)) === 'ours') throw new AnotherKeeperRunsError(previous);
      this.parts.held.startServing();
      // While no keeper ran, anyone could have listened on the old port and kept the tokens
      // shells sent there: every token issued before this start stops working now.
      const rotated = this.tokens.rotateAll();
      const ports =
        typeof this.options.endpoint === 'object'
          ? [this.options.endpoint.port]
          : candidatePorts(this.service.store().settings.endpointPort, previous, environment);
      const now = (): number => this.parts.clock.now();
      const proofKey = newProofKey();
      this.endpoint = await listenOnFirstFree(ports, (port) => startContainerEndpoint({
        port,
        proofKey,
        tokens: this.tokens as EndpointTokenStore,
        now,
        getCredentials: (profile) => {
          const service = this.service;
          const credentials = this.parts.held.get(profile, roleFingerprint(profile, service.profiles(), service.store()));
          if (!credentials) return undefined;
          if (credentials.expiration && credentials.expiration.getTime() - now() < MEMORY_MIN_VALID_MS) return undefined;
          return credentials;
        },
      }));
      mkdirSync(rolekeeperDataDir(environment), { recursive: true, mode: 0o700 });
      this.discovery = newEndpointDiscovery(this.endpoint.port, this.options.owner ?? 'daemon', new Date(this.parts.clock.now()), proofKey);
      writeEndpointDiscovery(environment, this.discovery);
      this.log(phrase('engine.log.endpointListening', { url: `http://127.0.0.1:${this.endpoint.port}` }));
      if (previous && previous.port !== this.endpoint.port) this.log(phrase('engine.log.endpointMoved', { port: previous.port }));
      if (rotated.length > 0) this.log(phrase('engine.log.endpointTokensRotated', { count: rotated.length }));
    }
    if (this.options.watch !== false) {
      const environment = this.service.environment;
      const paths = awsPaths(environment);
      // The watcher follows a missing folder from its parent only: make sure ours exists.
      mkdirSync(rolekeeperDataDir(environment), { recursive: true, mode: 0o700 });
      const files = [paths.configFile, paths.credentialsFile, storeFilePath(environment), ...(this.tokens ? [this.tokens.file] : [])];
      this.watcher = watchConfigFiles({
        files,
        // `aws sso login` writes a token here, `aws sso logout` deletes it: the sessions' state
        // changes at once, renewal is re-planned, and kept profiles waiting for a sign-in retry.
        folders: [paths.ssoCacheDir],
        entryPattern: SSO_CACHE_ENTRY,
        clock: this.parts.clock,
        debounceMs: this.options.debounceMs,
        onChange: (changed) => {
          if (this.stopped) return;
          this.log(phrase('engine.log.changed', { files: changed.join(', ') }));
          this.reload();
          this.plan();
          if (changed.some((file) => file === paths.ssoCacheDir || file.startsWith(`${paths.ssoCacheDir}${sep}`))) this.retryAfterSignIn();
          // Token files are read when asked, not held: tell the views (tray, status) to look again.
          this.service.changed();
        },
      });
    }
    this.service.attachRunner(this);
    this.plan();
    if (this.discovery) {
      this.stateSubscription = this.parts.state.onDidChange(() => this.publishSoon());
      this.publish();
    }
  }

  /** Coalesces the several updates of one refresh into one write of the keeper's plan. */
  private publishSoon(): void {
    if (this.publishPending) return;
    this.publishPending = true;
    setImmediate(() => {
      this.publishPending = false;
      this.publish();
    });
  }

  /** Publishes this keeper's lead and plan for `rolekeeper status` (only a keeper with a discovery file is found). */
  private publish(): void {
    if (this.stopped || !this.discovery) return;
    const service = this.service;
    try {
      writeKeeperState(service.environment, {
        version: 1,
        startId: this.discovery.startId,
        pid: process.pid,
        leadSeconds: this.leadMs() / 1000,
        writtenAt: new Date(this.parts.clock.now()).toISOString(),
        profiles: this.parts.state.all().map((row) => ({ profile: row.profile, status: row.status, expiresAt: row.expiresAt, nextRefreshAt: row.nextRefreshAt })),
      });
    } catch (error) {
      this.log((error as Error).message);
    }
  }

  leadMs(): number {
    return this.plannedWith.lead;
  }

  keptProfiles(): string[] {
    const service = this.service;
    const names = new Set(service.keptProfiles());
    if (this.options.scopedToken) names.add(this.options.scopedToken.profile);
    // A profile exported through the endpoint must have credentials in memory to serve.
    for (const name of this.tokens?.profiles() ?? []) if (isRefreshable(name, service.profiles(), service.store())) names.add(name);
    return [...names];
  }

  refreshNow(profile: string, options: { mfaCode?: string } = {}): Promise<RefreshResult> {
    return this.scheduler.refreshNow(profile, options).then((scheduled) => scheduled.result);
  }

  replan(): void {
    if (this.stopped) return;
    this.reload();
    this.plan();
    this.scheduler.notifyResumed();
  }

  notifyResumed(): void {
    if (this.stopped) return;
    this.scheduler.notifyResumed();
    this.ssoSessions.replan();
  }

  async stop(): Promise<void> {
    if (this.stopped) return;
    this.stopped = true;
    this.service.attachRunner(null);
    this.watcher?.close();
    this.scheduler.stop();
    this.ssoSessions.stop();
    this.parts.held.clear();
    this.stateSubscription?.dispose();
    if (this.discovery) {
      removeKeeperState(this.service.environment, this.discovery.startId);
      removeEndpointDiscovery(this.service.environment, this.discovery.startId);
    }
    await this.endpoint?.close();
  }

  private reload(): void {
    this.service.reload();
    try {
      this.tokens?.reload();
    } catch (error) {
      this.log(error instanceof WordedError ? error.wording : (error as Error).message);
    }
    const wanted = this.wantedPlan();
    if (wanted.lead !== this.plannedWith.lead || wanted.warn !== this.plannedWith.warn) {
      // The scheduler's lead is fixed at construction and it cannot restart: replace it.
      this.scheduler.stop();
      this.scheduler = this.makeScheduler();
      this.plannedWith = wanted;
      this.publishSoon();
    }
  }

  /** Takes credentials someone else wrote (the CLI, a restart) when they outlast what memory holds. */
  private seedFromProcessCache(name: string): void {
    const service = this.service;
    const cached = matchingProcessCache(name, service.sinkContext());
    if (!cached?.output.Expiration) return;
    const expires = Date.parse(cached.output.Expiration);
    const fingerprint = roleFingerprint(name, service.profiles(), service.store());
    const held = this.parts.held.get(name, fingerprint)?.expiration?.getTime() ?? 0;
    if (expires > held && expires - this.parts.clock.now() > MEMORY_MIN_VALID_MS) this.parts.held.set(name, fromProcessCredentials(cached.output), fingerprint);
  }

  private plan(): void {
    const service = this.service;
    const kept = this.keptProfiles();
    const context = service.sinkContext();
    const expiries = new Map<string, Date | null>();
    for (const name of kept) {
      this.seedFromProcessCache(name);
      let expiry: Date | null;
      try {
        expiry = heldExpiry(name, context);
      } catch {
        expiry = null;
      }
      // The files keep whole seconds; STS gave milliseconds. The same expiry is no news.
      const known = this.parts.state.get(name)?.expiresAt;
      if (expiry && known && Math.abs(Date.parse(known) - expiry.getTime()) < 1000) expiry = new Date(known);
      expiries.set(name, expiry);
    }
    for (const name of this.parts.held.profiles()) if (!kept.includes(name)) this.parts.held.delete(name);
    this.scheduler.setProfiles(kept, expiries);
    // A profile that needs you gets another try once its settings (or its sources') changed:
    // the user may have fixed what was wrong. Rolekeeper's own key rewrites elsewhere are no reason.
    for (const name of kept) {
      const print = settingsFingerprint(name, service.profiles(), service.store());
      const before = this.settingsAtLastPlan.get(name);
      this.settingsAtLastPlan.set(name, print);
      if (before !== undefined && before !== print && this.parts.state.get(name)?.status === 'needs-you') this.scheduler.retry(name);
    }
    for (const name of [...this.settingsAtLastPlan.keys()]) if (!kept.includes(name)) this.settingsAtLastPlan.delete(name);
    this.sayShortSessions(kept);
    this.ssoSessions.replan();
  }

  /**
   * A token written to the SSO cache (`aws sso login`, a sign-in in the tray) may end what made an
   * SSO profile need you even when the old token still looked valid (the session ended or was
   * revoked early, and GetRoleCredentials refused it): those profiles try again with it.
   */
  private retryAfterSignIn(): void {
    const service = this.service;
    for (const session of ssoSessionsOfProfiles(this.keptProfiles(), service.profiles())) {
      for (const name of session.profiles) if (this.parts.state.get(name)?.status === 'needs-you') this.scheduler.retry(name);
    }
  }

  /** Once per profile and session length: sessions too short for the AWS CLI's cache, and what serves them. */
  private sayShortSessions(kept: readonly string[]): void {
    const service = this.service;
    for (const found of service.shortSessions(kept, this.leadMs())) {
      if (this.saidShort.get(found.profile) === found.sessionSeconds) continue;
      this.saidShort.set(found.profile, found.sessionSeconds);
      this.log(found.wording);
    }
  }
}

/** Listens on the first port of the list that is free; EADDRINUSE only when the last one is taken too. */
async function listenOnFirstFree(ports: number[], listen: (port: number) => Promise<ContainerEndpoint>): Promise<ContainerEndpoint> {
  for (const [index, port] of ports.entries()) {
    try {
      return await listen(port);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EADDRINUSE' || index === ports.length - 1) throw error;
    }
  }
  throw new Error('no port to listen on');
}

/** Starts keeping the service's profiles fresh; resolves once the endpoint listens. */
export async function startKeeping(service: RolekeeperService, options: KeepingOptions = {}): Promise<Keeping> {
  const keeping = new KeepingRuntime(service, partsOfService(service), options);
  try {
    await keeping.start();
  } catch (error) {
    await keeping.stop();
    const deferrable = error instanceof AnotherKeeperRunsError || (error as NodeJS.ErrnoException).code === 'EADDRINUSE';
    if (!deferrable || !options.withoutEndpointIfPortInUse) throw error;
    options.log?.(error instanceof AnotherKeeperRunsError ? phrase('engine.log.withoutEndpoint', { message: error.wording }) : phrase('engine.log.portInUse'));
    return startKeeping(service, { ...options, endpoint: false, withoutEndpointIfPortInUse: false });
  }
  return keeping;
}
