// The "⋯" menu of a row: only the actions the profile's type allows (shared/profile-actions.ts),
// arrow keys move, Escape closes and returns to the button.
import type { MessageKey } from '../shared/i18n';
import { escapeHtml } from './dom';
import { popover } from './popover-context';
import { actionsOf } from './profile-rows';
import { rowOf } from './list-view';

export type MenuCommand = 'sign-in' | 'refresh' | 'copy-default' | 'copy-panel' | 'verify' | 'console' | 'clear-cache';

let menu: { element: HTMLElement; profile: string } | null = null;
let run: (command: MenuCommand, profile: string) => void = () => undefined;

export function setMenuRunner(runner: (command: MenuCommand, profile: string) => void): void {
  run = runner;
}

export function menuProfile(): string | null {
  return menu?.profile ?? null;
}

function moreButton(profile: string): HTMLElement | null {
  return rowOf(profile)?.querySelector<HTMLElement>('.more') ?? null;
}

/** A press anywhere but the menu and its button closes it, as a scroll of the list does. */
function onPointerDown(event: PointerEvent): void {
  const target = event.target as Node;
  if (menu && !menu.element.contains(target) && !moreButton(menu.profile)?.contains(target)) closeMenu();
}

function onScroll(event: Event): void {
  if (menu && !menu.element.contains(event.target as Node)) closeMenu();
}

export function closeMenu(returnFocus = false): void {
  if (!menu) return;
  const { element, profile } = menu;
  menu = null;
  document.removeEventListener('pointerdown', onPointerDown, true);
  document.removeEventListener('scroll', onScroll, true);
  element.remove();
  const button = moreButton(profile);
  button?.setAttribute('aria-expanded', 'false');
  if (returnFocus) button?.focus();
}

/** After a re-render: the new "⋯" button of the open menu's row says it is expanded. */
export function syncMenuButton(): void {
  if (!menu) return;
  const button = moreButton(menu.profile);
  if (button) button.setAttribute('aria-expanded', 'true');
  else closeMenu();
}

function items(profile: string): Array<{ command: MenuCommand; label: string }> {
  const state = popover.state;
  const summary = state?.profiles.find((p) => p.name === profile);
  if (!state || !summary) return [];
  const t = popover.t;
  const actions = actionsOf(summary, state, Date.now());
  const shell = popover.settings?.defaultShell ?? 'bash';
  const list: Array<{ command: MenuCommand; label: MessageKey; params?: Record<string, string> }> = [];
  if (actions.includes('sign-in')) list.push({ command: 'sign-in', label: 'ui.signIn' });
  if (actions.includes('refresh')) list.push({ command: 'refresh', label: 'ui.refresh' });
  if (actions.includes('copy-endpoint') || actions.includes('copy-keys')) {
    list.push({ command: 'copy-default', label: 'ui.copyIn', params: { shell } });
    list.push({ command: 'copy-panel', label: 'ui.copyMore' });
  }
  if (actions.includes('verify')) list.push({ command: 'verify', label: 'ui.verify' });
  if (actions.includes('console')) list.push({ command: 'console', label: 'menu.console' });
  if (actions.includes('clear-cache')) list.push({ command: 'clear-cache', label: 'ui.clear' });
  return list.map((item) => ({ command: item.command, label: t(item.label, item.params) }));
}

export function openMenu(profile: string, options: { focusLast?: boolean } = {}): void {
  closeMenu();
  const button = moreButton(profile);
  if (!button) return;
  const element = document.createElement('div');
  element.className = 'menu';
  element.setAttribute('role', 'menu');
  element.setAttribute('aria-label', popover.t('ui.rowActions', { profile }));
  const entries = items(profile);
  const error = popover.state?.profiles.find((p) => p.name === profile)?.error;
  element.innerHTML =
    (error ? `<p class="menu-note">${escapeHtml(error)}</p>` : '') +
    (entries.length === 0
      ? `<p class="menu-note">${escapeHtml(popover.t('ui.noActions'))}</p>`
      : entries.map((entry) => `<button type="button" role="menuitem" tabindex="-1" data-command="${entry.command}">${escapeHtml(entry.label)}</button>`).join(''));
  element.addEventListener('click', (event) => {
    const item = (event.target as HTMLElement).closest<HTMLElement>('[data-command]');
    if (!item) return;
    closeMenu(true);
    run(item.dataset.command as MenuCommand, profile);
  });
  element.addEventListener('keydown', (event) => {
    const all = [...element.querySelectorAll<HTMLElement>('[role="menuitem"]')];
    const at = all.indexOf(document.activeElement as HTMLElement);
    const go = (index: number): void => all[(index + all.length) % all.length]?.focus();
    if (event.key === 'ArrowDown') go(at + 1);
    else if (event.key === 'ArrowUp') go(at - 1);
    else if (event.key === 'Home') go(0);
    else if (event.key === 'End') go(all.length - 1);
    else if (event.key === 'Escape') closeMenu(true);
    else if (event.key === 'Tab') closeMenu(false);
    else return;
    if (event.key !== 'Tab') event.preventDefault();
    event.stopPropagation();
  });
  element.addEventListener('focusout', (event) => {
    const next = event.relatedTarget as Node | null;
    if (next && !element.contains(next) && next !== button) closeMenu();
  });
  document.body.append(element);
  // Placed under the button, right-aligned, and above it when there is no room below (one layout
  // read, on a click only).
  const anchor = button.getBoundingClientRect();
  const height = element.offsetHeight;
  const below = anchor.bottom + 2 + height <= window.innerHeight;
  element.style.top = `${Math.max(4, below ? anchor.bottom + 2 : anchor.top - 2 - height)}px`;
  element.style.right = `${Math.max(4, window.innerWidth - anchor.right)}px`;
  button.setAttribute('aria-expanded', 'true');
  menu = { element, profile };
  document.addEventListener('pointerdown', onPointerDown, true);
  document.addEventListener('scroll', onScroll, true);
  const all = element.querySelectorAll<HTMLElement>('[role="menuitem"]');
  (options.focusLast ? all[all.length - 1] : all[0])?.focus();
  if (all.length === 0) {
    element.tabIndex = -1;
    element.focus();
  }
}
