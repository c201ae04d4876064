// The fix and export lines doctor, refresh, manage, setup and export print, pasted into real
// bash, zsh and fish: a hostile profile name or value reaches the command as one literal word
// and runs nothing. Commands are stubs that record their arguments (test/helpers/real-shell.ts).
import { test } from 'node:test';
import { shlexSplit } from '../../../src/main/core/aws-config/ini-parser';
import { onlyFinding as only, refreshError } from '../../helpers/expect';
import assert from 'node:assert/strict';
import { runDoctor } from '../../../src/main/core/doctor/doctor';
import { fixWriter } from '../../../src/main/core/doctor/doctor-fixes';
import { loadProfiles } from '../../../src/main/core/aws-config/profile-loader';
import { obtainCredentials } from '../../../src/main/core/credentials/credential-chain';
import { createRolekeeperService } from '../../../src/main/core/service/rolekeeper-service';
import { recordingSts } from '../../helpers/recording-sts';
import { readStore } from '../../../src/main/core/credentials/rolekeeper-store';
import { renderCredentialExport, renderCredentialUnset, renderEndpointExport } from '../../../src/main/core/credentials/env-export';
import { quoteNameForAnyShell } from '../../../src/main/core/shell/any-shell';
import { classifyStsError } from '../../../src/main/core/sts/sts-errors';
import { fixForRejected } from '../../../src/main/core/credentials/verify-profile';
import { english, say } from '../../../src/shared/i18n';
import type { ReadableResolution } from '../../../src/main/core/credentials/credential-resolver';
import { TERMINAL_CONTROL } from '../../../src/main/core/shell/shell';
import { REAL_SHELLS, runPasted, type RealShell, type ShellRun } from '../../helpers/real-shell';
import { runCli } from '../../helpers/run-cli';
import { withTempHome } from '../../helpers/temp-home';
import type { Finding } from '../../../src/shared/profile-summary';

const NOW = new Date('2030-06-01T12:00:00Z');
const SHELL_PATHS: Record<RealShell, string> = { bash: '/bin/bash', zsh: '/usr/bin/zsh', fish: '/usr/bin/fish' };

/** Names a config file can hold, each trying another way out of the quotes. */
const HOSTILE_NAMES = [
  "x'; touch PWNED; echo '",
  '$(touch PWNED)',
  '`touch PWNED`',
  "a\\'; touch PWNED #",
  "x\\\\'; touch PWNED; #",
  "\\'",
  '=touch',
  '-rf',
  'semi;touch PWNED&&touch PWNED|touch PWNED',
  '%self',
  '!! !-1 ^x^y',
  '~root * {a,b}',
  '${IFS}touch${IFS}PWNED',
  '"$(touch PWNED)"',
  'esc\u001b]0;touch PWNED\u0007bel',
  'csi\u009b2J\u0085',
  '\u201cq\u201d \u2018s\u2019 x\u2019; touch PWNED',
];
/** Values only the environment or a credential can hold: no config header spans lines. */
const HOSTILE_VALUES = [...HOSTILE_NAMES, 'line\ntouch PWNED', 'cr\rtouch PWNED', 'tab\t$(touch PWNED)', ''];

function header(name: string): string {
  return `[profile "${name.replace(/["\\]/g, (c) => `\\${c}`)}"]`;
}

function ssoProfile(name: string): string {
  return `${header(name)}\nsso_start_url = https://corp.awsapps.com/start\nsso_region = us-east-1\nsso_account_id = 111122223333\nsso_role_name = Dev\n`;
}

function assertPastedAs(shell: RealShell, text: string, expected: string[][]): ShellRun {
  assert.doesNotMatch(text, TERMINAL_CONTROL, `a terminal control character printed raw in ${JSON.stringify(text)}`);
  const run = runPasted(shell, text);
  assert.deepEqual(run.created, [], `${shell} created files running ${JSON.stringify(text)}`);
  assert.deepEqual(run.calls, expected, `${shell} running ${JSON.stringify(text)}: ${run.stderr}`);
  return run;
}

/** Lines written where the shell is unknown: bash and zsh get the name; fish cannot read bash's `$'\xHH'` and runs nothing. */
function expectedForAnyShell(shell: RealShell, name: string, call: string[]): string[][] {
  return shell === 'fish' && TERMINAL_CONTROL.test(name) ? [] : [call];
}



test('the stand-in shells really run what is pasted, so a name that escaped its quotes would show', () => {
  for (const shell of REAL_SHELLS) {
    const run = runPasted(shell, "aws one 'two three'\ntouch PWNED");
    assert.deepEqual(run.calls, [['aws', 'one', 'two three']], shell);
    assert.deepEqual(run.created, ['PWNED'], shell);
  }
});

