// What the tray needs from the engine: the one interface the IPC handlers, the tray model and the
// Electron adapter are written against. createEngineFacade in engine-facade-impl.ts implements it.
import type { AwsEnvironment } from '../aws-config/aws-environment';
import type { Finding, ProfileSummary } from '../../../shared/profile-summary';
import type { ExportForm, Settings, ShellKind } from '../../../shared/ipc-contract';
import type { EngineNotification } from '../../../shared/engine-events';

export interface Disposable {
  dispose(): void;
}

export interface CallerIdentity {
  account: string;
  arn: string;
  userId: string;
}

export interface RefreshAllResult {
  profile: string;
  ok: boolean;
  /** A FailureKind from credentials.ts when it failed (e.g. `mfa-required`). */
  kind?: string;
  /** Secret-free, says what to do. */
  message?: string;
}

/** Profile state beyond the summaries: what the scheduler is doing with each profile. */
export interface EngineActivity {
  /** Profiles the scheduler keeps fresh. */
  keptFresh: string[];
  /** Refreshes that stopped because an MFA code is needed. */
  pendingMfa: string[];
  refreshing: string[];
}

/**
 * Failures are thrown as errors with a `kind` (RefreshError from credentials.ts, or any error with a
 * string `kind` and a secret-free `message`); the handlers turn them into `{ ok: false, code, message }`.
 */
export interface EngineFacade {
  /** Current summaries, in `aws configure list-profiles` order; cheap (from the store, no I/O). */
  listProfiles(): ProfileSummary[];
  activity(): EngineActivity;
  /** Refreshes and publishes to the profile's sinks; with `mfaCode` when STS asks for one. */
  refresh(name: string, options?: { mfaCode?: string }): Promise<ProfileSummary>;
  refreshAll(): Promise<RefreshAllResult[]>;
  /** Removes one profile's CLI cache entries, or all; resolves to how many files were removed. */
  clearCache(name?: string): Promise<number>;
  /** The shell text of an export; stays in main (it goes to the clipboard, never to the renderer). */
  exportText(name: string, shell: ShellKind, form: ExportForm): Promise<string>;
  /** GetCallerIdentity with the credentials the profile yields now. */
  verify(name: string): Promise<CallerIdentity>;
  doctor(): Promise<Finding[]>;
  /** Applies the fix of a finding; resolves to a sentence saying what was done. */
  applyFix(code: string, profile: string | null): Promise<string>;
  getSettings(): Settings;
  /** Stores the merged settings (the scheduler re-plans) and resolves to them. */
  setSettings(patch: Partial<Settings>): Promise<Settings>;
  /** The AWS config file path, for "open config". */
  configFilePath(): string;
  /** After sleep/resume or unlock: re-plan every timer from the wall clock. */
  replan(): void;
  /** Fires after any change of summaries, activity or settings. */
  onDidChange(listener: () => void): Disposable;
  /** The engine's notifications (data, no wording), each cause once; the adapter words them. */
  onNotification(listener: (notification: EngineNotification) => void): Disposable;
  dispose(): Promise<void>;
}

/**
 * Where the tray keeps its own settings (electron-store in the adapter): autoStart, defaultShell,
 * clipboardClearSeconds. Kept-fresh profiles, their sinks and the lead times are the engine's and
 * belong in rolekeeper-store.ts, so the CLI, the daemon and the tray share one source of truth;
 * the facade maps Settings onto both (minutes here, seconds there).
 */
export interface SettingsStore {
  load(): Partial<Settings>;
  save(settings: Settings): void;
}

export interface EngineFacadeOptions {
  environment: AwsEnvironment;
  settingsStore: SettingsStore;
}
