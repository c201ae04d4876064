// The popover's entry: receives the state, renders the IAM Identity Center section and the profile
// list, and wires the keyboard (arrows move between rows, Enter copies, r refreshes, / filters,
// Escape closes what is open, else hides the popover through main),
// the tabs, and the `popover:focus` event. Talks only to `window.rolekeeper` (the preload API).
import type { AppState, PopoverView } from '../shared/ipc-contract';
import { translator } from '../shared/i18n';
import { byId } from './dom';
import { clearToast, onReloadedState, popover, say, sayFailure } from './popover-context';
import { NEEDS_YOU_GROUP } from './profile-rows';
import { syncTicker } from './countdowns';
import { applyFilter, focusItem, focusList, moveFocus, navigable, profileOf, renderList, reveal, rowOf, toggleGroup } from './list-view';
import { closePanel, forgetPanelWithoutRow, keptPanel, openPanel, setPanelHandlers, showPanel } from './row-panels';
import { closeMenu, menuProfile, openMenu, setMenuRunner, syncMenuButton, type MenuCommand } from './row-menu';
import { cancelPopulate, promptForProfile, renderSso, wireSso } from './sso-section';
import { runDoctor } from './doctor-view';
import { renderSettings, saveSettings } from './settings-view';
import * as commands from './profile-commands';

let view: PopoverView = 'profiles';

function render(): void {
  const state = popover.state;
  if (!state) return;
  renderSso();
  renderList(keptPanel());
  forgetPanelWithoutRow();
  syncMenuButton();
  // A refresh waiting for its MFA code opens the code entry (unless another panel is open).
  const waiting = state.pendingMfa.find((profile) => rowOf(profile));
  if (waiting !== undefined && !openPanel()) showPanel(waiting, 'mfa', { focus: false });
}

function applyLocale(): void {
  const t = popover.t;
  document.documentElement.lang = popover.state?.locale.split('-')[0] ?? 'en';
  byId('title').textContent = t('ui.title');
  byId('tab-profiles').textContent = t('ui.tabProfiles');
  byId('tab-doctor').textContent = t('ui.tabDoctor');
  byId('tab-settings').textContent = t('ui.tabSettings');
  byId('refresh-all').textContent = t('ui.refreshAll');
  byId('clear-all').textContent = t('ui.clearAll');
  byId('open-config').textContent = t('ui.openConfig');
  byId('doctor-run').textContent = t('ui.doctorRun');
  byId('keyboard-hint').textContent = t('ui.keyboardHint');
  byId('profile-list').setAttribute('aria-label', t('ui.list'));
  const filter = byId<HTMLInputElement>('filter');
  filter.placeholder = t('ui.filter');
  filter.setAttribute('aria-label', t('ui.filter'));
}

function setState(next: AppState): void {
  const localeChanged = !popover.state || popover.state.locale !== next.locale;
  popover.state = next;
  if (localeChanged) {
    popover.t = translator(next.locale || navigator.language);
    applyLocale();
  }
  render();
}

function showView(next: PopoverView, options: { runDoctor?: boolean } = {}): void {
  if (next !== view) clearToast();
  view = next;
  for (const tab of document.querySelectorAll<HTMLElement>('[role="tab"]')) {
    const selected = tab.dataset.view === next;
    tab.setAttribute('aria-selected', String(selected));
    tab.tabIndex = selected ? 0 : -1;
  }
  for (const name of ['profiles', 'doctor', 'settings'] as const) byId(`view-${name}`).hidden = name !== next;
  if (next === 'doctor' && options.runDoctor !== false) void runDoctor();
  if (next === 'settings') renderSettings();
}

/** The Doctor tab, on the finding behind a profile's error (the same message the row words). */
async function openFindingOf(profile: string | undefined): Promise<void> {
  showView('doctor', { runDoctor: false });
  await runDoctor();
  const error = popover.state?.profiles.find((p) => p.name === profile)?.error;
  const finding = [...document.querySelectorAll<HTMLElement>('#findings .finding')].find((item) => error && item.querySelector('p')?.textContent === error);
  if (!finding) return;
  finding.classList.add('target');
  finding.tabIndex = -1;
  finding.scrollIntoView({ block: 'nearest' });
  finding.focus();
}

