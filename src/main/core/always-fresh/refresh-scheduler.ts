// Keeps every kept profile fresh: one timer for the earliest thing due, refreshes `lead` before
// expiry with a little jitter, a concurrency limit, backoff on transient failures and a stop on
// failures only a person can fix. After GitHub Desktop's background-fetcher: a minimum interval,
// random skew, and it cannot be restarted once stopped.
import type { EngineError, NotificationKind } from '../../../shared/engine-events';
import { MAX_TIMER_DELAY_MS, systemClock, type Clock, type TimerHandle } from './clock';
import { RefreshError, type FailureKind } from '../model/credentials';
import type { ProfileStateStore } from './profile-state-store';
import { phrase } from '../../../shared/i18n';
import { RolekeeperError } from '../model/rolekeeper-error';

/** Refreshes one profile's credentials (STS call + sinks); throws RefreshError on failure. */
export type RefreshProfile<R extends ScheduledRefresh = ScheduledRefresh> = (profile: string, options: { signal: AbortSignal; mfaCode?: string }) => Promise<R>;

export interface ScheduledRefresh {
  expiresAt: Date;
}

export interface RefreshSchedulerOptions<R extends ScheduledRefresh = ScheduledRefresh> {
  refresh: RefreshProfile<R>;
  store: ProfileStateStore;
  clock?: Clock;
  /** Refresh when this much validity remains. Default 20 min (the CLI ignores cache entries under 15 min). */
  leadMs?: number;
  /** Refresh up to this much earlier than the lead, at random, so clients don't synchronise. Default 30 s. */
  jitterMs?: number;
  /** Refreshes running at once. Default 2. */
  concurrency?: number;
  /** After a success, the next scheduled refresh of that profile waits at least this long. Default 60 s. */
  minIntervalMs?: number;
  /**
   * After a success, the next scheduled refresh also waits this share of the session STS handed
   * out, so a session shorter than the lead (900 s roles) is renewed at most once per half
   * session instead of every minute. Default 0.5; 0 leaves only minIntervalMs.
   */
  sessionShare?: number;
  /**
   * The one timer never sleeps longer than this: timers stand still while the machine sleeps
   * (Linux and macOS count them on a clock that stops), and a daemon has no resume event, so a
   * wake is noticed within this long. Default 30 s; null: only at planned moments.
   */
  wakeCheckMs?: number | null;
  /** Backoff on transient failures: initialMs × 2^(n-1), capped at maxMs. Default 10 s … 5 min. */
  backoff?: { initialMs: number; maxMs: number };
  /**
   * Cap of the backoff while the network is down: those tries never reach STS, and the first
   * one after reconnecting should come soon. Default 30 s.
   */
  offlineRetryMs?: number;
  /** "Expires in N minutes" is due when a failing profile has this little left. Default 10 min. */
  warnBeforeMs?: number;
  /** Wall and monotonic elapsed times may differ by this much before it counts as a jump. Default 10 s. */
  jumpToleranceMs?: number;
  /** Source of randomness in [0, 1); injectable for tests. */
  random?: () => number;
}

interface Job<R> {
  promise: Promise<R>;
  resolve(result: R): void;
  reject(error: unknown): void;
  running: boolean;
  controller: AbortController;
  /** A code a person typed for this refresh; used by it only. */
  mfaCode?: string;
}

interface Entry {
  profile: string;
  kept: boolean;
  /** Wall-clock ms; null when unknown (a refresh is due at once). */
  expiresAt: number | null;
  /** Wall-clock ms of the next attempt; null when none is planned. */
  refreshAt: number | null;
  failures: number;
  needsYou: boolean;
  lastError: EngineError | null;
  lastSuccessAt: number | null;
  /** Length of the last session a refresh got (expiry minus when it arrived); null before one. */
  sessionMs: number | null;
  job: Job<ScheduledRefresh> | null;
}

