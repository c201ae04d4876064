// sh and bash: inside single quotes nothing is special but the quote itself.
import { TERMINAL_CONTROL, hexCode, PLAIN_WORD, quoteInPieces, refuseNul, type Shell } from './shell';
import type { ShellKind } from '../../../shared/ipc-contract';

/**
 * `$'\xHH'` for a control character: bash's ANSI-C quoting, which zsh shares. A C1 control is
 * written as its two UTF-8 bytes, since bash 3.2 (macOS) has no `\u`.
 */
export function ansiC(character: string): string {
  const code = character.charCodeAt(0);
  return code < 0x80 ? `$'\\x${hexCode(character)}'` : `$'\\xc2\\x${code.toString(16)}'`;
}

/** POSIX single quoting with `'` written as `\'` between the pieces and control characters as `$'\xHH'`. */
export function posixQuote(shell: ShellKind, value: string): string {
  refuseNul(shell, value);
  return quoteInPieces(
    value,
    (text) => `'${text}'`,
    (character) => (character === "'" ? "\\'" : TERMINAL_CONTROL.test(character) ? ansiC(character) : null),
  );
}

export const bash: Shell = {
  kind: 'bash',
  programNames: ['bash', 'sh', 'dash', 'ksh'],
  quote: (value) => (PLAIN_WORD.test(value) ? value : posixQuote('bash', value)),
  setVariable: (name, value) => `export ${name}=${posixQuote('bash', value)}`,
  unsetVariable: (name) => `unset ${name}`,
  removeFile: (file) => `rm ${file.startsWith('-') ? '-- ' : ''}${bash.quote(file)}`,
};
