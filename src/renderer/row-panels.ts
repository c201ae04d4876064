// The inline panel under a row: the copy-export choices or the MFA code entry. At most one is
// open; it survives re-renders as the same element, so typed digits and choices stay.
import { SHELLS, type ExportForm, type ShellKind } from '../shared/ipc-contract';
import { escapeHtml } from './dom';
import { popover } from './popover-context';
import { actionsOf } from './profile-rows';
import { rowOf } from './list-view';

export type PanelKind = 'copy' | 'mfa';

interface OpenPanel {
  profile: string;
  kind: PanelKind;
  element: HTMLFormElement;
}

export interface PanelHandlers {
  copy(profile: string, shell: ShellKind, form: ExportForm): void;
  submitMfa(profile: string, code: string): void;
}

let open: OpenPanel | null = null;
let handlers: PanelHandlers | null = null;

export function setPanelHandlers(next: PanelHandlers): void {
  handlers = next;
}

export function openPanel(): { profile: string; kind: PanelKind } | null {
  return open && { profile: open.profile, kind: open.kind };
}

/** Takes the open panel out before the list re-renders; `renderList` puts it back after its row. */
export function keptPanel(): { element: HTMLElement; profile: string } | null {
  return open && { element: open.element, profile: open.profile };
}

/** After a render: drops a panel whose row is gone. */
export function forgetPanelWithoutRow(): void {
  if (open && !open.element.isConnected) open = null;
}

export function closePanel(returnFocus = false): void {
  const closing = open;
  open?.element.remove();
  open = null;
  if (returnFocus && closing) rowOf(closing.profile)?.focus();
}

function copyForm(profile: string, preferred: ExportForm | undefined): string {
  const t = popover.t;
  const state = popover.state;
  const summary = state?.profiles.find((p) => p.name === profile);
  const actions = state && summary ? actionsOf(summary, state, Date.now()) : [];
  const forms: ExportForm[] = [];
  if (actions.includes('copy-endpoint')) forms.push('endpoint');
  if (actions.includes('copy-keys')) forms.push('keys');
  const chosen = preferred && forms.includes(preferred) ? preferred : forms[0];
  const shell = popover.settings?.defaultShell ?? 'bash';
  const label = (form: ExportForm): string => t(form === 'endpoint' ? 'ui.formEndpoint' : 'ui.formKeys');
  return (
    `<label for="panel-copy-shell">${escapeHtml(t('ui.shell'))}</label>` +
    `<select id="panel-copy-shell" name="shell">${SHELLS.map((s) => `<option value="${s}"${s === shell ? ' selected' : ''}>${s}</option>`).join('')}</select>` +
    `<fieldset><legend>${escapeHtml(t('ui.form'))}</legend>` +
    forms.map((form) => `<label><input type="radio" name="form" value="${form}"${form === chosen ? ' checked' : ''}> ${escapeHtml(label(form))}</label>`).join('') +
    `</fieldset><div class="panel-buttons"><button type="submit" class="primary">${escapeHtml(t('ui.copyNow'))}</button>` +
    `<button type="button" data-panel="cancel">${escapeHtml(t('ui.cancel'))}</button></div>`
  );
}

function mfaForm(profile: string): string {
  const t = popover.t;
  return (
    `<label for="panel-mfa-code">${escapeHtml(t('ui.mfaLabel', { profile }))}</label>` +
    `<input id="panel-mfa-code" name="code" inputmode="numeric" autocomplete="one-time-code" pattern="[0-9]{6}" maxlength="6" required>` +
    `<div class="panel-buttons"><button type="submit" class="primary">${escapeHtml(t('ui.mfaSubmit'))}</button>` +
    `<button type="button" data-panel="cancel">${escapeHtml(t('ui.cancel'))}</button></div>`
  );
}

export function showPanel(profile: string, kind: PanelKind, options: { focus?: boolean; form?: ExportForm } = {}): void {
  closePanel();
  const row = rowOf(profile);
  if (!row) return;
  const element = document.createElement('form');
  element.className = `panel panel-${kind}`;
  element.dataset.profile = profile;
  // The code entry is named by its own label; a same-named form around it would say it twice.
  if (kind === 'copy') element.setAttribute('aria-label', popover.t('ui.copy'));
  element.innerHTML = kind === 'copy' ? copyForm(profile, options.form) : mfaForm(profile);
  element.addEventListener('submit', (event) => {
    event.preventDefault();
    const data = new FormData(element);
    if (kind === 'copy') handlers?.copy(profile, data.get('shell') as ShellKind, data.get('form') as ExportForm);
    else handlers?.submitMfa(profile, String(data.get('code') ?? ''));
  });
  element.querySelector('[data-panel="cancel"]')?.addEventListener('click', () => closePanel(true));
  row.after(element);
  open = { profile, kind, element };
  if (options.focus ?? true) element.querySelector<HTMLElement>('select, input')?.focus();
}
