// Doctor: a profile's mfa_process runs a program that does not exist (the refresh would fail at
// the moment a code is needed).
import { phrase } from '../../../shared/i18n';
import type { Finding } from '../../../shared/profile-summary';
import { wordedText } from '../../../shared/finding-wording';
import type { ResolvedProfile } from '../aws-config/profile-model';
import { missingCredentialProcessProgram } from '../aws-config/credential-process-command';
import type { AwsEnvironment } from '../model/aws-environment';

export const MFA_PROCESS_MISSING_CODE = 'mfa-process-missing';

export function checkMfaProcess(context: { environment: AwsEnvironment }, profile: ResolvedProfile): Finding[] {
  const setting = profile.values.get('mfa_process');
  if (!setting?.value) return [];
  // The same test as for credential_process: a path that is gone, or a bare name not on PATH.
  const missing = missingCredentialProcessProgram(setting.value, context.environment.env, context.environment.platform);
  if (missing === null) return [];
  return [
    {
      code: MFA_PROCESS_MISSING_CODE,
      severity: 'error',
      profile: profile.name,
      file: setting.file,
      line: setting.line,
      ...wordedText(
        phrase('mfa.process.missing', { profile: profile.name, program: missing }),
        phrase('mfa.process.missingFix', { program: missing, file: setting.file, line: setting.line }),
      ),
    },
  ];
}