const NEEDS_YOU_NOTIFICATION: Partial<Record<FailureKind, NotificationKind>> = {
  'mfa-required': 'mfa-needed',
  'mfa-invalid': 'mfa-needed',
  'clock-skew': 'clock-skew',
};

export class SchedulerStoppedError extends RolekeeperError {
  constructor() {
    super('the refresh scheduler has been stopped', 'scheduler-stopped', null, null);
    this.name = 'SchedulerStoppedError';
  }
}

export class RefreshScheduler<R extends ScheduledRefresh = ScheduledRefresh> {
  private readonly clock: Clock;
  private readonly refresh: RefreshProfile<R>;
  private readonly store: ProfileStateStore;
  private readonly leadMs: number;
  private readonly jitterMs: number;
  private readonly concurrency: number;
  private readonly minIntervalMs: number;
  private readonly sessionShare: number;
  private readonly wakeCheckMs: number | null;
  private readonly offlineRetryMs: number;
  private readonly backoff: { initialMs: number; maxMs: number };
  private readonly warnBeforeMs: number;
  private readonly jumpToleranceMs: number;
  private readonly random: () => number;

  private readonly entries = new Map<string, Entry>();
  private queue: Entry[] = [];
  private active = 0;
  private timer: TimerHandle | null = null;
  private plannedWall = 0;
  private plannedMono = 0;
  private stopped = false;

  constructor(options: RefreshSchedulerOptions<R>) {
    this.clock = options.clock ?? systemClock;
    this.refresh = options.refresh;
    this.store = options.store;
    this.leadMs = options.leadMs ?? 20 * 60_000;
    this.jitterMs = options.jitterMs ?? 30_000;
    this.concurrency = Math.max(1, options.concurrency ?? 2);
    this.minIntervalMs = options.minIntervalMs ?? 60_000;
    this.sessionShare = options.sessionShare ?? 0.5;
    this.wakeCheckMs = options.wakeCheckMs === undefined ? 30_000 : options.wakeCheckMs;
    this.offlineRetryMs = options.offlineRetryMs ?? 30_000;
    this.backoff = options.backoff ?? { initialMs: 10_000, maxMs: 5 * 60_000 };
    this.warnBeforeMs = options.warnBeforeMs ?? 10 * 60_000;
    this.jumpToleranceMs = options.jumpToleranceMs ?? 10_000;
    this.random = options.random ?? Math.random;
    for (const [name, value] of Object.entries({ leadMs: this.leadMs, jitterMs: this.jitterMs })) {
      if (!(value >= 0) || !Number.isFinite(value)) throw new RangeError(`${name} must be a finite number >= 0`);
    }
  }

  get isStopped(): boolean {
    return this.stopped;
  }

  /** The kept profiles, in the order given. */
  get keptProfiles(): string[] {
    return [...this.entries.values()].filter((entry) => entry.kept).map((entry) => entry.profile);
  }

  /**
   * Sets which profiles are kept fresh and what is known of their expiry (from the CLI cache or
   * managed keys; null = none). Call again whenever the kept set or the AWS files change: a new
   * expiry re-plans the profile (and clears needs-you when someone else renewed it).
   */
  setProfiles(kept: readonly string[], expiries: ReadonlyMap<string, Date | null> = new Map()): void {
    if (this.stopped) throw new SchedulerStoppedError();
    const keptSet = new Set(kept);
    for (const entry of [...this.entries.values()]) {
      if (keptSet.has(entry.profile)) continue;
      entry.kept = false;
      this.queue = this.queue.filter((queued) => queued !== entry || entry.job !== null);
      if (!entry.job) {
        this.entries.delete(entry.profile);
        this.store.remove(entry.profile);
      }
    }
    const now = this.clock.now();
    for (const profile of keptSet) {
      let entry = this.entries.get(profile);
      const known = expiries.has(profile) ? (expiries.get(profile)?.getTime() ?? null) : undefined;
      if (!entry) {
        entry = this.newEntry(profile, true);
        this.entries.set(profile, entry);
        entry.expiresAt = known ?? null;
        this.planFromExpiry(entry, now);
        continue;
      }
      entry.kept = true;
      if (known === undefined || known === entry.expiresAt || entry.job?.running) {
        if (entry.refreshAt === null && !entry.needsYou) this.planFromExpiry(entry, now);
        continue;
      }
      if (known !== null && (entry.expiresAt === null || known > entry.expiresAt)) {
        // Renewed elsewhere (e.g. the user ran `aws` with an MFA code): the old trouble is over.
        entry.needsYou = false;
        entry.failures = 0;
        entry.lastError = null;
      }
      entry.expiresAt = known;
      if (!entry.needsYou) this.planFromExpiry(entry, now);
    }
    this.tick();
  }

