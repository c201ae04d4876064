// `setup daemon [--remove]` through the built CLI, on Linux: the unit is written where the user
// manager reads it; systemctl runs only when a user manager is reachable, else the commands are
// printed; a failing systemctl is an error that names the step. These tests run on Linux (the CLI
// picks the login manager of the platform it runs on); the other platforms' texts are unit-tested.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { chmodSync, existsSync, lstatSync, mkdirSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { withTempHome, type TempHome } from '../helpers/temp-home';
import { ROLEKEEPER_BIN, runCli } from '../helpers/run-cli';

const ENGLISH = { LANG: 'C', LC_ALL: '', LC_MESSAGES: '' };

function unitFile(home: TempHome): string {
  return join(home.home, '.config', 'systemd', 'user', 'rolekeeper.service');
}

/** A systemctl that appends its arguments to a file and exits with the given code. */
function fakeSystemctl(home: TempHome, exitCode: number): { env: Record<string, string>; calls: () => string[] } {
  const bin = join(home.home, 'fake-bin');
  const log = join(home.home, 'systemctl.log');
  mkdirSync(bin, { recursive: true });
  writeFileSync(join(bin, 'systemctl'), `#!/bin/sh\necho "$*" >> '${log}'\n${exitCode === 0 ? '' : 'echo "Failed to enable unit: Access denied" >&2\n'}exit ${exitCode}\n`);
  chmodSync(join(bin, 'systemctl'), 0o755);
  const runtime = join(home.home, 'run');
  mkdirSync(join(runtime, 'systemd'), { recursive: true });
  writeFileSync(join(runtime, 'systemd', 'private'), '');
  return {
    env: { ...home.env, ...ENGLISH, XDG_CONFIG_HOME: join(home.home, '.config'), XDG_RUNTIME_DIR: runtime, PATH: `${bin}:${home.env.PATH}` },
    calls: () => (existsSync(log) ? readFileSync(log, 'utf8').trim().split('\n') : []),
  };
}

test('setup daemon without a reachable user manager writes the unit and prints the commands to enable it', () => {
  withTempHome({}, (home) => {
    const env = { ...home.env, ...ENGLISH, XDG_CONFIG_HOME: join(home.home, '.config'), XDG_RUNTIME_DIR: join(home.home, 'no-runtime') };
    const result = runCli(['setup', 'daemon'], env);
    assert.equal(result.code, 0, result.stderr);
    const unit = readFileSync(unitFile(home), 'utf8');
    assert.match(unit, new RegExp(`^ExecStart=${process.execPath} ${ROLEKEEPER_BIN} daemon$`, 'm'));
    assert.match(unit, new RegExp(`^Environment="XDG_CONFIG_HOME=${join(home.home, '.config')}"$`, 'm'));
    assert.equal(lstatSync(unitFile(home)).mode & 0o777, 0o644);
    assert.match(result.stdout, /not enabled yet: no systemd user manager is reachable/);
    assert.match(result.stdout, /\n {2}systemctl --user enable --now rolekeeper\.service\n/);
  });
});

test('setup daemon with a user manager runs daemon-reload and enable --now; --remove disables and removes', () => {
  withTempHome({}, (home) => {
    const systemctl = fakeSystemctl(home, 0);
    const result = runCli(['setup', 'daemon'], systemctl.env);
    assert.equal(result.code, 0, result.stderr);
    assert.deepEqual(systemctl.calls(), ['--user daemon-reload', '--user enable --now rolekeeper.service']);
    assert.match(result.stdout, /enabled: the daemon starts at every login and runs now/);
    const again = runCli(['setup', 'daemon'], systemctl.env);
    assert.match(again.stdout, /^updated the systemd user unit /);
    const removed = runCli(['setup', 'daemon', '--remove'], systemctl.env);
    assert.equal(removed.code, 0, removed.stderr);
    assert.equal(systemctl.calls().at(-1), '--user disable --now rolekeeper.service');
    assert.equal(existsSync(unitFile(home)), false);
    const none = runCli(['setup', 'daemon', '--remove'], systemctl.env);
    assert.equal(none.code, 0);
    assert.match(none.stdout, /no daemon at login to remove/);
  });
});

test('a failing systemctl makes setup daemon exit 1 naming the step and why; the unit stays written', () => {
  withTempHome({}, (home) => {
    const systemctl = fakeSystemctl(home, 1);
    const result = runCli(['setup', 'daemon'], systemctl.env);
    assert.equal(result.code, 1);
    assert.match(result.stderr.trim().split('\n').at(-1) ?? '', /^rolekeeper: `systemctl --user daemon-reload` failed: Failed to enable unit: Access denied/);
    assert.ok(existsSync(unitFile(home)));
  });
});

test('setup daemon replaces a symlink at the unit path instead of writing through it', () => {
  withTempHome({}, (home) => {
    const elsewhere = join(home.home, 'elsewhere.txt');
    writeFileSync(elsewhere, 'untouched\n');
    mkdirSync(join(home.home, '.config', 'systemd', 'user'), { recursive: true });
    symlinkSync(elsewhere, unitFile(home));
    const result = runCli(['setup', 'daemon'], { ...home.env, ...ENGLISH, XDG_CONFIG_HOME: join(home.home, '.config'), XDG_RUNTIME_DIR: '' });
    assert.equal(result.code, 0, result.stderr);
    assert.equal(readFileSync(elsewhere, 'utf8'), 'untouched\n');
    assert.equal(lstatSync(unitFile(home)).isSymbolicLink(), false);
  });
});

test('setup daemon under umask 000 creates the unit folders 0700, so no other user can add units', () => {
  withTempHome({}, (home) => {
    const env = { ...home.env, ...ENGLISH, XDG_CONFIG_HOME: join(home.home, '.config'), XDG_RUNTIME_DIR: join(home.home, 'no-runtime') };
    const before = process.umask(0);
    let result: ReturnType<typeof runCli>;
    try {
      result = runCli(['setup', 'daemon'], env);
    } finally {
      process.umask(before);
    }
    assert.equal(result.code, 0, result.stderr);
    for (const folder of ['.config', '.config/systemd', '.config/systemd/user']) {
      assert.equal(lstatSync(join(home.home, folder)).mode & 0o777, 0o700, folder);
    }
    assert.equal(lstatSync(unitFile(home)).mode & 0o777, 0o644);
  });
});
