// An IAM user's long-term keys written in a plain file (the file the seed article warns about);
// the repair is `rolekeeper vault move`, which puts them in the OS keychain.
import { phrase } from '../../../../shared/i18n';
import type { Finding } from '../../../../shared/profile-summary';
import type { ResolvedProfile } from '../../aws-config/profile-model';
import { isRejectedKey } from '../../credentials/rejected-keys';
import { finding, perProfile, steps, type DoctorCheck, type DoctorContext } from '../doctor-context';

export const PLAIN_KEYS_CODE = 'keys-in-plain-file';

/**
 * Only an IAM user's keys (AKIA…) count: session keys end by themselves. Keys STS rejected are
 * not worth a keychain: their finding says how to replace them.
 */
function checkPlainKeys(context: DoctorContext, profile: ResolvedProfile): Finding[] {
  if (profile.type !== 'static') return [];
  const keyId = profile.values.get('aws_access_key_id');
  if (!keyId || !keyId.value.startsWith('AKIA') || isRejectedKey(context.environment, keyId.value)) return [];
  return [
    finding(
      PLAIN_KEYS_CODE,
      'info',
      phrase('vault.plainKeys', { profile: profile.name, file: keyId.file, line: keyId.line }),
      steps.run(['rolekeeper', 'vault', 'move', profile.name], phrase('vault.plainKeysFix')),
      { profile: profile.name, file: keyId.file, line: keyId.line },
    ),
  ];
}

export const plainKeysCheck: DoctorCheck = perProfile('plain-keys', checkPlainKeys);
