// Each word file holds the sentences of one key prefix, so a key says where its words are.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

const shared = join(__dirname, '..', '..', 'src', 'shared');

test('every src/shared/*-words.ts file holds the keys of one prefix, in English and German alike', () => {
  const files = readdirSync(shared).filter((name) => name.endsWith('-words.ts'));
  assert.ok(files.length >= 10, 'the word files are found');
  const owner = new Map<string, string>();
  for (const file of files) {
    const keys = [...readFileSync(join(shared, file), 'utf8').matchAll(/^ {4}'([^']+)':/gm)].map((match) => match[1]);
    assert.ok(keys.length > 0, `${file} has words`);
    const prefixes = [...new Set(keys.map((key) => key.split('.')[0]))];
    assert.equal(prefixes.length, 1, `${file} holds one prefix, not ${prefixes.join(', ')}`);
    const before = owner.get(prefixes[0]);
    assert.equal(before, undefined, `${prefixes[0]}.* is in ${before} and ${file}`);
    owner.set(prefixes[0], file);
  }
});
