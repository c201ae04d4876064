import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import fc from 'fast-check';
import {
  IniEditError,
  editSection,
  profileOfSection,
  readSection,
  type AwsFileKind,
  type SectionTarget,
} from '../../../src/main/core/files/ini-editor';
import { makeTempHome } from '../../helpers/temp-home';
import { writeFileSync, readFileSync } from 'node:fs';

const KEYS = {
  aws_access_key_id: 'AKIANEWNEWNEWNEW',
  aws_secret_access_key: 'new/secret+value',
  aws_session_token: 'FwoNEWTOKEN==',
};

const config = (profile: string): SectionTarget => ({ profile, fileKind: 'config' });
const credentials = (profile: string): SectionTarget => ({ profile, fileKind: 'credentials' });

test('replaces keys where they stand and leaves every other line alone', () => {
  const before = [
    '# my keys',
    '[default]',
    'region = us-east-1',
    '',
    '[dev]',
    '; rotated monthly',
    'aws_secret_access_key=oldsecret',
    'output = json',
    'AWS_ACCESS_KEY_ID   =   AKIAOLD  ',
    'aws_session_token = oldtoken',
    '',
    '# prod below',
    '[prod]',
    'aws_access_key_id = AKIAPROD',
    '',
  ].join('\n');
  const after = editSection(before, credentials('dev'), { set: KEYS });
  assert.equal(
    after,
    [
      '# my keys',
      '[default]',
      'region = us-east-1',
      '',
      '[dev]',
      '; rotated monthly',
      'aws_secret_access_key=new/secret+value',
      'output = json',
      'AWS_ACCESS_KEY_ID   =   AKIANEWNEWNEWNEW  ',
      'aws_session_token = FwoNEWTOKEN==',
      '',
      '# prod below',
      '[prod]',
      'aws_access_key_id = AKIAPROD',
      '',
    ].join('\n'),
  );
});

test('appends missing keys after the section’s last key, above the blank lines and comments before the next section', () => {
  const before = '[profile a]\nregion = eu-west-1\n# about a\nrole_arn = arn:aws:iam::1:role/r\n\n# next is b\n[profile b]\noutput = json\n';
  const after = editSection(before, config('a'), { set: { aws_access_key_id: 'AKIA1', x_rolekeeper_expiration: '2026-01-01T00:00:00Z' } });
  assert.equal(
    after,
    '[profile a]\nregion = eu-west-1\n# about a\nrole_arn = arn:aws:iam::1:role/r\naws_access_key_id = AKIA1\nx_rolekeeper_expiration = 2026-01-01T00:00:00Z\n\n# next is b\n[profile b]\noutput = json\n',
  );
});

test('puts the first key of an empty section right under its header', () => {
  const after = editSection('[a]\n\n# b follows\n[b]\nx = 1\n', credentials('a'), { set: { aws_access_key_id: 'AKIA1' } });
  assert.equal(after, '[a]\naws_access_key_id = AKIA1\n\n# b follows\n[b]\nx = 1\n');
});

test('keeps CRLF line endings and a missing final newline', () => {
  const before = '[dev]\r\nregion = x\r\naws_access_key_id = OLD';
  const after = editSection(before, credentials('dev'), { set: { aws_access_key_id: 'NEW', aws_session_token: 'TOK' } });
  assert.equal(after, '[dev]\r\nregion = x\r\naws_access_key_id = NEW\r\naws_session_token = TOK');
});

test('refuses a file with a UTF-8 BOM, which the AWS CLI cannot parse, rather than edit it or drop the BOM', () => {
  assert.throws(
    () => editSection('\uFEFF[dev]\r\nregion = x\r\n', credentials('dev'), { set: { aws_access_key_id: 'NEW' } }, { fileName: '/h/.aws/credentials' }),
    (error: unknown) => error instanceof IniEditError && error.line === 1 && /^\/h\/\.aws\/credentials:1: .*byte order mark/.test(error.message),
  );
});

