// The one engine service: every operation the CLI commands, the daemon and the tray run, over one
// read of the files and Rolekeeper's store. Built with explicit ports (environment, clock, STS), so
// unit tests pass a recording STS and a fake clock. Keeping profiles fresh in the background
// (scheduler, endpoint, file watching) is attached with startKeeping() (keeping.ts).
import { existsSync } from 'node:fs';
import * as path from 'node:path';
import { awsPaths, rolekeeperDataDir, type AwsEnvironment } from '../model/aws-environment';
import { loadProfiles } from '../aws-config/profile-loader';
import type { ProfileSet } from '../aws-config/profile-model';
import { clearCliCache as clearCacheEntries, type CacheSelection, type ClearCacheResult, type SkippedEntry } from '../caches/cache-cleaner';
import { cacheKeyForProfile, findCliCacheEntry, readCliCache, toAwsCredentials, type CliCacheScan } from '../caches/cli-cache';
import { fromProcessCredentials } from '../caches/process-cache';
import { statusForExpiry, summarizeProfiles } from '../credentials/credential-state';
import { obtainCredentials, type MfaCodeProvider } from '../credentials/credential-chain';
import { verifyProfile, type VerifiedIdentity } from '../credentials/verify-profile';
import { unlessRejected } from '../credentials/rejected-keys';
import { describeLocation, resolveCliCredentials } from '../credentials/credential-resolver';
import type { AwsCredentials } from '../model/credentials';
import { renderViaEndpoint } from '../credentials/endpoint-export';
import { renderCredentialExport } from '../credentials/env-export';
import { emptyStore, keptProfiles, readStore, rememberAccountNames, sinksOf, type StoreData } from '../credentials/rolekeeper-store';
import { EXPORT_MIN_VALID_MS } from '../model/validity-margins';
import { runDoctor, sortFindings, withCommandLines } from '../doctor/doctor';
import { runOnlineChecks } from '../doctor/doctor-online';
import { rejectedResolution } from '../doctor/rejected-resolution';
import { hasRejectedKeys } from '../credentials/rejected-keys';
import { findingsFor, manualCommands, planRepair, shellLines, type RepairPlan } from '../repair/repair-plan';
import { pasteShellFor } from '../repair/paste-shell';
import { stepLines } from '../repair/repair-commands';
import { applyRepairSteps, type StepOutcome } from '../repair/repair-apply';
import { isAutomatic, type RepairStep } from '../../../shared/repair-steps';
import { systemClock, type Clock } from '../always-fresh/clock';
import { ProfileStateStore, type Disposable, type ProfileStateView } from '../always-fresh/profile-state-store';
import { registerServiceParts } from './service-parts';
import { createMfaSessionCache, type MfaSessionCache } from '../sts/mfa-session';
import type { StsCallOptions } from '../sts/sts-client-factory';
import { awsSdkSts, type StsPort } from '../sts/sts-port';
import type { SsoPort } from '../sso/sso-port';
import { awsSdkSso } from '../sso/sso-gateway';
import { ssoLogin, type BrowserOpener, type SsoLoginFlow, type SsoLoginPrompt, type SsoLoginResult } from '../sso/sso-login';
import { loginSessionFor, type SsoLoginTarget, type SsoSessionConfig } from '../sso/sso-profile-config';
import { populateSsoProfiles, type PopulateOptions, type PopulateResult } from '../sso/sso-populate';
import { describeSsoSessions, ssoSessionByProfile, type SsoSessionState } from '../sso/sso-session-state';
import { HeldCredentials } from '../sinks/held-credentials';
import { roleFingerprint } from '../credentials/role-fingerprint';
import { SINKS } from '../sinks/sink-registry';
import { shortSessions, type ShortSession } from '../always-fresh/short-session';
import type { SinkContext } from '../sinks/sink';
import { matchingProcessCache } from '../sinks/process-cache';
import { isRefreshable, requireProfile, unknownProfileError } from '../credentials/profile-lookup';
import { quoteNameForAnyShell } from '../shell/any-shell';
import { refreshProfile, type RefreshOptions, type RefreshResult } from './refresh-pipeline';
import { RefreshError } from '../model/credentials';
import { RolekeeperError } from '../model/rolekeeper-error';
import type { ErrorKind } from '../../../shared/error-kinds';
import { consoleSignIn, type ConsoleOptions, type ConsoleSignIn } from '../console/console-sign-in';
import { httpFederation, type FederationPort } from '../console/federation-port';
import type { EngineNotification } from '../../../shared/engine-events';
import type { Finding, ProfileSummary } from '../../../shared/profile-summary';
import type { ExportForm, ShellKind } from '../../../shared/ipc-contract';
import type { SinkKind } from '../../../shared/sink-kinds';
import { english, phrase, say, type Phrase } from '../../../shared/i18n';
import { osKeychain, type KeychainPort } from '../vault/keychain';
import { addToKeychain, exportFromKeychain, listKeychain, moveToKeychain, removeFromKeychain, type VaultContext, type VaultEntry, type VaultOutcome } from '../vault/vault-operations';
import type { LongTermKeys } from '../vault/keychain';
import { endpointTokens, ensureEndpointProfile, EndpointNotRunningError } from '../credentials/endpoint-export';
import { runningEndpoint } from '../always-fresh/endpoint-discovery';
import type { ExportFormat } from '../credentials/env-export';