  /**
   * Refreshes now (ahead of the queue, within the concurrency limit), also a profile that is not
   * kept or needs you. Concurrent callers for one profile share one refresh and one promise.
   */
  refreshNow(profile: string, options: { mfaCode?: string } = {}): Promise<R> {
    if (this.stopped) return Promise.reject(new SchedulerStoppedError());
    let entry = this.entries.get(profile);
    if (!entry) {
      entry = this.newEntry(profile, false);
      this.entries.set(profile, entry);
    }
    const running = entry.job;
    if (running) {
      if (!running.running) {
        if (options.mfaCode !== undefined) running.mfaCode = options.mfaCode;
        this.queue = [entry, ...this.queue.filter((queued) => queued !== entry)];
        this.pump();
        return running.promise as Promise<R>;
      }
      if (options.mfaCode === undefined || running.mfaCode !== undefined) return running.promise as Promise<R>;
      // A code typed while a refresh without one runs: try again with it once that one ends.
      return running.promise.then(
        (result) => result as R,
        () => this.refreshNow(profile, options),
      );
    }
    entry.needsYou = false;
    entry.failures = 0;
    const job = this.enqueue(entry, true, options.mfaCode);
    this.tick();
    return job.promise as Promise<R>;
  }

  /** Starts retrying a profile that needs you (after the user acted); the outcome lands in the store. */
  retry(profile: string): void {
    this.refreshNow(profile).catch(() => undefined);
  }

  /** Call on the OS's resume event: timers may have stood still while wall time went on. */
  notifyResumed(): void {
    if (this.stopped) return;
    this.detectJump();
    this.tick();
  }

  /** Final: cancels the timer, aborts running refreshes, rejects waiting callers. Cannot restart. */
  stop(): void {
    if (this.stopped) return;
    this.stopped = true;
    this.cancelTimer();
    this.queue = [];
    for (const entry of this.entries.values()) {
      if (!entry.job) continue;
      entry.job.controller.abort();
      entry.job.reject(new SchedulerStoppedError());
      entry.job = null;
    }
  }

  private newEntry(profile: string, kept: boolean): Entry {
    return {
      profile,
      kept,
      expiresAt: null,
      refreshAt: null,
      failures: 0,
      needsYou: false,
      lastError: null,
      lastSuccessAt: null,
      sessionMs: null,
      job: null,
    };
  }

  /** Next refresh from the expiry: lead plus a fresh random skew, never sooner than the minimum interval. */
  private planFromExpiry(entry: Entry, now: number): void {
    if (!entry.kept) {
      entry.refreshAt = null;
      return;
    }
    if (entry.expiresAt === null) {
      entry.refreshAt = now;
      return;
    }
    let at = entry.expiresAt - this.leadMs - Math.floor(this.random() * this.jitterMs);
    if (entry.lastSuccessAt !== null) at = Math.max(at, entry.lastSuccessAt + this.floorAfterSuccess(entry));
    entry.refreshAt = at;
  }

  /** Least time from a success to the next scheduled refresh: the minimum interval or the session's share. */
  private floorAfterSuccess(entry: Entry): number {
    return Math.max(this.minIntervalMs, Math.floor((entry.sessionMs ?? 0) * this.sessionShare));
  }