test('keeps each line’s own ending in a file that mixes CRLF and LF, and gives new lines the most common one', () => {
  const before = '[dev]\nregion = x\r\noutput = json\n\r\n[b]\r\n';
  const after = editSection(before, credentials('dev'), { set: { region: 'y', aws_session_token: 't' } });
  assert.equal(after, '[dev]\nregion = y\r\noutput = json\naws_session_token = t\r\n\r\n[b]\r\n');
});

test('adds a missing section at the end of the file with the file’s line ending', () => {
  assert.equal(
    editSection('[profile a]\r\nregion = x\r\n', config('new'), { set: { region: 'eu-west-1' } }),
    '[profile a]\r\nregion = x\r\n\r\n[profile new]\r\nregion = eu-west-1\r\n',
  );
  assert.equal(editSection('', credentials('default'), { set: { aws_access_key_id: 'A' } }), '[default]\naws_access_key_id = A\n');
  assert.equal(editSection('# only a comment', config('default'), { set: { region: 'r' } }), '# only a comment\n\n[default]\nregion = r');
  assert.equal(editSection('[x]\n', credentials('y'), { set: { a: '1' }, createSection: false }), '[x]\n');
  assert.equal(editSection('[x]\n', credentials('y'), { remove: ['a'] }), '[x]\n');
  assert.equal(editSection('[x]\n', config('y'), { set: [], createSection: true }), '[x]\n\n[profile y]\n');
});

test('finds config sections written with extra spaces or quotes, as botocore does', () => {
  assert.equal(profileOfSection('profile  dev', 'config'), 'dev');
  assert.equal(profileOfSection('profile "dev"', 'config'), 'dev');
  assert.equal(profileOfSection('profile "my dev"', 'config'), 'my dev');
  assert.equal(profileOfSection('profile "dev', 'config'), null);
  assert.equal(profileOfSection('profile a b', 'config'), null);
  assert.equal(profileOfSection('profiledev', 'config'), null);
  assert.equal(profileOfSection('dev', 'config'), null);
  assert.equal(profileOfSection('profile dev', 'credentials'), 'profile dev');
  const after = editSection('[profile  dev]\nregion = a\n[dev]\nregion = b\n', config('dev'), { set: { region: 'c' } });
  assert.equal(after, '[profile  dev]\nregion = c\n[dev]\nregion = b\n');
});

test('refuses a profile defined by two sections, naming the file and line', () => {
  const text = '[profile a]\nregion = x\n\n[profile b]\n[profile a]\noutput = json\n';
  assert.throws(
    () => editSection(text, config('a'), { set: { region: 'y' } }, { fileName: '/home/u/.aws/config' }),
    (error: unknown) =>
      error instanceof IniEditError && error.line === 5 && error.message.startsWith('/home/u/.aws/config:5:') && /lines 1, 5/.test(error.message),
  );
  assert.throws(() => editSection('[default]\n[profile default]\n', config('default'), { set: { region: 'y' } }), IniEditError);
});

test('refuses to edit a key that appears twice in the section, whatever its case', () => {
  const text = '[dev]\naws_access_key_id = A\nregion = x\nAWS_ACCESS_KEY_ID = B\n';
  assert.throws(
    () => editSection(text, credentials('dev'), { set: KEYS }, { fileName: 'creds' }),
    (error: unknown) => error instanceof IniEditError && error.file === 'creds' && error.line === 4,
  );
  // Even a duplicate of a key it does not touch: botocore refuses the whole file, so would any edit of it.
  assert.throws(
    () => editSection('[dev]\nx = 1\nx = 2\n', credentials('dev'), { set: { y: '3' } }, { fileName: 'creds' }),
    (error: unknown) => error instanceof IniEditError && error.line === 3 && /appears twice.*will not edit/.test(error.message),
  );
});

test('removes keys together with the indented lines that continue their value', () => {
  const before = '[profile a]\nregion = x\ns3 =\n  addressing_style = path\n# kept\n  signature_version = s3v4\noutput = json\n';
  const after = editSection(before, config('a'), { remove: ['s3', 'missing'] });
  assert.equal(after, '[profile a]\nregion = x\n# kept\noutput = json\n');
});

