// The background layer for IAM Identity Center sessions: every session a kept profile uses (directly
// or as the first link of its role chain) has its access token renewed with the refresh token once
// it is inside botocore's 15-minute window, written back where the AWS CLI reads it. Only when a
// renewal is impossible (legacy start-URL sign-in, no refresh token, registration ended, session
// ended: InvalidGrant) does it raise one notice per session and token, `notifyLeadMs` before the end.
// Sessions no kept profile uses are left to the AWS CLI: Rolekeeper renews only what it was asked to keep.
import type { Clock, TimerHandle } from '../always-fresh/clock';
import { MAX_TIMER_DELAY_MS } from '../always-fresh/clock';
import type { ProfileStateStore } from '../always-fresh/profile-state-store';
import type { ProfileSet } from '../aws-config/profile-model';
import { RefreshError } from '../model/credentials';
import { english, phrase, say, type Phrase } from '../../../shared/i18n';
import { ssoSessionLabel } from './sso-errors';
import { ssoLoginCommand, ssoProfileConfig, type SsoSessionConfig } from './sso-profile-config';
import { readSsoTokenFile } from './sso-token-file';
import { SSO_TOKEN_REFRESH_WINDOW_MS, ssoAccessToken, tokenSourceOf, whyNotRenewable, type SsoTokenDeps } from './sso-token-provider';

/** botocore renews only inside its window (`<` 15 min left): wake this far inside it. */
const RENEW_INSIDE_WINDOW_MS = 60_000;
/** Backoff of renewals that failed transiently (network, throttling): 30 s … 5 min. */
const RETRY_INITIAL_MS = 30_000;
const RETRY_MAX_MS = 5 * 60_000;

export interface KeptSsoSession {
  key: string;
  config: SsoSessionConfig;
  /** Kept profiles using it, in the order given. */
  profiles: string[];
}

/** Identity of a sign-in: its session name, or the legacy start URL. */
export function ssoSessionKey(config: SsoSessionConfig): string {
  return config.sessionName !== null ? `session:${config.sessionName}` : `url:${config.startUrl}`;
}

/** The SSO sign-ins the given profiles use, following each role chain to its first link. */
export function ssoSessionsOfProfiles(names: readonly string[], profiles: ProfileSet): KeptSsoSession[] {
  const found = new Map<string, KeptSsoSession>();
  for (const name of names) {
    const profile = profiles.get(name);
    if (!profile) continue;
    const root = profile.type === 'sso' ? profile : profiles.get(profile.sourceChain[profile.sourceChain.length - 1] ?? '');
    if (root?.type !== 'sso') continue;
    let config: SsoSessionConfig;
    try {
      config = ssoProfileConfig(root, profiles);
    } catch {
      continue; // an incomplete SSO profile: its refresh reports it
    }
    const key = ssoSessionKey(config);
    const entry = found.get(key) ?? { key, config: { sessionName: config.sessionName, startUrl: config.startUrl, region: config.region, scopes: config.scopes }, profiles: [] };
    if (!entry.profiles.includes(name)) entry.profiles.push(name);
    found.set(key, entry);
  }
  return [...found.values()];
}

export interface SsoSessionKeeperOptions {
  clock: Clock;
  state: ProfileStateStore;
  /** The sessions to hold now (asked again at every re-plan). */
  sessions: () => KeptSsoSession[];
  tokenDeps: () => SsoTokenDeps;
  platform: NodeJS.Platform;
  /** The notice is due this long before a session that cannot be renewed ends. */
  notifyLeadMs: () => number;
  /** A session that needed a sign-in works again (signed in here or by the AWS CLI): its profiles may retry. */
  onSessionRestored?: (profiles: string[]) => void;
  log?: (line: string) => void;
}

interface SessionTrack {
  failures: number;
  retryAt: number | null;
  /** The token expiry a renewal was refused for (InvalidGrant, registration ended), with why. */
  refused: { expiresAt: number; reason: Reason } | null;
}

/** Why a session needs a sign-in: English for the log, the phrase (when there is one) for the person. */
interface Reason {
  message: string;
  wording: Phrase | null;
}

function reasonOf(wording: Phrase): Reason {
  return { message: say(english, wording), wording };
}

function reasonOfFailure(failure: RefreshError): Reason {
  return { message: failure.message, wording: failure.wording?.message ?? null };
}

export class SsoSessionKeeper {
  private readonly tracks = new Map<string, SessionTrack>();
  private readonly renewing = new Set<string>();
  private timer: TimerHandle | null = null;
  private stopped = false;
  /** Sessions whose sign-in notice stood at the last re-plan. */
  private standingKeys = new Set<string>();

  constructor(private readonly options: SsoSessionKeeperOptions) {}

  /** Re-reads the token files and plans the one timer (after file changes, sign-in, resume). */
  replan(): void {
    if (this.stopped) return;
    this.cancelTimer();
    const now = this.options.clock.now();
    const sessions = this.options.sessions();
    for (const key of [...this.tracks.keys()]) if (!sessions.some((session) => session.key === key)) this.tracks.delete(key);
    const standing: KeptSsoSession[] = [];
    let earliest = Infinity;
    for (const session of sessions) {
      const wake = this.evaluate(session, now, standing);
      if (wake !== null) earliest = Math.min(earliest, wake);
    }
    this.options.state.setSsoNoticeStanding(
      standing.flatMap((session) => session.profiles),
      standing.map((session) => session.key),
    );
    const nowStanding = new Set(standing.map((session) => session.key));
    const restored = sessions.filter((session) => this.standingKeys.has(session.key) && !nowStanding.has(session.key));
    this.standingKeys = nowStanding;
    if (restored.length > 0) this.options.onSessionRestored?.(restored.flatMap((session) => session.profiles));
    if (earliest === Infinity) return;
    const delay = Math.min(Math.max(0, earliest - now), MAX_TIMER_DELAY_MS);
    this.timer = this.options.clock.setTimeout(() => {
      this.timer = null;
      this.replan();
    }, delay);
  }

