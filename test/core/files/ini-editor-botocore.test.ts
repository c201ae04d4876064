// The editor against botocore itself: thousands of random config and credentials files (every line
// ending Python's universal newlines know, Unicode separators and tabs in values, continuation
// lines, nested blocks, comments, BOMs), each edited, and botocore reads input and output.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { IniEditError, editSection, profileOfSection, type AwsFileKind } from '../../../src/main/core/files/ini-editor';
import { splitIniLines } from '../../../src/main/core/aws-config/ini-lines';
import { readWithBotocore, type BotocoreSections } from '../../helpers/botocore';

const FILES = Number(process.env.ROLEKEEPER_PROPERTY_FILES ?? 6000);

const EDIT_KEYS = ['aws_access_key_id', 'aws_secret_access_key', 'aws_session_token', 'x_rolekeeper_expiration', 'region', 'output'];
const OTHER_KEYS = ['role_arn', 'source_profile', 'mfa_serial', 'Region', 'OUTPUT', 'credential_process'];
// Inside values: Unicode line and paragraph separators, NEL, form feed, vertical tab, file
// separators, NBSP, a stray BOM, tabs, and the characters botocore gives a meaning to.
const ODD_CHARS = ['\u2028', '\u2029', '\x85', '\x0c', '\x0b', '\x1c', '\x1e', '\u00a0', '\ufeff', '\t', ' ', '#', ';', '=', ':', '[', ']', 'é', '😀'];
const PLAIN_CHAR = fc.constantFrom(...'abcXYZ019/+_-.'.split(''));
const VALUE_CHAR = fc.oneof({ weight: 3, arbitrary: PLAIN_CHAR }, { weight: 2, arbitrary: fc.constantFrom(...ODD_CHARS) });
const rawValueArb = fc.array(VALUE_CHAR, { maxLength: 12 }).map((chars) => chars.join(''));
/** A value the editor accepts: no CR/LF, no whitespace at either end. */
const writableValueArb = fc.oneof(
  { weight: 1, arbitrary: fc.constant('') },
  {
    weight: 6,
    arbitrary: fc
      .tuple(PLAIN_CHAR, fc.array(fc.constantFrom(...ODD_CHARS.filter((c) => c !== '\t' && c !== ' '), 'a', ' '), { maxLength: 6 }), PLAIN_CHAR)
      .map(([first, middle, last]) => first + middle.join('') + last),
  },
);
const indentArb = fc.constantFrom(' ', '  ', '\t', '    ', '\u00a0', '\x0c');
const nameArb = fc.constantFrom('a', 'b', 'dev', 'prod', 'x-1', 'default', 'new_one');

type Ending = 'lf' | 'crlf' | 'cr' | 'crcrlf' | 'mixed';
const TERMINATORS: Record<Exclude<Ending, 'mixed'>, string> = { lf: '\n', crlf: '\r\n', cr: '\r', crcrlf: '\r\r\n' };

const lineArb = (kind: AwsFileKind) =>
  fc.oneof(
    { weight: 6, arbitrary: fc.tuple(fc.option(indentArb, { freq: 6 }), fc.constantFrom(...EDIT_KEYS, ...OTHER_KEYS), fc.constantFrom(' = ', '=', ': ', ' : ', '\t=\t', ' =', ':'), rawValueArb).map(([indent, key, sep, value]) => [`${indent ?? ''}${key}${sep}${value}`]) },
    { weight: 2, arbitrary: fc.tuple(indentArb, rawValueArb).map(([indent, text]) => [`${indent}${text}`]) },
    {
      weight: 1,
      arbitrary: fc
        .tuple(fc.constantFrom('s3', 'sts', 'aws_session_token'), fc.array(fc.tuple(indentArb, fc.constantFrom('addressing_style', 'endpoint_url', 'aws_access_key_id'), rawValueArb), { minLength: 1, maxLength: 3 }))
        .map(([key, children]) => [`${key} =`, ...children.map(([indent, child, value]) => `${indent}${child} = ${value}`)]),
    },
    { weight: 2, arbitrary: fc.tuple(fc.constantFrom('', ' ', '\t'), fc.constantFrom('#', ';'), rawValueArb).map(([indent, mark, text]) => [`${indent}${mark}${text}`]) },
    { weight: 2, arbitrary: fc.constantFrom([''], [' '], ['\t'], ['\u2028']) },
    { weight: 1, arbitrary: headerArb(kind).map((header) => [header]) },
  );

