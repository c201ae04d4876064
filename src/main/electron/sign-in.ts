// IAM Identity Center sign-ins started from the tray (menu entry, notification click): through the
// shared SsoSignIns, so the popover shows the URL and code; the popover opens on the profile at
// once. The sign-in page goes to the OS browser through shell.openExternal, checked first.
import { shell } from 'electron';
import { signInPageHref } from '../core/service/wording-helpers';
import { failureText, RefreshError } from '../core/service/service-errors';
import type { SsoSignIns } from '../core/tray/sso-sign-ins';
import type { Translate } from '../../shared/i18n';
import type { EventChannels, SsoLoginRequest } from '../../shared/ipc-contract';

/** The BrowserOpener of the tray's engine: resolves false (the popover shows the URL) when it cannot. */
export async function openSignInPage(url: string): Promise<boolean> {
  const href = signInPageHref(url);
  if (href === null) return false;
  try {
    await shell.openExternal(href);
    return true;
  } catch {
    return false;
  }
}

export interface TraySignInDeps {
  signIns: SsoSignIns;
  t: Translate;
  openPopover(focus: EventChannels['popover:focus']): void;
  inform(title: string, body: string, profile?: string): void;
}

export type StartSignIn = (target: SsoLoginRequest, label: string, profile?: string) => void;

export function traySignIn(deps: TraySignInDeps): StartSignIn {
  return (target, label, profile) => {
    deps.openPopover({ view: 'profiles', profile });
    // The engine's errors carry no secret (no token, no client secret); say it like a menu failure.
    deps.signIns.start(target).catch((error: unknown) => signInFailed(deps, label, error, profile));
  };
}

/** One notice for a sign-in that failed, worded in the user's language where the engine gave words. */
export function signInFailed(deps: Pick<TraySignInDeps, 't' | 'inform'>, label: string, error: unknown, profile?: string): void {
  const body = error instanceof RefreshError ? failureText(error, deps.t).message : error instanceof Error ? error.message : String(error);
  deps.inform(deps.t('notify.signInFailedTitle', { session: label }), body, profile);
}
