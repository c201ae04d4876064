// The tray's Settings: the engine's part lives in Rolekeeper's store (shared with the CLI and the
// daemon), the tray's own part (auto-start, shell, clipboard) in the adapter's settings store.
import { changeStore, keptProfiles, sinksOf } from '../credentials/rolekeeper-store';
import { RefreshError } from '../model/credentials';
import { endpointTokens } from '../credentials/endpoint-export';
import type { RolekeeperService } from '../service/rolekeeper-service';
import { isRefreshable } from '../credentials/profile-lookup';
import { DEFAULT_SETTINGS, type Settings } from '../../../shared/ipc-contract';
import { phrase } from '../../../shared/i18n';

type TrayOnlySettings = Pick<Settings, 'autoStart' | 'defaultShell' | 'clipboardClearSeconds' | 'menuBarTitle'>;

/** Where the tray keeps its own settings (electron-store in the adapter). */
export interface SettingsStore {
  load(): Partial<Settings>;
  save(settings: Settings): void;
}

function pickTrayOnly(settings: Settings): TrayOnlySettings {
  return { autoStart: settings.autoStart, defaultShell: settings.defaultShell, clipboardClearSeconds: settings.clipboardClearSeconds, menuBarTitle: settings.menuBarTitle === true };
}

function requireKeepable(profile: string, profiles: ReturnType<RolekeeperService['profiles']>, data: Parameters<typeof isRefreshable>[2]): void {
  if (isRefreshable(profile, profiles, data)) return;
  throw RefreshError.worded('config', phrase('engine.notKeepable', { profile }), phrase('engine.notKeepableFix'), profile);
}

export class TraySettings {
  private trayOnly: TrayOnlySettings;

  constructor(
    private readonly service: RolekeeperService,
    private readonly settingsStore: SettingsStore,
  ) {
    this.trayOnly = pickTrayOnly({ ...DEFAULT_SETTINGS, ...settingsStore.load() });
  }

  get(): Settings {
    const store = this.service.store();
    return {
      refreshLeadMinutes: Math.round(store.settings.refreshLeadSeconds / 60),
      notifyLeadMinutes: Math.round(store.settings.notifyLeadSeconds / 60),
      keptFresh: keptProfiles(store).map((profile) => ({ profile, sinks: sinksOf(store, profile) })),
      ...this.trayOnly,
    };
  }

  /**
   * The popover's switch: one profile on or off, decided inside the store's lock on what the store
   * holds then, so two quick switches (or a `rolekeeper keep` meanwhile) do not undo each other.
   * Its sinks stay as they were (the CLI cache by default).
   */
  async setKept(profile: string, keep: boolean): Promise<Settings> {
    this.service.requireProfile(profile);
    const profiles = this.service.profiles();
    await changeStore(this.service.environment, (data) => {
      if (data.managed[profile]) {
        if (keep) return;
        throw RefreshError.worded('config', phrase('engine.managedAlwaysKept', { profile }), phrase('engine.managedAlwaysKeptFix', { command: `rolekeeper unmanage ${profile}` }), profile);
      }
      requireKeepable(profile, profiles, data);
      const others = data.kept.filter((name) => name !== profile);
      data.kept = keep ? [...others, profile] : others;
    });
    this.service.replan();
    return this.get();
  }

  /** Stores the merged settings (the keeper re-plans) and resolves to them. */
  async set(patch: Partial<Settings>): Promise<Settings> {
    const merged: Settings = { ...this.get(), ...patch };
    if (patch.refreshLeadMinutes !== undefined || patch.notifyLeadMinutes !== undefined || patch.keptFresh !== undefined) {
      const profiles = this.service.profiles();
      const keptFresh = patch.keptFresh;
      if (keptFresh) for (const item of keptFresh) this.service.requireProfile(item.profile);
      await changeStore(this.service.environment, (data) => {
        data.settings.refreshLeadSeconds = merged.refreshLeadMinutes * 60;
        data.settings.notifyLeadSeconds = merged.notifyLeadMinutes * 60;
        if (!keptFresh) return;
        for (const item of keptFresh) {
          requireKeepable(item.profile, profiles, data);
          // Keys are only ever written into profiles the user marked with `rolekeeper manage`.
          if (!data.managed[item.profile] && item.sinks.includes('managed-keys')) {
            throw RefreshError.worded('config', phrase('engine.notManaged', { profile: item.profile }), phrase('engine.notManagedFix'), item.profile);
          }
        }
        data.kept = keptFresh.filter((item) => !data.managed[item.profile]).map((item) => item.profile);
        for (const item of keptFresh) {
          if (item.sinks.length > 0) data.sinks[item.profile] = [...item.sinks];
          else delete data.sinks[item.profile];
        }
      });
      if (keptFresh) {
        const tokens = endpointTokens(this.service.environment);
        for (const item of keptFresh) if (item.sinks.includes('endpoint')) tokens.ensure(item.profile);
      }
    }
    this.trayOnly = pickTrayOnly(merged);
    this.settingsStore.save(merged);
    this.service.replan();
    return this.get();
  }
}
