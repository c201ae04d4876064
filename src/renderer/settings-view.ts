// The settings tab: lead times, auto-start, default shell, clipboard clearing, and which profiles
// are kept fresh into which sinks.
import { SHELLS, SINK_KINDS, type Settings, type ShellKind, type SinkKind } from '../shared/ipc-contract';
import type { MessageKey } from '../shared/i18n';
import { byId, escapeHtml } from './dom';
import { popover, say, sayFailure } from './popover-context';

/** Each sink's label and help line: a new SinkKind fails the build here until it has words. */
const SINK_WORDS: Record<SinkKind, { label: MessageKey; help: MessageKey }> = {
  'cli-cache': { label: 'ui.sink.cli-cache', help: 'ui.sinkHelp.cli-cache' },
  'managed-keys': { label: 'ui.sink.managed-keys', help: 'ui.sinkHelp.managed-keys' },
  'process-cache': { label: 'ui.sink.process-cache', help: 'ui.sinkHelp.process-cache' },
  endpoint: { label: 'ui.sink.endpoint', help: 'ui.sinkHelp.endpoint' },
};

export function renderSettings(): void {
  const { settings, state, t } = popover;
  if (!settings || !state) return;
  const form = byId<HTMLFormElement>('settings-form');
  const kept = new Map(settings.keptFresh.map((item) => [item.profile, item.sinks]));
  const refreshable = state.profiles.filter((p) => state.refreshable.includes(p.name) || kept.has(p.name));
  const number = (name: keyof Settings, label: MessageKey, min: number, max: number): string =>
    `<label class="field"><span>${escapeHtml(t(label))}</span><input type="number" name="${name}" min="${min}" max="${max}" step="1" value="${Number(settings[name])}"></label>`;
  form.innerHTML =
    number('refreshLeadMinutes', 'ui.settingsRefreshLead', 1, 720) +
    number('notifyLeadMinutes', 'ui.settingsNotifyLead', 0, 720) +
    `<label class="field check"><input type="checkbox" name="autoStart"${settings.autoStart ? ' checked' : ''}><span>${escapeHtml(t('ui.settingsAutoStart'))}</span></label>` +
    `<label class="field"><span>${escapeHtml(t('ui.settingsShell'))}</span><select name="defaultShell">${SHELLS.map((s) => `<option value="${s}"${s === settings.defaultShell ? ' selected' : ''}>${s}</option>`).join('')}</select></label>` +
    number('clipboardClearSeconds', 'ui.settingsClipboard', 0, 3600) +
    // Only macOS shows text beside a tray icon.
    (state.platform === 'darwin' ? `<label class="field check"><input type="checkbox" name="menuBarTitle"${settings.menuBarTitle ? ' checked' : ''}><span>${escapeHtml(t('ui.settingsMenuBarTitle'))}</span></label>` : '') +
    `<fieldset class="kept"><legend>${escapeHtml(t('ui.settingsKeptFresh'))}</legend>` +
    // What each sink is for, in words, once above the check boxes that name them.
    `<p class="sink-help-title">${escapeHtml(t('ui.sinkHelpTitle'))}</p><ul class="sink-help">${SINK_KINDS.map((sink) => `<li>${escapeHtml(t(SINK_WORDS[sink].help))}</li>`).join('')}</ul>` +
    refreshable
      .map((profile) => {
        const sinks = kept.get(profile.name);
        const name = escapeHtml(profile.name);
        return (
          `<div class="kept-row" data-profile="${name}"><label><input type="checkbox" data-kept="1"${sinks ? ' checked' : ''}> ${name}</label>` +
          SINK_KINDS.map((sink) => `<label class="sink"><input type="checkbox" data-sink="${sink}"${(sinks ?? ['cli-cache']).includes(sink) ? ' checked' : ''}> ${escapeHtml(t(SINK_WORDS[sink].label))}</label>`).join('') +
          '</div>'
        );
      })
      .join('') +
    `</fieldset><button type="submit" class="primary">${escapeHtml(t('ui.settingsSave'))}</button>`;
}

export async function saveSettings(): Promise<void> {
  const form = byId<HTMLFormElement>('settings-form');
  const data = new FormData(form);
  const keptFresh = [...form.querySelectorAll<HTMLElement>('.kept-row')]
    .filter((row) => row.querySelector<HTMLInputElement>('[data-kept]')?.checked)
    .map((row) => ({
      profile: row.dataset.profile ?? '',
      sinks: [...row.querySelectorAll<HTMLInputElement>('[data-sink]')].filter((box) => box.checked).map((box) => box.dataset.sink as SinkKind),
    }));
  const response = await popover.api.setSettings({
    refreshLeadMinutes: Number(data.get('refreshLeadMinutes')),
    notifyLeadMinutes: Number(data.get('notifyLeadMinutes')),
    autoStart: data.get('autoStart') === 'on',
    defaultShell: data.get('defaultShell') as ShellKind,
    clipboardClearSeconds: Number(data.get('clipboardClearSeconds')),
    ...(form.querySelector('[name="menuBarTitle"]') ? { menuBarTitle: data.get('menuBarTitle') === 'on' } : {}),
    keptFresh,
  });
  if (!response.ok) return sayFailure(response);
  popover.settings = response.settings;
  say(popover.t('ui.settingsSaved'));
  renderSettings();
}
