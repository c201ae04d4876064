// An indented `[profile x]` under a key is more of that key's value for botocore, not a header:
// it is reported as indentation, also when it makes a key appear twice.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseIni } from '../../../src/main/core/aws-config/ini-parser';

test('an indented header that makes a key appear twice is reported as the indented header, on its line', () => {
  const ini = parseIni('[profile a]\nregion = eu-west-1\n  [profile b]\nregion = us-east-1\n');
  assert.equal(ini.error?.code, 'ini-indented-header');
  assert.equal(ini.error?.line, 3);
  assert.match(ini.error?.message ?? '', /the header \[profile b\] is indented, so it starts no section/);
  assert.match(ini.error?.message ?? '', /lands in \[profile a\] a second time \(line 4, first at line 2\)/);
});

test('an indented header without a duplicate after it is a note that names the key whose value swallows it', () => {
  const ini = parseIni('[profile a]\nregion = eu-west-1\n    [profile b]\noutput = json\n');
  assert.equal(ini.error, null);
  const note = ini.notes.find((item) => item.code === 'ini-indented-header');
  assert.ok(note, JSON.stringify(ini.notes));
  assert.equal(note.line, 3);
  assert.match(note.message, /value of key "region", and the settings below it as settings of \[profile a\]/);
  assert.ok(!ini.notes.some((item) => item.code === 'ini-continuation-line'), 'not also reported as a continuation line');
});

test('a real duplicate key with no indented header between is still a duplicate key', () => {
  const ini = parseIni('[profile a]\nregion = eu-west-1\n  [not a header]\n[profile b]\nregion = x\nregion = y\n');
  assert.equal(ini.error?.code, 'ini-duplicate-key');
});
