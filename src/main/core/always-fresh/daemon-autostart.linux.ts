// The daemon at login on Linux: a systemd user unit, enabled with `systemctl --user enable --now`.
import { posix as path } from 'node:path';
import type { AwsEnvironment } from '../model/aws-environment';
import { exists, programOnPath, UnwritableLaunchError, type DaemonAutostart, type DaemonLaunch } from './daemon-launch';
import { phrase } from '../../../shared/i18n';

export const SYSTEMD_UNIT_NAME = 'rolekeeper.service';
const FORMAT = phrase('engine.format.systemd');

function refuseControlCharacters(value: string): void {
  // eslint-disable-next-line no-control-regex
  if (/[\x00-\x1f\x7f]/.test(value)) throw new UnwritableLaunchError(FORMAT, value, phrase('engine.why.controlCharacter'));
}

/**
 * The executable of ExecStart=: systemd refuses quotes and backslashes in it and does not expand
 * `$` there, so only specifiers (`%`) are escaped, and the whole is quoted for spaces.
 */
export function systemdExecutable(value: string): string {
  refuseControlCharacters(value);
  if (/["'\\]/.test(value)) throw new UnwritableLaunchError(FORMAT, value, phrase('engine.why.systemdQuotes'));
  const escaped = value.replace(/%/g, '%%');
  return /\s/.test(value) ? `"${escaped}"` : escaped;
}

/** One argument of ExecStart=: C escapes in double quotes, `%` specifiers and `$` variables doubled. */
export function systemdArgument(value: string): string {
  refuseControlCharacters(value);
  const escaped = value.replace(/\\/g, '\\\\').replace(/"/g, '\\"').replace(/%/g, '%%').replace(/\$/g, '$$$$');
  return /^[A-Za-z0-9_@+=:,./-]+$/.test(value) ? escaped : `"${escaped}"`;
}

/** One Environment= assignment: quoted as a whole; systemd expands specifiers but not `$` there. */
export function systemdEnvironment(name: string, value: string): string {
  refuseControlCharacters(value);
  return `"${`${name}=${value}`.replace(/\\/g, '\\\\').replace(/"/g, '\\"').replace(/%/g, '%%')}"`;
}

function renderUnit(launch: DaemonLaunch): string {
  const [program, ...args] = launch.argv;
  if (!path.isAbsolute(program)) throw new UnwritableLaunchError(FORMAT, program, phrase('engine.why.execStartAbsolute'));
  const lines = [
    '# Written by `rolekeeper setup daemon`; `rolekeeper setup daemon --remove` stops and removes it.',
    '[Unit]',
    'Description=Rolekeeper: keeps AWS role credentials fresh and serves the loopback endpoint',
    '',
    '[Service]',
    'Type=simple',
    `ExecStart=${[systemdExecutable(program), ...args.map(systemdArgument)].join(' ')}`,
    ...launch.environment.map(([name, value]) => `Environment=${systemdEnvironment(name, value)}`),
    // Exit 0 is a daemon that stepped aside for the tray: not restarted.
    'Restart=on-failure',
    'RestartSec=10s',
    '',
    '[Install]',
    'WantedBy=default.target',
    '',
  ];
  return lines.join('\n');
}

function systemdUserDir(environment: AwsEnvironment): string {
  return path.join(environment.env.XDG_CONFIG_HOME || path.join(environment.homeDir, '.config'), 'systemd', 'user');
}

export const systemdUserUnit: DaemonAutostart = {
  platform: 'linux',
  mechanism: phrase('engine.autostart.systemd'),
  carriesEnvironment: true,
  file: (environment) => path.join(systemdUserDir(environment), SYSTEMD_UNIT_NAME),
  render: renderUnit,
  install: () => [
    { argv: ['systemctl', '--user', 'daemon-reload'] },
    { argv: ['systemctl', '--user', 'enable', '--now', SYSTEMD_UNIT_NAME] },
  ],
  uninstall: () => [
    { argv: ['systemctl', '--user', 'disable', '--now', SYSTEMD_UNIT_NAME], mayFail: true },
  ],
  unreachable(environment) {
    if (programOnPath('systemctl', environment) === null) return phrase('engine.autostart.notOnPath', { program: 'systemctl' });
    const runtimeDir = environment.env.XDG_RUNTIME_DIR;
    // systemctl --user talks to the manager through this socket; without it every call fails.
    if (!runtimeDir || !exists(path.join(runtimeDir, 'systemd', 'private'))) return phrase('engine.autostart.noUserManager');
    return null;
  },
};