test('does not mistake an indented sub-section key for a key of the profile', () => {
  const before = '[profile a]\nsts =\n  aws_access_key_id = nested\n\n[profile b]\n';
  const after = editSection(before, config('a'), { set: { aws_access_key_id: 'TOP' } });
  assert.equal(after, '[profile a]\nsts =\n  aws_access_key_id = nested\naws_access_key_id = TOP\n\n[profile b]\n');
});

test('returns the text unchanged when the values are already there', () => {
  const text = '[dev]\r\naws_access_key_id=AKIANEWNEWNEWNEW\r\n';
  assert.equal(editSection(text, credentials('dev'), { set: { aws_access_key_id: 'AKIANEWNEWNEWNEW' } }), text);
});

test('gives an empty value a space after the separator when it fills it', () => {
  assert.equal(editSection('[dev]\nregion =\n', credentials('dev'), { set: { region: 'x' } }), '[dev]\nregion = x\n');
  assert.equal(editSection('[dev]\nregion=\n', credentials('dev'), { set: { region: 'x' } }), '[dev]\nregion=x\n');
});

test('sets a key given twice once, with the later value', () => {
  assert.equal(editSection('[a]\n', credentials('a'), { set: [['region', 'x'], ['REGION', 'y']] }), '[a]\nREGION = y\n');
  assert.equal(editSection('[a]\n', credentials('a'), { set: { region: '' } }), '[a]\nregion =\n');
});

test('rejects values and names that would add lines to the file', () => {
  assert.throws(() => editSection('', credentials('dev'), { set: { region: 'a\n[evil]' } }), /line break/);
  assert.throws(() => editSection('', credentials('de]v'), { set: { region: 'a' } }), /profile name/);
  assert.throws(() => editSection('', config('my dev'), { set: { region: 'a' } }), /profile name/);
  assert.throws(() => editSection('', config('dev'), { set: { 'bad key': 'a' } }), /not a valid/);
});

test('reads back the key lines of a section with their line numbers', () => {
  const values = readSection('# x\n[profile a]\nRegion = eu-west-1\ns3 =\n  addressing_style = path\n', config('a'));
  assert.deepEqual(values?.get('region'), { rawKey: 'Region', value: 'eu-west-1', line: 3 });
  assert.equal(values?.has('addressing_style'), false);
  assert.equal(readSection('[profile a]\n', config('b')), null);
});

test('the AWS CLI reads the keys written into a file with comments, CRLF and no final newline', () => {
  const home = makeTempHome({
    credentials: '; team keys\r\n[other]\r\naws_access_key_id = AKIAOTHER\r\n\r\n[dev]\r\n# old\r\naws_access_key_id = OLD\r\nregion = eu-central-1',
  });
  try {
    const before = readFileSync(home.credentialsFile, 'utf8');
    writeFileSync(home.credentialsFile, editSection(before, credentials('dev'), { set: KEYS }));
    const get = (key: string, profile: string) =>
      execFileSync('aws', ['configure', 'get', key, '--profile', profile], { env: home.env, encoding: 'utf8' }).trim();
    assert.equal(get('aws_access_key_id', 'dev'), KEYS.aws_access_key_id);
    assert.equal(get('aws_session_token', 'dev'), KEYS.aws_session_token);
    assert.equal(get('aws_access_key_id', 'other'), 'AKIAOTHER');
  } finally {
    home.cleanup();
  }
});

// ---------------------------------------------------------------------------------------------
// Property-based: random valid AWS files, rendered from a model; the editor's output must equal
// the model edited and rendered again, and every line outside the edited keys must survive.

type Item =
  | { t: 'blank'; text: string }
  | { t: 'comment'; text: string }
  | { t: 'key'; key: string; sep: string; value: string }
  | { t: 'sub'; key: string; children: Array<{ indent: string; key: string; value: string }> };

interface Section {
  header: string;
  profile: string | null;
  items: Item[];
}

