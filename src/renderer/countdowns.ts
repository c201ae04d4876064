// The live countdowns: one 1 s interval, and only while the popover is visible.
import { sayTimeLeft, type MessageKey } from '../shared/i18n';
import { popover } from './popover-context';
import { barStep } from './profile-rows';

interface Countdown {
  text: HTMLElement;
  expires: number;
  bar: HTMLElement | null;
  /** The profile row whose status word and colour follow the clock (valid → expiring → expired). */
  row: HTMLElement | null;
}

let countdowns: Countdown[] = [];
let ticker: number | null = null;

/** Collects every `[data-expires]` element under `root` (replacing those collected from it before). */
export function trackCountdowns(root: HTMLElement): void {
  countdowns = countdowns.filter((entry) => !root.contains(entry.text) && entry.text.isConnected);
  for (const text of root.querySelectorAll<HTMLElement>('[data-expires]')) {
    const expires = Date.parse(text.dataset.expires ?? '');
    if (Number.isNaN(expires)) continue;
    // A row's countdown sits in its time cell, the bar right after it (profile-rows.ts).
    const next = text.nextElementSibling as HTMLElement | null;
    const row = text.parentElement?.parentElement ?? null;
    countdowns.push({ text, expires, bar: next?.classList.contains('bar') ? next : null, row: row?.classList.contains('profile') ? row : null });
  }
}

function setRowStatus(row: HTMLElement, css: string, key: MessageKey): void {
  row.classList.remove('s-valid', 's-expiring');
  row.classList.add(`s-${css}`);
  const word = row.querySelector('.state');
  if (word) word.textContent = popover.t(key);
}

function tick(): void {
  const now = Date.now();
  const expiringWithin = popover.state?.expiringWithinMs ?? 0;
  for (const entry of countdowns) {
    const left = entry.expires - now;
    const text = left <= 0 ? '' : sayTimeLeft(popover.t, left, { seconds: true });
    if (entry.text.textContent !== text) entry.text.textContent = text;
    if (entry.bar) {
      const step = String(barStep(entry.expires, now));
      if (entry.bar.dataset.fill !== step) entry.bar.dataset.fill = step;
    }
    const row = entry.row;
    if (!row) continue;
    if (left <= 0 && (row.classList.contains('s-valid') || row.classList.contains('s-expiring'))) setRowStatus(row, 'expired', 'status.expired');
    else if (left > 0 && left <= expiringWithin && row.classList.contains('s-valid')) setRowStatus(row, 'expiring', 'status.expiring');
  }
}

/** Runs the interval while visible; when shown again, brings the countdowns up to date at once. */
export function syncTicker(options: { current?: boolean } = {}): void {
  if (document.visibilityState === 'visible') {
    if (ticker === null) {
      if (!options.current) tick();
      ticker = window.setInterval(tick, 1000);
    }
  } else if (ticker !== null) {
    window.clearInterval(ticker);
    ticker = null;
  }
}
