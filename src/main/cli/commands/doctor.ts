// `rolekeeper doctor [--online] [--json]`: what is wrong with the AWS credentials setup, each with
// its fix; --online adds STS checks. Exit code 1 when any finding is an error.
import type { Command } from 'commander';
import { runOnlineChecks } from '../../core/doctor/doctor-online';
import type { Finding, Severity } from '../../../shared/profile-summary';
import { counted, type MessageKey, type Translate } from '../../../shared/i18n';
import { printJson, type CliContext } from '../cli-context';
import { findingText } from '../../../shared/finding-wording';
import { helpKey } from '../help-text';

const HEADINGS: Array<[Severity, MessageKey]> = [
  ['error', 'cli.doctor.errors'],
  ['warning', 'cli.doctor.warnings'],
  ['info', 'cli.doctor.notes'],
];

const SEVERITY_RANK: Record<Severity, number> = { error: 0, warning: 1, info: 2 };

/** The findings as text; a fix already printed for an earlier finding is referred to, not repeated. */
export function renderFindings(findings: readonly Finding[], t: Translate): string {
  if (findings.length === 0) return `${t('cli.doctor.none')}\n`;
  const count = (severity: Severity) => findings.filter((item) => item.severity === severity).length;
  let text = `${t('cli.doctor.summary', { errors: counted(t, count('error'), 'error'), warnings: counted(t, count('warning'), 'warning'), notes: counted(t, count('info'), 'note') })}\n`;
  const printedFixes = new Map<string, string>();
  const label = t('cli.doctor.fix');
  for (const [severity, heading] of HEADINGS) {
    const group = findings.filter((item) => item.severity === severity);
    if (group.length === 0) continue;
    text += `\n${t(heading)}\n`;
    for (const item of group) {
      const { message, fix } = findingText(item, t);
      text += `  [${item.code}] ${message}\n`;
      if (!fix) continue;
      const earlier = printedFixes.get(fix);
      if (earlier) {
        text += `    ${label}: ${t('cli.doctor.sameFix', { code: earlier })}\n`;
        continue;
      }
      printedFixes.set(fix, item.code);
      const [first, ...rest] = fix.split('\n');
      text += `    ${label}: ${first}\n`;
      for (const line of rest) text += `    ${' '.repeat(label.length + 2)}${line}\n`;
    }
  }
  return text;
}

interface DoctorOptions {
  json?: boolean;
  online?: boolean;
}

export function registerDoctor(program: Command, context: CliContext): void {
  program
    .command('doctor')
    .description(helpKey('help.doctor'))
    .option('--json', helpKey('help.doctor.json'))
    .option('--online', helpKey('help.doctor.online'))
    .action(async (options: DoctorOptions) => {
      const { environment } = context;
      const service = context.service();
      const findings = service.doctor();
      if (options.online) findings.push(...(await runOnlineChecks({ environment, profiles: service.profiles(), now: context.now() })));
      findings.sort((a, b) => SEVERITY_RANK[a.severity] - SEVERITY_RANK[b.severity]);
      if (options.json) printJson(context, { findings });
      else context.stdout(renderFindings(findings, context.t));
      if (findings.some((item) => item.severity === 'error')) context.setExitCode(1);
    });
}
