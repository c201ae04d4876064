// `rolekeeper setup daemon`: how each platform's login manager starts the headless daemon. One
// file per platform holds the text it writes (a systemd user unit, a launchd agent, a Task
// Scheduler task) and the commands that register it; this list names them all.
import type { EnvVars } from '../model/aws-environment';
import { launchdAgent } from './daemon-autostart.darwin';
import { systemdUserUnit } from './daemon-autostart.linux';
import { scheduledTask } from './daemon-autostart.win32';
import type { DaemonAutostart, DaemonLaunch } from './daemon-launch';

export type { AutostartStep, DaemonAutostart, DaemonLaunch } from './daemon-launch';
export { UnwritableLaunchError } from './daemon-launch';

export const DAEMON_AUTOSTARTS: readonly DaemonAutostart[] = [systemdUserUnit, launchdAgent, scheduledTask];

/** The login manager of the platform; null where Rolekeeper knows none. */
export function daemonAutostartFor(platform: NodeJS.Platform): DaemonAutostart | null {
  return DAEMON_AUTOSTARTS.find((autostart) => autostart.platform === platform) ?? null;
}

/**
 * The variables that choose which files Rolekeeper reads. A login manager starts the daemon
 * without the shell's environment: set here, they would be lost and the daemon would keep another
 * set of profiles than the CLI that set it up.
 */
export const FILE_CHOOSING_VARIABLES = ['AWS_CONFIG_FILE', 'AWS_SHARED_CREDENTIALS_FILE', 'XDG_CONFIG_HOME', 'ROLEKEEPER_DATA_DIR'] as const;

/**
 * The daemon's launch: `COMMAND daemon` with the file-choosing variables that are set, and PATH
 * (a login manager's is minimal: `#!/usr/bin/env node` and source profiles' credential_process
 * programs would not be found).
 */
export function daemonLaunch(commandArgv: string[], env: EnvVars): DaemonLaunch {
  const environment: Array<[string, string]> = [];
  const path = env.PATH ?? env.Path;
  if (path) environment.push(['PATH', path]);
  for (const name of FILE_CHOOSING_VARIABLES) {
    const value = env[name];
    if (value) environment.push([name, value]);
  }
  return { argv: [...commandArgv, 'daemon'], environment };
}