function headerArb(kind: AwsFileKind): fc.Arbitrary<string> {
  if (kind === 'credentials') return fc.oneof({ weight: 12, arbitrary: nameArb.map((name) => `[${name}]`) }, { weight: 1, arbitrary: fc.constant('[DEFAULT]') });
  return fc.oneof(
    { weight: 8, arbitrary: fc.tuple(fc.constantFrom('profile ', 'profile  ', 'profile\t'), nameArb).map(([prefix, name]) => `[${prefix}${name}]`) },
    { weight: 2, arbitrary: fc.constantFrom('[default]', '[sso-session s]', '[services svc]', '[preview]') },
    { weight: 1, arbitrary: fc.constant('[DEFAULT]') },
  );
}

interface Case {
  kind: AwsFileKind;
  text: string;
  edit: { profile: string; set: Array<[string, string]>; remove: string[] };
}

function caseArb(kind: AwsFileKind): fc.Arbitrary<Case> {
  const sectionArb = fc.tuple(headerArb(kind), fc.array(lineArb(kind), { maxLength: 6 }));
  return fc
    .record({
      bom: fc.integer({ min: 0, max: 9 }).map((n) => n === 0),
      ending: fc.constantFrom<Ending>('lf', 'crlf', 'cr', 'crcrlf', 'mixed', 'mixed'),
      mixedEndings: fc.array(fc.constantFrom('\n', '\r\n', '\r', '\r\r\n'), { minLength: 40, maxLength: 40 }),
      finalTerminator: fc.boolean(),
      preamble: fc.array(fc.constantFrom('# team file', '', '; note'), { maxLength: 2 }),
      sections: fc.array(sectionArb, { maxLength: 4 }),
      edit: fc.record({
        target: fc.oneof(nameArb, fc.constant('fresh')),
        set: fc.uniqueArray(fc.tuple(fc.constantFrom(...EDIT_KEYS), writableValueArb), { selector: ([key]) => key, maxLength: 4 }),
        remove: fc.subarray([...EDIT_KEYS, 'role_arn', 's3', 'sts']),
      }),
    })
    .map(({ bom, ending, mixedEndings, finalTerminator, preamble, sections, edit }) => {
      const lines = [...preamble, ...sections.flatMap(([header, items]) => [header, ...items.flat()])];
      const terminatorAt = (i: number) => (ending === 'mixed' ? mixedEndings[i % mixedEndings.length]! : TERMINATORS[ending]);
      let text = lines.map((line, i) => line + (i < lines.length - 1 || finalTerminator ? terminatorAt(i) : '')).join('');
      if (bom) text = `\ufeff${text}`;
      const set = edit.set.filter(([key]) => !edit.remove.includes(key));
      const remove = edit.remove.filter((key) => !set.some(([setKey]) => setKey === key));
      return { kind, text, edit: { profile: edit.target, set, remove } };
    });
}

type Outcome = { edited: string } | { refused: string };

function profileSections(kind: AwsFileKind, sections: BotocoreSections, profiles: BotocoreSections, profile: string): Record<string, unknown> | undefined {
  return kind === 'credentials' ? sections[profile] : profiles[profile];
}

/** Whether `kept` appears in `lines` in order (other lines may stand between). */
function isSubsequence(kept: readonly string[], lines: readonly string[]): boolean {
  let at = 0;
  for (const line of lines) if (at < kept.length && line === kept[at]) at++;
  return at === kept.length;
}

