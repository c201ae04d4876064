// The login item: XDG autostart on Linux (core/tray/autostart-linux), the OS login items elsewhere.
import { app } from 'electron';
import type { AutoStartPort } from '../core/tray/ipc-handlers';
import { disableLinuxAutostart, enableLinuxAutostart, HIDDEN_ARG, isLinuxAutostartEnabled } from '../core/tray/autostart-linux';

function loginArgs(): string[] {
  return app.isPackaged ? [HIDDEN_ARG] : [app.getAppPath(), HIDDEN_ARG];
}

export function autoStartPort(): AutoStartPort {
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

/** Started by the login item: stay in the tray without opening the popover. */
export function startedAtLogin(): boolean {
  if (process.argv.includes(HIDDEN_ARG)) return true;
  return process.platform === 'darwin' && app.getLoginItemSettings().wasOpenedAtLogin === true;
}
