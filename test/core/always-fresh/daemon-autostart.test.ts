// The daemon-at-login files, by their exact text: systemd's quoting (specifiers, `$`, C escapes),
// launchd's and Task Scheduler's XML escaping, and values each format cannot carry.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { daemonAutostartFor, daemonLaunch, DAEMON_AUTOSTARTS, UnwritableLaunchError } from '../../../src/main/core/always-fresh/daemon-autostart';
import { systemdArgument, systemdEnvironment, systemdExecutable } from '../../../src/main/core/always-fresh/daemon-autostart.linux';
import type { AwsEnvironment } from '../../../src/main/core/model/aws-environment';

const linux: AwsEnvironment = { env: { HOME: '/home/ann' }, platform: 'linux', homeDir: '/home/ann' };
const darwin: AwsEnvironment = { env: { HOME: '/Users/ann' }, platform: 'darwin', homeDir: '/Users/ann' };
const win32: AwsEnvironment = { env: { USERNAME: 'ann', USERDOMAIN: 'CORP', APPDATA: 'C:\\Users\\ann\\AppData\\Roaming' }, platform: 'win32', homeDir: 'C:\\Users\\ann' };

test('one login manager per platform, each named by its platform', () => {
  assert.deepEqual(DAEMON_AUTOSTARTS.map((autostart) => autostart.platform), ['linux', 'darwin', 'win32']);
  assert.equal(daemonAutostartFor('freebsd'), null);
});

test('the launch runs COMMAND daemon with PATH and only the file-choosing variables that are set', () => {
  const launch = daemonLaunch(['/usr/bin/rolekeeper'], { PATH: '/usr/bin', AWS_CONFIG_FILE: '/c', AWS_PROFILE: 'dev', XDG_CONFIG_HOME: '' });
  assert.deepEqual(launch, { argv: ['/usr/bin/rolekeeper', 'daemon'], environment: [['PATH', '/usr/bin'], ['AWS_CONFIG_FILE', '/c']] });
});

test('systemd: % doubled everywhere, $ doubled in arguments only, quotes and backslashes C-escaped in arguments', () => {
  assert.equal(systemdExecutable('/opt/my apps/50%/node'), '"/opt/my apps/50%%/node"');
  assert.equal(systemdExecutable('/opt/$HOME/node'), '/opt/$HOME/node');
  assert.equal(systemdArgument('daemon'), 'daemon');
  assert.equal(systemdArgument(`/a b/it's "x"\\y%$Z.js`), `"/a b/it's \\"x\\"\\\\y%%$$Z.js"`);
  assert.equal(systemdEnvironment('XDG_CONFIG_HOME', '/h/a "b"\\%$c'), '"XDG_CONFIG_HOME=/h/a \\"b\\"\\\\%%$c"');
  assert.throws(() => systemdExecutable('/opt/it\'s/node'), UnwritableLaunchError);
  assert.throws(() => systemdArgument('/a\nb'), UnwritableLaunchError);
});

test('the systemd user unit, exactly', () => {
  const unit = daemonAutostartFor('linux')!;
  assert.equal(unit.file(linux), '/home/ann/.config/systemd/user/rolekeeper.service');
  assert.equal(unit.file({ ...linux, env: { XDG_CONFIG_HOME: '/x' } }), '/x/systemd/user/rolekeeper.service');
  const text = unit.render({ argv: ['/opt/node 20/node', '/srv/rk%1/bin/rolekeeper.js', 'daemon'], environment: [['PATH', '/usr/bin:/bin'], ['AWS_CONFIG_FILE', '/home/ann/my aws/config']] }, linux);
  assert.equal(
    text,
    [
      '# Written by `rolekeeper setup daemon`; `rolekeeper setup daemon --remove` stops and removes it.',
      '[Unit]',
      'Description=Rolekeeper: keeps AWS role credentials fresh and serves the loopback endpoint',
      '',
      '[Service]',
      'Type=simple',
      'ExecStart="/opt/node 20/node" "/srv/rk%%1/bin/rolekeeper.js" daemon',
      'Environment="PATH=/usr/bin:/bin"',
      'Environment="AWS_CONFIG_FILE=/home/ann/my aws/config"',
      'Restart=on-failure',
      'RestartSec=10s',
      '',
      '[Install]',
      'WantedBy=default.target',
      '',
    ].join('\n'),
  );
  assert.throws(() => unit.render({ argv: ['node', 'daemon'], environment: [] }, linux), /absolute path/);
});

