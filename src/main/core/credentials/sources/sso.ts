// An IAM Identity Center (SSO) profile: role credentials from GetRoleCredentials with the sign-in's
// access token, renewed silently with its refresh token while the sign-in lasts.
import { phrase } from '../../../../shared/i18n';
import { RefreshError } from '../../model/credentials';
import { ssoRoleCredentials } from '../../sso/sso-role-credentials';
import { firstLayer, type CredentialSource } from './credential-source';

const USABLE = new Set(['valid', 'expiring']);

export const sso = {
  type: 'sso',
  recognise: (values) => values.has('sso_account_id') || values.has('sso_role_name'),
  async obtain(profile, { request }) {
    if (!request.sso) {
      throw RefreshError.worded('config', phrase('engine.noSsoClient', { profile: profile.name }), phrase('engine.noSsoClientFix'), profile.name);
    }
    const obtained = await ssoRoleCredentials(profile, request.profiles, {
      ssoCacheDir: request.profiles.paths.ssoCacheDir,
      sso: request.sso,
      env: request.environment.env,
      platform: request.environment.platform,
      now: request.now ?? Date.now,
    });
    const notices = obtained.tokenRenewed ? [phrase('engine.notice.ssoRenewed', { session: String(obtained.config.sessionName) })] : [];
    return { credentials: obtained.credentials, assumedRole: null, ssoRole: obtained.config, notices };
  },
  refreshedWith: 'sso',
  status(layers) {
    const roleCredentials = firstLayer(layers, 'cli-cache');
    if (roleCredentials && USABLE.has(roleCredentials.status)) return roleCredentials;
    return firstLayer(layers, 'sso-token') ?? roleCredentials;
  },
  actions: ['refresh', 'sign-in'],
} as const satisfies CredentialSource<'sso'>;