export interface ServicePorts {
  environment: AwsEnvironment;
  clock?: Clock;
  /** Where STS calls go; default the AWS SDK. */
  sts?: StsPort;
  /** The AWS federation endpoint (console sign-in); the real HTTPS one when absent. */
  federation?: FederationPort;
  stsOptions?: StsCallOptions;
  /** Where IAM Identity Center (SSO, SSO-OIDC) calls go; default the AWS SDK. */
  sso?: SsoPort;
  /** Opens a URL in the user's browser (SSO sign-in); default: none, the URL is only printed. */
  openBrowser?: BrowserOpener;
  /** Diagnostic lines (never a secret). */
  log?: (line: string) => void;
  /** Where `rolekeeper vault` keeps long-term keys; default the OS keychain. */
  keychain?: KeychainPort;
}

/** The refresh path of the background keeper, when one runs: shares one STS call per profile. */
export interface RefreshRunner {
  refreshNow(profile: string, options: { mfaCode?: string }): Promise<RefreshResult>;
  /** Re-reads the files and re-plans every timer from the wall clock. */
  replan(): void;
  /** Kept profiles, with those the endpoint serves. */
  keptProfiles(): string[];
  /** The lead this keeper renews with (its own, e.g. `daemon --lead`, or the store's). */
  leadMs(): number;
}

/** Profile state beyond the summaries: what the scheduler is doing with each profile. */
export interface EngineActivity {
  keptFresh: string[];
  /** Refreshes that stopped because an MFA code is needed. */
  pendingMfa: string[];
  refreshing: string[];
}

const MFA_KINDS: ReadonlySet<ErrorKind> = new Set<ErrorKind>(['mfa-required', 'mfa-invalid']);

export interface RefreshAllResult {
  profile: string;
  ok: boolean;
  /** The error's kind when it failed (e.g. `mfa-required`); `unknown` for an error outside the engine's. */
  kind?: ErrorKind;
  /** Secret-free, says what to do. */
  message?: string;
}

const REJECTION_CODES = new Set(['sts-expired-source', 'sts-invalid-client-token']);

export interface DoctorRunOptions {
  /** Skip STS: only the files, caches and environment. */
  offline?: boolean;
  /** Profiles named by the person: checked with STS too, and the findings narrowed to them. */
  profiles?: string[];
  /** The shell the fix lines are for; default a guess, quoted for any shell. */
  shell?: ShellKind;
  sts?: StsCallOptions;
}

export interface CheckedDoctor {
  findings: Finding[];
  /** Whether STS was asked: `unreachable` means it was tried and could not be reached. */
  sts: 'checked' | 'skipped' | 'unreachable';
}

export interface RepairDescription {
  shell: ShellKind;
  shellText: string;
  steps: Array<{ step: RepairStep; lines: string[] }>;
  manual: string[];
}

export interface RepairResult {
  outcomes: StepOutcome[];
  /** The profiles in use checked as `aws sts get-caller-identity` would (null: `aws` without --profile). */
  verified: Array<{ profile: string | null; ok: boolean; arn?: string; message?: string; wording?: Phrase }>;
}

/** The environment the shell has once it ran the plan's unset and set lines. */
export function environmentAfter(environment: AwsEnvironment, steps: readonly RepairStep[]): AwsEnvironment {
  const env: Record<string, string | undefined> = { ...environment.env };
  for (const step of steps) {
    if (step.kind === 'unset-variables') for (const name of step.names) delete env[name];
    if (step.kind === 'set-variable') env[step.name] = step.value;
  }
  return { ...environment, env };
}

export class RolekeeperService {
  /** The environment the service was built for (HOME, variables, platform): a value, read by the faces. */
  readonly environment: AwsEnvironment;
  private readonly clock: Clock;
  private readonly profileState: ProfileStateStore;
  private readonly held: HeldCredentials;
  private readonly sts: StsPort;
  private readonly federation: FederationPort;
  private readonly sso: SsoPort;
  private readonly openBrowser: BrowserOpener | null;
  private readonly stsOptions?: StsCallOptions;
  private readonly log: (line: string) => void;
  private readonly keychain: KeychainPort;
  private profileSet: ProfileSet;
  private storeData: StoreData;
  private storeProblem: Error | null = null;
  private cacheScan: CliCacheScan | null = null;
  private mfaSessions: MfaSessionCache | undefined;
  private runner: RefreshRunner | null = null;
  private readonly listeners = new Set<() => void>();

