// The one store of per-profile engine state: the scheduler writes it, the daemon's log and the
// tray subscribe to its change and notification events. Notifications are data; the daemon and the
// tray word them (src/shared/i18n.ts).
import type {
  EngineChange,
  EngineError,
  EngineNotification,
  EngineStatus,
  NotificationKind,
  ProfileEngineState,
  SsoSessionNotice,
} from '../../../shared/engine-events';
import type { Phrase } from '../../../shared/i18n';

export interface Disposable {
  dispose(): void;
}

/** Times are wall-clock epoch milliseconds here; the emitted state carries ISO strings. */
export interface ProfileStatePatch {
  status?: EngineStatus;
  refreshing?: boolean;
  expiresAt?: number | null;
  nextRefreshAt?: number | null;
  lastRefreshedAt?: number | null;
  lastError?: EngineError | null;
  sinks?: string[];
}

type Listener<T> = (event: T) => void;

class Emitter<T> {
  private listeners: Listener<T>[] = [];

  on(listener: Listener<T>): Disposable {
    this.listeners.push(listener);
    return {
      dispose: () => {
        this.listeners = this.listeners.filter((candidate) => candidate !== listener);
      },
    };
  }

  fire(event: T): void {
    // A throwing subscriber must not break the engine or the other subscribers.
    for (const listener of [...this.listeners]) {
      try {
        listener(event);
      } catch {
        /* ignored on purpose */
      }
    }
  }
}

/** A profile's own notices that an SSO sign-in notice already covers. */
const COVERED_KINDS: ReadonlySet<NotificationKind> = new Set(['refresh-failed', 'expires-soon', 'expired']);

const iso = (ms: number | null): string | null => (ms === null ? null : new Date(ms).toISOString());

interface Row {
  status: EngineStatus;
  refreshing: boolean;
  expiresAt: number | null;
  nextRefreshAt: number | null;
  lastRefreshedAt: number | null;
  lastError: EngineError | null;
  sinks: string[];
}

/** The store as those who only watch it see it: no updates. */
export type ProfileStateView = Pick<ProfileStateStore, 'get' | 'all' | 'onDidChange' | 'onNotification'>;

export class ProfileStateStore {
  private readonly rows = new Map<string, Row>();
  /** Causes already notified: profile → set of `kind|expiry`. A new expiry is a new cause. */
  private readonly notified = new Map<string, Set<string>>();
  private readonly changes = new Emitter<EngineChange>();
  private readonly notifications = new Emitter<EngineNotification>();
  /** SSO session notices already emitted: `session key|expiry`. */
  private readonly ssoNotified = new Set<string>();
  /** Profiles whose trouble an SSO sign-in notice already told: their own notices would repeat it. */
  private coveredBySsoNotice = new Set<string>();

  constructor(private readonly now: () => number = Date.now) {}

  onDidChange(listener: Listener<EngineChange>): Disposable {
    return this.changes.on(listener);
  }

  onNotification(listener: Listener<EngineNotification>): Disposable {
    return this.notifications.on(listener);
  }

  get(profile: string): ProfileEngineState | undefined {
    const row = this.rows.get(profile);
    return row ? this.snapshot(profile, row) : undefined;
  }

  all(): ProfileEngineState[] {
    return [...this.rows.entries()]
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
      .map(([profile, row]) => this.snapshot(profile, row));
  }

  /** Merges the patch; emits `profile-changed` only when something actually changed. */
  update(profile: string, patch: ProfileStatePatch): void {
    const existing = this.rows.get(profile);
    const row: Row = existing
      ? { ...existing }
      : {
          status: 'unknown',
          refreshing: false,
          expiresAt: null,
          nextRefreshAt: null,
          lastRefreshedAt: null,
          lastError: null,
          sinks: [],
        };
    for (const key of Object.keys(patch) as (keyof ProfileStatePatch)[]) {
      if (patch[key] !== undefined) (row as unknown as Record<string, unknown>)[key] = patch[key];
    }
    if (existing && existing.expiresAt !== row.expiresAt) this.forgetCausesExcept(profile, row.expiresAt);
    if (existing && sameRow(existing, row)) return;
    this.rows.set(profile, row);
    this.changes.fire({ type: 'profile-changed', profile, state: this.snapshot(profile, row) });
  }

