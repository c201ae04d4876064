// What an SSO profile or an `[sso-session NAME]` section says, as botocore's SSOProvider reads it:
// the session's keys merged into the profile view, a key in both with different values an error.
import type { ProfileSet, ResolvedProfile } from '../aws-config/profile-model';
import { RefreshError } from '../model/credentials';
import { quoteNameForAnyShell } from '../shell/any-shell';
import { phrase, type PhraseParam } from '../../../shared/i18n';

/** One sign-in: the token file belongs to the session name, else to the legacy start URL. */
export interface SsoSessionConfig {
  /** Null for the legacy form (`sso_start_url` in the profile): never renewed silently. */
  sessionName: string | null;
  startUrl: string;
  region: string;
  /** `sso_registration_scopes` split on `,`, stripped, empties dropped; null when not configured. */
  scopes: string[] | null;
}

export interface SsoProfileConfig extends SsoSessionConfig {
  profile: string;
  accountId: string;
  roleName: string;
}

export function parseRegistrationScopes(raw: string | undefined): string[] | null {
  if (raw === undefined) return null;
  return raw.split(',').map((scope) => scope.trim()).filter((scope) => scope !== '');
}

function loginFix(platform: NodeJS.Platform, target: { profile?: string; session?: string | null }): string {
  return target.session
    ? `rolekeeper sso login --session ${quoteNameForAnyShell(platform, target.session)}`
    : `rolekeeper sso login ${quoteNameForAnyShell(platform, target.profile ?? '')}`;
}

/** The command that signs in for a profile or session, for fixes. */
export function ssoLoginCommand(platform: NodeJS.Platform, target: { profile?: string; session?: string | null }): string {
  return loginFix(platform, target);
}

function noSuchSession(name: string, profiles: ProfileSet, profile: string | null): RefreshError {
  return RefreshError.worded('config', phrase('sso.config.noSession', { name }), phrase('sso.config.noSession.fix', { name, file: profiles.paths.configFile }), profile);
}

/** "a" or "a and b" in the reader's language (a session misses at most its two keys). */
function bothOrOne(keys: string[]): PhraseParam {
  return keys.length === 2 ? phrase('sso.config.both', { first: keys[0], second: keys[1] }) : keys.join(', ');
}

export function ssoSessionConfig(name: string, profiles: ProfileSet): SsoSessionConfig {
  const section = profiles.ssoSessions.get(name);
  if (!section) throw noSuchSession(name, profiles, null);
  const missing = ['sso_start_url', 'sso_region'].filter((key) => !section.get(key)?.value);
  if (missing.length > 0) {
    throw RefreshError.worded(
      'config',
      phrase('sso.config.sessionIncomplete', { name, missing: missing.join(', ') }),
      phrase('sso.config.sessionIncomplete.fix', { missing: bothOrOne(missing), name, file: profiles.paths.configFile }),
    );
  }
  return {
    sessionName: name,
    startUrl: section.get('sso_start_url')!.value,
    region: section.get('sso_region')!.value,
    scopes: parseRegistrationScopes(section.get('sso_registration_scopes')?.value),
  };
}

/** Whether the profile is an SSO profile by botocore's rule (sso_account_id or sso_role_name). */
export function isSsoProfile(profile: ResolvedProfile | undefined): profile is ResolvedProfile {
  return profile?.type === 'sso';
}

export function ssoProfileConfig(profile: ResolvedProfile, profiles: ProfileSet): SsoProfileConfig {
  const values = new Map([...profile.values].map(([key, value]) => [key, value.value]));
  const sessionName = values.get('sso_session') ?? null;
  if (sessionName !== null) {
    const section = profiles.ssoSessions.get(sessionName);
    if (!section) throw noSuchSession(sessionName, profiles, profile.name);
    for (const [key, value] of section) {
      const own = values.get(key);
      if (own !== undefined && own !== value.value) {
        throw RefreshError.worded(
          'config',
          phrase('sso.config.inconsistent', { key, own, value: value.value }),
          phrase('sso.config.inconsistent.fix', { key, profile: profile.name }),
          profile.name,
        );
      }
      values.set(key, value.value);
    }
  }
  const order = ['sso_role_name', 'sso_account_id', 'sso_start_url', 'sso_region'];
  const missing = order.filter((key) => !values.get(key));
  if (missing.length > 0) {
    const inSession = sessionName && missing.some((key) => key === 'sso_start_url' || key === 'sso_region');
    throw RefreshError.worded(
      'config',
      phrase('sso.config.profileIncomplete', { profile: profile.name, missing: missing.join(', ') }),
      phrase('sso.config.profileIncomplete.fix', {
        missing: missing.join(', '),
        section: inSession ? `[sso-session ${sessionName}]` : phrase('sso.config.profileSection', { profile: profile.name }),
        file: profiles.paths.configFile,
      }),
      profile.name,
    );
  }
  return {
    profile: profile.name,
    sessionName,
    startUrl: values.get('sso_start_url')!,
    region: values.get('sso_region')!,
    scopes: parseRegistrationScopes(values.get('sso_registration_scopes')),
    accountId: values.get('sso_account_id')!,
    roleName: values.get('sso_role_name')!,
  };
}

/** What `rolekeeper sso login` signs in to: a named session, or the sign-in of an SSO profile. */
export interface SsoLoginTarget {
  profile?: string;
  session?: string;
}

export function loginSessionFor(target: SsoLoginTarget, profiles: ProfileSet): SsoSessionConfig {
  if (target.session !== undefined) return ssoSessionConfig(target.session, profiles);
  const name = target.profile ?? 'default';
  const profile = profiles.get(name);
  if (!profile) {
    throw RefreshError.worded('unknown-profile', phrase('sso.config.unknownProfile', { profile: name, file: profiles.paths.configFile }), phrase('sso.config.unknownProfile.fix'), name);
  }
  const sessionName = profile.values.get('sso_session')?.value;
  if (sessionName !== undefined) return ssoSessionConfig(sessionName, profiles);
  const startUrl = profile.values.get('sso_start_url')?.value;
  const region = profile.values.get('sso_region')?.value;
  if (!startUrl || !region) {
    const missing = [!startUrl ? 'sso_start_url' : null, !region ? 'sso_region' : null].filter(Boolean).join(', ');
    throw RefreshError.worded('config', phrase('sso.config.noSignIn', { profile: name, missing }), phrase('sso.config.noSignIn.fix', { profile: name }), name);
  }
  return { sessionName: null, startUrl, region, scopes: null };
}
