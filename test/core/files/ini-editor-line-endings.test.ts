// The reported cases: credentials files with CR CR LF or lone-CR line endings, edited the way
// `manage` and `refresh` edit them, must still be read by botocore with every value in place.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { writeManagedKeys } from '../../../src/main/core/sinks/managed-keys';
import { HeldCredentials } from '../../../src/main/core/sinks/held-credentials';
import { loadProfiles } from '../../../src/main/core/aws-config/profile-loader';
import { editSection } from '../../../src/main/core/files/ini-editor';
import { EXPIRY_KEY } from '../../../src/main/core/credentials/profile-keys';
import { readStore } from '../../../src/main/core/credentials/rolekeeper-store';
import { readWithBotocore } from '../../helpers/botocore';
import { withTempHome } from '../../helpers/temp-home';

const NEW_KEYS = {
  accessKeyId: 'ASIANEWNEWNEWNEW',
  secretAccessKey: 'new/secret+value',
  sessionToken: 'FwoNEWTOKEN==',
  expiration: new Date('2026-11-28T23:00:00Z'),
};

for (const [name, eol] of [
  ['CR CR LF', '\r\r\n'],
  ['lone CR', '\r'],
] as const) {
  test(`a credentials file with ${name} line endings, edited like refresh does, still reads in botocore with region and output kept`, async () => {
    const original = ['[other]', 'aws_access_key_id = AKIAOTHER', 'region = eu-west-1', '', '[managed]', 'aws_access_key_id = ASIAOLD', 'aws_secret_access_key = oldsecret', 'aws_session_token = oldtoken', 'region = eu-central-1', 'output = json', ''].join(eol);
    await withTempHome({ credentials: original }, async (home) => {
      const context = { environment: home.environment, profiles: loadProfiles(home.environment), store: readStore(home.environment), held: new HeldCredentials(false), now: Date.now };
      await writeManagedKeys('managed', NEW_KEYS, context);
      const text = readFileSync(home.credentialsFile, 'utf8');
      // The key values change where they stand; the expiry line comes after the last key with the
      // file's most common terminator (CR on a tie with CRLF: it is seen first); nothing else moves.
      const expected = original
        .replace('ASIAOLD', NEW_KEYS.accessKeyId)
        .replace('oldsecret', NEW_KEYS.secretAccessKey)
        .replace('oldtoken', NEW_KEYS.sessionToken)
        .replace(`output = json${eol}`, `output = json\r${EXPIRY_KEY} = 2026-11-28T23:00:00Z\r${eol.slice(1)}`);
      assert.equal(JSON.stringify(text), JSON.stringify(expected));
      const [view] = readWithBotocore([{ path: home.credentialsFile, kind: 'credentials' }]);
      assert.ok(view!.ok, 'botocore parses the file');
      assert.deepEqual(view.sections.managed, {
        aws_access_key_id: NEW_KEYS.accessKeyId,
        aws_secret_access_key: NEW_KEYS.secretAccessKey,
        aws_session_token: NEW_KEYS.sessionToken,
        region: 'eu-central-1',
        output: 'json',
        [EXPIRY_KEY]: '2026-11-28T23:00:00Z',
      });
      assert.deepEqual(view.sections.other, { aws_access_key_id: 'AKIAOTHER', region: 'eu-west-1' });
    });
  });
}

test('a key whose value holds U+2028 is replaced whole, and a new key after it stays its own key', () => {
  const before = '[dev]\rrole_arn = arn:aws:iam::1:role/a\u2028b\rregion = x\r';
  const after = editSection(before, { profile: 'dev', fileKind: 'credentials' }, { set: { role_arn: 'arn:aws:iam::1:role/c', output: 'json' } });
  assert.equal(after, '[dev]\rrole_arn = arn:aws:iam::1:role/c\rregion = x\routput = json\r');
});

test('botocore sees the same files as the reader for the reported line endings', () => {
  withTempHome({}, (home) => {
    const files = ['[a]\r\r\nregion = x\r\r\n', '[a]\rregion = x\routput = json\r'].map((text, i) => home.write(join('.aws', `f${i}`), text));
    const views = readWithBotocore(files.map((path) => ({ path, kind: 'credentials' as const })));
    assert.deepEqual(views.map((view) => view.ok && view.sections), [{ a: { region: 'x' } }, { a: { region: 'x', output: 'json' } }]);
  });
});

test('a new line ended with a lone CR before a blank LF line keeps the blank line (the two never read as one CRLF)', () => {
  // CR is the most common ending here, so a new line takes it; the blank line after k1 ends with LF.
  const text = '[a]\rk1 = 1\r\n\n[b]\rk2 = 2\r';
  const edited = editSection(text, { profile: 'a', fileKind: 'credentials' }, { set: { k3: '3' } });
  assert.equal(JSON.stringify(edited), JSON.stringify('[a]\rk1 = 1\r\nk3 = 3\r\n\n[b]\rk2 = 2\r'));
  const lineCount = (value: string): number => value.split(/\r\n|\r|\n/).length;
  assert.equal(lineCount(edited), lineCount(text) + 1);
});

test('removing a key between a lone-CR line and a blank LF line keeps the blank line', () => {
  const text = '[a]\rk1 = 1\rk2 = 2\r\n\n[b]\rk3 = 3\r';
  const edited = editSection(text, { profile: 'a', fileKind: 'credentials' }, { remove: ['k2'] });
  const lineCount = (value: string): number => value.split(/\r\n|\r|\n/).length;
  assert.equal(lineCount(edited), lineCount(text) - 1);
  assert.match(edited, /^\[a\]\rk1 = 1\r\n?\n\[b\]/);
});
