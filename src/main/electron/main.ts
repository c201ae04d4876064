// The Electron adapter: tray, popover window, notifications, login item and IPC registration over
// the engine. Decisions live in src/main/core; this file only wires them to Electron.
import {
  app,
  BrowserWindow,
  clipboard,
  ipcMain,
  Menu,
  nativeImage,
  net,
  Notification,
  powerMonitor,
  protocol,
  screen,
  session,
  shell,
  Tray,
  type IpcMainInvokeEvent,
  type MenuItemConstructorOptions,
} from 'electron';
import Store from 'electron-store';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { createRolekeeperService, type RolekeeperService } from '../core/service/rolekeeper-service';
import { startKeeping, type Keeping } from '../core/service/keeping';
import { TraySettings, type SettingsStore } from '../core/tray/tray-settings';
import { currentEnvironment } from '../core/aws-config/aws-environment';
import { buildAppState, ClipboardClearer, createIpcHandlers, type AutoStartPort, type HandlerTable } from '../core/tray/ipc-handlers';
import { nextTrayChangeAt, trayMenu, trayOverview, trayTooltip, type MenuAction, type MenuItemModel, type TrayState } from '../core/tray/tray-model';
import { decideNotifications, showsEngineNotification } from '../core/tray/notification-policy';
import { disableLinuxAutostart, enableLinuxAutostart, HIDDEN_ARG, isLinuxAutostartEnabled } from '../core/tray/autostart-linux';
import { INVOKE_CHANNELS, type EventChannels, type PopoverView, type Settings } from '../../shared/ipc-contract';
import { notificationText, translator, type Translate } from '../../shared/i18n';
import type { EngineNotification } from '../../shared/engine-events';
import { popoverPosition } from './popover-placement';

const SCHEME = 'app';
const HOST = 'rolekeeper';
const POPOVER_URL = `${SCHEME}://${HOST}/index.html`;
const POPOVER_SIZE = { width: 380, height: 560 };
const MAX_TIMER_MS = 2 ** 31 - 1;
const RENDERER_ROOT = path.join(__dirname, '..', 'renderer');
const PRELOAD = path.join(__dirname, '..', 'preload', 'preload.js');

let service: RolekeeperService;
let keeping: Keeping;
let traySettings: TraySettings;
let handlers: HandlerTable;
let tray: Tray | null = null;
let popover: BrowserWindow | null = null;
let quitting = false;
let t: Translate = translator('en');
let locale = 'en';
let trayState: TrayState | null = null;
let trayTimer: NodeJS.Timeout | null = null;
let notifyTimer: NodeJS.Timeout | null = null;
let notified = new Set<string>();
/** Per profile, how many engine notifications were shown; a menu action compares before and after. */
const engineNoticesShown = new Map<string, number>();
let pushQueued = false;
let hiddenByBlurAt = 0;

app.setName('Rolekeeper');
protocol.registerSchemesAsPrivileged([{ scheme: SCHEME, privileges: { standard: true, secure: true } }]);

if (!app.requestSingleInstanceLock()) {
  app.quit();
} else {
  app.on('second-instance', () => showPopover({ view: 'profiles' }));
  // A tray app lives without windows; it quits only from its menu.
  app.on('window-all-closed', () => undefined);
  app.on('before-quit', () => {
    quitting = true;
  });
  app.on('web-contents-created', (_event, contents) => {
    contents.on('will-navigate', (event) => event.preventDefault());
    contents.on('will-redirect', (event) => event.preventDefault());
    contents.on('will-attach-webview', (event) => event.preventDefault());
    contents.setWindowOpenHandler(() => ({ action: 'deny' }));
  });
  app.whenReady().then(start, (error: unknown) => {
    console.error('Rolekeeper could not start:', error instanceof Error ? error.message : error);
    app.exit(1);
  });
}

function resourcePath(...parts: string[]): string {
  return app.isPackaged ? path.join(process.resourcesPath, ...parts) : path.join(app.getAppPath(), 'build', ...parts);
}

function trayImage(state: TrayState): Electron.NativeImage {
  if (process.platform === 'darwin') {
    const image = nativeImage.createFromPath(resourcePath('tray', `tray-${state}Template.png`));
    image.setTemplateImage(true);
    return image;
  }
  return nativeImage.createFromPath(resourcePath('tray', `tray-${state}.png`));
}

