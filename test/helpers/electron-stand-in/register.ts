// Loaded with `--import` into the child that runs dist/electron/main.js: makes `require('electron')`
// resolve to the stand-in, optionally pretends another platform, and answers the test's commands
// over the fork IPC channel (the user's clicks, GC, power events, quit).
import Module from 'node:module';
import { join } from 'node:path';
import type { Command, Reply } from './protocol';

const platform = process.env.STAND_IN_PLATFORM;
if (platform) Object.defineProperty(process, 'platform', { value: platform });
// Electron sets process.resourcesPath; a packaged layout under test names it.
if (process.env.STAND_IN_RESOURCES_PATH) Object.defineProperty(process, 'resourcesPath', { value: process.env.STAND_IN_RESOURCES_PATH });

const STAND_IN = join(__dirname, 'electron.ts');
type Resolve = (request: string, ...rest: unknown[]) => string;
const moduleWithResolver = Module as unknown as { _resolveFilename: Resolve };
const resolveFilename = moduleWithResolver._resolveFilename;
moduleWithResolver._resolveFilename = function (request: string, ...rest: unknown[]): string {
  return request === 'electron' ? STAND_IN : resolveFilename.call(this, request, ...rest);
};

// eslint-disable-next-line @typescript-eslint/no-require-imports
const electron = require(STAND_IN) as typeof import('./electron');
const { record, trays, windows, ipcMain, liveNotifications, exposedInMainWorld, preloadPage, invokeFrom, powerMonitor, app } = electron;

function menuItemAt(path: string[]) {
  const tray = trays[0];
  let menu = tray?.contextMenu ?? null;
  let item = null;
  for (const label of path) {
    item = menu?.items.find((candidate) => candidate.label !== undefined && candidate.label.startsWith(label)) ?? null;
    if (!item) throw new Error(`no menu item "${label}" in ${JSON.stringify(menu?.items.map((i) => i.label))}`);
    menu = item.submenu ?? null;
  }
  return item;
}

type MenuShape = Array<{ label?: string; enabled?: boolean; submenu?: MenuShape }>;
function menuShape(items: Array<{ label?: string; enabled?: boolean; type?: string; submenu?: { items: unknown[] } }>): MenuShape {
  return items.filter((item) => item.type !== 'separator').map((item) => ({ label: item.label, enabled: item.enabled, submenu: item.submenu ? menuShape(item.submenu.items as never) : undefined }));
}

function snapshot() {
  const popover = windows[0];
  return {
    ...record,
    handlers: [...ipcMain.handlers.keys()].sort(),
    listeners: ipcMain.eventNames().map(String).sort(),
    tray: trays[0] ? { tooltip: trays[0].tooltip, title: trays[0].title, image: trays[0].image.path, hasContextMenu: trays[0].contextMenu !== null, menu: trays[0].contextMenu ? menuShape(trays[0].contextMenu.items) : [] } : null,
    windows: windows.map((window) => ({ visible: window.visible, url: window.webContents.url, options: { frame: window.options.frame, movable: window.options.movable, skipTaskbar: window.options.skipTaskbar, width: window.options.width, height: window.options.height, preload: window.options.webPreferences?.preload }, centered: window.centered })),
    popoverVisible: popover?.visible ?? false,
  };
}

async function run(command: Command): Promise<unknown> {
  switch (command.type) {
    case 'record':
      return snapshot();
    case 'tray-click':
      trays[0].userClick(command.button);
      return null;
    case 'menu-click': {
      const item = menuItemAt(command.path);
      if (!item?.click) throw new Error(`menu item ${command.path.join(' > ')} does nothing`);
      if (item.enabled === false) throw new Error(`menu item ${command.path.join(' > ')} is disabled`);
      item.click();
      return null;
    }
    case 'gc':
      for (let i = 0; i < 3; i++) {
        (globalThis as { gc?: () => void }).gc?.();
        await new Promise((resolve) => setImmediate(resolve));
      }
      return null;
    case 'notification-click': {
      const notification = liveNotifications.get(command.id)?.deref();
      if (!notification) return { delivered: false };
      notification.emit('click', {});
      return { delivered: true };
    }
    case 'power':
      powerMonitor.emit(command.event);
      return null;
    case 'invoke': {
      const popover = windows[0];
      const foreign = new electron.StandInWebContents();
      const contents = command.from === 'other-contents' ? foreign : popover.webContents;
      const frame =
        command.from === 'subframe' ? { url: popover.webContents.mainFrame.url, parent: popover.webContents.mainFrame } : command.from === 'foreign-origin' ? { url: 'https://example.com/', parent: null } : contents.mainFrame;
      if (command.from === 'other-contents') foreign.mainFrame = { url: popover.webContents.mainFrame.url, parent: null };
      return invokeFrom(contents, frame, command.channel, [command.request]);
    }
    case 'load-preload':
      preloadPage.contents = windows[0].webContents;
      require(command.path);
      return Object.keys(exposedInMainWorld.rolekeeper as object).sort();
    case 'api-call': {
      const api = exposedInMainWorld.rolekeeper as Record<string, (request?: unknown) => Promise<unknown>>;
      return api[command.method](command.request);
    }
    case 'set-message-box-answer':
      record.messageBoxAnswer = command.answer;
      return null;
    case 'quit':
      app.quit();
      return null;
  }
}

process.on('message', (message: { id: number; command: Command }) => {
  run(message.command).then(
    (value) => process.send?.({ id: message.id, ok: true, value } satisfies Reply),
    (error: unknown) => process.send?.({ id: message.id, ok: false, error: error instanceof Error ? error.message : String(error) } satisfies Reply),
  );
});
