// A clock for tests: time moves only when the test says so, timers fire in order, and the wall
// clock can jump (or the machine "sleep") independently of the monotonic clock.
import { MAX_TIMER_DELAY_MS, type Clock, type TimerHandle } from '../../src/main/core/always-fresh/clock';

interface FakeTimer {
  id: number;
  dueMono: number;
  callback: () => void;
}

/** Lets every pending promise continuation run (refresh functions in tests resolve in microtasks). */
export function flushPromises(): Promise<void> {
  return new Promise((resolve) => setImmediate(resolve));
}

export class FakeClock implements Clock {
  private wall: number;
  private mono = 0;
  private sequence = 0;
  private timers: FakeTimer[] = [];
  /** Delays the code under test asked for, in order (after Node's clamping). */
  readonly requestedDelays: number[] = [];

  constructor(startWall: number = Date.UTC(2026, 0, 15, 9, 0, 0)) {
    this.wall = startWall;
  }

  now(): number {
    return this.wall;
  }

  monotonic(): number {
    return this.mono;
  }

  setTimeout(callback: () => void, delayMs: number): TimerHandle {
    // Node's own rule: a delay that is not a number in [1, 2^31-1] becomes 1 ms.
    const delay = !(delayMs >= 1 && delayMs <= MAX_TIMER_DELAY_MS) ? 1 : Math.floor(delayMs);
    this.requestedDelays.push(delayMs);
    const timer: FakeTimer = { id: ++this.sequence, dueMono: this.mono + delay, callback };
    this.timers.push(timer);
    return { id: timer.id };
  }

  clearTimeout(handle: TimerHandle): void {
    const id = (handle as { id?: number }).id;
    this.timers = this.timers.filter((timer) => timer.id !== id);
  }

  get pendingTimers(): number {
    return this.timers.length;
  }

  /** Monotonic ms until the next timer fires, or null when none is set. */
  nextTimerIn(): number | null {
    if (this.timers.length === 0) return null;
    return Math.min(...this.timers.map((timer) => timer.dueMono)) - this.mono;
  }

  /** Moves both clocks forward, firing due timers in order and letting promises settle after each. */
  async advance(ms: number): Promise<void> {
    const target = this.mono + ms;
    await flushPromises();
    for (;;) {
      const next = this.earliest();
      if (!next || next.dueMono > target) break;
      this.step(next.dueMono - this.mono);
      this.timers = this.timers.filter((timer) => timer !== next);
      next.callback();
      await flushPromises();
    }
    this.step(target - this.mono);
    await flushPromises();
  }

  /** Advances to the next timer and fires it (and any due with it). Returns the ms advanced. */
  async runNext(): Promise<number> {
    const next = this.earliest();
    if (!next) return 0;
    const delta = next.dueMono - this.mono;
    await this.advance(delta);
    return delta;
  }

  /** The wall clock is set forward (positive) or back (negative); monotonic time does not move. */
  jumpWall(ms: number): void {
    this.wall += ms;
  }

  /** The machine sleeps: wall time passes, monotonic time and timers stand still (as on Linux). */
  suspend(ms: number): void {
    this.wall += ms;
  }

  private step(ms: number): void {
    this.mono += ms;
    this.wall += ms;
  }

  private earliest(): FakeTimer | undefined {
    let best: FakeTimer | undefined;
    for (const timer of this.timers) {
      if (!best || timer.dueMono < best.dueMono || (timer.dueMono === best.dueMono && timer.id < best.id)) best = timer;
    }
    return best;
  }
}
