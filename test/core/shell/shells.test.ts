// Each shell's quoting and lines, by the rules of that shell.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { SHELL_SYNTAX, shellFor } from '../../../src/main/core/shell/shells';
import { UnquotableWordError } from '../../../src/main/core/shell/shell';
import { SHELLS } from '../../../src/shared/ipc-contract';

test('every shell kind in the shared list has its implementation, under its own kind', () => {
  assert.deepEqual(Object.keys(SHELL_SYNTAX).sort(), [...SHELLS].sort());
  for (const kind of SHELLS) assert.equal(shellFor(kind).kind, kind);
});

test('no login-shell program name belongs to two shells', () => {
  const names = SHELLS.flatMap((kind) => shellFor(kind).programNames);
  assert.equal(new Set(names).size, names.length, names.join(', '));
});

test('plain words are printed as they are in every shell', () => {
  for (const kind of SHELLS) {
    for (const word of ['dev', 'prod-admin', 'team.eu_1', '/home/me/.aws/cli/cache/0a1b.json']) assert.equal(shellFor(kind).quote(word), word, kind);
  }
});

test('bash keeps everything inside single quotes but the quote and terminal control characters', () => {
  const bash = shellFor('bash');
  assert.equal(bash.quote("x'; touch PWNED; echo '"), "'x'\\''; touch PWNED; echo '\\'");
  assert.equal(bash.quote('$(touch PWNED)'), "'$(touch PWNED)'");
  assert.equal(bash.quote('a\\b'), "'a\\b'");
  assert.equal(bash.quote(''), "''");
  assert.equal(bash.quote('=ls'), '=ls');
  assert.equal(bash.quote('two\nlines'), "'two\nlines'");
  assert.equal(bash.quote('esc\u001b]0;x\u0007'), "'esc'$'\\x1b'']0;x'$'\\x07'");
  assert.equal(bash.quote('csi\u009b'), "'csi'$'\\xc2\\x9b'");
  assert.equal(bash.quote('cr\rhidden'), "'cr'$'\\x0d''hidden'");
  assert.throws(() => bash.quote('nul\0'), UnquotableWordError);
});

test('zsh also quotes a leading = , which its EQUALS option would expand', () => {
  assert.equal(shellFor('zsh').quote('=ls'), "'=ls'");
  assert.equal(shellFor('zsh').quote('a=b'), 'a=b');
});

test("fish escapes backslashes and quotes inside its single quotes and writes control characters outside them", () => {
  const fish = shellFor('fish');
  assert.equal(fish.quote("a\\'; touch PWNED #"), "'a\\\\\\'; touch PWNED #'");
  assert.equal(fish.quote("it's \\ here"), "'it\\'s \\\\ here'");
  assert.equal(fish.quote('esc\u001bx'), "'esc'\\u001b'x'");
  assert.equal(fish.quote('%self'), "'%self'");
  assert.equal(fish.setVariable('AWS_PROFILE', 'dev'), "set -gx AWS_PROFILE 'dev'");
  assert.equal(fish.unsetVariable('AWS_PROFILE'), 'set -e AWS_PROFILE');
});

test('PowerShell doubles every single-quote character, quotes splat and array syntax, and refuses control characters', () => {
  const powershell = shellFor('powershell');
  assert.equal(powershell.quote('a\u2019b; calc'), "'a\u2019\u2019b; calc'");
  assert.equal(powershell.quote("it's"), "'it''s'");
  assert.equal(powershell.quote('@splat'), "'@splat'");
  assert.equal(powershell.quote('a,b'), "'a,b'");
  assert.equal(powershell.quote('two\nlines'), "'two\nlines'");
  assert.throws(() => powershell.quote('esc\u001b'), (error: Error) => error instanceof UnquotableWordError && error.shell === 'powershell');
  // The right side of `=` is an expression: a bare word there would run as a command.
  assert.equal(powershell.setVariable('AWS_PROFILE', 'dev'), "$Env:AWS_PROFILE = 'dev'");
  assert.equal(powershell.removeFile('C:\\Users\\me\\x.json'), "Remove-Item -LiteralPath 'C:\\Users\\me\\x.json'");
});

test('cmd double-quotes what it can and refuses what it cannot, and what PowerShell would expand', () => {
  const cmd = shellFor('cmd');
  assert.equal(cmd.quote('a b&c|d<e>f^g'), '"a b&c|d<e>f^g"');
  assert.equal(cmd.quote('@x'), '"@x"');
  assert.equal(cmd.quote('a=b'), '"a=b"');
  for (const value of ['a"b', '100%', '%PATH%', 'bang!', '$(calc)', '`calc`', 'two\nlines', 'cr\r', '\u201cx\u201d', 'esc\u001b']) {
    assert.throws(() => cmd.quote(value), UnquotableWordError, JSON.stringify(value));
    assert.throws(() => cmd.setVariable('AWS_PROFILE', value), UnquotableWordError, JSON.stringify(value));
  }
  assert.equal(cmd.setVariable('AWS_PROFILE', 'dev'), 'set "AWS_PROFILE=dev"');
  assert.equal(cmd.unsetVariable('AWS_PROFILE'), 'set "AWS_PROFILE="');
  assert.equal(cmd.removeFile('C:\\Users\\me\\x.json'), 'del /q "C:\\Users\\me\\x.json"');
});

test('a file whose path starts with a dash is removed after --, never read as an option', () => {
  for (const kind of ['bash', 'zsh', 'fish'] as const) assert.equal(shellFor(kind).removeFile('-rf'), 'rm -- -rf', kind);
  assert.equal(shellFor('bash').removeFile('/tmp/x'), 'rm /tmp/x');
});

test('no shell prints a terminal control character raw, whatever the value holds', () => {
  const value = 'a\u0007\u001b\r\u007f\u0085\u009bz';
  for (const kind of SHELLS) {
    let line: string;
    try {
      line = shellFor(kind).quote(value);
    } catch (error) {
      assert.ok(error instanceof UnquotableWordError, kind);
      continue;
    }
    assert.doesNotMatch(line, /[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/, kind);
  }
});
