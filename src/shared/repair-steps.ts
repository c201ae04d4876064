// A finding's repair as data: typed steps the engine applies (`rolekeeper fix`, the tray's Fix
// buttons) or a face prints as shell lines (`doctor`, `doctor --json`). Names, paths and variable
// names only: a step never holds a secret.

/** Where a credential variable is set for every new shell or session (what `setx` or `export` in ~/.bashrc did). */
export type PersistedOrigin =
  /** A line of a shell startup file, environment.d file or fish's universal variables; 1-based. */
  | { kind: 'file'; variable: string; file: string; line: number }
  /** Windows' persistent environment: HKCU\Environment (user, what `setx` writes) or the machine's. */
  | { kind: 'windows-user' | 'windows-machine'; variable: string }
  /** macOS's launchd user environment (`launchctl setenv`). */
  | { kind: 'launchctl'; variable: string };

export type RepairStep =
  /** Delete one AWS CLI cache entry (or SSO cache file) that STS rejects or that is broken or expired. */
  | { kind: 'remove-cache-entry'; file: string }
  /** Delete a file only Rolekeeper left behind (an interrupted write's temp copy). */
  | { kind: 'remove-file'; file: string }
  /** Renew the profile's credentials through the service and publish them where the AWS CLI reads them. */
  | { kind: 'refresh-profile'; profile: string }
  /** Clear these variables in the shell that runs the fix (eval'd lines). */
  | { kind: 'unset-variables'; names: string[] }
  /** Set a variable holding a plain name (AWS_PROFILE), never a secret, in that shell. */
  | { kind: 'set-variable'; name: string; value: string }
  /** Remove the assignment where it is persisted, so new shells do not bring it back. */
  | { kind: 'remove-persisted-variable'; origin: PersistedOrigin }
  /** A command only the person can run (a browser sign-in, a role ARN only they know, the clock). */
  | { kind: 'run-command'; argv: string[] };

export type RepairStepKind = RepairStep['kind'];

/** Steps `rolekeeper fix` and the tray carry out themselves; the rest change the shell or need the person. */
export const AUTOMATIC_STEP_KINDS: ReadonlySet<RepairStepKind> = new Set([
  'remove-cache-entry',
  'remove-file',
  'refresh-profile',
  'remove-persisted-variable',
]);

/** Steps that change the environment of the shell the fix runs in. */
export const SHELL_STEP_KINDS: ReadonlySet<RepairStepKind> = new Set(['unset-variables', 'set-variable']);

export function isAutomatic(step: RepairStep): boolean {
  return AUTOMATIC_STEP_KINDS.has(step.kind);
}

/** Two steps doing the same thing (the same cache entry, refresh, variable, line). */
export function stepKey(step: RepairStep): string {
  switch (step.kind) {
    case 'remove-cache-entry':
    case 'remove-file':
      return `${step.kind}:${step.file}`;
    case 'refresh-profile':
      return `refresh:${step.profile}`;
    case 'unset-variables':
      return `unset:${[...step.names].sort().join(',')}`;
    case 'set-variable':
      return `set:${step.name}=${step.value}`;
    case 'remove-persisted-variable': {
      const origin = step.origin;
      return origin.kind === 'file' ? `persisted:${origin.file}:${origin.line}` : `persisted:${origin.kind}:${origin.variable}`;
    }
    case 'run-command':
      return `run:${JSON.stringify(step.argv)}`;
  }
}
