// What Rolekeeper can write into an AWS config or credentials file and read back as the same
// thing: checked before a name or value is stored (profiles.json) and written on every refresh.
// Each problem is a message key, so the CLI says it in the user's language.
import type { MessageKey } from '../../../shared/i18n';

// Any control character (newline and CR included): one would end the line, or hide in a terminal.
const CONTROL = /[\u0000-\u001f\u007f-\u009f]/;
const REGION = /^[A-Za-z0-9-]+$/;

/** Why NAME cannot be a section header Rolekeeper writes and botocore reads back as NAME; null when it can. */
export function profileNameProblem(name: string): MessageKey | null {
  if (name === '') return 'writable.nameEmpty';
  if (CONTROL.test(name)) return 'writable.nameControl';
  if (/[[\]]/.test(name)) return 'writable.nameBrackets';
  if (name !== name.trim()) return 'writable.nameSpace';
  if (/^[#;]/.test(name)) return 'writable.nameComment';
  return null;
}

/** Why VALUE cannot be written as one `key = value` line; null when it can. */
export function settingValueProblem(value: string): MessageKey | null {
  if (CONTROL.test(value)) return 'writable.valueControl';
  if (value !== value.trim()) return 'writable.valueSpace';
  return null;
}

/** Why REGION is not a region name (letters, digits and dashes, as in eu-west-1); null when it is. */
export function regionProblem(region: string): MessageKey | null {
  return REGION.test(region) ? null : 'writable.region';
}
