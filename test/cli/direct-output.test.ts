// The warm path's output (write(2) on the descriptor, the stream for what it will not take at once).
// Through child processes, since it writes to this process's own stdout.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { withTempHome } from '../helpers/temp-home';

const DIRECT_OUTPUT = join(__dirname, '..', '..', 'src', 'main', 'cli', 'direct-output.ts');
const MEGABYTE = 1024 * 1024;

function writer(dir: string, body: string): string {
  const file = join(dir, 'writer.ts');
  writeFileSync(file, `import { directOutput } from ${JSON.stringify(DIRECT_OUTPUT)};\nconst output = directOutput('linux')!;\n${body}\n`);
  return file;
}

test('all of a large output reaches a slow reader, also once Node has made the stdout pipe non-blocking', { skip: process.platform === 'win32' }, () => {
  withTempHome({}, (home) => {
    // Building process.stdout sets O_NONBLOCK on the pipe; a megabyte is far more than it holds.
    const script = writer(home.home, `process.stdout;\noutput.stdout('a'.repeat(${MEGABYTE}));\noutput.stdout('b\\n');`);
    const result = spawnSync('sh', ['-c', `"${process.execPath}" --import tsx "${script}" | (sleep 1; wc -c)`], { encoding: 'utf8', cwd: join(__dirname, '..', '..') });
    assert.equal(result.stderr, '');
    assert.equal(result.stdout.trim(), String(MEGABYTE + 2));
  });
});

test('it says whether everything went out with write(2): yes for a small write, no once the stream had to take the rest', { skip: process.platform === 'win32' }, () => {
  withTempHome({}, (home) => {
    const small = writer(home.home, `output.stdout('small\\n');\nprocess.stderr.write(String(output.allWritten()));`);
    const quick = spawnSync('sh', ['-c', `"${process.execPath}" --import tsx "${small}" | cat`], { encoding: 'utf8', cwd: join(__dirname, '..', '..') });
    assert.equal(quick.stdout, 'small\n');
    assert.equal(quick.stderr, 'true');
    // A non-blocking pipe that a slow reader leaves full: write(2) stops short and the stream takes over.
    const large = writer(home.home, `process.stdout;\noutput.stdout('a'.repeat(${MEGABYTE}));\nprocess.stderr.write(String(output.allWritten()));`);
    const slow = spawnSync('sh', ['-c', `"${process.execPath}" --import tsx "${large}" | (sleep 1; wc -c)`], { encoding: 'utf8', cwd: join(__dirname, '..', '..') });
    assert.equal(slow.stdout.trim(), String(MEGABYTE));
    assert.equal(slow.stderr, 'false');
  });
});

test('text keeps its order over many writes to a slow reader', { skip: process.platform === 'win32' }, () => {
  withTempHome({}, (home) => {
    const script = writer(home.home, `process.stdout;\nfor (let i = 0; i < 2000; i++) output.stdout(\`line \${i} \${'x'.repeat(1000)}\\n\`);`);
    const result = spawnSync('sh', ['-c', `"${process.execPath}" --import tsx "${script}" | (sleep 1; cat)`], { encoding: 'utf8', cwd: join(__dirname, '..', '..'), maxBuffer: 16 * MEGABYTE });
    const numbers = result.stdout.trim().split('\n').map((line) => Number(line.split(' ')[1]));
    assert.deepEqual(numbers, [...Array(2000).keys()]);
  });
});

test('a closed pipe hands the rest to the stream, whose error ends the run quietly with its exit code (process guards)', { skip: process.platform === 'win32' }, () => {
  withTempHome({}, (home) => {
    const guards = join(__dirname, '..', '..', 'src', 'main', 'cli', 'process-guards.ts');
    const script = writer(home.home, `import { installProcessGuards } from ${JSON.stringify(guards)};\ninstallProcessGuards();\nprocess.exitCode = 3;\nsetTimeout(() => { output.stdout('x'.repeat(${MEGABYTE})); output.stdout('more\\n'); }, 200);`);
    const result = spawnSync('bash', ['-c', `"${process.execPath}" --import tsx "${script}" | head -c 1 >/dev/null; echo "exit=\${PIPESTATUS[0]}"`], { encoding: 'utf8', cwd: join(__dirname, '..', '..') });
    assert.equal(result.stderr, '');
    assert.equal(result.stdout, 'exit=3\n');
  });
});
