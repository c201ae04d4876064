// The doctor tab: findings from the real files, each with its one-click fix where there is one.
import { byId, escapeHtml } from './dom';
import { popover, reload, say, sayFailure } from './popover-context';
import { say as sayPhrase } from '../shared/i18n';

export async function runDoctor(): Promise<void> {
  const t = popover.t;
  const list = byId('findings');
  const response = await popover.api.runDoctor();
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
    const fixed = await popover.api.applyFix({ code: finding.code, profile: finding.profile });
    if (fixed.ok) say(fixed.wording ? sayPhrase(t, fixed.wording) : fixed.message);
    else sayFailure(fixed);
    await runDoctor();
    await reload();
  };
}
