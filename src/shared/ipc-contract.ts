// The one map of every IPC channel between the popover and main: names, request and response
// types, and the runtime checks main applies to every request. Imported by main, preload and
// renderer alike. Only names, regions, statuses, times and messages cross; never a secret.
import type { Finding, ProfileSummary, SsoSessionSummary } from './profile-summary';
import type { Phrase } from './i18n';

/** Every shell Rolekeeper writes lines for; src/main/core/shell/shells.ts must implement each one. */
export const SHELLS = ['bash', 'zsh', 'fish', 'powershell', 'cmd'] as const;
export type ShellKind = (typeof SHELLS)[number];

/** `endpoint`: the loopback container-credentials URL + token (no secret key); `keys`: the keys. */
export type ExportForm = 'endpoint' | 'keys';
export const EXPORT_FORMS: readonly ExportForm[] = ['endpoint', 'keys'];

import { SINK_KINDS, isSinkKind, type SinkKind } from './sink-kinds';
export { SINK_KINDS, type SinkKind };

export interface KeptFreshProfile {
  profile: string;
  sinks: SinkKind[];
}

export interface Settings {
  /** Refresh a kept-fresh profile when this many minutes remain. */
  refreshLeadMinutes: number;
  /** Notify this many minutes before a profile that is not kept fresh expires. */
  notifyLeadMinutes: number;
  autoStart: boolean;
  keptFresh: KeptFreshProfile[];
  defaultShell: ShellKind;
  /** 0 leaves the clipboard alone. */
  clipboardClearSeconds: number;
  /** macOS: the soonest expiry of a kept profile as text beside the menu-bar icon. */
  menuBarTitle: boolean;
}

export const DEFAULT_SETTINGS: Settings = {
  refreshLeadMinutes: 20,
  notifyLeadMinutes: 10,
  autoStart: false,
  keptFresh: [],
  defaultShell: 'bash',
  clipboardClearSeconds: 60,
  menuBarTitle: false,
};

/** Everything the popover shows, pushed on `state:changed`. */
export interface AppState {
  profiles: ProfileSummary[];
  /** Below this much validity a profile shows as expiring (the notification lead, one threshold everywhere). */
  expiringWithinMs: number;
  /** Names of profiles the scheduler keeps fresh. */
  keptFresh: string[];
  /** Profiles whose refresh waits for an MFA code. */
  pendingMfa: string[];
  /** Profiles being refreshed right now. */
  refreshing: string[];
  /** Profiles Rolekeeper can refresh (role, SSO, managed): they get refresh, copy, verify and "keep fresh". */
  refreshable: string[];
  /** Managed profiles (`rolekeeper manage`): always kept fresh, their switch cannot turn them off. */
  alwaysKept: string[];
  /** Account id → its alias or name where one is known (IAM Identity Center's account list); for group labels. */
  accountNames: Record<string, string>;
  /** Every IAM Identity Center sign-in the files use, with or without profiles yet. */
  ssoSessions: SsoSessionSummary[];
  /** What needs the person, most urgent first (the engine's order): the popover's "Needs you" block. */
  needsYou: NeedsYouEntry[];
  /** Sign-ins waiting for the user in the browser (started from the popover or a notification). */
  signIns: SsoSignInInProgress[];
  /** BCP 47 tag of the OS locale, e.g. `de-DE`. */
  locale: string;
  platform: string;
}

/** What a profile in the "Needs you" block waits for, most urgent first. */
export type NeedKind = 'expired' | 'expiring' | 'mfa' | 'sign-in' | 'refresh-failed' | 'config-error';

export interface NeedsYouEntry {
  profile: string;
  need: NeedKind;
  /** ISO 8601, or null when no expiry is known. */
  expiresAt: string | null;
}

/** A running IAM Identity Center sign-in as the popover shows it: where to go and what code to confirm. */
export interface SsoSignInInProgress {
  /** What was asked to sign in; a second `sso:login` with the same target shows this one. */
  target: SsoLoginRequest;
  /** The session name, or the start URL of a legacy sign-in. */
  label: string;
  url: string | null;
  /** The device flow's code; null for the browser redirect flow. */
  userCode: string | null;
  browserOpened: boolean;
}

export interface PopulatedProfileItem {
  profile: string;
  accountId: string;
  accountName: string | null;
  roleName: string;
}

/** `message` in English; `wording`, when the engine gave one, says it in the popover's language. */
export type Failure = { ok: false; code: string; message: string; wording?: Phrase };
export type Result<T extends object = Record<never, never>> = ({ ok: true } & T) | Failure;

