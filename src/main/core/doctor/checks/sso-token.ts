// An SSO profile's sign-in token: missing, unreadable or expired.
import { phrase } from '../../../../shared/i18n';
import type { Finding } from '../../../../shared/profile-summary';
import type { ResolvedProfile } from '../../aws-config/profile-model';
import { readSsoTokenForProfile, statusForExpiry } from '../../credentials/credential-state';
import { finding, perProfile, steps, type DoctorCheck, type DoctorContext } from '../doctor-context';

function checkSsoToken(context: DoctorContext, profile: ResolvedProfile): Finding[] {
  if (profile.type !== 'sso') return [];
  const read = readSsoTokenForProfile(context.profiles, profile);
  if (!read) return [];
  const entry = context.cache.mapping.byProfile.get(profile.name);
  const roleUsable = entry ? statusForExpiry(entry.credentials.expiration, context.now, context.leadMs) !== 'expired' : false;
  const session = profile.values.get('sso_session')?.value;
  const login = steps.run(session !== undefined ? ['rolekeeper', 'sso', 'login', '--session', session] : ['rolekeeper', 'sso', 'login', profile.name]);
  if (read.status === 'invalid') {
    return [finding('sso-token-invalid', 'warning', phrase('doctor.profileSays', { profile: profile.name, detail: read.wording }), login, { profile: profile.name, file: read.file })];
  }
  if (read.status === 'missing') {
    if (roleUsable) return [];
    return [
      finding('sso-login-needed', 'info', phrase('doctor.ssoLoginNeeded', { profile: profile.name, file: read.file }), login, {
        profile: profile.name,
      }),
    ];
  }
  const status = statusForExpiry(read.record.expiresAt, context.now, context.leadMs);
  if (status !== 'expired') return [];
  const roleNote = roleUsable && entry
    ? phrase('doctor.ssoTokenExpired.roleNote', { file: entry.file, time: entry.credentials.expiration.toISOString() })
    : '';
  const renewable = read.record.refreshToken !== null;
  const renew = renewable ? phrase('doctor.ssoTokenExpired.renew') : '';
  return [
    finding(
      'sso-token-expired',
      renewable || roleUsable ? 'info' : 'warning',
      phrase('doctor.ssoTokenExpired', { profile: profile.name, time: read.record.expiresAt.toISOString(), file: read.file, roleNote, renew }),
      login,
      { profile: profile.name, file: read.file },
    ),
  ];
}

export const ssoTokenCheck: DoctorCheck = perProfile('sso-token', checkSsoToken);
