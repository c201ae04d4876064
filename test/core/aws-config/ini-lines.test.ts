import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import {
  classifyIniLines,
  dominantTerminator,
  IniLineReader,
  joinIniLines,
  pythonStrip,
  splitIniLines,
} from '../../../src/main/core/aws-config/ini-lines';
import { parseIni } from '../../../src/main/core/aws-config/ini-parser';

test('splits at LF, CRLF and lone CR, keeping each line’s own terminator', () => {
  assert.deepEqual(splitIniLines('a\nb\r\nc\rd'), [
    { content: 'a', terminator: '\n' },
    { content: 'b', terminator: '\r\n' },
    { content: 'c', terminator: '\r' },
    { content: 'd', terminator: '' },
  ]);
  // CR CR LF is a lone CR and then a CRLF: an empty line between, as Python reads it.
  assert.deepEqual(splitIniLines('x\r\r\ny\r\r\n'), [
    { content: 'x', terminator: '\r' },
    { content: '', terminator: '\r\n' },
    { content: 'y', terminator: '\r' },
    { content: '', terminator: '\r\n' },
  ]);
  assert.deepEqual(splitIniLines(''), []);
  assert.deepEqual(splitIniLines('\n'), [{ content: '', terminator: '\n' }]);
});

test('Unicode line separators, NEL, form feed, vertical tab and file separators stay inside the line', () => {
  const odd = 'v\u2028a\u2029l\x85u\x0ce\x0b\x1c\x1d\x1e';
  assert.deepEqual(splitIniLines(`[p]\nregion = ${odd}\n`), [
    { content: '[p]', terminator: '\n' },
    { content: `region = ${odd}`, terminator: '\n' },
  ]);
  const entry = parseIni(`[p]\r\nkey = a\u2028b\r\n`).sections[0]!.entries.get('key')!;
  assert.equal(entry.value, 'a\u2028b');
});

test('joining the lines gives back the exact input, whatever it holds', () => {
  const chars = fc.constantFrom('a', ' ', '\t', '=', '[', ']', '#', '\n', '\r', '\u2028', '\u2029', '\x85', '\x0c', '\ufeff', 'é');
  fc.assert(
    fc.property(fc.array(chars, { maxLength: 60 }).map((c) => c.join('')), (text) => {
      const lines = splitIniLines(text);
      assert.equal(joinIniLines(lines), text);
      for (const line of lines) assert.doesNotMatch(line.content, /[\r\n]/);
      lines.slice(0, -1).forEach((line) => assert.notEqual(line.terminator, ''));
    }),
    { numRuns: 2000 },
  );
});

test('the dominant terminator is the most common one, the first seen on a tie', () => {
  assert.equal(dominantTerminator(splitIniLines('a\nb\r\nc\r\n')), '\r\n');
  assert.equal(dominantTerminator(splitIniLines('a\rb\r\n')), '\r');
  assert.equal(dominantTerminator(splitIniLines('no terminator'), '\r\n'), '\r\n');
});

test('strips whitespace as Python does: NEL and file separators yes, a BOM no', () => {
  assert.equal(pythonStrip('\x85\x1c a \u2028\x0c'), 'a');
  assert.equal(pythonStrip('\ufeffa'), '\ufeffa');
});

test('classifies lines as configparser does: indented lines continue a key, also after blank and comment lines', () => {
  const lines = classifyIniLines(splitIniLines('[p]\rs3 =\r\n\u00a0addressing_style = path\r\n\r# c\r\x0cx = 1\r[q]\rkey: v\u2028w\r'));
  assert.deepEqual(
    lines.map((line) => [line.kind, line.name ?? null, line.owner ?? null]),
    [
      ['header', 'p', null],
      ['key', 's3', null],
      ['continuation', null, 1],
      ['blank', null, null],
      ['comment', null, null],
      ['continuation', null, 1],
      ['header', 'q', null],
      ['key', 'key', null],
    ],
  );
});

test('the line reader the parser uses yields the same lines as splitIniLines, with or without carriage returns', () => {
  const chars = fc.constantFrom('a', ' ', '=', '[', ']', '\n', '\r', '\u2028', 'é');
  const read = (text: string): string[] => {
    const reader = new IniLineReader(text);
    const contents: string[] = [];
    while (reader.next()) contents.push(reader.content);
    return contents;
  };
  for (const text of ['', '\n', 'a', 'a\n', 'a\r', 'x\r\r\ny\r\r\n', '\n\n', 'a\nb']) {
    assert.deepEqual(read(text), splitIniLines(text).map((line) => line.content), JSON.stringify(text));
  }
  fc.assert(
    fc.property(fc.array(chars, { maxLength: 60 }).map((c) => c.join('')), (text) => {
      assert.deepEqual(read(text), splitIniLines(text).map((line) => line.content));
    }),
    { numRuns: 2000 },
  );
});