  private enqueue(entry: Entry, front: boolean, mfaCode?: string): Job<ScheduledRefresh> {
    let resolve!: (result: ScheduledRefresh) => void;
    let reject!: (error: unknown) => void;
    const promise = new Promise<ScheduledRefresh>((res, rej) => {
      resolve = res;
      reject = rej;
    });
    // Scheduled refreshes have no caller; their failures live in the store, not as unhandled rejections.
    promise.catch(() => undefined);
    const job: Job<ScheduledRefresh> = { promise, resolve, reject, running: false, controller: new AbortController(), mfaCode };
    entry.job = job;
    if (front) this.queue.unshift(entry);
    else this.queue.push(entry);
    return job;
  }

  /** Queues what is due, starts what the limit allows, updates state, and sets the one timer. */
  private tick(): void {
    if (this.stopped) return;
    const now = this.clock.now();
    const due = [...this.entries.values()]
      .filter((entry) => entry.kept && !entry.needsYou && !entry.job && entry.refreshAt !== null && entry.refreshAt <= now)
      .sort((a, b) => (a.refreshAt ?? 0) - (b.refreshAt ?? 0));
    for (const entry of due) this.enqueue(entry, false);
    this.pump();
    for (const entry of this.entries.values()) this.evaluate(entry, now);
    this.plan(now);
  }

  private pump(): void {
    while (!this.stopped && this.active < this.concurrency && this.queue.length > 0) {
      const entry = this.queue.shift() as Entry;
      if (entry.job && !entry.job.running) this.run(entry, entry.job);
    }
  }

  private run(entry: Entry, job: Job<ScheduledRefresh>): void {
    job.running = true;
    this.active += 1;
    this.store.update(entry.profile, { refreshing: true });
    Promise.resolve()
      .then(() => this.refresh(entry.profile, { signal: job.controller.signal, mfaCode: job.mfaCode }))
      .then(
        (result) => this.succeeded(entry, job, result),
        (error: unknown) => this.failed(entry, job, error),
      )
      .finally(() => {
        this.active -= 1;
        if (entry.job === job) entry.job = null;
        if (this.stopped) return;
        // Refreshed on request but not kept: its state stays visible, nothing is planned.
        if (!entry.kept) entry.refreshAt = null;
        this.store.update(entry.profile, { refreshing: false });
        this.tick();
      });
  }

  private succeeded(entry: Entry, job: Job<ScheduledRefresh>, result: ScheduledRefresh): void {
    if (this.stopped) return;
    const now = this.clock.now();
    const expiresAt = result.expiresAt.getTime();
    if (!(expiresAt > now)) {
      this.failed(
        entry,
        job,
        RefreshError.worded(
          'clock-skew',
          phrase('engine.alreadyExpired', { profile: entry.profile, time: result.expiresAt.toISOString() }),
          phrase('engine.alreadyExpiredFix'),
          entry.profile,
        ),
      );
      return;
    }
    entry.expiresAt = expiresAt;
    entry.failures = 0;
    entry.needsYou = false;
    entry.lastError = null;
    entry.lastSuccessAt = now;
    entry.sessionMs = expiresAt - now;
    this.store.update(entry.profile, { lastRefreshedAt: now, lastError: null });
    this.planFromExpiry(entry, now);
    job.resolve(result);
  }

  private failed(entry: Entry, job: Job<ScheduledRefresh>, error: unknown): void {
    if (this.stopped) return;
    const failure = toRefreshError(error, entry.profile);
    entry.lastError = { kind: failure.kind, message: failure.message, fix: failure.fix || null, ...(failure.wording ? { wording: failure.wording } : {}) };
    const now = this.clock.now();
    if (failure.transient) {
      entry.failures += 1;
      const cap = failure.kind === 'network' ? Math.min(this.backoff.maxMs, this.offlineRetryMs) : this.backoff.maxMs;
      const delay = Math.min(cap, this.backoff.initialMs * 2 ** (entry.failures - 1));
      entry.refreshAt = entry.kept ? now + delay : null;
    } else {
      entry.needsYou = true;
      entry.refreshAt = null;
      const kind = NEEDS_YOU_NOTIFICATION[failure.kind] ?? 'refresh-failed';
      this.store.update(entry.profile, { status: 'needs-you', lastError: entry.lastError });
      this.store.notify(entry.profile, kind, { expiresAt: entry.expiresAt, message: oneLine(failure) });
    }
    job.reject(failure);
  }

