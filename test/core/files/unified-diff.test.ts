import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { unifiedDiff } from '../../../src/main/core/files/unified-diff';

test('prints changed lines with three lines of context in separate hunks', () => {
  const before = ['a', 'b', 'c', 'd', 'e', 'f', 'g', 'h', 'i', 'j', 'k', 'l'].join('\n') + '\n';
  const after = before.replace('b\n', 'B\n').replace('k\n', 'k\nk2\n');
  assert.equal(
    unifiedDiff(before, after, 'f'),
    ['--- f', '+++ f', '@@ -1,5 +1,5 @@', ' a', '-b', '+B', ' c', ' d', ' e', '@@ -9,4 +9,5 @@', ' i', ' j', ' k', '+k2', ' l', ''].join('\n'),
  );
});

test('is empty when only line endings differ', () => {
  assert.equal(unifiedDiff('a\r\nb\r\n', 'a\nb\n', 'f'), '');
});

test('marks a last line without a newline', () => {
  assert.equal(unifiedDiff('a\nb', 'a\nc', 'f'), ['--- f', '+++ f', '@@ -1,2 +1,2 @@', ' a', '-b', '\\ No newline at end of file', '+c', '\\ No newline at end of file', ''].join('\n'));
});

test('property: GNU patch turns the old text into the new one with the diff', (t) => {
  const dir = mkdtempSync(join(tmpdir(), 'rolekeeper-diff-'));
  t.after(() => rmSync(dir, { recursive: true, force: true }));
  const lines = fc.array(fc.constantFrom('[profile a]', 'region = x', '', '# c', 'key = 1', 'key = 2'), { maxLength: 25 });
  fc.assert(
    fc.property(lines, lines, (a, b) => {
      const before = a.map((line) => `${line}\n`).join('');
      const after = b.map((line) => `${line}\n`).join('');
      const diff = unifiedDiff(before, after, 'file');
      if (before === after) return assert.equal(diff, '');
      const file = join(dir, 'file');
      writeFileSync(file, before);
      execFileSync('patch', ['--silent', '--force', file], { input: diff });
      assert.equal(readFileSync(file, 'utf8'), after);
    }),
    { numRuns: 60 },
  );
});

test('still gives a diff that patch applies when the files are too big to align line by line', (t) => {
  const dir = mkdtempSync(join(tmpdir(), 'rolekeeper-diff-'));
  t.after(() => rmSync(dir, { recursive: true, force: true }));
  const before = Array.from({ length: 2500 }, (_, i) => `line ${i}\n`).join('');
  const after = `head\n${Array.from({ length: 2500 }, (_, i) => `line ${i % 7 === 0 ? 'x' : i}\n`).join('')}`;
  const diff = unifiedDiff(before, after, 'file');
  const file = join(dir, 'file');
  writeFileSync(file, before);
  execFileSync('patch', ['--silent', '--force', file], { input: diff });
  assert.equal(readFileSync(file, 'utf8'), after);
});
