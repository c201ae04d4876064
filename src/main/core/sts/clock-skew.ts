// Measures how far the local clock is from AWS's, from the `Date` header of each STS response.
// SigV4 requests are only accepted within a few minutes of the server's time, and every expiry
// countdown runs on the local clock, so a wrong clock breaks refreshes in confusing ways.
import { phrase, type Phrase } from '../../../shared/i18n';

/** One HTTP exchange with STS: when it left, when the answer came, and the server's `Date`. */
export interface ClockSample {
  sentAt: number;
  receivedAt: number;
  /** The server's time in ms since the epoch, from the `Date` header. */
  serverTime: number;
  /** serverTime − local time at the middle of the exchange; positive when the local clock is behind. */
  offsetMs: number;
}

export type ClockSkewSeverity = 'ok' | 'warning' | 'error';

export interface ClockSkewReport {
  offsetMs: number;
  severity: ClockSkewSeverity;
  /** One line for a person; empty when severity is 'ok'. */
  message: string;
  sample: ClockSample;
}

/** Above this the local clock is worth mentioning. */
export const CLOCK_SKEW_WARNING_MS = 60_000;
/** AWS rejects signed requests more than five minutes off the server's time. */
export const CLOCK_SKEW_ERROR_MS = 300_000;

/**
 * Builds a sample from a `Date` header. The header has whole-second resolution (it truncates),
 * so the server's time lies in [Date, Date + 1 s): take the middle of that second, and compare
 * with the middle of the round trip.
 */
export function clockSampleFrom(dateHeader: string | undefined, sentAt: number, receivedAt: number): ClockSample | undefined {
  if (!dateHeader) return undefined;
  const parsed = Date.parse(dateHeader);
  if (Number.isNaN(parsed)) return undefined;
  const serverTime = parsed + 500;
  return { sentAt, receivedAt, serverTime, offsetMs: Math.round(serverTime - (sentAt + receivedAt) / 2) };
}

export function clockSkewSeverity(offsetMs: number): ClockSkewSeverity {
  const size = Math.abs(offsetMs);
  if (size > CLOCK_SKEW_ERROR_MS) return 'error';
  if (size > CLOCK_SKEW_WARNING_MS) return 'warning';
  return 'ok';
}

/** "3 min 20 s ahead of AWS", "45 s behind AWS". */
export function describeClockOffset(offsetMs: number): string {
  return `${clockOffsetAmount(offsetMs)} ${clockRunsAhead(offsetMs) ? 'ahead of' : 'behind'} AWS`;
}

/** "3 min 20 s", "45 s": the size of the offset, in units every language here writes the same. */
export function clockOffsetAmount(offsetMs: number): string {
  const seconds = Math.round(Math.abs(offsetMs) / 1000);
  const minutes = Math.floor(seconds / 60);
  return minutes > 0 ? `${minutes} min ${seconds % 60} s` : `${seconds} s`;
}

/** offset = server − local: a negative offset means the local clock runs ahead. */
export function clockRunsAhead(offsetMs: number): boolean {
  return offsetMs < 0;
}

export function clockSkewReport(sample: ClockSample): ClockSkewReport {
  const severity = clockSkewSeverity(sample.offsetMs);
  const where = describeClockOffset(sample.offsetMs);
  const message =
    severity === 'error'
      ? `This computer's clock is ${where}: AWS rejects requests signed more than 5 minutes off. Turn on automatic time (NTP) and retry.`
      : severity === 'warning'
        ? `This computer's clock is ${where}; past 5 minutes AWS will reject requests. Turn on automatic time (NTP).`
        : '';
  return { offsetMs: sample.offsetMs, severity, message, sample };
}

/** The same sentence as the report's message, as a phrase for the user's language. */
export function clockSkewWords(severity: 'error' | 'warning', offsetMs: number): Phrase {
  return phrase(severity === 'error' ? 'doctor.clockSkew.error' : 'doctor.clockSkew.warning', clockOffsetWords(offsetMs));
}

/** The offset's size and direction ("3 min 20 s" / "ahead of"), for sentences about the clock. */
export function clockOffsetWords(offsetMs: number): { amount: string; direction: Phrase } {
  return { amount: clockOffsetAmount(offsetMs), direction: phrase(clockRunsAhead(offsetMs) ? 'doctor.clockSkew.ahead' : 'doctor.clockSkew.behind') };
}
