// One plan over doctor's findings: every step once, in the order that works (persisted variables
// and broken cache entries first, then refreshes, then the calling shell, then what only the
// person can do). `rolekeeper fix`, `doctor --fix` and the tray's "Fix all" carry out the same plan.
import type { Finding } from '../../../shared/profile-summary';
import { SHELL_STEP_KINDS, isAutomatic, stepKey, type RepairStep, type RepairStepKind } from '../../../shared/repair-steps';
import { commandLines, stepLines } from './repair-commands';
import { unsetLine, type PasteShell } from './paste-shell';
import { CREDENTIAL_VARIABLES } from '../credentials/env-export';

export interface RepairPlan {
  /** Every step, ordered. */
  steps: RepairStep[];
  /** The findings the plan repairs (all their steps are in it). */
  findings: Finding[];
}

const ORDER: RepairStepKind[] = ['remove-persisted-variable', 'remove-cache-entry', 'remove-file', 'refresh-profile', 'unset-variables', 'set-variable', 'run-command'];

/** The findings a fix of `profiles` takes on: theirs, and those of the shell and files (no profile). */
export function findingsFor(findings: readonly Finding[], profiles: readonly string[]): Finding[] {
  if (profiles.length === 0) return [...findings];
  const wanted = new Set(profiles);
  return findings.filter((item) => item.profile === null || wanted.has(item.profile));
}

export function planRepair(findings: readonly Finding[]): RepairPlan {
  const seen = new Map<string, RepairStep>();
  const unset = new Set<string>();
  for (const item of findings) {
    for (const step of item.repair ?? []) {
      if (step.kind === 'unset-variables') step.names.forEach((name) => unset.add(name));
      else if (!seen.has(stepKey(step))) seen.set(stepKey(step), step);
    }
  }
  const ordered = [...seen.values()].sort((a, b) => ORDER.indexOf(a.kind) - ORDER.indexOf(b.kind));
  if (unset.size > 0) {
    // Credential variables in export's order, then any other.
    const names = [...CREDENTIAL_VARIABLES.filter((name) => unset.has(name)), ...[...unset].filter((name) => !(CREDENTIAL_VARIABLES as readonly string[]).includes(name))];
    const at = ordered.findIndex((step) => ORDER.indexOf(step.kind) > ORDER.indexOf('unset-variables'));
    ordered.splice(at === -1 ? ordered.length : at, 0, { kind: 'unset-variables', names });
  }
  return { steps: ordered, findings: findings.filter((item) => (item.repair ?? []).length > 0) };
}

/**
 * The lines that change the calling shell (for `eval "$(rolekeeper fix --shell bash)"`). In fish a
 * universal variable the plan removes is erased in that scope too, or it would still be seen.
 */
export function shellLines(plan: RepairPlan, shell: PasteShell): string {
  const lines = plan.steps.filter((step) => SHELL_STEP_KINDS.has(step.kind)).flatMap((step) => stepLines(step, shell));
  if (shell.kind === 'fish') {
    for (const step of plan.steps) {
      if (step.kind === 'remove-persisted-variable' && step.origin.kind === 'file' && step.origin.file.endsWith('fish_variables')) {
        lines.push(`set -e -U ${step.origin.variable}`);
      }
    }
  }
  return lines.map((line) => `${line}\n`).join('');
}

/** The commands only the person can run, each once. */
export function manualCommands(plan: RepairPlan, shell: PasteShell): string[] {
  return plan.steps.filter((step) => step.kind === 'run-command' || (step.kind === 'remove-persisted-variable' && step.origin.kind !== 'file')).flatMap((step) => stepLines(step, shell));
}

export function automaticSteps(plan: RepairPlan): RepairStep[] {
  return plan.steps.filter(isAutomatic);
}

/** The plan as command lines, for a dry run or a question before applying. */
export function planLines(plan: RepairPlan, shell: PasteShell): string | null {
  return commandLines(plan.steps, shell);
}

/** unsetLine re-exported for the faces that clear one variable. */
export { unsetLine };
