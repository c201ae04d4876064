// Short hashes of a profile's settings and those of every source profile down its chain: what
// decides which role its credentials belong to, and what a refresh of it reads.
import { createHash } from 'node:crypto';
import type { ProfileSet } from '../aws-config/profile-model';
import { MANAGED_KEY_NAMES } from './profile-keys';
import type { StoreData } from './rolekeeper-store';

const ROLE_KEYS = ['role_arn', 'source_profile', 'credential_source', 'external_id', 'mfa_serial', 'duration_seconds', 'role_session_name'];
/** Which IAM Identity Center account and role, through which sign-in (a session's own settings included). */
const SSO_KEYS = ['sso_account_id', 'sso_role_name', 'sso_session', 'sso_start_url', 'sso_region'];
const SSO_SESSION_KEYS = ['sso_start_url', 'sso_region'];

/** The profile, its source chain, and for a managed profile its Rolekeeper source and that one's chain. */
export function fingerprintChain(name: string, profiles: ProfileSet, store: StoreData): string[] {
  const managed = store.managed[name];
  const chain = [name, ...(profiles.get(name)?.sourceChain ?? [])];
  if (managed) chain.push(managed.sourceProfile, ...(profiles.get(managed.sourceProfile)?.sourceChain ?? []));
  return chain;
}

function digest(value: unknown): string {
  return createHash('sha256').update(JSON.stringify(value)).digest('hex').slice(0, 32);
}

/** An SSO hop's account, role and sign-in; null for a hop without SSO settings. */
function ssoIdentity(hop: string, profiles: ProfileSet): (string | null)[] | null {
  const values = profiles.get(hop)?.values;
  const own = SSO_KEYS.map((key) => values?.get(key)?.value ?? null);
  if (own.every((value) => value === null)) return null;
  const session = values?.get('sso_session')?.value;
  const sessionValues = session === undefined ? [] : SSO_SESSION_KEYS.map((key) => profiles.ssoSessions.get(session)?.get(key)?.value ?? null);
  return [...own, ...sessionValues];
}

/**
 * Changes when the role a profile's credentials belong to changes (stored with the process cache
 * and the held credentials): the role settings down the chain, and for SSO the account, role and
 * sign-in. Hops without SSO settings hash as they always did, so their caches stay valid.
 */
export function roleFingerprint(name: string, profiles: ProfileSet, store: StoreData): string {
  const managed = store.managed[name] ?? null;
  const hops = fingerprintChain(name, profiles, store).map((hop) => {
    const role = ROLE_KEYS.map((key) => profiles.get(hop)?.values.get(key)?.value ?? null);
    const sso = ssoIdentity(hop, profiles);
    return sso === null ? [hop, role] : [hop, role, sso];
  });
  return digest({ managed, hops });
}

/** Whether refreshing the profile asks for an MFA code somewhere down its chain (or for its managed role). */
export function chainAsksForMfa(name: string, profiles: ProfileSet, store: StoreData): boolean {
  if (store.managed[name]?.mfaSerial) return true;
  return fingerprintChain(name, profiles, store).some((hop) => Boolean(profiles.get(hop)?.role.mfaSerial));
}

/**
 * Changes when any setting a refresh of `name` reads changes, except the keys Rolekeeper itself
 * writes into a managed profile: those rewrites are no change of settings.
 */
export function settingsFingerprint(name: string, profiles: ProfileSet, store: StoreData): string {
  const managed = store.managed[name] ?? null;
  const hops = fingerprintChain(name, profiles, store).map((hop) => {
    const entries = [...(profiles.get(hop)?.values.entries() ?? [])]
      .filter(([key]) => !(hop === name && managed && MANAGED_KEY_NAMES.has(key)))
      .sort(([a], [b]) => (a < b ? -1 : 1))
      .map(([key, value]) => [key, value.value]);
    return [hop, entries];
  });
  return digest({ managed, hops });
}
