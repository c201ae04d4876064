// Short hashes of a profile's settings and those of every source profile down its chain: what
// decides which role its credentials belong to, and what a refresh of it reads.
import { createHash } from 'node:crypto';
import type { ProfileSet } from '../aws-config/profile-model';
import { MANAGED_KEY_NAMES } from './profile-keys';
import type { StoreData } from './rolekeeper-store';

const ROLE_KEYS = ['role_arn', 'source_profile', 'credential_source', 'external_id', 'mfa_serial', 'duration_seconds', 'role_session_name'];

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

/** Changes when the role a profile's credentials belong to changes (stored with the process cache). */
export function roleFingerprint(name: string, profiles: ProfileSet, store: StoreData): string {
  const managed = store.managed[name] ?? null;
  const hops = fingerprintChain(name, profiles, store).map((hop) => [hop, ROLE_KEYS.map((key) => profiles.get(hop)?.values.get(key)?.value ?? null)]);
  return digest({ managed, hops });
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
