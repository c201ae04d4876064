// The popover: profiles grouped by account or source with live countdowns and their actions, the
// doctor, and settings. Plain DOM; talks only to `window.rolekeeper` (the preload API).
import type { AppState, PopoverView, RolekeeperApi, Settings, ShellKind, ExportForm, Failure } from '../shared/ipc-contract';
import { SHELLS, SINK_KINDS } from '../shared/ipc-contract';
import { expiryOf, type ProfileSummary } from '../shared/profile-summary';
import { formatRemaining } from '../shared/duration';
import { translator, type MessageKey, type Translate } from '../shared/i18n';

declare global {
  interface Window {
    rolekeeper: RolekeeperApi;
  }
}

const api = window.rolekeeper;
const FILTER_THRESHOLD = 8;

let state: AppState | null = null;
let t: Translate = translator(navigator.language);
let view: PopoverView = 'profiles';
let settings: Settings | null = null;
let countdowns: Array<{ element: HTMLElement; expires: number; row: HTMLElement }> = [];
let ticker: number | null = null;
let firstRender = true;
/** True only while start() turns the ticker on right after the first render (countdowns are current). */
let justRendered = false;
/** The one open inline panel (copy or MFA), kept across re-renders. */
let openPanel: { profile: string; kind: 'copy' | 'mfa' } | null = null;

function byId<T extends HTMLElement>(id: string): T {
  const element = document.getElementById(id);
  if (!element) throw new Error(`popover page lacks #${id}`);
  return element as T;
}

function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

function say(message: string, kind: 'ok' | 'error' = 'ok'): void {
  const status = byId('status');
  status.textContent = message;
  status.className = kind === 'error' ? 'status error' : 'status';
}

function sayFailure(failure: Failure): void {
  say(t('ui.failed', { message: failure.message }), 'error');
}

// ---- profiles ----

function groupKey(profile: ProfileSummary): string {
  if (profile.accountId) return t('ui.groupAccount', { account: profile.accountId });
  const root = profile.sourceChain.at(-1);
  return root ? t('ui.groupSource', { source: root }) : t('ui.groupOther');
}

/** Main's one threshold (the notification lead): the tray icon and the notices use the same. */
function expiringWithinMs(): number {
  return state?.expiringWithinMs ?? 0;
}

function liveStatus(profile: ProfileSummary, now: number): { key: MessageKey; css: string } {
  if (state?.pendingMfa.includes(profile.name)) return { key: 'status.needsMfa', css: 'needs-you' };
  if (state?.refreshing.includes(profile.name)) return { key: 'status.refreshing', css: 'busy' };
  const expiry = expiryOf(profile);
  if (expiry !== null && profile.status !== 'error') {
    const left = expiry - now;
    if (left <= 0) return { key: 'status.expired', css: 'expired' };
    return left <= expiringWithinMs() ? { key: 'status.expiring', css: 'expiring' } : { key: 'status.valid', css: 'valid' };
  }
  return { key: `status.${profile.status}` as MessageKey, css: profile.status };
}

function remainingText(profile: ProfileSummary, now: number): string {
  const expiry = expiryOf(profile);
  if (expiry === null) return profile.type === 'static' ? t('remaining.none') : '';
  // The state label already says "expired"; the countdown column stays empty then.
  return expiry <= now ? '' : formatRemaining(expiry - now);
}