interface Model {
  kind: AwsFileKind;
  bom: boolean;
  eol: '\n' | '\r\n';
  finalNewline: boolean;
  preamble: Item[];
  sections: Section[];
}

const EDIT_KEYS = ['aws_access_key_id', 'aws_secret_access_key', 'aws_session_token', 'x_rolekeeper_expiration'] as const;
const OTHER_KEYS = ['region', 'output', 'role_arn', 'source_profile', 'mfa_serial'] as const;
const SUB_KEYS = ['s3', 'sts'] as const;

const valueArb = fc.stringMatching(/^[A-Za-z0-9/+=]([A-Za-z0-9/+=#;:.\-_ ]{0,20}[A-Za-z0-9])?$/);
const blankArb = fc.record({ t: fc.constant('blank' as const), text: fc.constantFrom('', ' ', '\t', '   ') });
const commentArb = fc.record({
  t: fc.constant('comment' as const),
  text: fc
    .tuple(fc.constantFrom('', ' ', '  '), fc.constantFrom('#', ';'), fc.string({ maxLength: 20 }))
    .map(([indent, mark, body]) => indent + mark + body.replace(/[\r\n]/g, '')),
});
const keyArb = fc.record({
  t: fc.constant('key' as const),
  key: fc.constantFrom(...EDIT_KEYS, ...OTHER_KEYS),
  sep: fc.constantFrom(' = ', '=', ' =', '= ', ': ', '   =   '),
  value: valueArb,
});
const subArb = fc.record({
  t: fc.constant('sub' as const),
  key: fc.constantFrom(...SUB_KEYS),
  children: fc.array(
    fc.record({ indent: fc.constantFrom('  ', '\t', '    '), key: fc.constantFrom(...EDIT_KEYS, 'addressing_style', 'endpoint_url'), value: valueArb }),
    { minLength: 1, maxLength: 3 },
  ),
});
const itemsArb = fc
  .array(fc.oneof(blankArb, commentArb, keyArb, keyArb, subArb), { maxLength: 8 })
  .map((items) => {
    const seen = new Set<string>();
    return items.filter((item) => {
      if (item.t !== 'key' && item.t !== 'sub') return true;
      if (seen.has(item.key)) return false;
      seen.add(item.key);
      return true;
    });
  });

function modelArb(kind: AwsFileKind): fc.Arbitrary<Model> {
  const names = fc.uniqueArray(fc.stringMatching(/^[a-z][a-z0-9_-]{0,7}$/), { maxLength: 5 });
  const sectionsArb = names.chain((list) =>
    fc.tuple(
      ...list.map((name) =>
        fc.tuple(fc.constantFrom('profile ', 'profile ', 'profile  ', 'sso-session ', 'services '), itemsArb).map(([prefix, items]): Section => {
          if (kind === 'credentials') return { header: name, profile: name, items };
          return { header: prefix + name, profile: prefix.startsWith('profile') ? name : null, items };
        }),
      ),
    ),
  );
  return fc
    .record({
      bom: fc.boolean(),
      eol: fc.constantFrom('\n' as const, '\r\n' as const),
      finalNewline: fc.boolean(),
      preamble: fc.array(fc.oneof(blankArb, commentArb), { maxLength: 3 }),
      sections: sectionsArb,
      defaultAt: fc.option(fc.nat(), { nil: undefined }),
      defaultItems: itemsArb,
    })
    .map(({ defaultAt, defaultItems, ...rest }) => {
      const sections = [...rest.sections];
      if (defaultAt !== undefined && !sections.some((s) => s.profile === 'default')) {
        sections.splice(defaultAt % (sections.length + 1), 0, { header: 'default', profile: 'default', items: defaultItems });
      }
      const model: Model = { kind, ...rest, sections };
      // An empty last line with no newline after it is not a line at all ("a\n" + "" is "a\n"):
      // make it whitespace so the model and its text stay one-to-one.
      const lastItems = sections.length > 0 ? sections[sections.length - 1]!.items : model.preamble;
      const last = lastItems[lastItems.length - 1];
      if (!model.finalNewline && last?.t === 'blank' && last.text === '') lastItems[lastItems.length - 1] = { t: 'blank', text: ' ' };
      return model;
    });
}

function itemLines(item: Item): string[] {
  switch (item.t) {
    case 'blank':
    case 'comment':
      return [item.text];
    case 'key':
      return [`${item.key}${item.sep}${item.value}`];
    case 'sub':
      return [`${item.key} =`, ...item.children.map((c) => `${c.indent}${c.key} = ${c.value}`)];
  }
}

function modelLines(model: Model): string[] {
  return [...model.preamble.flatMap(itemLines), ...model.sections.flatMap((s) => [`[${s.header}]`, ...s.items.flatMap(itemLines)])];
}

function render(model: Model, forceFinalNewline = false): string {
  const lines = modelLines(model);
  const ending = lines.length > 0 && (model.finalNewline || forceFinalNewline) ? model.eol : '';
  return (model.bom ? '\uFEFF' : '') + lines.join(model.eol) + ending;
}

/** The oracle: the edit applied to the model, by the rules the editor documents. */
function editModel(model: Model, profile: string, set: Array<[string, string]>, remove: string[]): { model: Model; created: boolean } {
  const index = model.sections.findIndex((s) => s.profile === profile);
  if (index < 0) {
    if (set.length === 0) return { model, created: false };
    const lines = modelLines(model);
    const last = lines[lines.length - 1];
    const needsBlank = last !== undefined && last.trim() !== '';
    const header = model.kind === 'credentials' ? profile : profile === 'default' ? 'default' : `profile ${profile}`;
    const items: Item[] = set.map(([key, value]) => ({ t: 'key', key, sep: ' = ', value }));
    const sections = [...model.sections];
    if (needsBlank) {
      const lastSection = sections[sections.length - 1];
      if (lastSection) sections[sections.length - 1] = { ...lastSection, items: [...lastSection.items, { t: 'blank', text: '' }] };
      else model = { ...model, preamble: [...model.preamble, { t: 'blank', text: '' }] };
    }
    sections.push({ header, profile, items });
    return { model: { ...model, sections }, created: true };
  }
  const section = model.sections[index]!;
  let items = section.items.filter((item) => !((item.t === 'key' || item.t === 'sub') && remove.includes(item.key)));
  const appended: Item[] = [];
  for (const [key, value] of set) {
    const at = items.findIndex((item) => item.t === 'key' && item.key === key);
    if (at >= 0) items[at] = { ...(items[at] as Extract<Item, { t: 'key' }>), value };
    else appended.push({ t: 'key', key, sep: ' = ', value });
  }
  let lastKey = -1;
  items.forEach((item, i) => {
    if (item.t === 'key' || item.t === 'sub') lastKey = i;
  });
  items = [...items.slice(0, lastKey + 1), ...appended, ...items.slice(lastKey + 1)];
  const sections = [...model.sections];
  sections[index] = { ...section, items };
  return { model: { ...model, sections }, created: false };
}

/** Lines of the text outside the target section's edited keys (and their continuation lines). */
function untouchedLines(text: string, kind: AwsFileKind, profile: string, keys: Set<string>): string[] {
  const lines = text.replace(/^\uFEFF/, '').split(/\r?\n/);
  const kept: string[] = [];
  let inTarget = false;
  let dropping = false;
  for (const line of lines) {
    const header = /^\[(.+)\]/.exec(line);
    if (header) {
      inTarget = profileOfSection(header[1]!, kind) === profile;
      dropping = false;
      kept.push(line);
      continue;
    }
    const key = /^([a-z0-9_]+)\s*[=:]/.exec(line);
    if (key) dropping = inTarget && keys.has(key[1]!);
    else if (!/^[ \t]+\S/.test(line) || /^\s*[#;]/.test(line)) {
      kept.push(line);
      continue;
    }
    if (!dropping) kept.push(line);
  }
  return kept;
}

const editArb = fc.record({
  pickExisting: fc.boolean(),
  pick: fc.nat(),
  fresh: fc.stringMatching(/^new-[a-z0-9]{1,6}$/),
  set: fc.uniqueArray(fc.tuple(fc.constantFrom(...EDIT_KEYS), valueArb), { selector: ([key]) => key, minLength: 1, maxLength: 4 }),
  remove: fc.subarray([...OTHER_KEYS, ...SUB_KEYS]),
});

function targetOf(model: Model, edit: { pickExisting: boolean; pick: number; fresh: string }): string {
  const profiles = model.sections.map((s) => s.profile).filter((p): p is string => p !== null);
  return edit.pickExisting && profiles.length > 0 ? profiles[edit.pick % profiles.length]! : edit.fresh;
}

for (const kind of ['config', 'credentials'] as const) {
  test(`property: setting keys in a random ${kind} file changes exactly those lines and keeps every other byte`, () => {
    fc.assert(
      fc.property(modelArb(kind), editArb, (model, edit) => {
        const profile = targetOf(model, edit);
        const before = render(model);
        if (model.bom) {
          assert.throws(() => editSection(before, { profile, fileKind: kind }, { set: edit.set }), /byte order mark/);
          return;
        }
        const after = editSection(before, { profile, fileKind: kind }, { set: edit.set }, { newline: model.eol });
        const expected = editModel(model, profile, edit.set, []);
        const emptyInput = modelLines(model).length === 0;
        assert.equal(after, render(expected.model, emptyInput));
        const keys = new Set(edit.set.map(([key]) => key));
        const kept = untouchedLines(after, kind, profile, keys);
        const original = untouchedLines(before, kind, profile, keys);
        if (expected.created) assert.deepEqual(kept.slice(0, original.length - 1), original.slice(0, -1));
        else assert.deepEqual(kept, original);
        const values = readSection(after, { profile, fileKind: kind });
        for (const [key, value] of edit.set) assert.equal(values?.get(key)?.value, value);
      }),
      { numRuns: 300 },
    );
  });

  test(`property: removing and setting keys in a random ${kind} file matches the edited model`, () => {
    fc.assert(
      fc.property(modelArb(kind), editArb, (model, edit) => {
        const profile = targetOf(model, edit);
        fc.pre(!model.bom);
        const after = editSection(render(model), { profile, fileKind: kind }, { set: edit.set, remove: edit.remove }, { newline: model.eol });
        const expected = render(editModel(model, profile, edit.set, edit.remove).model, modelLines(model).length === 0);
        // Removing the unterminated last line leaves the line above it with its own line ending.
        if (!model.finalNewline && after === expected + model.eol) return;
        assert.equal(after, expected);
      }),
      { numRuns: 200 },
    );
  });

  test(`property: putting the old values back restores a random ${kind} file byte for byte`, () => {
    fc.assert(
      fc.property(modelArb(kind), editArb, (model, edit) => {
        const profile = targetOf(model, edit);
        const before = render(model);
        const target = { profile, fileKind: kind };
        const old = readSection(before, target);
        fc.pre(old !== null && !model.bom);
        const existing = edit.set.filter(([key]) => old!.has(key));
        const edited = editSection(before, target, { set: existing });
        const restored = editSection(edited, target, { set: existing.map(([key]) => [key, old!.get(key)!.value] as [string, string]) });
        assert.equal(restored, before);
        assert.equal(editSection(edited, target, { set: existing }), edited);
      }),
      { numRuns: 200 },
    );
  });
}

test('refuses, in one line naming the file, an edit botocore would read other than intended', () => {
  // [DEFAULT] is no profile for botocore: its keys go into every other section.
  const text = '[DEFAULT]\nregion = x\n\n[a]\noutput = json\n';
  assert.throws(
    () => editSection(text, credentials('DEFAULT'), { set: { aws_access_key_id: 'AKIASECRETISH' } }, { fileName: '/h/.aws/credentials' }),
    (error: unknown) =>
      error instanceof IniEditError &&
      /^\/h\/\.aws\/credentials: refusing the edit: .*nothing was written\.$/.test(error.message) &&
      !error.message.includes('AKIASECRETISH') &&
      !error.message.includes('\n'),
  );
});
