// SSO and SSO-OIDC failures as one line each, with the fix a person can run. Never a token.
import { RefreshError, type FailureKind } from '../model/credentials';
import { phrase, type Phrase } from '../../../shared/i18n';
import { isSsoServiceError } from './sso-port';
import { FileLockForeignError, FileLockTimeoutError } from '../files/file-lock';
import { ssoLoginCommand, type SsoSessionConfig } from './sso-profile-config';

export interface SsoFailureContext {
  platform: NodeJS.Platform;
  session: SsoSessionConfig;
  profile?: string | null;
  accountId?: string;
  roleName?: string;
}

/** `SSO session "NAME"`, or the sign-in of a legacy start URL. */
export function ssoSessionLabel(session: SsoSessionConfig): Phrase {
  return session.sessionName ? phrase('sso.label.session', { session: session.sessionName }) : phrase('sso.label.startUrl', { startUrl: session.startUrl });
}

export function ssoLoginFix(context: Pick<SsoFailureContext, 'platform' | 'session' | 'profile'>): string {
  return ssoLoginCommand(context.platform, { session: context.session.sessionName, profile: context.profile ?? undefined });
}

/** Maps a failure of an SSO call (or anything else) to a RefreshError with its fix. */
export function ssoFailure(error: unknown, context: SsoFailureContext): RefreshError {
  if (error instanceof RefreshError) return error;
  const profile = context.profile ?? null;
  const label = ssoSessionLabel(context.session);
  const login = ssoLoginFix(context);
  const fail = (kind: FailureKind, message: Phrase, fix: Phrase | string) => RefreshError.worded(kind, message, fix, profile);
  // A local file's lock, not IAM Identity Center: its own words, naming the lock and how to clear it.
  if (error instanceof FileLockForeignError || error instanceof FileLockTimeoutError) return fail('unknown', error.wording, error.fix);
  if (!isSsoServiceError(error)) {
    return fail('unknown', phrase('sso.failed.other', { label, name: (error as Error)?.name ?? 'error' }), phrase('sso.fix.retryOrLogin', { command: login }));
  }
  const role = context.roleName && context.accountId ? phrase('sso.role', { role: context.roleName, account: context.accountId }) : phrase('sso.theRole');
  const ofProfile = profile ? phrase('sso.ofProfile', { profile }) : '';
  switch (error.code) {
    case 'UnauthorizedException':
    case 'ExpiredTokenException':
      return fail('expired-source', phrase('sso.failed.tokenRefused', { label }), login);
    case 'InvalidGrantException':
      return fail('expired-source', phrase('sso.failed.ended', { label }), login);
    case 'InvalidClientException':
    case 'UnauthorizedClientException':
      return fail('expired-source', phrase('sso.failed.clientInvalid', { label, code: error.code }), login);
    case 'ForbiddenException':
    case 'AccessDeniedException':
      return fail('access-denied', phrase('sso.failed.noAccess', { role, code: error.code }), phrase('sso.fix.checkRoleList', {
        profile: ofProfile,
        command: `rolekeeper sso populate --dry-run${context.session.sessionName ? ` --session ${context.session.sessionName}` : ''}`,
      }));
    case 'ResourceNotFoundException':
      return fail('config', phrase('sso.failed.unknownRole', { role }), phrase('sso.fix.checkRole', { profile: ofProfile }));
    case 'InvalidRequestException':
    case 'InvalidRequestRegionException':
      return fail('config', phrase('sso.failed.badRequest', { region: context.session.region, startUrl: context.session.startUrl, code: error.code }), phrase('sso.fix.checkStartUrl', {
        section: context.session.sessionName ? phrase('sso.fix.checkStartUrl.in', { session: context.session.sessionName }) : '',
        command: login,
      }));
    case 'TooManyRequestsException':
    case 'SlowDownException':
      return fail('throttled', phrase('sso.failed.throttled', { code: error.code }), phrase('sso.fix.waitMinute'));
    case 'NetworkError':
      return fail('network', phrase('sso.failed.unreachable', { region: context.session.region }), phrase('sso.fix.network'));
    case 'InternalServerException':
      return fail('server-error', phrase('sso.failed.server', { detail: `${error.code}${error.status ? `, HTTP ${error.status}` : ''}` }), phrase('sso.fix.laterMinute'));
    default:
      if (error.status !== null && error.status >= 500) return fail('server-error', phrase('sso.failed.server', { detail: `${error.code}, HTTP ${error.status}` }), phrase('sso.fix.laterMinute'));
      return fail('unknown', phrase('sso.failed.call', { operation: error.operation, code: `${error.code}${error.status ? ` (HTTP ${error.status})` : ''}` }), phrase('sso.fix.retryOrLogin', { command: login }));
  }
}
