import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseIni, shlexSplit } from '../../../src/main/core/aws-config/ini-parser';

const fixture = (name: string): string => readFileSync(join(__dirname, '..', '..', 'fixtures', 'profiles', name), 'utf8');

function section(text: string, header: string) {
  const parsed = parseIni(text);
  assert.equal(parsed.error, null);
  const found = parsed.sections.find((s) => s.header === header);
  assert.ok(found, `section [${header}] not found`);
  return found;
}

test('keys are lower-cased and either = or : separates key from value', () => {
  const s = section('[profile a]\nRegion: eu-west-1\nOUTPUT = json\n', 'profile a');
  assert.deepEqual([...s.entries.keys()], ['region', 'output']);
  assert.equal(s.entries.get('region')!.value, 'eu-west-1');
  assert.equal(s.entries.get('region')!.line, 2);
});

test('the first of = and : splits the line, so an ARN value keeps its colons', () => {
  const s = section('[p]\nrole_arn = arn:aws:iam::123456789012:role/x\nurl: http://h:80/a=b\n', 'p');
  assert.equal(s.entries.get('role_arn')!.value, 'arn:aws:iam::123456789012:role/x');
  assert.equal(s.entries.get('url')!.value, 'http://h:80/a=b');
});

test('an inline # comment stays part of the value, as in the AWS CLI, and is noted', () => {
  const parsed = parseIni('[p]\nregion = us-east-1 # home\nurl = http://h#frag\n');
  assert.equal(parsed.sections[0].entries.get('region')!.value, 'us-east-1 # home');
  assert.equal(parsed.sections[0].entries.get('url')!.value, 'http://h#frag');
  assert.deepEqual(parsed.notes.filter((n) => n.code === 'ini-inline-comment').map((n) => n.line), [2]);
});

test('full-line # and ; comments are skipped, even indented ones inside a multi-line value', () => {
  const s = section('# c\n; c\n[p]\n  # c\nkey =\n  a = 1\n  ; c\n  b = 2\n', 'p');
  assert.deepEqual(Object.fromEntries([...s.entries.get('key')!.nested!].map(([k, v]) => [k, v.value])), { a: '1', b: '2' });
});

test('an indented line after a key continues its value and is noted as read differently by the JS SDK', () => {
  const parsed = parseIni('[p]\nrole_arn = arn:aws:iam::123456789012:role/x\n  source_profile = b\n');
  const entry = parsed.sections[0].entries.get('role_arn')!;
  assert.equal(entry.value, 'arn:aws:iam::123456789012:role/x\nsource_profile = b');
  assert.equal(parsed.sections[0].entries.has('source_profile'), false);
  assert.deepEqual(parsed.notes.map((n) => [n.code, n.line]), [['ini-continuation-line', 3]]);
});

test('a key with an empty value followed by indented lines becomes a nested block with line numbers', () => {
  const s = section(fixture('tricky-config'), 'profile "with space"');
  const s3 = s.entries.get('s3')!;
  assert.equal(s3.line, 18);
  assert.deepEqual([...s3.nested!].map(([k, v]) => [k, v.value, v.line]), [
    ['addressing_style', 'path', 19],
    ['signature_version', 's3v4', 21],
  ]);
});

test('CRLF and lone CR line endings read like LF', () => {
  const s = section(fixture('crlf-config'), 'profile crlf');
  assert.equal(s.entries.get('region')!.value, 'eu-south-1');
  assert.equal(s.line, 4);
  assert.equal(section('[p]\rregion = a\r', 'p').entries.get('region')!.value, 'a');
});

test('[DEFAULT] keys are inherited by every section unless the section sets them', () => {
  const parsed = parseIni('[DEFAULT]\noutput = text\nregion = r0\n[a]\nregion = r1\n[b]\n');
  assert.deepEqual(parsed.sections.map((s) => s.header), ['a', 'b']);
  assert.equal(parsed.sections[0].entries.get('region')!.value, 'r1');
  assert.equal(parsed.sections[0].entries.get('output')!.value, 'text');
  assert.equal(parsed.sections[1].entries.get('output')!.line, 2);
  assert.ok(parsed.notes.some((n) => n.code === 'ini-default-section'));
});