function runMenuCommand(command: MenuCommand, profile: string): void {
  switch (command) {
    case 'sign-in': {
      const sign = commands.signInTargetOf(profile);
      return void (sign && commands.signIn(sign.target, sign.label));
    }
    case 'refresh':
      return void commands.refresh(profile);
    case 'copy-default':
      return void commands.copyDefault(profile);
    case 'copy-panel':
      return showPanel(profile, 'copy');
    case 'verify':
      return void commands.verify(profile);
    case 'clear-cache':
      return void commands.clearCache(profile);
    case 'console':
      return void commands.openConsole(profile);
  }
}

function refreshable(profile: string): boolean {
  return popover.state?.refreshable.includes(profile) ?? false;
}

/** Keys on a row or a control inside it; the grid pattern: arrows move, the row's keys act on it. */
function onListKey(event: KeyboardEvent): void {
  const target = event.target as HTMLElement;
  const row = target.closest<HTMLElement>('.profile');
  const toggle = target.closest<HTMLElement>('.group-toggle');
  const item = row ?? toggle;
  if (!item || target.closest('.panel')) return;
  const controls = row ? [...row.querySelectorAll<HTMLElement>('.switch, .more')] : [];
  const profile = row?.dataset.profile;
  switch (event.key) {
    case 'ArrowDown':
    case 'ArrowUp':
    case 'Home':
    case 'End':
      // Arrows move between rows only; a group header is its own control.
      if (!row) return;
      moveFocus(row, event.key === 'ArrowDown' ? 1 : event.key === 'ArrowUp' ? -1 : event.key === 'Home' ? -Infinity : Infinity);
      break;
    case 'ArrowRight':
      if (toggle) toggleGroup(toggle, true);
      else if (row) controls[Math.min(controls.length - 1, controls.indexOf(target) + 1)]?.focus();
      break;
    case 'ArrowLeft':
      if (toggle) toggleGroup(toggle, false);
      else if (row) {
        const at = controls.indexOf(target);
        (at <= 0 ? row : controls[at - 1]).focus();
      }
      break;
    case 'Enter':
      if (target !== row || profile === undefined) return;
      void commands.copyDefault(profile);
      break;
    case 'r':
    case 'R':
      if (profile === undefined || event.ctrlKey || event.metaKey || event.altKey) return;
      if (refreshable(profile)) void commands.refresh(profile);
      break;
    case 'ContextMenu':
      if (profile === undefined) return;
      openMenu(profile);
      break;
    case 'F10':
      if (profile === undefined || !event.shiftKey) return;
      openMenu(profile);
      break;
    default:
      return;
  }
  event.preventDefault();
}

function isTyping(element: Element | null): boolean {
  return element instanceof HTMLInputElement || element instanceof HTMLSelectElement || element instanceof HTMLTextAreaElement;
}

function onDocumentKey(event: KeyboardEvent): void {
  if (event.key === '/' && !isTyping(document.activeElement) && view === 'profiles') {
    event.preventDefault();
    byId<HTMLInputElement>('filter').focus();
    byId<HTMLInputElement>('filter').select();
    return;
  }
  if (event.key !== 'Escape') return;
  if (menuProfile() !== null) closeMenu(true);
  else if (openPanel()) closePanel(true);
  else if (cancelPopulate()) return;
  else if (document.activeElement === byId('filter') && byId<HTMLInputElement>('filter').value !== '') {
    byId<HTMLInputElement>('filter').value = '';
    applyFilter();
  } else void popover.api.hidePopover();
  event.preventDefault();
}

