// What Rolekeeper needs from a shell to print lines the user pastes or evals: one object per
// shell dialect (bash.ts, zsh.ts, fish.ts, powershell.ts, cmd.ts), all listed in shells.ts.
import type { ShellKind } from '../../../shared/ipc-contract';
import { RolekeeperError } from '../model/rolekeeper-error';

export interface Shell {
  readonly kind: ShellKind;
  /** Its program names as a login shell ($SHELL's last part), for guessShell off Windows. */
  readonly programNames: readonly string[];
  /**
   * One argument of a command line: a plain word (`dev-admin`, most paths) as it is, anything
   * else quoted so the shell hands it over literally and runs nothing. Throws
   * UnquotableWordError where the shell has no safe way to write the value.
   */
  quote(value: string): string;
  /** A line that sets the environment variable `name` (a fixed identifier) to `value`; throws like quote. */
  setVariable(name: string, value: string): string;
  /** A line that clears the environment variable `name`. */
  unsetVariable(name: string): string;
  /** A line that deletes one file; throws like quote. */
  removeFile(file: string): string;
}

/** A value a shell cannot write literally. The message names what is in the way, never the value. */
export class UnquotableWordError extends RolekeeperError {
  constructor(
    readonly shell: ShellKind,
    readonly reason: string,
  ) {
    super(`${shell} cannot quote a value that holds ${reason}`, 'unquotable', null, null);
    this.name = 'UnquotableWordError';
  }
}

/** Characters no shell reads specially in the middle of a word; each shell narrows it further. */
export const PLAIN_WORD = /^[A-Za-z0-9_.@%+=:,/-]+$/;

/**
 * C0 controls but line feed, DEL and the C1 controls (U+0080–U+009F). Printed raw, the terminal
 * or the line editor acts on them: CR hides what came before it, ESC and U+009B start escape
 * sequences, a pasted ESC can reach readline as a key binding (M-C-e expands `$( )` in the line),
 * a pasted tab completes. So shells write them as escapes or refuse them. A line feed stays: inside
 * quotes every shell but cmd reads it literally, also when pasted.
 */
export const TERMINAL_CONTROL = /[\u0000-\u0009\u000b-\u001f\u007f-\u009f]/;

/** A control character's code in two hex digits (all are below U+00A0). */
export function hexCode(character: string): string {
  return character.charCodeAt(0).toString(16).padStart(2, '0');
}

/** Argv strings end at NUL in every shell: a value holding one can never be passed whole. */
export function refuseNul(shell: ShellKind, value: string): void {
  if (value.includes('\0')) throw new UnquotableWordError(shell, 'a NUL character');
}

/**
 * Writes `value` as a run of single-quoted pieces; `outside(character)` returns the text for a
 * character that cannot stay inside the quotes (or null to keep it inside). Pieces are glued
 * without spaces, so the shell reads them as one word; an empty value is `''`.
 */
export function quoteInPieces(value: string, inside: (text: string) => string, outside: (character: string) => string | null): string {
  let result = '';
  let run = '';
  for (const character of value) {
    const escaped = outside(character);
    if (escaped === null) {
      run += character;
      continue;
    }
    if (run) result += inside(run);
    run = '';
    result += escaped;
  }
  if (run || !result) result += inside(run);
  return result;
}
