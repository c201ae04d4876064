// Carries out a plan's automatic steps: cache entries and leftover files removed (only inside
// their own folders), refreshes through the service, persisted assignments removed where they live
// (startup files through the safe-update path: lock, one-time backup, atomic; only those lines).
import { execFileSync } from 'node:child_process';
import { realpathSync, unlinkSync } from 'node:fs';
import * as path from 'node:path';
import { awsPaths, rolekeeperDataDir, type AwsEnvironment } from '../model/aws-environment';
import { updateFile } from '../files/safe-file-update';
import type { PersistedOrigin, RepairStep } from '../../../shared/repair-steps';
import { isAutomatic } from '../../../shared/repair-steps';
import { removeAssignmentLines, startupFiles } from '../persisted-env/startup-files';
import { persistedRemovalArgv } from './repair-commands';

export type StepStatus = 'done' | 'failed' | 'refused' | 'not-automatic';

export interface StepOutcome {
  step: RepairStep;
  status: StepStatus;
  /** Why it failed or was refused, in English; never a secret. */
  detail?: string;
  /** The backup made before a startup file's first edit. */
  backupPath?: string | null;
}

export interface ApplyPorts {
  environment: AwsEnvironment;
  refresh(profile: string): Promise<void>;
  /** Runs a program without a shell (reg, launchctl); default execFileSync. */
  run?: (program: string, args: readonly string[]) => void;
}

function inside(folder: string, file: string): boolean {
  const relative = path.relative(path.resolve(folder), path.resolve(file));
  return relative !== '' && !relative.startsWith('..') && !path.isAbsolute(relative);
}

function removeIn(folders: readonly string[], file: string): StepOutcome['status'] | string {
  if (!folders.some((folder) => inside(folder, file))) return `not inside ${folders.join(' or ')}`;
  try {
    unlinkSync(file);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') return (error as Error).message;
  }
  return 'done';
}

async function removeFileAssignments(environment: AwsEnvironment, file: string, origins: ReadonlyArray<PersistedOrigin & { kind: 'file' }>): Promise<Omit<StepOutcome, 'step'>> {
  const startup = startupFiles(environment).find((candidate) => path.resolve(candidate.file) === path.resolve(file));
  if (!startup) return { status: 'refused', detail: `${file} is not a startup file Rolekeeper edits` };
  const home = environment.env.HOME ?? environment.env.USERPROFILE ?? '';
  let real: string;
  try {
    real = realpathSync(file);
  } catch (error) {
    return { status: 'failed', detail: (error as Error).message };
  }
  if (!home || !inside(realpathSync(home), real)) return { status: 'refused', detail: `${file} links to ${real}, outside your home folder: remove the lines there yourself` };
  try {
    const result = await updateFile(real, (text) => removeAssignmentLines(text ?? '', startup.syntax, origins), { dataDir: rolekeeperDataDir(environment) });
    return { status: 'done', backupPath: result.backupPath };
  } catch (error) {
    return { status: 'failed', detail: (error as Error).message };
  }
}

export async function applyRepairSteps(steps: readonly RepairStep[], ports: ApplyPorts): Promise<StepOutcome[]> {
  const { environment } = ports;
  const paths = awsPaths(environment);
  const run = ports.run ?? ((program, args) => void execFileSync(program, [...args], { stdio: 'ignore', timeout: 10_000, windowsHide: true }));
  const outcomes: StepOutcome[] = [];
  const fileEdits = new Map<string, Array<PersistedOrigin & { kind: 'file' }>>();
  for (const step of steps) if (step.kind === 'remove-persisted-variable' && step.origin.kind === 'file') fileEdits.set(step.origin.file, [...(fileEdits.get(step.origin.file) ?? []), step.origin]);
  const editResults = new Map<string, Omit<StepOutcome, 'step'>>();
  for (const [file, origins] of fileEdits) editResults.set(file, await removeFileAssignments(environment, file, origins));

  for (const step of steps) {
    if (!isAutomatic(step)) {
      outcomes.push({ step, status: 'not-automatic' });
      continue;
    }
    switch (step.kind) {
      case 'remove-cache-entry':
      case 'remove-file': {
        const folders = step.kind === 'remove-cache-entry' ? [paths.cliCacheDir, paths.ssoCacheDir] : [paths.cliCacheDir, path.dirname(paths.configFile), path.dirname(paths.credentialsFile)];
        const result = removeIn(folders, step.file);
        outcomes.push(result === 'done' ? { step, status: 'done' } : { step, status: 'refused', detail: result });
        break;
      }
      case 'refresh-profile':
        try {
          await ports.refresh(step.profile);
          outcomes.push({ step, status: 'done' });
        } catch (error) {
          outcomes.push({ step, status: 'failed', detail: (error as Error).message });
        }
        break;
      case 'remove-persisted-variable': {
        if (step.origin.kind === 'file') {
          outcomes.push({ step, ...editResults.get(step.origin.file)! });
          break;
        }
        const argv = persistedRemovalArgv(step.origin)!;
        const platform = step.origin.kind === 'launchctl' ? 'darwin' : 'win32';
        // The machine-wide environment needs an elevated prompt: said once, as a command.
        if (environment.platform !== platform || step.origin.kind === 'windows-machine') {
          outcomes.push({ step, status: 'not-automatic' });
          break;
        }
        try {
          run(argv[0], argv.slice(1));
          outcomes.push({ step, status: 'done' });
        } catch (error) {
          outcomes.push({ step, status: 'failed', detail: (error as Error).message });
        }
        break;
      }
    }
  }
  return outcomes;
}
