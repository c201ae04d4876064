// A profile's mfa_process runs a program that does not exist (the refresh would fail at the
// moment a code is needed).
import { phrase } from '../../../../shared/i18n';
import type { Finding } from '../../../../shared/profile-summary';
import type { ResolvedProfile } from '../../aws-config/profile-model';
import { missingCredentialProcessProgram } from '../../aws-config/credential-process-command';
import { finding, perProfile, type DoctorCheck, type DoctorContext } from '../doctor-context';

export const MFA_PROCESS_MISSING_CODE = 'mfa-process-missing';

function checkMfaProcess(context: DoctorContext, profile: ResolvedProfile): Finding[] {
  const setting = profile.values.get('mfa_process');
  if (!setting?.value) return [];
  // The same test as for credential_process: a path that is gone, or a bare name not on PATH.
  const missing = missingCredentialProcessProgram(setting.value, context.env, context.environment.platform);
  if (missing === null) return [];
  return [
    finding(
      MFA_PROCESS_MISSING_CODE,
      'error',
      phrase('mfa.process.missing', { profile: profile.name, program: missing }),
      phrase('mfa.process.missingFix', { program: missing, file: setting.file, line: setting.line }),
      { profile: profile.name, file: setting.file, line: setting.line },
    ),
  ];
}

export const mfaProcessCheck: DoctorCheck = perProfile('mfa-process', checkMfaProcess);
