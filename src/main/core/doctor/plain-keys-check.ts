// Doctor: an IAM user's long-term keys written in a plain file (the file the seed article warns
// about); the repair is `rolekeeper vault move`, which puts them in the OS keychain.
import { phrase } from '../../../shared/i18n';
import type { Finding } from '../../../shared/profile-summary';
import { wordedText } from '../../../shared/finding-wording';
import type { ResolvedProfile } from '../aws-config/profile-model';
import type { FixWriter } from './doctor-fixes';

export const PLAIN_KEYS_CODE = 'keys-in-plain-file';

/** Only an IAM user's keys (AKIA…) count: session keys end by themselves. */
export function checkPlainKeys(context: { fix: FixWriter }, profile: ResolvedProfile): Finding[] {
  if (profile.type !== 'static') return [];
  const keyId = profile.values.get('aws_access_key_id');
  if (!keyId || !keyId.value.startsWith('AKIA')) return [];
  return [
    {
      code: PLAIN_KEYS_CODE,
      severity: 'info',
      profile: profile.name,
      file: keyId.file,
      line: keyId.line,
      ...wordedText(
        phrase('vault.plainKeys', { profile: profile.name, file: keyId.file, line: keyId.line }),
        phrase('vault.plainKeysFix', { command: context.fix.command((word) => `rolekeeper vault move ${word(profile.name)}`) }),
      ),
    },
  ];
}
