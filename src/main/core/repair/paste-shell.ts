// The shell a repair's lines are written for: the one named with --shell (known for sure), or a
// guess from the environment, in which case every word is quoted so that bash, zsh and fish alike
// read it literally ($SHELL is the login shell, often not the one the lines are pasted into).
import type { AwsEnvironment } from '../model/aws-environment';
import { guessShell } from '../shell/guess-shell';
import { quoteWordForAnyShell } from '../shell/any-shell';
import { shellFor } from '../shell/shells';
import type { ShellKind } from '../../../shared/ipc-contract';

export interface PasteShell {
  kind: ShellKind;
  /** True when the person named the shell; false for a guess. */
  known: boolean;
  platform: NodeJS.Platform;
}

export function pasteShellFor(environment: AwsEnvironment, given?: ShellKind): PasteShell {
  return given ? { kind: given, known: true, platform: environment.platform } : { kind: guessShell(environment), known: false, platform: environment.platform };
}

/** One argument for the paste shell; throws UnquotableWordError where it has no safe form. */
export function quoteForPaste(shell: PasteShell, value: string): string {
  return shell.known ? shellFor(shell.kind).quote(value) : quoteWordForAnyShell(shell.platform, value);
}

/**
 * A line clearing `name` (a fixed identifier: nothing to quote). For a guessed fish, `set --erase`:
 * pasted into bash it is an invalid option, where `set -e` would turn on errexit.
 */
export function unsetLine(shell: PasteShell, name: string): string {
  if (!shell.known && shell.kind === 'fish') return `set --erase ${name}`;
  return shellFor(shell.kind).unsetVariable(name);
}

/**
 * A line setting `name` to a plain value. For a guessed POSIX-like shell `export NAME=word` with
 * the any-shell word: bash and zsh read it, and so does fish 3 (its `export` function).
 */
export function setLine(shell: PasteShell, name: string, value: string): string {
  if (shell.known || shell.platform === 'win32') return shellFor(shell.kind).setVariable(name, value);
  return `export ${name}=${quoteWordForAnyShell(shell.platform, value)}`;
}

export function removeFileLine(shell: PasteShell, file: string): string {
  if (shell.known || shell.platform === 'win32') return shellFor(shell.kind).removeFile(file);
  return `rm ${file.startsWith('-') ? '-- ' : ''}${quoteWordForAnyShell(shell.platform, file)}`;
}