function profileRow(profile: ProfileSummary, now: number): string {
  const status = liveStatus(profile, now);
  const name = escapeHtml(profile.name);
  const kept = state?.keptFresh.includes(profile.name) ? `<span class="tag">${escapeHtml(t('ui.keptFresh'))}</span>` : '';
  const region = profile.region ? `<span class="region">${escapeHtml(profile.region)}</span>` : '';
  const error = profile.error ? `<p class="error-text">${escapeHtml(profile.error)}</p>` : '';
  return (
    `<li class="profile s-${status.css}" data-profile="${name}">` +
    `<div class="profile-head"><span class="dot" aria-hidden="true"></span><span class="name">${name}</span>${region}${kept}` +
    `<span class="state">${escapeHtml(t(status.key))}</span>` +
    `<span class="countdown" data-expires="${escapeHtml(profile.expiresAt ?? '')}">${escapeHtml(remainingText(profile, now))}</span></div>` +
    error +
    `<div class="actions">` +
    `<button type="button" data-action="refresh">${escapeHtml(t('ui.refresh'))}</button>` +
    `<button type="button" data-action="copy" aria-expanded="false">${escapeHtml(t('ui.copy'))}</button>` +
    `<button type="button" data-action="verify">${escapeHtml(t('ui.verify'))}</button>` +
    `<button type="button" data-action="clear">${escapeHtml(t('ui.clear'))}</button>` +
    `</div></li>`
  );
}

function renderProfiles(): void {
  if (!state) return;
  const list = byId('profile-list');
  const focused = document.activeElement as HTMLElement | null;
  const focusProfile = focused?.closest<HTMLElement>('[data-profile]')?.dataset.profile;
  const focusAction = focused?.dataset.action;
  // The open panel survives a re-render as the same element: typed digits, choices and focus stay.
  const keptPanel = document.querySelector<HTMLElement>('.panel');
  const focusInPanel = focused !== null && keptPanel?.contains(focused) === true;
  keptPanel?.remove();

  const now = Date.now();
  const groups = new Map<string, ProfileSummary[]>();
  for (const profile of state.profiles) {
    const key = groupKey(profile);
    const group = groups.get(key);
    if (group) group.push(profile);
    else groups.set(key, [profile]);
  }
  // Profiles with neither account nor source (static keys, SSO without a role) close the list.
  const other = t('ui.groupOther');
  const ordered = [...groups].sort(([a], [b]) => Number(a === other) - Number(b === other));
  let html = '';
  for (const [label, profiles] of ordered) {
    html += `<section class="group"><h2>${escapeHtml(label)}</h2><ul>`;
    for (const profile of profiles) html += profileRow(profile, now);
    html += '</ul></section>';
  }
  list.innerHTML = state.profiles.length === 0 ? `<p class="empty">${escapeHtml(t('ui.noProfiles'))}</p>` : html;

  countdowns = [];
  for (const element of list.querySelectorAll<HTMLElement>('.countdown[data-expires]')) {
    const expires = Date.parse(element.dataset.expires ?? '');
    if (!Number.isNaN(expires)) countdowns.push({ element, expires, row: element.closest('li') as HTMLElement });
  }

  const filter = byId<HTMLInputElement>('filter');
  filter.hidden = state.profiles.length <= FILTER_THRESHOLD;
  applyFilter();

  for (const name of state.pendingMfa) if (!openPanel) openPanel = { profile: name, kind: 'mfa' };
  const panelRow = openPanel ? rowOf(openPanel.profile) : null;
  if (openPanel && panelRow && keptPanel?.dataset.profile === openPanel.profile && keptPanel.dataset.kind === openPanel.kind) {
    panelRow.append(keptPanel);
    if (openPanel.kind === 'copy') panelRow.querySelector('[data-action="copy"]')?.setAttribute('aria-expanded', 'true');
  } else if (openPanel && panelRow) showPanel(openPanel.profile, openPanel.kind, false);
  else openPanel = null;

  if (focusInPanel && focused) focused.focus();
  else if (focusProfile) {
    const row = rowOf(focusProfile);
    row?.querySelector<HTMLElement>(focusAction ? `[data-action="${focusAction}"]` : 'button')?.focus();
  }
  if (firstRender) {
    // For the bench: state in → DOM built → the frame that paints it.
    firstRender = false;
    performance.mark('rolekeeper:first-render');
    requestAnimationFrame(() => setTimeout(() => performance.mark('rolekeeper:first-paint'), 0));
  }
}

