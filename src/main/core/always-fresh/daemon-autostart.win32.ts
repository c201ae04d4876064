// The daemon at login on Windows: a Task Scheduler task with a logon trigger for this user,
// registered with `schtasks /Create /XML`. Chosen over a Startup-folder shortcut because a task is
// restarted after a crash, has no 72-hour limit once ExecutionTimeLimit is PT0S, and is removed by
// name without touching files the user may have put in the Startup folder.
import { win32 as path } from 'node:path';
import { rolekeeperDataDir } from '../model/aws-environment';
import { quoteArgument } from '../aws-config/credential-process-command';
import { programOnPath, UnwritableLaunchError, xmlText, type DaemonAutostart, type DaemonLaunch } from './daemon-launch';
import { phrase } from '../../../shared/i18n';

export const SCHEDULED_TASK_NAME = 'Rolekeeper\\Daemon';
const FORMAT = phrase('engine.autostart.taskScheduler');

function text(value: string): string {
  // Task Scheduler expands %NAME% in Command and Arguments and has no escape for it.
  if (/%[^%]+%/.test(value)) throw new UnwritableLaunchError(FORMAT, value, phrase('engine.why.percentVariable'));
  return xmlText(value, FORMAT);
}

function renderTask(launch: DaemonLaunch, userId: string): string {
  const [program, ...args] = launch.argv;
  if (!path.isAbsolute(program)) throw new UnwritableLaunchError(FORMAT, program, phrase('engine.why.absolutePath'));
  const user = xmlText(userId, FORMAT);
  const lines = [
    '<?xml version="1.0" encoding="UTF-16"?>',
    '<Task version="1.2" xmlns="http://schemas.microsoft.com/windows/2004/02/mit/task">',
    '  <RegistrationInfo>',
    '    <Description>Rolekeeper: keeps AWS role credentials fresh and serves the loopback endpoint. Written by rolekeeper setup daemon; rolekeeper setup daemon --remove removes it.</Description>',
    '  </RegistrationInfo>',
    '  <Triggers>',
    '    <LogonTrigger>',
    '      <Enabled>true</Enabled>',
    `      <UserId>${user}</UserId>`,
    '    </LogonTrigger>',
    '  </Triggers>',
    '  <Principals>',
    '    <Principal id="Author">',
    `      <UserId>${user}</UserId>`,
    '      <LogonType>InteractiveToken</LogonType>',
    '      <RunLevel>LeastPrivilege</RunLevel>',
    '    </Principal>',
    '  </Principals>',
    '  <Settings>',
    '    <MultipleInstancesPolicy>IgnoreNew</MultipleInstancesPolicy>',
    '    <DisallowStartIfOnBatteries>false</DisallowStartIfOnBatteries>',
    '    <StopIfGoingOnBatteries>false</StopIfGoingOnBatteries>',
    '    <ExecutionTimeLimit>PT0S</ExecutionTimeLimit>',
    '    <RestartOnFailure>',
    '      <Interval>PT1M</Interval>',
    '      <Count>3</Count>',
    '    </RestartOnFailure>',
    '    <StartWhenAvailable>true</StartWhenAvailable>',
    '    <Enabled>true</Enabled>',
    '  </Settings>',
    '  <Actions Context="Author">',
    '    <Exec>',
    `      <Command>${text(program)}</Command>`,
    `      <Arguments>${text(args.map((arg) => quoteArgument(arg, 'win32')).join(' '))}</Arguments>`,
    '    </Exec>',
    '  </Actions>',
    '</Task>',
    '',
  ];
  return lines.join('\r\n');
}

export const scheduledTask: DaemonAutostart = {
  platform: 'win32',
  mechanism: FORMAT,
  // A task runs with the user's Windows environment, not this shell's.
  carriesEnvironment: false,
  file: (environment) => path.join(rolekeeperDataDir(environment), 'daemon-task.xml'),
  render: (launch, environment) => {
    const user = environment.env.USERNAME ?? '';
    if (user === '') throw new UnwritableLaunchError(FORMAT, user, phrase('engine.why.noUserName'));
    return renderTask(launch, environment.env.USERDOMAIN ? `${environment.env.USERDOMAIN}\\${user}` : user);
  },
  // schtasks /XML reads UTF-16 (a UTF-8 file is "malformed" to it).
  encode: (content) => Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(content, 'utf16le')]),
  install: (file) => [
    { argv: ['schtasks', '/Create', '/TN', SCHEDULED_TASK_NAME, '/XML', file, '/F'] },
    { argv: ['schtasks', '/Run', '/TN', SCHEDULED_TASK_NAME] },
  ],
  uninstall: () => [
    { argv: ['schtasks', '/End', '/TN', SCHEDULED_TASK_NAME], mayFail: true },
    { argv: ['schtasks', '/Delete', '/TN', SCHEDULED_TASK_NAME, '/F'], mayFail: true },
  ],
  unreachable: (environment) => (programOnPath('schtasks', environment) === null ? phrase('engine.autostart.notOnPath', { program: 'schtasks' }) : null),
};
