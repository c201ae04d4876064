// The exact fix lines doctor prints, for the user's platform and guessed shell.
import type { AwsEnvironment } from '../aws-config/aws-environment';
import { assignment, removal, renderCredentialUnset } from '../credentials/env-export';
import { platformTraits, type ShellKind } from '../aws-config/platform-traits';

export interface FixWriter {
  shell: ShellKind;
  /** Clears every credential variable (AWS_ACCESS_KEY_ID … AWS_CREDENTIAL_EXPIRATION). */
  unsetCredentials(): string;
  /** Clears the named variables (e.g. AWS_PROFILE), one line each. */
  unset(names: readonly string[]): string;
  /** Sets a variable whose value is a plain name (a profile name), never a secret. */
  set(name: string, value: string): string;
  removeFile(file: string): string;
}

export function fixWriter(environment: AwsEnvironment): FixWriter {
  const traits = platformTraits(environment);
  const shell = traits.defaultShell;
  return {
    shell,
    unsetCredentials: () => renderCredentialUnset(shell).trimEnd(),
    unset: (names) => names.map((name) => removal(shell, name)).join('\n'),
    set: (name, value) => assignment(shell, name, value),
    removeFile: (file) => traits.removeFileCommand(file),
  };
}
