// Names in fix texts written for no shell in particular (refresh errors, setup, manage).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { NAME_PLACEHOLDER, quoteNameForAnyShell, quoteNameInProse, quoteWordForAnyPosixShell } from '../../../src/main/core/shell/any-shell';

test('on macOS and Linux a name is quoted so bash, zsh, dash and fish all read it alike', () => {
  assert.equal(quoteNameForAnyShell('linux', 'dev-admin'), 'dev-admin');
  assert.equal(quoteNameForAnyShell('darwin', '=ls'), "'=ls'");
  assert.equal(quoteNameForAnyShell('linux', '%self'), "'%self'");
  // No backslash inside the quotes, where fish would read `\'` as a quote.
  assert.equal(quoteNameForAnyShell('linux', "a\\'; touch PWNED #"), "'a'\\\\\\''; touch PWNED #'");
  assert.equal(quoteNameForAnyShell('linux', 'two\nlines'), "'two\nlines'");
  assert.equal(quoteNameForAnyShell('linux', 'esc\u001b'), "'esc'$'\\x1b'");
  assert.equal(quoteNameForAnyShell('linux', 'nul\0'), NAME_PLACEHOLDER);
  assert.equal(quoteWordForAnyPosixShell('/home/o\'brien/.aws/config'), "'/home/o'\\''brien/.aws/config'");
});

test('on Windows a name takes the quoting that both cmd and PowerShell read literally, or none', () => {
  assert.equal(quoteNameForAnyShell('win32', 'dev'), 'dev');
  assert.equal(quoteNameForAnyShell('win32', "it's & more"), '"it\'s & more"');
  assert.equal(quoteNameForAnyShell('win32', '$(calc)'), "'$(calc)'");
  assert.equal(quoteNameForAnyShell('win32', '100%'), "'100%'");
  // cmd would run what follows & outside PowerShell's quotes, and cannot quote the % itself.
  assert.equal(quoteNameForAnyShell('win32', '100%&calc'), NAME_PLACEHOLDER);
  assert.equal(quoteNameForAnyShell('win32', 'a"b'), NAME_PLACEHOLDER);
  assert.equal(quoteNameForAnyShell('win32', 'esc\u001b'), NAME_PLACEHOLDER);
  assert.equal(quoteNameForAnyShell('win32', '$x\ncalc'), NAME_PLACEHOLDER);
});

test('a name in prose is "plain" when plain, else quoted, with control characters shown as text', () => {
  assert.equal(quoteNameInProse('linux', 'dev'), '"dev"');
  assert.equal(quoteNameInProse('linux', '$(touch PWNED)'), "'$(touch PWNED)'");
  assert.equal(quoteNameInProse('linux', 'esc\u001b]0;x\u0007'), "'esc'\\\\'x1b]0;x'\\\\'x07'");
  assert.equal(quoteNameInProse('win32', "it's"), '"it\'s"');
  assert.equal(quoteNameInProse('win32', '100%&calc'), 'the profile named above');
});
