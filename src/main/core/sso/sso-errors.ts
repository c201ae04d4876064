// SSO and SSO-OIDC failures as one line each, with the fix a person can run. Never a token.
import { RefreshError } from '../credentials/credentials';
import { isSsoServiceError } from './sso-port';
import { ssoLoginCommand, type SsoSessionConfig } from './sso-profile-config';

export interface SsoFailureContext {
  platform: NodeJS.Platform;
  session: SsoSessionConfig;
  profile?: string | null;
  accountId?: string;
  roleName?: string;
}

function sessionLabel(session: SsoSessionConfig): string {
  return session.sessionName ? `SSO session "${session.sessionName}"` : `SSO sign-in for ${session.startUrl}`;
}

export function ssoLoginFix(context: Pick<SsoFailureContext, 'platform' | 'session' | 'profile'>): string {
  return ssoLoginCommand(context.platform, { session: context.session.sessionName, profile: context.profile ?? undefined });
}

/** Maps a failure of an SSO call (or anything else) to a RefreshError with its fix. */
export function ssoFailure(error: unknown, context: SsoFailureContext): RefreshError {
  if (error instanceof RefreshError) return error;
  const profile = context.profile ?? null;
  const label = sessionLabel(context.session);
  const login = ssoLoginFix(context);
  if (!isSsoServiceError(error)) {
    return new RefreshError('unknown', `${label}: ${(error as Error)?.name ?? 'error'} while talking to IAM Identity Center`, `Try again; if it persists run \`${login}\``, profile);
  }
  const role = context.roleName && context.accountId ? `role ${context.roleName} in account ${context.accountId}` : 'the role';
  switch (error.code) {
    case 'UnauthorizedException':
    case 'ExpiredTokenException':
      return new RefreshError('expired-source', `IAM Identity Center no longer accepts the token of ${label} (expired or signed out)`, login, profile);
    case 'InvalidGrantException':
      return new RefreshError('expired-source', `${label} has ended: IAM Identity Center refused to renew it (InvalidGrantException)`, login, profile);
    case 'InvalidClientException':
    case 'UnauthorizedClientException':
      return new RefreshError('expired-source', `The client registration of ${label} is no longer valid (${error.code})`, login, profile);
    case 'ForbiddenException':
    case 'AccessDeniedException':
      return new RefreshError('access-denied', `IAM Identity Center gives you no access to ${role} (${error.code})`, `Check sso_account_id and sso_role_name${profile ? ` of profile ${profile}` : ''}; \`rolekeeper sso populate --dry-run${context.session.sessionName ? ` --session ${context.session.sessionName}` : ''}\` lists the roles you have`, profile);
    case 'ResourceNotFoundException':
      return new RefreshError('config', `IAM Identity Center does not know ${role} (ResourceNotFoundException)`, `Check sso_account_id and sso_role_name${profile ? ` of profile ${profile}` : ''}`, profile);
    case 'InvalidRequestException':
    case 'InvalidRequestRegionException':
      return new RefreshError('config', `IAM Identity Center in ${context.session.region} rejected the request for ${context.session.startUrl} (${error.code}): the start URL or sso_region is wrong`, `Check sso_start_url and sso_region${context.session.sessionName ? ` in [sso-session ${context.session.sessionName}]` : ''}, then ${login}`, profile);
    case 'TooManyRequestsException':
    case 'SlowDownException':
      return new RefreshError('throttled', `IAM Identity Center is throttling requests (${error.code})`, 'Wait a minute and try again', profile);
    case 'NetworkError':
      return new RefreshError('network', `Cannot reach IAM Identity Center in ${context.session.region}`, 'Check the network connection (and sso_region); Rolekeeper retries by itself', profile);
    case 'InternalServerException':
      return new RefreshError('server-error', `IAM Identity Center failed (${error.code}${error.status ? `, HTTP ${error.status}` : ''})`, 'Try again in a minute', profile);
    default:
      if (error.status !== null && error.status >= 500) return new RefreshError('server-error', `IAM Identity Center failed (${error.code}, HTTP ${error.status})`, 'Try again in a minute', profile);
      return new RefreshError('unknown', `${error.operation} failed: ${error.code}${error.status ? ` (HTTP ${error.status})` : ''}`, `Try again; if it persists run \`${login}\``, profile);
  }
}