/** The shell family a guessed line is written for: fish, or the POSIX shells. */
function family(shell: RealShell): 'fish' | 'posix' {
  return shell === 'fish' ? 'fish' : 'posix';
}

/** Pasted anywhere, a line runs nothing it should not: no file is created, whatever else it does. */
function assertRunsNothingElse(shell: RealShell, text: string): void {
  assert.doesNotMatch(text, TERMINAL_CONTROL, `a terminal control character printed raw in ${JSON.stringify(text)}`);
  assert.deepEqual(runPasted(shell, text).created, [], `${shell} created files running ${JSON.stringify(text)}`);
}

// issue 21 item 3: $SHELL is the login shell, not where a line is pasted. Doctor's lines, written
// for whatever $SHELL says, are pasted into each real shell: 17 names x 3 $SHELL x 3 shells.
test("`rolekeeper doctor`'s fix lines pass a hostile name as one word in bash, zsh and fish, whatever $SHELL says", () => {
  const config = [...HOSTILE_NAMES, 'plain'].map(ssoProfile).join('');
  withTempHome({ config, credentials: '' }, (home) => {
    for (const login of REAL_SHELLS) {
      const misspelt = HOSTILE_NAMES[0].toUpperCase();
      const result = runCli(['doctor', '--offline', '--json'], { ...home.env, SHELL: SHELL_PATHS[login], AWS_PROFILE: misspelt });
      const findings = (JSON.parse(result.stdout) as { findings: Finding[] }).findings;
      for (const pasted of REAL_SHELLS) {
        for (const name of HOSTILE_NAMES) {
          assertPastedAs(pasted, only(findings, 'sso-login-needed', name).fix!, expectedForAnyShell(pasted, name, ['rolekeeper', 'sso', 'login', name]));
        }
        const setProfile = only(findings, 'aws-profile-missing', misspelt).fix!;
        assertPastedAs(pasted, `${setProfile}\naws "$AWS_PROFILE"`, expectedForAnyShell(pasted, HOSTILE_NAMES[0], ['aws', HOSTILE_NAMES[0]]));
      }
    }
  });
});

test("doctor's set, unset, refresh and remove-file lines carry any value literally in bash, zsh and fish, whatever $SHELL says", () => {
  for (const login of REAL_SHELLS) {
    const fix = fixWriter({ env: { SHELL: SHELL_PATHS[login] }, platform: 'linux', homeDir: '/home/me' });
    assert.equal(fix.shell, login);
    for (const pasted of REAL_SHELLS) {
      for (const value of HOSTILE_VALUES) {
        assertPastedAs(pasted, `${fix.set('AWS_PROFILE', value)}\naws "$AWS_PROFILE"`, expectedForAnyShell(pasted, value, ['aws', value]));
        assertPastedAs(pasted, fix.command((word) => `rolekeeper refresh ${word(value)}`), expectedForAnyShell(pasted, value, ['rolekeeper', 'refresh', value]));
        const setThenUnset = `${fix.set('AWS_PROFILE', value)}\n${fix.unset(['AWS_PROFILE'])}\naws "x$AWS_PROFILE"`;
        // The unset line is written for the login shell's family; elsewhere it only has to run nothing.
        if (family(pasted) === family(login)) assertPastedAs(pasted, setThenUnset, expectedForAnyShell(pasted, value, ['aws', 'x']));
        else assertRunsNothingElse(pasted, setThenUnset);
        if (value) assertPastedAs(pasted, fix.removeFile(`/tmp/${value}/x.json`), expectedForAnyShell(pasted, value, ['rm', `/tmp/${value}/x.json`]));
      }
      assertPastedAs(pasted, fix.removeFile('-rf'), [['rm', '--', '-rf']]);
    }
  }
});

test("doctor's `rolekeeper refresh` fix for expired managed keys passes the name as one word, whatever $SHELL says", async () => {
  const credentials = [...HOSTILE_NAMES, 'keys']
    .map((name) => `[${name}]\naws_access_key_id = ASIAIOSFODNN7EXAMPLE\naws_secret_access_key = secretEXAMPLE\naws_session_token = tokenEXAMPLE\nx_security_token_expires = 2030-06-01T11:00:00Z\n`)
    .join('');
  for (const login of REAL_SHELLS) {
    await withTempHome({ config: '', credentials, env: { SHELL: SHELL_PATHS[login] } }, (home) => {
      const findings = runDoctor({ environment: home.environment, now: NOW, managedProfiles: new Set([...HOSTILE_NAMES, 'keys']) });
      for (const pasted of REAL_SHELLS) {
        for (const name of HOSTILE_NAMES) {
          assertPastedAs(pasted, only(findings, 'session-keys-expired', name).fix!, expectedForAnyShell(pasted, name, ['rolekeeper', 'refresh', name]));
        }
      }
    });
  }
});

