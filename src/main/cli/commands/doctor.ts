// `rolekeeper doctor [PROFILE…] [--offline] [--json] [--fix] [--shell S]`: what is wrong with the
// AWS credentials setup, asking STS about the credentials in use unless --offline, each finding
// with its repair: command lines under "fix", advice in words apart. Exit code 1 when any finding
// is an error.
import type { Command } from 'commander';
import type { Finding, Severity } from '../../../shared/profile-summary';
import { counted, type MessageKey, type Translate } from '../../../shared/i18n';
import { SHELLS, type ShellKind } from '../../../shared/ipc-contract';
import { CliError, EXIT_USAGE, printJson, type CliContext } from '../cli-context';
import { findingText } from '../../../shared/finding-wording';
import { asCliError } from '../cli-support';
import { helpKey } from '../help-text';
import { runFix } from './fix';

const HEADINGS: Array<[Severity, MessageKey]> = [
  ['error', 'cli.doctor.errors'],
  ['warning', 'cli.doctor.warnings'],
  ['info', 'cli.doctor.notes'],
];

/** The findings as text; a fix already printed for an earlier finding is referred to, not repeated. */
export function renderFindings(findings: readonly Finding[], t: Translate): string {
  if (findings.length === 0) return `${t('cli.doctor.none')}\n`;
  const count = (severity: Severity) => findings.filter((item) => item.severity === severity).length;
  let text = `${t('cli.doctor.summary', { errors: counted(t, count('error'), 'error'), warnings: counted(t, count('warning'), 'warning'), notes: counted(t, count('info'), 'note') })}\n`;
  const printedFixes = new Map<string, string>();
  const label = t('cli.doctor.fix');
  const adviceLabel = t('cli.doctor.advice');
  for (const [severity, heading] of HEADINGS) {
    const group = findings.filter((item) => item.severity === severity);
    if (group.length === 0) continue;
    text += `\n${t(heading)}\n`;
    for (const item of group) {
      const { message, fix, advice } = findingText(item, t);
      text += `  [${item.code}] ${message}\n`;
      // Advice under its own label, so the lines under "fix" are only commands.
      if (advice) {
        const [first, ...rest] = advice.split('\n');
        text += `    ${adviceLabel}: ${first}\n`;
        for (const line of rest) text += `    ${' '.repeat(adviceLabel.length + 2)}${line}\n`;
      }
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
  offline?: boolean;
  fix?: boolean;
  shell?: string;
  yes?: boolean;
  dryRun?: boolean;
}

export function registerDoctor(program: Command, context: CliContext): void {
  program
    .command('doctor')
    .description(helpKey('help.doctor'))
    .argument('[profiles...]', helpKey('help.doctor.profiles'))
    .option('--json', helpKey('help.doctor.json'))
    .option('--online', helpKey('help.doctor.online'))
    .option('--offline', helpKey('help.doctor.offline'))
    .option('--fix', helpKey('help.doctor.fix'))
    .option('--yes', helpKey('help.fix.yes'))
    .option('--dry-run', helpKey('help.fix.dryRun'))
    .option('--shell <shell>', helpKey('help.doctor.shell', { shells: SHELLS.join(', ') }))
    .action(async (names: string[], options: DoctorOptions) => {
      if (options.shell !== undefined && !SHELLS.includes(options.shell as ShellKind)) {
        throw new CliError(context.t('cmd.export.shellChoice', { shells: SHELLS.join(', ') }), EXIT_USAGE);
      }
      if (options.fix) return runFix(context, names, { shell: options.shell, yes: options.yes, dryRun: options.dryRun, offline: options.offline });
      const service = context.service();
      let checked;
      try {
        checked = await service.checkedDoctor({ offline: options.offline, profiles: names, shell: options.shell as ShellKind | undefined });
      } catch (error) {
        throw asCliError(error, context.t);
      }
      const { findings, sts } = checked;
      if (options.json) printJson(context, { findings, sts });
      else context.stdout(renderFindings(findings, context.t));
      if (findings.some((item) => item.severity === 'error')) context.setExitCode(1);
    });
}
