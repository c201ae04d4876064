// "Another local user" for tests: a Node script run as `nobody` (uid/gid 65534, no supplementary
// groups) through util-linux's setpriv, against this user's endpoint, discovery file, token file or
// SSO listener. Needs root to change uid (the test machines and CI run as root); fails loudly if not.
import { spawn, type ChildProcess } from 'node:child_process';

export const OTHER_UID = 65_534;
export const OTHER_GID = 65_534;

export interface OtherUserProcess {
  child: ChildProcess;
  /** Everything it printed so far. */
  output: () => string;
  /** Resolves once a line matching `pattern` was printed (or rejects after `timeoutMs`). */
  waitFor: (pattern: RegExp, timeoutMs?: number) => Promise<RegExpMatchArray>;
  /** Resolves with the exit code; kills it first when it still runs. */
  stop: () => Promise<number | null>;
  exited: Promise<number | null>;
}

function requireRoot(): void {
  if (typeof process.getuid !== 'function' || process.getuid() !== 0) {
    throw new Error('tests of another local user run a process as nobody with setpriv, which needs root');
  }
}

/** Starts `node -e script` as nobody with only the given variables (no HOME of this user). */
export function startAsOtherUser(script: string, env: Record<string, string> = {}): OtherUserProcess {
  requireRoot();
  const child = spawn(
    'setpriv',
    [`--reuid=${OTHER_UID}`, `--regid=${OTHER_GID}`, '--clear-groups', process.execPath, '-e', script],
    { env: { PATH: process.env.PATH ?? '/usr/bin:/bin', HOME: '/nonexistent', ...env }, stdio: ['ignore', 'pipe', 'pipe'], cwd: '/' },
  );
  let out = '';
  child.stdout!.setEncoding('utf8');
  child.stderr!.setEncoding('utf8');
  child.stdout!.on('data', (chunk: string) => (out += chunk));
  child.stderr!.on('data', (chunk: string) => (out += chunk));
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  return {
    child,
    output: () => out,
    exited,
    waitFor: async (pattern, timeoutMs = 20_000) => {
      const started = Date.now();
      for (;;) {
        const match = out.match(pattern);
        if (match) return match;
        if (child.exitCode !== null || Date.now() - started > timeoutMs) throw new Error(`the other user's process never printed ${pattern}; it printed:\n${out}`);
        await new Promise((resolve) => setTimeout(resolve, 50));
      }
    },
    stop: async () => {
      if (child.exitCode === null) child.kill('SIGTERM');
      return exited;
    },
  };
}

/** Runs `node -e script` as nobody to the end; resolves with its exit code and output. */
export async function runAsOtherUser(script: string, env: Record<string, string> = {}): Promise<{ code: number | null; output: string }> {
  const run = startAsOtherUser(script, env);
  const code = await run.exited;
  return { code, output: run.output() };
}
