// The state of every IAM Identity Center sign-in the config uses, for `list`, `doctor` and the tray:
// when its token ends, whether Rolekeeper can renew it silently, and the fix when it cannot.
import type { ProfileSet } from '../aws-config/profile-model';
import type { SsoSessionSummary } from '../../../shared/profile-summary';
import { english, phrase, say, type Phrase } from '../../../shared/i18n';
import { SSO_TOKEN_REFRESH_WINDOW_MS, tokenSourceOf, whyNotRenewable } from './sso-token-provider';
import { ssoLoginCommand, ssoProfileConfig, ssoSessionConfig, type SsoSessionConfig } from './sso-profile-config';
import { readSsoTokenFile } from './sso-token-file';

export type SsoSessionStatus = 'valid' | 'renewable' | 'expiring' | 'expired' | 'signed-out' | 'invalid';

export interface SsoSessionState {
  /** The `[sso-session]` name, or null for a legacy start-URL sign-in. */
  session: string | null;
  startUrl: string;
  region: string;
  profiles: string[];
  status: SsoSessionStatus;
  expiresAt: string | null;
  /** When the refresh token's registration ends: the latest a silent renewal can happen. */
  renewableUntil: string | null;
  /** Why it cannot be renewed silently, when it cannot (English, for `--json` and logs). */
  notRenewableBecause: string | null;
  /** The same reason as a phrase, for the person's language; never in `--json`. */
  notRenewableWording: Phrase | null;
  tokenFile: string;
  fix: string | null;
}

function keyOf(session: SsoSessionConfig): string {
  return session.sessionName !== null ? `session:${session.sessionName}` : `url:${session.startUrl}`;
}

export function describeSsoSessions(profiles: ProfileSet, platform: NodeJS.Platform, now: number, expiringWithinMs = SSO_TOKEN_REFRESH_WINDOW_MS): SsoSessionState[] {
  const found = new Map<string, { session: SsoSessionConfig; profiles: string[] }>();
  for (const profile of profiles.profiles) {
    if (profile.type !== 'sso') continue;
    let session: SsoSessionConfig;
    try {
      session = ssoProfileConfig(profile, profiles);
    } catch {
      continue;
    }
    const entry = found.get(keyOf(session)) ?? { session, profiles: [] };
    entry.profiles.push(profile.name);
    found.set(keyOf(session), entry);
  }
  for (const name of profiles.ssoSessions.keys()) {
    try {
      const session = ssoSessionConfig(name, profiles);
      if (!found.has(keyOf(session))) found.set(keyOf(session), { session, profiles: [] });
    } catch {
      /* an incomplete section: the profile findings report it */
    }
  }
  return [...found.values()].map(({ session, profiles: names }) => stateOf(session, names, profiles.paths.ssoCacheDir, platform, now, expiringWithinMs));
}

function stateOf(session: SsoSessionConfig, profiles: string[], ssoCacheDir: string, platform: NodeJS.Platform, now: number, expiringWithinMs: number): SsoSessionState {
  const read = readSsoTokenFile(ssoCacheDir, tokenSourceOf(session));
  const fix = ssoLoginCommand(platform, { session: session.sessionName, profile: profiles[0] });
  const base = { session: session.sessionName, startUrl: session.startUrl, region: session.region, profiles, tokenFile: read.file };
  if (read.status === 'missing') return { ...base, status: 'signed-out', expiresAt: null, renewableUntil: null, ...because(phrase('sso.renew.notSignedIn')), fix };
  if (read.status === 'invalid') return { ...base, status: 'invalid', expiresAt: null, renewableUntil: null, ...because(read.wording), fix };
  const record = read.record;
  const why = whyNotRenewable(session, record, now);
  const remaining = record.expiresAt.getTime() - now;
  const renewableUntil = why === null && record.registrationExpiresAt ? record.registrationExpiresAt.toISOString() : null;
  let status: SsoSessionStatus;
  if (why === null) status = 'renewable';
  else if (remaining <= 0) status = 'expired';
  else if (remaining < expiringWithinMs) status = 'expiring';
  else status = 'valid';
  return { ...base, status, expiresAt: record.expiresAt.toISOString(), renewableUntil, ...because(why), fix: status === 'renewable' || status === 'valid' ? null : fix };
}

function because(why: Phrase | null): Pick<SsoSessionState, 'notRenewableBecause' | 'notRenewableWording'> {
  return { notRenewableBecause: why === null ? null : say(english, why), notRenewableWording: why };
}

/** A state as `sso status --json` prints it: English only, the phrase left out. */
export function ssoSessionJson(state: SsoSessionState): Omit<SsoSessionState, 'notRenewableWording'> {
  const { notRenewableWording: _wording, ...json } = state;
  return json;
}

/** Each profile's sign-in (SSO profiles and role chains starting at one), for the summaries. */
export function ssoSessionByProfile(profiles: ProfileSet, states: SsoSessionState[]): Map<string, SsoSessionSummary> {
  const byRoot = new Map<string, SsoSessionSummary>();
  for (const state of states) {
    const summary: SsoSessionSummary = { session: state.session, startUrl: state.startUrl, status: state.status, expiresAt: state.expiresAt, renewableUntil: state.renewableUntil, fix: state.fix };
    for (const name of state.profiles) byRoot.set(name, summary);
  }
  const result = new Map<string, SsoSessionSummary>();
  for (const profile of profiles.profiles) {
    const root = profile.type === 'sso' ? profile.name : profile.sourceChain[profile.sourceChain.length - 1];
    const summary = root !== undefined ? byRoot.get(root) : undefined;
    if (summary) result.set(profile.name, summary);
  }
  return result;
}
