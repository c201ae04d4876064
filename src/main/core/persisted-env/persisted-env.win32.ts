// Windows' persistent environment, where `setx NAME value` writes (HKCU\Environment) and the
// machine-wide one (HKLM): every new window starts with what is there. Read with `reg query`.
import type { PersistedOrigin } from '../../../shared/repair-steps';
import { WINDOWS_MACHINE_ENVIRONMENT_KEY, WINDOWS_USER_ENVIRONMENT_KEY } from '../repair/repair-commands';

/** Runs a program without a shell and returns its stdout, or null when it fails. */
export type CommandRunner = (program: string, args: readonly string[]) => string | null;

/** The value names `reg query KEY` lists (`    NAME    REG_SZ    value`); values are not kept. */
export function regQueryNames(output: string): string[] {
  const names: string[] = [];
  for (const line of output.split(/\r?\n/)) {
    const match = /^ {4}(\S.*?) {4}REG_[A-Z_]+(?: {4}.*)?$/.exec(line);
    if (match) names.push(match[1]);
  }
  return names;
}

export function findWindowsPersisted(run: CommandRunner, variables: readonly string[]): PersistedOrigin[] {
  const wanted = new Map(variables.map((name) => [name.toUpperCase(), name]));
  const found: PersistedOrigin[] = [];
  const places = [
    { kind: 'windows-user', key: WINDOWS_USER_ENVIRONMENT_KEY },
    { kind: 'windows-machine', key: WINDOWS_MACHINE_ENVIRONMENT_KEY },
  ] as const;
  for (const place of places) {
    const output = run('reg', ['query', place.key]);
    if (output === null) continue;
    // Windows' variable names are case-insensitive.
    for (const name of regQueryNames(output)) {
      const variable = wanted.get(name.toUpperCase());
      if (variable) found.push({ kind: place.kind, variable });
    }
  }
  return found;
}
