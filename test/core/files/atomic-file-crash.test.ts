// Kills a process in the middle of writeFileAtomic, over and over, and checks the target is
// always exactly one complete version. (SIGKILL models a crashed process, not a power cut: that
// part rests on fsync before rename.)
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { buildSync } from 'esbuild';
import { isTempFileFor, removeStaleTempFiles } from '../../../src/main/core/files/atomic-file';

const TIME_BUDGET_MS = 12_000;
const MIN_ITERATIONS = 10;
const MAX_ITERATIONS = 200;

/** A file of distinct lines, so a torn mix of the two versions can never equal either. */
function bigContent(tag: string, bytes: number): Buffer {
  const line = `[profile ${tag}] ${randomBytes(24).toString('hex')}\n`;
  return Buffer.from(line.repeat(Math.ceil(bytes / line.length)));
}

function runUntilKilled(script: string, args: string[], killAfterMs: number): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [script, ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
    let stderr = '';
    child.stderr.on('data', (chunk) => (stderr += chunk));
    child.stdout.once('data', () => setTimeout(() => child.kill('SIGKILL'), killAfterMs));
    child.on('error', reject);
    child.on('exit', (code, signal) => {
      if (signal === 'SIGKILL') resolve();
      else reject(new Error(`writer exited on its own (code ${code}): ${stderr}`));
    });
  });
}

test('a write killed at random points leaves the old or the new file, never a torn one', async (t) => {
  const dir = mkdtempSync(join(tmpdir(), 'rolekeeper-crash-'));
  t.after(() => rmSync(dir, { recursive: true, force: true }));
  // Bundled to plain JS once, so each of the many child processes starts in milliseconds.
  const script = join(dir, 'atomic-writer.js');
  buildSync({
    entryPoints: [join(__dirname, '..', '..', 'fixtures', 'file-safety', 'atomic-writer.ts')],
    bundle: true,
    platform: 'node',
    format: 'cjs',
    outfile: script,
    logLevel: 'silent',
  });
  const work = join(dir, 'aws');
  mkdirSync(work);
  const versionA = bigContent('a', 3 * 1024 * 1024);
  const versionB = bigContent('b', 2 * 1024 * 1024 + 12345);
  const fileA = join(dir, 'a.bin');
  const fileB = join(dir, 'b.bin');
  writeFileSync(fileA, versionA);
  writeFileSync(fileB, versionB);
  const target = join(work, 'config');
  writeFileSync(target, versionA);

  const started = Date.now();
  let iterations = 0;
  let leftovers = 0;
  const seen = { a: 0, b: 0 };
  while (iterations < MIN_ITERATIONS || (iterations < MAX_ITERATIONS && Date.now() - started < TIME_BUDGET_MS)) {
    iterations++;
    await runUntilKilled(script, [target, fileA, fileB], Math.floor(Math.random() * 150));
    const now = readFileSync(target);
    const isA = now.equals(versionA);
    const isB = now.equals(versionB);
    assert.ok(isA || isB, `iteration ${iterations}: target is torn (${now.length} bytes)`);
    seen[isA ? 'a' : 'b']++;
    const names = readdirSync(work);
    const strays = names.filter((name) => name !== 'config');
    assert.ok(strays.every((name) => isTempFileFor(target, name)), `unexpected files: ${strays.join(', ')}`);
    leftovers += strays.length;
    // Leftovers are only ever temp files; they are tidied by age, here forced with a future clock.
    await removeStaleTempFiles(target, { olderThanMs: 0, now: Date.now() + 60_000 });
    assert.deepEqual(readdirSync(work), ['config']);
  }
  t.diagnostic(`${iterations} kills: ${seen.a} left version A, ${seen.b} version B, ${leftovers} temp files tidied`);
});
