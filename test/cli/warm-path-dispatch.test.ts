// The warm path (plain `list` and `export PROFILE [--shell S]` without commander) must print and exit
// exactly as the full commander program does, for good and bad arguments alike; every other form
// is left to the full program. Compared in process, over the same files and a fixed clock, and
// through the built CLI (needs `npm run build` first) against the full program's bundle.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { ROLEKEEPER_BIN } from '../helpers/run-cli';
import { withTempHome, type TempHome } from '../helpers/temp-home';
import { SEED_CREDENTIALS, seedConfig } from '../helpers/seed-profiles';
import { run } from '../../src/main/cli/main';
import { runWarm, warmCommand } from '../../src/main/cli/warm-path-entry';
import { lazyService } from '../../src/main/cli/default-context';
import { cliTranslator } from '../../src/main/cli/cli-language';
import type { CliContext } from '../../src/main/cli/cli-context';

const KEYS_PROFILE = `
[profile keys]
region = eu-west-1
aws_access_key_id = ASIADISPATCHEXAMPLE1
aws_secret_access_key = dispatch-secret-not-real
aws_session_token = dispatch-token-not-real
x_security_token_expires = 2099-01-01T00:00:00Z
`;
const SEED = seedConfig({ roleArn: 'arn:aws:iam::123456789012:role/Prod-Role', pastedExpiresAt: '2021-03-04T05:06:07Z' });
const NOW = new Date('2026-01-02T03:04:05Z');
// Nothing may reach AWS: a refresh fails at once on a closed loopback port.
const OFFLINE = { AWS_ENDPOINT_URL_STS: 'http://127.0.0.1:9', AWS_MAX_ATTEMPTS: '1', LANG: 'C', SHELL: '/bin/bash' };

/** Forms the warm path takes: valid ones and ones that fail inside the command. */
const WARM_FORMS: string[][] = [
  ['list'],
  ['list', '--json'],
  ['export', 'keys'],
  ['export', 'keys', '--shell', 'bash'],
  ['export', '--shell', 'fish', 'keys'],
  ['export', 'keys', '--shell', 'powershell'],
  ['export', 'keys', '--shell', 'json'],
  ['export', 'pasted', '--shell', 'zsh'],
  ['export', 'user1', '--shell', 'bash'],
  ['export', 'project1', '--shell', 'bash'],
  ['export', 'nope', '--shell', 'bash'],
  ['export', 'Keys', '--shell', 'bash'],
  ['export', 'keys', '--shell', 'tcsh'],
  ['export', 'keys', '--shell', ''],
  ['export', ''],
  ['export', 'help'],
];

/** Forms only the full program reads: help, other options, missing or extra arguments, mistakes. */
const FULL_PROGRAM_FORMS: string[][] = [
  ['list', '--help'],
  ['list', '-h'],
  ['list', 'extra'],
  ['list', '--json', '--json'],
  ['list', '--jsn'],
  ['export'],
  ['export', '--unset', '--shell', 'bash'],
  ['export', 'keys', '--shell'],
  ['export', 'keys', '--shell=bash'],
  ['export', 'keys', '--via-endpoint'],
  ['export', 'keys', '--mfa-code', '123456'],
  ['export', 'keys', 'more'],
  ['export', '-x'],
  ['export', '--', 'keys'],
  ['export', 'keys', '--shell', '-x'],
  ['lis'],
  ['--help'],
];

interface Outcome {
  code: number;
  stdout: string;
  stderr: string;
}

function recordingContext(home: TempHome, output: Outcome): CliContext {
  return {
    environment: home.environment,
    stdout: (text) => void (output.stdout += text),
    stderr: (text) => void (output.stderr += text),
    interactive: false,
    now: () => NOW,
    t: cliTranslator(home.env, home.environment.platform),
    service: lazyService(home.environment),
    setExitCode: () => undefined,
  };
}

async function fullProgram(home: TempHome, args: string[]): Promise<Outcome> {
  const outcome = { code: -1, stdout: '', stderr: '' };
  outcome.code = await run(['node', 'rolekeeper', ...args], recordingContext(home, outcome));
  return outcome;
}

