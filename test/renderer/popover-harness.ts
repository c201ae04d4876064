// Loads the real popover bundle in real Chromium with `window.rolekeeper` bridged (exposeBinding) to
// the same IPC handler table the Electron adapter registers on ipcMain. No request leaves the page:
// the page is built into a folder of this test process's own and served from there through request
// interception, everything else is aborted.
import { build } from 'esbuild';
import { cpSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import type { RolekeeperService } from '../../src/main/core/service/rolekeeper-service';
import type { TraySettings } from '../../src/main/core/tray/tray-settings';
import { SsoSignIns } from '../../src/main/core/tray/sso-sign-ins';
import { buildAppState, ClipboardClearer, createIpcHandlers, type AutoStartPort, type Clipboard, type HandlerTable, type TimerPort } from '../../src/main/core/tray/ipc-handlers';
import { APP_HOST, APP_SCHEME, serveAppRequest } from '../../src/main/electron/app-protocol-handler';
import { API_METHODS, isInvokeChannel, type EventChannels } from '../../src/shared/ipc-contract';

export const ORIGIN = 'http://rolekeeper.test';
/**
 * The renderer this process serves: built here from src, never into dist/ — the packaging tests
 * pack dist/ into app.asar meanwhile, and a file changing under them shifts every entry after it.
 */
export const RENDERER_DIST = mkdtempSync(join(tmpdir(), 'rolekeeper-renderer-'));
process.once('exit', () => rmSync(RENDERER_DIST, { recursive: true, force: true }));

let built: Promise<void> | null = null;

/** Builds the renderer as scripts/bundle.mjs does (its renderer target), into RENDERER_DIST. */
export function buildRenderer(): Promise<void> {
  built ??= (async () => {
    await build({
      entryPoints: ['src/renderer/popover.ts'],
      outfile: join(RENDERER_DIST, 'popover.js'),
      bundle: true,
      platform: 'browser',
      format: 'iife',
      target: 'chrome120',
      minify: true,
      keepNames: true,
      legalComments: 'none',
      logLevel: 'warning',
    });
    cpSync('src/renderer/static', RENDERER_DIST, { recursive: true });
  })();
  return built;
}

export function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: '/usr/bin/chromium',
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
  });
}

export class MainClipboard implements Clipboard {
  text = '';
  writeText(text: string): void {
    this.text = text;
  }
  readText(): string {
    return this.text;
  }
}

/** Timers that never fire unless a test says so: clipboard clearing is covered in ipc-handlers tests. */
export const heldTimers: TimerPort = { setTimeout: () => 0, clearTimeout: () => undefined };

export interface PopoverHarness {
  context: BrowserContext;
  page: Page;
  handlers: HandlerTable;
  clipboard: MainClipboard;
  autoStart: { enabled: boolean };
  /** Every channel the page invoked, in order. */
  invoked: string[];
  /** The tray's running IAM Identity Center sign-ins (a notification click starts one here too). */
  signIns: SsoSignIns;
  open(): Promise<void>;
  close(): Promise<void>;
}

/** What the tray's handlers run over: the engine service and the tray's settings. */
export interface TrayEngine {
  service: RolekeeperService;
  settings: TraySettings;
}

export interface HarnessOptions {
  engine: TrayEngine;
  locale?: string;
  colorScheme?: 'light' | 'dark';
  deviceScaleFactor?: number;
  /** Install Playwright's fake clock at this time before the page loads. */
  clockAt?: number;
}

/** The file: fetch Electron's net.fetch does for the adapter's protocol handler. */
async function fetchFile(fileUrl: string): Promise<Response> {
  try {
    return new Response(readFileSync(fileURLToPath(fileUrl)), { status: 200 });
  } catch {
    return new Response('not found', { status: 404 });
  }
}

/**
 * Serves RENDERER_DIST at ORIGIN through the adapter's own app:// handler (path checks, content
 * types and the Content-Security-Policy header), and aborts every other request. Chromium does not
 * let a test route a custom scheme, so ORIGIN stands for app://rolekeeper; the page is the same.
 */
export async function serveRenderer(context: BrowserContext): Promise<void> {
  await context.route('**/*', async (route) => {
    const url = new URL(route.request().url());
    if (url.origin !== ORIGIN) return route.abort();
    const response = await serveAppRequest(`${APP_SCHEME}://${APP_HOST}${url.pathname}${url.search}`, RENDERER_DIST, fetchFile);
    const headers: Record<string, string> = {};
    response.headers.forEach((value, name) => (headers[name] = value));
    return route.fulfill({ status: response.status, headers, body: Buffer.from(await response.arrayBuffer()) });
  });
}

