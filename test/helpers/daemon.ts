// A real `rolekeeper daemon` for CLI tests: started with the test's environment, returned once its
// log shows the line the test waits for (by default the first refresh of project1).
import assert from 'node:assert/strict';
import { spawn, type ChildProcess } from 'node:child_process';
import { ROLEKEEPER_BIN } from './run-cli';

export interface RunningDaemon {
  child: ChildProcess;
  log: () => string;
  /** SIGTERM (if it still runs), then its exit code. */
  stop: () => Promise<number | null>;
}

export interface DaemonOptions {
  /** The log line to wait for; the start fails if it has not appeared within `timeoutMs`. */
  waitFor?: RegExp;
  /** Options after `daemon` (`--lead 14m`, …). */
  args?: string[];
  timeoutMs?: number;
}

export async function startDaemon(env: Record<string, string>, options: DaemonOptions = {}): Promise<RunningDaemon> {
  const waitFor = options.waitFor ?? /project1 refreshed/;
  const child = spawn(process.execPath, [ROLEKEEPER_BIN, 'daemon', ...(options.args ?? [])], { env, stdio: ['ignore', 'ignore', 'pipe'] });
  let log = '';
  child.stderr!.setEncoding('utf8');
  child.stderr!.on('data', (chunk: string) => (log += chunk));
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  const stop = async (): Promise<number | null> => {
    if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
    return exited;
  };
  const started = Date.now();
  while (!waitFor.test(log) && child.exitCode === null && Date.now() - started < (options.timeoutMs ?? 30_000)) await new Promise((resolve) => setTimeout(resolve, 100));
  if (!waitFor.test(log)) {
    await stop();
    assert.fail(`the daemon never logged ${waitFor}; it said:\n${log}`);
  }
  return { child, log: () => log, stop };
}