function electronSettingsStore(): SettingsStore {
  const store = new Store<{ settings: Partial<Settings> }>({ name: 'settings', defaults: { settings: {} } });
  return {
    load: () => store.get('settings'),
    save: (settings) => store.set('settings', settings),
  };
}

function loginArgs(): string[] {
  return app.isPackaged ? [HIDDEN_ARG] : [app.getAppPath(), HIDDEN_ARG];
}

function autoStartPort(): AutoStartPort {
  if (process.platform === 'linux') {
    const options = () => ({
      env: process.env,
      homeDir: app.getPath('home'),
      // An AppImage must be started through its own path, not the mounted squashfs binary.
      executable: process.env.APPIMAGE ?? process.execPath,
      args: app.isPackaged ? [] : [app.getAppPath()],
    });
    return {
      isEnabled: () => isLinuxAutostartEnabled(options()),
      setEnabled: async (enabled) => {
        if (enabled) await enableLinuxAutostart(options());
        else await disableLinuxAutostart(options());
      },
    };
  }
  return {
    isEnabled: async () => app.getLoginItemSettings({ path: process.execPath, args: loginArgs() }).openAtLogin,
    setEnabled: async (enabled) => app.setLoginItemSettings({ openAtLogin: enabled, path: process.execPath, args: loginArgs() }),
  };
}

function startedAtLogin(): boolean {
  if (process.argv.includes(HIDDEN_ARG)) return true;
  return process.platform === 'darwin' && app.getLoginItemSettings().wasOpenedAtLogin === true;
}

function serveRenderer(): void {
  protocol.handle(SCHEME, async (request) => {
    const url = new URL(request.url);
    if (url.host !== HOST) return new Response('not found', { status: 404 });
    const file = path.normalize(path.join(RENDERER_ROOT, decodeURIComponent(url.pathname)));
    if (!file.startsWith(RENDERER_ROOT + path.sep)) return new Response('forbidden', { status: 403 });
    return net.fetch(pathToFileURL(file).toString());
  });
}

function isOurPopover(event: IpcMainInvokeEvent): boolean {
  if (!popover || popover.isDestroyed() || event.sender !== popover.webContents) return false;
  const frame = event.senderFrame;
  if (!frame || frame.parent !== null) return false;
  try {
    const url = new URL(frame.url);
    return url.protocol === `${SCHEME}:` && url.host === HOST;
  } catch {
    return false;
  }
}

function registerIpc(): void {
  for (const channel of INVOKE_CHANNELS) {
    ipcMain.handle(channel, (event, request: unknown) =>
      isOurPopover(event)
        ? handlers[channel](request)
        : Promise.resolve({ ok: false, code: 'forbidden', message: 'Only the Rolekeeper popover may ask this.' }),
    );
  }
}

function send<C extends keyof EventChannels>(channel: C, payload: EventChannels[C]): void {
  if (popover && !popover.isDestroyed()) popover.webContents.send(channel, payload);
}

function createPopover(): BrowserWindow {
  const window = new BrowserWindow({
    ...POPOVER_SIZE,
    show: false,
    frame: false,
    resizable: false,
    movable: false,
    minimizable: false,
    maximizable: false,
    fullscreenable: false,
    skipTaskbar: true,
    alwaysOnTop: true,
    webPreferences: {
      preload: PRELOAD,
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      webSecurity: true,
      webviewTag: false,
      spellcheck: false,
      // Middle-click must not open windows (Electron checklist; electronegativity AUXCLICK_JS_CHECK).
      disableBlinkFeatures: 'Auxclick',
      devTools: !app.isPackaged,
    },
  });
  window.on('blur', () => {
    if (window.webContents.isDevToolsOpened()) return;
    hiddenByBlurAt = Date.now();
    window.hide();
  });
  window.on('close', (event) => {
    if (!quitting) {
      event.preventDefault();
      window.hide();
    }
  });
  void window.loadURL(POPOVER_URL);
  return window;
}

function placePopover(window: BrowserWindow): void {
  const trayBounds = tray?.getBounds() ?? { x: 0, y: 0, width: 0, height: 0 };
  const anchor = trayBounds.width > 0 ? { x: trayBounds.x, y: trayBounds.y } : screen.getCursorScreenPoint();
  const display = screen.getDisplayNearestPoint(anchor);
  const position = popoverPosition({
    platform: process.platform,
    trayBounds,
    workArea: display.workArea,
    displayBounds: display.bounds,
    windowSize: POPOVER_SIZE,
  });
  window.setPosition(position.x, position.y, false);
}

