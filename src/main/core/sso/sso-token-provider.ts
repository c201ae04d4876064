// The SSO access token of a session, renewed with the refresh token the way botocore's
// SSOTokenProvider does: when fewer than 15 minutes remain, only for sso-session sign-ins with a
// refresh token, client id/secret and an unexpired registration; the renewed token is written back
// to the file the AWS CLI reads. Legacy (start-URL) tokens are never renewed.
import type { EnvVars } from '../model/aws-environment';
import { RefreshError } from '../model/credentials';
import { phrase, type Phrase } from '../../../shared/i18n';
import { ssoFailure, ssoLoginFix, ssoSessionLabel } from './sso-errors';
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

/** Why a token cannot be renewed silently (a clause each front end words); null when it can. */
export function whyNotRenewable(session: SsoSessionConfig, record: SsoTokenRecord, now: number): Phrase | null {
  if (session.sessionName === null) return phrase('sso.renew.legacy');
  if (!record.refreshToken) return phrase('sso.renew.noRefreshToken');
  if (!record.clientId || !record.clientSecret || !record.registrationExpiresAt) return phrase('sso.renew.noRegistration');
  if (record.registrationExpiresAt.getTime() <= now) return phrase('sso.renew.registrationEnded', { time: record.registrationExpiresAt.toISOString() });
  return null;
}

function unusable(read: Exclude<SsoTokenFileRead, { status: 'ok' }>, session: SsoSessionConfig, deps: SsoTokenDeps, profile: string | null): RefreshError {
  const fix = ssoLoginFix({ platform: deps.platform, session, profile });
  const label = ssoSessionLabel(session);
  return read.status === 'missing'
    ? RefreshError.worded('expired-source', phrase('sso.token.missing', { label, file: read.file }), fix, profile)
    : RefreshError.worded('expired-source', phrase('sso.token.unusable', { label, reason: read.wording }), fix, profile);
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
  const why = whyNotRenewable(session, first.record, deps.now());
  if (why !== null) return usableOrExpired(first.record, session, deps, profile, why);

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

function usableOrExpired(record: SsoTokenRecord, session: SsoSessionConfig, deps: SsoTokenDeps, profile: string | null, reason: Phrase | null): SsoAccessToken {
  if (record.expiresAt.getTime() > deps.now()) return { accessToken: record.accessToken, expiresAt: record.expiresAt, renewed: false };
  throw RefreshError.worded(
    'expired-source',
    phrase('sso.token.expired', { label: ssoSessionLabel(session), time: record.expiresAt.toISOString(), why: reason ? phrase('sso.token.expired.why', { reason }) : '' }),
    ssoLoginFix({ platform: deps.platform, session, profile }),
    profile,
  );
}
