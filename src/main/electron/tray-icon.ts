// The tray icon: image and tooltip for the worst profile state, the context menu from core's tray
// model, and clicks as each platform delivers them. macOS: left click toggles the popover, right
// click opens the menu (a menu set with setContextMenu would open on every click there). Windows:
// left = popover, right = menu. Linux AppIndicator: any click opens the menu, so it always has one.
import { Menu, nativeImage, Tray, type MenuItemConstructorOptions } from 'electron';
import type { RolekeeperService } from '../core/service/rolekeeper-service';
import type { TraySettings } from '../core/tray/tray-settings';
import { menuBarTitle, nextTrayChangeAt, trayMenu, trayOverview, trayTooltip, type MenuAction, type MenuItemModel, type TraySnapshot, type TrayState } from '../core/tray/tray-model';
import type { Translate } from '../../shared/i18n';
import { trayIconPath } from './resources';

const MAX_TIMER_MS = 2 ** 31 - 1;

export interface TrayDeps {
  service: RolekeeperService;
  settings: TraySettings;
  t: Translate;
  snapshot(): TraySnapshot;
  togglePopover(): void;
  runMenuAction(action: MenuAction): Promise<void>;
  /** The build has an update feed (the menu offers "Check for updates"). */
  updates: boolean;
}

function trayImage(state: TrayState): Electron.NativeImage {
  const image = nativeImage.createFromPath(trayIconPath(state));
  if (process.platform === 'darwin') image.setTemplateImage(true);
  return image;
}

export class TrayIcon {
  readonly tray: Tray;
  private state: TrayState = 'idle';
  private menu: Menu | null = null;
  private timer: NodeJS.Timeout | null = null;
  /** macOS pops the menu up on right click only; elsewhere the OS shows the context menu. */
  private readonly menuOnRightClickOnly = process.platform === 'darwin';

  constructor(private readonly deps: TrayDeps) {
    this.tray = new Tray(trayImage(this.state));
    this.tray.on('click', () => deps.togglePopover());
    if (this.menuOnRightClickOnly) this.tray.on('right-click', () => this.menu && this.tray.popUpContextMenu(this.menu));
  }

  update(): void {
    const now = Date.now();
    const snapshot = this.deps.snapshot();
    const options = { now, expiringWithinMs: this.deps.service.expiringWithinMs() };
    const overview = trayOverview(snapshot, options);
    if (overview.state !== this.state) {
      this.state = overview.state;
      this.tray.setImage(trayImage(overview.state));
    }
    this.tray.setToolTip(trayTooltip(overview, snapshot, this.deps.t));
    // macOS shows text next to the icon: the soonest expiry of a kept profile, at a glance.
    if (process.platform === 'darwin') this.tray.setTitle(this.deps.settings.get().menuBarTitle ? (menuBarTitle(snapshot, options, this.deps.t) ?? '') : '');
    this.menu = Menu.buildFromTemplate(this.toElectronMenu(trayMenu(snapshot, { ...options, defaultShell: this.deps.settings.get().defaultShell, updates: this.deps.updates }, this.deps.t)));
    if (!this.menuOnRightClickOnly) this.tray.setContextMenu(this.menu);

    // One timer: the next state change, or the next minute while the menu shows remaining times.
    const next = nextTrayChangeAt(snapshot, options);
    const countingDown = snapshot.profiles.some((profile) => profile.expiresAt !== null && Date.parse(profile.expiresAt) > now);
    const nextMinute = countingDown ? now + 60_000 - (now % 60_000) : null;
    const due = [next, nextMinute].filter((value): value is number => value !== null);
    this.stop();
    if (due.length > 0) this.timer = setTimeout(() => this.update(), Math.min(Math.min(...due) - now + 50, MAX_TIMER_MS));
  }

  stop(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
  }

  private toElectronMenu(items: MenuItemModel[]): MenuItemConstructorOptions[] {
    return items.map((item): MenuItemConstructorOptions => {
      switch (item.kind) {
        case 'separator':
          return { type: 'separator' };
        case 'label':
          return { label: item.label, enabled: false };
        case 'submenu':
          return { label: item.label, submenu: this.toElectronMenu(item.items) };
        case 'action':
          return { label: item.label, enabled: item.enabled, click: () => void this.deps.runMenuAction(item.action) };
      }
    });
  }
}
