// `rolekeeper fix [PROFILE…] [--dry-run] [--yes] [--shell S]` (and `doctor --fix`): doctor's
// repair plan, carried out. Stdout holds only the lines that change the calling shell (for
// `eval "$(rolekeeper fix --shell bash)"`); the plan and the report go to stderr. Exit 0 only when
// the profiles in use then work as `aws sts get-caller-identity` would find.
import { createInterface } from 'node:readline';
import type { Command } from 'commander';
import type { RepairPlan } from '../../core/repair/repair-plan';
import type { StepOutcome } from '../../core/repair/repair-apply';
import type { RepairDescription } from '../../core/service/rolekeeper-service';
import { SHELLS, type ShellKind } from '../../../shared/ipc-contract';
import type { RepairStep } from '../../../shared/repair-steps';
import { say, type Translate } from '../../../shared/i18n';
import { CliError, EXIT_USAGE, type CliContext } from '../cli-context';
import { asCliError } from '../cli-support';
import { helpKey } from '../help-text';

export interface FixOptions {
  dryRun?: boolean;
  yes?: boolean;
  shell?: string;
  offline?: boolean;
}

/** Each step's command lines, from the service's description of the plan. */
type StepLines = (step: RepairStep) => string[];

function stepWords(step: RepairStep, stepLines: StepLines, t: Translate): string {
  switch (step.kind) {
    case 'remove-persisted-variable':
      if (step.origin.kind === 'file') return t('doctor.fix.step.removeLine', { variable: step.origin.variable, at: `${step.origin.file}:${step.origin.line}` });
      return t('doctor.fix.step.manual', { line: stepLines(step).join('; ') });
    case 'remove-cache-entry':
    case 'remove-file':
      return t('doctor.fix.step.removeCache', { file: step.file });
    case 'refresh-profile':
      return t('doctor.fix.step.refresh', { profile: step.profile });
    case 'unset-variables':
    case 'set-variable':
      return t('doctor.fix.step.shell', { line: stepLines(step).join('; ') });
    case 'run-command':
      return t('doctor.fix.step.manual', { line: stepLines(step).join(' ') });
  }
}

function ask(question: string): Promise<boolean> {
  return new Promise((resolve) => {
    const prompt = createInterface({ input: process.stdin, output: process.stderr, terminal: true });
    prompt.on('close', () => resolve(false));
    prompt.question(question, (answer) => {
      prompt.close();
      resolve(/^(y|yes|j|ja)$/i.test(answer.trim()));
    });
  });
}

function reportOutcome(outcome: StepOutcome, stepLines: StepLines, t: Translate): string | null {
  const what = stepWords(outcome.step, stepLines, t);
  switch (outcome.status) {
    case 'done': {
      const origin = outcome.step.kind === 'remove-persisted-variable' ? outcome.step.origin : null;
      const backup = outcome.backupPath && origin?.kind === 'file' ? `\n  ${t('doctor.fix.backup', { file: origin.file, backup: outcome.backupPath })}` : '';
      return t('doctor.fix.done', { what }) + backup;
    }
    case 'refused':
      return t('doctor.fix.refused', { what, detail: outcome.detail ?? '' });
    case 'failed':
      return t('doctor.fix.stepFailed', { what, detail: outcome.detail ?? '' });
    case 'not-automatic':
      return null;
  }
}

export async function runFix(context: CliContext, names: readonly string[], options: FixOptions): Promise<void> {
  const { t } = context;
  if (options.shell !== undefined && !SHELLS.includes(options.shell as ShellKind)) {
    throw new CliError(context.t('cmd.export.shellChoice', { shells: SHELLS.join(', ') }), EXIT_USAGE);
  }
  const given = options.shell as ShellKind | undefined;
  const service = context.service();
  let plan: RepairPlan;
  try {
    const planned = await service.repairPlan({ profiles: [...names], shell: given, offline: options.offline });
    plan = planned.plan;
    if (planned.doctor.sts === 'unreachable') context.stderr(`${t('cli.stsNotChecked')}\n`);
  } catch (error) {
    throw asCliError(error, t);
  }
  const described: RepairDescription = service.describeRepair(plan, given);
  const stepLines: StepLines = (step) => described.steps.find((entry) => entry.step === step)?.lines ?? [];
  const err = (line: string) => context.stderr(`${line}\n`);
  if (plan.steps.length === 0) {
    err(t('doctor.fix.nothing'));
  } else {
    err(t('doctor.fix.plan', { count: plan.steps.length }));
    for (const step of plan.steps) err(`  - ${stepWords(step, stepLines, t)}`);
  }
  // A dry run changes nothing, the calling shell included: its lines are in the plan above.
  if (options.dryRun) return;
  // Under `eval "$(rolekeeper fix)"` stdout is a pipe, but the person still sits at stdin and stderr.
  const canAsk = context.interactive || Boolean(process.stdin.isTTY && process.stderr.isTTY);
  if (plan.steps.length > 0 && canAsk && !options.yes && !(await ask(t('doctor.fix.confirm')))) {
    err(t('doctor.fix.cancelled'));
    context.setExitCode(1);
    return;
  }
  const result = await service.applyRepair(plan, { profiles: [...names] });
  for (const outcome of result.outcomes) {
    const line = reportOutcome(outcome, stepLines, t);
    if (line) err(line);
  }
  const done = result.outcomes.filter((outcome) => outcome.status === 'done').flatMap((outcome) => stepLines(outcome.step));
  const stillManual = described.manual.filter((line) => !done.includes(line));
  if (stillManual.length > 0) {
    err(t('doctor.fix.youRun'));
    for (const line of stillManual) err(`  ${line}`);
  }
  context.stdout(described.shellText);
  if (described.shellText && context.interactive) err(t('doctor.fix.evalHint', { shell: described.shell }));
  let allWork = !result.outcomes.some((outcome) => outcome.status === 'failed');
  for (const check of result.verified) {
    const profile = check.profile === null ? '' : ` --profile ${check.profile}`;
    if (check.ok) err(t('doctor.fix.works', { profile, arn: check.arn ?? '' }));
    else {
      allWork = false;
      err(t('doctor.fix.stillFails', { profile, message: check.wording ? say(t, check.wording) : check.message ?? '' }));
    }
  }
  if (!allWork) context.setExitCode(1);
}

export function registerFix(program: Command, context: CliContext): void {
  program
    .command('fix')
    .description(helpKey('help.fix'))
    .argument('[profiles...]', helpKey('help.fix.profiles'))
    .option('--dry-run', helpKey('help.fix.dryRun'))
    .option('--yes', helpKey('help.fix.yes'))
    .option('--shell <shell>', helpKey('help.fix.shell', { shells: SHELLS.join(', ') }))
    .option('--offline', helpKey('help.fix.offline'))
    .action((names: string[], options: FixOptions) => runFix(context, names, options));
}
