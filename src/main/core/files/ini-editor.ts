// A byte-preserving editor for ~/.aws/config and ~/.aws/credentials: it changes the key lines it is
// asked to change and leaves every other byte (comments, blank lines, key order, line endings,
// a BOM, a missing final newline) exactly as it was.
//
// Lines are classified the way botocore's configparser reads them: full-line `#`/`;` comments,
// `[header]` lines, `key = value` / `key: value` lines (keys compared lower-cased), and lines indented
// deeper than the key above them, which continue that key's value (multi-line values and `s3 =`
// sub-sections). Blank and comment lines do not end a value.

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
  /** Line ending for a file that has none yet. Default `\n`. */
  newline?: '\n' | '\r\n';
}

export class IniEditError extends Error {
  constructor(
    message: string,
    readonly file: string,
    /** 1-based, 0 when the error is not about one line */
    readonly line: number,
  ) {
    super(line > 0 ? `${file}:${line}: ${message}` : `${file}: ${message}`);
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

type LineKind = 'blank' | 'comment' | 'header' | 'key' | 'continuation' | 'other';

interface Line {
  content: string;
  /** '', '\n' or '\r\n' */
  eol: string;
  kind: LineKind;
  /** header: the raw section name; key: the lower-cased key */
  name?: string;
  /** key lines: the index of the section header line, -1 before the first header */
  section: number;
  /** continuation lines: the index of the key line they belong to */
  owner?: number;
}

interface ParsedFile {
  bom: string;
  lines: Line[];
  eol: string;
  endsWithNewline: boolean;
}

const KEY_LINE = /^([ \t]*)(.*?)([ \t]*)([=:])([ \t]*)(.*?)([ \t]*)$/;
const VALID_KEY = /^[A-Za-z0-9_.-]+$/;

function leadingWhitespace(content: string): number {
  return /^[ \t\f\v\r]*/.exec(content)![0].length;
}

function parse(text: string, options: IniEditOptions): ParsedFile {
  const bom = text.startsWith('\uFEFF') ? '\uFEFF' : '';
  const body = text.slice(bom.length);
  const firstNewline = body.indexOf('\n');
  const eol = firstNewline < 0 ? options.newline ?? '\n' : firstNewline > 0 && body[firstNewline - 1] === '\r' ? '\r\n' : '\n';
  const lines: Line[] = [];
  let position = 0;
  let section = -1;
  let currentKey = -1;
  let keyIndent = 0;
  while (position < body.length) {
    const newline = body.indexOf('\n', position);
    const end = newline < 0 ? body.length : newline;
    let content = body.slice(position, end);
    let lineEol = newline < 0 ? '' : '\n';
    if (lineEol && content.endsWith('\r')) {
      content = content.slice(0, -1);
      lineEol = '\r\n';
    }
    position = newline < 0 ? body.length : newline + 1;
    const stripped = content.trim();
    const index = lines.length;
    if (stripped === '') {
      lines.push({ content, eol: lineEol, kind: 'blank', section });
      continue;
    }
    if (stripped.startsWith('#') || stripped.startsWith(';')) {
      lines.push({ content, eol: lineEol, kind: 'comment', section });
      continue;
    }
    const indent = leadingWhitespace(content);
    if (currentKey >= 0 && indent > keyIndent) {
      lines.push({ content, eol: lineEol, kind: 'continuation', section, owner: currentKey });
      continue;
    }
    keyIndent = indent;
    const header = /^\[(.+)\]/.exec(stripped);
    if (header) {
      section = index;
      currentKey = -1;
      lines.push({ content, eol: lineEol, kind: 'header', name: header[1], section });
      continue;
    }
    const key = KEY_LINE.exec(content);
    if (section >= 0 && key && key[2] !== '') {
      currentKey = index;
      lines.push({ content, eol: lineEol, kind: 'key', name: key[2].toLowerCase(), section });
      continue;
    }
    lines.push({ content, eol: lineEol, kind: 'other', section });
  }
  return { bom, lines, eol, endsWithNewline: body === '' || body.endsWith('\n') };
}

/** Splits like Python's shlex.split for the cases header names use: whitespace and quotes. */
function shlexWords(raw: string): string[] | null {
  const words: string[] = [];
  let i = 0;
  while (i < raw.length) {
    while (i < raw.length && /\s/.test(raw[i]!)) i++;
    if (i >= raw.length) break;
    let word = '';
    while (i < raw.length && !/\s/.test(raw[i]!)) {
      const ch = raw[i]!;
      if (ch === '"' || ch === "'") {
        const end = raw.indexOf(ch, i + 1);
        if (end < 0) return null;
        word += raw.slice(i + 1, end);
        i = end + 1;
      } else {
        word += ch;
        i++;
      }
    }
    words.push(word);
  }
  return words;
}

/** The profile a section header names in a file of this kind, as botocore maps it; null for none. */
export function profileOfSection(rawName: string, fileKind: AwsFileKind): string | null {
  if (fileKind === 'credentials') return rawName;
  if (rawName === 'default') return 'default';
  if (!rawName.startsWith('profile')) return null;
  const words = shlexWords(rawName);
  return words && words.length === 2 && words[0] === 'profile' ? words[1]! : null;
}

/** The header Rolekeeper writes for a new section. */
export function sectionHeaderFor(target: SectionTarget): string {
  const name = target.profile;
  if (name === '' || /[\r\n[\]]/.test(name) || name.trim() !== name) {
    throw new Error(`Cannot write a section for profile name ${JSON.stringify(name)}.`);
  }
  if (target.fileKind === 'credentials') return `[${name}]`;
  if (/[\s"']/.test(name)) throw new Error(`Cannot write a config section for profile name ${JSON.stringify(name)}.`);
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
      keys.set(line.name!, [...(keys.get(line.name!) ?? []), index]);
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
  if (/[\r\n]/.test(value) || value.trim() !== value) {
    throw new Error(`Cannot write the value of ${key}: it has a line break or surrounding whitespace.`);
  }
}

function replaceValue(content: string, value: string): string {
  const m = KEY_LINE.exec(content)!;
  const [, lead, key, before, sep, after, oldValue, trail] = m as unknown as string[];
  const gap = oldValue === '' && after === '' && value !== '' ? (before ? ' ' : '') : after;
  return `${lead}${key}${before}${sep}${gap}${value}${trail}`;
}

function render(parsed: ParsedFile, lines: Array<Pick<Line, 'content' | 'eol'>>): string {
  let out = parsed.bom;
  lines.forEach((line, index) => {
    const last = index === lines.length - 1;
    const eol = last ? (parsed.endsWithNewline ? line.eol || parsed.eol : '') : line.eol || parsed.eol;
    out += line.content + eol;
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

function keyLine(key: string, value: string): string {
  return value === '' ? `${key} =` : `${key} = ${value}`;
}

/**
 * Returns `text` with the profile's section edited: keys in `edit.set` replaced where they stand or
 * appended after the section's last key line (so trailing blank lines and comments, which usually
 * introduce the next section, stay below them), keys in `edit.remove` deleted; a missing section is
 * appended at the end of the file. Throws IniEditError (file and line) when the profile's section or
 * an edited key appears twice, as botocore would refuse the file.
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

  if (header === null) {
    if (edit.createSection === false || (sets.length === 0 && edit.createSection !== true)) return text;
    const lines: Array<Pick<Line, 'content' | 'eol'>> = parsed.lines.map(({ content, eol }) => ({ content, eol }));
    const last = parsed.lines[parsed.lines.length - 1];
    if (last && last.kind !== 'blank') lines.push({ content: '', eol: parsed.eol });
    lines.push({ content: sectionHeaderFor(target), eol: parsed.eol });
    for (const [, key, value] of sets) lines.push({ content: keyLine(key, value), eol: parsed.eol });
    return render(parsed, lines);
  }

  const keys = sectionKeyLines(parsed, header);
  const replaced = new Map<number, string>();
  const dropped = new Set<number>();
  const appended: string[] = [];
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
      if (!removes.includes(lower)) appended.push(keyLine(key, value));
      continue;
    }
    if (dropped.has(at)) continue;
    const updated = replaceValue(parsed.lines[at]!.content, value);
    const hadContinuation = parsed.lines.some((line) => line.kind === 'continuation' && line.owner === at);
    if (updated !== parsed.lines[at]!.content || hadContinuation) replaced.set(at, updated);
    dropContinuations(at);
  }

  // New keys go after the section's last remaining key or value line (or right after the header).
  let insertAfter = header;
  for (let index = header + 1; index < parsed.lines.length; index++) {
    const line = parsed.lines[index]!;
    if (line.kind === 'header') break;
    if (dropped.has(index)) continue;
    if (line.kind === 'key' || line.kind === 'continuation' || line.kind === 'other') insertAfter = index;
  }

  const lines: Array<Pick<Line, 'content' | 'eol'>> = [];
  parsed.lines.forEach((line, index) => {
    if (!dropped.has(index)) lines.push({ content: replaced.get(index) ?? line.content, eol: line.eol });
    if (index === insertAfter) for (const content of appended) lines.push({ content, eol: parsed.eol });
  });
  if (replaced.size === 0 && dropped.size === 0 && appended.length === 0) return text;
  return render(parsed, lines);
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
    const m = KEY_LINE.exec(parsed.lines[index]!.content)!;
    values.set(key, { rawKey: m[2]!, value: m[6]!, line: index + 1 });
  }
  return values;
}
