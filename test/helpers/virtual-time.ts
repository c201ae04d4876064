// Drives a keeper on the fake clock: refreshes do real file I/O (locks, atomic writes), which
// takes real time a setImmediate does not give, so each step waits until nothing is refreshing.
import { flushPromises, type FakeClock } from './fake-clock';
import type { ProfileStateView } from '../../src/main/core/always-fresh/profile-state-store';

const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

/** Waits (in real time) until no refresh is in flight and every continuation has run. */
export async function settle(state: ProfileStateView, timeoutMs = 20_000): Promise<void> {
  const started = Date.now();
  for (;;) {
    await flushPromises();
    if (!state.all().some((row) => row.refreshing)) {
      await flushPromises();
      if (!state.all().some((row) => row.refreshing)) return;
    }
    if (Date.now() - started > timeoutMs) throw new Error('a refresh did not finish');
    await sleep(2);
  }
}

/** Moves the fake clock forward by `ms`, timer by timer, letting each refresh finish before the next timer. */
export async function advanceSettled(clock: FakeClock, state: ProfileStateView, ms: number, onStep?: () => void): Promise<void> {
  const target = clock.monotonic() + ms;
  for (;;) {
    await settle(state);
    onStep?.();
    const next = clock.nextTimerIn();
    if (next === null || clock.monotonic() + next > target) break;
    await clock.advance(next);
  }
  await clock.advance(target - clock.monotonic());
  await settle(state);
  onStep?.();
}
