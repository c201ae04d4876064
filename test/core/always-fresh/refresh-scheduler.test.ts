import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { MAX_TIMER_DELAY_MS } from '../../../src/main/core/always-fresh/clock';
import { RefreshError } from '../../../src/main/core/model/credentials';
import { ProfileStateStore } from '../../../src/main/core/always-fresh/profile-state-store';
import {
  RefreshScheduler,
  SchedulerStoppedError,
  type ScheduledRefresh,
  type RefreshSchedulerOptions,
} from '../../../src/main/core/always-fresh/refresh-scheduler';
import { parseDuration } from '../../../src/shared/duration';
import type { EngineChange, EngineNotification } from '../../../src/shared/engine-events';
import { FakeClock, flushPromises } from '../../helpers/fake-clock';

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;

interface Call {
  profile: string;
  at: number;
  signal: AbortSignal;
  resolve(result: ScheduledRefresh): void;
  reject(error: unknown): void;
}

type Responder = (profile: string, at: number) => ScheduledRefresh | Error;

function setup(options: Partial<RefreshSchedulerOptions> = {}, responder?: Responder) {
  const clock = new FakeClock();
  const store = new ProfileStateStore(() => clock.now());
  const calls: Call[] = [];
  const notifications: EngineNotification[] = [];
  const changes: EngineChange[] = [];
  store.onNotification((notification) => notifications.push(notification));
  store.onDidChange((change) => changes.push(change));
  const scheduler = new RefreshScheduler({
    store,
    clock,
    random: () => 0,
    // Timer counts below are of planned moments; the wake check has tests of its own.
    wakeCheckMs: null,
    refresh: (profile, { signal }) =>
      new Promise<ScheduledRefresh>((resolve, reject) => {
        const call = { profile, at: clock.now(), signal, resolve, reject };
        calls.push(call);
        if (responder) {
          const outcome = responder(profile, clock.now());
          if (outcome instanceof Error) reject(outcome);
          else resolve(outcome);
        }
      }),
    ...options,
  });
  const inOneHour = (): ScheduledRefresh => ({ expiresAt: new Date(clock.now() + HOUR) });
  return { clock, store, calls, notifications, changes, scheduler, inOneHour };
}

const network = (): RefreshError => new RefreshError('network', 'could not reach sts.amazonaws.com', 'Check the network.', 'dev');
const serverError = (): RefreshError => new RefreshError('server-error', 'STS answered 503', 'Try again later.', 'dev');
const mfaNeeded = (): RefreshError =>
  new RefreshError('mfa-required', 'dev needs an MFA code', 'Run: rolekeeper refresh dev', 'dev');

