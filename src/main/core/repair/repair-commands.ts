// A repair's steps as the command lines a person pastes: every line is a command of the paste
// shell, never a sentence. A step with no such line (a line to remove from a startup file) or
// whose names no quoting can write safely gives no line; the advice beside it says what to do.
import { UnquotableWordError } from '../shell/shell';
import type { PersistedOrigin, RepairStep } from '../../../shared/repair-steps';
import { quoteForPaste, removeFileLine, setLine, unsetLine, type PasteShell } from './paste-shell';

export const WINDOWS_MACHINE_ENVIRONMENT_KEY = 'HKLM\\SYSTEM\\CurrentControlSet\\Control\\Session Manager\\Environment';
export const WINDOWS_USER_ENVIRONMENT_KEY = 'HKCU\\Environment';

/** The command that removes a persisted variable where no file edit does it (Windows, launchd). */
export function persistedRemovalArgv(origin: PersistedOrigin): string[] | null {
  switch (origin.kind) {
    case 'windows-user':
      return ['reg', 'delete', WINDOWS_USER_ENVIRONMENT_KEY, '/v', origin.variable, '/f'];
    case 'windows-machine':
      return ['reg', 'delete', WINDOWS_MACHINE_ENVIRONMENT_KEY, '/v', origin.variable, '/f'];
    case 'launchctl':
      return ['launchctl', 'unsetenv', origin.variable];
    case 'file':
      return null;
  }
}

function commandLine(shell: PasteShell, argv: readonly string[]): string {
  return argv.map((word, index) => (index === 0 ? word : quoteForPaste(shell, word))).join(' ');
}

/** The lines of one step; [] when it has none. */
export function stepLines(step: RepairStep, shell: PasteShell): string[] {
  try {
    switch (step.kind) {
      case 'remove-cache-entry':
      case 'remove-file':
        return [removeFileLine(shell, step.file)];
      case 'refresh-profile':
        return [commandLine(shell, ['rolekeeper', 'refresh', step.profile])];
      case 'unset-variables':
        return step.names.map((name) => unsetLine(shell, name));
      case 'set-variable':
        return [setLine(shell, step.name, step.value)];
      case 'remove-persisted-variable': {
        const argv = persistedRemovalArgv(step.origin);
        return argv ? [commandLine(shell, argv)] : [];
      }
      case 'run-command':
        return [commandLine(shell, step.argv)];
    }
  } catch (error) {
    if (error instanceof UnquotableWordError) return [];
    throw error;
  }
}

/** Every step's lines, one a line, each once; null when there is none. */
export function commandLines(steps: readonly RepairStep[], shell: PasteShell): string | null {
  const lines = [...new Set(steps.flatMap((step) => stepLines(step, shell)))];
  return lines.length > 0 ? lines.join('\n') : null;
}
