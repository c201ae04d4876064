// macOS's launchd user environment (`launchctl setenv`): every app started after it sees the value.
import type { PersistedOrigin } from '../../../shared/repair-steps';
import type { CommandRunner } from './persisted-env.win32';

export function findLaunchctlPersisted(run: CommandRunner, variables: readonly string[]): PersistedOrigin[] {
  return variables.filter((variable) => (run('launchctl', ['getenv', variable]) ?? '').trim() !== '').map((variable) => ({ kind: 'launchctl', variable }));
}
