// AWS_PROFILE / AWS_DEFAULT_PROFILE naming a profile that does not exist, or disagreeing.
import { phrase } from '../../../../shared/i18n';
import type { Finding } from '../../../../shared/profile-summary';
import type { ProfileSet } from '../../aws-config/profile-model';
import { finding, steps, type DoctorCheck, type DoctorContext } from '../doctor-context';

function similarProfile(profiles: ProfileSet, name: string): string | null {
  const lower = name.toLowerCase();
  return profiles.profiles.find((profile) => profile.name.toLowerCase() === lower)?.name ?? null;
}

function checkProfileVariables(context: DoctorContext): Finding[] {
  const { env, profiles } = context;
  const findings: Finding[] = [];
  const codes: Record<'AWS_PROFILE' | 'AWS_DEFAULT_PROFILE', string> = {
    AWS_PROFILE: 'aws-profile-missing',
    AWS_DEFAULT_PROFILE: 'aws-default-profile-missing',
  };
  for (const variable of ['AWS_PROFILE', 'AWS_DEFAULT_PROFILE'] as const) {
    const name = env[variable];
    // botocore treats a missing `default` as an empty profile, not as an error.
    if (!name || name === 'default' || profiles.get(name)) continue;
    const similar = similarProfile(profiles, name);
    const message = phrase('doctor.profileVariableMissing', {
      variable,
      name,
      config: profiles.paths.configFile,
      credentials: profiles.paths.credentialsFile,
      readers: phrase(variable === 'AWS_PROFILE' ? 'doctor.profileVariableMissing.readersV2' : 'doctor.profileVariableMissing.readersV1'),
      similar: similar ? phrase('doctor.profileVariableMissing.similar', { similar }) : '',
    });
    findings.push(
      finding(codes[variable], 'error', message, similar ? steps.set(variable, similar) : steps.unset([variable]), { profile: name }),
    );
  }
  if (env.AWS_PROFILE && env.AWS_DEFAULT_PROFILE && env.AWS_PROFILE !== env.AWS_DEFAULT_PROFILE) {
    findings.push(
      finding(
        'aws-profile-variables-disagree',
        'warning',
        phrase('doctor.profileVariablesDisagree', { profile: env.AWS_PROFILE, defaultProfile: env.AWS_DEFAULT_PROFILE }),
        steps.unset(['AWS_DEFAULT_PROFILE']),
        { profile: env.AWS_PROFILE },
      ),
    );
  }
  return findings;
}

export const profileVariablesCheck: DoctorCheck = { id: 'profile-variables', run: checkProfileVariables };
