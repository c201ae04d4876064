// Where the packaged app's files are: the bundle's siblings in app.asar, and the images electron-
// builder copies to `resources/` (extraResources); in development, the repository's build/ folder.
import { app } from 'electron';
import * as path from 'node:path';
import type { TrayState } from '../core/tray/tray-model';

export const RENDERER_ROOT = path.join(__dirname, '..', 'renderer');
export const PRELOAD = path.join(__dirname, '..', 'preload', 'preload.js');

export function resourcePath(...parts: string[]): string {
  return app.isPackaged ? path.join(process.resourcesPath, ...parts) : path.join(app.getAppPath(), 'build', ...parts);
}

/** macOS wants template images (black + alpha) that it tints for light and dark menu bars. */
export function trayIconPath(state: TrayState, platform: NodeJS.Platform = process.platform): string {
  return resourcePath('tray', platform === 'darwin' ? `tray-${state}Template.png` : `tray-${state}.png`);
}

export function notificationIconPath(): string {
  return resourcePath('icons', '256x256.png');
}
