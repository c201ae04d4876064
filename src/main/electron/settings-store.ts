// The tray's own settings file (electron-store, `settings.json` in userData). A file that cannot be
// parsed is moved aside and the defaults are used: those settings are convenience, not credentials,
// and a tray that does not start is worse. The caller tells the user where the old file went.
import Store from 'electron-store';
import { renameSync } from 'node:fs';
import * as path from 'node:path';
import type { SettingsStore } from '../core/tray/tray-settings';
import type { Settings } from '../../shared/ipc-contract';

export interface OpenedSettings {
  store: SettingsStore;
  /** Set when a broken file was moved aside. */
  reset: { file: string; movedTo: string } | null;
}

type TrayStore = Store<{ settings: Partial<Settings> }>;

function openStore(): TrayStore {
  return new Store<{ settings: Partial<Settings> }>({ name: 'settings', defaults: { settings: {} } });
}

export function openSettingsStore(userDataDir: string, now: Date = new Date()): OpenedSettings {
  let store: TrayStore;
  let reset: OpenedSettings['reset'] = null;
  try {
    store = openStore();
  } catch (error) {
    const file = path.join(userDataDir, 'settings.json');
    const movedTo = `${file}.unreadable-${now.toISOString().replace(/[:.]/g, '-')}`;
    renameSync(file, movedTo);
    console.error(`Rolekeeper: ${file} could not be read (${error instanceof Error ? error.message : error}); moved to ${movedTo}`);
    store = openStore();
    reset = { file, movedTo };
  }
  return {
    store: { load: () => store.get('settings'), save: (settings) => store.set('settings', settings) },
    reset,
  };
}