async function warmPath(home: TempHome, args: string[]): Promise<Outcome> {
  const command = warmCommand(args);
  assert.ok(command, `${args.join(' ')} should run warm`);
  const outcome = { code: -1, stdout: '', stderr: '' };
  outcome.code = await runWarm(command, recordingContext(home, outcome));
  return outcome;
}

const HOMES: Array<{ name: string; config?: string; credentials?: string; env?: Record<string, string> }> = [
  { name: "the seed's files", config: SEED + KEYS_PROFILE, credentials: SEED_CREDENTIALS, env: OFFLINE },
  { name: 'German', config: SEED + KEYS_PROFILE, credentials: SEED_CREDENTIALS, env: { ...OFFLINE, LANG: 'de_DE.UTF-8' } },
  { name: 'no files', env: OFFLINE },
  { name: 'a config the AWS CLI refuses', config: `${KEYS_PROFILE}\nnot an ini line\n[profile broken`, env: OFFLINE },
  { name: 'exported keys shadowing profiles', config: SEED + KEYS_PROFILE, credentials: SEED_CREDENTIALS, env: { ...OFFLINE, AWS_ACCESS_KEY_ID: 'AKIASHADOWEXAMPLE1', AWS_SECRET_ACCESS_KEY: 'shadow-secret-not-real' } },
];

test('plain list and export forms run warm; every other form is left to the full program', () => {
  for (const form of WARM_FORMS) assert.notEqual(warmCommand(form), null, form.join(' '));
  for (const form of FULL_PROGRAM_FORMS) assert.equal(warmCommand(form), null, form.join(' '));
  for (const other of [['credential-process', 'keys'], ['show', 'keys'], ['doctor', '--offline'], []]) assert.equal(warmCommand(other), null, other.join(' '));
});

for (const fixture of HOMES) {
  test(`with ${fixture.name}, the warm path prints and exits exactly as the full program for every warm form`, async () => {
    await withTempHome({ config: fixture.config, credentials: fixture.credentials, env: fixture.env }, async (home) => {
      for (const form of WARM_FORMS) {
        const full = await fullProgram(home, form);
        const warm = await warmPath(home, form);
        assert.deepEqual(warm, full, form.join(' '));
      }
    });
  });
}

const CLI_DIST = join(__dirname, '..', '..', 'dist', 'main', 'cli');

/** bin/rolekeeper.js without its dispatch: every form goes to the full program's bundle. */
function fullProgramBin(dir: string): string {
  const file = join(dir, 'full-program.js');
  writeFileSync(
    file,
    `require(${JSON.stringify(join(CLI_DIST, 'process-guards.js'))}).installProcessGuards();
require(${JSON.stringify(join(CLI_DIST, 'main.js'))}).main(process.argv);
`,
  );
  return file;
}

function runNode(script: string, args: string[], env: Record<string, string>): Outcome {
  const result = spawnSync(process.execPath, [script, ...args], { env, encoding: 'utf8' });
  return { code: result.status ?? -1, stdout: result.stdout, stderr: result.stderr };
}

test('through the built CLI, warm forms print the same bytes and exit codes as the full program', () => {
  withTempHome({ config: SEED + KEYS_PROFILE, credentials: SEED_CREDENTIALS, env: OFFLINE }, (home) => {
    const full = fullProgramBin(home.home);
    const forms = [['list'], ['list', '--json'], ['export', 'keys', '--shell', 'bash'], ['export', 'keys'], ['export', 'nope', '--shell', 'bash'], ['export', 'keys', '--shell', 'tcsh'], ['export', 'pasted']];
    for (const form of forms) {
      // list's EXPIRES column counts down: compare runs made within the same minute.
      let pair: [Outcome, Outcome];
      do {
        const minute = Math.floor(Date.now() / 60_000);
        pair = [runNode(ROLEKEEPER_BIN, form, home.env), runNode(full, form, home.env)];
        if (Math.floor(Date.now() / 60_000) === minute) break;
      } while (true);
      assert.deepEqual(pair[0], pair[1], form.join(' '));
    }
  });
});
