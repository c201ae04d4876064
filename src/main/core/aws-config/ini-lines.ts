// The line model of AWS config and credentials files, shared by the reader (ini-parser) and the
// editor (ini-editor) so both see the same lines botocore sees. Python's configparser reads the
// file through open() in text mode, whose universal newlines end a line at `\n`, `\r\n` or `\r`
// and nowhere else: `\u2028`, `\x85`, `\x0b`, `\x0c`, `\x1c`-`\x1e` stay inside the line (only
// str.splitlines() would split on them). Each line keeps its own terminator, so joining the
// lines gives back the exact input.

export type LineTerminator = '' | '\n' | '\r' | '\r\n';

export interface IniLine {
  /** The line without its terminator. */
  content: string;
  /** '' only for a last line the file does not end. */
  terminator: LineTerminator;
}

export type IniLineKind = 'blank' | 'comment' | 'header' | 'key' | 'continuation' | 'other';

/** A line as botocore's configparser classifies it. */
export interface ClassifiedLine extends IniLine {
  kind: IniLineKind;
  /** The content stripped of Python whitespace (configparser's `line.strip()`). */
  value: string;
  /** Python whitespace characters before the first other one; 0 for a blank line. */
  indent: number;
  /** header: the text between `[` and the last `]`; key: the key as written (not lower-cased). */
  name?: string;
  /** key lines: where the first `=` or `:` stands in `value`. */
  delimiterAt?: number;
  /** continuation lines: the index of the key line whose value they continue. */
  owner?: number;
}

const LINE_END = /\r\n|\r|\n/g;

export function splitIniLines(text: string): IniLine[] {
  const lines: IniLine[] = [];
  let start = 0;
  LINE_END.lastIndex = 0;
  for (let match = LINE_END.exec(text); match; match = LINE_END.exec(text)) {
    lines.push({ content: text.slice(start, match.index), terminator: match[0] as LineTerminator });
    start = match.index + match[0].length;
  }
  if (start < text.length) lines.push({ content: text.slice(start), terminator: '' });
  return lines;
}

/**
 * The lines of `text` one at a time, split exactly as splitIniLines splits them, without building
 * an object per line: the parser reads a file of 60,000 lines through this.
 */
export class IniLineReader {
  /** The current line without its terminator. */
  content = '';
  private at = 0;
  private readonly onlyLineFeeds: boolean;

  constructor(private readonly text: string) {
    this.onlyLineFeeds = !text.includes('\r');
  }

  /** Moves to the next line; false once there is none. */
  next(): boolean {
    const { text, at } = this;
    if (at >= text.length) return false;
    if (this.onlyLineFeeds) {
      const end = text.indexOf('\n', at);
      this.content = text.slice(at, end < 0 ? text.length : end);
      this.at = end < 0 ? text.length : end + 1;
      return true;
    }
    let end = at;
    while (end < text.length && text.charCodeAt(end) !== 0x0a && text.charCodeAt(end) !== 0x0d) end++;
    this.content = text.slice(at, end);
    this.at = text.charCodeAt(end) === 0x0d && text.charCodeAt(end + 1) === 0x0a ? end + 2 : end + 1;
    return true;
  }
}

export function joinIniLines(lines: readonly IniLine[]): string {
  let text = '';
  for (const line of lines) text += line.content + line.terminator;
  return text;
}

/** The terminator most lines end with (the first seen wins a tie), or `fallback` when none does. */
export function dominantTerminator(lines: readonly IniLine[], fallback: Exclude<LineTerminator, ''> = '\n'): Exclude<LineTerminator, ''> {
  const counts = new Map<string, number>();
  let best: Exclude<LineTerminator, ''> | null = null;
  for (const { terminator } of lines) {
    if (terminator === '') continue;
    const count = (counts.get(terminator) ?? 0) + 1;
    counts.set(terminator, count);
    if (best === null || count > counts.get(best)!) best = terminator;
  }
  return best ?? fallback;
}

/** Python's str.isspace() (also what `\s` matches in a str regex): not the BOM, but `\x1c`-`\x1f` and `\x85`. */
export function isPythonSpace(code: number): boolean {
  if (code <= 0x20) return code === 0x20 || (code >= 0x09 && code <= 0x0d) || (code >= 0x1c && code <= 0x1f);
  if (code < 0x85) return false;
  return (
    code === 0x85 ||
    code === 0xa0 ||
    code === 0x1680 ||
    (code >= 0x2000 && code <= 0x200a) ||
    code === 0x2028 ||
    code === 0x2029 ||
    code === 0x202f ||
    code === 0x205f ||
    code === 0x3000
  );
}