test('an empty section still exists', () => {
  assert.equal(section('[profile empty]\n\n[p]\nk = v\n', 'profile empty').entries.size, 0);
});

test('a duplicate section rejects the whole file, naming the second header line', () => {
  const parsed = parseIni(fixture('duplicate-section-config'));
  assert.equal(parsed.error?.code, 'ini-duplicate-section');
  assert.equal(parsed.error?.line, 7);
  assert.deepEqual(parsed.sections, []);
});

test('a duplicate key (case-insensitively) in one section rejects the whole file', () => {
  const parsed = parseIni(fixture('duplicate-key-config'));
  assert.equal(parsed.error?.code, 'ini-duplicate-key');
  assert.equal(parsed.error?.line, 3);
});

test('a UTF-8 byte order mark rejects the file', () => {
  assert.equal(parseIni(fixture('bom-config')).error?.code, 'ini-bom');
});

test('text before the first section, a line without = and a bad nested line reject the file', () => {
  assert.equal(parseIni('region = x\n[p]\n').error?.code, 'ini-missing-section-header');
  assert.deepEqual([parseIni('[p]\njust words\n').error?.code, parseIni('[p]\njust words\n').error?.line], ['ini-bad-line', 2]);
  assert.equal(parseIni('[p]\n= value\n').error?.code, 'ini-bad-line');
  assert.equal(parseIni('[p]\ns3 =\n  addressing_style: path\n').error?.code, 'ini-bad-nested-line');
});

test('upper-case keys and colon delimiters are noted with their line', () => {
  const parsed = parseIni('[p]\nRegion: x\n');
  assert.deepEqual(parsed.notes.map((n) => [n.code, n.line]).sort(), [
    ['ini-colon-delimiter', 2],
    ['ini-upper-case-key', 2],
  ]);
});

test('a section header is the text up to the last ], as configparser reads it', () => {
  assert.equal(parseIni('[profile a] trailing]\nk=v\n').sections[0].header, 'profile a] trailing');
});

test('shlex splitting follows Python: quotes, runs of whitespace, escapes and unclosed quotes', () => {
  assert.deepEqual(shlexSplit('profile   a'), ['profile', 'a']);
  assert.deepEqual(shlexSplit('profile "a b"'), ['profile', 'a b']);
  assert.deepEqual(shlexSplit("profile 'it''s'"), ['profile', 'its']);
  assert.deepEqual(shlexSplit('profile a\\ b'), ['profile', 'a b']);
  assert.deepEqual(shlexSplit('profile "a\\"b\\x"'), ['profile', 'a"b\\x']);
  assert.deepEqual(shlexSplit("profile ''"), ['profile', '']);
  assert.equal(shlexSplit('profile "a'), null);
  assert.equal(shlexSplit('profile a\\'), null);
});

test('notes and errors never quote a wrapped token that the parser read as a key', () => {
  const token = 'FwoGZXIvYXdzEXAMPLETOKENVALUEabcdWRAPPEDtoken0123';
  const wrapped = `[p]\naws_session_token = IQoJb3JpZ2luX2VjEXAMPLEfirstHALF\n${token}=\n`;
  const note = parseIni(wrapped).notes.find((n) => n.code === 'ini-upper-case-key');
  assert.ok(note);
  assert.equal(note.line, 3);
  assert.equal(note.message.toLowerCase().includes(token.slice(0, 12).toLowerCase()), false, note.message);
  assert.match(note.message, /the key on this line has upper-case letters/);
  const twice = parseIni(`[p]\n${token}=\n${token}=\n`).error;
  assert.equal(twice?.code, 'ini-duplicate-key');
  assert.equal(twice.message.toLowerCase().includes(token.slice(0, 12).toLowerCase()), false, twice.message);
  // Ordinary keys are still named.
  assert.match(parseIni('[p]\nAWS_Region = x\n').notes[0]!.message, /key "AWS_Region" has upper-case letters/);
  assert.match(parseIni('[p]\nregion = a\nregion = b\n').error!.message, /key "region" appears twice/);
});