  constructor(ports: ServicePorts) {
    this.environment = ports.environment;
    this.clock = ports.clock ?? systemClock;
    this.sts = ports.sts ?? awsSdkSts;
    this.federation = ports.federation ?? httpFederation;
    this.sso = ports.sso ?? awsSdkSso;
    this.openBrowser = ports.openBrowser ?? null;
    this.stsOptions = ports.stsOptions;
    this.log = ports.log ?? (() => undefined);
    this.keychain = ports.keychain ?? osKeychain(this.environment.platform);
    // Only a keeper serving the endpoint holds credentials in memory (startKeeping turns it on).
    this.held = new HeldCredentials(false);
    this.profileState = new ProfileStateStore(() => this.clock.now());
    this.profileState.onDidChange(() => this.changed());
    // The keeper (keeping.ts) runs on these; no one else reaches them.
    registerServiceParts(this, { clock: this.clock, state: this.profileState, held: this.held, sso: this.sso });
    this.profileSet = loadProfiles(this.environment);
    this.storeData = this.readStoreOrEmpty();
  }

  /** An unreadable store must not hide the profiles (list, doctor): read as empty, refreshes refuse. */
  private readStoreOrEmpty(): StoreData {
    try {
      const data = readStore(this.environment);
      this.storeProblem = null;
      return data;
    } catch (error) {
      this.storeProblem = error as Error;
      return emptyStore();
    }
  }

  // ---- what the service holds ----

  /** What the scheduler knows of each profile, and its changes and notifications (read only). */
  get state(): ProfileStateView {
    return this.profileState;
  }

  /** Milliseconds since the epoch on the service's clock (a fake one in tests). */
  now(): number {
    return this.clock.now();
  }

  profiles(): ProfileSet {
    return this.profileSet;
  }

  store(): StoreData {
    return this.storeData;
  }

  /** Re-reads the files and the store; a file that cannot be read keeps the last good read. */
  reload(): void {
    try {
      this.profileSet = loadProfiles(this.environment);
    } catch (error) {
      this.log(`cannot read the AWS files, keeping the last good read: ${(error as Error).message}`);
    }
    try {
      this.storeData = readStore(this.environment);
      this.storeProblem = null;
    } catch (error) {
      this.log(`cannot read Rolekeeper's store, keeping the last good read: ${(error as Error).message}`);
    }
    this.cacheScan = null;
  }

  sinkContext(): SinkContext {
    return { environment: this.environment, profiles: this.profileSet, store: this.storeData, held: this.held, now: () => this.clock.now() };
  }

  requireProfile(name: string): void {
    requireProfile(name, this.profileSet, this.storeData, this.environment.platform);
  }

  /** Role and managed profiles: the ones a refresh can renew. */
  refreshableProfiles(): string[] {
    const names = [...this.profileSet.profiles.map((profile) => profile.name), ...Object.keys(this.storeData.managed)];
    return [...new Set(names)].filter((name) => isRefreshable(name, this.profileSet, this.storeData));
  }

  /** Profiles kept fresh: chosen, managed, and those with an endpoint token. */
  keptProfiles(): string[] {
    return keptProfiles(this.storeData);
  }

  sinksOf(name: string): SinkKind[] {
    return sinksOf(this.storeData, name);
  }

  /** The lead of the keeper attached to this service, else the stored setting. */
  keeperLeadMs(): number {
    return this.runner?.leadMs() ?? this.storeData.settings.refreshLeadSeconds * 1000;
  }

  /**
   * Kept profiles (or those named) whose sessions are too short for the AWS CLI's cache to serve:
   * `keep`, doctor, the daemon and the tray say so and offer credential_process, the endpoint or exec.
   */
  shortSessions(names: readonly string[] = this.keptProfiles(), leadMs: number = this.keeperLeadMs()): ShortSession[] {
    return shortSessions(names, {
      profiles: this.profileSet,
      store: this.storeData,
      leadMs,
      platform: this.environment.platform,
      observedSessionMs: (name) => {
        const state = this.profileState.get(name);
        if (!state?.expiresAt || !state.lastRefreshedAt) return null;
        const length = Date.parse(state.expiresAt) - Date.parse(state.lastRefreshedAt);
        return length > 0 ? length : null;
      },
    });
  }

  /** Below this much validity a profile counts as expiring: one threshold for every view and notice. */
  expiringWithinMs(): number {
    return this.storeData.settings.notifyLeadSeconds * 1000;
  }

  // ---- events ----

  /** Fires after any change of summaries, activity or settings. */
  onDidChange(listener: () => void): Disposable {
    this.listeners.add(listener);
    return { dispose: () => this.listeners.delete(listener) };
  }

  onNotification(listener: (notification: EngineNotification) => void): Disposable {
    return this.profileState.onNotification(listener);
  }

  changed(): void {
    this.cacheScan = null;
    for (const listener of [...this.listeners]) {
      try {
        listener();
      } catch {
        /* a throwing subscriber must not break the others */
      }
    }
  }

  attachRunner(runner: RefreshRunner | null): void {
    this.runner = runner;
  }