export interface RefreshAllItem {
  profile: string;
  ok: boolean;
  code?: string;
  message?: string;
}

/** Every request/response channel (`ipcRenderer.invoke` → `ipcMain.handle`). */
export interface InvokeChannels {
  'state:get': { request: undefined; response: Result<{ state: AppState }> };
  'profiles:refresh': { request: { profile: string }; response: Result<{ profile: ProfileSummary }> };
  /**
   * Refreshes the kept profiles and those that need it. Above 20 STS calls it refreshes nothing and
   * answers `ask` until the request says `confirmed`.
   */
  'profiles:refresh-all': { request: { confirmed?: boolean } | undefined; response: Result<{ results: RefreshAllItem[]; ask?: { profiles: number; calls: number } }> };
  'cache:clear': { request: { profile?: string }; response: Result<{ cleared: number }> };
  'env:copy': {
    request: { profile: string; shell: ShellKind; form: ExportForm };
    response: Result<{ clearsInSeconds: number }>;
  };
  'profiles:verify': {
    request: { profile: string };
    response: Result<{ account: string; arn: string; userId: string }>;
  };
  'mfa:submit': { request: { profile: string; code: string }; response: Result<{ profile: ProfileSummary }> };
  'doctor:run': { request: undefined; response: Result<{ findings: Finding[] }> };
  'doctor:fix': { request: { code: string; profile: string | null }; response: Result<{ message: string; wording?: Phrase }> };
  /** Every finding's automatic repair steps, as `rolekeeper fix` plans them. */
  'doctor:fix-all': { request: undefined; response: Result<{ message: string; wording?: Phrase }> };
  'settings:get': { request: undefined; response: Result<{ settings: Settings }> };
  'settings:set': { request: Partial<Settings>; response: Result<{ settings: Settings }> };
  'config:open': { request: undefined; response: Result };
  /**
   * Starts the IAM Identity Center sign-in (the notification's "Sign in"); answers once the URL (and
   * for the device flow the code) is known, for the popover to show. The sign-in finishes in the
   * background; `state:changed` follows. Never a token in the answer.
   */
  'sso:login': { request: SsoLoginRequest; response: Result<SsoLoginPromptData> };
  /**
   * One profile per account and role of a sign-in (as `rolekeeper sso populate`): a session's, or
   * the legacy start-URL sign-in of one of its profiles; `dryRun` only describes.
   */
  'sso:populate': {
    request: SsoPopulateRequest;
    response: Result<{ added: PopulatedProfileItem[]; alreadyConfigured: number; written: boolean; configFile: string }>;
  };
  /** The "keep fresh" switch of one row: adds it (sinks kept, else the CLI cache) or removes it. */
  'profiles:keep-fresh': { request: { profile: string; keep: boolean }; response: Result<{ settings: Settings }> };
  /** Escape in the popover: main hides the window (the page cannot hide itself). */
  'popover:hide': { request: undefined; response: Result };
  /** Opens the AWS console for the profile in the browser; the sign-in URL never comes back here. */
  'console:open': { request: { profile: string }; response: Result<{ opened: boolean }> };
  /** "Move keys to the keychain": the profile's long-term keys leave the files (as `rolekeeper vault move`). */
  'vault:move': { request: { profile: string }; response: Result<{ message: string; wording: Phrase }> };
  /**
   * The "Add keys" form (as `rolekeeper vault add`). The keys go one way only: no answer, failure or
   * state ever carries them back.
   */
  'vault:add': { request: VaultAddRequest; response: Result<{ message: string; wording: Phrase }> };
}

export interface VaultAddRequest {
  profile: string;
  accessKeyId: string;
  secretAccessKey: string;
}

/** The sign-in whose accounts get profiles: an sso-session, or a legacy SSO profile (exactly one). */
export type SsoPopulateRequest = ({ session: string; profile?: undefined } | { profile: string; session?: undefined }) & { dryRun: boolean };

/** A session, or an SSO profile whose sign-in to use (as `rolekeeper sso login`); the notice's `ssoSession.signIn`. */
export interface SsoLoginRequest {
  session?: string;
  profile?: string;
  useDeviceCode?: boolean;
}

export interface SsoLoginPromptData {
  /** Where to sign in; null when the sign-in finished before a prompt was needed (`signedIn`). */
  url: string | null;
  /** The device flow's code to confirm in the browser; null for the browser redirect flow. */
  userCode: string | null;
  browserOpened: boolean;
  /** A sign-in for the same target was already running: this is its prompt. */
  alreadyRunning: boolean;
  /** The sign-in already finished (the token is written). */
  signedIn: boolean;
}

