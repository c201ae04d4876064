// Registers the IPC handler table (core/tray/ipc-handlers) on ipcMain, answering only our popover.
import { ipcMain } from 'electron';
import type { HandlerTable } from '../core/tray/ipc-handlers';
import { INVOKE_CHANNELS, type Failure } from '../../shared/ipc-contract';
import type { PopoverWindow } from './popover-window';

const FORBIDDEN: Failure = { ok: false, code: 'forbidden', message: 'Only the Rolekeeper popover may ask this.' };

export function setupIpc(handlers: HandlerTable, popover: PopoverWindow): void {
  for (const channel of INVOKE_CHANNELS) {
    ipcMain.handle(channel, (event, request: unknown) => (popover.isOurSender(event) ? handlers[channel](request) : Promise.resolve(FORBIDDEN)));
  }
}