  /** After a change of the files or settings, sleep/resume or unlock: read again and re-plan. */
  replan(): void {
    if (this.runner) this.runner.replan();
    else this.reload();
    this.changed();
  }

  activity(): EngineActivity {
    const states = this.profileState.all();
    return {
      keptFresh: this.runner?.keptProfiles() ?? this.keptProfiles(),
      pendingMfa: states.filter((state) => state.status === 'needs-you' && state.lastError !== null && MFA_KINDS.has(state.lastError.kind)).map((state) => state.profile),
      refreshing: states.filter((state) => state.refreshing).map((state) => state.profile),
    };
  }

  // ---- operations ----

  /** Every profile's state, in `aws configure list-profiles` order, with what the scheduler knows. */
  summaries(): ProfileSummary[] {
    const now = new Date(this.clock.now());
    this.cacheScan ??= readCliCache(this.profileSet.paths.cliCacheDir);
    const list = summarizeProfiles({
      profiles: this.profileSet,
      environment: this.environment,
      now,
      leadMs: this.expiringWithinMs(),
      cacheScan: this.cacheScan,
      managedProfiles: new Set(Object.keys(this.storeData.managed)),
    });
    const sessions = ssoSessionByProfile(this.profileSet, this.ssoSessions());
    const short = new Map(this.shortSessions().map((found) => [found.profile, found]));
    // One read of the rejected keys for the whole list (a missing file is the usual case), not one per profile.
    const anyRejected = hasRejectedKeys(this.environment);
    return list.map((summary) => {
      const merged = this.withSchedulerState(anyRejected ? this.withRejection(summary, now) : summary, now);
      const session = sessions.get(summary.name);
      const shortSession = short.get(summary.name);
      return {
        ...merged,
        ...(session ? { ssoSession: session } : {}),
        ...(shortSession ? { shortSession: { sessionSeconds: shortSession.sessionSeconds, servedByCredentialProcess: shortSession.servedByCredentialProcess, wording: shortSession.wording } } : {}),
      };
    });
  }

  /** Credentials STS refused are not valid, whatever their expiry says: as the AWS CLI will find (the same place doctor reads). */
  private withRejection(summary: ProfileSummary, now: Date): ProfileSummary {
    const resolution = rejectedResolution(this.environment, this.profileSet, summary.name, now, this.cacheScan ?? undefined);
    if (!resolution) return summary;
    const word = quoteNameForAnyShell(this.environment.platform, summary.name);
    const errorWording = phrase('summary.stsRejected', { profile: word, location: describeLocation(resolution.location) });
    return { ...summary, status: 'expired', error: say(english, errorWording), errorWording };
  }

  summaryOf(name: string): ProfileSummary {
    const found = this.summaries().find((summary) => summary.name === name);
    if (!found) throw unknownProfileError(name, this.profileSet, this.environment.platform);
    return found;
  }

  /** Refreshes one profile and publishes to its sinks (the scheduler calls this too). */
  async refresh(name: string, options: RefreshOptions = {}): Promise<RefreshResult> {
    if (this.storeProblem) throw this.storeProblem;
    const result = await refreshProfile(name, options, {
      ...this.sinkContext(),
      sts: this.sts,
      stsOptions: this.stsOptions,
      sso: this.sso,
      mfaSessions: this.mfaSessionCache(),
      keychain: this.keychain,
    });
    if (result.outcome.refreshed) {
      this.profileState.update(name, { sinks: result.outcome.sinks.map((sink) => sink.kind) });
      this.changed();
    }
    return result;
  }

  // ---- long-term keys in the OS keychain (`rolekeeper vault`, the tray's keychain actions) ----
  private vaultContext(): VaultContext {
    return { environment: this.environment, profiles: this.profileSet, keychain: this.keychain };
  }

  private async vaultChange(run: (context: VaultContext) => Promise<VaultOutcome>): Promise<VaultOutcome> {
    try {
      return await run(this.vaultContext());
    } finally {
      this.reload();
    }
  }

  /** Stores typed or piped keys for `name` in the keychain; its credential_process reads them from there. */
  vaultAdd(name: string, keys: LongTermKeys): Promise<VaultOutcome> {
    return this.vaultChange((context) => addToKeychain(name, keys, context));
  }

  /** Moves `name`'s long-term keys out of the files into the keychain. */
  vaultMove(name: string): Promise<VaultOutcome> {
    return this.vaultChange((context) => moveToKeychain(name, context));
  }

  /** Writes `name`'s keys back to the credentials file and forgets them in the keychain. */
  vaultExport(name: string): Promise<VaultOutcome> {
    return this.vaultChange((context) => exportFromKeychain(name, context));
  }

  vaultRemove(name: string): Promise<VaultOutcome> {
    return this.vaultChange((context) => removeFromKeychain(name, context));
  }

  vaultList(): Promise<VaultEntry[]> {
    return listKeychain(this.vaultContext());
  }

  /** Whether `name` takes its keys from the keychain (credential-process serves these straight from it, cached nowhere). */
  isKeychainProfile(name: string): boolean {
    return this.profileSet.get(name)?.type === 'keychain';
  }

