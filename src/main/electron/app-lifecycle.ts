// The app's life around the tray: identity, one instance, refusing what a tray popover never needs,
// start-up failure, sleep/unlock, and a quit that finishes its work first.
import { app, dialog, powerMonitor, session } from 'electron';
import { translator } from '../../shared/i18n';
import { errorText } from '../core/service/service-errors';

/** electron-builder.yml's appId: Windows shows toasts only for an app with this id (AppUserModelID). */
export const APP_ID = 'dev.rolekeeper.tray';

export function setupAppIdentity(): void {
  app.setName('Rolekeeper');
  if (process.platform === 'win32') app.setAppUserModelId(APP_ID);
}

/** False when another Rolekeeper runs: it gets our argv (`second-instance`) and we quit. */
export function claimSingleInstance(): boolean {
  if (app.requestSingleInstanceLock()) return true;
  app.quit();
  return false;
}

export function setupWindowSecurity(): void {
  // A tray app lives without windows; it quits only from its menu.
  app.on('window-all-closed', () => undefined);
  app.on('web-contents-created', (_event, contents) => {
    contents.on('will-navigate', (event) => event.preventDefault());
    contents.on('will-redirect', (event) => event.preventDefault());
    contents.on('will-attach-webview', (event) => event.preventDefault());
    contents.setWindowOpenHandler(() => ({ action: 'deny' }));
  });
}

export function setupPermissions(): void {
  session.defaultSession.setPermissionRequestHandler((_contents, _permission, callback) => callback(false));
  session.defaultSession.setPermissionCheckHandler(() => false);
}

export function systemLocale(): string {
  return app.getPreferredSystemLanguages()[0] ?? app.getLocale();
}

/**
 * A start that failed half-way must not linger: a process with no tray and no IPC handlers that
 * still holds the single-instance lock would swallow every later launch. Say why once, then exit.
 */
export function failToStart(error: unknown): void {
  const t = translator(app.isReady() ? systemLocale() : 'en');
  const message = errorText(error, t);
  console.error(`Rolekeeper could not start: ${message}`);
  dialog.showErrorBox(t('start.failedTitle'), t('start.failedBody', { message }));
  app.exit(1);
}

export function setupPowerEvents(replan: () => void): void {
  // Timers drift or stall across sleep; the lock screen often hides a sleep from timers too.
  powerMonitor.on('resume', replan);
  powerMonitor.on('unlock-screen', replan);
}

/** Runs `finish` (clear the clipboard, stop the engine) before the app really quits. */
export function setupQuit(finish: () => Promise<unknown>): void {
  let finished = false;
  app.on('will-quit', (event) => {
    if (finished) return;
    event.preventDefault();
    void finish()
      .catch(() => undefined)
      .then(() => {
        finished = true;
        app.quit();
      });
  });
}
