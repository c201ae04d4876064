// The IPC handler table: one function per invoke channel, over the engine service and a few ports.
// Plain Node: the Electron adapter registers it on ipcMain, the renderer tests drive the same table.
// Every action is the service's own operation, the same the CLI runs.
import type { RolekeeperService } from '../service/rolekeeper-service';
import { RolekeeperError } from '../model/rolekeeper-error';
import { english, say, type Phrase } from '../../../shared/i18n';
import type { TraySettings } from './tray-settings';
import type { SsoSignIns } from './sso-sign-ins';
import { needsYou, refreshAllPlan, visibleProfiles, type TraySnapshot } from './tray-model';
import {
  DEFAULT_SETTINGS,
  REQUEST_VALIDATORS,
  type AppState,
  type Failure,
  type InvokeChannel,
  type ResponseOf,
  type Settings,
} from '../../../shared/ipc-contract';

/** Electron 45's clipboard is promise-based; a synchronous one fits too. */
export interface Clipboard {
  writeText(text: string): void | Promise<void>;
  readText(): string | Promise<string>;
}

/** The part of a clock the clearer needs; tests pass a fake one. */
export interface TimerPort {
  setTimeout(callback: () => void, milliseconds: number): unknown;
  clearTimeout(handle: unknown): void;
}

export const systemTimers: TimerPort = {
  setTimeout: (callback, milliseconds) => {
    const handle = setTimeout(callback, milliseconds);
    // A pending clear must not keep a CLI or test process alive.
    handle.unref?.();
    return handle;
  },
  clearTimeout: (handle) => clearTimeout(handle as NodeJS.Timeout),
};

/** Copies text and clears it after N seconds, but only if the clipboard still holds that text. */
export class ClipboardClearer {
  private pending: unknown = null;
  private pendingText: string | null = null;

  constructor(
    private readonly clipboard: Clipboard,
    private readonly timers: TimerPort = systemTimers,
  ) {}

  async copy(text: string, clearAfterSeconds: number = DEFAULT_SETTINGS.clipboardClearSeconds): Promise<void> {
    this.cancel();
    await this.clipboard.writeText(text);
    if (clearAfterSeconds <= 0) return;
    this.pendingText = text;
    this.pending = this.timers.setTimeout(() => {
      this.pending = null;
      this.pendingText = null;
      void this.clearIfUnchanged(text);
    }, clearAfterSeconds * 1000);
  }

  /** On quit: clear now what would have been cleared later, so no export outlives the app. */
  async flush(): Promise<void> {
    const text = this.pendingText;
    this.cancel();
    if (text !== null) await this.clearIfUnchanged(text);
  }

  private async clearIfUnchanged(text: string): Promise<void> {
    try {
      // Someone copied something else meanwhile: theirs, leave it.
      if ((await this.clipboard.readText()) === text) await this.clipboard.writeText('');
    } catch {
      // A clipboard that cannot be read now is not worth a crash; the text stays.
    }
  }

  cancel(): void {
    if (this.pending !== null) this.timers.clearTimeout(this.pending);
    this.pending = null;
    this.pendingText = null;
  }
}

/** The OS login-item state: read back from the OS, not from the stored flag. */
export interface AutoStartPort {
  isEnabled(): Promise<boolean>;
  setEnabled(enabled: boolean): Promise<void>;
}

export interface HandlerDeps {
  service: RolekeeperService;
  settings: TraySettings;
  clipboard: ClipboardClearer;
  autoStart: AutoStartPort;
  /** Opens a local file with the OS default app (shell.openPath in Electron). */
  openPath(path: string): Promise<void>;
  /** The tray's running IAM Identity Center sign-ins (shared with the notification click). */
  signIns: SsoSignIns;
  locale: string;
  platform: string;
  /** Hides the popover window (Escape); absent where there is no window (tests of the table). */
  hidePopover?(): void;
}

export type HandlerTable = { [C in InvokeChannel]: (request: unknown) => Promise<ResponseOf<C>> };

function failure(code: string, message: string): Failure {
  return { ok: false, code, message };
}

