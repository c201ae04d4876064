// Runs text the way a user pastes it into bash, zsh or fish, with `aws`, `rolekeeper` and the file
// tools replaced by stubs that only record their arguments, in an empty folder: what the text
// created there (a PWNED file when a name ran as code) and every stub call come back.
import { spawnSync } from 'node:child_process';
import { chmodSync, closeSync, mkdirSync, mkdtempSync, openSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export type RealShell = 'bash' | 'zsh' | 'fish';
export const REAL_SHELLS: readonly RealShell[] = ['bash', 'zsh', 'fish'];

/** The commands Rolekeeper's fix lines name; each is stubbed, `touch` is not. */
export const STUBBED_COMMANDS = ['aws', 'rolekeeper', 'rm', 'chmod', 'sed', 'del'];

export interface ShellRun {
  /** Each stub call in order: the command name, then its arguments. */
  calls: string[][];
  /** Files the text created in the folder it ran in. */
  created: string[];
  stderr: string;
}

// Interactive bash and zsh read the text line by line as typed or pasted input, with history
// expansion (`!!`) on; fish has no such mode for piped input and reads it as a script.
const INVOCATIONS: Record<RealShell, string[]> = {
  bash: ['bash', '--norc', '--noprofile', '-i'],
  zsh: ['zsh', '-f', '-i'],
  fish: ['fish', '--no-config'],
};

const STUB = `#!/bin/sh
n=$(ls "$RK_CALLS" | wc -l)
printf '%s\\0' "\${0##*/}" "$@" > "$RK_CALLS/$n"
`;

export function runPasted(shell: RealShell, text: string): ShellRun {
  const root = mkdtempSync(join(tmpdir(), 'rolekeeper-paste-'));
  try {
    const [work, stubs, calls, home] = ['work', 'stubs', 'calls', 'home'].map((name) => join(root, name));
    for (const dir of [work, stubs, calls, home]) mkdirSync(dir);
    for (const command of STUBBED_COMMANDS) {
      writeFileSync(join(stubs, command), STUB);
      chmodSync(join(stubs, command), 0o755);
    }
    const [program, ...args] = INVOCATIONS[shell];
    // From a file: fish does not read a socket on stdin, which is what Node's `input` gives it.
    writeFileSync(join(root, 'pasted'), `${text}\n`);
    const pasted = openSync(join(root, 'pasted'), 'r');
    const result = spawnSync(program, args, {
      cwd: work,
      stdio: [pasted, 'pipe', 'pipe'],
      encoding: 'utf8',
      timeout: 20_000,
      env: { PATH: `${stubs}:${process.env.PATH ?? '/usr/bin:/bin'}`, HOME: home, RK_CALLS: calls, TERM: 'dumb', LANG: 'C.UTF-8' },
    });
    closeSync(pasted);
    // A missing shell is a failed test, never a skipped one: scripts/setup.sh installs all three.
    if (result.error) throw new Error(`${program} could not run (install it with scripts/setup.sh): ${result.error.message}`);
    const recorded = readdirSync(calls)
      .sort((a, b) => Number(a) - Number(b))
      .map((file) => readFileSync(join(calls, file), 'utf8').split('\0').slice(0, -1));
    return { calls: recorded, created: readdirSync(work), stderr: result.stderr };
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
}
