// What every part of the popover shares: the preload API, the latest state and settings, the
// translator, and the status line.
import type { AppState, Failure, RolekeeperApi, Settings } from '../shared/ipc-contract';
import { say as sayPhrase, translator, type Translate } from '../shared/i18n';
import { byId } from './dom';

declare global {
  interface Window {
    rolekeeper: RolekeeperApi;
  }
}

export interface PopoverContext {
  readonly api: RolekeeperApi;
  state: AppState | null;
  settings: Settings | null;
  t: Translate;
}

export const popover: PopoverContext = {
  api: window.rolekeeper,
  state: null,
  settings: null,
  t: translator(navigator.language),
};

/**
 * A transient toast over the bottom of the popover: it moves nothing, and fades by a CSS animation
 * (no timer, so a hidden popover holds none). Screen readers hear it through the live region.
 */
export function say(message: string, kind: 'ok' | 'error' = 'ok'): void {
  const status = byId('status');
  status.textContent = message;
  status.className = 'status';
  // Restarts the fade for a message that repeats.
  void status.offsetWidth;
  status.className = kind === 'error' ? 'status toast error' : 'status toast';
}

export function clearToast(): void {
  const status = byId('status');
  status.textContent = '';
  status.className = 'status';
}

export function sayFailure(failure: Failure): void {
  const message = failure.wording ? sayPhrase(popover.t, failure.wording) : failure.message;
  say(popover.t('ui.failed', { message }), 'error');
}

let stateListener: (state: AppState) => void = () => undefined;

/** Where a state fetched by `reload` goes (the popover's one render entry). */
export function onReloadedState(listener: (state: AppState) => void): void {
  stateListener = listener;
}

/** Asks main for the state again after an action, and renders it. */
export async function reload(): Promise<void> {
  const response = await popover.api.getState();
  if (response.ok) stateListener(response.state);
}
