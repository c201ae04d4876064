// A line scanner that reads an AWS config or credentials file exactly as botocore does (Python's
// RawConfigParser in strict mode, then botocore's nested `key =` blocks), keeping the 1-based line
// of every section, key and value line, and noting where the JS SDK would read the same text
// differently. The `ini` package is not used: it keeps no line numbers, strips inline comments,
// merges duplicates and knows neither `:` delimiters, continuation lines nor `[DEFAULT]`.

import { IniLineClassifier, IniLineReader, delimiterIndex, pythonStrip, pythonStripFrom, pythonTrimEnd } from './ini-lines';
import { english, phrase, say, type Phrase } from '../../../shared/i18n';

/** Why botocore rejects the whole file ("Unable to parse config file"). */
export type IniErrorCode =
  | 'ini-bom'
  | 'ini-missing-section-header'
  | 'ini-duplicate-section'
  | 'ini-duplicate-key'
  | 'ini-bad-line'
  | 'ini-bad-nested-line'
  | 'ini-indented-header';

/** Text the AWS CLI accepts but the JS SDK reads differently. */
export type IniNoteCode =
  | 'ini-inline-comment'
  | 'ini-colon-delimiter'
  | 'ini-upper-case-key'
  | 'ini-continuation-line'
  | 'ini-default-section'
  | 'ini-indented-header';

export interface IniProblem<Code extends string> {
  code: Code;
  line: number;
  /** The section the line belongs to, when there is one. */
  section: string | null;
  key?: string;
  /** English, for `--json` and logs; `words` says the same in the user's language. */
  message: string;
  words: Phrase;
}

/** One `key = value` in a section, after botocore's joining of continuation lines. */
export interface IniEntry {
  /** Lower-cased, as configparser's optionxform does. */
  key: string;
  line: number;
  /** The joined value (continuation lines joined by `\n`, trailing whitespace removed). */
  value: string;
  /** `key =` followed by indented `k = v` lines: botocore's nested dictionary, keys kept as written. */
  nested: Map<string, { value: string; line: number }> | null;
}

export interface IniSection {
  /** The raw header text between `[` and the last `]`. */
  header: string;
  line: number;
  entries: Map<string, IniEntry>;
}

export interface IniFile {
  /** Sections in file order, `[DEFAULT]` excluded; each already carries the inherited `[DEFAULT]` keys. */
  sections: IniSection[];
  /** The `[DEFAULT]` section (configparser's special one), or null. */
  defaults: IniSection | null;
  /** Set when botocore would refuse the whole file; sections is then empty. */
  error: IniProblem<IniErrorCode> | null;
  notes: Array<IniProblem<IniNoteCode>>;
}

interface Piece {
  text: string;
  line: number;
}

/** An entry while scanning: `value` is its first line, `more` the lines that continue it. */
interface RawEntry extends IniEntry {
  more: Piece[] | null;
}

interface RawSection {
  header: string;
  line: number;
  entries: Map<string, IniEntry>;
}

