// The doctor tab: findings (STS asked, as plain `rolekeeper doctor` does), each with "Fix" where
// the engine can repair it itself and "Copy" for a command only the person can run; "Fix all"
// carries out the same plan as `rolekeeper fix`.
import { byId, escapeHtml } from './dom';
import { popover, reload, say, sayFailure } from './popover-context';
import { say as sayPhrase } from '../shared/i18n';
import type { Finding } from '../shared/profile-summary';
import { isAutomatic } from '../shared/repair-steps';
import { findingText } from '../shared/finding-wording';

function canFix(finding: Finding): boolean {
  return (finding.repair ?? []).some(isAutomatic);
}

/** Copies without a clipboard permission (the popover's permission requests are all denied). */
function copyText(text: string): void {
  const area = document.createElement('textarea');
  area.value = text;
  area.setAttribute('readonly', '');
  area.className = 'copy-buffer';
  document.body.append(area);
  area.select();
  document.execCommand('copy');
  area.remove();
}

function fixAllButton(): HTMLButtonElement {
  const existing = document.getElementById('doctor-fix-all');
  if (existing) return existing as HTMLButtonElement;
  const button = document.createElement('button');
  button.type = 'button';
  button.id = 'doctor-fix-all';
  byId('findings').before(button);
  return button;
}

function findingHtml(finding: Finding, index: number): string {
  const t = popover.t;
  const { message, fix, advice } = findingText(finding, t);
  let html = `<li class="finding sev-${finding.severity}"><p>${escapeHtml(message)}</p>`;
  if (advice) html += `<p class="advice">${escapeHtml(advice)}</p>`;
  if (fix) html += `<code>${escapeHtml(fix)}</code>`;
  if (canFix(finding)) html += `<button type="button" data-fix="${index}">${escapeHtml(t('ui.doctorFix'))}</button>`;
  else if (fix) html += `<button type="button" data-copy="${index}">${escapeHtml(t('ui.doctorCopy'))}</button>`;
  return `${html}</li>`;
}

export async function runDoctor(): Promise<void> {
  const t = popover.t;
  const list = byId('findings');
  const all = fixAllButton();
  all.hidden = true;
  const response = await popover.api.runDoctor();
  if (!response.ok) return sayFailure(response);
  if (response.findings.length === 0) {
    list.innerHTML = `<li class="empty">${escapeHtml(t('ui.doctorNone'))}</li>`;
    return;
  }
  list.innerHTML = response.findings.map(findingHtml).join('');
  all.textContent = t('ui.doctorFixAll');
  all.hidden = !response.findings.some(canFix);
  const after = async (fixed: Awaited<ReturnType<typeof popover.api.applyFix>>): Promise<void> => {
    if (fixed.ok) say(fixed.wording ? sayPhrase(t, fixed.wording) : fixed.message);
    else sayFailure(fixed);
    await runDoctor();
    await reload();
  };
  all.onclick = async () => after(await popover.api.fixAll());
  list.onclick = async (event) => {
    const target = event.target as HTMLElement;
    const copy = target.closest<HTMLButtonElement>('button[data-copy]');
    if (copy) {
      copyText(response.findings[Number(copy.dataset.copy)].fix ?? '');
      say(t('ui.doctorCopied'));
      return;
    }
    const button = target.closest<HTMLButtonElement>('button[data-fix]');
    if (!button) return;
    const finding = response.findings[Number(button.dataset.fix)];
    await after(await popover.api.applyFix({ code: finding.code, profile: finding.profile }));
  };
}
