// cmd.exe: inside double quotes `& | < > ^` are literal, but nothing escapes `"`, `%` or `!`
// (delayed expansion) and no line break fits, so such values are refused, never guessed at.
import { PLAIN_WORD, refuseNul, UnquotableWordError, type Shell } from './shell';

/**
 * `$`, the backtick and the typographic double quotes are literal in cmd, but refused too: a line
 * written for cmd then stays inert when pasted into PowerShell, whose double-quoted strings
 * expand `$( )`, and the shell guess cannot always tell the two apart.
 */
const NOT_IN_DOUBLE_QUOTES = /["%!$`\u201c\u201d\u201e\u0000-\u001f\u007f-\u009f]/;

function literalText(value: string): string {
  refuseNul('cmd', value);
  if (NOT_IN_DOUBLE_QUOTES.test(value)) {
    throw new UnquotableWordError('cmd', 'a double quote, %, !, $, a backtick or a control character');
  }
  return value;
}

export const cmd: Shell = {
  kind: 'cmd',
  programNames: [],
  // `%VAR%` expands; `,` and `=` separate arguments of built-ins like del; `@` and `,` for PowerShell's sake (see above).
  quote: (value) => (PLAIN_WORD.test(value) && !/[%,=@]/.test(value) ? value : `"${literalText(value)}"`),
  setVariable: (name, value) => `set "${name}=${literalText(value)}"`,
  unsetVariable: (name) => `set "${name}="`,
  removeFile: (file) => `del /q ${cmd.quote(file)}`,
};
