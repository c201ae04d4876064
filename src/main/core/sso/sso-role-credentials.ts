// Role credentials of an SSO profile: the session's access token (renewed when due), then
// GetRoleCredentials for sso_account_id / sso_role_name — what botocore's SSOCredentialFetcher does.
import type { ProfileSet, ResolvedProfile } from '../aws-config/profile-model';
import type { AwsCredentials } from '../model/credentials';
import { ssoFailure } from './sso-errors';
import { ssoProfileConfig, type SsoProfileConfig } from './sso-profile-config';
import { ssoAccessToken, type SsoTokenDeps } from './sso-token-provider';

export interface SsoRoleCredentials {
  credentials: AwsCredentials & { expiration: Date };
  config: SsoProfileConfig;
  tokenRenewed: boolean;
}

export async function ssoRoleCredentials(profile: ResolvedProfile, profiles: ProfileSet, deps: SsoTokenDeps): Promise<SsoRoleCredentials> {
  const config = ssoProfileConfig(profile, profiles);
  const token = await ssoAccessToken(config, deps, profile.name);
  try {
    const credentials = await deps.sso.getRoleCredentials({
      region: config.region,
      env: deps.env,
      accessToken: token.accessToken,
      accountId: config.accountId,
      roleName: config.roleName,
    });
    return { credentials, config, tokenRenewed: token.renewed };
  } catch (error) {
    throw ssoFailure(error, { platform: deps.platform, session: config, profile: profile.name, accountId: config.accountId, roleName: config.roleName });
  }
}
