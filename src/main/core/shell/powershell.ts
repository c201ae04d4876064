// PowerShell (Windows PowerShell 5.1 and pwsh): single-quoted strings expand nothing; a quote
// inside is doubled.
import { TERMINAL_CONTROL, refuseNul, PLAIN_WORD, UnquotableWordError, type Shell } from './shell';

function powershellQuote(value: string): string {
  refuseNul('powershell', value);
  // 5.1 has no escape for ESC and friends in a string form that expands nothing.
  if (TERMINAL_CONTROL.test(value)) throw new UnquotableWordError('powershell', 'a control character');
  // PowerShell also treats the typographic single quotes as quote characters.
  return `'${value.replace(/['\u2018\u2019\u201a\u201b]/g, (character) => character + character)}'`;
}

export const powershell: Shell = {
  kind: 'powershell',
  programNames: ['pwsh'],
  // `@name` splats a variable, `a,b` is an array, `--%` stops parsing.
  quote: (value) => (PLAIN_WORD.test(value) && !/[@,%]/.test(value) ? value : powershellQuote(value)),
  // The right side of `=` is an expression, where a bare word would run as a command: always quoted.
  setVariable: (name, value) => `$Env:${name} = ${powershellQuote(value)}`,
  unsetVariable: (name) => `Remove-Item -Path Env:${name} -ErrorAction SilentlyContinue`,
  removeFile: (file) => `Remove-Item -LiteralPath ${powershellQuote(file)}`,
};
