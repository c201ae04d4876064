// Where credential variables are persisted: startup files line by line (only whole-line
// assignments of the credential variables), fish's universal variables, environment.d, Windows'
// registry environment (recorded `reg query` output) and launchd.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { withTempHome } from '../../helpers/temp-home';
import { findPersistedCredentials } from '../../../src/main/core/persisted-env/persisted-env';
import { assignmentsIn, removeAssignmentLines } from '../../../src/main/core/persisted-env/startup-files';
import { findWindowsPersisted, regQueryNames } from '../../../src/main/core/persisted-env/persisted-env.win32';
import { findLaunchctlPersisted } from '../../../src/main/core/persisted-env/persisted-env.darwin';

const VARIABLES = ['AWS_ACCESS_KEY_ID', 'AWS_SECRET_ACCESS_KEY', 'AWS_SESSION_TOKEN', 'AWS_SECURITY_TOKEN'];

// `reg query HKCU\Environment` on Windows 11 after `setx AWS_ACCESS_KEY_ID …` and `setx AWS_SESSION_TOKEN …`, as cmd prints it (CRLF).
const REG_QUERY_USER = [
  '',
  'HKEY_CURRENT_USER\\Environment',
  '    OneDrive    REG_EXPAND_SZ    C:\\Users\\alex\\OneDrive',
  '    Path    REG_EXPAND_SZ    %USERPROFILE%\\AppData\\Local\\Microsoft\\WindowsApps;',
  '    TEMP    REG_EXPAND_SZ    %USERPROFILE%\\AppData\\Local\\Temp',
  '    AWS_ACCESS_KEY_ID    REG_SZ    ASIAQWERTYUIOPASDFGH',
  '    aws_session_token    REG_SZ    FwoGZXIvYXdzEJr//////////wEaDDq',
  '    AWS_NOTHING    REG_SZ    ',
  '',
].join('\r\n');
const REG_QUERY_MACHINE = [
  '',
  'HKEY_LOCAL_MACHINE\\SYSTEM\\CurrentControlSet\\Control\\Session Manager\\Environment',
  '    ComSpec    REG_EXPAND_SZ    %SystemRoot%\\system32\\cmd.exe',
  '    AWS_SECRET_ACCESS_KEY    REG_SZ    wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY',
  '    NUMBER_OF_PROCESSORS    REG_SZ    8',
  '',
].join('\r\n');

test('reg query output: value names only, values never kept; Windows names match case-insensitively', () => {
  assert.deepEqual(regQueryNames(REG_QUERY_USER), ['OneDrive', 'Path', 'TEMP', 'AWS_ACCESS_KEY_ID', 'aws_session_token', 'AWS_NOTHING']);
  const calls: string[][] = [];
  const found = findWindowsPersisted((program, args) => {
    calls.push([program, ...args]);
    return args[1] === 'HKCU\\Environment' ? REG_QUERY_USER : REG_QUERY_MACHINE;
  }, VARIABLES);
  assert.deepEqual(calls, [
    ['reg', 'query', 'HKCU\\Environment'],
    ['reg', 'query', 'HKLM\\SYSTEM\\CurrentControlSet\\Control\\Session Manager\\Environment'],
  ]);
  assert.deepEqual(found, [
    { kind: 'windows-user', variable: 'AWS_ACCESS_KEY_ID' },
    { kind: 'windows-user', variable: 'AWS_SESSION_TOKEN' },
    { kind: 'windows-machine', variable: 'AWS_SECRET_ACCESS_KEY' },
  ]);
  assert.ok(!JSON.stringify(found).includes('ASIAQWERTY'));
  assert.deepEqual(findWindowsPersisted(() => null, VARIABLES), [], 'reg failing finds nothing');
});

test('launchctl getenv: a variable with a value is persisted', () => {
  const found = findLaunchctlPersisted((_program, args) => (args[1] === 'AWS_SESSION_TOKEN' ? 'FwoG\n' : '\n'), VARIABLES);
  assert.deepEqual(found, [{ kind: 'launchctl', variable: 'AWS_SESSION_TOKEN' }]);
});

