// fish: unlike POSIX shells, `\'` and `\\` are escapes inside its single quotes, so a backslash
// must be doubled there, or `a\'; cmd` would end the quotes early and run cmd.
import { TERMINAL_CONTROL, hexCode, PLAIN_WORD, quoteInPieces, refuseNul, type Shell } from './shell';

function fishQuote(value: string): string {
  refuseNul('fish', value);
  return quoteInPieces(
    value,
    (text) => `'${text.replace(/[\\']/g, (character) => `\\${character}`)}'`,
    // Outside quotes fish reads \uHHHH as that character.
    (character) => (TERMINAL_CONTROL.test(character) ? `\\u00${hexCode(character)}` : null),
  );
}

export const fish: Shell = {
  kind: 'fish',
  programNames: ['fish'],
  // Older fish expands a leading `%` (`%self`).
  quote: (value) => (PLAIN_WORD.test(value) && !value.startsWith('%') ? value : fishQuote(value)),
  setVariable: (name, value) => `set -gx ${name} ${fishQuote(value)}`,
  unsetVariable: (name) => `set -e ${name}`,
  removeFile: (file) => `rm ${file.startsWith('-') ? '-- ' : ''}${fish.quote(file)}`,
};
