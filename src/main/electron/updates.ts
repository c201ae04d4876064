// Updates the way Electron apps get them: electron-updater reads the feed electron-builder (or
// scripts/dist-linux.mjs) wrote into resources/app-update.yml, downloads a newer release in the
// background, checks its sha512 (and on Windows and macOS its signature), and installs it on quit.
// A build without a feed has no app-update.yml: then nothing is checked, ever.
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { app, Notification } from 'electron';
import type { Translate } from '../../shared/i18n';

export interface Updates {
  /** False in builds without a feed (and when not packaged): the menu item stays hidden. */
  readonly enabled: boolean;
  /** Asks the feed now (the "Check for updates" menu item). */
  checkNow(): void;
}

const OFF: Updates = { enabled: false, checkNow: () => undefined };

export function setupUpdates(t: Translate): Updates {
  if (!app.isPackaged || !existsSync(join(process.resourcesPath, 'app-update.yml'))) return OFF;
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { autoUpdater } = require('./auto-updater') as typeof import('./auto-updater');
  autoUpdater.autoDownload = true;
  autoUpdater.autoInstallOnAppQuit = true;
  // Its default logger writes to the console; a failed check is retried at the next start.
  autoUpdater.logger = null;
  autoUpdater.on('error', () => undefined);
  autoUpdater.on('update-downloaded', (info) => {
    new Notification({ title: t('update.readyTitle', { version: info.version }), body: t('update.readyBody') }).show();
  });
  const checkNow = (): void => {
    autoUpdater.checkForUpdates().catch(() => undefined);
  };
  checkNow();
  return { enabled: true, checkNow };
}
