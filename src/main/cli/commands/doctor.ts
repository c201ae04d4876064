// `rolekeeper doctor [--json]`: what is wrong with the AWS credentials setup, each with its fix.
// Exit code 1 when any finding is an error.
import type { Command } from 'commander';
import { runDoctor } from '../../core/doctor/doctor';
import { runOnlineChecks } from '../../core/doctor/doctor-online';
import { loadProfiles } from '../../core/aws-config/profile-loader';
import type { ProfileSet } from '../../core/aws-config/profile-model';
import type { Finding, Severity } from '../../../shared/profile-summary';
import { printJson, type CliContext } from '../cli-context';

/**
 * Checks added on top of the offline ones (the seam for `--online`: STS identity and clock skew
 * per profile). Each receives the loaded profiles and returns more findings.
 */
export interface ExtraDoctorCheck {
  /** The flag that turns it on, e.g. `--online`, and its help text. */
  flag: string;
  description: string;
  run(context: CliContext, profiles: ProfileSet): Promise<Finding[]>;
}

const HEADINGS: Array<[Severity, string]> = [
  ['error', 'Errors'],
  ['warning', 'Warnings'],
  ['info', 'Notes'],
];

const SEVERITY_RANK: Record<Severity, number> = { error: 0, warning: 1, info: 2 };

function plural(count: number, word: string): string {
  return `${count} ${word}${count === 1 ? '' : 's'}`;
}

export function renderFindings(findings: readonly Finding[]): string {
  if (findings.length === 0) return 'No problems found.\n';
  const count = (severity: Severity) => findings.filter((item) => item.severity === severity).length;
  let text = `${plural(count('error'), 'error')}, ${plural(count('warning'), 'warning')}, ${plural(count('info'), 'note')}\n`;
  for (const [severity, heading] of HEADINGS) {
    const group = findings.filter((item) => item.severity === severity);
    if (group.length === 0) continue;
    text += `\n${heading}\n`;
    for (const item of group) {
      text += `  [${item.code}] ${item.message}\n`;
      if (item.fix) {
        const [first, ...rest] = item.fix.split('\n');
        text += `    fix: ${first}\n`;
        for (const line of rest) text += `         ${line}\n`;
      }
    }
  }
  return text;
}

export function makeDoctorRegistrar(extraChecks: readonly ExtraDoctorCheck[] = []) {
  return (program: Command, context: CliContext): void => {
    const command = program
      .command('doctor')
      .description('Find what stops AWS credentials from working (env vars, expired keys, caches) and print the fix')
      .option('--json', 'print { "findings": [ { code, severity, profile, message, fix, file?, line? } ] }');
    for (const check of extraChecks) command.option(check.flag, check.description);
    command.action(async (options: Record<string, boolean | undefined>) => {
      const profiles = loadProfiles(context.environment);
      const findings = runDoctor({ environment: context.environment, now: context.now(), profiles });
      for (const check of extraChecks) {
        const optionName = check.flag.replace(/^--/, '').replace(/-([a-z])/g, (_, c: string) => c.toUpperCase());
        if (options[optionName]) findings.push(...(await check.run(context, profiles)));
      }
      findings.sort((a, b) => SEVERITY_RANK[a.severity] - SEVERITY_RANK[b.severity]);
      if (options.json) printJson(context, { findings });
      else context.stdout(renderFindings(findings));
      if (findings.some((item) => item.severity === 'error')) context.setExitCode(1);
    });
  };
}

export const onlineCheck: ExtraDoctorCheck = {
  flag: '--online',
  description: 'also ask STS whether each profile\'s current credentials work (GetCallerIdentity) and check the clock',
  run: (context, profiles) => runOnlineChecks({ environment: context.environment, profiles, now: context.now() }),
};

export const registerDoctor = makeDoctorRegistrar([onlineCheck]);