function rowOf(profile: string): HTMLElement | null {
  for (const row of document.querySelectorAll<HTMLElement>('li.profile')) if (row.dataset.profile === profile) return row;
  return null;
}

function applyFilter(): void {
  const filter = byId<HTMLInputElement>('filter');
  const text = filter.hidden ? '' : filter.value.trim().toLowerCase();
  let shown = 0;
  for (const group of document.querySelectorAll<HTMLElement>('#profile-list .group')) {
    let visible = 0;
    for (const row of group.querySelectorAll<HTMLElement>('li.profile')) {
      const match = text === '' || (row.dataset.profile ?? '').toLowerCase().includes(text);
      row.hidden = !match;
      if (match) visible += 1;
    }
    group.hidden = visible === 0;
    shown += visible;
  }
  const none = byId('no-match');
  none.hidden = !(text !== '' && shown === 0);
  none.textContent = t('ui.noMatch', { filter: filter.value.trim() });
}

// ---- countdown: one 1 s interval, only while the page is visible ----

function tick(): void {
  const now = Date.now();
  for (const entry of countdowns) {
    const left = entry.expires - now;
    entry.element.textContent = left <= 0 ? '' : formatRemaining(left);
    if (left <= 0 && !entry.row.classList.contains('s-expired') && !entry.row.classList.contains('s-needs-you')) {
      entry.row.className = 'profile s-expired';
      const stateLabel = entry.row.querySelector('.state');
      if (stateLabel) stateLabel.textContent = t('status.expired');
    } else if (left > 0 && left <= expiringWithinMs() && entry.row.classList.contains('s-valid')) {
      entry.row.className = 'profile s-expiring';
      const stateLabel = entry.row.querySelector('.state');
      if (stateLabel) stateLabel.textContent = t('status.expiring');
    }
  }
}

function syncTicker(): void {
  if (document.visibilityState === 'visible') {
    if (ticker === null) {
      // Shown again after a while: bring the countdowns up to date at once, not a second late.
      if (!justRendered) tick();
      ticker = window.setInterval(tick, 1000);
    }
  } else if (ticker !== null) {
    window.clearInterval(ticker);
    ticker = null;
  }
}

// ---- inline panels: copy export, MFA code ----

function closePanel(): void {
  document.querySelector('.panel')?.remove();
  for (const button of document.querySelectorAll('[data-action="copy"][aria-expanded="true"]')) button.setAttribute('aria-expanded', 'false');
  openPanel = null;
}

function showPanel(profile: string, kind: 'copy' | 'mfa', focus = true): void {
  document.querySelector('.panel')?.remove();
  const row = rowOf(profile);
  if (!row) return;
  openPanel = { profile, kind };
  const panel = document.createElement('form');
  panel.className = `panel panel-${kind}`;
  panel.dataset.profile = profile;
  panel.dataset.kind = kind;
  const id = `panel-${kind}`;
  if (kind === 'copy') {
    const shell = settings?.defaultShell ?? 'bash';
    panel.innerHTML =
      `<label for="${id}-shell">${escapeHtml(t('ui.shell'))}</label>` +
      `<select id="${id}-shell" name="shell">${SHELLS.map((s) => `<option value="${s}"${s === shell ? ' selected' : ''}>${s}</option>`).join('')}</select>` +
      `<fieldset><legend>${escapeHtml(t('ui.form'))}</legend>` +
      `<label><input type="radio" name="form" value="endpoint" checked> ${escapeHtml(t('ui.formEndpoint'))}</label>` +
      `<label><input type="radio" name="form" value="keys"> ${escapeHtml(t('ui.formKeys'))}</label></fieldset>` +
      `<div class="panel-buttons"><button type="submit" class="primary">${escapeHtml(t('ui.copyNow'))}</button>` +
      `<button type="button" data-panel="cancel">${escapeHtml(t('ui.cancel'))}</button></div>`;
    row.querySelector('[data-action="copy"]')?.setAttribute('aria-expanded', 'true');
  } else {
    panel.innerHTML =
      `<label for="${id}-code">${escapeHtml(t('ui.mfaLabel', { profile }))}</label>` +
      `<input id="${id}-code" name="code" inputmode="numeric" autocomplete="one-time-code" pattern="[0-9]{6}" maxlength="6" required>` +
      `<div class="panel-buttons"><button type="submit" class="primary">${escapeHtml(t('ui.mfaSubmit'))}</button>` +
      `<button type="button" data-panel="cancel">${escapeHtml(t('ui.cancel'))}</button></div>`;
  }
  row.append(panel);
  panel.addEventListener('submit', (event) => {
    event.preventDefault();
    const data = new FormData(panel);
    if (kind === 'copy') void copyExport(profile, data.get('shell') as ShellKind, data.get('form') as ExportForm);
    else void submitMfa(profile, String(data.get('code') ?? ''));
  });
  panel.querySelector('[data-panel="cancel"]')?.addEventListener('click', () => {
    closePanel();
    rowOf(profile)?.querySelector<HTMLElement>(`[data-action="${kind === 'copy' ? 'copy' : 'refresh'}"]`)?.focus();
  });
  if (focus) panel.querySelector<HTMLElement>('select, input')?.focus();
}

