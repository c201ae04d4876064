// A stale AWS_SECURITY_TOKEN: botocore sends it before AWS_SESSION_TOKEN.
import { phrase } from '../../../../shared/i18n';
import type { Finding } from '../../../../shared/profile-summary';
import { finding, steps, type DoctorCheck, type DoctorContext } from '../doctor-context';

function checkSecurityToken(context: DoctorContext): Finding[] {
  const { env } = context;
  if (!env.AWS_SECURITY_TOKEN || env.AWS_SECURITY_TOKEN === env.AWS_SESSION_TOKEN) return [];
  const withKeys = Boolean(env.AWS_ACCESS_KEY_ID && env.AWS_SECRET_ACCESS_KEY);
  const which = phrase(env.AWS_SESSION_TOKEN ? 'doctor.securityTokenStale.differs' : 'doctor.securityTokenStale.alone');
  return [
    finding(
      'env-security-token-stale',
      withKeys ? 'warning' : 'info',
      phrase('doctor.securityTokenStale', { which }),
      steps.unset(['AWS_SECURITY_TOKEN']),
    ),
  ];
}

export const securityTokenCheck: DoctorCheck = { id: 'security-token', run: checkSecurityToken };