  remove(profile: string): void {
    this.notified.delete(profile);
    if (!this.rows.delete(profile)) return;
    this.changes.fire({ type: 'profile-removed', profile });
  }

  reportClockJump(deltaMs: number): void {
    this.changes.fire({ type: 'clock-jumped', deltaMs });
  }

  /**
   * Emits a notification unless one of the same kind was already emitted for the same profile and
   * expiry. `message` is the failure's secret-free first line; it becomes the event's `detail`.
   * Returns whether it was emitted.
   */
  notify(profile: string, kind: NotificationKind, detail: { expiresAt: number | null; message?: string }): boolean {
    if (this.coveredBySsoNotice.has(profile) && COVERED_KINDS.has(kind)) return false;
    const cause = `${kind}|${detail.expiresAt ?? ''}`;
    let causes = this.notified.get(profile);
    if (!causes) this.notified.set(profile, (causes = new Set()));
    if (causes.has(cause)) return false;
    causes.add(cause);
    this.notifications.fire({
      kind,
      profile,
      expiresAt: iso(detail.expiresAt),
      at: new Date(this.now()).toISOString(),
      detail: detail.message ?? null,
    });
    return true;
  }

  /**
   * One notice per IAM Identity Center session and token expiry (null: no token), however many
   * kept profiles use it; while it stands, those profiles' own failure and expiry notices are held back.
   */
  notifySsoSession(notice: SsoSessionNotice, detail: { key: string; profiles: string[]; expiresAt: number | null; message: string | null; wording?: Phrase | null }): boolean {
    const cause = `${detail.key}|${detail.expiresAt ?? ''}`;
    for (const profile of detail.profiles) this.coveredBySsoNotice.add(profile);
    if (this.ssoNotified.has(cause) || detail.profiles.length === 0) return false;
    this.ssoNotified.add(cause);
    this.notifications.fire({
      kind: 'sso-sign-in-needed',
      profile: detail.profiles[0],
      expiresAt: iso(detail.expiresAt),
      at: new Date(this.now()).toISOString(),
      detail: detail.message,
      ...(detail.wording ? { detailWording: detail.wording } : {}),
      ssoSession: { ...notice, signIn: { ...notice.signIn } },
    });
    return true;
  }

  /** The SSO sessions whose notice stands now (renewed or signed in again: their profiles speak for themselves). */
  setSsoNoticeStanding(profiles: Iterable<string>, standingKeys: Iterable<string>): void {
    this.coveredBySsoNotice = new Set(profiles);
    const keep = new Set(standingKeys);
    for (const cause of [...this.ssoNotified]) if (!keep.has(cause.slice(0, cause.lastIndexOf('|')))) this.ssoNotified.delete(cause);
  }

  private forgetCausesExcept(profile: string, expiresAt: number | null): void {
    const causes = this.notified.get(profile);
    if (!causes) return;
    const suffix = `|${expiresAt ?? ''}`;
    for (const cause of [...causes]) if (!cause.endsWith(suffix)) causes.delete(cause);
  }

  private snapshot(profile: string, row: Row): ProfileEngineState {
    return {
      profile,
      status: row.status,
      refreshing: row.refreshing,
      expiresAt: iso(row.expiresAt),
      nextRefreshAt: iso(row.nextRefreshAt),
      lastRefreshedAt: iso(row.lastRefreshedAt),
      lastError: row.lastError ? { ...row.lastError } : null,
      sinks: [...row.sinks],
    };
  }
}

function sameRow(a: Row, b: Row): boolean {
  return (
    a.status === b.status &&
    a.refreshing === b.refreshing &&
    a.expiresAt === b.expiresAt &&
    a.nextRefreshAt === b.nextRefreshAt &&
    a.lastRefreshedAt === b.lastRefreshedAt &&
    a.lastError?.kind === b.lastError?.kind &&
    a.lastError?.message === b.lastError?.message &&
    a.lastError?.fix === b.lastError?.fix &&
    a.sinks.length === b.sinks.length &&
    a.sinks.every((sink, index) => sink === b.sinks[index])
  );
}
