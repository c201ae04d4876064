// Small measuring helpers for `npm run bench`: figures and ratios measured side by side in one run.
import { spawnSync } from 'node:child_process';

export function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
}

export function percentile(values: number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];
}

/** Milliseconds of one synchronous call. */
export function timeSync(fn: () => void): number {
  const started = process.hrtime.bigint();
  fn();
  return Number(process.hrtime.bigint() - started) / 1e6;
}

export async function timeAsync(fn: () => Promise<unknown>): Promise<number> {
  const started = process.hrtime.bigint();
  await fn();
  return Number(process.hrtime.bigint() - started) / 1e6;
}

/** Wall time of a whole command, in ms; fails loudly when the command fails. */
export function timeCommand(command: string, args: string[], env: NodeJS.ProcessEnv): number {
  const started = process.hrtime.bigint();
  const result = spawnSync(command, args, { env, encoding: 'utf8' });
  const elapsed = Number(process.hrtime.bigint() - started) / 1e6;
  if (result.status !== 0) {
    throw new Error(`${command} ${args.join(' ')} failed (${result.status}): ${result.stderr}`);
  }
  return elapsed;
}

/** Runs the two commands alternately so machine noise hits both alike. */
export function alternate(runs: number, a: () => number, b: () => number): { a: number[]; b: number[] } {
  const results = { a: [] as number[], b: [] as number[] };
  for (let i = 0; i < runs; i++) {
    results.a.push(a());
    results.b.push(b());
  }
  return results;
}

export function heading(title: string): void {
  process.stdout.write(`\n== ${title}\n`);
}

export function row(label: string, value: string, verdict?: { target: string; met: boolean }): void {
  const suffix = verdict ? `   target ${verdict.target}: ${verdict.met ? 'met' : 'NOT MET'}` : '';
  process.stdout.write(`${label.padEnd(58)} ${value}${suffix}\n`);
}

export function ms(value: number): string {
  return `${value.toFixed(value < 10 ? 3 : 1)} ms`;
}