export async function openPopover(browser: Browser, options: HarnessOptions): Promise<PopoverHarness> {
  await buildRenderer();
  const locale = options.locale ?? 'en-US';
  const context = await browser.newContext({
    viewport: { width: 380, height: 560 },
    locale,
    colorScheme: options.colorScheme ?? 'light',
    deviceScaleFactor: options.deviceScaleFactor ?? 1,
    serviceWorkers: 'block',
  });
  const clipboard = new MainClipboard();
  const autoStart = { enabled: false };
  const autoStartPort: AutoStartPort = {
    isEnabled: async () => autoStart.enabled,
    setEnabled: async (enabled) => {
      autoStart.enabled = enabled;
    },
  };
  const { service, settings } = options.engine;
  const signIns = new SsoSignIns(service, { onChange: () => service.changed() });
  const handlers = createIpcHandlers({
    service,
    settings,
    clipboard: new ClipboardClearer(clipboard, heldTimers),
    autoStart: autoStartPort,
    openPath: async () => undefined,
    signIns,
    locale,
    platform: 'linux',
  });
  const invoked: string[] = [];

  await serveRenderer(context);

  // The same check main applies: only our page's main frame may invoke.
  await context.exposeBinding('__rolekeeperInvoke', async (source, channel: unknown, request: unknown) => {
    if (source.frame !== source.page.mainFrame() || new URL(source.frame.url()).origin !== ORIGIN) {
      return { ok: false, code: 'forbidden', message: 'not our page' };
    }
    if (!isInvokeChannel(channel)) return { ok: false, code: 'unknown-channel', message: 'no such channel' };
    invoked.push(channel);
    return handlers[channel](request);
  });

  // What the preload exposes, built from the same method → channel map. A string, not a function:
  // tsx's transform would leave helper calls in a serialized function that the page lacks.
  await context.addInitScript(`(() => {
    const methods = ${JSON.stringify(API_METHODS)};
    const listeners = { 'state:changed': new Set(), 'popover:focus': new Set() };
    const invoke = window.__rolekeeperInvoke;
    const api = {};
    for (const [method, channel] of Object.entries(methods)) api[method] = (request) => invoke(channel, request);
    const subscribe = (channel) => (listener) => {
      listeners[channel].add(listener);
      return () => listeners[channel].delete(listener);
    };
    api.onStateChanged = subscribe('state:changed');
    api.onFocus = subscribe('popover:focus');
    Object.defineProperty(window, 'rolekeeper', { value: Object.freeze(api) });
    Object.defineProperty(window, '__rolekeeperEmit', {
      value: (channel, payload) => listeners[channel] && listeners[channel].forEach((listener) => listener(payload)),
    });
  })();`);

  const page = await context.newPage();
  if (options.clockAt !== undefined) await page.clock.install({ time: options.clockAt });

  const push = <C extends keyof EventChannels>(channel: C, payload: EventChannels[C]): Promise<void> =>
    page.evaluate(`window.__rolekeeperEmit(${JSON.stringify(channel)}, ${JSON.stringify(payload)})`).then(() => undefined, () => undefined);
  const subscription = service.onDidChange(() => void push('state:changed', buildAppState({ service, signIns, locale, platform: 'linux' })));

  return {
    context,
    page,
    handlers,
    clipboard,
    autoStart,
    invoked,
    signIns,
    async open() {
      await page.goto(`${ORIGIN}/index.html`);
      await page.locator('#profile-list .profile, #profile-list .empty').first().waitFor();
    },
    async close() {
      subscription.dispose();
      await context.close();
    },
  };
}

/** Pushes a `popover:focus` event as main does after a notification click. */
export async function focusPopover(page: Page, focus: EventChannels['popover:focus']): Promise<void> {
  await page.evaluate(`window.__rolekeeperEmit('popover:focus', ${JSON.stringify(focus)})`);
}

export interface PendingTimer {
  kind: 'interval' | 'timeout';
  delay: number;
}

/**
 * An init script for the page's main world that wraps setInterval/setTimeout and their clears, so
 * `pendingTimers` can list what the renderer holds right now (a fired timeout no longer counts).
 * Playwright's own scripts run in an isolated world and are not seen.
 */
export const TIMER_PROBE = `(() => {
  const active = new Map();
  const native = { setInterval: window.setInterval, setTimeout: window.setTimeout, clearInterval: window.clearInterval, clearTimeout: window.clearTimeout };
  window.setInterval = function (handler, delay, ...args) {
    const id = native.setInterval.call(window, handler, delay, ...args);
    active.set(id, { kind: 'interval', delay: Number(delay) || 0 });
    return id;
  };
  window.setTimeout = function (handler, delay, ...args) {
    const id = native.setTimeout.call(window, (...fired) => {
      active.delete(id);
      if (typeof handler === 'function') handler(...fired);
    }, delay, ...args);
    active.set(id, { kind: 'timeout', delay: Number(delay) || 0 });
    return id;
  };
  window.clearInterval = function (id) { active.delete(id); native.clearInterval.call(window, id); };
  window.clearTimeout = function (id) { active.delete(id); native.clearTimeout.call(window, id); };
  Object.defineProperty(window, '__rolekeeperTimers', { value: () => [...active.values()] });
})();`;

/** The timers the page holds now; needs TIMER_PROBE added as an init script before navigation. */
export async function pendingTimers(page: Page): Promise<PendingTimer[]> {
  return (await page.evaluate('window.__rolekeeperTimers()')) as PendingTimer[];
}

/**
 * What the OS does when the popover window is hidden or shown. Headless Chromium keeps every page
 * visible (minimising the window, a tab in front, or Page.setWebLifecycleState frozen/active leave
 * `visibilityState` at 'visible' in Chromium 156), so the page's own view of it is overridden and
 * the real event dispatched.
 */
export async function emulateVisibility(page: Page, state: 'hidden' | 'visible'): Promise<void> {
  await page.evaluate(`Object.defineProperty(document, 'visibilityState', { configurable: true, value: '${state}' });
    Object.defineProperty(document, 'hidden', { configurable: true, value: ${state === 'hidden'} });
    document.dispatchEvent(new Event('visibilitychange'));`);
}
