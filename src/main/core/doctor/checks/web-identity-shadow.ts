// Web-identity variables (AWS_ROLE_ARN, AWS_WEB_IDENTITY_TOKEN_FILE) left in a shell: botocore's
// web-identity provider comes right after the assume-role one, so a shell that still holds them
// (from a CI job or an EKS pod's setup) runs every profile with SSO, keys, a credential_process or
// Rolekeeper's endpoint as the web-identity role instead.
import { phrase } from '../../../../shared/i18n';
import type { Finding, ProfileType } from '../../../../shared/profile-summary';
import { WEB_IDENTITY_VARIABLES } from '../../credentials/env-export';
import { finding, steps, type DoctorCheck, type DoctorContext } from '../doctor-context';

/** Profile types whose provider comes after web identity in botocore's chain (assume-role comes before it). */
const SHADOWED_TYPES: ReadonlySet<ProfileType> = new Set(['static', 'session', 'sso', 'process', 'none']);

function checkWebIdentityShadow(context: DoctorContext): Finding[] {
  const { env } = context;
  // botocore takes the token file from the environment first, and the role from it or the profile.
  if (!env.AWS_WEB_IDENTITY_TOKEN_FILE) return [];
  const explicit = env.AWS_PROFILE || env.AWS_DEFAULT_PROFILE;
  // Without a selected profile, keys in the environment come first and win.
  if (!explicit && env.AWS_ACCESS_KEY_ID && env.AWS_SECRET_ACCESS_KEY) return [];
  const name = explicit || 'default';
  const profile = context.profiles.get(name);
  const endpoint = env.AWS_CONTAINER_CREDENTIALS_FULL_URI || env.AWS_CONTAINER_CREDENTIALS_RELATIVE_URI;
  if (profile !== undefined && !SHADOWED_TYPES.has(profile.type)) return [];
  // No such profile and no endpoint: web identity is all there is, as in a CI job or a pod.
  if (profile === undefined && !endpoint) return [];
  const set = WEB_IDENTITY_VARIABLES.filter((variable) => env[variable] !== undefined);
  const message =
    profile === undefined || profile.type === 'none'
      ? phrase('doctor.webIdentityShadow.endpoint', { variables: set.join(', '), name })
      : phrase('doctor.webIdentityShadow.profile', { variables: set.join(', '), name, type: profile.type });
  return [finding('web-identity-shadows-profile', 'error', message, steps.unset(set), { profile: name })];
}

export const webIdentityShadowCheck: DoctorCheck = { id: 'web-identity-shadow', run: checkWebIdentityShadow };