/** Main → renderer pushes (`webContents.send` → `ipcRenderer.on`). */
export interface EventChannels {
  'state:changed': AppState;
  /** Show a part of the popover, e.g. after a notification click. */
  'popover:focus': { view: PopoverView; profile?: string; section?: 'needs-you' };
}

export type PopoverView = 'profiles' | 'doctor' | 'settings';
export type InvokeChannel = keyof InvokeChannels;
export type EventChannel = keyof EventChannels;
export type RequestOf<C extends InvokeChannel> = InvokeChannels[C]['request'];
export type ResponseOf<C extends InvokeChannel> = InvokeChannels[C]['response'];

/** The preload API's method names and the channel each one invokes. */
export const API_METHODS = {
  getState: 'state:get',
  refresh: 'profiles:refresh',
  refreshAll: 'profiles:refresh-all',
  clearCache: 'cache:clear',
  copyExport: 'env:copy',
  verify: 'profiles:verify',
  submitMfa: 'mfa:submit',
  runDoctor: 'doctor:run',
  applyFix: 'doctor:fix',
  fixAll: 'doctor:fix-all',
  getSettings: 'settings:get',
  setSettings: 'settings:set',
  openConfig: 'config:open',
  ssoLogin: 'sso:login',
  ssoPopulate: 'sso:populate',
  keepFresh: 'profiles:keep-fresh',
  hidePopover: 'popover:hide',
  openConsole: 'console:open',
  moveKeysToKeychain: 'vault:move',
  addKeys: 'vault:add',
} as const satisfies Record<string, InvokeChannel>;

export const INVOKE_CHANNELS = Object.values(API_METHODS) as InvokeChannel[];
export const EVENT_CHANNELS: readonly EventChannel[] = ['state:changed', 'popover:focus'];

type ApiMethod<C extends InvokeChannel> = RequestOf<C> extends undefined
  ? () => Promise<ResponseOf<C>>
  : (request: RequestOf<C>) => Promise<ResponseOf<C>>;

/** What `window.rolekeeper` is: one method per action, and listeners that get the payload only. */
export type RolekeeperApi = { [M in keyof typeof API_METHODS]: ApiMethod<(typeof API_METHODS)[M]> } & {
  onStateChanged(listener: (state: AppState) => void): () => void;
  onFocus(listener: (focus: EventChannels['popover:focus']) => void): () => void;
};

// ---- runtime validation of requests (main trusts nothing the renderer sends) ----

export type Validation<T> = { ok: true; value: T } | Failure;

/** No control characters (C0, C1) or line separators: no name Rolekeeper shows or writes carries them. */
const PROFILE_NAME = /^[^\p{Cc}\u2028\u2029]{1,256}$/u;
const FINDING_CODE = /^[a-z0-9][a-z0-9-]{0,99}$/;
const MFA_CODE = /^\d{6}$/;

