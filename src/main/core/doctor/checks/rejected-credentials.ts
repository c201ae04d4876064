// Credentials STS has rejected (rejected-keys.ts, noted by verify, doctor's STS check and refresh)
// that `aws` would still sign with: the same status `list` shows, with the repair by where they are.
import { phrase } from '../../../../shared/i18n';
import type { Finding } from '../../../../shared/profile-summary';
import type { RepairStep } from '../../../../shared/repair-steps';
import { maskSecret } from '../../../../shared/mask';
import { rejectedResolution } from '../rejected-resolution';
import type { ReadableResolution } from '../../credentials/credential-resolver';
import { locationWords } from '../../credentials/verify-profile';
import { isRefreshable } from '../../credentials/profile-lookup';
import { emptyStore, readStore, type StoreData } from '../../credentials/rolekeeper-store';
import { CREDENTIAL_VARIABLES } from '../../credentials/env-export';
import { finding, repair, steps, type DoctorCheck, type DoctorContext, type Repair } from '../doctor-context';

function readStoreOrEmpty(environment: DoctorContext['environment']): StoreData {
  try {
    return readStore(environment);
  } catch {
    return emptyStore();
  }
}

/** What makes `aws` work again, by where the rejected credentials are. */
export function repairForRejected(context: DoctorContext, resolution: ReadableResolution): Repair {
  const name = resolution.profile;
  const location = resolution.location;
  const store = readStoreOrEmpty(context.environment);
  const refreshable = isRefreshable(name, context.profiles, store);
  switch (location.kind) {
    case 'cli-cache': {
      const taken: RepairStep[] = [{ kind: 'remove-cache-entry', file: location.file }];
      if (refreshable) taken.push({ kind: 'refresh-profile', profile: name });
      return repair(taken, refreshable ? null : phrase('doctor.rejected.cacheAdvice'));
    }
    case 'env':
      return steps.unset(CREDENTIAL_VARIABLES.filter((variable) => context.env[variable] !== undefined));
    case 'file': {
      if (refreshable) return steps.refresh(name);
      const at = `${location.file}:${location.line}`;
      return resolution.credentials.sessionToken
        ? steps.run(['rolekeeper', 'manage', name, '--role-arn', 'arn:aws:iam::ACCOUNT:role/NAME', '--source-profile', 'PROFILE_WITH_KEYS'], phrase('doctor.rejected.fileSessionAdvice', { at }))
        : repair([], phrase('doctor.rejected.fileKeysAdvice', { at }));
    }
  }
}

function rejectedFinding(context: DoctorContext, resolution: ReadableResolution): Finding {
  const location = resolution.location;
  const file = location.kind === 'env' ? {} : { file: location.file, ...(location.kind === 'file' ? { line: location.line } : {}) };
  return finding(
    'credentials-rejected',
    'error',
    phrase(resolution.profileSelectedBy === 'flag' ? 'doctor.rejected.profile' : 'doctor.rejected.inUse', {
      profile: resolution.profile,
      key: maskSecret(resolution.credentials.accessKeyId),
      location: locationWords(location),
    }),
    repairForRejected(context, resolution),
    { profile: resolution.profile, ...file },
  );
}

export const rejectedCredentialsCheck: DoctorCheck = {
  id: 'rejected-credentials',
  run(context) {
    const findings: Finding[] = [];
    const seen = new Set<string>();
    const inUse = rejectedResolution(context.environment, context.profiles, null, context.now, context.cache.scan);
    if (inUse) {
      findings.push(rejectedFinding(context, inUse));
      seen.add(inUse.credentials.accessKeyId + inUse.profile);
    }
    for (const profile of context.profiles.profiles) {
      const rejected = rejectedResolution(context.environment, context.profiles, profile.name, context.now, context.cache.scan);
      if (!rejected || seen.has(rejected.credentials.accessKeyId + rejected.profile)) continue;
      seen.add(rejected.credentials.accessKeyId + rejected.profile);
      findings.push(rejectedFinding(context, rejected));
    }
    return findings;
  },
};
