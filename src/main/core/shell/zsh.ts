// zsh: quoted like bash, but its EQUALS option turns a leading `=cmd` into the path of cmd.
import { posixQuote } from './bash';
import { PLAIN_WORD, type Shell } from './shell';

export const zsh: Shell = {
  kind: 'zsh',
  programNames: ['zsh'],
  quote: (value) => (PLAIN_WORD.test(value) && !value.startsWith('=') ? value : posixQuote('zsh', value)),
  setVariable: (name, value) => `export ${name}=${posixQuote('zsh', value)}`,
  unsetVariable: (name) => `unset ${name}`,
  removeFile: (file) => `rm ${file.startsWith('-') ? '-- ' : ''}${zsh.quote(file)}`,
};
