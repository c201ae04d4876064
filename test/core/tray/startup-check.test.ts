// The tray's start-up check of its folders: a file where the data folder should be is named as
// such (with the folder it blocks), a folder that does not exist yet is fine.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startupFolderProblem } from '../../../src/main/core/tray/startup-check';
import { errorText } from '../../../src/main/core/model/worded-error';
import { translator } from '../../../src/shared/i18n';

test('a data folder that is a file, or lies under one, is named with the reason; a missing one is fine', (t) => {
  const root = mkdtempSync(join(tmpdir(), 'rolekeeper-start-'));
  t.after(() => rmSync(root, { recursive: true, force: true }));
  const file = join(root, 'not-a-folder');
  writeFileSync(file, 'x');
  mkdirSync(join(root, 'ok'));
  assert.equal(startupFolderProblem([join(root, 'ok'), join(root, 'missing', 'deeper')]), null);
  const direct = startupFolderProblem([join(root, 'ok'), file]);
  assert.ok(direct);
  assert.match(direct.message, new RegExp(`^${file.replace(/[/\\.]/g, '\\$&')} is a file, not a folder\\. Rolekeeper keeps its data in ${file.replace(/[/\\.]/g, '\\$&')}`));
  const nested = startupFolderProblem([join(file, 'Rolekeeper')]);
  assert.ok(nested);
  assert.ok(nested.message.startsWith(`${file} is a file, not a folder`), nested.message);
  assert.ok(nested.message.includes(join(file, 'Rolekeeper')));
  assert.match(errorText(nested, translator('de')), /ist eine Datei, kein Ordner/);
});

test('a store that is a folder is named as such; a store that does not exist yet is fine', (t) => {
  const root = mkdtempSync(join(tmpdir(), 'rolekeeper-start-'));
  t.after(() => rmSync(root, { recursive: true, force: true }));
  const store = join(root, 'profiles.json');
  assert.equal(startupFolderProblem([root], [store]), null);
  mkdirSync(store);
  const problem = startupFolderProblem([root], [store]);
  assert.ok(problem);
  assert.ok(problem.message.startsWith(`${store} is a folder, not a file.`), problem.message);
});
