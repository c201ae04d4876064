// The exact fix lines doctor prints, for the user's platform and guessed shell.
import type { AwsEnvironment } from '../aws-config/aws-environment';
import { assignment, removal, renderCredentialUnset, UnsafeExportValueError } from '../credentials/env-export';
import { platformTraits, quoteWord, UnquotableWordError } from '../aws-config/platform-traits';
import type { ShellKind } from '../../../shared/ipc-contract';

/** Quotes one argument (a profile name, a path) for the shell the fix line is written for. */
export type WordQuoter = (value: string) => string;

export interface FixWriter {
  shell: ShellKind;
  /** Clears every credential variable (AWS_ACCESS_KEY_ID … AWS_CREDENTIAL_EXPIRATION). */
  unsetCredentials(): string;
  /** Clears the named variables (e.g. AWS_PROFILE), one line each. */
  unset(names: readonly string[]): string;
  /** Sets a variable whose value is a plain name (a profile name), never a secret. */
  set(name: string, value: string): string;
  removeFile(file: string): string;
  /**
   * A command line with every embedded name or path passed through `word`, e.g.
   * `command((word) => \`aws sso login --profile ${word(name)}\`)`. Where cmd.exe has no safe
   * quoting for a value, the line is written for PowerShell and says so.
   */
  command(render: (word: WordQuoter) => string): string;
}

function inPowerShell(render: (word: WordQuoter) => string): string {
  // "in" is no command in cmd, so pasting this line there whole runs nothing.
  return `in PowerShell: ${render((value) => quoteWord('powershell', value))}`;
}

export function fixWriter(environment: AwsEnvironment): FixWriter {
  const traits = platformTraits(environment);
  const shell = traits.defaultShell;
  const command = (render: (word: WordQuoter) => string): string => {
    try {
      return render((value) => quoteWord(shell, value));
    } catch (error) {
      if (error instanceof UnquotableWordError) return inPowerShell(render);
      throw error;
    }
  };
  return {
    shell,
    unsetCredentials: () => renderCredentialUnset(shell).trimEnd(),
    unset: (names) => names.map((name) => removal(shell, name)).join('\n'),
    set: (name, value) => {
      try {
        return assignment(shell, name, value);
      } catch (error) {
        if (error instanceof UnsafeExportValueError) return `in PowerShell: ${assignment('powershell', name, value)}`;
        throw error;
      }
    },
    removeFile: (file) => {
      try {
        return traits.removeFileCommand(file);
      } catch (error) {
        if (error instanceof UnquotableWordError) return inPowerShell((word) => `Remove-Item -LiteralPath ${word(file)}`);
        throw error;
      }
    },
    command,
  };
}
