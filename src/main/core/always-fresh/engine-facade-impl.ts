// The tray's EngineFacade over the one engine runtime: summaries merged with scheduler state, the
// tray's actions, and its settings split between Rolekeeper's store and the tray's own settings.
import * as path from 'node:path';
import { awsPaths } from '../aws-config/aws-environment';
import { clearCliCache } from '../caches/cache-cleaner';
import { cacheKeyForProfile, readCliCache, type CliCacheScan } from '../caches/cli-cache';
import { statusForExpiry, summarizeProfiles } from '../credentials/credential-state';
import type { AwsCredentials } from '../credentials/credentials';
import { runDoctor } from '../doctor/doctor';
import { createEngine, type Engine, type EngineOptions } from './engine';
import type { CallerIdentity, Disposable, EngineActivity, EngineFacade, EngineFacadeOptions, RefreshAllResult } from './engine-facade';
import { endpointTokens, renderViaEndpoint } from '../credentials/endpoint-export';
import { renderCredentialExport } from '../credentials/env-export';
import { currentCredentials, isRefreshable } from '../credentials/refresh-service';
import { changeStore, keptProfiles, sinksOf } from '../credentials/rolekeeper-store';
import { verifyProfile } from '../credentials/verify-profile';
import type { ProfileSummary } from '../../../shared/profile-summary';
import { DEFAULT_SETTINGS, type ExportForm, type Settings, type ShellKind } from '../../../shared/ipc-contract';
import { EXPORT_MIN_VALID_MS } from '../credentials/validity-margins';

/** Exported keys should outlast the 15 minutes below which the AWS CLI ignores credentials. */
/** Fixes that only remove a file inside the AWS CLI cache folder: safe to apply without asking. */
const CACHE_FILE_FIXES = new Set(['cli-cache-expired', 'cli-cache-corrupt', 'cli-cache-orphaned']);
const MFA_KINDS = new Set(['mfa-required', 'mfa-invalid']);

class FacadeError extends Error {
  constructor(
    readonly kind: string,
    message: string,
  ) {
    super(message);
    this.name = 'FacadeError';
  }
}

export interface EngineFacadeRuntimeOptions extends EngineFacadeOptions {
  /** Passed to the engine (clock, endpoint, lead, …); tests use them. */
  engine?: Omit<EngineOptions, 'environment'>;
}

