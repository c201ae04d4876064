// The popover: one sandboxed window, created on first use, anchored to the tray (or a normal small
// window under Wayland), and the only sender main answers over IPC.
import { BrowserWindow, screen, Tray, type IpcMainInvokeEvent } from 'electron';
import type { EventChannels } from '../../shared/ipc-contract';
import { APP_HOST, APP_SCHEME, POPOVER_URL } from './app-protocol-handler';
import { popoverMode, popoverPosition, type PopoverMode } from './popover-placement';
import { PRELOAD } from './resources';

const POPOVER_SIZE = { width: 380, height: 560 };
/** A tray click that arrives this soon after a blur closed the popover meant "close", not "open". */
const BLUR_CLICK_GRACE_MS = 300;

export class PopoverWindow {
  private window: BrowserWindow | null = null;
  private hiddenByBlurAt = 0;
  private quitting = false;
  private tray: Tray | null = null;
  readonly mode: PopoverMode = popoverMode(process.platform, process.env);

  constructor(private readonly devTools: boolean) {}

  anchorTo(tray: Tray): void {
    this.tray = tray;
  }

  /** From now on `close` closes instead of hiding. */
  allowClose(): void {
    this.quitting = true;
  }

  show(focus: EventChannels['popover:focus']): void {
    const window = (this.window ??= this.create());
    this.place(window);
    const reveal = (): void => {
      window.show();
      window.focus();
      this.send('popover:focus', focus);
    };
    if (window.webContents.isLoading()) window.webContents.once('did-finish-load', reveal);
    else reveal();
  }

  /** Escape in the popover (`popover:hide`). */
  hide(): void {
    if (this.window && !this.window.isDestroyed() && this.window.isVisible()) this.window.hide();
  }

  toggle(): void {
    if (Date.now() - this.hiddenByBlurAt < BLUR_CLICK_GRACE_MS) return;
    if (this.window && !this.window.isDestroyed() && this.window.isVisible()) this.window.hide();
    else this.show({ view: 'profiles' });
  }

  isOpen(): boolean {
    return this.window !== null && !this.window.isDestroyed();
  }

  send<C extends keyof EventChannels>(channel: C, payload: EventChannels[C]): void {
    if (this.window && !this.window.isDestroyed()) this.window.webContents.send(channel, payload);
  }

  /** Our popover's main frame on our own origin; nothing else may invoke main. */
  isOurSender(event: IpcMainInvokeEvent): boolean {
    if (!this.window || this.window.isDestroyed() || event.sender !== this.window.webContents) return false;
    const frame = event.senderFrame;
    if (!frame || frame.parent !== null) return false;
    try {
      const url = new URL(frame.url);
      return url.protocol === `${APP_SCHEME}:` && url.host === APP_HOST;
    } catch {
      return false;
    }
  }

  private create(): BrowserWindow {
    const anchored = this.mode === 'anchored';
    const window = new BrowserWindow({
      ...POPOVER_SIZE,
      show: false,
      title: 'Rolekeeper',
      frame: !anchored,
      resizable: !anchored,
      movable: !anchored,
      minimizable: !anchored,
      maximizable: false,
      fullscreenable: false,
      skipTaskbar: anchored,
      alwaysOnTop: anchored,
      webPreferences: {
        preload: PRELOAD,
        contextIsolation: true,
        sandbox: true,
        nodeIntegration: false,
        nodeIntegrationInWorker: false,
        webSecurity: true,
        webviewTag: false,
        spellcheck: false,
        // Middle-click must not open windows (Electron checklist; electronegativity AUXCLICK_JS_CHECK).
        disableBlinkFeatures: 'Auxclick',
        devTools: this.devTools,
      },
    });
    // A popover closes when focus leaves; a normal window stays until closed.
    if (anchored) {
      window.on('blur', () => {
        if (window.webContents.isDevToolsOpened()) return;
        this.hiddenByBlurAt = Date.now();
        window.hide();
      });
    }
    window.on('close', (event) => {
      if (this.quitting) return;
      event.preventDefault();
      window.hide();
    });
    void window.loadURL(POPOVER_URL);
    return window;
  }

  private place(window: BrowserWindow): void {
    if (this.mode === 'window') {
      if (!window.isVisible()) window.center();
      return;
    }
    const trayBounds = this.tray?.getBounds() ?? { x: 0, y: 0, width: 0, height: 0 };
    const anchor = trayBounds.width > 0 ? { x: trayBounds.x, y: trayBounds.y } : screen.getCursorScreenPoint();
    const display = screen.getDisplayNearestPoint(anchor);
    const position = popoverPosition({ platform: process.platform, trayBounds, workArea: display.workArea, displayBounds: display.bounds, windowSize: POPOVER_SIZE });
    window.setPosition(position.x, position.y, false);
  }
}
