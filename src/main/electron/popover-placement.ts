// Where the popover goes next to the tray icon, per platform. Pure geometry (no electron import)
// so the adapter stays thin: macOS menu bar on top, Windows taskbar usually at the bottom, and on
// Linux AppIndicator trays report no bounds at all.

export interface Rect {
  x: number;
  y: number;
  width: number;
  height: number;
}

export interface PlacementInput {
  platform: NodeJS.Platform;
  /** tray.getBounds(): all zeros where the tray cannot tell (Linux AppIndicator). */
  trayBounds: Rect;
  /** The work area of the display holding the tray or the cursor. */
  workArea: Rect;
  /** The whole display, to tell which edge the taskbar sits on. */
  displayBounds: Rect;
  windowSize: { width: number; height: number };
}

const GAP = 6;

function clamp(value: number, min: number, max: number): number {
  return Math.max(min, Math.min(value, max));
}

export function popoverPosition(input: PlacementInput): { x: number; y: number } {
  const { trayBounds: tray, workArea: area, windowSize: size } = input;
  const maxX = area.x + area.width - size.width - GAP;
  const maxY = area.y + area.height - size.height - GAP;
  if (tray.width === 0 && tray.height === 0) {
    // No tray bounds: the top-right corner, where GNOME, KDE and most panels keep indicators.
    return { x: Math.max(area.x + GAP, maxX), y: area.y + GAP };
  }
  const centerX = Math.round(tray.x + tray.width / 2 - size.width / 2);
  const centerY = Math.round(tray.y + tray.height / 2 - size.height / 2);
  const display = input.displayBounds;
  const taskbar =
    input.platform === 'darwin'
      ? 'top'
      : area.y > display.y
        ? 'top'
        : area.x > display.x
          ? 'left'
          : area.width < display.width
            ? 'right'
            : 'bottom';
  switch (taskbar) {
    case 'top':
      return { x: clamp(centerX, area.x + GAP, maxX), y: area.y + GAP };
    case 'left':
      return { x: area.x + GAP, y: clamp(centerY, area.y + GAP, maxY) };
    case 'right':
      return { x: maxX, y: clamp(centerY, area.y + GAP, maxY) };
    default:
      return { x: clamp(centerX, area.x + GAP, maxX), y: maxY };
  }
}

/**
 * `anchored`: a frameless popover placed next to the tray. `window`: a normal small window the
 * compositor places, for native Wayland sessions (Electron ≥ 38 runs there by default), where
 * setPosition is ignored and the cursor position is stale.
 */
export type PopoverMode = 'anchored' | 'window';

export function popoverMode(platform: NodeJS.Platform, env: Record<string, string | undefined>): PopoverMode {
  if (platform !== 'linux') return 'anchored';
  if (env.ELECTRON_OZONE_PLATFORM_HINT === 'x11') return 'anchored';
  return env.WAYLAND_DISPLAY || env.XDG_SESSION_TYPE === 'wayland' ? 'window' : 'anchored';
}