test(`property: botocore reads the editor's output of ${FILES} random files exactly as intended, and nothing else changes`, () => {
  const seed = Number(process.env.ROLEKEEPER_PROPERTY_SEED ?? Date.now() % 2 ** 31);
  const cases = [
    ...fc.sample(caseArb('credentials'), { numRuns: FILES / 2, seed }),
    ...fc.sample(caseArb('config'), { numRuns: FILES / 2, seed: seed + 1 }),
  ];
  const dir = mkdtempSync(join(tmpdir(), 'rolekeeper-botocore-'));
  try {
    const outcomes: Outcome[] = cases.map(({ kind, text, edit }) => {
      try {
        return { edited: editSection(text, { profile: edit.profile, fileKind: kind }, { set: edit.set, remove: edit.remove, createSection: true }) };
      } catch (error) {
        if (!(error instanceof IniEditError)) throw error;
        return { refused: error.message };
      }
    });
    const files = cases.flatMap(({ kind, text }, i) => {
      const input = join(dir, `${i}.in`);
      writeFileSync(input, text);
      const outcome = outcomes[i]!;
      if (!('edited' in outcome)) return [{ path: input, kind }];
      const output = join(dir, `${i}.out`);
      writeFileSync(output, outcome.edited);
      return [{ path: input, kind }, { path: output, kind }];
    });
    const views = readWithBotocore(files);
    let next = 0;
    const counts = { parseableInputs: 0, unparseableInputs: 0, bomInputs: 0, edited: 0, refusedDuplicates: 0, refusedDefault: 0, crInputs: 0 };
    const failures: string[] = [];
    cases.forEach(({ kind, text, edit }, i) => {
      const before = views[next++]!;
      const outcome = outcomes[i]!;
      const after = 'edited' in outcome ? views[next++]! : null;
      const where = `case ${i} (seed ${seed}, ${kind}): ${JSON.stringify(text)} edit ${JSON.stringify({ profile: edit.profile, keys: edit.set.map(([k]) => k), remove: edit.remove })}`;
      if (text.startsWith('\ufeff')) counts.bomInputs++;
      if (/\r(?!\n)/.test(text)) counts.crInputs++;
      if (!before.ok) {
        counts.unparseableInputs++;
        // Never "fix" a file botocore refuses (a BOM included): refuse it.
        if (!('refused' in outcome)) failures.push(`edited a file botocore refuses: ${where}`);
        return;
      }
      counts.parseableInputs++;
      if ('refused' in outcome) {
        if (/more than one section/.test(outcome.refused)) counts.refusedDuplicates++;
        else if (/\[DEFAULT\]/.test(text) && /refusing the edit/.test(outcome.refused)) counts.refusedDefault++;
        else failures.push(`refused a file botocore reads (${outcome.refused}): ${where}`);
        return;
      }
      counts.edited++;
      if (!after!.ok) {
        failures.push(`botocore cannot parse the output (${after!.error}): ${where}`);
        return;
      }
      const target = profileSections(kind, after!.sections, after!.profiles, edit.profile);
      // A section inherits the keys of [DEFAULT]; a key removed from the section still shows through.
      const original = profileSections(kind, before.sections, before.profiles, edit.profile) ?? before.defaults;
      const expected: Record<string, unknown> = { ...original };
      for (const key of edit.remove) {
        if (key in before.defaults) expected[key] = before.defaults[key];
        else delete expected[key];
      }
      for (const [key, value] of edit.set) expected[key] = value;
      try {
        assert.deepEqual(target, expected, 'target profile');
        const otherSections = (sections: BotocoreSections) =>
          Object.fromEntries(Object.entries(sections).filter(([header]) => profileOfSection(header, kind) !== edit.profile));
        assert.deepEqual(otherSections(after!.sections), otherSections(before.sections), 'other sections');
        if (kind === 'config') {
          const others = (profiles: BotocoreSections) => Object.fromEntries(Object.entries(profiles).filter(([name]) => name !== edit.profile));
          assert.deepEqual(others(after!.profiles), others(before.profiles), 'other profiles');
        }
      } catch (error) {
        failures.push(`${(error as Error).message.split('\n')[0]}: ${where}`);
        return;
      }
      // Bytes: every input line except the edited keys' lines is still there, in order, with its own ending.
      const inputLines = splitIniLines(text);
      const outputLines = splitIniLines(outcome.edited).map((line) => line.content + line.terminator);
      const kept = inputLines.slice(0, -1).map((line) => line.content + line.terminator).filter((line) => !editedLine(line, edit));
      if (!isSubsequence(kept, outputLines)) failures.push(`lines outside the edit changed: ${where}`);
    });
    assert.equal(next, views.length);
    assert.deepEqual(failures.slice(0, 8), [], `${failures.length} failures`);
    // The generator must reach every kind of file it is meant to test.
    assert.ok(counts.edited > FILES / 3, JSON.stringify(counts));
    assert.ok(counts.unparseableInputs > 100 && counts.bomInputs > 100 && counts.crInputs > 500, JSON.stringify(counts));
    console.log(`botocore property: ${cases.length} files, ${JSON.stringify(counts)}`);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

/** Lines the edit may legitimately rewrite or drop: any line mentioning an edited key, and indented lines. */
function editedLine(line: string, edit: Case['edit']): boolean {
  const lower = line.toLowerCase();
  return /^[\s\u00a0\x0c\x85\u2028\u2029\x1c-\x1f]/.test(line) || [...edit.set.map(([key]) => key), ...edit.remove].some((key) => lower.includes(key));
}
