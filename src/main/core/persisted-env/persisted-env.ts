// Where credential variables are persisted for new shells and sessions, on every platform: the
// startup files everywhere, plus Windows' registry environment and macOS's launchd environment.
import { execFileSync } from 'node:child_process';
import type { AwsEnvironment } from '../model/aws-environment';
import type { PersistedOrigin } from '../../../shared/repair-steps';
import { CREDENTIAL_VARIABLES } from '../credentials/env-export';
import { findStartupFileAssignments } from './startup-files';
import { findWindowsPersisted, type CommandRunner } from './persisted-env.win32';
import { findLaunchctlPersisted } from './persisted-env.darwin';

export type { CommandRunner };

/** The credential variables whose persisted assignments go stale: the ones `export --unset` clears. */
export const PERSISTED_CREDENTIAL_VARIABLES = CREDENTIAL_VARIABLES;

export const systemCommandRunner: CommandRunner = (program, args) => {
  try {
    return execFileSync(program, [...args], { encoding: 'utf8', timeout: 3000, stdio: ['ignore', 'pipe', 'ignore'], windowsHide: true });
  } catch {
    return null;
  }
};

export function findPersistedCredentials(
  environment: AwsEnvironment,
  options: { run?: CommandRunner; variables?: readonly string[] } = {},
): PersistedOrigin[] {
  const variables = options.variables ?? PERSISTED_CREDENTIAL_VARIABLES;
  const run = options.run ?? systemCommandRunner;
  const found = findStartupFileAssignments(environment, variables);
  if (environment.platform === 'win32') found.push(...findWindowsPersisted(run, variables));
  if (environment.platform === 'darwin') found.push(...findLaunchctlPersisted(run, variables));
  return found;
}
