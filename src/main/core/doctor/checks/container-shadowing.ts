// The container-credentials variables, and keys or a profile that win over them.
import { phrase } from '../../../../shared/i18n';
import type { Finding } from '../../../../shared/profile-summary';
import type { ResolvedProfile } from '../../aws-config/profile-model';
import { combined, finding, repair, selectedProfileName, steps, type DoctorCheck, type DoctorContext } from '../doctor-context';
import { commandLines } from '../../repair/repair-commands';

function holdsCredentials(profile: ResolvedProfile): boolean {
  // A role fed by the container endpoint itself uses it on purpose.
  if (profile.role.credentialSource?.value === 'EcsContainer') return false;
  return profile.type !== 'none';
}

function checkContainerShadowing(context: DoctorContext): Finding[] {
  const { env, profiles } = context;
  const variable = env.AWS_CONTAINER_CREDENTIALS_FULL_URI
    ? 'AWS_CONTAINER_CREDENTIALS_FULL_URI'
    : env.AWS_CONTAINER_CREDENTIALS_RELATIVE_URI
      ? 'AWS_CONTAINER_CREDENTIALS_RELATIVE_URI'
      : null;
  if (!variable) return [];
  if (env.AWS_ACCESS_KEY_ID && env.AWS_SECRET_ACCESS_KEY) {
    return [
      finding(
        'container-endpoint-shadowed',
        'warning',
        phrase('doctor.containerShadowed.byKeys', { variable }),
        steps.unsetCredentials(),
      ),
    ];
  }
  const selected = selectedProfileName(env);
  const profile = profiles.get(selected.name);
  if (!profile || !holdsCredentials(profile)) return [];
  const credentialLess = profiles.profiles.find((candidate) => candidate.type === 'none' && candidate.name !== 'default');
  const pointElsewhere = credentialLess ? steps.set('AWS_PROFILE', credentialLess.name) : null;
  const firstKey = profile.values.get('aws_access_key_id') ?? profile.role.roleArn ?? profile.definedIn[0];
  const where = firstKey ? `${firstKey.file}:${firstKey.line}` : phrase('doctor.containerShadowed.awsFiles');
  if (selected.variable) {
    return [
      finding(
        'container-endpoint-shadowed',
        'warning',
        phrase('doctor.containerShadowed.bySelected', { variable, selected: selected.variable, name: selected.name, type: profile.type, where }),
        pointElsewhere ?? steps.unset([selected.variable]),
        { profile: selected.name },
      ),
    ];
  }
  const fixText = pointElsewhere
    ? combined(pointElsewhere, repair([], phrase('doctor.containerShadowed.defaultFixOr', { where, command: commandLines(pointElsewhere.steps, context.paste) ?? '' })))
    : repair([], phrase('doctor.containerShadowed.defaultFix', { where }));
  return [
    finding(
      'container-endpoint-shadowed',
      'warning',
      phrase('doctor.containerShadowed.byDefault', { variable, type: profile.type, where }),
      fixText,
      { profile: 'default', file: firstKey?.file, line: firstKey?.line },
    ),
  ];
}

export const containerShadowingCheck: DoctorCheck = { id: 'container-shadowing', run: checkContainerShadowing };
