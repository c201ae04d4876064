// A byte-preserving editor for ~/.aws/config and ~/.aws/credentials: it changes the key lines it is
// asked to change and leaves every other byte (comments, blank lines, key order, each line's own
// line ending, a missing final newline) exactly as it was.
//
// Lines come from the reader's line model (ini-lines), split and classified as botocore's
// configparser reads them: full-line `#`/`;` comments, `[header]` lines, `key = value` /
// `key: value` lines (keys compared lower-cased), and lines indented deeper than the key above them,
// which continue that key's value (multi-line values and `s3 =` sub-sections). Blank and comment
// lines do not end a value. Every result is read back with the reader before it is returned.

import {
  classifyIniLines,
  dominantTerminator,
  pythonIndent,
  pythonStrip,
  pythonTrimEnd,
  splitIniLines,
  type ClassifiedLine,
  type LineTerminator,
} from '../aws-config/ini-lines';
import { looksLikeKey, parseIni, shlexSplit, type IniEntry, type IniFile } from '../aws-config/ini-parser';
import { RolekeeperError } from '../model/rolekeeper-error';

export type AwsFileKind = 'config' | 'credentials';

export interface SectionTarget {
  /** The profile name as the AWS CLI knows it (`dev`, `default`). */
  profile: string;
  /** Config file sections are `[profile dev]` / `[default]`; credentials file sections are `[dev]`. */
  fileKind: AwsFileKind;
}

export interface SectionEdit {
  /** Keys to set, in order: replaced where they stand, or appended after the section's last key. */
  set?: Readonly<Record<string, string>> | ReadonlyArray<readonly [string, string]>;
  /** Keys to remove, with any continuation lines of their value. Absent keys are ignored. */
  remove?: readonly string[];
  /**
   * Append the section at the end of the file when it is missing. Default: only when there are
   * keys to set; `true` also adds an empty section.
   */
  createSection?: boolean;
}

export interface IniEditOptions {
  /** Named in error messages. */
  fileName?: string;
  /** Line ending for a file that has none yet; otherwise new lines take the one most lines end with. Default `\n`. */
  newline?: '\n' | '\r\n';
}

export class IniEditError extends RolekeeperError {
  constructor(
    message: string,
    readonly file: string,
    /** 1-based, 0 when the error is not about one line */
    readonly line: number,
  ) {
    super(line > 0 ? `${file}:${line}: ${message}` : `${file}: ${message}`, 'unwritable-setting', null, null);
    this.name = 'IniEditError';
  }
}

export interface SectionValue {
  /** The key as written in the file (botocore lower-cases it). */
  rawKey: string;
  /** The value on the key's own line, whitespace-stripped (continuation lines not included). */
  value: string;
  /** 1-based line number */
  line: number;
}

interface EditorLine extends ClassifiedLine {
  /** The index of the header line the line stands under, -1 before the first header. */
  section: number;
}

interface OutputLine {
  content: string;
  /** The line's own terminator; null for a line the edit adds. */
  terminator: LineTerminator | null;
}

interface ParsedFile {
  lines: EditorLine[];
  /** The terminator new lines get: the one most of the file's lines end with. */
  newline: Exclude<LineTerminator, ''>;
  endsWithTerminator: boolean;
}

const VALID_KEY = /^[A-Za-z0-9_.-]+$/;

function parse(text: string, options: IniEditOptions): ParsedFile {
  const tokens = splitIniLines(text);
  let section = -1;
  const lines = classifyIniLines(tokens).map((line, index): EditorLine => {
    if (line.kind === 'header') section = index;
    return { ...line, section };
  });
  const last = tokens[tokens.length - 1];
  return { lines, newline: dominantTerminator(tokens, options.newline ?? '\n'), endsWithTerminator: !last || last.terminator !== '' };
}

/** The profile a section header names in a file of this kind, as botocore maps it; null for none. */
export function profileOfSection(rawName: string, fileKind: AwsFileKind): string | null {
  if (fileKind === 'credentials') return rawName;
  // botocore's build_profile_map: any header starting with "profile" that shlex splits into
  // exactly two words is the profile named by the second word ([profilex dev] included).
  if (!rawName.startsWith('profile')) return rawName === 'default' ? 'default' : null;
  const words = shlexSplit(rawName);
  return words && words.length === 2 ? words[1]! : null;
}