  /** What a refresh would change in the files if the store were `store` (for `manage --dry-run`); calls nothing. */
  previewRefresh(name: string, store: StoreData): Promise<RefreshResult> {
    return refreshProfile(name, { dryRun: true }, { ...this.sinkContext(), store, sts: this.sts });
  }

  /** A refresh a person asked for: through the keeper when one runs (one STS call per profile). */
  async refreshNow(name: string, options: { mfaCode?: string } = {}): Promise<RefreshResult> {
    this.requireProfile(name);
    const result = this.runner ? await this.runner.refreshNow(name, options) : await this.refresh(name, options);
    this.replan();
    return result;
  }

  /** Refreshes `only` (the tray's plan: kept and needed profiles), or every refreshable profile. */
  async refreshAll(only?: readonly string[]): Promise<RefreshAllResult[]> {
    const names = only ? this.refreshableProfiles().filter((name) => only.includes(name)) : this.refreshableProfiles();
    const settled = await Promise.allSettled(names.map((name) => this.refreshNow(name)));
    return settled.map((outcome, index) => {
      if (outcome.status === 'fulfilled') return { profile: names[index], ok: true };
      const error: unknown = outcome.reason;
      return {
        profile: names[index],
        ok: false,
        kind: error instanceof RolekeeperError ? error.kind : 'unknown',
        message: error instanceof Error ? error.message : `refreshing ${names[index]} failed`,
      };
    });
  }

  /**
   * Credentials of the profile with at least `minValidMs` left, for exports: held in memory, a
   * cached session (Rolekeeper's or the AWS CLI's), keys in the files, or else a refresh.
   */
  async credentialsNow(name: string, minValidMs: number, mfaCode?: RefreshOptions['mfaCode']): Promise<AwsCredentials> {
    this.requireProfile(name);
    const now = this.clock.now();
    const lasts = (credentials: AwsCredentials | undefined): credentials is AwsCredentials =>
      credentials !== undefined && (!credentials.expiration || credentials.expiration.getTime() - now >= minValidMs);
    const context = this.sinkContext();
    if (!isRefreshable(name, this.profileSet, this.storeData)) {
      const chain = await obtainCredentials(name, { environment: this.environment, profiles: this.profileSet, store: this.storeData, sts: this.sts, stsOptions: this.stsOptions, sso: this.sso, keychain: this.keychain, now: () => now });
      return chain.credentials;
    }
    const held = this.held.get(name, roleFingerprint(name, this.profileSet, this.storeData));
    if (lasts(held)) return held;
    const cached = matchingProcessCache(name, context);
    const fromCache = cached ? fromProcessCredentials(cached.output) : undefined;
    if (fromCache?.expiration && lasts(fromCache)) return fromCache;
    const profile = this.profileSet.get(name);
    if (profile && SINKS['cli-cache'].accepts(name, context)) {
      const entry = unlessRejected(this.environment, findCliCacheEntry(profile, this.profileSet.paths.cliCacheDir));
      const fromCli = entry ? toAwsCredentials(entry) : undefined;
      if (lasts(fromCli)) return fromCli;
    }
    const refreshed = await this.refresh(name, { mfaCode });
    return refreshed.credentials as AwsCredentials;
  }

  /**
   * GetCallerIdentity with exactly what `aws [--profile NAME]` would sign with now (null: as `aws`
   * without --profile), so verify and the AWS CLI succeed and fail together.
   */
  async verify(name: string | null, mfaCode?: MfaCodeProvider): Promise<VerifiedIdentity> {
    if (name !== null) this.requireProfile(name);
    return verifyProfile(
      { profile: name, mfaCode },
      {
        environment: this.environment,
        profiles: this.profileSet,
        store: this.storeData,
        sts: this.sts,
        stsOptions: this.stsOptions,
        sso: this.sso,
        keychain: this.keychain,
        now: () => this.clock.now(),
        refresh: async (profile, code) => (await this.refresh(profile, { mfaCode: code })).credentials as AwsCredentials,
      },
    );
  }

  /** An AWS console sign-in URL from the profile's role session (see console-sign-in.ts); never for the renderer. */
  async consoleSignIn(name: string, options: ConsoleOptions = {}): Promise<ConsoleSignIn> {
    return consoleSignIn(options, {
      summary: this.summaryOf(name),
      refreshable: isRefreshable(name, this.profileSet, this.storeData),
      credentials: () => this.credentialsNow(name, EXPORT_MIN_VALID_MS),
      federation: this.federation,
      endpointOverride: this.environment.env.ROLEKEEPER_FEDERATION_ENDPOINT,
    });
  }

  /** Opens the console in the browser; false when no browser could be opened (the URL is not shown then). */
  async openConsole(name: string, options: ConsoleOptions = {}): Promise<{ opened: boolean; destination: string }> {
    const signIn = await this.consoleSignIn(name, options);
    const opened = this.openBrowser ? await this.openBrowser(signIn.url) : false;
    return { opened, destination: signIn.destination };
  }