test('with --shell named, doctor writes that shell\'s own quoting and it passes every hostile name literally there', () => {
  const config = [...HOSTILE_NAMES].map(ssoProfile).join('');
  withTempHome({ config, credentials: '' }, (home) => {
    for (const shell of REAL_SHELLS) {
      const result = runCli(['doctor', '--offline', '--json', '--shell', shell], { ...home.env, SHELL: '/bin/sh' });
      const findings = (JSON.parse(result.stdout) as { findings: Finding[] }).findings;
      for (const name of HOSTILE_NAMES) assertPastedAs(shell, only(findings, 'sso-login-needed', name).fix!, [['rolekeeper', 'sso', 'login', name]]);
    }
  });
});

test('refresh errors, written for no shell in particular, pass the name literally to bash and zsh and run nothing in fish', async () => {
  for (const name of HOSTILE_NAMES) {
    const config = `${ssoProfile(name)}[profile r]\nrole_arn = arn:aws:iam::123456789012:role/R\nsource_profile = ${name}\n`;
    await withTempHome({ config, credentials: '' }, async (home) => {
      const sso = await refreshError(() => createRolekeeperService({ environment: { ...home.environment, platform: 'linux' }, sts: recordingSts() }).refresh(name));
      for (const shell of REAL_SHELLS) assertPastedAs(shell, sso.fix, expectedForAnyShell(shell, name, ['rolekeeper', 'sso', 'login', name]));
    });
    await withTempHome({ config: '', credentials: `[${name}]\naws_access_key_id = AKIAIOSFODNN7EXAMPLE\naws_secret_access_key = secretEXAMPLE\n` }, async (home) => {
      const error = await refreshError(() => createRolekeeperService({ environment: { ...home.environment, platform: 'linux' }, sts: recordingSts() }).refresh(name));
      const manage = error.fix.replace(/^.*let Rolekeeper manage it: /, '');
      for (const shell of REAL_SHELLS) {
        assertPastedAs(shell, manage, expectedForAnyShell(shell, name, ['rolekeeper', 'manage', name, '--role-arn', 'ARN', '--source-profile', 'PROFILE']));
      }
    });
  }
  for (const value of HOSTILE_VALUES) {
    for (const shell of REAL_SHELLS) {
      assertPastedAs(shell, `rolekeeper refresh ${quoteNameForAnyShell('linux', value)}`, expectedForAnyShell(shell, value, ['rolekeeper', 'refresh', value]));
    }
  }
});

test('refresh and verify error sentences naming a hostile profile run nothing when pasted whole into bash, zsh or fish', async () => {
  const accessDenied = Object.assign(new Error('not authorized'), { name: 'AccessDenied', $fault: 'client', $metadata: { httpStatusCode: 403 } });
  for (const name of HOSTILE_NAMES) {
    const sts = classifyStsError(accessDenied, { operation: 'GetCallerIdentity', profile: name, sourceProfile: name });
    assert.equal(sts.kind, 'access-denied');
    const sentences = [sts.message, sts.fix];
    await withTempHome({ config: `${header(name)}\nregion = us-east-1\n`, credentials: '' }, async (home) => {
      const none = await refreshError(() => obtainCredentials(name, { sts: recordingSts(), environment: { ...home.environment, platform: 'linux' }, profiles: loadProfiles(home.environment), store: readStore(home.environment) }));
      sentences.push(none.fix);
    });
    // verify's fix for rejected session keys in a file: a sentence, then a command.
    await withTempHome({ config: '', credentials: '' }, (home) => {
      const rejected: ReadableResolution = {
        state: 'readable',
        profile: name,
        profileSelectedBy: 'flag',
        provider: 'shared-credentials-file',
        credentials: { accessKeyId: 'ASIAIOSFODNN7EXAMPLE', secretAccessKey: 'secretEXAMPLE', sessionToken: 'tokenEXAMPLE' },
        expiresAt: null,
        location: { kind: 'file', file: home.credentialsFile, line: 1, fileKind: 'credentials' },
        assumedRoleArn: null,
      };
      const environment = { ...home.environment, platform: 'linux' as const };
      const fix = say(english, fixForRejected(environment, rejected, { profiles: loadProfiles(environment), store: readStore(environment) }));
      const [sentence, manage] = fix.split(', or let Rolekeeper manage them: ');
      sentences.push(sentence);
      for (const shell of REAL_SHELLS) {
        assertPastedAs(shell, manage, expectedForAnyShell(shell, name, ['rolekeeper', 'manage', name, '--role-arn', 'ARN', '--source-profile', 'PROFILE']));
      }
    });
    for (const sentence of sentences) {
      for (const shell of REAL_SHELLS) assertPastedAs(shell, sentence, []);
    }
  }
});