function showPopover(focus: EventChannels['popover:focus']): void {
  // One renderer at most, created on first use.
  popover ??= createPopover();
  const window = popover;
  placePopover(window);
  const reveal = (): void => {
    window.show();
    window.focus();
    send('popover:focus', focus);
  };
  if (window.webContents.isLoading()) window.webContents.once('did-finish-load', reveal);
  else reveal();
}

function togglePopover(): void {
  // Clicking the tray icon blurs the popover first: that click meant "close", not "open again".
  if (Date.now() - hiddenByBlurAt < 300) return;
  if (popover && !popover.isDestroyed() && popover.isVisible()) popover.hide();
  else showPopover({ view: 'profiles' });
}

function snapshot() {
  const activity = service.activity();
  return { profiles: service.summaries(), ...activity };
}

function notifyLeadMs(): number {
  return service.expiringWithinMs();
}

function toElectronMenu(items: MenuItemModel[]): MenuItemConstructorOptions[] {
  return items.map((item): MenuItemConstructorOptions => {
    switch (item.kind) {
      case 'separator':
        return { type: 'separator' };
      case 'label':
        return { label: item.label, enabled: false };
      case 'submenu':
        return { label: item.label, submenu: toElectronMenu(item.items) };
      case 'action':
        return { label: item.label, enabled: item.enabled, click: () => void runMenuAction(item.action) };
    }
  });
}

function inform(title: string, body: string, profile?: string): void {
  if (!Notification.isSupported()) return;
  const notification = new Notification({ title, body, icon: resourcePath('icons', '256x256.png') });
  notification.on('click', () => showPopover({ view: 'profiles', profile }));
  notification.show();
}

async function runMenuAction(action: MenuAction): Promise<void> {
  switch (action.type) {
    case 'open-popover':
      return showPopover({ view: action.view, profile: action.profile });
    case 'quit':
      quitting = true;
      app.quit();
      return;
    case 'refresh': {
      const shownBefore = engineNoticesShown.get(action.profile) ?? 0;
      const response = await handlers['profiles:refresh']({ profile: action.profile });
      if (!response.ok && response.code === 'mfa-required') showPopover({ view: 'profiles', profile: action.profile });
      // A kept profile's failure may already have been announced by the engine: say it once.
      else if (!response.ok && (engineNoticesShown.get(action.profile) ?? 0) === shownBefore) {
        inform(t('notify.failedTitle', { profile: action.profile }), response.message, action.profile);
      }
      return;
    }
    case 'refresh-all': {
      const response = await handlers['profiles:refresh-all'](undefined);
      if (response.ok) {
        const failed = response.results.filter((result) => !result.ok);
        if (failed.length > 0) inform(t('ui.refreshedAll', { ok: response.results.length - failed.length, total: response.results.length }), failed.map((f) => `${f.profile}: ${f.message ?? f.code}`).join('\n'));
      }
      return;
    }
    case 'clear-cache': {
      const response = await handlers['cache:clear'](action.profile === undefined ? {} : { profile: action.profile });
      if (response.ok) inform(t('appName'), t('ui.cleared', { count: response.cleared }));
      return;
    }
    case 'copy-export': {
      const { profile, shell: shellKind, form } = action;
      const response = await handlers['env:copy']({ profile, shell: shellKind, form });
      if (response.ok) inform(t('appName'), response.clearsInSeconds > 0 ? t('ui.copied', { shell: shellKind, profile, seconds: response.clearsInSeconds }) : t('ui.copiedNoClear', { shell: shellKind, profile }));
      else inform(t('appName'), t('ui.failed', { message: response.message }), profile);
      return;
    }
    case 'verify': {
      const response = await handlers['profiles:verify']({ profile: action.profile });
      if (response.ok) inform(action.profile, t('ui.verified', { profile: action.profile, arn: response.arn, account: response.account }), action.profile);
      else inform(action.profile, t('ui.failed', { message: response.message }), action.profile);
      return;
    }
    case 'open-config':
      await handlers['config:open'](undefined);
      return;
  }
}

