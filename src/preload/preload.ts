// The sandboxed preload: exposes exactly the typed API of the IPC contract as `window.rolekeeper`.
// Never the raw ipcRenderer, never an IpcRendererEvent: listeners get the payload only.
import { contextBridge, ipcRenderer } from 'electron';
import { API_METHODS, type EventChannels, type RolekeeperApi } from '../shared/ipc-contract';

function subscribe<C extends keyof EventChannels>(channel: C, listener: (payload: EventChannels[C]) => void): () => void {
  const wrapped = (_event: Electron.IpcRendererEvent, payload: EventChannels[C]): void => listener(payload);
  ipcRenderer.on(channel, wrapped);
  return () => {
    ipcRenderer.removeListener(channel, wrapped);
  };
}

const methods = Object.fromEntries(
  Object.entries(API_METHODS).map(([method, channel]) => [method, (request?: unknown) => ipcRenderer.invoke(channel, request)]),
);

const api = {
  ...methods,
  onStateChanged: (listener) => subscribe('state:changed', listener),
  onFocus: (listener) => subscribe('popover:focus', listener),
} as RolekeeperApi;

contextBridge.exposeInMainWorld('rolekeeper', api);