function wireList(): void {
  const list = byId('profile-list');
  list.addEventListener('click', (event) => {
    const target = event.target as HTMLElement;
    const toggle = target.closest<HTMLElement>('.group-toggle');
    if (toggle) return toggleGroup(toggle);
    if (target.closest('.to-doctor')) return void openFindingOf(profileOf(target));
    const profile = profileOf(target);
    if (profile === undefined || target.closest('.panel')) return;
    const keepSwitch = target.closest<HTMLElement>('.switch');
    if (keepSwitch) {
      if (keepSwitch.getAttribute('aria-disabled') === 'true') return say(popover.t('ui.keptAlways', { profile }));
      return void commands.keepFresh(profile, keepSwitch.getAttribute('aria-checked') !== 'true');
    }
    if (target.closest('.more')) return menuProfile() === profile ? closeMenu(true) : openMenu(profile);
    const row = rowOf(profile);
    if (row) focusItem(row);
  });
  list.addEventListener('keydown', onListKey);
  // The tab stop follows wherever focus lands in the list (a click, a control).
  list.addEventListener('focusin', (event) => {
    const item = (event.target as HTMLElement).closest<HTMLElement>('.profile');
    if (item && navigable().includes(item) && item.tabIndex !== 0) {
      for (const stop of list.querySelectorAll<HTMLElement>('.profile[tabindex="0"]')) stop.tabIndex = -1;
      item.tabIndex = 0;
    }
  });
  const filter = byId<HTMLInputElement>('filter');
  filter.addEventListener('input', applyFilter);
  filter.addEventListener('keydown', (event) => {
    if (event.key === 'ArrowDown' || (event.key === 'Enter' && filter.value !== '')) {
      event.preventDefault();
      focusList();
    }
  });
}

function wire(): void {
  wireList();
  wireSso();
  setPanelHandlers({
    copy: (profile, shell, form) =>
      void commands.copyExport(profile, shell, form).then((copied) => {
        if (copied) rowOf(profile)?.focus();
      }),
    submitMfa: (profile, code) => void commands.submitMfa(profile, code),
  });
  setMenuRunner(runMenuCommand);
  onReloadedState(setState);
  byId('refresh-all').addEventListener('click', () => void commands.refreshAll());
  byId('clear-all').addEventListener('click', () => void commands.clearCache());
  byId('open-config').addEventListener('click', async () => {
    const response = await popover.api.openConfig();
    if (!response.ok) sayFailure(response);
  });
  byId('doctor-run').addEventListener('click', () => void runDoctor());
  byId('settings-form').addEventListener('submit', (event) => {
    event.preventDefault();
    void saveSettings();
  });
  const tabs = [...document.querySelectorAll<HTMLElement>('[role="tab"]')];
  for (const tab of tabs) {
    tab.addEventListener('click', () => showView(tab.dataset.view as PopoverView));
    tab.addEventListener('keydown', (event) => {
      if (event.key !== 'ArrowRight' && event.key !== 'ArrowLeft') return;
      const next = tabs[(tabs.indexOf(tab) + (event.key === 'ArrowRight' ? 1 : tabs.length - 1)) % tabs.length];
      next.focus();
      showView(next.dataset.view as PopoverView);
    });
  }
  document.addEventListener('keydown', onDocumentKey);
  document.addEventListener('visibilitychange', () => syncTicker());
  popover.api.onStateChanged(setState);
  popover.api.onFocus((focus) => {
    showView(focus.view);
    if (focus.section === 'needs-you') {
      const first = document.querySelector<HTMLElement>(`#profile-list .group[data-group="${NEEDS_YOU_GROUP}"] > .profile`);
      if (first) {
        const toggle = first.parentElement?.querySelector<HTMLElement>('.group-toggle');
        if (toggle && first.parentElement?.classList.contains('collapsed')) toggleGroup(toggle, true);
        focusItem(first);
      }
      return;
    }
    if (focus.profile === undefined) return;
    const prompt = promptForProfile(focus.profile);
    const row = reveal(focus.profile);
    if (prompt) {
      prompt.scrollIntoView({ block: 'nearest' });
      prompt.focus();
    } else if (popover.state?.pendingMfa.includes(focus.profile)) showPanel(focus.profile, 'mfa');
    else if (row) focusItem(row);
  });
}

async function start(): Promise<void> {
  wire();
  // State and settings in one round trip; the first frame paints the list with nothing after it.
  const [stateResponse, settingsResponse] = await Promise.all([popover.api.getState(), popover.api.getSettings()]);
  performance.mark('rolekeeper:state-received');
  if (settingsResponse.ok) popover.settings = settingsResponse.settings;
  if (stateResponse.ok) setState(stateResponse.state);
  showView(view);
  // Opened to find a profile: the filter has the focus, unless a code entry took it.
  if (!document.activeElement || document.activeElement === document.body) byId('filter').focus();
  syncTicker({ current: true });
}

void start();
