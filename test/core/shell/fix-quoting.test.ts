// Fix commands Rolekeeper prints embed profile names and paths: pasted into a shell they must hand
// each one over as a single literal argument and run nothing else.
import { test } from 'node:test';
import { onlyFinding as only, refreshError } from '../../helpers/expect';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type TempHome, withTempHome } from '../../helpers/temp-home';
import { runDoctor } from '../../../src/main/core/doctor/doctor';
import { fixWriter } from '../../../src/main/core/doctor/doctor-fixes';
import { loadProfiles } from '../../../src/main/core/aws-config/profile-loader';
import { shellFor } from '../../../src/main/core/shell/shells';
import { UnquotableWordError } from '../../../src/main/core/shell/shell';
import { quoteNameForAnyShell } from '../../../src/main/core/shell/any-shell';
import { SHELLS, type ShellKind } from '../../../src/shared/ipc-contract';

const quoteWord = (shell: ShellKind, value: string): string => shellFor(shell).quote(value);
import { obtainCredentials } from '../../../src/main/core/credentials/credential-chain';
import { createRolekeeperService } from '../../../src/main/core/service/rolekeeper-service';
import { awsSdkSso } from '../../../src/main/core/sso/sso-gateway';
import { recordingSts } from '../../helpers/recording-sts';
import { readStore, type StoreData } from '../../../src/main/core/credentials/rolekeeper-store';
import type { AwsEnvironment } from '../../../src/main/core/model/aws-environment';

const NOW = new Date('2030-06-01T12:00:00Z');
const INJECTING = '$(touch PWNED)';
const HOSTILE_NAMES = [INJECTING, "it's", "a'b $(touch PWNED) `touch PWNED` ; touch PWNED"];
const PLAIN_NAMES = ['dev', 'prod-admin', 'team.eu_1', 'a@b', 'x+y=z:1,2/3'];
const KEYS = 'aws_access_key_id = AKIAIOSFODNN7EXAMPLE\naws_secret_access_key = wJalrXUtnFEMIEXAMPLEKEYEXAMPLEKEYEXAMPLE\n';

/**
 * Runs `line` in a POSIX shell with every command it may name replaced by one that prints its
 * arguments, NUL-separated, in an empty folder; returns those arguments and whatever the line
 * created in the folder (a PWNED file when the name was run instead of passed).
 */
