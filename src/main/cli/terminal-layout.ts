// How the CLI's text fits the terminal: widths as the terminal draws them (a CJK character or an
// emoji takes two columns, a combining mark none), tables that fit the width, long values shortened
// in the middle (both ends of an ARN or a path say the most), sentences wrapped at spaces, and
// colour for status words on a terminal that wants it.
import { styleText } from 'node:util';
import { terminalSafe } from './terminal-text';

/** The width of a run's output: COLUMNS, else the terminal's, else 80 (a pipe or a file). */
export const DEFAULT_COLUMNS = 80;
const MIN_COLUMNS = 20;

export interface TerminalFacts {
  /** Columns the output may use. */
  width: number;
  /** True when status words may be coloured. */
  color: boolean;
}

// One column per UTF-16 unit, no combining mark, no wide or zero-width character: printable ASCII,
// Latin-1 and Latin Extended letters (but the soft hyphen), general punctuation (`…`) and arrows
// (`→`). Nearly every cell is only these; string-width segments the rest (a run over 10,000
// profiles is seconds through string-width alone).
const ONE_COLUMN_EACH = /^[\x20-\x7e\u00a0-\u00ac\u00ae-\u02ff\u2010-\u2027\u2030-\u205e\u2190-\u21ff]*$/;

let stringWidth: ((text: string) => number) | undefined;

/** The columns `text` takes on a terminal. */
export function displayWidth(text: string): number {
  if (ONE_COLUMN_EACH.test(text)) return text.length;
  // Loaded on first use: string-width builds an Intl.Segmenter when it loads, ~20 ms of ICU data
  // that a table of ASCII names never needs.
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  stringWidth ??= (require('string-width') as typeof import('string-width')).default;
  return stringWidth(text);
}

/**
 * Columns from the environment: a positive COLUMNS wins (what a shell or `COLUMNS=100 rolekeeper`
 * says), then the terminal's width when stdout is one, else 80.
 */
export function terminalWidth(env: NodeJS.ProcessEnv, ttyColumns: number | undefined): number {
  const fromEnv = Number(env.COLUMNS);
  const columns = Number.isInteger(fromEnv) && fromEnv > 0 ? fromEnv : (ttyColumns ?? DEFAULT_COLUMNS);
  return Math.max(MIN_COLUMNS, columns);
}

/**
 * Colour or not, by the conventions every CLI shares: `--no-color` and a non-empty NO_COLOR turn it
 * off, FORCE_COLOR turns it on (FORCE_COLOR=0 off), else colour only on a terminal that is not dumb.
 */
export function wantsColor(argv: readonly string[], env: NodeJS.ProcessEnv, stdoutIsTerminal: boolean): boolean {
  if (argv.includes('--no-color')) return false;
  if (env.NO_COLOR !== undefined && env.NO_COLOR !== '') return false;
  if (env.FORCE_COLOR !== undefined) return env.FORCE_COLOR !== '0' && env.FORCE_COLOR !== 'false';
  return stdoutIsTerminal && env.TERM !== 'dumb';
}

const STATUS_COLORS: Record<string, Parameters<typeof styleText>[0]> = {
  valid: 'green',
  renewable: 'green',
  expiring: 'yellow',
  expired: 'red',
  error: 'red',
  invalid: 'red',
  'signed-out': 'yellow',
};

/** A status word in its colour when colour is on; other words and colour off leave it as it is. */
export function paintStatus(word: string, color: boolean): string {
  const style = STATUS_COLORS[word];
  return color && style ? styleText(style, word, { validateStream: false }) : word;
}

/** `text` in at most `width` columns: its start and end with `…` between them. */
export function shortenMiddle(text: string, width: number): string {
  const oneColumnEach = ONE_COLUMN_EACH.test(text);
  if ((oneColumnEach ? text.length : displayWidth(text)) <= width) return text;
  if (width <= 1) return '…'.slice(0, width);
  const room = width - 1;
  const headRoom = Math.ceil(room / 2);
  // One UTF-16 unit per column: the ends are plain slices (a list shortens thousands of chains).
  if (oneColumnEach) return `${text.slice(0, headRoom)}…${text.slice(text.length - (room - headRoom))}`;
  const characters = Array.from(text);
  let head = '';
  let used = 0;
  for (const character of characters) {
    const w = displayWidth(character);
    if (used + w > headRoom) break;
    head += character;
    used += w;
  }
  let tail = '';
  let tailUsed = 0;
  for (let i = characters.length - 1; i >= 0; i -= 1) {
    const w = displayWidth(characters[i]!);
    if (used + tailUsed + w > room) break;
    tail = characters[i] + tail;
    tailUsed += w;
  }
  return `${head}…${tail}`;
}

/** `text` padded with spaces to `width` columns. */
export function padDisplay(text: string, width: number): string {
  return text + ' '.repeat(Math.max(0, width - displayWidth(text)));
}

/**
 * Each line of `text` wrapped at spaces to `width` columns; continuation lines keep the line's own
 * indentation plus `indent`.
 */
export function wrapText(text: string, width: number, extraIndent = '  '): string {
  return text
    .split('\n')
    .map((line) => {
      if (displayWidth(line) <= width) return line;
      const ownIndent = /^ */.exec(line)?.[0] ?? '';
      const words = line.slice(ownIndent.length).split(' ');
      const lines: string[] = [];
      let current = '';
      const prefix = (): string => (lines.length === 0 ? ownIndent : ownIndent + extraIndent);
      for (const word of words) {
        const candidate = current === '' ? word : `${current} ${word}`;
        if (current !== '' && displayWidth(prefix() + candidate) > width) {
          lines.push(prefix() + current);
          current = word;
        } else {
          current = candidate;
        }
      }
      lines.push(prefix() + current);
      // A single word longer than the width (a URL, a path) is shortened, not broken.
      return lines.map((piece) => (displayWidth(piece) > width ? shortenMiddle(piece, width) : piece)).join('\n');
    })
    .join('\n');
}