// ---- actions ----

async function refresh(profile: string): Promise<void> {
  const response = await api.refresh({ profile });
  if (response.ok) say(t('ui.refreshed', { profile }));
  else if (response.code === 'mfa-required') {
    say(t('ui.needsMfa', { profile }));
    showPanel(profile, 'mfa');
  } else sayFailure(response);
  await reload();
}

async function submitMfa(profile: string, code: string): Promise<void> {
  const response = await api.submitMfa({ profile, code });
  if (response.ok) {
    closePanel();
    say(t('ui.refreshed', { profile }));
  } else sayFailure(response);
  await reload();
}

async function copyExport(profile: string, shell: ShellKind, form: ExportForm): Promise<void> {
  const response = await api.copyExport({ profile, shell, form });
  if (!response.ok) return sayFailure(response);
  closePanel();
  say(response.clearsInSeconds > 0 ? t('ui.copied', { shell, profile, seconds: response.clearsInSeconds }) : t('ui.copiedNoClear', { shell, profile }));
  rowOf(profile)?.querySelector<HTMLElement>('[data-action="copy"]')?.focus();
}

async function verify(profile: string): Promise<void> {
  const response = await api.verify({ profile });
  if (response.ok) say(t('ui.verified', { profile, arn: response.arn, account: response.account }));
  else sayFailure(response);
}

async function clearCache(profile?: string): Promise<void> {
  const response = await api.clearCache(profile === undefined ? {} : { profile });
  if (response.ok) say(t('ui.cleared', { count: response.cleared }));
  else sayFailure(response);
  await reload();
}

async function refreshAll(): Promise<void> {
  const response = await api.refreshAll();
  if (!response.ok) return sayFailure(response);
  const ok = response.results.filter((result) => result.ok).length;
  say(t('ui.refreshedAll', { ok, total: response.results.length }), ok === response.results.length ? 'ok' : 'error');
  await reload();
}

// ---- doctor ----

async function runDoctor(): Promise<void> {
  const list = byId('findings');
  const response = await api.runDoctor();
  if (!response.ok) return sayFailure(response);
  if (response.findings.length === 0) {
    list.innerHTML = `<li class="empty">${escapeHtml(t('ui.doctorNone'))}</li>`;
    return;
  }
  list.innerHTML = response.findings
    .map(
      (finding, index) =>
        `<li class="finding sev-${finding.severity}"><p>${escapeHtml(finding.message)}</p>` +
        (finding.fix ? `<code>${escapeHtml(finding.fix)}</code><button type="button" data-fix="${index}">${escapeHtml(t('ui.doctorFix'))}</button>` : '') +
        '</li>',
    )
    .join('');
  list.onclick = async (event) => {
    const button = (event.target as HTMLElement).closest<HTMLButtonElement>('button[data-fix]');
    if (!button) return;
    const finding = response.findings[Number(button.dataset.fix)];
    const fixed = await api.applyFix({ code: finding.code, profile: finding.profile });
    if (fixed.ok) say(fixed.message);
    else sayFailure(fixed);
    await runDoctor();
    await reload();
  };
}

