// Electron's per-platform behaviour the stand-in plays back, as data (Electron's Tray, Notification
// and BrowserWindow docs; the Linux rows follow StatusNotifierItem/AppIndicator hosts).

export type StandInPlatform = 'darwin' | 'win32' | 'linux';
export type MouseButton = 'left' | 'right';

export interface TrayClickRule {
  /** The Tray event Electron emits, or null when the host swallows the click. */
  emits: 'click' | 'right-click' | null;
  /** Whether the menu given to setContextMenu opens by itself on this click. */
  opensContextMenu: boolean;
}

export const TRAY_CLICKS: Record<StandInPlatform, Record<MouseButton, TrayClickRule>> = {
  // macOS: a context menu set with setContextMenu opens on *any* click, and `click` still fires.
  darwin: { left: { emits: 'click', opensContextMenu: true }, right: { emits: 'right-click', opensContextMenu: true } },
  win32: { left: { emits: 'click', opensContextMenu: false }, right: { emits: 'right-click', opensContextMenu: true } },
  // AppIndicator hosts show the menu on any click and send no click to the app.
  linux: { left: { emits: null, opensContextMenu: true }, right: { emits: null, opensContextMenu: true } },
};

/** Under a native Wayland session (Electron ≥ 38 by default) windows cannot place themselves. */
export function ignoresWindowPositioning(platform: StandInPlatform, env: NodeJS.ProcessEnv): boolean {
  return platform === 'linux' && Boolean(env.WAYLAND_DISPLAY) && env.ELECTRON_OZONE_PLATFORM_HINT !== 'x11';
}
