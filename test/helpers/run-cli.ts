// Runs the built `rolekeeper` binary (bin/rolekeeper.js → dist/) as a user would.
import { spawn, spawnSync } from 'node:child_process';
import { join } from 'node:path';

export const ROLEKEEPER_BIN = join(__dirname, '..', '..', 'bin', 'rolekeeper.js');

export interface CliResult {
  code: number;
  stdout: string;
  stderr: string;
}

export function runCli(args: string[], env: Record<string, string>, input?: string): CliResult {
  const result = spawnSync(process.execPath, [ROLEKEEPER_BIN, ...args], {
    env,
    input,
    encoding: 'utf8',
    timeout: 60_000,
  });
  return { code: result.status ?? -1, stdout: result.stdout, stderr: result.stderr };
}

/** Runs any command without blocking the test process (fault proxies and servers in it keep answering). */
export function runCommandAsync(command: string, args: string[], env: Record<string, string>, timeoutMs = 120_000): Promise<CliResult> {
  return new Promise((resolve) => {
    const child = spawn(command, args, { env, stdio: ['ignore', 'pipe', 'pipe'], timeout: timeoutMs });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk) => (stdout += chunk));
    child.stderr.on('data', (chunk) => (stderr += chunk));
    child.on('error', (error) => resolve({ code: -1, stdout, stderr: stderr + String(error) }));
    child.on('close', (code) => resolve({ code: code ?? -1, stdout, stderr }));
  });
}

export function runCliAsync(args: string[], env: Record<string, string>): Promise<CliResult> {
  return runCommandAsync(process.execPath, [ROLEKEEPER_BIN, ...args], env);
}

/** Runs a real AWS CLI (`aws` v1 from pip on PATH, or `/usr/bin/aws` v2) with a test environment. */
export function runAws(awsBinary: string, args: string[], env: Record<string, string>): CliResult {
  const result = spawnSync(awsBinary, args, { env, encoding: 'utf8', timeout: 120_000 });
  return { code: result.status ?? -1, stdout: result.stdout ?? '', stderr: result.stderr ?? String(result.error ?? '') };
}