  stop(): void {
    this.stopped = true;
    this.cancelTimer();
  }

  /** Acts on one session now; returns when it wants to be looked at again (null: not until a change). */
  private evaluate(session: KeptSsoSession, now: number, standing: KeptSsoSession[]): number | null {
    const track = this.tracks.get(session.key) ?? { failures: 0, retryAt: null, refused: null };
    this.tracks.set(session.key, track);
    const deps = this.options.tokenDeps();
    const read = readSsoTokenFile(deps.ssoCacheDir, tokenSourceOf(session.config));
    if (read.status !== 'ok') {
      standing.push(session);
      this.notice(session, null, reasonOf(read.status === 'missing' ? phrase('sso.renew.notSignedIn') : read.wording));
      return null;
    }
    const expiresAt = read.record.expiresAt.getTime();
    if (track.refused && track.refused.expiresAt !== expiresAt) track.refused = null; // signed in again elsewhere
    const renewable = whyNotRenewable(session.config, read.record, now);
    const why = track.refused?.reason ?? (renewable === null ? null : reasonOf(renewable));
    if (why === null) {
      if (this.renewing.has(session.key)) return null;
      const due = track.retryAt ?? expiresAt - SSO_TOKEN_REFRESH_WINDOW_MS + RENEW_INSIDE_WINDOW_MS;
      if (due > now) return due;
      void this.renew(session, track);
      return null;
    }
    const noticeAt = expiresAt - this.options.notifyLeadMs();
    if (now < noticeAt) return noticeAt;
    standing.push(session);
    this.notice(session, expiresAt, why);
    return null;
  }

  private async renew(session: KeptSsoSession, track: SessionTrack): Promise<void> {
    this.renewing.add(session.key);
    const now = (): number => this.options.clock.now();
    try {
      const token = await ssoAccessToken(session.config, this.options.tokenDeps(), session.profiles[0] ?? null);
      if (token.renewed) {
        track.failures = 0;
        track.retryAt = null;
        this.options.log?.(`renewed ${label(session.config)} until ${token.expiresAt.toISOString()}`);
      } else if (token.renewalError && !token.renewalError.transient) {
        track.refused = { expiresAt: token.expiresAt.getTime(), reason: reasonOfFailure(token.renewalError) };
        this.options.log?.(`cannot renew ${label(session.config)}: ${token.renewalError.message}`);
      } else if (!token.renewalError && token.expiresAt.getTime() - now() >= SSO_TOKEN_REFRESH_WINDOW_MS) {
        // Another process (the AWS CLI, a sign-in) renewed it meanwhile.
        track.failures = 0;
        track.retryAt = null;
      } else {
        track.failures += 1;
        track.retryAt = Math.min(now() + Math.min(RETRY_MAX_MS, RETRY_INITIAL_MS * 2 ** (track.failures - 1)), token.expiresAt.getTime());
        if (token.renewalError) this.options.log?.(`renewing ${label(session.config)} failed, retrying: ${token.renewalError.message}`);
      }
    } catch (error) {
      // Expired and not renewable: the notice says so; anything else is tried again.
      const failure = error instanceof RefreshError ? error : RefreshError.worded('unknown', phrase('sso.keeper.renewFailed', { label: ssoSessionLabel(session.config) }), '');
      if (failure.transient) {
        track.failures += 1;
        track.retryAt = now() + Math.min(RETRY_MAX_MS, RETRY_INITIAL_MS * 2 ** (track.failures - 1));
      } else {
        const read = readSsoTokenFile(this.options.tokenDeps().ssoCacheDir, tokenSourceOf(session.config));
        if (read.status === 'ok') track.refused = { expiresAt: read.record.expiresAt.getTime(), reason: reasonOfFailure(failure) };
      }
      this.options.log?.(`renewing ${label(session.config)} failed: ${failure.message}`);
    } finally {
      this.renewing.delete(session.key);
      this.replan();
    }
  }

  private notice(session: KeptSsoSession, expiresAt: number | null, reason: Reason): void {
    const signIn = session.config.sessionName !== null ? { session: session.config.sessionName } : { profile: session.profiles[0] };
    const emitted = this.options.state.notifySsoSession(
      { session: session.config.sessionName, startUrl: session.config.startUrl, signIn, command: ssoLoginCommand(this.options.platform, signIn) },
      { key: session.key, profiles: session.profiles, expiresAt, message: reason.message, wording: reason.wording },
    );
    if (emitted) this.options.log?.(`${label(session.config)} needs a sign-in: ${reason.message}`);
  }

  private cancelTimer(): void {
    if (this.timer !== null) this.options.clock.clearTimeout(this.timer);
    this.timer = null;
  }
}

function label(session: SsoSessionConfig): string {
  return session.sessionName ? `SSO session ${session.sessionName}` : `SSO sign-in ${session.startUrl}`;
}
