// What Rolekeeper can write into an AWS config or credentials file and read back as the same
// thing: checked before a name or value is stored (profiles.json) and written on every refresh.

// Any control character (newline and CR included): one would end the line, or hide in a terminal.
const CONTROL = /[\u0000-\u001f\u007f-\u009f]/;
const REGION = /^[A-Za-z0-9-]+$/;

/** Why NAME cannot be a section header Rolekeeper writes and botocore reads back as NAME; null when it can. */
export function profileNameProblem(name: string): string | null {
  if (name === '') return 'a profile name cannot be empty';
  if (CONTROL.test(name)) return 'a profile name cannot hold a line break or other control character';
  if (/[[\]]/.test(name)) return 'a profile name cannot hold [ or ]';
  if (name !== name.trim()) return 'a profile name cannot start or end with a space';
  if (/^[#;]/.test(name)) return 'a profile name cannot start with # or ; (the AWS CLI reads that as a comment)';
  return null;
}

/** Why VALUE cannot be written as one `key = value` line; null when it can. */
export function settingValueProblem(value: string): string | null {
  if (CONTROL.test(value)) return 'it holds a line break or other control character';
  if (value !== value.trim()) return 'it starts or ends with a space';
  return null;
}

/** Why REGION is not a region name (letters, digits and dashes, as in eu-west-1); null when it is. */
export function regionProblem(region: string): string | null {
  return REGION.test(region) ? null : 'a region is letters, digits and dashes, as in eu-west-1';
}
