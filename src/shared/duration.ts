// Durations as people type them ("45m", "14m30s", "1h", "900") and as a countdown shows them.

const UNIT_SECONDS: Record<string, number> = { h: 3600, m: 60, s: 1 };

/** Parses "1h30m", "14m30s", "45m", "90s" or a bare number of seconds; returns milliseconds. */
export function parseDuration(text: string): number {
  const trimmed = text.trim();
  if (/^\d+$/.test(trimmed)) return Number(trimmed) * 1000;
  const pattern = /(\d+)([hms])/g;
  let total = 0;
  let consumed = '';
  for (const match of trimmed.matchAll(pattern)) {
    total += Number(match[1]) * UNIT_SECONDS[match[2]];
    consumed += match[0];
  }
  if (consumed.length === 0 || consumed !== trimmed) {
    throw new Error(`"${text}" is not a duration: use forms like 45m, 14m30s, 1h or a number of seconds`);
  }
  return total * 1000;
}

/**
 * The one rounding of time left that the tray menu, the popover's rows and the notifications
 * share: the nearest whole minute (a warning due at 10 min says "10 min", a fresh one-hour session
 * "1h 00m", 3 min 20 s "3 min"), seconds only in the last minute.
 */
export type TimeLeft =
  | { unit: 'expired' }
  | { unit: 'seconds'; seconds: number }
  | { unit: 'minutes'; minutes: number }
  | { unit: 'hours'; hours: number; minutes: number };

export function timeLeft(milliseconds: number): TimeLeft {
  if (milliseconds <= 0) return { unit: 'expired' };
  if (milliseconds < 60_000) return { unit: 'seconds', seconds: Math.min(59, Math.ceil(milliseconds / 1000)) };
  const minutes = Math.round(milliseconds / 60_000);
  if (minutes < 60) return { unit: 'minutes', minutes };
  return { unit: 'hours', hours: Math.floor(minutes / 60), minutes: minutes % 60 };
}

/** "59m 12s", "2h 03m", "45s", "expired"; for CLI tables, where seconds are wanted. */
export function formatRemaining(milliseconds: number): string {
  if (milliseconds <= 0) return 'expired';
  const totalSeconds = Math.floor(milliseconds / 1000);
  const hours = Math.floor(totalSeconds / 3600);
  const minutes = Math.floor((totalSeconds % 3600) / 60);
  const seconds = totalSeconds % 60;
  if (hours > 0) return `${hours}h ${String(minutes).padStart(2, '0')}m`;
  if (minutes > 0) return `${minutes}m ${String(seconds).padStart(2, '0')}s`;
  return `${seconds}s`;
}

/** `2024-05-06T07:08:09Z`: ISO 8601 in UTC without milliseconds, as STS and the AWS CLI write times. */
export function isoSeconds(date: Date): string {
  return `${date.toISOString().slice(0, 19)}Z`;
}
