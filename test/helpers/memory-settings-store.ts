// The tray's own settings store, in memory (electron-store in the adapter).
import type { SettingsStore } from '../../src/main/core/tray/tray-settings';
import type { Settings } from '../../src/shared/ipc-contract';

export function memorySettingsStore(initial: Partial<Settings> = {}): SettingsStore & { saved: Settings | null } {
  return {
    saved: null,
    load: () => initial,
    save(settings) {
      this.saved = settings;
    },
  };
}