  /** The shell text of an export (keys, or the endpoint's URL and token); never for the renderer. */
  async exportText(name: string, shell: ShellKind | 'json', form: ExportForm): Promise<string> {
    this.requireProfile(name);
    if (form === 'endpoint') {
      const text = await renderViaEndpoint(this.environment, name, shell, this.profileSet);
      // A new token (and maybe the endpoint profile): serve that profile from now on.
      this.replan();
      return text;
    }
    return renderCredentialExport(await this.credentialsNow(name, EXPORT_MIN_VALID_MS), shell, this.profileSet.get(name)?.region?.value ?? null);
  }

  /** `export PROFILE`: the shell lines (or JSON) of credentials that outlast an export's margin. */
  async exportKeys(name: string, format: ExportFormat, mfaCode?: RefreshOptions['mfaCode']): Promise<string> {
    const credentials = await this.credentialsNow(name, EXPORT_MIN_VALID_MS, mfaCode);
    return renderCredentialExport(credentials, format, this.profileSet.get(name)?.region?.value ?? null);
  }

  /** Removes one profile's AWS CLI cache entry, or all of them; resolves to the files removed. */
  async clearCache(name?: string): Promise<{ removed: string[]; skipped: SkippedEntry[] }> {
    const cacheDir = awsPaths(this.environment).cliCacheDir;
    let result;
    if (name === undefined) {
      result = clearCacheEntries(cacheDir, { all: true });
    } else {
      this.requireProfile(name);
      const profile = this.profileSet.get(name);
      const key = profile ? cacheKeyForProfile(profile) : null;
      result = key ? clearCacheEntries(cacheDir, { keys: [key] }) : { removed: [], skipped: [] };
    }
    this.replan();
    return { removed: result.removed, skipped: result.skipped };
  }

  /**
   * The AWS CLI cache key of a profile in the files: null when its kind of profile has no cache
   * entry, undefined when it lives only in Rolekeeper's store (a managed profile not yet written).
   */
  cliCacheKeyOf(name: string): string | null | undefined {
    this.requireProfile(name);
    const profile = this.profileSet.get(name);
    return profile ? cacheKeyForProfile(profile) : undefined;
  }

  /** Removes the AWS CLI cache entries chosen (`clear-cache`), with what was skipped and why. */
  clearCliCacheEntries(selection: CacheSelection): ClearCacheResult {
    const result = clearCacheEntries(awsPaths(this.environment).cliCacheDir, selection);
    this.cacheScan = null;
    return result;
  }

  // ---- the endpoint ----

  /** New endpoint tokens for every profile that has one; resolves to those profiles. */
  rotateEndpointTokens(): string[] {
    return endpointTokens(this.environment).rotateAll();
  }

  /** A new endpoint token for `name`; false when it had none to rotate. */
  rotateEndpointToken(name: string): boolean {
    this.requireProfile(name);
    const tokens = endpointTokens(this.environment);
    if (tokens.get(name) === undefined) return false;
    tokens.rotate(name);
    return true;
  }

  /**
   * `export --via-endpoint`: the lines that point a shell at the running keeper's endpoint, and
   * the config file when the endpoint's empty profile had to be added to it.
   */
  async exportViaEndpoint(name: string, format: ExportFormat): Promise<{ text: string; addedProfileTo: string | null }> {
    this.requireProfile(name);
    if ((await runningEndpoint(this.environment)) === null) throw new EndpointNotRunningError();
    const added = await ensureEndpointProfile(this.environment, this.profileSet);
    const file = this.profileSet.paths.configFile;
    return { text: await this.exportText(name, format, 'endpoint'), addedProfileTo: added ? file : null };
  }

  /** The IAM Identity Center sign-in a login target means (a session, or a profile's session or start URL). */
  ssoSignInFor(target: SsoLoginTarget): SsoSessionConfig {
    return loginSessionFor(target, this.profileSet);
  }

  /** Signs in to IAM Identity Center and writes the token where the AWS CLI reads it. */
  async ssoLogin(
    target: SsoLoginTarget,
    options: { flow: SsoLoginFlow; onPrompt: (prompt: SsoLoginPrompt) => void; sleep?: (ms: number) => Promise<void>; signal?: AbortSignal },
  ): Promise<SsoLoginResult & { session: SsoSessionConfig }> {
    const session = loginSessionFor(target, this.profileSet);
    const result = await ssoLogin(
      session,
      options.flow,
      {
        ssoCacheDir: this.profileSet.paths.ssoCacheDir,
        sso: this.sso,
        env: this.environment.env,
        platform: this.environment.platform,
        now: () => this.clock.now(),
        openBrowser: this.openBrowser,
        onPrompt: options.onPrompt,
        sleep: options.sleep,
        signal: options.signal,
      },
      target.profile ?? null,
    );
    this.replan();
    return { ...result, session };
  }

