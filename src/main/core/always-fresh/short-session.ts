// Whether the AWS CLI's cache can serve a kept profile's sessions. The CLI ignores an entry with
// under 15 minutes left (spec §4.7) and the keeper renews at most once per half session, so a
// session no longer than that window plus the lead the keeper can keep (at most half a session)
// leaves `aws --profile NAME` assuming the role itself. Such a profile needs a sink the CLI asks
// each time: credential_process, the endpoint, or `exec`.
import type { ProfileSet } from '../aws-config/profile-model';
import type { StoreData } from '../model/store-data';
import { CLI_CACHE_MIN_VALID_MS } from '../model/validity-margins';
import { rolekeeperProcessProfile } from '../aws-config/credential-process-command';
import { quoteNameForAnyShell } from '../shell/any-shell';
import { phrase, type Phrase } from '../../../shared/i18n';

/** The scheduler's default share of a session it waits before renewing it (refresh-scheduler's sessionShare). */
export const SESSION_SHARE = 0.5;
/** A refresh and its random skew take up to this long before the CLI's window closes on the old entry. */
export const REFRESH_MARGIN_MS = 60_000;
/** STS's default when a role profile names no duration_seconds. */
const DEFAULT_SESSION_SECONDS = 3600;

export interface ShortSession {
  profile: string;
  sessionSeconds: number;
  /** `observed`: the last session the keeper got; `configured`: duration_seconds or a managed profile's duration. */
  source: 'observed' | 'configured';
  /** A profile whose credential_process is `rolekeeper credential-process NAME` for it: the CLI is already served. */
  servedByCredentialProcess: string | null;
  /** What to tell the person, and what serves the profile instead. */
  wording: Phrase;
}

/** The time before expiry the keeper can renew a session of this length: its lead, at most the unwaited share. */
export function effectiveLeadMs(sessionMs: number, leadMs: number): number {
  return Math.min(leadMs, sessionMs * (1 - SESSION_SHARE));
}

/** True when the CLI's 15-minute rule leaves a cache entry of such sessions unusable before the keeper renews it. */
export function isShortSession(sessionMs: number, leadMs: number): boolean {
  return sessionMs <= CLI_CACHE_MIN_VALID_MS + effectiveLeadMs(sessionMs, leadMs) + REFRESH_MARGIN_MS;
}

/** The session length a profile's settings ask for; null when they do not say (SSO: the permission set decides). */
export function configuredSessionSeconds(profile: string, profiles: ProfileSet, store: StoreData): number | null {
  const managed = store.managed[profile];
  if (managed) return managed.durationSeconds ?? DEFAULT_SESSION_SECONDS;
  const resolved = profiles.get(profile);
  if (resolved?.type !== 'role') return null;
  return resolved.role.durationSeconds ?? DEFAULT_SESSION_SECONDS;
}

/** A profile in the files that asks Rolekeeper for this profile's credentials through credential_process. */
function credentialProcessProfileFor(profile: string, profiles: ProfileSet): string | null {
  for (const candidate of profiles.profiles) {
    const command = candidate.values.get('credential_process')?.value;
    if (command && rolekeeperProcessProfile(command) === profile) return candidate.name;
  }
  return null;
}

export interface ShortSessionInput {
  profiles: ProfileSet;
  store: StoreData;
  /** The lead of the keeper that renews the profile (the running one's, else the stored setting). */
  leadMs: number;
  /** The last session the keeper got for a profile, in ms; null when it got none yet. */
  observedSessionMs?: (profile: string) => number | null;
  /** Profile names in the offered commands are quoted for this platform's shells. */
  platform: NodeJS.Platform;
}

/** The verdict for one profile; null when its sessions are long enough or their length is unknown. */
export function shortSessionOf(profile: string, input: ShortSessionInput): ShortSession | null {
  const observed = input.observedSessionMs?.(profile) ?? null;
  const configured = configuredSessionSeconds(profile, input.profiles, input.store);
  const sessionMs = observed ?? (configured === null ? null : configured * 1000);
  if (sessionMs === null || !isShortSession(sessionMs, input.leadMs)) return null;
  const found = {
    profile,
    sessionSeconds: Math.round(sessionMs / 1000),
    source: observed !== null ? ('observed' as const) : ('configured' as const),
    servedByCredentialProcess: credentialProcessProfileFor(profile, input.profiles),
  };
  return { ...found, wording: shortSessionWording(found, input.platform) };
}

export function shortSessions(names: readonly string[], input: ShortSessionInput): ShortSession[] {
  return names.map((name) => shortSessionOf(name, input)).filter((found): found is ShortSession => found !== null);
}

/** What to tell the person about a short session, in their language; profile names quoted for any shell. */
function shortSessionWording(found: Omit<ShortSession, 'wording'>, platform: NodeJS.Platform): Phrase {
  const minutes = Math.round((found.sessionSeconds / 60) * 10) / 10;
  const profile = quoteNameForAnyShell(platform, found.profile);
  if (found.servedByCredentialProcess !== null) {
    return phrase('engine.shortSessionServed', { profile, minutes, served: quoteNameForAnyShell(platform, found.servedByCredentialProcess) });
  }
  return phrase('engine.shortSession', { profile, minutes });
}
