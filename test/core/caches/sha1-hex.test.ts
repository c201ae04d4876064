import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import fc from 'fast-check';
import { sha1Hex } from '../../../src/main/core/caches/sha1-hex';

test('sha1Hex names a cache file exactly as a SHA-1 of the UTF-8 text, for any text', () => {
  const nodeSha1 = (text: string): string => createHash('sha1').update(text, 'utf8').digest('hex');
  // The empty string, one and several 64-byte blocks, astral characters and lone surrogates.
  for (const text of ['', 'project1', 'x'.repeat(55), 'x'.repeat(56), 'y'.repeat(200), 'prøfil-日本-😀', '\ud800 lone']) {
    assert.equal(sha1Hex(text), nodeSha1(text), JSON.stringify(text));
  }
  fc.assert(fc.property(fc.string({ unit: 'binary', maxLength: 300 }), (text) => sha1Hex(text) === nodeSha1(text)));
});