describe('RefreshScheduler', () => {
  it('refreshes a kept profile when exactly the lead time remains before expiry', async () => {
    const { clock, calls, scheduler } = setup({ leadMs: 20 * MINUTE, jitterMs: 30_000 });
    const start = clock.now();
    scheduler.setProfiles(['dev'], new Map([['dev', new Date(start + HOUR)]]));
    await clock.advance(40 * MINUTE - 1);
    assert.equal(calls.length, 0);
    await clock.advance(1);
    assert.equal(calls.length, 1);
    assert.equal(calls[0].at, start + 40 * MINUTE);
    scheduler.stop();
  });

  it('takes a configured lead such as 14m30s', async () => {
    const { clock, calls, scheduler } = setup({ leadMs: parseDuration('14m30s') });
    const expiry = clock.now() + HOUR;
    scheduler.setProfiles(['dev'], new Map([['dev', new Date(expiry)]]));
    await clock.runNext();
    while (calls.length === 0) await clock.runNext();
    assert.equal(calls[0].at, expiry - (14 * MINUTE + 30_000));
    scheduler.stop();
  });

  it('keeps jitter within the bound: up to 30 s earlier than the lead, never later', async () => {
    for (const roll of [0, 0.25, 0.5, 0.999999]) {
      const { clock, calls, scheduler } = setup({ leadMs: 20 * MINUTE, jitterMs: 30_000, random: () => roll });
      const expiry = clock.now() + HOUR;
      scheduler.setProfiles(['dev'], new Map([['dev', new Date(expiry)]]));
      while (calls.length === 0) await clock.runNext();
      const lead = expiry - calls[0].at;
      assert.ok(lead >= 20 * MINUTE && lead <= 20 * MINUTE + 30_000, `lead ${lead} for roll ${roll}`);
      assert.equal(lead, 20 * MINUTE + Math.floor(roll * 30_000));
      scheduler.stop();
    }
  });

  it('runs only one timer, for the earliest due moment, however many profiles are kept', async () => {
    const { clock, scheduler } = setup();
    const now = clock.now();
    scheduler.setProfiles(
      ['a', 'b', 'c'],
      new Map([
        ['a', new Date(now + 3 * HOUR)],
        ['b', new Date(now + HOUR)],
        ['c', new Date(now + 2 * HOUR)],
      ]),
    );
    assert.equal(clock.pendingTimers, 1);
    assert.equal(clock.nextTimerIn(), 40 * MINUTE);
    scheduler.stop();
  });

  it('backs off exponentially on transient failures up to the cap', async () => {
    const { clock, calls, scheduler, store } = setup(
      { backoff: { initialMs: 10_000, maxMs: 5 * MINUTE } },
      () => serverError(),
    );
    scheduler.setProfiles(['dev'], new Map([['dev', new Date(clock.now() + 10 * HOUR)]]));
    await clock.advance(10 * HOUR - 20 * MINUTE);
    assert.equal(calls.length, 1);
    assert.equal(store.get('dev')?.status, 'retrying');
    await clock.advance(30 * MINUTE);
    const gaps = calls.slice(1, 9).map((call, index) => call.at - calls[index].at);
    assert.deepEqual(gaps, [10_000, 20_000, 40_000, 80_000, 160_000, 300_000, 300_000, 300_000]);
    assert.equal(store.get('dev')?.status, 'expired', 'still retrying after expiry');
    assert.equal(store.get('dev')?.lastError?.kind, 'server-error');
    scheduler.stop();
  });

  it('retries at least every 30 s while the network is down, so it is back within a minute of reconnecting', async () => {
    let online = false;
    const { clock, calls, scheduler, store, inOneHour } = setup({ backoff: { initialMs: 10_000, maxMs: 5 * MINUTE } }, () => (online ? inOneHour() : network()));
    scheduler.setProfiles(['dev'], new Map([['dev', new Date(clock.now() + 30 * MINUTE)]]));
    await clock.advance(10 * MINUTE + 20 * MINUTE);
    const gaps = calls.slice(1, 6).map((call, index) => call.at - calls[index].at);
    assert.deepEqual(gaps, [10_000, 20_000, 30_000, 30_000, 30_000]);
    online = true;
    const reconnected = clock.now();
    while (store.get('dev')?.status !== 'fresh') await clock.runNext();
    assert.ok(clock.now() - reconnected <= 30_000, `back ${clock.now() - reconnected} ms after reconnecting`);
    scheduler.stop();
  });

  it('stops retrying on an error only a person can fix and says so once, until retry is called', async () => {
    let fail = true;
    const { clock, calls, scheduler, store, notifications, inOneHour } = setup({}, () => (fail ? mfaNeeded() : inOneHour()));
    scheduler.setProfiles(['dev'], new Map([['dev', null]]));
    await clock.advance(0);
    assert.equal(calls.length, 1);
    assert.equal(store.get('dev')?.status, 'needs-you');
    assert.equal(store.get('dev')?.nextRefreshAt, null);
    await clock.advance(12 * HOUR);
    assert.equal(calls.length, 1, 'no retry while it needs you');
    assert.equal(clock.pendingTimers, 0);
    assert.deepEqual(
      notifications.map((n) => n.kind),
      ['mfa-needed'],
    );
    fail = false;
    scheduler.retry('dev');
    await clock.advance(0);
    assert.equal(calls.length, 2);
    assert.equal(store.get('dev')?.status, 'fresh');
    assert.equal(store.get('dev')?.lastError, null);
    scheduler.stop();
  });

  it('emits a refresh-failed notification for AccessDenied and a clock-skew one for skew errors', async () => {
    const { clock, scheduler, notifications } = setup({}, (profile) =>
      profile === 'denied'
        ? new RefreshError('access-denied', 'not authorized to assume the role', 'Ask an admin.', profile)
        : new RefreshError('clock-skew', 'signature expired: the clock is off', 'Set the clock.', profile),
    );
    scheduler.setProfiles(['denied', 'skewed']);
    await clock.advance(0);
    assert.deepEqual(notifications.map((n) => `${n.profile}:${n.kind}`).sort(), ['denied:refresh-failed', 'skewed:clock-skew']);
    assert.deepEqual(
      notifications.map((n) => n.detail).sort(),
      ['not authorized to assume the role', 'signature expired: the clock is off'],
    );
    scheduler.stop();
  });

  it('warns that a failing profile expires in N minutes, then that it expired, once each', async () => {
    const { clock, scheduler, notifications, store } = setup(
      { backoff: { initialMs: 60_000, maxMs: 60_000 }, warnBeforeMs: 10 * MINUTE },
      () => network(),
    );
    scheduler.setProfiles(['dev'], new Map([['dev', new Date(clock.now() + 30 * MINUTE)]]));
    await clock.advance(25 * MINUTE);
    assert.deepEqual(notifications.map((n) => n.kind), ['expires-soon']);
    assert.equal(Date.parse(notifications[0].expiresAt ?? '') - Date.parse(notifications[0].at), 10 * MINUTE);
    assert.ok(notifications[0].detail, 'the failure that kept it from being renewed');
    await clock.advance(10 * MINUTE);
    assert.deepEqual(notifications.map((n) => n.kind), ['expires-soon', 'expired']);
    assert.equal(store.get('dev')?.status, 'expired');
    await clock.advance(HOUR);
    assert.equal(notifications.length, 2);
    scheduler.stop();
  });

  it('never runs more refreshes at once than the concurrency limit', async () => {
    const { clock, calls, scheduler, inOneHour } = setup({ concurrency: 2 });
    scheduler.setProfiles(['a', 'b', 'c']);
    await clock.advance(0);
    assert.deepEqual(calls.map((c) => c.profile), ['a', 'b']);
    calls[0].resolve(inOneHour());
    await flushPromises();
    assert.deepEqual(calls.map((c) => c.profile), ['a', 'b', 'c']);
    scheduler.stop();
  });

  it('shares one in-flight refresh between concurrent refreshNow callers', async () => {
    const { clock, calls, scheduler, inOneHour } = setup();
    const first = scheduler.refreshNow('dev');
    const second = scheduler.refreshNow('dev');
    assert.equal(first, second);
    await flushPromises();
    assert.equal(calls.length, 1);
    const result = inOneHour();
    calls[0].resolve(result);
    assert.equal((await first).expiresAt, result.expiresAt);
    assert.equal((await second).expiresAt, result.expiresAt);
    await clock.advance(0);
    assert.equal(calls.length, 1);
    scheduler.stop();
  });

  it('waits at least the minimum interval when fresh credentials are shorter-lived than the lead', async () => {
    const { clock, calls, scheduler } = setup({ leadMs: 20 * MINUTE, minIntervalMs: MINUTE, sessionShare: 0 }, (_p, at) => ({
      expiresAt: new Date(at + 15 * MINUTE),
    }));
    scheduler.setProfiles(['dev']);
    await clock.advance(5 * MINUTE - 1);
    assert.deepEqual(
      calls.map((c) => c.at - calls[0].at),
      [0, MINUTE, 2 * MINUTE, 3 * MINUTE, 4 * MINUTE],
    );
    scheduler.stop();
  });

  it('renews a session shorter than the lead (900 s) at most once per half session, not every minute', async () => {
    const { clock, calls, scheduler, store } = setup({ leadMs: 20 * MINUTE }, (_p, at) => ({ expiresAt: new Date(at + 15 * MINUTE) }));
    scheduler.setProfiles(['dev']);
    await clock.advance(HOUR - 1);
    const gaps = calls.slice(1).map((call, index) => call.at - calls[index].at);
    assert.equal(calls.length, 8);
    assert.ok(gaps.every((gap) => gap === 7.5 * MINUTE), `gaps ${gaps.join(', ')}`);
    assert.equal(store.get('dev')?.nextRefreshAt, new Date(calls[7].at + 7.5 * MINUTE).toISOString());
    // The AWS CLI assuming the role itself (it ignores entries under 15 min) is no reason to call again.
    await clock.advance(2);
    assert.equal(calls.length, 9);
    scheduler.setProfiles(['dev'], new Map([['dev', new Date(clock.now() + 15 * MINUTE)]]));
    await clock.advance(MINUTE);
    assert.equal(calls.length, 9);
    scheduler.stop();
  });

  it('notices a sleep within the wake check even without a resume event (the daemon has none)', async () => {
    const { clock, calls, scheduler, changes } = setup({ wakeCheckMs: 30_000 });
    scheduler.setProfiles(['dev'], new Map([['dev', new Date(clock.now() + HOUR)]]));
    assert.equal(clock.nextTimerIn(), 30_000);
    clock.suspend(3 * HOUR);
    await clock.advance(30_000);
    assert.equal(calls.length, 1, 'the refresh due during the sleep runs within 30 s of waking');
    assert.ok(changes.some((c) => c.type === 'clock-jumped' && c.deltaMs === 3 * HOUR));
    scheduler.stop();
  });

  it('re-plans on resume from sleep: a refresh due during sleep runs at once', async () => {
    const { clock, calls, scheduler, changes } = setup();
    scheduler.setProfiles(['dev'], new Map([['dev', new Date(clock.now() + HOUR)]]));
    clock.suspend(50 * MINUTE);
    assert.equal(calls.length, 0);
    scheduler.notifyResumed();
    await flushPromises();
    assert.equal(calls.length, 1);
    assert.ok(changes.some((c) => c.type === 'clock-jumped' && c.deltaMs === 50 * MINUTE));
    scheduler.stop();
  });

  it('notices a wall-clock jump when its timer fires and re-plans by wall time', async () => {
    const { clock, calls, scheduler, changes } = setup();
    const expiry = clock.now() + HOUR;
    scheduler.setProfiles(['dev'], new Map([['dev', new Date(expiry)]]));
    clock.jumpWall(-30 * MINUTE);
    await clock.advance(40 * MINUTE);
    assert.equal(calls.length, 0, 'the refresh is not due yet by the wall clock');
    assert.ok(changes.some((c) => c.type === 'clock-jumped' && c.deltaMs === -30 * MINUTE));
    await clock.advance(30 * MINUTE);
    assert.equal(calls.length, 1);
    assert.equal(calls[0].at, expiry - 20 * MINUTE);
    scheduler.stop();
  });

  it('chains timers longer than the platform maximum instead of firing early', async () => {
    const { clock, calls, scheduler } = setup();
    const expiry = clock.now() + 60 * 24 * HOUR;
    scheduler.setProfiles(['dev'], new Map([['dev', new Date(expiry)]]));
    await clock.advance(30 * 24 * HOUR);
    assert.equal(calls.length, 0);
    while (calls.length === 0) await clock.runNext();
    assert.equal(calls[0].at, expiry - 20 * MINUTE);
    assert.ok(clock.requestedDelays.every((delay) => delay <= MAX_TIMER_DELAY_MS));
    assert.ok(clock.requestedDelays.length >= 3);
    scheduler.stop();
  });

  it('is final once stopped: no timers, in-flight refresh aborted, no restart', async () => {
    const { clock, calls, scheduler } = setup();
    scheduler.setProfiles(['dev', 'ops'], new Map([['ops', new Date(clock.now() + HOUR)]]));
    await clock.advance(0);
    const waiting = scheduler.refreshNow('dev');
    scheduler.stop();
    assert.equal(clock.pendingTimers, 0);
    assert.equal(calls[0].signal.aborted, true);
    await assert.rejects(waiting, SchedulerStoppedError);
    await assert.rejects(scheduler.refreshNow('dev'), SchedulerStoppedError);
    assert.throws(() => scheduler.setProfiles(['dev']), SchedulerStoppedError);
    await clock.advance(2 * HOUR);
    assert.equal(calls.length, 1);
  });

  it('leaves no timer and no state when nothing is kept', async () => {
    const { clock, scheduler, store } = setup();
    scheduler.setProfiles([]);
    assert.equal(clock.pendingTimers, 0);
    scheduler.setProfiles(['dev'], new Map([['dev', new Date(clock.now() + HOUR)]]));
    assert.equal(clock.pendingTimers, 1);
    scheduler.setProfiles([]);
    assert.equal(clock.pendingTimers, 0);
    assert.equal(store.get('dev'), undefined);
    scheduler.stop();
  });

  it('clears needs-you when the AWS files show the profile was renewed elsewhere', async () => {
    const { clock, calls, scheduler, store } = setup({}, () => mfaNeeded());
    scheduler.setProfiles(['dev'], new Map([['dev', null]]));
    await clock.advance(0);
    assert.equal(store.get('dev')?.status, 'needs-you');
    const renewed = new Date(clock.now() + HOUR);
    scheduler.setProfiles(['dev'], new Map([['dev', renewed]]));
    assert.equal(store.get('dev')?.status, 'fresh');
    assert.equal(store.get('dev')?.nextRefreshAt, new Date(renewed.getTime() - 20 * MINUTE).toISOString());
    await clock.advance(40 * MINUTE);
    assert.equal(calls.length, 2);
    scheduler.stop();
  });

  it('re-plans when the AWS files change: a cleared cache entry is refreshed at once', async () => {
    const { clock, calls, scheduler, store } = setup();
    scheduler.setProfiles(['dev'], new Map([['dev', new Date(clock.now() + 2 * HOUR)]]));
    assert.equal(clock.nextTimerIn(), HOUR + 40 * MINUTE);
    scheduler.setProfiles(['dev'], new Map([['dev', new Date(clock.now() + HOUR)]]));
    assert.equal(clock.pendingTimers, 1);
    assert.equal(clock.nextTimerIn(), 40 * MINUTE);
    scheduler.setProfiles(['dev'], new Map([['dev', null]]));
    await flushPromises();
    assert.equal(calls.length, 1);
    assert.equal(store.get('dev')?.refreshing, true);
    scheduler.stop();
  });

  it('treats refreshed credentials that are already expired as clock skew that needs you', async () => {
    const { clock, scheduler, store, notifications } = setup({}, (_p, at) => ({ expiresAt: new Date(at - 1000) }));
    await assert.rejects(scheduler.refreshNow('dev'), (error: RefreshError) => error.kind === 'clock-skew');
    await clock.advance(0);
    assert.equal(store.get('dev')?.status, 'needs-you');
    assert.deepEqual(notifications.map((n) => n.kind), ['clock-skew']);
    scheduler.stop();
  });
});