/** Turns a thrown engine error into a failure; `mask` strings (an MFA code) never reach the message. */
/** What a request carried that must never come back in a failure: an MFA code, typed keys. */
function secretsOf(channel: InvokeChannel, request: unknown): string[] {
  const record = (request ?? {}) as { code?: unknown; accessKeyId?: unknown; secretAccessKey?: unknown };
  const carried = channel === 'mfa:submit' ? [record.code] : channel === 'vault:add' ? [record.accessKeyId, record.secretAccessKey] : [];
  return carried.filter((value): value is string => typeof value === 'string' && value !== '');
}

function fromError(error: unknown, mask: string[] = []): Failure {
  const said = error instanceof Error ? error.message : 'the action failed';
  let message = said;
  for (const secret of mask) if (secret) message = message.split(secret).join('******');
  const result = failure(error instanceof RolekeeperError ? error.kind : 'failed', message);
  // A message that had to be masked goes as masked English only: its phrase may hold the secret too.
  const wording = message === said ? wordingOf(error) : null;
  return wording ? { ...result, wording } : result;
}

function wordingOf(error: unknown): Phrase | null {
  return error instanceof RolekeeperError ? error.phrase : null;
}

/** The engine's profiles as the tray's decisions (tray-model) take them. */
export function traySnapshot(service: RolekeeperService): TraySnapshot {
  return { profiles: visibleProfiles(service.summaries()), refreshable: service.refreshableProfiles(), ssoSessions: service.ssoSessions(), accountNames: service.accountNames(), ...service.activity() };
}

export function buildAppState(deps: Pick<HandlerDeps, 'service' | 'signIns' | 'locale' | 'platform'>): AppState {
  const { service } = deps;
  const activity = service.activity();
  const profiles = visibleProfiles(service.summaries());
  const needs = needsYou({ profiles, refreshable: service.refreshableProfiles(), ...activity }, { now: service.now(), expiringWithinMs: service.expiringWithinMs() });
  return {
    profiles,
    needsYou: needs.map((item) => ({ profile: item.profile, need: item.need, expiresAt: item.expiresAt === null ? null : new Date(item.expiresAt).toISOString() })),
    expiringWithinMs: service.expiringWithinMs(),
    keptFresh: activity.keptFresh,
    pendingMfa: activity.pendingMfa,
    refreshing: activity.refreshing,
    refreshable: service.refreshableProfiles(),
    alwaysKept: Object.keys(service.store().managed),
    accountNames: service.accountNames(),
    ssoSessions: service.ssoSessions().map((state) => ({
      session: state.session,
      startUrl: state.startUrl,
      status: state.status,
      expiresAt: state.expiresAt,
      renewableUntil: state.renewableUntil,
      fix: state.fix,
    })),
    signIns: deps.signIns.inProgress(),
    locale: deps.locale,
    platform: deps.platform,
  };
}

