// The clock port: wall time, monotonic time and timers, so the engine can be driven by a fake
// clock in tests and by Node's timers in the daemon and the tray.

/** An opaque timer handle; only the clock that made it can clear it. */
export type TimerHandle = { readonly __timerHandle: never } | object;

export interface Clock {
  /** Wall-clock milliseconds since the epoch (jumps when the user or NTP sets the clock). */
  now(): number;
  /** Milliseconds from an arbitrary origin; never jumps (on Linux it also stands still during suspend). */
  monotonic(): number;
  setTimeout(callback: () => void, delayMs: number): TimerHandle;
  clearTimeout(handle: TimerHandle): void;
}

/** Longest delay Node (and browsers) accept; a longer one fires after 1 ms instead. */
export const MAX_TIMER_DELAY_MS = 2 ** 31 - 1;

export const systemClock: Clock = {
  now: () => Date.now(),
  monotonic: () => performance.now(),
  setTimeout: (callback, delayMs) => setTimeout(callback, Math.min(Math.max(0, delayMs), MAX_TIMER_DELAY_MS)),
  clearTimeout: (handle) => clearTimeout(handle as NodeJS.Timeout),
};
