// A credential_process whose program is not there.
import { phrase } from '../../../../shared/i18n';
import type { Finding } from '../../../../shared/profile-summary';
import type { ResolvedProfile } from '../../aws-config/profile-model';
import { missingCredentialProcessProgram, rolekeeperProcessProfile } from '../../aws-config/credential-process-command';
import { at, finding, perProfile, steps, type DoctorCheck, type DoctorContext } from '../doctor-context';

/** A credential_process whose program is gone fails on every call, long before any token expires. */
function checkCredentialProcessProgram(context: DoctorContext, profile: ResolvedProfile): Finding[] {
  const setting = profile.values.get('credential_process');
  if (!setting?.value) return [];
  const missing = missingCredentialProcessProgram(setting.value, context.env, context.environment.platform);
  if (missing === null) return [];
  const served = rolekeeperProcessProfile(setting.value);
  const fix = served
    ? steps.run(['rolekeeper', 'setup', 'credential-process', served, '--as', 'NEW_NAME'], phrase('doctor.credentialProcessMissing.rolekeeperFix', { command: context.fix.command((word) => `rolekeeper setup credential-process ${word(served)} --as NEW_NAME`), at: at(setting) }))
    : phrase('doctor.credentialProcessMissing.editFix', { at: at(setting) });
  return [
    finding(
      'credential-process-missing',
      'error',
      phrase('doctor.credentialProcessMissing', { profile: profile.name, at: at(setting), program: missing }),
      fix,
      { profile: profile.name, file: setting.file, line: setting.line },
    ),
  ];
}

export const credentialProcessProgramCheck: DoctorCheck = perProfile('credential-process-program', checkCredentialProcessProgram);