function invalid(message: string): Failure {
  return { ok: false, code: 'invalid-request', message };
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function onlyKeys(value: Record<string, unknown>, allowed: readonly string[]): string | null {
  const extra = Object.keys(value).find((key) => !allowed.includes(key));
  return extra === undefined ? null : extra;
}

function checkObject(value: unknown, allowed: readonly string[]): Record<string, unknown> | Failure {
  if (!isRecord(value)) return invalid('the request must be an object');
  const extra = onlyKeys(value, allowed);
  if (extra !== null) return invalid(`unexpected field "${extra.slice(0, 40)}"`);
  return value;
}

function isProfileName(value: unknown): value is string {
  return typeof value === 'string' && PROFILE_NAME.test(value);
}

function isIntegerIn(value: unknown, min: number, max: number): value is number {
  return typeof value === 'number' && Number.isInteger(value) && value >= min && value <= max;
}

function noRequest(value: unknown): Validation<undefined> {
  return value === undefined || value === null ? { ok: true, value: undefined } : invalid('this action takes no arguments');
}

function profileRequest(value: unknown): Validation<{ profile: string }> {
  const object = checkObject(value, ['profile']);
  if ('ok' in object && object.ok === false) return object as Failure;
  const record = object as Record<string, unknown>;
  if (!isProfileName(record.profile)) return invalid('"profile" must be a profile name');
  return { ok: true, value: { profile: record.profile } };
}

function validateKeptFresh(value: unknown): KeptFreshProfile[] | null {
  if (!Array.isArray(value) || value.length > 10_000) return null;
  const result: KeptFreshProfile[] = [];
  for (const item of value) {
    if (!isRecord(item) || onlyKeys(item, ['profile', 'sinks']) !== null) return null;
    if (!isProfileName(item.profile) || !Array.isArray(item.sinks)) return null;
    if (!item.sinks.every(isSinkKind)) return null;
    result.push({ profile: item.profile, sinks: [...new Set(item.sinks as SinkKind[])] });
  }
  return result;
}

function settingsPatch(value: unknown): Validation<Partial<Settings>> {
  const object = checkObject(value, Object.keys(DEFAULT_SETTINGS));
  if ('ok' in object && object.ok === false) return object as Failure;
  const record = object as Record<string, unknown>;
  const patch: Partial<Settings> = {};
  if ('refreshLeadMinutes' in record) {
    if (!isIntegerIn(record.refreshLeadMinutes, 1, 720)) return invalid('refresh lead time must be 1–720 minutes');
    patch.refreshLeadMinutes = record.refreshLeadMinutes;
  }
  if ('notifyLeadMinutes' in record) {
    if (!isIntegerIn(record.notifyLeadMinutes, 0, 720)) return invalid('notification lead time must be 0–720 minutes');
    patch.notifyLeadMinutes = record.notifyLeadMinutes;
  }
  if ('autoStart' in record) {
    if (typeof record.autoStart !== 'boolean') return invalid('auto-start must be true or false');
    patch.autoStart = record.autoStart;
  }
  if ('defaultShell' in record) {
    if (!SHELLS.includes(record.defaultShell as ShellKind)) return invalid(`default shell must be one of ${SHELLS.join(', ')}`);
    patch.defaultShell = record.defaultShell as ShellKind;
  }
  if ('clipboardClearSeconds' in record) {
    if (!isIntegerIn(record.clipboardClearSeconds, 0, 3600)) return invalid('clipboard clear time must be 0–3600 seconds');
    patch.clipboardClearSeconds = record.clipboardClearSeconds;
  }
  if ('menuBarTitle' in record) {
    if (typeof record.menuBarTitle !== 'boolean') return invalid('the menu-bar title must be true or false');
    patch.menuBarTitle = record.menuBarTitle;
  }
  if ('keptFresh' in record) {
    const keptFresh = validateKeptFresh(record.keptFresh);
    if (keptFresh === null) return invalid(`kept-fresh profiles must be a list of { profile, sinks } with sinks from ${SINK_KINDS.join(', ')}`);
    patch.keptFresh = keptFresh;
  }
  return { ok: true, value: patch };
}

/** One validator per channel: unknown in, the typed request or an `invalid-request` failure out. */
export const REQUEST_VALIDATORS: { [C in InvokeChannel]: (value: unknown) => Validation<RequestOf<C>> } = {
  'state:get': noRequest,
  'profiles:refresh': profileRequest,
  'profiles:refresh-all': (value) => {
    if (value === undefined || value === null) return { ok: true, value: {} };
    const object = checkObject(value, ['confirmed']);
    if ('ok' in object && object.ok === false) return object as Failure;
    const record = object as Record<string, unknown>;
    if (record.confirmed !== undefined && typeof record.confirmed !== 'boolean') return invalid('"confirmed" must be true or false');
    return { ok: true, value: record.confirmed === undefined ? {} : { confirmed: record.confirmed } };
  },
  'cache:clear': (value) => {
    if (value === undefined || value === null) return { ok: true, value: {} };
    const object = checkObject(value, ['profile']);
    if ('ok' in object && object.ok === false) return object as Failure;
    const record = object as Record<string, unknown>;
    if (record.profile === undefined) return { ok: true, value: {} };
    if (!isProfileName(record.profile)) return invalid('"profile" must be a profile name');
    return { ok: true, value: { profile: record.profile } };
  },
  'env:copy': (value) => {
    const object = checkObject(value, ['profile', 'shell', 'form']);
    if ('ok' in object && object.ok === false) return object as Failure;
    const record = object as Record<string, unknown>;
    if (!isProfileName(record.profile)) return invalid('"profile" must be a profile name');
    if (!SHELLS.includes(record.shell as ShellKind)) return invalid(`"shell" must be one of ${SHELLS.join(', ')}`);
    if (!EXPORT_FORMS.includes(record.form as ExportForm)) return invalid('"form" must be "endpoint" or "keys"');
    return { ok: true, value: { profile: record.profile, shell: record.shell as ShellKind, form: record.form as ExportForm } };
  },
  'profiles:verify': profileRequest,
  'mfa:submit': (value) => {
    const object = checkObject(value, ['profile', 'code']);
    if ('ok' in object && object.ok === false) return object as Failure;
    const record = object as Record<string, unknown>;
    if (!isProfileName(record.profile)) return invalid('"profile" must be a profile name');
    // The message never echoes what was typed: it may be a real code with a typo.
    if (typeof record.code !== 'string' || !MFA_CODE.test(record.code)) return invalid('the MFA code must be 6 digits');
    return { ok: true, value: { profile: record.profile, code: record.code } };
  },
  'doctor:run': noRequest,
  'doctor:fix': (value) => {
    const object = checkObject(value, ['code', 'profile']);
    if ('ok' in object && object.ok === false) return object as Failure;
    const record = object as Record<string, unknown>;
    if (typeof record.code !== 'string' || !FINDING_CODE.test(record.code)) return invalid('"code" must be a finding code');
    if (record.profile !== null && !isProfileName(record.profile)) return invalid('"profile" must be a profile name or null');
    return { ok: true, value: { code: record.code, profile: (record.profile as string | null) ?? null } };
  },
  'doctor:fix-all': noRequest,
  'settings:get': noRequest,
  'settings:set': settingsPatch,
  'config:open': noRequest,
  'sso:login': (value) => {
    const object = checkObject(value, ['session', 'profile', 'useDeviceCode']);
    if ('ok' in object && object.ok === false) return object as Failure;
    const record = object as Record<string, unknown>;
    if (record.session !== undefined && !isProfileName(record.session)) return invalid('"session" must be an sso-session name');
    if (record.profile !== undefined && !isProfileName(record.profile)) return invalid('"profile" must be a profile name');
    if (record.session !== undefined && record.profile !== undefined) return invalid('give "session" or "profile", not both');
    if (record.useDeviceCode !== undefined && typeof record.useDeviceCode !== 'boolean') return invalid('"useDeviceCode" must be true or false');
    const request: SsoLoginRequest = {};
    if (record.session !== undefined) request.session = record.session as string;
    if (record.profile !== undefined) request.profile = record.profile as string;
    if (record.useDeviceCode !== undefined) request.useDeviceCode = record.useDeviceCode as boolean;
    return { ok: true, value: request };
  },
  'sso:populate': (value) => {
    const object = checkObject(value, ['session', 'profile', 'dryRun']);
    if ('ok' in object && object.ok === false) return object as Failure;
    const record = object as Record<string, unknown>;
    if (typeof record.dryRun !== 'boolean') return invalid('"dryRun" must be true or false');
    if (record.session !== undefined && record.profile !== undefined) return invalid('give "session" or "profile", not both');
    if (record.session !== undefined) {
      if (!isProfileName(record.session)) return invalid('"session" must be an sso-session name');
      return { ok: true, value: { session: record.session, dryRun: record.dryRun } };
    }
    if (!isProfileName(record.profile)) return invalid('give "session" (an sso-session name) or "profile" (a profile name)');
    return { ok: true, value: { profile: record.profile, dryRun: record.dryRun } };
  },
  'profiles:keep-fresh': (value) => {
    const object = checkObject(value, ['profile', 'keep']);
    if ('ok' in object && object.ok === false) return object as Failure;
    const record = object as Record<string, unknown>;
    if (!isProfileName(record.profile)) return invalid('"profile" must be a profile name');
    if (typeof record.keep !== 'boolean') return invalid('"keep" must be true or false');
    return { ok: true, value: { profile: record.profile, keep: record.keep } };
  },
  'popover:hide': noRequest,
  'console:open': profileRequest,
  'vault:move': profileRequest,
  'vault:add': (value) => {
    const object = checkObject(value, ['profile', 'accessKeyId', 'secretAccessKey']);
    if ('ok' in object && object.ok === false) return object as Failure;
    const record = object as Record<string, unknown>;
    if (!isProfileName(record.profile)) return invalid('"profile" must be a profile name');
    // Only the shape here, and never the value in the message: the engine says what a key looks like.
    for (const field of ['accessKeyId', 'secretAccessKey'] as const) {
      if (typeof record[field] !== 'string' || (record[field] as string).length > 256) return invalid(`"${field}" must be text`);
    }
    return { ok: true, value: { profile: record.profile, accessKeyId: record.accessKeyId as string, secretAccessKey: record.secretAccessKey as string } };
  },
};

export function isInvokeChannel(value: unknown): value is InvokeChannel {
  return typeof value === 'string' && (INVOKE_CHANNELS as string[]).includes(value);
}
