// The exact fix lines doctor prints, for the user's platform and guessed shell.
import type { AwsEnvironment } from '../model/aws-environment';
import { CREDENTIAL_VARIABLES } from '../credentials/env-export';
import { pasteShellFor, quoteForPaste, removeFileLine, setLine, unsetLine } from '../repair/paste-shell';
import { UnquotableWordError } from '../shell/shell';
import { shellFor } from '../shell/shells';
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
   * `command((word) => \`aws sso login --profile ${word(name)}\`)`. Where the shell has no safe
   * quoting for a value, a sentence saying so stands in place of the line.
   */
  command(render: (word: WordQuoter) => string): string;
}

/** Printed instead of a line that could not be written safely: no command at all beats a wrong one. */
function noCommand(error: UnquotableWordError): string {
  const elsewhere = error.shell === 'cmd' ? ' (or from PowerShell)' : '';
  return `no ${error.shell} command shown: a name or path it needs holds ${error.reason}, which ${error.shell} cannot write safely; do this step by hand${elsewhere}`;
}

/**
 * Lines for the shell named (`given`), else for the guessed one with every word quoted so bash,
 * zsh and fish all read it literally: $SHELL is the login shell, not always where lines are pasted.
 */
export function fixWriter(environment: AwsEnvironment, given?: ShellKind): FixWriter {
  const paste = pasteShellFor(environment, given);
  const shell = shellFor(paste.kind);
  const lineOrReason = (write: () => string): string => {
    try {
      return write();
    } catch (error) {
      if (error instanceof UnquotableWordError) return noCommand(error);
      throw error;
    }
  };
  const unset = (names: readonly string[]): string => names.map((name) => unsetLine(paste, name)).join('\n');
  return {
    shell: shell.kind,
    unsetCredentials: () => unset(CREDENTIAL_VARIABLES),
    unset,
    set: (name, value) => lineOrReason(() => setLine(paste, name, value)),
    removeFile: (file) => lineOrReason(() => removeFileLine(paste, file)),
    command: (render) => lineOrReason(() => render((value) => quoteForPaste(paste, value))),
  };
}