  /** Writes the derived state to the store and emits expiry notifications that are due. */
  private evaluate(entry: Entry, now: number): void {
    const { expiresAt } = entry;
    if (expiresAt !== null && !entry.job) {
      if (now >= expiresAt) {
        this.store.notify(entry.profile, 'expired', { expiresAt, message: entry.lastError ? oneLine(entry.lastError) : undefined });
      } else if (entry.lastError && expiresAt - now <= this.warnBeforeMs) {
        this.store.notify(entry.profile, 'expires-soon', { expiresAt, message: oneLine(entry.lastError) });
      }
    }
    this.store.update(entry.profile, {
      status: this.statusOf(entry, now),
      refreshing: entry.job?.running ?? false,
      expiresAt,
      nextRefreshAt: entry.kept && !entry.needsYou ? entry.refreshAt : null,
      lastError: entry.lastError,
    });
  }

  private statusOf(entry: Entry, now: number) {
    if (entry.needsYou) return 'needs-you' as const;
    if (entry.expiresAt === null) return entry.failures > 0 ? ('retrying' as const) : ('unknown' as const);
    if (now >= entry.expiresAt) return 'expired' as const;
    if (entry.failures > 0) return 'retrying' as const;
    return entry.expiresAt - now <= this.warnBeforeMs ? ('expiring' as const) : ('fresh' as const);
  }

  /** One timer for the earliest moment anything is due (refresh, warning, expiry); none if nothing is. */
  private plan(now: number): void {
    this.cancelTimer();
    let earliest = Infinity;
    for (const entry of this.entries.values()) {
      if (entry.kept && !entry.needsYou && !entry.job && entry.refreshAt !== null) {
        earliest = Math.min(earliest, entry.refreshAt);
      }
      if (entry.expiresAt !== null) {
        for (const moment of [entry.expiresAt - this.warnBeforeMs, entry.expiresAt]) {
          if (moment > now) earliest = Math.min(earliest, moment);
        }
      }
    }
    if (earliest === Infinity) return;
    // Longer delays than one timer holds are chained: wake at the maximum and plan again.
    const delay = Math.min(Math.max(0, earliest - now), MAX_TIMER_DELAY_MS, this.wakeCheckMs ?? Infinity);
    this.plannedWall = now;
    this.plannedMono = this.clock.monotonic();
    this.timer = this.clock.setTimeout(() => this.wake(), delay);
  }

  private wake(): void {
    this.timer = null;
    if (this.stopped) return;
    this.detectJump();
    this.tick();
  }

  /** Wall time that passed differently from monotonic time means a clock change or a sleep. */
  private detectJump(): void {
    if (this.plannedWall === 0) return;
    const wallElapsed = this.clock.now() - this.plannedWall;
    const monoElapsed = this.clock.monotonic() - this.plannedMono;
    const delta = wallElapsed - monoElapsed;
    if (Math.abs(delta) > this.jumpToleranceMs) {
      this.store.reportClockJump(delta);
      // Re-base so one jump is reported once.
      this.plannedWall = this.clock.now();
      this.plannedMono = this.clock.monotonic();
    }
  }

  private cancelTimer(): void {
    if (this.timer !== null) this.clock.clearTimeout(this.timer);
    this.timer = null;
  }
}

function toRefreshError(error: unknown, profile: string): RefreshError {
  if (error instanceof RefreshError) return error;
  const name = error instanceof Error ? error.name : typeof error;
  return RefreshError.worded('unknown', phrase('engine.refreshFailed', { profile, name }), '', profile);
}

function oneLine(error: { message: string }): string {
  return error.message.split('\n')[0];
}
