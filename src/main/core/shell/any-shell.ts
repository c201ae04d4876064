// Fix texts built where the user's shell is unknown (RefreshError fixes shown by the CLI, the
// daemon log and the tray alike; setup and manage messages): one profile name written so that
// every shell the user may paste it into reads it literally.
import { ansiC } from './bash';
import { cmd } from './cmd';
import { powershell } from './powershell';
import { TERMINAL_CONTROL, hexCode, PLAIN_WORD, quoteInPieces, UnquotableWordError } from './shell';

/** Stands for the name in a fix command when no quoting of it is safe in every candidate shell. */
export const NAME_PLACEHOLDER = 'NAME';

/**
 * Single quotes that bash, zsh, dash and fish all read the same way: nothing inside is special to
 * any of them as long as no backslash is inside (fish reads `\'` and `\\` there), so `'` and `\`
 * go between the pieces as `\'` and `\\`. A line feed stays inside the quotes, which all four
 * read literally; other control characters have no common form and become bash's `$'\xHH'`,
 * which fish refuses to parse and dash reads as plain text, so there too nothing runs.
 */
function quoteForPosixAndFish(value: string): string {
  if (value.includes('\0')) throw new UnquotableWordError('bash', 'a NUL character');
  return quoteInPieces(
    value,
    (text) => `'${text}'`,
    (character) => {
      if (character === "'" || character === '\\') return `\\${character}`;
      if (TERMINAL_CONTROL.test(character)) return ansiC(character);
      return null;
    },
  );
}

/**
 * One argument for whichever of bash, zsh, dash or fish reads the line (the POSIX tools in the
 * config-file fixes, fix texts on macOS and Linux). Throws UnquotableWordError for a NUL.
 */
export function quoteWordForAnyPosixShell(value: string): string {
  const plain = PLAIN_WORD.test(value) && !value.startsWith('=') && !value.startsWith('%');
  return plain ? value : quoteForPosixAndFish(value);
}

/** What PowerShell's single quotes do not hide from cmd: its operators, and a line feed that starts a new command. */
const CMD_OPERATORS = /[&|<>^"\n]/;

/**
 * On Windows the line is pasted into cmd or PowerShell: cmd's quoting where it applies (it is
 * inert in both), else PowerShell's when cmd would find no operator in it.
 */
function quoteForCmdAndPowershell(value: string): string {
  try {
    return cmd.quote(value);
  } catch (error) {
    if (!(error instanceof UnquotableWordError)) throw error;
  }
  if (CMD_OPERATORS.test(value)) throw new UnquotableWordError('cmd', 'both cmd operators and characters cmd cannot quote');
  return powershell.quote(value);
}

/**
 * One argument (a name, a path) for whichever shell of the platform reads the line: bash, zsh,
 * dash and fish off Windows, cmd and PowerShell on it. Throws UnquotableWordError where none is safe.
 */
export function quoteWordForAnyShell(platform: NodeJS.Platform, value: string): string {
  return platform === 'win32' ? quoteForCmdAndPowershell(value) : quoteWordForAnyPosixShell(value);
}

/**
 * A profile name as one argument of a fix command; NAME_PLACEHOLDER where no quoting is safe in
 * all the shells of the platform (the message beside the fix names the profile).
 */
export function quoteNameForAnyShell(platform: NodeJS.Platform, name: string): string {
  try {
    return platform === 'win32' ? quoteForCmdAndPowershell(name) : quoteWordForAnyPosixShell(name);
  } catch (error) {
    if (error instanceof UnquotableWordError) return NAME_PLACEHOLDER;
    throw error;
  }
}

/**
 * A profile name inside the prose of a fix: `"dev"` when it is a plain word, else quoted as
 * quoteNameForAnyShell does, with control characters shown as `\xHH`, so even pasting the whole
 * sentence into a shell runs nothing.
 */
export function quoteNameInProse(platform: NodeJS.Platform, name: string): string {
  if (PLAIN_WORD.test(name)) return `"${name}"`;
  const visible = name.replace(/[\u0000-\u001f\u007f-\u009f]/g, (character) => `\\x${hexCode(character)}`);
  const quoted = quoteNameForAnyShell(platform, visible);
  return quoted === NAME_PLACEHOLDER ? 'the profile named above' : quoted;
}