test('`rolekeeper setup credential-process` and `rolekeeper manage` print commands that pass the name as one word', () => {
  const names = [HOSTILE_NAMES[0], HOSTILE_NAMES[3], HOSTILE_NAMES[4], '$(touch PWNED)'];
  const config = names.map((name) => `${header(name)}\nrole_arn = arn:aws:iam::123456789012:role/R\nsource_profile = src\n`).join('') + '[profile src]\nregion = us-east-1\n';
  withTempHome({ config, credentials: '[src]\naws_access_key_id = AKIAIOSFODNN7EXAMPLE\naws_secret_access_key = secretEXAMPLE\n' }, (home) => {
    for (const [index, name] of names.entries()) {
      const keep = runCli(['manage', name, '--role-arn', 'arn:aws:iam::123456789012:role/M', '--source-profile', 'src'], home.env);
      const command = /use `(.*)` to keep it fresh/s.exec(keep.stderr)?.[1];
      assert.ok(command, keep.stderr);
      for (const shell of REAL_SHELLS) assertPastedAs(shell, command, [['rolekeeper', 'keep', name]]);

      // The config writer takes no quote or backslash in a new name; the rest stays hostile.
      const newName = `$(touch${'${IFS}'}PWNED)\`touch${'${IFS}'}PWNED\`;x${index}`;
      const setup = runCli(['setup', 'credential-process', name, '--as', newName], home.env);
      assert.equal(setup.code, 0, setup.stderr);
      const served = /credential_process = (.*)\n/.exec(setup.stdout)?.[1];
      const tryIt = /try: (aws sts get-caller-identity --profile .*)\n$/.exec(setup.stdout)?.[1];
      assert.ok(served && tryIt, setup.stdout);
      // credential_process is split by botocore (shlex), not by a shell: the name is its last word.
      assert.deepEqual(shlexSplit(served)?.slice(-2), ['credential-process', name]);
      for (const shell of REAL_SHELLS) assertPastedAs(shell, tryIt, [['aws', 'sts', 'get-caller-identity', '--profile', newName]]);
    }
  });
});

test('`rolekeeper export` lines give back hostile credential values byte for byte in bash, zsh and fish', () => {
  // Through the CLI for the values that end quotes early; the rest through the same renderer below.
  const throughCli = [HOSTILE_NAMES[0], HOSTILE_NAMES[3], HOSTILE_NAMES[4], HOSTILE_NAMES[14]];
  const credentials = throughCli.map((value, index) => `[k${index}]\naws_access_key_id = AKIA${index}\naws_secret_access_key = ${value}\n`).join('');
  withTempHome({ config: '', credentials }, (home) => {
    for (const shell of REAL_SHELLS) {
      for (const [index, value] of throughCli.entries()) {
        // An INI value keeps no leading or trailing blanks; none of these has any.
        const exported = runCli(['export', `k${index}`, '--shell', shell], home.env);
        assert.equal(exported.code, 0, exported.stderr);
        assertPastedAs(shell, `${exported.stdout}aws "$AWS_ACCESS_KEY_ID" "$AWS_SECRET_ACCESS_KEY"`, [['aws', `AKIA${index}`, value]]);
      }
    }
  });
  for (const shell of REAL_SHELLS) {
    for (const value of HOSTILE_VALUES) {
      const lines = renderCredentialExport({ accessKeyId: value, secretAccessKey: `s${value}`, sessionToken: `t${value}` }, shell);
      assertPastedAs(shell, `${lines}aws "$AWS_ACCESS_KEY_ID" "$AWS_SECRET_ACCESS_KEY" "$AWS_SESSION_TOKEN"`, [['aws', value, `s${value}`, `t${value}`]]);
      const endpoint = renderEndpointExport({ fullUri: 'http://127.0.0.1:9911/x', authorizationToken: value, profile: value, region: value }, shell);
      assertPastedAs(shell, `${endpoint}aws "$AWS_CONTAINER_AUTHORIZATION_TOKEN" "$AWS_PROFILE" "$AWS_REGION"`, [['aws', value, value, value]]);
      assertPastedAs(shell, `${lines}${renderCredentialUnset(shell)}aws "x$AWS_ACCESS_KEY_ID$AWS_SESSION_TOKEN"`, [['aws', 'x']]);
    }
  }
});