export async function createEngineFacade(options: EngineFacadeRuntimeOptions): Promise<EngineFacade> {
  const { environment, settingsStore } = options;
  let servedElsewhere = false;
  const engine: Engine = await createEngine({ ...options.engine, environment }).catch((error: NodeJS.ErrnoException) => {
    // `rolekeeper daemon` already serves the endpoint on that port: the tray still keeps profiles fresh.
    if (error.code !== 'EADDRINUSE' || options.engine?.endpoint !== undefined) throw error;
    options.engine?.log?.(`the endpoint port is in use (rolekeeper daemon?); running without the endpoint`);
    servedElsewhere = true;
    return createEngine({ ...options.engine, environment, endpoint: false });
  });
  const clock = options.engine?.clock;
  const now = (): number => (clock ? clock.now() : Date.now());
  const listeners = new Set<() => void>();
  const emit = (): void => {
    for (const listener of [...listeners]) {
      try {
        listener();
      } catch {
        /* a throwing subscriber must not break the others */
      }
    }
  };
  let trayOnly: Pick<Settings, 'autoStart' | 'defaultShell' | 'clipboardClearSeconds'> = pickTrayOnly({ ...DEFAULT_SETTINGS, ...settingsStore.load() });
  let cacheScan: CliCacheScan | null = null;
  const scan = (): CliCacheScan => (cacheScan ??= readCliCache(engine.profiles().paths.cliCacheDir));
  const engineSubscription = engine.onDidChange(() => {
    cacheScan = null;
    emit();
  });

  const summaries = (): ProfileSummary[] => {
    const profiles = engine.profiles();
    const store = engine.store();
    const at = new Date(now());
    const list = summarizeProfiles({ profiles, environment, now: at, cacheScan: scan(), managedProfiles: new Set(Object.keys(store.managed)) });
    return list.map((summary) => mergeState(summary, engine, at));
  };

  const summaryOf = (name: string): ProfileSummary => {
    const found = summaries().find((summary) => summary.name === name);
    if (!found) throw new FacadeError('config', `Profile "${name}" is not in ${engine.profiles().paths.configFile} or ${engine.profiles().paths.credentialsFile}`);
    return found;
  };

  const credentialsNow = async (name: string, minValidMs: number): Promise<AwsCredentials> => {
    const held = engine.credentialsFor(name);
    if (held?.expiration && held.expiration.getTime() - now() >= minValidMs) return held;
    return currentCredentials(environment, name, { minValidMs, profiles: engine.profiles(), store: engine.store() });
  };

  const getSettings = (): Settings => {
    const store = engine.store();
    return {
      refreshLeadMinutes: Math.round(store.settings.refreshLeadSeconds / 60),
      notifyLeadMinutes: Math.round(store.settings.notifyLeadSeconds / 60),
      keptFresh: keptProfiles(store).map((profile) => ({ profile, sinks: sinksOf(store, profile) })),
      ...trayOnly,
    };
  };

  const facade: EngineFacade = {
    listProfiles: summaries,

    activity(): EngineActivity {
      const states = engine.state.all();
      return {
        keptFresh: engine.keptProfiles(),
        pendingMfa: states.filter((state) => state.status === 'needs-you' && MFA_KINDS.has(state.lastError?.kind ?? '')).map((state) => state.profile),
        refreshing: states.filter((state) => state.refreshing).map((state) => state.profile),
      };
    },

    async refresh(name, refreshOptions = {}) {
      await engine.refreshNow(name, { mfaCode: refreshOptions.mfaCode });
      cacheScan = null;
      engine.replan();
      emit();
      return summaryOf(name);
    },

    async refreshAll(): Promise<RefreshAllResult[]> {
      const profiles = engine.profiles();
      const store = engine.store();
      const names = [...new Set([...profiles.profiles.map((profile) => profile.name), ...Object.keys(store.managed)])].filter((name) =>
        isRefreshable(name, profiles, store),
      );
      const settled = await Promise.allSettled(names.map((name) => engine.refreshNow(name)));
      cacheScan = null;
      emit();
      return settled.map((outcome, index) => {
        if (outcome.status === 'fulfilled') return { profile: names[index], ok: true };
        const error = outcome.reason as { kind?: unknown; message?: unknown };
        return {
          profile: names[index],
          ok: false,
          kind: typeof error?.kind === 'string' ? error.kind : 'unknown',
          message: typeof error?.message === 'string' ? error.message : `refreshing ${names[index]} failed`,
        };
      });
    },

    async clearCache(name) {
      const cacheDir = awsPaths(environment).cliCacheDir;
      let result;
      if (name === undefined) {
        result = clearCliCache(cacheDir, { all: true });
      } else {
        const profile = engine.profiles().get(name);
        if (!profile) throw new FacadeError('config', `Profile "${name}" does not exist`);
        const key = cacheKeyForProfile(profile);
        if (!key) return 0;
        result = clearCliCache(cacheDir, { keys: [key] });
      }
      cacheScan = null;
      emit();
      return result.removed.length;
    },

    async exportText(name: string, shell: ShellKind, form: ExportForm) {
      const profiles = engine.profiles();
      const store = engine.store();
      if (!profiles.get(name) && !store.managed[name]) throw new FacadeError('config', `Profile "${name}" does not exist`);
      if (form === 'endpoint') {
        if (!engine.endpoint && !servedElsewhere) throw new FacadeError('config', 'The credentials endpoint is not running');
        const text = await renderViaEndpoint(environment, name, shell, profiles, store, engine.endpoint?.port);
        // A new token: serve that profile from now on.
        engine.replan();
        return text;
      }
      return renderCredentialExport(await credentialsNow(name, EXPORT_MIN_VALID_MS), shell);
    },

    async verify(name): Promise<CallerIdentity> {
      const profiles = engine.profiles();
      const profile = profiles.get(name);
      if (!profile) throw new FacadeError('config', `Profile "${name}" does not exist`);
      // The credentials `aws --profile NAME` signs with, not the engine's own: both must agree.
      const { account, arn, userId } = await verifyProfile(environment, { profile: name, profiles, store: engine.store(), now });
      return { account, arn, userId };
    },

    async doctor() {
      return runDoctor({ environment, now: new Date(now()), profiles: engine.profiles() });
    },

    async applyFix(code, profile) {
      const findings = runDoctor({ environment, now: new Date(now()), profiles: engine.profiles() });
      const found = findings.find((finding) => finding.code === code && (profile === null || finding.profile === profile));
      if (!found) throw new FacadeError('not-found', `No current finding ${code}${profile ? ` for ${profile}` : ''}; run the doctor again`);
      const cacheDir = awsPaths(environment).cliCacheDir;
      if (CACHE_FILE_FIXES.has(code) && found.file && path.dirname(found.file) === cacheDir) {
        const key = path.basename(found.file).replace(/\.json$/, '');
        const result = clearCliCache(cacheDir, { keys: [key] });
        cacheScan = null;
        engine.replan();
        emit();
        if (result.removed.length === 0) return `Nothing to remove: ${found.file} is already gone`;
        return `Removed ${found.file}`;
      }
      return found.fix ? `Not applied automatically; do this: ${found.fix}` : 'This finding has no automatic fix';
    },

    getSettings,

    async setSettings(patch) {
      const current = getSettings();
      const merged: Settings = { ...current, ...patch };
      if (patch.refreshLeadMinutes !== undefined || patch.notifyLeadMinutes !== undefined || patch.keptFresh !== undefined) {
        const profiles = engine.profiles();
        await changeStore(environment, (data) => {
          data.settings.refreshLeadSeconds = merged.refreshLeadMinutes * 60;
          data.settings.notifyLeadSeconds = merged.notifyLeadMinutes * 60;
          if (patch.keptFresh) {
            for (const item of patch.keptFresh) {
              if (!data.managed[item.profile] && profiles.get(item.profile)?.type !== 'role') {
                throw new FacadeError('config', `Profile "${item.profile}" is not a role profile: only role and managed profiles can be kept fresh`);
              }
              // Keys are only ever written into profiles the user marked with `rolekeeper manage`.
              if (!data.managed[item.profile] && item.sinks.includes('managed-keys')) {
                throw new FacadeError('config', `Profile "${item.profile}" is not managed: its keys are never written (use rolekeeper manage)`);
              }
            }
            data.kept = patch.keptFresh.filter((item) => !data.managed[item.profile]).map((item) => item.profile);
            for (const item of patch.keptFresh) {
              const sinks = item.sinks.filter((sink) => sink !== 'endpoint');
              if (sinks.length > 0) data.sinks[item.profile] = sinks;
              else delete data.sinks[item.profile];
            }
          }
        });
        if (patch.keptFresh) {
          const tokens = endpointTokens(environment);
          for (const item of patch.keptFresh) if (item.sinks.includes('endpoint')) tokens.ensure(item.profile);
        }
      }
      trayOnly = pickTrayOnly(merged);
      settingsStore.save(merged);
      engine.replan();
      emit();
      return getSettings();
    },

    configFilePath: () => awsPaths(environment).configFile,

    replan() {
      cacheScan = null;
      engine.replan();
      emit();
    },

    onDidChange(listener): Disposable {
      listeners.add(listener);
      return { dispose: () => listeners.delete(listener) };
    },

    onNotification(listener): Disposable {
      return engine.onNotification(listener);
    },

    async dispose() {
      engineSubscription.dispose();
      listeners.clear();
      await engine.stop();
    },
  };
  return facade;
}

function pickTrayOnly(settings: Settings): Pick<Settings, 'autoStart' | 'defaultShell' | 'clipboardClearSeconds'> {
  return { autoStart: settings.autoStart, defaultShell: settings.defaultShell, clipboardClearSeconds: settings.clipboardClearSeconds };
}

/** What the scheduler knows beats the files when it is newer, and its errors are shown. */
function mergeState(summary: ProfileSummary, engine: Engine, now: Date): ProfileSummary {
  const state = engine.state.get(summary.name);
  if (!state) return summary;
  const merged = { ...summary };
  if (state.expiresAt && (!merged.expiresAt || Date.parse(state.expiresAt) > Date.parse(merged.expiresAt)) && merged.status !== 'error') {
    merged.expiresAt = state.expiresAt;
    merged.status = statusForExpiry(new Date(state.expiresAt), now);
  }
  if (state.status === 'needs-you' && state.lastError && merged.error === null) merged.error = state.lastError.message;
  return merged;
}