/** Python's str.lstrip() length: where the first non-whitespace character stands (text.length when none). */
export function pythonIndent(text: string): number {
  let at = 0;
  while (at < text.length && isPythonSpace(text.charCodeAt(at))) at++;
  return at;
}

export function pythonTrimEnd(text: string): string {
  let end = text.length;
  while (end > 0 && isPythonSpace(text.charCodeAt(end - 1))) end--;
  return text.slice(0, end);
}

/** Python's str.strip() (JS trim() differs: it strips a BOM and keeps `\x85` and `\x1c`-`\x1f`). */
export function pythonStrip(text: string): string {
  return pythonStripFrom(text, 0);
}

/** pythonStrip(text.slice(from)), with one slice instead of three. */
export function pythonStripFrom(text: string, from: number): string {
  let start = from;
  while (start < text.length && isPythonSpace(text.charCodeAt(start))) start++;
  let end = text.length;
  while (end > start && isPythonSpace(text.charCodeAt(end - 1))) end--;
  return start === 0 && end === text.length ? text : text.slice(start, end);
}

/** Index of the first `=` or `:` (configparser's delimiters), or -1. */
export function delimiterIndex(text: string): number {
  const equals = text.indexOf('=');
  const colon = text.indexOf(':');
  if (equals < 0) return colon;
  return colon < 0 || equals < colon ? equals : colon;
}

/**
 * Classifies each line as configparser's `_read` does: blank and full-line comment lines first
 * (they never end a multi-line value); then a line indented deeper than the last key line
 * continues that key's value; then `[header]`; then `key = value` / `key: value` inside a
 * section; anything else is a line botocore refuses ('other', also for keys before any header).
 * One line at a time, its answer in the fields, so a reader of many lines builds no object per line.
 */
export class IniLineClassifier {
  kind: IniLineKind = 'blank';
  value = '';
  indent = 0;
  name: string | undefined = undefined;
  delimiterAt: number | undefined = undefined;
  owner: number | undefined = undefined;
  private inSection = false;
  private currentKey = -1;
  private indentLevel = 0;

  /** Classifies line `index` (0-based), which must follow the line classified before it. */
  next(content: string, index: number): IniLineKind {
    const value = pythonStrip(content);
    this.value = value;
    this.name = undefined;
    this.delimiterAt = undefined;
    this.owner = undefined;
    if (value === '') {
      this.indent = 0;
      return (this.kind = 'blank');
    }
    const first = value.charCodeAt(0);
    const indent = pythonIndent(content);
    this.indent = indent;
    if (first === 0x23 /* # */ || first === 0x3b /* ; */) return (this.kind = 'comment');
    if (this.currentKey >= 0 && indent > this.indentLevel) {
      this.owner = this.currentKey;
      return (this.kind = 'continuation');
    }
    this.indentLevel = indent;
    const close = first === 0x5b /* [ */ ? value.lastIndexOf(']') : -1;
    if (close > 1) {
      this.inSection = true;
      this.currentKey = -1;
      this.name = value.slice(1, close);
      return (this.kind = 'header');
    }
    const delimiterAt = delimiterIndex(value);
    const rawKey = delimiterAt > 0 ? pythonTrimEnd(value.slice(0, delimiterAt)) : '';
    if (this.inSection && rawKey !== '') {
      this.currentKey = index;
      this.name = rawKey;
      this.delimiterAt = delimiterAt;
      return (this.kind = 'key');
    }
    this.currentKey = -1;
    return (this.kind = 'other');
  }
}

export function classifyIniLines(lines: readonly IniLine[]): ClassifiedLine[] {
  const classified: ClassifiedLine[] = new Array(lines.length);
  const classifier = new IniLineClassifier();
  for (let index = 0; index < lines.length; index++) {
    const line = lines[index];
    const kind = classifier.next(line.content, index);
    // Every classified line has the same shape (absent fields undefined): 10,000 profiles stay fast.
    classified[index] = {
      content: line.content,
      terminator: line.terminator,
      kind,
      value: classifier.value,
      indent: classifier.indent,
      name: classifier.name,
      delimiterAt: classifier.delimiterAt,
      owner: classifier.owner,
    };
  }
  return classified;
}