const DEFAULT_SECTION = 'DEFAULT';
const INLINE_COMMENT = /\s[#;]/;

class IniRejected extends Error {
  constructor(readonly problem: IniProblem<IniErrorCode>) {
    super(problem.message);
  }
}

const KEY_LIKE = /^[A-Za-z0-9_.-]{1,40}$/;

/**
 * Whether text read as a key looks like one: a session token wrapped onto its own unindented line
 * (`FwoGZXIvYXdz…=`) is parsed as a key too, and messages must not quote a token.
 */
export function looksLikeKey(rawKey: string): boolean {
  return KEY_LIKE.test(rawKey) && (rawKey.includes('_') || rawKey.length <= 24);
}

/** `key "region"`, or `the key on this line` (or on line N) for text that may be a wrapped token. */
function keyWords(rawKey: string, line?: number): Phrase {
  if (looksLikeKey(rawKey)) return phrase('ini.key', { key: rawKey });
  return line === undefined ? phrase('ini.keyOnThisLine') : phrase('ini.keyOnLine', { line });
}

/** The problem's English message and its phrase, from the phrase alone. */
function worded(words: Phrase): { message: string; words: Phrase } {
  return { message: say(english, words), words };
}

function hasInlineComment(value: string): boolean {
  return (value.includes('#') || value.includes(';')) && INLINE_COMMENT.test(value);
}

export function parseIni(text: string): IniFile {
  const notes: Array<IniProblem<IniNoteCode>> = [];
  if (text.charCodeAt(0) === 0xfeff) {
    return {
      sections: [],
      defaults: null,
      notes,
      error: {
        code: 'ini-bom',
        line: 1,
        section: null,
        ...worded(phrase('ini.bom')),
      },
    };
  }
  try {
    const { sections, defaults } = scan(text, notes);
    const finishedDefaults = defaults && finishDefaults(defaults);
    return { sections: sections.map((s) => finishSection(s, finishedDefaults)), defaults: finishedDefaults?.section ?? null, error: null, notes };
  } catch (error) {
    if (error instanceof IniRejected) return { sections: [], defaults: null, error: error.problem, notes };
    throw error;
  }
}

/** `[profile x]` indented under a key: configparser reads it as more of that key's value, not as a header. */
function looksLikeHeader(text: string): boolean {
  return text.charCodeAt(0) === 0x5b /* [ */ && text.lastIndexOf(']') > 1;
}

function scan(text: string, notes: Array<IniProblem<IniNoteCode>>): { sections: RawSection[]; defaults: RawSection | null } {
  const sections = new Map<string, RawSection>();
  // The last indented header seen in the current section: a duplicate key after it is its doing.
  let indentedHeader: { line: number; text: string } | null = null;
  let defaults: RawSection | null = null;
  let current: RawSection | null = null;
  let entry: RawEntry | null = null;
  let badLine: IniProblem<IniErrorCode> | null = null;
  // Blank lines after the current entry's last line, not yet known to be part of its value.
  let blanks: number[] | null = null;
  const reader = new IniLineReader(text);
  const classifier = new IniLineClassifier();

  for (let index = 0; reader.next(); index++) {
    const kind = classifier.next(reader.content, index);
    const { value, name, delimiterAt } = classifier;
    const lineNo = index + 1;
    if (kind === 'comment') continue;
    if (kind === 'blank') {
      // A blank line belongs to a multi-line value (it may be followed by more indented lines);
      // a comment line does not and is dropped.
      // Kept aside until a continuation line follows: blank lines that end a value (the last key
      // of nearly every section) would only be joined and stripped off again.
      if (entry) (blanks ??= []).push(lineNo);
      continue;
    }
    if (kind === 'continuation' && current && entry) {
      const more = (entry.more ??= []);
      if (blanks) {
        for (const line of blanks) more.push({ text: '', line });
        blanks = null;
      }
      more.push({ text: value, line: lineNo });
      if (looksLikeHeader(value)) {
        indentedHeader = { line: lineNo, text: value };
        notes.push({
          code: 'ini-indented-header',
          line: lineNo,
          section: current.header,
          ...worded(phrase('ini.indentedHeader', { header: value, key: keyWords(entry.key, entry.line), section: current.header })),
        });
        continue;
      }
      if (hasInlineComment(value)) notes.push(inlineCommentNote(lineNo, current.header, entry.key));
      if (entry.value !== '') {
        notes.push({
          code: 'ini-continuation-line',
          line: lineNo,
          section: current.header,
          key: entry.key,
          ...worded(phrase('ini.continuationLine', { key: keyWords(entry.key, entry.line) })),
        });
      }
      continue;
    }
    if (kind === 'header') {
      const header = name!;
      entry = null;
      blanks = null;
      indentedHeader = null;
      if (header === DEFAULT_SECTION) {
        defaults ??= { header, line: lineNo, entries: new Map() };
        current = defaults;
        notes.push({
          code: 'ini-default-section',
          line: lineNo,
          section: header,
          ...worded(phrase('ini.defaultSection')),
        });
        continue;
      }
      if (sections.has(header)) {
        throw new IniRejected({
          code: 'ini-duplicate-section',
          line: lineNo,
          section: header,
          ...worded(phrase('ini.duplicateSection', { section: header, firstLine: sections.get(header)!.line })),
        });
      }
      current = { header, line: lineNo, entries: new Map() };
      sections.set(header, current);
      continue;
    }
    if (!current) {
      throw new IniRejected({
        code: 'ini-missing-section-header',
        line: lineNo,
        section: null,
        ...worded(phrase('ini.missingSectionHeader')),
      });
    }
    if (kind !== 'key') {
      entry = null;
      blanks = null;
      badLine ??= {
        code: 'ini-bad-line',
        line: lineNo,
        section: current.header,
        ...worded(phrase(delimiterIndex(value) < 0 ? 'ini.badLine.noEquals' : 'ini.badLine.noKey')),
      };
      continue;
    }
    const rawKey = name!;
    const key = rawKey.toLowerCase();
    const existing = current.entries.get(key);
    if (existing && indentedHeader && indentedHeader.line > existing.line) {
      throw new IniRejected({
        code: 'ini-indented-header',
        line: indentedHeader.line,
        section: current.header,
        ...worded(phrase('ini.indentedHeaderDuplicate', { header: indentedHeader.text, key: keyWords(key, lineNo), section: current.header, line: lineNo, firstLine: existing.line })),
      });
    }
    if (existing) {
      throw new IniRejected({
        code: 'ini-duplicate-key',
        line: lineNo,
        section: current.header,
        ...(looksLikeKey(key) ? { key } : {}),
        ...worded(phrase('ini.duplicateKey', { key: keyWords(key), section: current.header, firstLine: existing.line })),
      });
    }
    const firstValue = pythonStripFrom(value, delimiterAt! + 1);
    entry = { key, line: lineNo, value: firstValue, nested: null, more: null };
    blanks = null;
    current.entries.set(key, entry);
    if (value.charCodeAt(delimiterAt!) === 0x3a /* : */) {
      notes.push({
        code: 'ini-colon-delimiter',
        line: lineNo,
        section: current.header,
        key,
        ...worded(phrase('ini.colonDelimiter', { key: keyWords(key) })),
      });
    }
    if (rawKey !== key) {
      notes.push({
        code: 'ini-upper-case-key',
        line: lineNo,
        section: current.header,
        ...(looksLikeKey(key) ? { key } : {}),
        ...worded(looksLikeKey(rawKey) ? phrase('ini.upperCaseKey', { rawKey, key }) : phrase('ini.upperCaseKey.unnamed')),
      });
    }
    if (hasInlineComment(firstValue)) notes.push(inlineCommentNote(lineNo, current.header, key));
  }
  if (badLine) throw new IniRejected(badLine);
  return { sections: [...sections.values()], defaults };
}

function inlineCommentNote(line: number, section: string, key: string): IniProblem<IniNoteCode> {
  return {
    code: 'ini-inline-comment',
    line,
    section,
    key,
    ...worded(phrase('ini.inlineComment', { key: keyWords(key) })),
  };
}

// The line breaks of Python's str.splitlines(), which botocore's _parse_nested splits a nested block
// on: more than the file's own line ends, so a `\u2028` in a nested value splits it there.
const SPLITLINES_BREAK = /\r\n|[\n\r\v\f\x1c-\x1e\x85\u2028\u2029]/;

function finishEntry(raw: RawEntry, section: string): IniEntry {
  if (!raw.more) return raw;
  // configparser joins the lines with newlines and strips trailing whitespace.
  const joined = pythonTrimEnd([raw.value, ...raw.more.map((p) => p.text)].join('\n'));
  if (!joined.startsWith('\n')) return { key: raw.key, line: raw.line, value: joined, nested: null };
  const nested = new Map<string, { value: string; line: number }>();
  for (const piece of raw.more) {
    for (const part of piece.text.split(SPLITLINES_BREAK)) {
      const text = pythonStrip(part);
      if (text === '') continue;
      const equals = text.indexOf('=');
      if (equals < 0) {
        throw new IniRejected({
          code: 'ini-bad-nested-line',
          line: piece.line,
          section,
          key: raw.key,
          ...worded(phrase('ini.badNestedLine', { key: keyWords(raw.key, raw.line) })),
        });
      }
      nested.set(pythonStrip(text.slice(0, equals)), { value: pythonStrip(text.slice(equals + 1)), line: piece.line });
    }
  }
  return { key: raw.key, line: raw.line, value: joined, nested };
}

interface FinishedDefaults {
  section: IniSection;
  /** Nested blocks botocore cannot parse: an error only in a section that inherits them. */
  broken: Map<string, IniRejected>;
}

/**
 * botocore parses nested blocks per section, after configparser added the `[DEFAULT]` keys: a bad
 * nested block in `[DEFAULT]` breaks the file only when some section inherits it.
 */
function finishDefaults(raw: RawSection): FinishedDefaults {
  const broken = new Map<string, IniRejected>();
  for (const entry of raw.entries.values()) {
    const rawEntry = entry as RawEntry;
    if (!rawEntry.more) continue;
    try {
      raw.entries.set(entry.key, finishEntry(rawEntry, raw.header));
    } catch (error) {
      if (!(error instanceof IniRejected)) throw error;
      broken.set(entry.key, error);
    }
  }
  return { section: raw, broken };
}

/** Joins continuation lines in place and adds the inherited `[DEFAULT]` keys. */
function finishSection(raw: RawSection, defaults: FinishedDefaults | null): IniSection {
  const { entries } = raw;
  for (const entry of entries.values()) {
    const rawEntry = entry as RawEntry;
    if (rawEntry.more) entries.set(entry.key, finishEntry(rawEntry, raw.header));
  }
  if (defaults) {
    for (const [key, entry] of defaults.section.entries) {
      if (entries.has(key)) continue;
      const broken = defaults.broken.get(key);
      if (broken) throw broken;
      entries.set(key, entry);
    }
  }
  return raw;
}

/**
 * Python's `shlex.split` (POSIX mode, no comments), which botocore uses on section headers.
 * Returns null where shlex raises (unclosed quote, trailing backslash): botocore then skips the section.
 */
export function shlexSplit(text: string): string[] | null {
  if (!/["'\\]/.test(text)) return text.split(/[ \t\r\n]+/).filter((word) => word !== '');
  const words: string[] = [];
  let word = '';
  let inWord = false;
  let i = 0;
  while (i < text.length) {
    const c = text[i];
    if (c === ' ' || c === '\t' || c === '\r' || c === '\n') {
      if (inWord) words.push(word);
      word = '';
      inWord = false;
      i++;
      continue;
    }
    inWord = true;
    if (c === '\\') {
      if (i + 1 >= text.length) return null;
      word += text[i + 1];
      i += 2;
    } else if (c === "'") {
      const end = text.indexOf("'", i + 1);
      if (end < 0) return null;
      word += text.slice(i + 1, end);
      i = end + 1;
    } else if (c === '"') {
      i++;
      let closed = false;
      while (i < text.length) {
        const d = text[i];
        if (d === '"') {
          closed = true;
          i++;
          break;
        }
        if (d === '\\' && (text[i + 1] === '"' || text[i + 1] === '\\')) {
          word += text[i + 1];
          i += 2;
          continue;
        }
        word += d;
        i++;
      }
      if (!closed) return null;
    } else {
      word += c;
      i++;
    }
  }
  if (inWord) words.push(word);
  return words;
}
