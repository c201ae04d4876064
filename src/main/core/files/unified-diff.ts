// A compact line diff (longest common subsequence) printed as a unified diff, for `--dry-run`.
// These files are small (hundreds of lines), so the quadratic table is fine.

export interface UnifiedDiffOptions {
  /** Lines of context around each change. Default 3. */
  context?: number;
  /**
   * Gets every line of one side of the diff (the old text, then the new) and returns them as they
   * may be printed, one for one, e.g. with secret values masked. It sees whole files, not just the
   * hunks, so it can carry state such as "this indented line continues a secret value".
   */
  redactLines?: (lines: readonly string[]) => string[];
}

/** Above this many LCS cells (16 MB), the diff stops looking for common lines in the middle. */
const MAX_TABLE_CELLS = 4_000_000;

type Op = { kind: ' ' | '-' | '+'; text: string; oldLine: number; newLine: number };

/** Splits into lines without their terminators; notes whether the last one lacked a newline. */
function splitLines(text: string): { lines: string[]; noFinalNewline: boolean } {
  if (text === '') return { lines: [], noFinalNewline: false };
  const lines = text.split(/\r?\n/);
  const noFinalNewline = lines[lines.length - 1] !== '';
  if (!noFinalNewline) lines.pop();
  return { lines, noFinalNewline };
}

function diffOps(a: string[], b: string[]): Op[] {
  let start = 0;
  while (start < a.length && start < b.length && a[start] === b[start]) start++;
  let endA = a.length;
  let endB = b.length;
  while (endA > start && endB > start && a[endA - 1] === b[endB - 1]) {
    endA--;
    endB--;
  }
  const midA = a.slice(start, endA);
  const midB = b.slice(start, endB);
  const rows = midA.length + 1;
  const cols = midB.length + 1;
  const ops: Op[] = [];
  for (let k = 0; k < start; k++) ops.push({ kind: ' ', text: a[k]!, oldLine: k, newLine: k });
  const suffix = () => {
    for (let k = 0; k < a.length - endA; k++) ops.push({ kind: ' ', text: a[endA + k]!, oldLine: endA + k, newLine: endB + k });
  };
  if (rows * cols > MAX_TABLE_CELLS) {
    // Too big to align line by line: show the differing middle as removed, then added.
    midA.forEach((text, k) => ops.push({ kind: '-', text, oldLine: start + k, newLine: start }));
    midB.forEach((text, k) => ops.push({ kind: '+', text, oldLine: endA, newLine: start + k }));
    suffix();
    return ops;
  }
  const table = new Uint32Array(rows * cols);
  for (let i = midA.length - 1; i >= 0; i--) {
    for (let j = midB.length - 1; j >= 0; j--) {
      table[i * cols + j] =
        midA[i] === midB[j] ? table[(i + 1) * cols + j + 1]! + 1 : Math.max(table[(i + 1) * cols + j]!, table[i * cols + j + 1]!);
    }
  }
  let i = 0;
  let j = 0;
  while (i < midA.length || j < midB.length) {
    if (i < midA.length && j < midB.length && midA[i] === midB[j]) {
      ops.push({ kind: ' ', text: midA[i]!, oldLine: start + i, newLine: start + j });
      i++;
      j++;
    } else if (i < midA.length && (j === midB.length || table[(i + 1) * cols + j]! >= table[i * cols + j + 1]!)) {
      // Removals before additions, as diff(1) prints them.
      ops.push({ kind: '-', text: midA[i]!, oldLine: start + i, newLine: start + j });
      i++;
    } else {
      ops.push({ kind: '+', text: midB[j]!, oldLine: start + i, newLine: start + j });
      j++;
    }
  }
  suffix();
  return ops;
}

/**
 * A unified diff from `oldText` to `newText` (`--- label` / `+++ label` headers), or '' when they
 * have the same lines. Changes only to line endings or the final newline are not shown.
 */
export function unifiedDiff(oldText: string, newText: string, label: string, options: UnifiedDiffOptions = {}): string {
  const context = options.context ?? 3;
  const before = splitLines(oldText);
  const after = splitLines(newText);
  const ops = diffOps(before.lines, after.lines);
  const shownOld = options.redactLines ? options.redactLines(before.lines) : before.lines;
  const shownNew = options.redactLines ? options.redactLines(after.lines) : after.lines;
  // A context line is in both files; it is masked if either side masks it.
  const shown = (op: Op): string =>
    op.kind === '+' ? shownNew[op.newLine]! : op.kind === '-' || shownOld[op.oldLine] !== op.text ? shownOld[op.oldLine]! : shownNew[op.newLine]!;
  const changed = ops.map((op, index) => (op.kind === ' ' ? -1 : index)).filter((index) => index >= 0);
  if (changed.length === 0) return '';
  const out = [`--- ${label}`, `+++ ${label}`];
  const noNewlineMarker = (op: Op): boolean =>
    (op.kind === '-' && before.noFinalNewline && op.oldLine === before.lines.length - 1) ||
    (op.kind !== '-' && after.noFinalNewline && op.newLine === after.lines.length - 1);
  // Group changes whose context windows touch into hunks.
  const hunks: Array<[number, number]> = [];
  for (const index of changed) {
    const from = Math.max(0, index - context);
    const to = Math.min(ops.length - 1, index + context);
    const last = hunks[hunks.length - 1];
    if (last && from <= last[1] + 1) last[1] = to;
    else hunks.push([from, to]);
  }
  for (const [from, to] of hunks) {
    const slice = ops.slice(from, to + 1);
    const oldCount = slice.filter((op) => op.kind !== '+').length;
    const newCount = slice.filter((op) => op.kind !== '-').length;
    const oldStart = oldCount === 0 ? slice[0]!.oldLine : slice.find((op) => op.kind !== '+')!.oldLine + 1;
    const newStart = newCount === 0 ? slice[0]!.newLine : slice.find((op) => op.kind !== '-')!.newLine + 1;
    out.push(`@@ -${oldStart},${oldCount} +${newStart},${newCount} @@`);
    for (const op of slice) {
      out.push(`${op.kind}${shown(op)}`);
      if (noNewlineMarker(op)) out.push('\\ No newline at end of file');
    }
  }
  return `${out.join('\n')}\n`;
}