// ---- settings ----

function renderSettings(): void {
  if (!settings || !state) return;
  const form = byId<HTMLFormElement>('settings-form');
  const kept = new Map(settings.keptFresh.map((item) => [item.profile, item.sinks]));
  const refreshable = state.profiles.filter((p) => p.type === 'role' || p.type === 'sso' || p.type === 'session' || kept.has(p.name));
  const number = (name: keyof Settings, label: MessageKey, min: number, max: number): string =>
    `<label class="field"><span>${escapeHtml(t(label))}</span><input type="number" name="${name}" min="${min}" max="${max}" step="1" value="${Number(settings?.[name])}"></label>`;
  form.innerHTML =
    number('refreshLeadMinutes', 'ui.settingsRefreshLead', 1, 720) +
    number('notifyLeadMinutes', 'ui.settingsNotifyLead', 0, 720) +
    `<label class="field check"><input type="checkbox" name="autoStart"${settings.autoStart ? ' checked' : ''}><span>${escapeHtml(t('ui.settingsAutoStart'))}</span></label>` +
    `<label class="field"><span>${escapeHtml(t('ui.settingsShell'))}</span><select name="defaultShell">${SHELLS.map((s) => `<option value="${s}"${s === settings?.defaultShell ? ' selected' : ''}>${s}</option>`).join('')}</select></label>` +
    number('clipboardClearSeconds', 'ui.settingsClipboard', 0, 3600) +
    `<fieldset class="kept"><legend>${escapeHtml(t('ui.settingsKeptFresh'))}</legend>` +
    refreshable
      .map((profile) => {
        const sinks = kept.get(profile.name);
        const name = escapeHtml(profile.name);
        return (
          `<div class="kept-row" data-profile="${name}"><label><input type="checkbox" data-kept="1"${sinks ? ' checked' : ''}> ${name}</label>` +
          SINK_KINDS.map((sink) => `<label class="sink"><input type="checkbox" data-sink="${sink}"${(sinks ?? ['cli-cache']).includes(sink) ? ' checked' : ''}> ${escapeHtml(t(`ui.sink.${sink}` as MessageKey))}</label>`).join('') +
          '</div>'
        );
      })
      .join('') +
    `</fieldset><button type="submit" class="primary">${escapeHtml(t('ui.settingsSave'))}</button>`;
}

async function saveSettings(): Promise<void> {
  const form = byId<HTMLFormElement>('settings-form');
  const data = new FormData(form);
  const keptFresh = [...form.querySelectorAll<HTMLElement>('.kept-row')]
    .filter((row) => row.querySelector<HTMLInputElement>('[data-kept]')?.checked)
    .map((row) => ({
      profile: row.dataset.profile ?? '',
      sinks: [...row.querySelectorAll<HTMLInputElement>('[data-sink]')].filter((box) => box.checked).map((box) => box.dataset.sink as Settings['keptFresh'][number]['sinks'][number]),
    }));
  const response = await api.setSettings({
    refreshLeadMinutes: Number(data.get('refreshLeadMinutes')),
    notifyLeadMinutes: Number(data.get('notifyLeadMinutes')),
    autoStart: data.get('autoStart') === 'on',
    defaultShell: data.get('defaultShell') as ShellKind,
    clipboardClearSeconds: Number(data.get('clipboardClearSeconds')),
    keptFresh,
  });
  if (!response.ok) return sayFailure(response);
  settings = response.settings;
  say(t('ui.settingsSaved'));
  renderSettings();
}