test('systemd-analyze verify accepts the unit for a program and a script in folders with spaces, quotes, % and $', () => {
  const dir = mkdtempSync(join(tmpdir(), 'rolekeeper-unit-'));
  try {
    // systemd refuses quotes in the program path itself (tested above), so the program's folder has the rest.
    const programDir = join(dir, 'node 20 %d $HOME');
    const scriptDir = join(dir, `it's "rk" %h $USER\\x`);
    mkdirSync(programDir);
    mkdirSync(scriptDir);
    symlinkSync(process.execPath, join(programDir, 'node'));
    writeFileSync(join(scriptDir, 'rolekeeper.js'), '');
    const launch = daemonLaunch([join(programDir, 'node'), join(scriptDir, 'rolekeeper.js')], { PATH: '/usr/bin:/bin', XDG_CONFIG_HOME: join(dir, '50% "conf"') });
    const file = join(dir, 'rolekeeper.service');
    writeFileSync(file, daemonAutostartFor('linux')!.render(launch, linux));
    const verified = spawnSync('systemd-analyze', ['verify', file], { encoding: 'utf8' });
    assert.equal(verified.error, undefined, 'systemd-analyze runs (scripts/setup.sh installs Debian\'s systemd)');
    assert.equal(verified.status, 0, verified.stderr);
    assert.equal(verified.stderr, '');
    // A program that is not there is refused: the verification is real.
    writeFileSync(file, daemonAutostartFor('linux')!.render({ ...launch, argv: [join(programDir, 'gone'), 'daemon'] }, linux));
    const refused = spawnSync('systemd-analyze', ['verify', file], { encoding: 'utf8' });
    assert.notEqual(refused.status, 0);
    assert.match(refused.stderr, /node 20 %d \$HOME\/gone/);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('the launchd agent, exactly, with XML escaping', () => {
  const agent = daemonAutostartFor('darwin')!;
  assert.equal(agent.file(darwin), '/Users/ann/Library/LaunchAgents/dev.rolekeeper.daemon.plist');
  const text = agent.render({ argv: ['/Users/ann/a&b <c>/rolekeeper', 'daemon'], environment: [['PATH', '/usr/bin'], ['AWS_CONFIG_FILE', `/Users/ann/"q" 'x'`]] }, darwin);
  assert.equal(
    text,
    [
      '<?xml version="1.0" encoding="UTF-8"?>',
      '<!DOCTYPE plist PUBLIC "-//Apple//DTD PLIST 1.0//EN" "http://www.apple.com/DTDs/PropertyList-1.0.dtd">',
      '<!-- Written by `rolekeeper setup daemon`; `rolekeeper setup daemon --remove` stops and removes it. -->',
      '<plist version="1.0">',
      '<dict>',
      '  <key>Label</key>',
      '  <string>dev.rolekeeper.daemon</string>',
      '  <key>ProgramArguments</key>',
      '  <array>',
      '    <string>/Users/ann/a&amp;b &lt;c&gt;/rolekeeper</string>',
      '    <string>daemon</string>',
      '  </array>',
      '  <key>EnvironmentVariables</key>',
      '  <dict>',
      '    <key>PATH</key>',
      '    <string>/usr/bin</string>',
      '    <key>AWS_CONFIG_FILE</key>',
      '    <string>/Users/ann/&quot;q&quot; &apos;x&apos;</string>',
      '  </dict>',
      '  <key>RunAtLoad</key>',
      '  <true/>',
      '  <key>KeepAlive</key>',
      '  <dict>',
      '    <key>SuccessfulExit</key>',
      '    <false/>',
      '  </dict>',
      '  <key>ProcessType</key>',
      '  <string>Background</string>',
      '  <key>StandardErrorPath</key>',
      '  <string>/Users/ann/Library/Logs/Rolekeeper/daemon.log</string>',
      '</dict>',
      '</plist>',
      '',
    ].join('\n'),
  );
  assert.throws(() => agent.render({ argv: ['/a\x01b', 'daemon'], environment: [] }, darwin), UnwritableLaunchError);
});

test('the Task Scheduler task: this user, C-runtime quoting inside XML, UTF-16 with a BOM, %VAR% refused', () => {
  const task = daemonAutostartFor('win32')!;
  assert.equal(task.file(win32), 'C:\\Users\\ann\\AppData\\Roaming\\Rolekeeper\\daemon-task.xml');
  const text = task.render({ argv: ['C:\\Program Files\\nodejs\\node.exe', 'C:\\Users\\ann\\R&D "rk"\\bin\\rolekeeper.js', 'daemon'], environment: [['PATH', 'C:\\x']] }, win32);
  const lines = text.split('\r\n');
  assert.equal(lines[0], '<?xml version="1.0" encoding="UTF-16"?>');
  assert.deepEqual(lines.filter((line) => line.includes('<UserId>')), ['      <UserId>CORP\\ann</UserId>', '      <UserId>CORP\\ann</UserId>']);
  assert.ok(lines.includes('      <Command>C:\\Program Files\\nodejs\\node.exe</Command>'), text);
  assert.ok(lines.includes('      <Arguments>&quot;C:\\Users\\ann\\R&amp;D \\&quot;rk\\&quot;\\bin\\rolekeeper.js&quot; daemon</Arguments>'), text);
  assert.ok(lines.includes('    <ExecutionTimeLimit>PT0S</ExecutionTimeLimit>'), text);
  const bytes = Buffer.from(task.encode!(text));
  assert.deepEqual([...bytes.subarray(0, 2)], [0xff, 0xfe]);
  assert.equal(bytes.subarray(2).toString('utf16le'), text);
  assert.throws(() => task.render({ argv: ['C:\\%USERNAME%\\node.exe', 'daemon'], environment: [] }, win32), /expand/);
  assert.throws(() => task.render({ argv: ['node.exe', 'daemon'], environment: [] }, win32), /absolute path/);
  assert.equal(task.carriesEnvironment, false);
});
