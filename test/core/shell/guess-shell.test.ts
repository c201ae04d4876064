import { test } from 'node:test';
import assert from 'node:assert/strict';
import { guessShell } from '../../../src/main/core/shell/guess-shell';

const windows = (env: Record<string, string>) => guessShell({ env, platform: 'win32', homeDir: 'C:\\Users\\me' });
const SYSTEM_MODULES = 'C:\\Program Files\\WindowsPowerShell\\Modules;C:\\Windows\\system32\\WindowsPowerShell\\v1.0\\Modules';
const POWERSHELL_MODULES = `C:\\Users\\me\\Documents\\PowerShell\\Modules;C:\\Program Files\\PowerShell\\Modules;${SYSTEM_MODULES}`;

test('on Windows a PowerShell window (PSModulePath, no PROMPT) is PowerShell', () => {
  assert.equal(windows({ PSModulePath: POWERSHELL_MODULES }), 'powershell');
});

test('on Windows a cmd window is cmd although PSModulePath is set machine-wide or inherited from PowerShell', () => {
  assert.equal(windows({ PSModulePath: SYSTEM_MODULES, PROMPT: '$P$G' }), 'cmd');
  assert.equal(windows({ PSModulePath: POWERSHELL_MODULES, PROMPT: '$P$G' }), 'cmd');
  assert.equal(windows({ PROMPT: '$P$G' }), 'cmd');
  assert.equal(windows({}), 'cmd');
});

test('elsewhere the login shell decides; macOS without SHELL is zsh, anything unknown is bash', () => {
  const guess = (platform: NodeJS.Platform, SHELL?: string) => guessShell({ env: SHELL === undefined ? {} : { SHELL }, platform, homeDir: '/home/me' });
  assert.equal(guess('linux', '/usr/bin/fish'), 'fish');
  assert.equal(guess('linux', '/bin/zsh'), 'zsh');
  assert.equal(guess('linux', '/usr/bin/pwsh'), 'powershell');
  assert.equal(guess('linux', '/bin/bash'), 'bash');
  assert.equal(guess('linux', '/bin/dash'), 'bash');
  assert.equal(guess('linux', '/bin/sh'), 'bash');
  assert.equal(guess('darwin', '/opt/homebrew/bin/fish'), 'fish');
  assert.equal(guess('linux', '/usr/bin/tcsh'), 'bash');
  assert.equal(guess('darwin'), 'zsh');
  assert.equal(guess('linux'), 'bash');
  // PROMPT means nothing outside Windows.
  assert.equal(guessShell({ env: { SHELL: '/usr/bin/fish', PROMPT: '$P$G' }, platform: 'linux', homeDir: '/home/me' }), 'fish');
});