/** The header Rolekeeper writes for a new section. */
export function sectionHeaderFor(target: SectionTarget): string {
  const name = target.profile;
  if (name === '' || /[\r\n[\]]/.test(name) || name.trim() !== name || pythonStrip(name) !== name) {
    throw new Error(`Cannot write a section for profile name ${JSON.stringify(name)}.`);
  }
  if (target.fileKind === 'credentials') return `[${name}]`;
  if (/[\s"'\\]/.test(name)) throw new Error(`Cannot write a config section for profile name ${JSON.stringify(name)}.`);
  return name === 'default' ? '[default]' : `[profile ${name}]`;
}

function findSection(parsed: ParsedFile, target: SectionTarget, file: string): number | null {
  const matches = parsed.lines
    .map((line, index) => ({ line, index }))
    .filter(({ line }) => line.kind === 'header' && profileOfSection(line.name!, target.fileKind) === target.profile);
  if (matches.length > 1) {
    const at = matches.map(({ index }) => index + 1).join(', ');
    throw new IniEditError(
      `profile ${target.profile} is defined by more than one section (lines ${at}); merge them into one first.`,
      file,
      matches[1]!.index + 1,
    );
  }
  return matches[0]?.index ?? null;
}

function sectionKeyLines(parsed: ParsedFile, header: number): Map<string, number[]> {
  const keys = new Map<string, number[]>();
  parsed.lines.forEach((line, index) => {
    if (line.kind === 'key' && line.section === header) {
      const key = line.name!.toLowerCase();
      keys.set(key, [...(keys.get(key) ?? []), index]);
    }
  });
  return keys;
}

function uniqueKeyLine(keys: Map<string, number[]>, key: string, target: SectionTarget, file: string): number | null {
  const found = keys.get(key);
  if (!found) return null;
  if (found.length > 1) {
    throw new IniEditError(
      `key ${key} appears ${found.length} times in profile ${target.profile} (lines ${found.map((i) => i + 1).join(', ')}); remove the extra ones first.`,
      file,
      found[1]! + 1,
    );
  }
  return found[0]!;
}

function checkValue(key: string, value: string): void {
  if (!VALID_KEY.test(key)) throw new Error(`Cannot write key ${JSON.stringify(key)}: not a valid AWS config key.`);
  if (/[\r\n]/.test(value) || value.trim() !== value || pythonStrip(value) !== value) {
    throw new Error(`Cannot write the value of ${key}: it has a line break or surrounding whitespace.`);
  }
}

/** The key line with its value replaced; the key, the spacing around the delimiter and any trailing whitespace kept. */
function replaceValue(line: EditorLine, value: string): string {
  const { content, indent } = line;
  const delimiterAt = indent + line.delimiterAt!;
  const valueStart = delimiterAt + 1 + pythonIndent(content.slice(delimiterAt + 1));
  const valueEnd = pythonTrimEnd(content).length;
  const keepsNoGap = valueStart === delimiterAt + 1 && valueEnd <= valueStart;
  // `region =` filled in becomes `region = x`, not `region =x`; `region=` stays tight.
  const gap = keepsNoGap && value !== '' && isPythonSpaceBefore(content, delimiterAt) ? ' ' : '';
  return content.slice(0, valueStart) + gap + value + content.slice(Math.max(valueEnd, valueStart));
}

function isPythonSpaceBefore(content: string, at: number): boolean {
  return at > 0 && pythonTrimEnd(content.slice(0, at)).length < at;
}

/**
 * Lines joined with their own terminators. New lines get the file's; a file that did not end with
 * one still does not; a kept line that ended the file without one gets one when lines follow it.
 */
function render(parsed: ParsedFile, lines: OutputLine[]): string {
  const terminators = lines.map((line, index): LineTerminator => {
    const last = index === lines.length - 1;
    const terminator: LineTerminator = line.terminator ?? (last && !parsed.endsWithTerminator ? '' : parsed.newline);
    return terminator === '' && !last ? parsed.newline : terminator;
  });
  let out = '';
  lines.forEach((line, index) => {
    let terminator = terminators[index]!;
    const next = lines[index + 1];
    // A lone CR before a blank line ended by LF would read as one CRLF: the blank line would vanish.
    if (terminator === '\r' && next !== undefined && next.content === '' && terminators[index + 1]!.startsWith('\n')) terminator = '\r\n';
    out += line.content + terminator;
  });
  return out;
}

/** The keys to set, once each (a later entry for the same key wins). */
function entriesOf(set: SectionEdit['set']): Array<readonly [string, string]> {
  if (!set) return [];
  const entries = Array.isArray(set) ? (set as ReadonlyArray<readonly [string, string]>) : Object.entries(set);
  const byKey = new Map<string, readonly [string, string]>();
  for (const [key, value] of entries) {
    byKey.delete(key.toLowerCase());
    byKey.set(key.toLowerCase(), [key, value]);
  }
  return [...byKey.values()];
}

function keyLine(indent: string, key: string, value: string): string {
  return value === '' ? `${indent}${key} =` : `${indent}${key} = ${value}`;
}

/**
 * The indent for key lines inserted before line `next`: no deeper than the next line that counts
 * for botocore, or that line would turn into a continuation of the inserted key.
 */
function insertedIndent(parsed: ParsedFile, next: number, dropped: ReadonlySet<number>): string {
  for (let index = next; index < parsed.lines.length; index++) {
    const line = parsed.lines[index]!;
    if (dropped.has(index) || line.kind === 'blank' || line.kind === 'comment') continue;
    return line.content.slice(0, line.indent);
  }
  return '';
}

function describeKey(key: string, header: string): string {
  return looksLikeKey(key) ? `key "${key}" of [${header}]` : `a key of [${header}]`;
}

function sameEntry(a: IniEntry | undefined, b: IniEntry | undefined): boolean {
  if (!a || !b) return a === b;
  if (a.value !== b.value) return false;
  if (!a.nested || !b.nested) return a.nested === b.nested;
  if (a.nested.size !== b.nested.size) return false;
  for (const [key, { value }] of a.nested) if (b.nested.get(key)?.value !== value) return false;
  return true;
}

/** Throws unless `after` maps to `expected` key for key (values and nested blocks). */
function checkEntries(after: Map<string, IniEntry>, expected: Map<string, IniEntry>, header: string, file: string): void {
  for (const key of new Set([...expected.keys(), ...after.keys()])) {
    if (!sameEntry(after.get(key), expected.get(key))) {
      throw new IniEditError(`refusing the edit: the AWS CLI would then read ${describeKey(key, header)} other than intended; nothing was written.`, file, 0);
    }
  }
}

/**
 * The post-write check: reads `text` back as botocore would and throws unless the target section
 * holds exactly the intended values and every other section and key reads as it did in `before`.
 */
function verifyEdit(before: IniFile, text: string, targetHeader: string, sets: ReadonlyArray<readonly [string, string, string]>, removes: readonly string[], file: string): void {
  const after = parseIni(text);
  if (after.error) {
    throw new IniEditError(`refusing the edit: the AWS CLI could not parse the result (${after.error.message}); nothing was written.`, file, 0);
  }
  const created = !before.sections.some((section) => section.header === targetHeader);
  const expectedHeaders = [...before.sections.map((section) => section.header), ...(created ? [targetHeader] : [])];
  const afterHeaders = after.sections.map((section) => section.header);
  if (afterHeaders.length !== expectedHeaders.length || afterHeaders.some((header, i) => header !== expectedHeaders[i])) {
    throw new IniEditError('refusing the edit: the AWS CLI would then see other sections than before; nothing was written.', file, 0);
  }
  checkEntries(after.defaults?.entries ?? new Map(), before.defaults?.entries ?? new Map(), 'DEFAULT', file);
  after.sections.forEach((section, index) => {
    if (section.header !== targetHeader) {
      checkEntries(section.entries, before.sections[index]!.entries, section.header, file);
      return;
    }
    const expected = new Map(created ? before.defaults?.entries ?? [] : before.sections[index]!.entries);
    for (const key of removes) {
      const inherited = before.defaults?.entries.get(key);
      if (inherited) expected.set(key, inherited);
      else expected.delete(key);
    }
    for (const [lower, , value] of sets) {
      if (!removes.includes(lower)) expected.set(lower, { key: lower, line: 0, value, nested: null });
    }
    checkEntries(section.entries, expected, section.header, file);
  });
}

/**
 * Returns `text` with the profile's section edited: keys in `edit.set` replaced where they stand or
 * appended after the section's last key line (so trailing blank lines and comments, which usually
 * introduce the next section, stay below them), keys in `edit.remove` deleted; a missing section is
 * appended at the end of the file. Throws IniEditError (file and line) when botocore cannot parse
 * `text` (a BOM, a duplicate section or key, …), when the profile's section or an edited key appears
 * twice, and when the edited text would not read back, for botocore, as exactly the intended values
 * with every other section and key unchanged.
 */
export function editSection(text: string, target: SectionTarget, edit: SectionEdit, options: IniEditOptions = {}): string {
  const file = options.fileName ?? (target.fileKind === 'config' ? 'config file' : 'credentials file');
  const sets = entriesOf(edit.set).map(([key, value]) => {
    checkValue(key, value);
    return [key.toLowerCase(), key, value] as const;
  });
  const removes = (edit.remove ?? []).map((key) => key.toLowerCase());
  const parsed = parse(text, options);
  const header = findSection(parsed, target, file);
  const before = parseIni(text);
  if (before.error) {
    throw new IniEditError(`${before.error.message}, so Rolekeeper will not edit it.`, file, before.error.line);
  }
  const original: OutputLine[] = parsed.lines.map(({ content, terminator }) => ({ content, terminator }));

  if (header === null) {
    if (edit.createSection === false || (sets.length === 0 && edit.createSection !== true)) return text;
    const lines = [...original];
    const last = parsed.lines[parsed.lines.length - 1];
    if (last && last.kind !== 'blank') lines.push({ content: '', terminator: null });
    const sectionHeader = sectionHeaderFor(target);
    lines.push({ content: sectionHeader, terminator: null });
    for (const [, key, value] of sets) lines.push({ content: keyLine('', key, value), terminator: null });
    const edited = render(parsed, lines);
    verifyEdit(before, edited, sectionHeader.slice(1, -1), sets, removes, file);
    return edited;
  }

  const keys = sectionKeyLines(parsed, header);
  const replaced = new Map<number, string>();
  const dropped = new Set<number>();
  const appended: Array<readonly [string, string]> = [];
  const dropContinuations = (keyLine: number) =>
    parsed.lines.forEach((line, index) => {
      if (line.kind === 'continuation' && line.owner === keyLine) dropped.add(index);
    });
  for (const key of removes) {
    const at = uniqueKeyLine(keys, key, target, file);
    if (at === null) continue;
    dropped.add(at);
    dropContinuations(at);
  }
  for (const [lower, key, value] of sets) {
    const at = uniqueKeyLine(keys, lower, target, file);
    if (at === null) {
      if (!removes.includes(lower)) appended.push([key, value]);
      continue;
    }
    if (dropped.has(at)) continue;
    const line = parsed.lines[at]!;
    const updated = replaceValue(line, value);
    const hadContinuation = parsed.lines.some((other) => other.kind === 'continuation' && other.owner === at);
    if (updated !== line.content || hadContinuation) replaced.set(at, updated);
    dropContinuations(at);
  }
  if (replaced.size === 0 && dropped.size === 0 && appended.length === 0) return text;

  // New keys go after the section's last remaining key or value line (or right after the header).
  let insertAfter = header;
  for (let index = header + 1; index < parsed.lines.length; index++) {
    const line = parsed.lines[index]!;
    if (line.kind === 'header') break;
    if (dropped.has(index)) continue;
    if (line.kind === 'key' || line.kind === 'continuation' || line.kind === 'other') insertAfter = index;
  }
  const indent = insertedIndent(parsed, insertAfter + 1, dropped);

  const lines: OutputLine[] = [];
  original.forEach((line, index) => {
    if (!dropped.has(index)) lines.push({ content: replaced.get(index) ?? line.content, terminator: line.terminator });
    if (index === insertAfter) {
      for (const [key, value] of appended) lines.push({ content: keyLine(indent, key, value), terminator: null });
    }
  });
  const edited = render(parsed, lines);
  verifyEdit(before, edited, parsed.lines[header]!.name!, sets, removes, file);
  return edited;
}

/** The key lines of the profile's section (keys lower-cased), or null when the section is missing. */
export function readSection(text: string, target: SectionTarget, options: IniEditOptions = {}): Map<string, SectionValue> | null {
  const file = options.fileName ?? (target.fileKind === 'config' ? 'config file' : 'credentials file');
  const parsed = parse(text, options);
  const header = findSection(parsed, target, file);
  if (header === null) return null;
  const values = new Map<string, SectionValue>();
  for (const [key, at] of sectionKeyLines(parsed, header)) {
    const index = at[at.length - 1]!;
    const line = parsed.lines[index]!;
    values.set(key, { rawKey: line.name!, value: pythonStrip(line.value.slice(line.delimiterAt! + 1)), line: index + 1 });
  }
  return values;
}