function updateTray(): void {
  if (!tray) return;
  const now = Date.now();
  const current = snapshot();
  const options = { now, expiringWithinMs: notifyLeadMs() };
  const overview = trayOverview(current, options);
  if (overview.state !== trayState) {
    trayState = overview.state;
    tray.setImage(trayImage(overview.state));
  }
  tray.setToolTip(trayTooltip(overview, current, t));
  tray.setContextMenu(Menu.buildFromTemplate(toElectronMenu(trayMenu(current, { ...options, defaultShell: traySettings.get().defaultShell }, t))));

  // One timer: the next state change, or the next minute while the menu shows remaining times.
  const next = nextTrayChangeAt(current, options);
  const countingDown = current.profiles.some((profile) => profile.expiresAt !== null && Date.parse(profile.expiresAt) > now);
  const nextMinute = countingDown ? now + 60_000 - (now % 60_000) : null;
  const due = [next, nextMinute].filter((value): value is number => value !== null);
  if (trayTimer) clearTimeout(trayTimer);
  trayTimer = due.length > 0 ? setTimeout(updateTray, Math.min(Math.min(...due) - now + 50, MAX_TIMER_MS)) : null;
}

function updateNotifications(): void {
  const decision = decideNotifications({ snapshot: snapshot(), now: Date.now(), notifyLeadMs: notifyLeadMs(), notified }, t);
  notified = decision.notified;
  for (const item of decision.notifications) inform(item.title, item.body, item.profile);
  if (notifyTimer) clearTimeout(notifyTimer);
  notifyTimer = decision.nextCheckAt === null ? null : setTimeout(updateNotifications, Math.min(decision.nextCheckAt - Date.now() + 50, MAX_TIMER_MS));
}

/** Kept-fresh profiles: the engine decides (each cause once); the rest are decideNotifications'. */
function onEngineNotification(notification: EngineNotification): void {
  if (!showsEngineNotification(notification, service.activity().keptFresh)) return;
  const { title, body } = notificationText(notification, t);
  engineNoticesShown.set(notification.profile, (engineNoticesShown.get(notification.profile) ?? 0) + 1);
  inform(title, body, notification.profile);
}

function onEngineChange(): void {
  // Several engine events in one tick become one update.
  if (pushQueued) return;
  pushQueued = true;
  setImmediate(() => {
    pushQueued = false;
    updateTray();
    updateNotifications();
    if (popover && !popover.isDestroyed()) send('state:changed', buildAppState({ service, locale, platform: process.platform }));
  });
}

async function start(): Promise<void> {
  if (process.platform === 'darwin') app.dock?.hide();
  locale = app.getPreferredSystemLanguages()[0] ?? app.getLocale();
  t = translator(locale);

  session.defaultSession.setPermissionRequestHandler((_contents, _permission, callback) => callback(false));
  session.defaultSession.setPermissionCheckHandler(() => false);
  serveRenderer();

  service = createRolekeeperService({ environment: currentEnvironment() });
  keeping = await startKeeping(service, { withoutEndpointIfPortInUse: true, owner: 'tray' });
  traySettings = new TraySettings(service, electronSettingsStore());
  const clipboardClearer = new ClipboardClearer({ writeText: (text) => clipboard.writeText(text), readText: () => clipboard.readText() });
  handlers = createIpcHandlers({
    service,
    settings: traySettings,
    clipboard: clipboardClearer,
    autoStart: autoStartPort(),
    openPath: async (file) => {
      const problem = await shell.openPath(file);
      if (problem) throw new Error(`Could not open ${file}: ${problem}`);
    },
    locale,
    platform: process.platform,
  });
  registerIpc();

  tray = new Tray(trayImage('fresh'));
  trayState = 'fresh';
  tray.on('click', togglePopover);
  service.onDidChange(onEngineChange);
  service.onNotification(onEngineNotification);
  updateTray();
  updateNotifications();

  const replan = (): void => {
    keeping.notifyResumed();
    service.replan();
  };
  powerMonitor.on('resume', replan);
  powerMonitor.on('unlock-screen', replan);

  let cleanedUp = false;
  app.on('will-quit', (event) => {
    if (cleanedUp) return;
    // Finish first: clear a copied export that is still on the clipboard, stop the engine.
    event.preventDefault();
    if (trayTimer) clearTimeout(trayTimer);
    if (notifyTimer) clearTimeout(notifyTimer);
    void Promise.allSettled([clipboardClearer.flush(), keeping.stop()]).then(() => {
      cleanedUp = true;
      app.quit();
    });
  });

  if (!startedAtLogin()) showPopover({ view: 'profiles' } satisfies { view: PopoverView });
}
