// Session keys pasted into the AWS files (or written there by Rolekeeper): expired, expiring, no expiry.
import { maskSecret } from '../../../../shared/mask';
import { isoSeconds } from '../../../../shared/duration';
import { phrase, type Phrase } from '../../../../shared/i18n';
import type { Finding } from '../../../../shared/profile-summary';
import type { ConfigValue, ProfileSet, ResolvedProfile } from '../../aws-config/profile-model';
import { statusForExpiry } from '../../credentials/credential-state';
import { sessionKeyExpiry, sessionTokenOf } from '../../credentials/profile-keys';
import { at, finding, perProfile, quoteList, steps, type DoctorCheck, type DoctorContext, type Repair } from '../doctor-context';

function dependents(profiles: ProfileSet, name: string): string[] {
  return profiles.profiles.filter((profile) => profile.sourceChain.includes(name)).map((profile) => profile.name);
}

function keyLines(profile: ResolvedProfile): Phrase {
  const lines = ['aws_access_key_id', 'aws_secret_access_key', 'aws_session_token', 'aws_security_token']
    .map((key) => profile.values.get(key))
    .filter((value): value is ConfigValue => value !== undefined);
  const file = lines[0]?.file ?? '';
  const sameFile = lines.filter((value) => value.file === file).map((value) => value.line);
  return phrase(sameFile.length === 1 ? 'doctor.keyLines.one' : 'doctor.keyLines.other', { file, lines: sameFile.join(', ') });
}

/** The profile a `manage` fix can take as source: the only one with long-term keys, or `default` among several. */
function guessLongTermSource(profiles: ProfileSet, except: string): string | null {
  const candidates = profiles.profiles.filter((candidate) => candidate.name !== except && candidate.type === 'static');
  if (candidates.length === 1) return candidates[0].name;
  return candidates.find((candidate) => candidate.name === 'default')?.name ?? null;
}

/**
 * Deleting pasted keys leaves the profile with nothing; `rolekeeper manage` renews them where they
 * stand, so it comes first whenever a source profile can be guessed.
 */
function renewPastedKeysFix(context: DoctorContext, profile: ResolvedProfile): Repair {
  const source = guessLongTermSource(context.profiles, profile.name);
  const lines = keyLines(profile);
  if (!source) {
    const argv = ['rolekeeper', 'manage', profile.name, '--role-arn', 'arn:aws:iam::ACCOUNT:role/NAME', '--source-profile', 'PROFILE_WITH_KEYS'];
    return steps.run(argv, phrase('doctor.sessionKeys.pasteFix', { lines }));
  }
  const argv = ['rolekeeper', 'manage', profile.name, '--role-arn', 'arn:aws:iam::ACCOUNT:role/NAME', '--source-profile', source];
  return steps.run(argv, phrase('doctor.sessionKeys.renewFix', { source, lines }));
}

function checkSessionKeys(context: DoctorContext, profile: ResolvedProfile): Finding[] {
  const keyId = profile.values.get('aws_access_key_id');
  if (!keyId?.value || sessionTokenOf(profile) === undefined) return [];
  const managed = context.managed.has(profile.name);
  const users = dependents(context.profiles, profile.name);
  const usedBy = users.length > 0 ? phrase(users.length === 1 ? 'doctor.usedBy.one' : 'doctor.usedBy.other', { profiles: quoteList(users) }) : '';
  const replace = managed
    ? steps.refresh(profile.name)
    : renewPastedKeysFix(context, profile);
  const expiry = sessionKeyExpiry(profile);
  if (!expiry) {
    return [
      finding(
        'session-keys-expiry-unknown',
        'info',
        phrase('doctor.sessionKeys.expiryUnknown', { profile: profile.name, key: maskSecret(keyId.value), at: at(keyId), usedBy }),
        phrase('doctor.sessionKeys.expiryUnknownFix', { file: keyId.file }),
        { profile: profile.name, file: keyId.file, line: keyId.line },
      ),
    ];
  }
  const location = { profile: profile.name, file: expiry.setting.file, line: expiry.setting.line };
  if (!expiry.expiresAt) {
    return [
      finding(
        'session-keys-expiry-unreadable',
        'warning',
        phrase('doctor.sessionKeys.expiryUnreadable', { profile: profile.name, setting: expiry.key, at: at(expiry.setting) }),
        phrase('doctor.sessionKeys.expiryUnreadableFix', { at: at(expiry.setting) }),
        location,
      ),
    ];
  }
  const status = statusForExpiry(expiry.expiresAt, context.now, context.leadMs);
  const sessionKeyWords = { profile: profile.name, key: maskSecret(keyId.value), time: isoSeconds(expiry.expiresAt), setting: expiry.key, at: at(expiry.setting) };
  if (status === 'expired') {
    return [
      finding(
        'session-keys-expired',
        'error',
        phrase('doctor.sessionKeys.expired', { ...sessionKeyWords, usedBy }),
        replace,
        location,
      ),
    ];
  }
  if (status === 'expiring') {
    return [
      finding(
        'session-keys-expiring',
        'warning',
        phrase('doctor.sessionKeys.expiring', { ...sessionKeyWords, usedBy }),
        replace,
        location,
      ),
    ];
  }
  return [];
}

export const sessionKeysCheck: DoctorCheck = perProfile('session-keys', checkSessionKeys);
