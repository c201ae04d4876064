// What the rows, menus and panels do: each a call to main, then a status line and a fresh state.
import type { ExportForm, ShellKind, SsoLoginRequest } from '../shared/ipc-contract';
import { plural } from '../shared/i18n';
import { popover, reload, say, sayFailure } from './popover-context';
import { actionsOf } from './profile-rows';
import { closePanel, showPanel } from './row-panels';
import { rowOf } from './list-view';

const api = popover.api;

export async function refresh(profile: string): Promise<void> {
  const t = popover.t;
  const response = await api.refresh({ profile });
  if (response.ok) say(t('ui.refreshed', { profile }));
  else if (response.code === 'mfa-required') {
    say(t('ui.needsMfa', { profile }));
    await reload();
    showPanel(profile, 'mfa');
    return;
  } else sayFailure(response);
  await reload();
}

export async function submitMfa(profile: string, code: string): Promise<void> {
  const response = await api.submitMfa({ profile, code });
  if (response.ok) {
    closePanel();
    say(popover.t('ui.refreshed', { profile }));
    await reload();
    rowOf(profile)?.focus();
    return;
  }
  sayFailure(response);
  await reload();
}

export async function copyExport(profile: string, shell: ShellKind, form: ExportForm): Promise<boolean> {
  const response = await api.copyExport({ profile, shell, form });
  if (!response.ok) {
    sayFailure(response);
    return false;
  }
  closePanel();
  const t = popover.t;
  say(response.clearsInSeconds > 0 ? t('ui.copied', { shell, profile, seconds: response.clearsInSeconds }) : t('ui.copiedNoClear', { shell, profile }));
  return true;
}

/**
 * Enter on a row: the export in the default shell, through the endpoint (no secret on the
 * clipboard) where the profile allows it. When that fails (no endpoint runs), the copy panel opens
 * with the keys form chosen, so the person decides whether keys go on the clipboard.
 */
export async function copyDefault(profile: string): Promise<void> {
  const state = popover.state;
  const summary = state?.profiles.find((p) => p.name === profile);
  if (!state || !summary) return;
  const actions = actionsOf(summary, state, Date.now());
  const shell = popover.settings?.defaultShell ?? 'bash';
  if (actions.includes('copy-endpoint')) {
    if (!(await copyExport(profile, shell, 'endpoint'))) showPanel(profile, 'copy', { form: 'keys' });
    await reload();
  } else if (actions.includes('copy-keys')) {
    await copyExport(profile, shell, 'keys');
  } else say(popover.t('ui.noActions'), 'error');
}

export async function verify(profile: string): Promise<void> {
  const response = await api.verify({ profile });
  if (response.ok) say(popover.t('ui.verified', { profile, arn: response.arn, account: response.account }));
  else sayFailure(response);
}

export async function clearCache(profile?: string): Promise<void> {
  const response = await api.clearCache(profile === undefined ? {} : { profile });
  if (response.ok) say(plural(popover.t, 'ui.cleared', response.cleared));
  else sayFailure(response);
  await reload();
}

/** Until when a second "Refresh all" goes on with a batch main asked about. */
let refreshAllArmedUntil = 0;

export async function refreshAll(): Promise<void> {
  const confirmed = Date.now() < refreshAllArmedUntil;
  refreshAllArmedUntil = 0;
  const response = await api.refreshAll(confirmed ? { confirmed: true } : {});
  if (!response.ok) return sayFailure(response);
  if (response.ask) {
    // Many STS calls from one click: say how many, and let a second click within 15 s go on.
    refreshAllArmedUntil = Date.now() + 15_000;
    return say(popover.t('ui.refreshAllAsk', { profiles: response.ask.profiles, calls: response.ask.calls }));
  }
  if (response.results.length === 0) return say(popover.t('ui.refreshAllNothing'));
  const ok = response.results.filter((result) => result.ok).length;
  say(popover.t('ui.refreshedAll', { ok, total: response.results.length }), ok === response.results.length ? 'ok' : 'error');
  await reload();
}

export async function openConsole(profile: string): Promise<void> {
  const response = await api.openConsole({ profile });
  if (!response.ok) return sayFailure(response);
  say(popover.t(response.opened ? 'ui.consoleOpened' : 'ui.consoleNoBrowser', { profile }), response.opened ? 'ok' : 'error');
}

export async function keepFresh(profile: string, keep: boolean): Promise<void> {
  const response = await api.keepFresh({ profile, keep });
  if (!response.ok) return sayFailure(response);
  popover.settings = response.settings;
  say(popover.t(keep ? 'ui.keptOn' : 'ui.keptOff', { profile }));
  await reload();
}

export async function signIn(target: SsoLoginRequest, label: string): Promise<void> {
  const response = await api.ssoLogin(target);
  if (!response.ok) return sayFailure(response);
  say(popover.t(response.signedIn ? 'ui.signedIn' : 'ui.signInStarted', { session: label }));
  await reload();
}

/** The sign-in a profile's row offers: its named session, or the profile itself for a legacy one. */
export function signInTargetOf(profile: string): { target: SsoLoginRequest; label: string } | null {
  const session = popover.state?.profiles.find((p) => p.name === profile)?.ssoSession;
  if (!session) return null;
  return session.session !== null ? { target: { session: session.session }, label: session.session } : { target: { profile }, label: profile };
}
