// The SSO access token of a session, renewed with the refresh token the way botocore's
// SSOTokenProvider does: when fewer than 15 minutes remain, only for sso-session sign-ins with a
// refresh token, client id/secret and an unexpired registration; the renewed token is written back
// to the file the AWS CLI reads. Legacy (start-URL) tokens are never renewed.
import type { EnvVars } from '../aws-config/aws-environment';
import { RefreshError } from '../credentials/credentials';
import { ssoFailure, ssoLoginFix } from './sso-errors';
import type { SsoPort } from './sso-port';
import type { SsoSessionConfig } from './sso-profile-config';
import { readSsoTokenFile, updateSsoTokenFile, type SsoTokenFileRead, type SsoTokenRecord } from './sso-token-file';

/** botocore tokens.py `_REFRESH_WINDOW`: renew when fewer than this many ms remain. */
export const SSO_TOKEN_REFRESH_WINDOW_MS = 15 * 60_000;

export interface SsoTokenDeps {
  ssoCacheDir: string;
  sso: SsoPort;
  env: EnvVars;
  platform: NodeJS.Platform;
  now: () => number;
}

export interface SsoAccessToken {
  /** Secret: pass it to the SSO port, never print it. */
  accessToken: string;
  expiresAt: Date;
  /** A renewal wrote a new token to the file. */
  renewed: boolean;
  /** A renewal was tried and refused or failed while the old token still works (botocore keeps it). */
  renewalError?: RefreshError;
}

export function tokenSourceOf(session: SsoSessionConfig): { ssoSession: string | null; startUrl: string } {
  return { ssoSession: session.sessionName, startUrl: session.startUrl };
}

/** Why a token cannot be renewed silently; null when it can. */
export function whyNotRenewable(session: SsoSessionConfig, record: SsoTokenRecord, now: number): string | null {
  if (session.sessionName === null) return 'legacy sso_start_url sign-ins are never renewed (use an [sso-session])';
  if (!record.refreshToken) return 'the token has no refresh token';
  if (!record.clientId || !record.clientSecret || !record.registrationExpiresAt) return 'the token lacks its client registration';
  if (record.registrationExpiresAt.getTime() <= now) return `the client registration ended at ${record.registrationExpiresAt.toISOString()}`;
  return null;
}

function label(session: SsoSessionConfig): string {
  return session.sessionName ? `SSO session "${session.sessionName}"` : `SSO sign-in for ${session.startUrl}`;
}

function unusable(read: Exclude<SsoTokenFileRead, { status: 'ok' }>, session: SsoSessionConfig, deps: SsoTokenDeps, profile: string | null): RefreshError {
  const fix = ssoLoginFix({ platform: deps.platform, session, profile });
  return read.status === 'missing'
    ? new RefreshError('expired-source', `No SSO token for ${label(session)} (${read.file} does not exist)`, fix, profile)
    : new RefreshError('expired-source', `The SSO token of ${label(session)} is unusable: ${read.message}`, fix, profile);
}

/**
 * The session's access token, renewed first when inside the window. A failed renewal keeps a
 * still-valid token (as botocore does); an expired one is an error naming why it could not renew.
 */
export async function ssoAccessToken(session: SsoSessionConfig, deps: SsoTokenDeps, profile: string | null = null, options: { force?: boolean } = {}): Promise<SsoAccessToken> {
  const source = tokenSourceOf(session);
  const first = readSsoTokenFile(deps.ssoCacheDir, source);
  if (first.status !== 'ok') throw unusable(first, session, deps, profile);
  const needsRenewal = (record: SsoTokenRecord): boolean => options.force === true || record.expiresAt.getTime() - deps.now() < SSO_TOKEN_REFRESH_WINDOW_MS;
  if (!needsRenewal(first.record)) return { accessToken: first.record.accessToken, expiresAt: first.record.expiresAt, renewed: false };
  if (whyNotRenewable(session, first.record, deps.now()) !== null) return usableOrExpired(first.record, session, deps, profile, whyNotRenewable(session, first.record, deps.now()));

  return updateSsoTokenFile(deps.ssoCacheDir, source, async (current) => {
    if (current.status !== 'ok') throw unusable(current, session, deps, profile);
    const record = current.record;
    // Another process (the AWS CLI, another Rolekeeper) may have renewed it while we waited.
    if (!needsRenewal(record) || (options.force && record.accessToken !== first.record.accessToken)) {
      return { write: null, result: { accessToken: record.accessToken, expiresAt: record.expiresAt, renewed: false } };
    }
    const reason = whyNotRenewable(session, record, deps.now());
    if (reason !== null) return { write: null, result: usableOrExpired(record, session, deps, profile, reason) };
    let issued;
    try {
      issued = await deps.sso.createToken({
        region: session.region,
        env: deps.env,
        clientId: record.clientId as string,
        clientSecret: record.clientSecret as string,
        grantType: 'refresh_token',
        refreshToken: record.refreshToken as string,
      });
    } catch (error) {
      // botocore keeps a still-valid token when the renewal fails; only an expired one is an error.
      if (record.expiresAt.getTime() > deps.now()) {
        const renewalError = ssoFailure(error, { platform: deps.platform, session, profile });
        return { write: null, result: { accessToken: record.accessToken, expiresAt: record.expiresAt, renewed: false, renewalError } };
      }
      throw ssoFailure(error, { platform: deps.platform, session, profile });
    }
    const renewed: SsoTokenRecord = {
      // botocore builds a new record: start URL and region from the configuration.
      startUrl: session.startUrl,
      region: session.region,
      accessToken: issued.accessToken,
      expiresAt: new Date(Math.floor(deps.now() / 1000) * 1000 + issued.expiresInSeconds * 1000),
      clientId: record.clientId,
      clientSecret: record.clientSecret,
      registrationExpiresAt: record.registrationExpiresAt,
      refreshToken: issued.refreshToken ?? null,
    };
    return { write: renewed, result: { accessToken: renewed.accessToken, expiresAt: renewed.expiresAt, renewed: true } };
  });
}

function usableOrExpired(record: SsoTokenRecord, session: SsoSessionConfig, deps: SsoTokenDeps, profile: string | null, reason: string | null): SsoAccessToken {
  if (record.expiresAt.getTime() > deps.now()) return { accessToken: record.accessToken, expiresAt: record.expiresAt, renewed: false };
  throw new RefreshError(
    'expired-source',
    `The SSO token of ${label(session)} expired at ${record.expiresAt.toISOString()}${reason ? ` and cannot be renewed: ${reason}` : ''}`,
    ssoLoginFix({ platform: deps.platform, session, profile }),
    profile,
  );
}
