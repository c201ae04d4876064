// Python's int(text) in base 10, as botocore applies it to duration_seconds: surrounding Python
// whitespace, a sign, single underscores between digits, and any Unicode decimal digit (`３６００`,
// `٣٦٠٠`), exact at any size (a bigint). Null where Python raises ValueError.
import { isPythonSpace } from './ini-lines';

/** CPython's default limit on the digits int() converts (sys.get_int_max_str_digits()). */
export const PYTHON_INT_MAX_STR_DIGITS = 4300;

const DECIMAL_DIGIT = /^\p{Nd}$/u;

/** The value 0-9 of a Unicode decimal digit: they come in runs of ten, zero first. */
function digitValue(codePoint: number): number | null {
  if (codePoint >= 0x30 && codePoint <= 0x39) return codePoint - 0x30;
  if (!DECIMAL_DIGIT.test(String.fromCodePoint(codePoint))) return null;
  let start = codePoint;
  while (DECIMAL_DIGIT.test(String.fromCodePoint(start - 1))) start -= 1;
  return (codePoint - start) % 10;
}

export function parsePythonInt(text: string): bigint | null {
  const chars = Array.from(text);
  let from = 0;
  let to = chars.length;
  while (from < to && isPythonSpace(chars[from]!.codePointAt(0)!)) from += 1;
  while (to > from && isPythonSpace(chars[to - 1]!.codePointAt(0)!)) to -= 1;
  let negative = false;
  if (chars[from] === '+' || chars[from] === '-') {
    negative = chars[from] === '-';
    from += 1;
  }
  let digits = '';
  let previousWasDigit = false;
  for (let at = from; at < to; at += 1) {
    const char = chars[at]!;
    if (char === '_') {
      if (!previousWasDigit) return null;
      previousWasDigit = false;
      continue;
    }
    const value = digitValue(char.codePointAt(0)!);
    if (value === null) return null;
    digits += String(value);
    previousWasDigit = true;
  }
  if (digits === '' || !previousWasDigit || digits.length > PYTHON_INT_MAX_STR_DIGITS) return null;
  const magnitude = BigInt(digits);
  return negative ? -magnitude : magnitude;
}
