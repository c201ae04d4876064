// The daemon at login on macOS: a launchd agent in ~/Library/LaunchAgents, loaded with launchctl.
import { posix as path } from 'node:path';
import type { AwsEnvironment } from '../model/aws-environment';
import { programOnPath, xmlText, type DaemonAutostart, type DaemonLaunch } from './daemon-launch';
import { phrase } from '../../../shared/i18n';

const AGENT = phrase('engine.autostart.launchd');

export const LAUNCHD_LABEL = 'dev.rolekeeper.daemon';

function string(value: string): string {
  return `<string>${xmlText(value, AGENT)}</string>`;
}

export function daemonLogFile(homeDir: string): string {
  return path.join(homeDir, 'Library', 'Logs', 'Rolekeeper', 'daemon.log');
}

function renderPlist(launch: DaemonLaunch, logFile: string): string {
  const lines = [
    '<?xml version="1.0" encoding="UTF-8"?>',
    '<!DOCTYPE plist PUBLIC "-//Apple//DTD PLIST 1.0//EN" "http://www.apple.com/DTDs/PropertyList-1.0.dtd">',
    '<!-- Written by `rolekeeper setup daemon`; `rolekeeper setup daemon --remove` stops and removes it. -->',
    '<plist version="1.0">',
    '<dict>',
    `  <key>Label</key>`,
    `  ${string(LAUNCHD_LABEL)}`,
    '  <key>ProgramArguments</key>',
    '  <array>',
    ...launch.argv.map((arg) => `    ${string(arg)}`),
    '  </array>',
    '  <key>EnvironmentVariables</key>',
    '  <dict>',
    ...launch.environment.flatMap(([name, value]) => [`    <key>${xmlText(name, AGENT)}</key>`, `    ${string(value)}`]),
    '  </dict>',
    '  <key>RunAtLoad</key>',
    '  <true/>',
    // Restarted after a crash, not after exit 0 (a daemon that stepped aside for the tray).
    '  <key>KeepAlive</key>',
    '  <dict>',
    '    <key>SuccessfulExit</key>',
    '    <false/>',
    '  </dict>',
    '  <key>ProcessType</key>',
    '  <string>Background</string>',
    '  <key>StandardErrorPath</key>',
    `  ${string(logFile)}`,
    '</dict>',
    '</plist>',
    '',
  ];
  return lines.join('\n');
}

function guiDomain(): string {
  return `gui/${typeof process.getuid === 'function' ? process.getuid() : 0}`;
}

export const launchdAgent: DaemonAutostart = {
  platform: 'darwin',
  mechanism: AGENT,
  carriesEnvironment: true,
  file: (environment: AwsEnvironment) => path.join(environment.homeDir, 'Library', 'LaunchAgents', `${LAUNCHD_LABEL}.plist`),
  render: (launch, environment) => renderPlist(launch, daemonLogFile(environment.homeDir)),
  foldersToCreate: (environment) => [path.dirname(daemonLogFile(environment.homeDir))],
  install: (file) => [
    // bootstrap fails when the label is loaded already: an older agent is unloaded first.
    { argv: ['launchctl', 'bootout', `${guiDomain()}/${LAUNCHD_LABEL}`], mayFail: true },
    { argv: ['launchctl', 'bootstrap', guiDomain(), file] },
  ],
  uninstall: () => [{ argv: ['launchctl', 'bootout', `${guiDomain()}/${LAUNCHD_LABEL}`], mayFail: true }],
  unreachable: (environment) => (programOnPath('launchctl', environment) === null ? phrase('engine.autostart.notOnPath', { program: 'launchctl' }) : null),
};