export interface TableOptions {
  /** Columns the table may take; unlimited when absent. */
  width?: number;
  /** Which columns may be shortened in the middle, and to how few columns at least. */
  shrink?: Readonly<Record<number, number>>;
  /** Paints a cell after it is laid out (colour codes take no columns). */
  paint?: (cell: string, column: number) => string;
}

const GAP = '  ';

/** Cells made safe to print, each cell's columns, and each column's widest cell. */
export interface MeasuredTable {
  header: string[];
  /** The header, then each row, its cells made safe to print. */
  rows: string[][];
  /** Row r, column c at r * columnCount + c; the header is row 0. */
  cellWidths: Int32Array;
  widths: number[];
}

/**
 * One pass over the cells: a list of 10,000 profiles is 70,000 cells, so each is measured once
 * and no array is built per row but the row itself.
 */
export function measureTable(header: string[], plainRows: string[][]): MeasuredTable {
  const columnCount = header.length;
  const rows: string[][] = [header];
  const cellWidths = new Int32Array((plainRows.length + 1) * columnCount);
  const widths = new Array<number>(columnCount).fill(0);
  for (let c = 0; c < columnCount; c++) widths[c] = cellWidths[c] = displayWidth(header[c]!);
  for (let r = 0; r < plainRows.length; r++) {
    const plain = plainRows[r]!;
    const row = new Array<string>(columnCount);
    for (let c = 0; c < columnCount; c++) row[c] = measureCell(plain[c] ?? '', r + 1, c, cellWidths, widths);
    rows.push(row);
  }
  return { header, rows, cellWidths, widths };
}

function measureCell(plain: string, r: number, c: number, cellWidths: Int32Array, widths: number[]): string {
  // One-column characters include no control: such a cell is safe as it is and as wide as it is long.
  const simple = ONE_COLUMN_EACH.test(plain);
  // Controls shown as \uXXXX before measuring: what is measured is what the terminal gets.
  const cell = simple ? plain : terminalSafe(plain);
  const width = simple ? plain.length : displayWidth(cell);
  cellWidths[r * widths.length + c] = width;
  if (width > widths[c]!) widths[c] = width;
  return cell;
}

/** Puts `cells` (one per row) in column `column` of the table and measures that column again. */
export function replaceColumn(table: MeasuredTable, column: number, cells: readonly string[]): MeasuredTable {
  const { rows, cellWidths, widths } = table;
  widths[column] = cellWidths[column]!;
  for (let r = 1; r < rows.length; r++) rows[r]![column] = measureCell(cells[r - 1] ?? '', r, column, cellWidths, widths);
  return table;
}

/** The widest line the table prints without a width to fit, in columns. */
export function widestLine(table: MeasuredTable): number {
  const { rows, cellWidths, widths } = table;
  const last = widths.length - 1;
  let before = GAP.length * last;
  for (let c = 0; c < last; c++) before += widths[c]!;
  let widest = 0;
  for (let r = 0; r < rows.length; r++) {
    const lastCell = rows[r]![last]!;
    // The line ends in its last cell unless that cell is empty or ends in spaces; only then is the
    // line built to see what trimming leaves.
    const width = lastCell === '' || /\s$/.test(lastCell) ? displayWidth(layoutLine(rows[r]!, r, table, false, undefined)) : before + cellWidths[r * widths.length + last]!;
    if (width > widest) widest = width;
  }
  return widest;
}

function layoutLine(cells: string[], r: number, table: MeasuredTable, painted: boolean, paint: ((cell: string, column: number) => string) | undefined): string {
  const columnCount = table.widths.length;
  let line = '';
  for (let c = 0; c < cells.length; c++) {
    const cell = cells[c]!;
    const room = table.widths[c]!;
    let width = table.cellWidths[r * columnCount + c]!;
    let fitted = cell;
    if (width > room) {
      fitted = shortenMiddle(cell, room);
      width = displayWidth(fitted);
    }
    if (c > 0) line += GAP;
    line += painted && paint ? paint(fitted, c) : fitted;
    if (c < cells.length - 1 && room > width) line += ' '.repeat(room - width);
  }
  return line.trimEnd();
}

/**
 * Pads columns to the widest cell (as the terminal draws it); the last column is not padded. When
 * the table is wider than `width`, the shrinkable columns give up columns, the widest first.
 */
export function formatTable(header: string[], plainRows: string[][], options: TableOptions = {}): string {
  return formatMeasuredTable(measureTable(header, plainRows), options);
}

/** formatTable of a table already measured (its widths are not changed). */
export function formatMeasuredTable(measured: MeasuredTable, options: TableOptions = {}): string {
  const { header } = measured;
  const widths = [...measured.widths];
  const table = { ...measured, widths };
  const total = (): number => widths.reduce((sum, w) => sum + w, 0) + GAP.length * (widths.length - 1);
  const shrink = options.shrink ?? {};
  if (options.width !== undefined) {
    while (total() > options.width) {
      const candidates = Object.keys(shrink)
        .map(Number)
        .filter((i) => widths[i]! > Math.max(shrink[i]!, displayWidth(header[i]!)));
      if (candidates.length === 0) break;
      const widest = candidates.reduce((a, b) => (widths[b]! > widths[a]! ? b : a));
      widths[widest] -= 1;
    }
  }
  const lines = new Array<string>(table.rows.length);
  for (let r = 0; r < table.rows.length; r++) lines[r] = layoutLine(table.rows[r]!, r, table, r > 0, options.paint);
  return lines.join('\n') + '\n';
}
