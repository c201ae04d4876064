// A recording stand-in for the `electron` module, for running the real dist/electron/main.js under
// plain Node in a child process (see launch-main.ts). Each export `satisfies` the part of Electron's
// own typings the adapter uses, and it enforces the documented rules the adapter can get wrong:
// APIs that need `ready` throw before it, a second ipcMain.handle on one channel throws, Electron
// holds notifications weakly, and tray clicks behave per platform (platform-rules.ts).
// Test helpers only: product code never imports this.
import { EventEmitter } from 'node:events';
import { request as httpRequest, type ClientRequest, type RequestOptions } from 'node:http';
import { ERROR_BOX_MARK } from './error-box-mark';
import { closeSync, existsSync, mkdirSync, openSync, readFileSync, readdirSync, renameSync, rmSync, watch, writeFileSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type * as ElectronModule from 'electron';
import { ignoresWindowPositioning, TRAY_CLICKS, type MouseButton, type StandInPlatform } from './platform-rules';

const platform = process.platform as StandInPlatform;

/** Everything the adapter did that a test may look at; sent to the test on `record`. */
export const record = {
  ready: false,
  name: 'Electron',
  appUserModelId: null as string | null,
  privilegedSchemes: [] as string[],
  errorBoxes: [] as Array<{ title: string; content: string }>,
  messageBoxes: [] as Array<{ message: string; detail?: string; buttons?: string[] }>,
  /** Answer index a message box gives (tests set it). */
  messageBoxAnswer: 0,
  openedPaths: [] as string[],
  /** URLs handed to the OS browser (shell.openExternal). */
  openedUrls: [] as string[],
  shownItems: [] as string[],
  notifications: [] as Array<{ id: number; title: string; body: string; shown: boolean; closed: boolean }>,
  collectedNotifications: [] as number[],
  contextMenusOpened: 0,
  trayEvents: [] as string[],
  sent: [] as Array<{ channel: string; payload: unknown }>,
  positions: [] as Array<{ x: number; y: number }>,
  ignoredPositions: 0,
  rendererLoads: [] as Array<{ url: string; status: number; csp: string | null }>,
  clipboard: '',
  rejections: [] as string[],
  loginItem: { openAtLogin: false } as { openAtLogin: boolean; args?: string[] },
};

function needsReady(api: string): void {
  // Electron: "this method can only be used after the ready event of the app module is emitted".
  if (!record.ready) throw new Error(`${api} cannot be used before the app is ready`);
}

// ---- app -------------------------------------------------------------------------------------

function appDataDir(): string {
  const home = process.env.HOME ?? '/nonexistent';
  if (platform === 'darwin') return join(home, 'Library', 'Application Support');
  if (platform === 'win32') return process.env.APPDATA ?? join(home, 'AppData', 'Roaming');
  return process.env.XDG_CONFIG_HOME ?? join(home, '.config');
}

class StandInApp extends EventEmitter {
  isPackaged = process.env.STAND_IN_PACKAGED === '1';
  dock = platform === 'darwin' ? { hide: () => undefined } : undefined;
  private readyPromise: Promise<void>;
  private lockFile: string | null = null;
  private quitting = false;

  constructor() {
    super();
    this.readyPromise = new Promise((resolve) =>
      setImmediate(() => {
        record.ready = true;
        this.emit('ready');
        resolve();
      }),
    );
    // Electron's main process keeps running with no handle open, and an unhandled rejection only warns.
    setInterval(() => undefined, 1 << 30);
    process.on('unhandledRejection', (reason) => {
      record.rejections.push(reason instanceof Error ? reason.message : String(reason));
      console.error('(stand-in) unhandled rejection in the main process:', reason);
    });
  }
  whenReady(): Promise<void> {
    return this.readyPromise;
  }
  isReady(): boolean {
    return record.ready;
  }
  setName(name: string): void {
    record.name = name;
  }
  getName(): string {
    return record.name;
  }
  getVersion(): string {
    return '0.0.0-stand-in';
  }
  setAppUserModelId(id: string): void {
    record.appUserModelId = id;
  }
  getAppPath(): string {
    return process.env.STAND_IN_APP_PATH ?? process.cwd();
  }
  getPath(name: Parameters<Electron.App['getPath']>[0]): string {
    if (name === 'home') return process.env.HOME ?? '/nonexistent';
    if (name === 'appData') return appDataDir();
    if (name === 'userData') return join(appDataDir(), record.name);
    if (name === 'temp') return process.env.TMPDIR ?? '/tmp';
    throw new Error(`stand-in: getPath('${name}') is not modelled`);
  }
  getLocale(): string {
    return 'en-US';
  }
  getPreferredSystemLanguages(): string[] {
    return (process.env.STAND_IN_LANGUAGES ?? 'en-US').split(',');
  }
  getLoginItemSettings(): Electron.LoginItemSettings {
    return { openAtLogin: record.loginItem.openAtLogin, openAsHidden: false, wasOpenedAtLogin: false, wasOpenedAsHidden: false, restoreState: false, status: 'not-registered', executableWillLaunchAtLogin: false, launchItems: [] } as unknown as Electron.LoginItemSettings;
  }
  setLoginItemSettings(settings: Electron.Settings): void {
    record.loginItem = { openAtLogin: settings.openAtLogin ?? false, args: settings.args };
  }
  /** Chromium's process singleton: a lock file in userData; later launches pass their argv on. */
  requestSingleInstanceLock(): boolean {
    const dir = this.getPath('userData');
    mkdirSync(dir, { recursive: true });
    const file = join(dir, 'SingletonLock');
    try {
      const fd = openSync(file, 'wx');
      writeSync(fd, String(process.pid));
      closeSync(fd);
    } catch {
      const holder = Number(readFileSync(file, 'utf8'));
      if (isAlive(holder)) {
        // Written under another name and renamed, so the running app never reads half a file.
        const request = join(dir, `second-instance-${process.pid}.json`);
        writeFileSync(`${request}.tmp`, JSON.stringify(process.argv.slice(2)));
        renameSync(`${request}.tmp`, request);
        return false;
      }
      writeFileSync(file, String(process.pid));
    }
    this.lockFile = file;
    process.on('exit', () => this.releaseLock());
    watch(dir, (_event, name) => {
      if (!name || !String(name).startsWith('second-instance-') || !String(name).endsWith('.json')) return;
      const path = join(dir, String(name));
      if (!existsSync(path)) return;
      const argv = JSON.parse(readFileSync(path, 'utf8')) as string[];
      rmSync(path, { force: true });
      void this.whenReady().then(() => this.emit('second-instance', {}, argv, process.cwd(), {}));
    }).unref();
    return true;
  }
  private releaseLock(): void {
    if (this.lockFile && readFileSync(this.lockFile, 'utf8') === String(process.pid)) rmSync(this.lockFile, { force: true });
  }
  quit(): void {
    if (this.quitting) return;
    const beforeQuit = { preventDefault: () => undefined };
    this.emit('before-quit', beforeQuit);
    let prevented = false;
    this.emit('will-quit', { preventDefault: () => (prevented = true) });
    if (prevented) return;
    this.quitting = true;
    this.emit('quit', {}, 0);
    setImmediate(() => process.exit(0));
  }
  exit(code = 0): void {
    process.exit(code);
  }
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

export const app = new StandInApp() satisfies Pick<
  Electron.App,
  'whenReady' | 'isReady' | 'setName' | 'getName' | 'getVersion' | 'setAppUserModelId' | 'getAppPath' | 'getPath' | 'getLocale' | 'getPreferredSystemLanguages' | 'getLoginItemSettings' | 'setLoginItemSettings' | 'requestSingleInstanceLock' | 'quit' | 'exit' | 'isPackaged'
>;

// ---- ipcMain, webContents, BrowserWindow ----------------------------------------------------

type InvokeHandler = (event: Electron.IpcMainInvokeEvent, ...args: unknown[]) => unknown;

class StandInIpcMain extends EventEmitter {
  readonly handlers = new Map<string, InvokeHandler>();
  handle(channel: string, listener: InvokeHandler): void {
    if (this.handlers.has(channel)) throw new Error(`Attempted to register a second handler for '${channel}'`);
    this.handlers.set(channel, listener);
  }
  removeHandler(channel: string): void {
    this.handlers.delete(channel);
  }
}
export const ipcMain = new StandInIpcMain() satisfies Pick<Electron.IpcMain, 'handle' | 'removeHandler'>;

export interface StandInFrame {
  url: string;
  parent: StandInFrame | null;
}

let nextContentsId = 1;
export class StandInWebContents extends EventEmitter {
  readonly id = nextContentsId++;
  url = '';
  loading = false;
  mainFrame: StandInFrame = { url: '', parent: null };
  windowOpenHandler: ((details: Electron.HandlerDetails) => Electron.WindowOpenHandlerResponse) | null = null;
  /** Listeners of the preload's ipcRenderer.on in this page. */
  readonly rendererListeners = new EventEmitter();

  send(channel: string, ...args: unknown[]): void {
    record.sent.push({ channel, payload: args[0] });
    this.rendererListeners.emit(channel, { sender: null }, ...args);
  }
  isLoading(): boolean {
    return this.loading;
  }
  isDevToolsOpened(): boolean {
    return false;
  }
  setWindowOpenHandler(handler: (details: Electron.HandlerDetails) => Electron.WindowOpenHandlerResponse): void {
    this.windowOpenHandler = handler;
  }
  async load(url: string): Promise<void> {
    this.loading = true;
    this.url = url;
    const scheme = new URL(url).protocol.slice(0, -1);
    const handler = protocolHandlers.get(scheme);
    const response = handler ? await handler(new Request(url)) : new Response('no handler for this scheme', { status: 404 });
    record.rendererLoads.push({ url, status: response.status, csp: response.headers.get('content-security-policy') });
    this.mainFrame = { url, parent: null };
    this.loading = false;
    if (response.ok) this.emit('did-finish-load');
    else this.emit('did-fail-load', {}, -6, `status ${response.status}`, url);
  }
}

export const windows: StandInBrowserWindow[] = [];

export class StandInBrowserWindow extends EventEmitter {
  readonly webContents = new StandInWebContents();
  visible = false;
  destroyed = false;
  position = { x: 0, y: 0 };
  centered = false;

  constructor(readonly options: Electron.BrowserWindowConstructorOptions = {}) {
    super();
    needsReady('new BrowserWindow()');
    windows.push(this);
    app.emit('web-contents-created', {}, this.webContents);
  }
  static getAllWindows(): StandInBrowserWindow[] {
    return windows.filter((window) => !window.destroyed);
  }
  loadURL(url: string): Promise<void> {
    return this.webContents.load(url);
  }
  show(): void {
    this.visible = true;
    this.emit('show');
  }
  hide(): void {
    this.visible = false;
    this.emit('hide');
  }
  focus(): void {
    this.emit('focus');
  }
  center(): void {
    this.centered = true;
  }
  isVisible(): boolean {
    return this.visible;
  }
  isDestroyed(): boolean {
    return this.destroyed;
  }
  setPosition(x: number, y: number): void {
    if (ignoresWindowPositioning(platform, process.env)) {
      record.ignoredPositions++;
      return;
    }
    this.position = { x, y };
    record.positions.push({ x, y });
  }
  getBounds(): Electron.Rectangle {
    return { ...this.position, width: this.options.width ?? 800, height: this.options.height ?? 600 };
  }
  close(): void {
    let prevented = false;
    this.emit('close', { preventDefault: () => (prevented = true) });
    if (prevented) return;
    this.destroyed = true;
    this.emit('closed');
  }
}
export const BrowserWindow = StandInBrowserWindow satisfies { getAllWindows(): unknown[] };
StandInBrowserWindow.prototype satisfies Pick<Electron.BrowserWindow, 'show' | 'hide' | 'focus' | 'center' | 'isVisible' | 'isDestroyed' | 'getBounds' | 'close'>;

// ---- protocol, net, session -------------------------------------------------------------------

const protocolHandlers = new Map<string, (request: Request) => Response | Promise<Response>>();
let schemesRegistered = false;

export const protocol = {
  registerSchemesAsPrivileged(schemes: Electron.CustomScheme[]): void {
    if (record.ready) throw new Error('protocol.registerSchemesAsPrivileged must be called before the app is ready');
    if (schemesRegistered) throw new Error('protocol.registerSchemesAsPrivileged can be called only once');
    schemesRegistered = true;
    record.privilegedSchemes.push(...schemes.map((scheme) => scheme.scheme));
  },
  handle(scheme: string, handler: (request: Request) => Response | Promise<Response>): void {
    needsReady('protocol.handle');
    if (protocolHandlers.has(scheme)) throw new Error(`The scheme '${scheme}' is already handled`);
    protocolHandlers.set(scheme, handler);
  },
} satisfies Pick<Electron.Protocol, 'registerSchemesAsPrivileged' | 'handle'>;

export const net = {
  async fetch(input: string | Request): Promise<Response> {
    const url = typeof input === 'string' ? input : input.url;
    if (!url.startsWith('file:')) throw new Error('stand-in: net.fetch serves file: URLs only (no network in tests)');
    try {
      return new Response(readFileSync(fileURLToPath(url)), { status: 200 });
    } catch {
      return new Response('not found', { status: 404 });
    }
  },
  /**
   * Electron's ClientRequest, played by Node's (same events, a Readable response with statusCode
   * and headers), for loopback URLs only: what electron-updater asks its feed with.
   */
  request(options: Electron.ClientRequestConstructorOptions & { hostname?: string; host?: string }): ClientRequest {
    const host = options.hostname ?? options.host ?? (options.url ? new URL(options.url).hostname : '');
    if (!['127.0.0.1', 'localhost', '[::1]', '::1'].includes(host)) throw new Error(`stand-in: net.request reaches loopback only, not ${host}`);
    const { session: _session, redirect: _redirect, partition: _partition, useSessionCookies: _cookies, url, ...nodeOptions } = options as Record<string, unknown>;
    return typeof url === 'string' ? httpRequest(url, nodeOptions as RequestOptions) : httpRequest(nodeOptions as RequestOptions);
  },
} satisfies Pick<Electron.Net, 'fetch'> & { request: unknown };

export const session = {
  /** A partition's session: the stand-in keeps none apart (electron-updater asks for its own). */
  fromPartition(_partition: string, _options?: { cache?: boolean }): Record<string, never> {
    return {};
  },
  get defaultSession() {
    needsReady('session.defaultSession');
    return {
      setPermissionRequestHandler: (_handler: unknown) => undefined,
      setPermissionCheckHandler: (_handler: unknown) => undefined,
    } satisfies Pick<Electron.Session, 'setPermissionRequestHandler' | 'setPermissionCheckHandler'>;
  },
};

// ---- screen, nativeImage, Menu, Tray --------------------------------------------------------

const DISPLAY = { bounds: { x: 0, y: 0, width: 1920, height: 1080 }, workArea: { x: 0, y: 0, width: 1920, height: 1050 } };
export const screen = {
  getCursorScreenPoint(): Electron.Point {
    needsReady('screen.getCursorScreenPoint');
    return { x: 1800, y: 10 };
  },
  getDisplayNearestPoint(_point: Electron.Point): Electron.Display {
    needsReady('screen.getDisplayNearestPoint');
    return DISPLAY as unknown as Electron.Display;
  },
} satisfies Pick<Electron.Screen, 'getCursorScreenPoint' | 'getDisplayNearestPoint'>;

export class StandInImage {
  template = false;
  constructor(readonly path: string) {}
  setTemplateImage(template: boolean): void {
    this.template = template;
  }
  isEmpty(): boolean {
    return !existsSync(this.path);
  }
}
export const nativeImage = {
  createFromPath: (path: string) => new StandInImage(path),
} satisfies { createFromPath(path: string): Pick<Electron.NativeImage, 'setTemplateImage' | 'isEmpty'> };

export interface StandInMenuItem {
  label?: string;
  type?: string;
  enabled?: boolean;
  click?: () => void;
  submenu?: StandInMenu;
}
export class StandInMenu {
  constructor(readonly items: StandInMenuItem[]) {}
  static buildFromTemplate(template: Array<Electron.MenuItemConstructorOptions>): StandInMenu {
    return new StandInMenu(
      template.map((item) => ({
        label: item.label,
        type: item.type,
        enabled: item.enabled ?? true,
        click: item.click ? () => (item.click as () => void)() : undefined,
        submenu: Array.isArray(item.submenu) ? StandInMenu.buildFromTemplate(item.submenu) : undefined,
      })),
    );
  }
}
export const Menu = StandInMenu;

export const trays: StandInTray[] = [];
export class StandInTray extends EventEmitter {
  image: StandInImage;
  tooltip = '';
  contextMenu: StandInMenu | null = null;
  constructor(image: StandInImage) {
    super();
    needsReady('new Tray()');
    this.image = image;
    trays.push(this);
  }
  setImage(image: StandInImage): void {
    this.image = image;
  }
  setToolTip(tooltip: string): void {
    this.tooltip = tooltip;
  }
  /** macOS only in Electron (the text beside the icon); recorded here on every platform. */
  title = '';
  setTitle(title: string): void {
    this.title = title;
  }
  setContextMenu(menu: StandInMenu | null): void {
    this.contextMenu = menu;
  }
  popUpContextMenu(menu?: StandInMenu): void {
    if (menu ?? this.contextMenu) record.contextMenusOpened++;
  }
  getBounds(): Electron.Rectangle {
    return platform === 'linux' ? { x: 0, y: 0, width: 0, height: 0 } : { x: 1700, y: 0, width: 22, height: 22 };
  }
  /** A user's click, as this platform delivers it. */
  userClick(button: MouseButton): void {
    const rule = TRAY_CLICKS[platform][button];
    if (rule.opensContextMenu && this.contextMenu) record.contextMenusOpened++;
    if (rule.emits) {
      record.trayEvents.push(rule.emits);
      this.emit(rule.emits, {}, this.getBounds());
    }
  }
}
export const Tray = StandInTray;
StandInTray.prototype satisfies Pick<Electron.Tray, 'getBounds' | 'setToolTip' | 'setTitle'>;

// ---- Notification, dialog, shell, clipboard, powerMonitor ------------------------------------

let nextNotificationId = 1;
// Electron keeps main-process notifications only weakly: a collected one never delivers its click.
export const liveNotifications = new Map<number, WeakRef<StandInNotification>>();
const collected = new FinalizationRegistry<number>((id) => record.collectedNotifications.push(id));

export class StandInNotification extends EventEmitter {
  readonly id = nextNotificationId++;
  static isSupported(): boolean {
    return true;
  }
  constructor(options: Electron.NotificationConstructorOptions = {}) {
    super();
    record.notifications.push({ id: this.id, title: options.title ?? '', body: options.body ?? '', shown: false, closed: false });
    liveNotifications.set(this.id, new WeakRef(this));
    collected.register(this, this.id);
  }
  show(): void {
    const entry = record.notifications.find((item) => item.id === this.id);
    if (entry) entry.shown = true;
    this.emit('show', {});
  }
  close(): void {
    const entry = record.notifications.find((item) => item.id === this.id);
    if (entry) entry.closed = true;
    this.emit('close', {});
  }
}
export const Notification = StandInNotification;
StandInNotification.prototype satisfies Pick<Electron.Notification, 'show' | 'close'>;


export const dialog = {
  showErrorBox(title: string, content: string): void {
    record.errorBoxes.push({ title, content });
    // Also on stderr: an app that exits right after its dialog can no longer be asked for its record.
    console.error(`${ERROR_BOX_MARK}${JSON.stringify({ title, content })}`);
  },
  async showMessageBox(options: Electron.MessageBoxOptions): Promise<Electron.MessageBoxReturnValue> {
    needsReady('dialog.showMessageBox');
    record.messageBoxes.push({ message: options.message, detail: options.detail, buttons: options.buttons });
    return { response: record.messageBoxAnswer, checkboxChecked: false };
  },
} satisfies Pick<Electron.Dialog, 'showErrorBox'> & { showMessageBox(options: Electron.MessageBoxOptions): Promise<Electron.MessageBoxReturnValue> };

export const shell = {
  async openPath(path: string): Promise<string> {
    record.openedPaths.push(path);
    return existsSync(path) ? '' : `Failed to open path`;
  },
  showItemInFolder(path: string): void {
    record.shownItems.push(path);
  },
  async openExternal(url: string): Promise<void> {
    // Electron rejects what the OS cannot open; a test's "browser" is the test itself.
    new URL(url);
    record.openedUrls.push(url);
  },
} satisfies Pick<Electron.Shell, 'openPath' | 'showItemInFolder' | 'openExternal'>;

// Electron 45's clipboard is promise-based. STAND_IN_CLIPBOARD_FILE mirrors it, so a test can read
// what was left on it after the app exited.
export const clipboard = {
  async writeText(text: string): Promise<void> {
    record.clipboard = text;
    if (process.env.STAND_IN_CLIPBOARD_FILE) writeFileSync(process.env.STAND_IN_CLIPBOARD_FILE, text);
  },
  async readText(): Promise<string> {
    return record.clipboard;
  },
} satisfies Pick<Electron.Clipboard, 'writeText' | 'readText'>;

export const powerMonitor = new EventEmitter();

// ---- the preload's side: contextBridge and ipcRenderer over the popover's webContents ------

export const exposedInMainWorld: Record<string, unknown> = {};
export const contextBridge = {
  exposeInMainWorld(key: string, api: unknown): void {
    exposedInMainWorld[key] = api;
  },
} satisfies Pick<Electron.ContextBridge, 'exposeInMainWorld'>;

/** The page the preload runs in; launch-main's control sets it to the popover's webContents. */
export const preloadPage: { contents: StandInWebContents | null } = { contents: null };

export const ipcRenderer = {
  invoke(channel: string, ...args: unknown[]): Promise<unknown> {
    const contents = preloadPage.contents;
    if (!contents) return Promise.reject(new Error('the preload runs in no page'));
    return invokeFrom(contents, contents.mainFrame, channel, args);
  },
  on(channel: string, listener: (...args: unknown[]) => void) {
    preloadPage.contents?.rendererListeners.on(channel, listener);
    return ipcRenderer;
  },
  removeListener(channel: string, listener: (...args: unknown[]) => void) {
    preloadPage.contents?.rendererListeners.removeListener(channel, listener);
    return ipcRenderer;
  },
};

/** ipcRenderer.invoke as Electron runs it: the handler's rejection reaches the page as an Error. */
export async function invokeFrom(contents: StandInWebContents, frame: StandInFrame, channel: string, args: unknown[]): Promise<unknown> {
  const handler = ipcMain.handlers.get(channel);
  if (!handler) throw new Error(`Error invoking remote method '${channel}': Error: No handler registered for '${channel}'`);
  const event = { sender: contents, senderFrame: frame, processId: 1, frameId: 1 } as unknown as Electron.IpcMainInvokeEvent;
  return handler(event, ...args);
}

// Every export is named as in Electron's module, so the bundle's destructuring finds each one.
type StandInExports = 'app' | 'ipcMain' | 'protocol' | 'net' | 'session' | 'screen' | 'nativeImage' | 'Menu' | 'Tray' | 'BrowserWindow' | 'Notification' | 'dialog' | 'shell' | 'clipboard' | 'powerMonitor' | 'contextBridge' | 'ipcRenderer';
export const NAMED_LIKE_ELECTRON: StandInExports extends keyof typeof ElectronModule ? true : never = true;