// ---- views and wiring ----

function showView(next: PopoverView): void {
  view = next;
  for (const tab of document.querySelectorAll<HTMLElement>('[role="tab"]')) {
    const selected = tab.dataset.view === next;
    tab.setAttribute('aria-selected', String(selected));
    tab.tabIndex = selected ? 0 : -1;
  }
  for (const name of ['profiles', 'doctor', 'settings'] as const) byId(`view-${name}`).hidden = name !== next;
  if (next === 'doctor') void runDoctor();
  if (next === 'settings') renderSettings();
}

function applyLocale(): void {
  document.documentElement.lang = state?.locale.split('-')[0] ?? 'en';
  byId('title').textContent = t('ui.title');
  byId('tab-profiles').textContent = t('ui.tabProfiles');
  byId('tab-doctor').textContent = t('ui.tabDoctor');
  byId('tab-settings').textContent = t('ui.tabSettings');
  byId('refresh-all').textContent = t('ui.refreshAll');
  byId('clear-all').textContent = t('ui.clearAll');
  byId('open-config').textContent = t('ui.openConfig');
  byId('doctor-run').textContent = t('ui.doctorRun');
  const filter = byId<HTMLInputElement>('filter');
  filter.placeholder = t('ui.filter');
  filter.setAttribute('aria-label', t('ui.filter'));
}

function setState(next: AppState): void {
  const localeChanged = !state || state.locale !== next.locale;
  state = next;
  if (localeChanged) {
    t = translator(next.locale || navigator.language);
    applyLocale();
  }
  renderProfiles();
}

async function reload(): Promise<void> {
  const response = await api.getState();
  if (response.ok) setState(response.state);
}

function wire(): void {
  byId('profile-list').addEventListener('click', (event) => {
    const button = (event.target as HTMLElement).closest<HTMLButtonElement>('button[data-action]');
    const profile = button?.closest<HTMLElement>('li.profile')?.dataset.profile;
    if (!button || profile === undefined) return;
    switch (button.dataset.action) {
      case 'refresh':
        return void refresh(profile);
      case 'copy':
        return openPanel?.profile === profile && openPanel.kind === 'copy' ? closePanel() : showPanel(profile, 'copy');
      case 'verify':
        return void verify(profile);
      case 'clear':
        return void clearCache(profile);
    }
  });
  byId('filter').addEventListener('input', applyFilter);
  byId('refresh-all').addEventListener('click', () => void refreshAll());
  byId('clear-all').addEventListener('click', () => void clearCache());
  byId('open-config').addEventListener('click', async () => {
    const response = await api.openConfig();
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
  document.addEventListener('keydown', (event) => {
    if (event.key === 'Escape' && openPanel) {
      const { profile, kind } = openPanel;
      closePanel();
      rowOf(profile)?.querySelector<HTMLElement>(`[data-action="${kind === 'copy' ? 'copy' : 'refresh'}"]`)?.focus();
    }
  });
  document.addEventListener('visibilitychange', syncTicker);
  api.onStateChanged(setState);
  api.onFocus((focus) => {
    showView(focus.view);
    if (focus.profile) {
      const row = rowOf(focus.profile);
      row?.scrollIntoView({ block: 'nearest' });
      if (state?.pendingMfa.includes(focus.profile)) showPanel(focus.profile, 'mfa');
      else row?.querySelector<HTMLElement>('button')?.focus();
    }
  });
}

async function start(): Promise<void> {
  wire();
  // State and settings in one round trip; the first frame paints the list with nothing after it.
  const [stateResponse, settingsResponse] = await Promise.all([api.getState(), api.getSettings()]);
  performance.mark('rolekeeper:state-received');
  if (settingsResponse.ok) settings = settingsResponse.settings;
  if (stateResponse.ok) setState(stateResponse.state);
  showView(view);
  justRendered = true;
  syncTicker();
  justRendered = false;
}

void start();
