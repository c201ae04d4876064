// Per-OS differences as data, so one test run covers darwin, win32 and linux.
import type { AwsEnvironment } from './aws-environment';
import type { ShellKind } from '../../../shared/ipc-contract';

export interface PlatformTraits {
  platform: NodeJS.Platform;
  defaultShell: ShellKind;
  /** How the user removes a file or folder in that shell, for doctor fixes. */
  removeFileCommand: (filePath: string) => string;
  removeFolderCommand: (folderPath: string) => string;
}

export function guessShell(environment: AwsEnvironment): ShellKind {
  const shell = environment.env.SHELL ?? '';
  if (environment.platform === 'win32') {
    // PSModulePath is set in every PowerShell session and absent from a plain cmd.exe.
    if (environment.env.PSModulePath && !environment.env.PROMPT) return 'powershell';
    return environment.env.PSModulePath ? 'powershell' : 'cmd';
  }
  if (shell.endsWith('/fish')) return 'fish';
  if (shell.endsWith('/zsh')) return 'zsh';
  if (shell.endsWith('/pwsh')) return 'powershell';
  return environment.platform === 'darwin' && shell === '' ? 'zsh' : 'bash';
}

/** Single-quotes for sh, bash and zsh: nothing inside is special but the quote itself. */
export function posixSingleQuote(value: string): string {
  return `'${value.replace(/'/g, `'\\''`)}'`;
}

export function fishSingleQuote(value: string): string {
  // Inside fish single quotes only \\ and \' are escapes.
  return `'${value.replace(/[\\']/g, (c) => `\\${c}`)}'`;
}

export function powershellSingleQuote(value: string): string {
  // PowerShell also treats the typographic single quotes as quote characters.
  return `'${value.replace(/['\u2018\u2019\u201a\u201b]/g, (c) => c + c)}'`;
}

function cmdDoubleQuote(value: string): string {
  if (/["%!]/.test(value) || /[\u0000-\u001f\u007f]/.test(value)) throw new UnquotableWordError('cmd');
  return `"${value}"`;
}

/** A word cmd.exe cannot pass through literally (no escape for `"`, `%`, `!` or a line break inside quotes). */
export class UnquotableWordError extends Error {
  constructor(readonly shell: ShellKind) {
    super(`the value cannot be written safely for ${shell}: it contains a quote, %, !, or a control character`);
    this.name = 'UnquotableWordError';
  }
}

const PLAIN_WORD = /^[A-Za-z0-9_.@%+=:,/-]+$/;

function isPlainWord(shell: ShellKind, value: string): boolean {
  if (!PLAIN_WORD.test(value)) return false;
  switch (shell) {
    case 'zsh':
      // zsh's EQUALS option turns a leading `=cmd` into the path of cmd.
      return !value.startsWith('=');
    case 'fish':
      // Older fish expands a leading `%` (`%self`).
      return !value.startsWith('%');
    case 'powershell':
      // `@name` splats a variable, `a,b` is an array, `--%` stops parsing.
      return !/[@,%]/.test(value);
    case 'cmd':
      // `%VAR%` expands; `,` and `=` separate arguments of built-ins like del.
      return !/[%,=]/.test(value);
    default:
      return true;
  }
}

/**
 * One argument of a command line the user pastes into `shell`: a plain word (profile names like
 * `dev-admin`, most paths) stays as it is, anything else is quoted so the shell hands it over
 * literally and expands nothing. Throws UnquotableWordError for cmd when no quoting is safe.
 */
export function quoteWord(shell: ShellKind, value: string): string {
  if (isPlainWord(shell, value)) return value;
  switch (shell) {
    case 'bash':
    case 'zsh':
      return posixSingleQuote(value);
    case 'fish':
      return fishSingleQuote(value);
    case 'powershell':
      return powershellSingleQuote(value);
    case 'cmd':
      return cmdDoubleQuote(value);
  }
}

/**
 * For fix texts built where the user's shell is unknown (RefreshError fixes shown by the CLI, the
 * daemon log and the tray alike): POSIX quoting, which bash and zsh read literally and fish too
 * (fish only folds a doubled backslash; it expands nothing), and PowerShell quoting on Windows,
 * whose default terminal is PowerShell.
 */
export function quoteWordForPlatform(platform: NodeJS.Platform, value: string): string {
  return quoteWord(platform === 'win32' ? 'powershell' : 'bash', value);
}

/**
 * A name inside the prose of a fix line: `"dev"` as before when it is a plain word, else quoted as
 * quoteWordForPlatform does, so even pasting the whole sentence into a shell expands nothing.
 */
export function quoteNameInProse(platform: NodeJS.Platform, value: string): string {
  return PLAIN_WORD.test(value) ? `"${value}"` : quoteWordForPlatform(platform, value);
}

export function platformTraits(environment: AwsEnvironment): PlatformTraits {
  const defaultShell = guessShell(environment);
  if (environment.platform === 'win32') {
    return {
      platform: 'win32',
      defaultShell,
      removeFileCommand: (file) =>
        defaultShell === 'cmd' ? `del /q ${cmdDoubleQuote(file)}` : `Remove-Item -LiteralPath ${powershellSingleQuote(file)}`,
      removeFolderCommand: (folder) =>
        defaultShell === 'cmd'
          ? `del /s /q ${cmdDoubleQuote(folder)}`
          : `Remove-Item -Recurse -LiteralPath ${powershellSingleQuote(folder)}`,
    };
  }
  return {
    platform: environment.platform,
    defaultShell,
    removeFileCommand: (file) => `rm ${quoteWord(defaultShell, file)}`,
    removeFolderCommand: (folder) => `rm -r ${quoteWord(defaultShell, folder)}`,
  };
}
