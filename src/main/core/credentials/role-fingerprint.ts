// A short hash of everything that decides which role a profile's credentials belong to: its role
// settings, those of every source profile down the chain, and Rolekeeper's managed definition.
import { createHash } from 'node:crypto';
import type { ProfileSet } from '../aws-config/profile-model';
import type { StoreData } from './rolekeeper-store';

const ROLE_KEYS = ['role_arn', 'source_profile', 'credential_source', 'external_id', 'mfa_serial', 'duration_seconds', 'role_session_name'];

export function roleFingerprint(name: string, profiles: ProfileSet, store: StoreData): string {
  const managed = store.managed[name] ?? null;
  const chain = [name, ...(profiles.get(name)?.sourceChain ?? [])];
  if (managed) chain.push(managed.sourceProfile, ...(profiles.get(managed.sourceProfile)?.sourceChain ?? []));
  const hops = chain.map((hop) => [hop, ROLE_KEYS.map((key) => profiles.get(hop)?.values.get(key)?.value ?? null)]);
  return createHash('sha256').update(JSON.stringify({ managed, hops })).digest('hex').slice(0, 32);
}