test('sh files: only whole-line assignments of credential variables, export or not, quoted or not', () => {
  const text = [
    'export AWS_SESSION_TOKEN=FwoG',
    '  AWS_ACCESS_KEY_ID="ASIA"   # pasted',
    "export AWS_SECRET_ACCESS_KEY='s/k'",
    'export AWS_REGION=eu-west-1',
    'echo $AWS_SESSION_TOKEN',
    'export AWS_SESSION_TOKEN=x; rm -rf ~/tmp',
    'export AWS_SESSION_TOKEN=$(cat ~/token)',
    '# export AWS_SESSION_TOKEN=old',
    'export AWS_SESSION_TOKEN_X=1',
  ].join('\n');
  const found = assignmentsIn(text, { file: '/h/.bashrc', syntax: 'sh' }, VARIABLES);
  assert.deepEqual(found.map((origin) => (origin.kind === 'file' ? [origin.variable, origin.line] : [])), [
    ['AWS_SESSION_TOKEN', 1],
    ['AWS_ACCESS_KEY_ID', 2],
    ['AWS_SECRET_ACCESS_KEY', 3],
  ]);
});

test('fish files, fish universal variables and environment.d', () => {
  const fish = 'set -gx AWS_SESSION_TOKEN FwoG\nset -Ux AWS_ACCESS_KEY_ID ASIA\nset --export AWS_SECURITY_TOKEN x\nset AWS_SECRET_ACCESS_KEY local-only\nexport AWS_SECRET_ACCESS_KEY=y\n';
  assert.deepEqual(assignmentsIn(fish, { file: 'c.fish', syntax: 'fish' }, VARIABLES).map((origin) => (origin.kind === 'file' ? origin.line : 0)), [1, 2, 3, 5]);
  const universal = '# This file contains fish universal variable definitions.\n# VERSION: 3.0\nSETUVAR --export AWS_SESSION_TOKEN:FwoG\nSETUVAR AWS_ACCESS_KEY_ID:not\\x20exported\nSETUVAR fish_greeting:\n';
  assert.deepEqual(assignmentsIn(universal, { file: 'fish_variables', syntax: 'fish-universal' }, VARIABLES).map((origin) => (origin.kind === 'file' ? [origin.variable, origin.line] : [])), [['AWS_SESSION_TOKEN', 3]]);
  assert.deepEqual(assignmentsIn('AWS_ACCESS_KEY_ID=ASIA\nPATH=/x\n', { file: 'aws.conf', syntax: 'environment.d' }, VARIABLES).length, 1);
});

test('removing assignment lines keeps every other byte, CRLF and a missing last newline included, and leaves a changed line alone', () => {
  const text = '# a\r\nexport AWS_SESSION_TOKEN=old\r\nalias x=y\r\n\r\nexport AWS_ACCESS_KEY_ID=ASIA';
  assert.equal(
    removeAssignmentLines(text, 'sh', [{ line: 2, variable: 'AWS_SESSION_TOKEN' }, { line: 5, variable: 'AWS_ACCESS_KEY_ID' }]),
    '# a\r\nalias x=y\r\n\r\n',
  );
  // Line 3 is no longer an assignment (the file changed since doctor looked): kept.
  assert.equal(removeAssignmentLines(text, 'sh', [{ line: 3, variable: 'AWS_SESSION_TOKEN' }]), text);
});

test('the scan reads the startup files of the HOME it is given, ZDOTDIR and XDG_CONFIG_HOME honoured', () => {
  withTempHome({ config: '' }, (home) => {
    home.write('.bashrc', 'alias ll="ls -l"\nexport AWS_SESSION_TOKEN=FwoG\n');
    home.write('zdot/.zshrc', 'export AWS_ACCESS_KEY_ID=ASIA\n');
    home.write('xdg/fish/conf.d/aws.fish', 'set -gx AWS_SECURITY_TOKEN x\n');
    home.write('xdg/environment.d/10-aws.conf', 'AWS_SECRET_ACCESS_KEY=s\n');
    home.write('.zshrc', 'export AWS_ACCESS_KEY_ID=not-read-under-ZDOTDIR\n');
    const environment = { ...home.environment, env: { ...home.env, ZDOTDIR: `${home.home}/zdot`, XDG_CONFIG_HOME: `${home.home}/xdg` } };
    const found = findPersistedCredentials(environment, { run: () => null });
    assert.deepEqual(
      found.map((origin) => (origin.kind === 'file' ? `${origin.file.slice(home.home.length)}:${origin.line}:${origin.variable}` : origin.kind)),
      ['/.bashrc:2:AWS_SESSION_TOKEN', '/zdot/.zshrc:1:AWS_ACCESS_KEY_ID', '/xdg/fish/conf.d/aws.fish:1:AWS_SECURITY_TOKEN', '/xdg/environment.d/10-aws.conf:1:AWS_SECRET_ACCESS_KEY'],
    );
  });
});
