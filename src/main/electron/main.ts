// The Electron adapter's table of contents: each setup step lives in its own small module with its
// own state. Decisions live in src/main/core; these modules only wire them to Electron.
import { app, clipboard } from 'electron';
import { createRolekeeperService } from '../core/service/rolekeeper-service';
import { startKeeping } from '../core/service/keeping';
import { currentEnvironment } from '../core/service/process-ports';
import { trayStartupProblem } from '../core/tray/startup-check';
import { TraySettings } from '../core/tray/tray-settings';
import { buildAppState, ClipboardClearer, createIpcHandlers, traySnapshot } from '../core/tray/ipc-handlers';
import { SsoSignIns } from '../core/tray/sso-sign-ins';
import type { TraySnapshot } from '../core/tray/tray-model';
import { translator } from '../../shared/i18n';
import { claimSingleInstance, failToStart, setupAppIdentity, setupPermissions, setupPowerEvents, setupQuit, setupWindowSecurity, systemLocale } from './app-lifecycle';
import { setupAppProtocol, setupAppScheme } from './app-protocol';
import { setupIpc } from './ipc';
import { autoStartPort, startedAtLogin } from './auto-start';
import { createMenuActions, openConfigFile } from './menu-actions';
import { Notifications } from './notifications';
import { PopoverWindow } from './popover-window';
import { openSettingsStore } from './settings-store';
import { TrayIcon } from './tray-icon';
import { openSignInPage, signInFailed, traySignIn } from './sign-in';
import { setupUpdates } from './updates';

setupAppIdentity();
if (claimSingleInstance()) {
  setupAppScheme();
  setupWindowSecurity();
  app.whenReady().then(startTray).catch(failToStart);
}

async function startTray(): Promise<void> {
  if (process.platform === 'darwin') app.dock?.hide();
  const locale = systemLocale();
  const t = translator(locale);
  setupPermissions();
  setupAppProtocol();

  const environment = currentEnvironment();
  // A data folder that is a file, or a store that cannot be written: one dialog naming it, before anything else.
  const folderProblem = trayStartupProblem(environment, app.getPath('userData'));
  if (folderProblem) throw folderProblem;
  const settingsFile = openSettingsStore(app.getPath('userData'));
  const service = createRolekeeperService({ environment, openBrowser: openSignInPage });
  const settings = new TraySettings(service, settingsFile.store);
  const clipboardClearer = new ClipboardClearer({ writeText: (text) => clipboard.writeText(text), readText: () => clipboard.readText() });
  const snapshot = (): TraySnapshot => ({ ...traySnapshot(service), configUnreadable: notifications.configUnreadable() });

  const popover = new PopoverWindow(!app.isPackaged);
  const openPopover = popover.show.bind(popover);
  const inform = (title: string, body: string, profile?: string): void => notifications.inform(title, body, profile);
  const signIns = new SsoSignIns(service, { onChange: () => service.changed(), onFailedAfterPrompt: (label, error) => signInFailed({ t, inform }, label, error) });
  // The menu's and the notifications' sign-in; its failures become notifications (hence the closure).
  const startSignIn = traySignIn({ signIns, t, openPopover, inform });
  const notifications = new Notifications({ service, t, openPopover, startSignIn, snapshot });
  const updates = setupUpdates(t);
  if (settingsFile.reset) notifications.inform(t('start.settingsResetTitle'), t('start.settingsResetBody', settingsFile.reset), undefined, 'settings');
  notifications.reportUnusableFiles();

  setupIpc(createIpcHandlers({ service, settings, clipboard: clipboardClearer, autoStart: autoStartPort(), openPath: (file) => openConfigFile(file, t), signIns, locale, platform: process.platform, hidePopover: () => popover.hide() }), popover);
  const runMenuAction = createMenuActions({ service, settings, clipboard: clipboardClearer, notifications, t, openPopover, startSignIn, checkForUpdates: updates.checkNow, quit: () => app.quit(), snapshot });
  const tray = new TrayIcon({ service, settings, t, snapshot, togglePopover: () => popover.toggle(), runMenuAction, updates: updates.enabled });
  popover.anchorTo(tray.tray);

  setupEngineUpdates(service, () => {
    tray.update();
    notifications.update();
    if (popover.isOpen()) popover.send('state:changed', buildAppState({ service, signIns, locale, platform: process.platform }));
  });
  service.onNotification((notice) => notifications.onEngineNotification(notice));
  // Keeping starts once the tray listens: a notice due at start (an SSO session signed out) is shown.
  const keeping = await startKeeping(service, { withoutEndpointIfPortInUse: true, owner: 'tray' });
  tray.update();
  notifications.update();

  setupPowerEvents(() => {
    keeping.notifyResumed();
    service.replan();
  });
  app.on('second-instance', () => openPopover({ view: 'profiles' }));
  app.on('before-quit', () => popover.allowClose());
  // Finish first: clear a copied export that is still on the clipboard, stop the engine.
  setupQuit(() => {
    tray.stop();
    notifications.stop();
    return Promise.allSettled([clipboardClearer.flush(), keeping.stop()]);
  });

  if (!startedAtLogin()) openPopover({ view: 'profiles' });
}

/** Several engine events in one tick become one update. */
function setupEngineUpdates(service: ReturnType<typeof createRolekeeperService>, update: () => void): void {
  let queued = false;
  service.onDidChange(() => {
    if (queued) return;
    queued = true;
    setImmediate(() => {
      queued = false;
      update();
    });
  });
}