function runWithEcho(shell: 'bash' | 'dash', line: string, mustSucceed = true): { args: string[]; created: string[] } {
  const dir = mkdtempSync(join(tmpdir(), 'rolekeeper-fix-'));
  try {
    const stubs = ['aws', 'rolekeeper', 'rm', 'chmod', 'sed'].map((name) => `${name}() { printf '%s\\0' "$@"; }`).join('\n');
    const result = spawnSync(shell, ['-c', `${stubs}\n${line}`], { cwd: dir, encoding: 'utf8' });
    if (mustSucceed) assert.equal(result.status, 0, `${shell} -c failed on ${line}: ${result.stderr}`);
    return { args: result.stdout.split('\0').slice(0, -1), created: readdirSync(dir) };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

function assertOneLiteralArgument(line: string, expected: string[]): void {
  for (const shell of ['bash', 'dash'] as const) {
    const { args, created } = runWithEcho(shell, line);
    assert.deepEqual(created, [], `${shell} created files running ${line}`);
    assert.deepEqual(args, expected, `${shell} split ${line}`);
  }
}

/** Pasting a whole fix sentence (prose and all) fails harmlessly: it creates nothing. */
function assertWholeLineRunsNothing(line: string): void {
  for (const shell of ['bash', 'dash'] as const) assert.deepEqual(runWithEcho(shell, line, false).created, [], `${shell} ran part of ${line}`);
}

function withHome(options: { config?: string; credentials?: string }, run: (home: TempHome) => void | Promise<void>): Promise<void> {
  return withTempHome({ config: options.config ?? '', credentials: options.credentials ?? '', env: { SHELL: '/bin/bash' } }, async (home) => run(home));
}

/** A config-file section header botocore reads back (shlex-split) as exactly `name`. */
function header(name: string): string {
  return `[profile "${name.replace(/["\\]/g, (c) => `\\${c}`)}"]`;
}

function ssoProfile(name: string): string {
  return `${header(name)}\nsso_start_url = https://corp.awsapps.com/start\nsso_region = us-east-1\nsso_account_id = 111122223333\nsso_role_name = Dev\n`;
}



/** The command between the first and the last backtick of a fix like "Run `rolekeeper refresh x` in a terminal". */
function backticked(fix: string): string {
  const start = fix.indexOf('`');
  const end = fix.lastIndexOf('`');
  assert.ok(start >= 0 && end > start, `no command in ${fix}`);
  return fix.slice(start + 1, end);
}

test('plain profile names and paths are printed as they are, in every shell', () => {
  for (const shell of SHELLS) {
    for (const name of ['dev', 'prod-admin', 'team.eu_1', '/home/me/.aws/cli/cache/0a1b.json']) assert.equal(quoteWord(shell, name), name, shell);
  }
  for (const name of PLAIN_NAMES) assert.equal(quoteWord('bash', name), name);
});

test('a name with shell syntax or a quote is one literal argument to bash and dash', () => {
  for (const name of [...HOSTILE_NAMES, '', 'new\nline', '~root', 'back\\slash', '!x']) {
    assertOneLiteralArgument(`aws sso login --profile ${quoteWord('bash', name)}`, ['sso', 'login', '--profile', name]);
    assertOneLiteralArgument(`aws sso login --profile ${quoteNameForAnyShell('linux', name)}`, ['sso', 'login', '--profile', name]);
  }
});

test('characters special to one shell only are quoted for that shell', () => {
  assert.equal(quoteWord('zsh', '=ls'), "'=ls'");
  assert.equal(quoteWord('bash', '=ls'), '=ls');
  assert.equal(quoteWord('powershell', '@splat'), "'@splat'");
  assert.equal(quoteWord('powershell', 'a,b'), "'a,b'");
  assert.equal(quoteWord('fish', "it's \\ here"), "'it\\'s \\\\ here'");
  assert.equal(quoteWord('cmd', 'a b&c'), '"a b&c"');
  assert.throws(() => quoteWord('cmd', '100%'), UnquotableWordError);
});

test('PowerShell quoting doubles the typographic single quotes too, in names and in the remove-file fix', () => {
  assert.equal(quoteWord('powershell', 'a\u2019b; calc'), "'a\u2019\u2019b; calc'");
  assert.equal(quoteNameForAnyShell('win32', "it's $x"), "'it''s $x'");
  assert.equal(
    shellFor('powershell').removeFile('C:\\Users\\o\u2018brien\\.aws\\cli\\cache\\x.json'),
    "Remove-Item -LiteralPath 'C:\\Users\\o\u2018\u2018brien\\.aws\\cli\\cache\\x.json'",
  );
});

test('in cmd a value cmd cannot quote gets a sentence saying why instead of a command', () => {
  const fix = fixWriter({ env: {}, platform: 'win32', homeDir: 'C:\\Users\\me' });
  assert.equal(fix.shell, 'cmd');
  assert.equal(fix.command((word) => `aws sso login --profile ${word('a b')}`), 'aws sso login --profile "a b"');
  // The shell is a guess: a word must be inert in cmd and PowerShell alike, or no line is shown.
  assert.equal(
    fix.command((word) => `aws sso login --profile ${word('100%&calc')}`),
    'no cmd command shown: a name or path it needs holds both cmd operators and characters cmd cannot quote, which cmd cannot write safely; do this step by hand (or from PowerShell)',
  );
  assert.equal(
    fix.removeFile('C:\\a%PATH%\\x.json'),
    'no cmd command shown: a name or path it needs holds a double quote, %, !, $, a backtick or a control character, which cmd cannot write safely; do this step by hand (or from PowerShell)',
  );
});

test("doctor's rolekeeper sso login and rolekeeper refresh fixes pass a hostile profile name as one argument", async () => {
  const config = [...HOSTILE_NAMES, 'plain'].map(ssoProfile).join('');
  await withHome({ config }, (home) => {
    const findings = runDoctor({ environment: home.environment, now: NOW, managedProfiles: new Set() });
    assert.equal(only(findings, 'sso-login-needed', 'plain').fix, 'rolekeeper sso login plain');
    assert.equal(only(findings, 'sso-login-needed', INJECTING).fix, "rolekeeper sso login '$(touch PWNED)'");
    for (const name of HOSTILE_NAMES) {
      assertOneLiteralArgument(only(findings, 'sso-login-needed', name).fix!, ['sso', 'login', name]);
    }
  });
  const credentials = [...HOSTILE_NAMES, 'keys'].map((name) =>
    `[${name}]\n${KEYS.replace('AKIA', 'ASIA')}aws_session_token = tokenEXAMPLE\nx_security_token_expires = 2030-06-01T11:00:00Z\n`,
  ).join('');
  await withHome({ credentials }, (home) => {
    const findings = runDoctor({ environment: home.environment, now: NOW, managedProfiles: new Set([...HOSTILE_NAMES, 'keys']) });
    assert.equal(only(findings, 'session-keys-expired', 'keys').fix, 'rolekeeper refresh keys');
    for (const name of HOSTILE_NAMES) {
      const refresh = only(findings, 'session-keys-expired', name).fix!;
      assertOneLiteralArgument(refresh, ['refresh', name]);
    }
  });
});

test("doctor's remove-file fix for the CLI cache survives a home folder with a quote and $( ) in its name", async () => {
  await withHome({}, (home) => {
    const weirdHome = join(home.home, "o'brien $(touch PWNED)");
    const cacheFile = join(weirdHome, '.aws', 'cli', 'cache', 'broken.json');
    mkdirSync(join(weirdHome, '.aws', 'cli', 'cache'), { recursive: true });
    writeFileSync(cacheFile, '{not json');
    const environment: AwsEnvironment = { env: { HOME: weirdHome, SHELL: '/bin/bash' }, platform: 'linux', homeDir: weirdHome };
    const corrupt = runDoctor({ environment, now: NOW, managedProfiles: new Set() }).find((item) => item.code === 'cli-cache-corrupt');
    assert.ok(corrupt?.fix);
    assertOneLiteralArgument(corrupt.fix, [cacheFile]);
  });
});

test('the sso-config-incomplete fix quotes the profile name', async () => {
  const config = [...HOSTILE_NAMES, 'half'].map((name) => `${header(name)}\nsso_start_url = https://corp.awsapps.com/start\nsso_account_id = 111122223333\n`).join('');
  await withHome({ config }, (home) => {
    const profiles = loadProfiles(home.environment);
    const fixOf = (name: string): string => profiles.get(name)!.problems.find((item) => item.code === 'sso-config-incomplete')!.advice!;
    assert.equal(fixOf('half'), 'run: aws configure sso --profile half');
    for (const name of HOSTILE_NAMES) {
      assertOneLiteralArgument(fixOf(name).replace(/^run: /, ''), ['configure', 'sso', '--profile', name]);
    }
  });
});

test('the unreadable-file and byte-order-mark fixes quote a path with a quote in it', async () => {
  await withHome({}, (home) => {
    const dir = join(home.home, "it's $(touch PWNED)");
    const environment: AwsEnvironment = {
      env: { HOME: home.home, AWS_CONFIG_FILE: join(dir, 'config'), AWS_SHARED_CREDENTIALS_FILE: join(dir, 'credentials') },
      platform: 'linux',
      homeDir: home.home,
    };
    const unreadable = loadProfiles(environment, {
      stat: () => ({ isFile: true }),
      readFile: () => {
        throw Object.assign(new Error('denied'), { code: 'EACCES' });
      },
    }).findings.find((item) => item.code === 'file-unreadable' && item.file === join(dir, 'config'));
    assert.ok(unreadable?.advice);
    assertOneLiteralArgument(unreadable.advice.replace(/^check its owner and permissions: /, ''), ['600', join(dir, 'config')]);

    const bom = loadProfiles(environment, {
      stat: () => ({ isFile: true }),
      readFile: () => Buffer.from('\ufeff[default]\nregion = x\n'),
    }).findings.find((item) => item.code === 'ini-bom' && item.file === join(dir, 'config'));
    assert.ok(bom?.advice);
    assertOneLiteralArgument(bom.advice.replace(/^.*e\.g\. /, ''), ['-i', '1s/^\\xEF\\xBB\\xBF//', join(dir, 'config')]);
  });
});

test('RefreshError fixes from the credential chain quote the profile name: sso login, MFA, expired managed keys', async () => {
  for (const name of [...HOSTILE_NAMES, 'plain']) {
    const config = `${ssoProfile(name)}[profile r]\nrole_arn = arn:aws:iam::123456789012:role/R\nsource_profile = ${name}\n`;
    // botocore reads source_profile's value raw, so a hostile name works as a source too.
    await withHome({ config }, async (home) => {
      const profiles = loadProfiles(home.environment);
      const store = readStore(home.environment);
      const sso = await refreshError(() => obtainCredentials(name, { sts: recordingSts(), sso: awsSdkSso, environment: home.environment, profiles, store }));
      assert.equal(sso.kind, 'expired-source');
      if (name === 'plain') assert.equal(sso.fix, 'rolekeeper sso login plain');
      else assertOneLiteralArgument(sso.fix, ['sso', 'login', name]);

    });

    await withHome({ config: `${header(name)}\nregion = us-east-1\n` }, async (home) => {
      const profiles = loadProfiles(home.environment);
      // No credentials at all: the fix names the profile in prose, which must not expand either.
      const none = await refreshError(() => obtainCredentials(name, { sts: recordingSts(), environment: home.environment, profiles, store: readStore(home.environment) }));
      if (name === 'plain') assert.equal(none.fix, 'Give "plain" keys, a role_arn with source_profile, or a credential_process');
      else assert.ok(none.fix.startsWith(`Give ${quoteWord('bash', name)} keys`), none.fix);
      assertWholeLineRunsNothing(none.fix);
    });

    const mfaConfig = `[profile src]\n${KEYS}${header(name)}\nrole_arn = arn:aws:iam::123456789012:role/R\nsource_profile = src\nmfa_serial = arn:aws:iam::123456789012:mfa/me\n`;
    await withHome({ config: mfaConfig }, async (home) => {
      const profiles = loadProfiles(home.environment);
      const mfa = await refreshError(() => obtainCredentials(name, { sts: recordingSts(), environment: home.environment, profiles, store: readStore(home.environment) }));
      assert.equal(mfa.kind, 'mfa-required');
      if (name === 'plain') assert.equal(backticked(mfa.fix), 'rolekeeper refresh plain');
      else assertOneLiteralArgument(backticked(mfa.fix), ['refresh', name]);
      assertWholeLineRunsNothing(mfa.fix);
    });

    const expiredCredentials = `[${name}]\n${KEYS}aws_session_token = tokenEXAMPLE\nx_security_token_expires = 2020-01-01T00:00:00Z\n`;
    const roleConfig = `[profile r]\nrole_arn = arn:aws:iam::123456789012:role/R\nsource_profile = ${name}\n`;
    await withHome({ config: roleConfig, credentials: expiredCredentials }, async (home) => {
      const profiles = loadProfiles(home.environment);
      const base = readStore(home.environment);
      const store: StoreData = { ...base, managed: { [name]: { roleArn: 'arn:aws:iam::123456789012:role/M', sourceProfile: 'src' } } };
      const managed = await refreshError(() => obtainCredentials('r', { sts: recordingSts(), environment: home.environment, profiles, store }));
      assert.equal(managed.kind, 'expired-source');
      const refresh = /refresh it first with `(.*)` \(or keep/.exec(managed.fix)?.[1] ?? '';
      if (name === 'plain') assert.equal(managed.fix, 'Rolekeeper manages "plain": refresh it first with `rolekeeper refresh plain` (or keep the daemon or tray running)');
      else assertOneLiteralArgument(refresh, ['refresh', name]);
      assertWholeLineRunsNothing(managed.fix);
      const unmanaged = await refreshError(() => obtainCredentials('r', { sts: recordingSts(), environment: home.environment, profiles, store: base }));
      const command = unmanaged.fix.replace(/^.*let Rolekeeper manage them: /, '');
      assertOneLiteralArgument(command, ['manage', name, '--role-arn', 'ARN', '--source-profile', 'PROFILE']);
      assertWholeLineRunsNothing(unmanaged.fix);
    });
  }
});

test('refreshing a profile without a role names `rolekeeper manage` with the name quoted, for cmd and PowerShell on Windows', async () => {
  for (const name of HOSTILE_NAMES) {
    await withHome({ credentials: `[${name}]\n${KEYS}` }, async (home) => {
      const error = await refreshError(() => createRolekeeperService({ environment: home.environment, sts: recordingSts() }).refresh(name));
      assertOneLiteralArgument(error.fix.replace(/^.*let Rolekeeper manage it: /, ''), ['manage', name, '--role-arn', 'ARN', '--source-profile', 'PROFILE']);
      const windows = await refreshError(() => createRolekeeperService({ environment: { ...home.environment, platform: 'win32' }, sts: recordingSts() }).refresh(name));
      assert.ok(windows.fix.includes(`rolekeeper manage ${quoteNameForAnyShell('win32', name)} --role-arn`), windows.fix);
    });
  }
});