export function createIpcHandlers(deps: HandlerDeps): HandlerTable {
  const { service } = deps;

  const settingsWithOsState = async (settings: Settings): Promise<Settings> => ({
    ...settings,
    autoStart: await deps.autoStart.isEnabled(),
  });

  // Validation first, then the body; a throw anywhere becomes a failure, never a rejected invoke.
  function handler<C extends InvokeChannel>(
    channel: C,
    body: (request: Exclude<ReturnType<(typeof REQUEST_VALIDATORS)[C]>, Failure> extends { value: infer R } ? R : never) => Promise<ResponseOf<C>>,
  ): (request: unknown) => Promise<ResponseOf<C>> {
    return async (request) => {
      const checked = REQUEST_VALIDATORS[channel](request);
      if (!checked.ok) return checked as ResponseOf<C>;
      try {
        return await body(checked.value as never);
      } catch (error) {
        const mask = secretsOf(channel, checked.value);
        return fromError(error, mask) as ResponseOf<C>;
      }
    };
  }

  return {
    'state:get': handler('state:get', async () => ({ ok: true, state: buildAppState(deps) })),

    'profiles:refresh': handler('profiles:refresh', async ({ profile }) => {
      await service.refreshNow(profile);
      return { ok: true, profile: service.summaryOf(profile) };
    }),

    'profiles:refresh-all': handler('profiles:refresh-all', async (request) => {
      const confirmed = request?.confirmed === true;
      const plan = refreshAllPlan(traySnapshot(service), { now: service.now(), expiringWithinMs: service.expiringWithinMs() });
      if (plan.ask && !confirmed) return { ok: true, results: [], ask: { profiles: plan.profiles.length, calls: plan.calls } };
      const results = await service.refreshAll(plan.profiles);
      return {
        ok: true,
        results: results.map((item) => ({ profile: item.profile, ok: item.ok, code: item.kind, message: item.message })),
      };
    }),

    'cache:clear': handler('cache:clear', async ({ profile }) => ({ ok: true, cleared: (await service.clearCache(profile)).removed.length })),

    'env:copy': handler('env:copy', async ({ profile, shell, form }) => {
      const text = await service.exportText(profile, shell, form);
      const seconds = deps.settings.get().clipboardClearSeconds;
      await deps.clipboard.copy(text, seconds);
      return { ok: true, clearsInSeconds: seconds };
    }),

    'profiles:verify': handler('profiles:verify', async ({ profile }) => {
      const identity = await service.verify(profile);
      return { ok: true, account: identity.account, arn: identity.arn, userId: identity.userId };
    }),

    'mfa:submit': handler('mfa:submit', async ({ profile, code }) => {
      await service.refreshNow(profile, { mfaCode: code });
      return { ok: true, profile: service.summaryOf(profile) };
    }),

    'doctor:run': handler('doctor:run', async () => ({ ok: true, findings: (await service.checkedDoctor()).findings })),

    'doctor:fix': handler('doctor:fix', async ({ code, profile }) => {
      if (profile !== null) service.requireProfile(profile);
      const done = await service.applyFix(code, profile);
      return { ok: true, message: say(english, done), wording: done };
    }),

    'doctor:fix-all': handler('doctor:fix-all', async () => {
      const done = await service.applyFix(null, null);
      return { ok: true, message: say(english, done), wording: done };
    }),

    'settings:get': handler('settings:get', async () => ({
      ok: true,
      settings: await settingsWithOsState(deps.settings.get()),
    })),

    'settings:set': handler('settings:set', async (patch) => {
      for (const item of patch.keptFresh ?? []) service.requireProfile(item.profile);
      if (patch.autoStart !== undefined) await deps.autoStart.setEnabled(patch.autoStart);
      const saved = await deps.settings.set(patch);
      return { ok: true, settings: await settingsWithOsState(saved) };
    }),

    'config:open': handler('config:open', async () => {
      await deps.openPath(service.profiles().paths.configFile);
      return { ok: true };
    }),

    'sso:login': handler('sso:login', async (request) => ({ ok: true, ...(await deps.signIns.start(request)) })),

    'sso:populate': handler('sso:populate', async (request) => {
      const result = await service.ssoPopulate(request);
      return { ok: true, added: result.added, alreadyConfigured: result.alreadyConfigured.length, written: result.written, configFile: result.configFile };
    }),

    'profiles:keep-fresh': handler('profiles:keep-fresh', async ({ profile, keep }) => {
      const saved = await deps.settings.setKept(profile, keep);
      return { ok: true, settings: await settingsWithOsState(saved) };
    }),

    'popover:hide': handler('popover:hide', async () => {
      deps.hidePopover?.();
      return { ok: true };
    }),

    'console:open': handler('console:open', async ({ profile }) => ({ ok: true, opened: (await service.openConsole(profile)).opened })),

    'vault:move': handler('vault:move', async ({ profile }) => {
      const done = await service.vaultMove(profile);
      return { ok: true, message: say(english, done.message), wording: done.message };
    }),

    'vault:add': handler('vault:add', async ({ profile, accessKeyId, secretAccessKey }) => {
      const done = await service.vaultAdd(profile, { accessKeyId, secretAccessKey });
      return { ok: true, message: say(english, done.message), wording: done.message };
    }),
  };
}