  /** Profiles for every account and role the sign-in may use, appended to ~/.aws/config (or only the diff). */
  async ssoPopulate(options: PopulateOptions): Promise<PopulateResult> {
    const result = await populateSsoProfiles(options, { environment: this.environment, profiles: this.profileSet, sso: this.sso, now: () => this.clock.now() });
    // A dry run writes nothing, not even Rolekeeper's own store.
    const learnt = options.dryRun ? false : await this.rememberAccountNames(result.accounts);
    if (result.written || learnt) this.replan();
    return result;
  }

  /** Account id → name, as IAM Identity Center's ListAccounts named them (learnt by `sso populate`). */
  accountNames(): Record<string, string> {
    return { ...this.storeData.accountNames };
  }

  /** Keeps names ListAccounts gave; resolves true when the store changed. A store that cannot be written only costs the names. */
  private async rememberAccountNames(accounts: ReadonlyArray<{ accountId: string; accountName: string | null }>): Promise<boolean> {
    const names: Record<string, string> = {};
    for (const account of accounts) if (account.accountName) names[account.accountId] = account.accountName;
    const known = this.storeData.accountNames;
    if (Object.entries(names).every(([id, name]) => known[id] === name)) return false;
    try {
      await rememberAccountNames(this.environment, names);
      return true;
    } catch (error) {
      this.log(`cannot remember account names: ${(error as Error).message}`);
      return false;
    }
  }

  /** Every SSO sign-in the files use, with its token state (no secret). */
  ssoSessions(): SsoSessionState[] {
    return describeSsoSessions(this.profileSet, this.environment.platform, this.clock.now());
  }

  /** The offline findings (files, caches, environment, startup files), fix lines for `shell` or any shell. */
  doctor(options: { shell?: ShellKind } = {}): Finding[] {
    return runDoctor({ environment: this.environment, now: new Date(this.clock.now()), profiles: this.profileSet, leadMs: this.expiringWithinMs(), shell: options.shell });
  }

  /**
   * Doctor as the AWS CLI will meet it: asks STS (bounded, short timeouts) whether the credentials
   * in use work and how far the clock is off, then reads everything offline (rejections STS just
   * gave show up there, in the same status `list` shows). STS unreachable: said once, offline goes on.
   */
  async checkedDoctor(options: DoctorRunOptions = {}): Promise<CheckedDoctor> {
    const named = options.profiles ?? [];
    for (const name of named) this.requireProfile(name);
    let online: Finding[] = [];
    let sts: CheckedDoctor['sts'] = 'skipped';
    if (!options.offline) {
      online = await runOnlineChecks({
        environment: this.environment,
        profiles: this.profileSet,
        now: new Date(this.clock.now()),
        sts: { ...this.stsOptions, ...options.sts },
        port: this.sts,
      });
      sts = online.some((item) => item.code === 'sts-unreachable') ? 'unreachable' : 'checked';
    }
    this.cacheScan = null;
    const offline = this.doctor({ shell: options.shell });
    const rejected = new Set(offline.filter((item) => item.code === 'credentials-rejected').map((item) => item.profile));
    // A rejection STS just gave is the offline check's finding now, with its repair.
    const kept = online.filter((item) => !(REJECTION_CODES.has(item.code) && rejected.has(item.profile)) && !(item.profile === null && REJECTION_CODES.has(item.code) && offline.some((found) => found.code === 'credentials-rejected')));
    // Online findings' steps get their command lines for the same paste shell as the rest.
    const findings = sortFindings(withCommandLines([...kept, ...offline], pasteShellFor(this.environment, options.shell)));
    return { findings: named.length > 0 ? findingsFor(findings, named) : findings, sts };
  }

  /** The repair plan over doctor's findings (of the named profiles, or all). */
  async repairPlan(options: DoctorRunOptions = {}): Promise<{ plan: RepairPlan; doctor: CheckedDoctor }> {
    const doctor = await this.checkedDoctor(options);
    return { plan: planRepair(findingsFor(doctor.findings, options.profiles ?? [])), doctor };
  }

  /**
   * Carries out a plan's automatic steps, then checks the profiles in use as `aws sts
   * get-caller-identity` would, in the environment the shell has once it ran the plan's lines.
   */
  async applyRepair(plan: RepairPlan, options: { profiles?: string[] } = {}): Promise<RepairResult> {
    const outcomes = await applyRepairSteps(plan.steps, {
      environment: this.environment,
      refresh: async (profile) => {
        await this.refreshNow(profile);
      },
    });
    this.replan();
    const after = environmentAfter(this.environment, plan.steps);
    const targets: Array<string | null> = options.profiles && options.profiles.length > 0 ? [...options.profiles] : [];
    if (targets.length === 0) {
      for (const step of plan.steps) if (step.kind === 'refresh-profile' && !targets.includes(step.profile)) targets.push(step.profile);
      const plain = resolveCliCredentials({ environment: after, profiles: this.profileSet, profile: null, now: new Date(this.clock.now()) });
      if (plain.state !== 'none' && !(plain.state === 'error' && plain.code === 'profile-not-found')) targets.unshift(null);
    }
    const verified: RepairResult['verified'] = [];
    for (const target of targets) {
      try {
        const identity = await this.verifyIn(after, target);
        verified.push({ profile: target, ok: true, arn: identity.arn });
      } catch (error) {
        const said = error instanceof RolekeeperError ? error.phrase : null;
        verified.push({ profile: target, ok: false, message: error instanceof Error ? error.message : String(error), ...(said ? { wording: said } : {}) });
      }
    }
    return { outcomes, verified };
  }

  /**
   * A plan in a shell's words: the lines that change the calling shell (stdout of `fix`), each
   * step's command lines, and the commands only the person can run.
   */
  describeRepair(plan: RepairPlan, given?: ShellKind): RepairDescription {
    const shell = pasteShellFor(this.environment, given);
    return {
      shell: shell.kind,
      shellText: shellLines(plan, shell),
      steps: plan.steps.map((step) => ({ step, lines: stepLines(step, shell) })),
      manual: [...new Set(manualCommands(plan, shell))],
    };
  }

  /** verify in another environment (the shell's once a repair's lines ran). */
  private verifyIn(environment: AwsEnvironment, name: string | null): Promise<VerifiedIdentity> {
    return verifyProfile(
      { profile: name },
      {
        environment,
        profiles: this.profileSet,
        store: this.storeData,
        sts: this.sts,
        stsOptions: this.stsOptions,
        sso: this.sso,
        now: () => this.clock.now(),
        refresh: async (profile, code) => (await this.refresh(profile, { mfaCode: code })).credentials as AwsCredentials,
      },
    );
  }

  /** The tray's "Fix": one finding's automatic steps (or every finding's, for "Fix all"). */
  async applyFix(code: string | null, profile: string | null): Promise<Phrase> {
    const findings = this.doctor();
    const chosen = code === null ? findings : findings.filter((finding) => finding.code === code && (profile === null || finding.profile === profile));
    if (chosen.length === 0) {
      const message = code === null ? phrase('engine.fixed.none') : profile ? phrase('engine.noFindingFor', { code, profile }) : phrase('engine.noFinding', { code });
      if (code === null) return message;
      throw RefreshError.worded('config', message, phrase('engine.noFindingFix'), profile);
    }
    const plan = planRepair(chosen);
    const automatic = plan.steps.filter(isAutomatic);
    if (automatic.length === 0) {
      const fix = chosen[0].fix ?? chosen[0].advice ?? null;
      return fix ? phrase('engine.fixed.notApplied', { fix }) : phrase('engine.fixed.none');
    }
    const gone = automatic.filter((step) => (step.kind === 'remove-cache-entry' || step.kind === 'remove-file') && !existsSync(step.file));
    const outcomes = await applyRepairSteps(automatic, { environment: this.environment, refresh: async (name) => void (await this.refreshNow(name)) });
    this.replan();
    const failed = outcomes.find((outcome) => outcome.status === 'failed' || outcome.status === 'refused');
    if (failed) return phrase('doctor.fix.failed', { detail: failed.detail ?? '' });
    const removed = outcomes.find((outcome) => outcome.step.kind === 'remove-cache-entry' || outcome.step.kind === 'remove-file');
    if (automatic.length === 1 && removed && (removed.step.kind === 'remove-cache-entry' || removed.step.kind === 'remove-file')) {
      return phrase(gone.length > 0 ? 'engine.fixed.nothingToRemove' : 'engine.fixed.removed', { file: removed.step.file });
    }
    return phrase('doctor.fix.applied', { count: outcomes.filter((outcome) => outcome.status === 'done').length });
  }

  private mfaSessionCache(): MfaSessionCache | undefined {
    if (!this.storeData.settings.useMfaSession) return undefined;
    this.mfaSessions ??= createMfaSessionCache({ folder: path.join(rolekeeperDataDir(this.environment), 'mfa-sessions'), now: () => this.clock.now() });
    return this.mfaSessions;
  }

  /** What the scheduler knows beats the files when it is newer, and its errors are shown. */
  private withSchedulerState(summary: ProfileSummary, now: Date): ProfileSummary {
    const state = this.profileState.get(summary.name);
    if (!state) return summary;
    const merged = { ...summary };
    if (state.expiresAt && (!merged.expiresAt || Date.parse(state.expiresAt) > Date.parse(merged.expiresAt)) && merged.status !== 'error') {
      merged.expiresAt = state.expiresAt;
      merged.status = statusForExpiry(new Date(state.expiresAt), now, this.expiringWithinMs());
    }
    if (state.status === 'needs-you' && state.lastError && merged.error === null) {
      merged.error = state.lastError.message;
      if (state.lastError.wording) merged.errorWording = state.lastError.wording.message;
    }
    return merged;
  }
}

export function createRolekeeperService(ports: ServicePorts): RolekeeperService {
  return new RolekeeperService(ports);
}
