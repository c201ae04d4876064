// The engine's STS calls: AssumeRole, GetSessionToken, GetCallerIdentity, and a clock check.
// Every call takes explicit credentials, region and environment; failures come out as
// RefreshError with a fix; a clock-skew rejection is retried once with the corrected clock.
import * as os from 'node:os';
import type { EnvVars } from '../model/aws-environment';
import { clockOffsetWords, clockSkewReport, clockSkewSeverity, clockSkewWords, type ClockSkewReport } from './clock-skew';
import { phrase, type Phrase } from '../../../shared/i18n';
import { RefreshError, type AwsCredentials } from '../model/credentials';
import { createStsClient, loadStsSdk, type StsCallOptions, type StsConnection, type StsProfileSettings } from './sts-client-factory';
import { classifyStsError, type StsErrorContext } from './sts-errors';
import { isoSeconds } from '../../../shared/duration';

/** AWS caps sessions of roles assumed with role (or session-token) credentials at one hour. */
export const CHAINED_SESSION_MAX_SECONDS = 3600;
export const DEFAULT_SESSION_TOKEN_SECONDS = 43_200;

/** Inputs every call shares. */
export interface StsCallContext extends StsCallOptions {
  region?: string | null;
  env: EnvVars;
  profileValues?: StsProfileSettings;
  /** The profile being refreshed and the profile whose credentials call STS, for messages. */
  profile?: string | null;
  sourceProfile?: string | null;
}

export interface AssumeRoleInput extends StsCallContext {
  sourceCredentials: AwsCredentials;
  roleArn: string;
  roleSessionName?: string | null;
  externalId?: string | null;
  durationSeconds?: number | null;
  mfaSerial?: string | null;
  mfaCode?: string | null;
  /**
   * The source credentials are themselves temporary (a role, or an MFA session from
   * GetSessionToken), so AWS caps the session at 1 hour. Default: true when they carry a
   * session token.
   */
  chained?: boolean;
  /** For the default session name; default Date.now. */
  now?: () => number;
  /** For the default session name; default $USER / %USERNAME% / the OS account. */
  userName?: string;
}

/** The STS answer in the shape the AWS CLI keeps in ~/.aws/cli/cache (Expiration as a string). */
export interface AssumeRoleCacheResponse {
  Credentials: {
    AccessKeyId: string;
    SecretAccessKey: string;
    SessionToken: string;
    /** RFC 3339 UTC with a `Z`, as STS sends it: "2024-05-06T07:08:09Z". */
    Expiration: string;
    AccountId?: string;
  };
  AssumedRoleUser: { AssumedRoleId: string; Arn: string };
  PackedPolicySize?: number;
  SourceIdentity?: string;
  ResponseMetadata: { RequestId?: string; HTTPStatusCode: number; RetryAttempts: number };
}

export interface AssumeRoleResult {
  credentials: AwsCredentials & { sessionToken: string; expiration: Date };
  assumedRoleUser: { arn: string; assumedRoleId: string };
  roleSessionName: string;
  /** What was sent as DurationSeconds (undefined: STS's default of 3600). */
  durationSeconds: number | undefined;
  /** Things to tell the person, e.g. that role chaining capped the duration. */
  notices: Phrase[];
  response: AssumeRoleCacheResponse;
}

export interface GetSessionTokenInput extends StsCallContext {
  sourceCredentials: AwsCredentials;
  /** Default 43200 (12 h). */
  durationSeconds?: number | null;
  mfaSerial?: string | null;
  mfaCode?: string | null;
}

export interface SessionTokenResult {
  credentials: AwsCredentials & { sessionToken: string; expiration: Date };
  durationSeconds: number;
}

export interface CallerIdentity {
  account: string;
  arn: string;
  userId: string;
}

export interface EffectiveDuration {
  durationSeconds: number | undefined;
  capped: boolean;
  notice: Phrase | null;
}

/** Caps a chained session at 1 hour, saying so; undefined stays undefined (STS default 3600). */
export function effectiveDuration(requested: number | null | undefined, options: { chained: boolean }): EffectiveDuration {
  if (requested === null || requested === undefined) return { durationSeconds: undefined, capped: false, notice: null };
  if (options.chained && requested > CHAINED_SESSION_MAX_SECONDS) {
    return {
      durationSeconds: CHAINED_SESSION_MAX_SECONDS,
      capped: true,
      notice: phrase('engine.notice.chainingCap', { requested, max: CHAINED_SESSION_MAX_SECONDS }),
    };
  }
  return { durationSeconds: requested, capped: false, notice: null };
}

const SESSION_NAME_MAX = 64;

/** Replaces what STS's RoleSessionName pattern [\w+=,.@-] forbids, and keeps within 64 characters. */
export function sanitizeRoleSessionName(name: string): string {
  const cleaned = name.replace(/[^\w+=,.@-]/g, '-').slice(0, SESSION_NAME_MAX);
  return cleaned.length >= 2 ? cleaned : `${cleaned}--`.slice(0, 2);
}

function osUserName(env: EnvVars): string {
  const fromEnv = env.USER ?? env.USERNAME ?? env.LOGNAME;
  if (fromEnv) return fromEnv;
  try {
    return os.userInfo().username;
  } catch {
    return 'user';
  }
}

/** `rolekeeper-<user>-<unix seconds>`; a long user name is shortened, the time always kept. */
export function defaultRoleSessionName(options: { env: EnvVars; now?: () => number; userName?: string }): string {
  const seconds = Math.floor((options.now ?? Date.now)() / 1000);
  const suffix = `-${seconds}`;
  const prefix = 'rolekeeper-';
  const user = (options.userName ?? osUserName(options.env)).replace(/[^\w+=,.@-]/g, '-');
  const room = SESSION_NAME_MAX - prefix.length - suffix.length;
  return sanitizeRoleSessionName(`${prefix}${user.slice(0, room) || 'user'}${suffix}`);
}

/** The account of an ARN: arn:partition:service:region:ACCOUNT:resource. */
export function accountIdFromArn(arn: string): string | undefined {
  const account = arn.split(':')[4];
  return account && /^\d{12}$/.test(account) ? account : undefined;
}

function secretsOf(credentials: AwsCredentials | undefined, mfaCode?: string | null): string[] {
  return [credentials?.secretAccessKey, credentials?.sessionToken, mfaCode ?? undefined].filter(
    (value): value is string => typeof value === 'string' && value.length > 0,
  );
}

function requireMfaCode(mfaSerial: string | null | undefined, mfaCode: string | null | undefined, profile: string | null | undefined): void {
  if (!mfaSerial) return;
  if (!mfaCode) {
    throw RefreshError.worded(
      'mfa-required',
      profile ? phrase('engine.mfa.needed', { profile, serial: mfaSerial }) : phrase('engine.mfa.neededNoProfile', { serial: mfaSerial }),
      phrase('engine.mfa.neededFix', { serial: mfaSerial }),
      profile ?? null,
    );
  }
  if (!/^\d{6}$/.test(mfaCode)) {
    throw RefreshError.worded('mfa-invalid', phrase('engine.mfa.notSixDigits', { serial: mfaSerial }), phrase('engine.mfa.notSixDigitsFix', { serial: mfaSerial }), profile ?? null);
  }
}

/** Runs one STS call; classifies a failure; after a clock-skew rejection, corrects the clock and tries once more. */
async function callSts<T>(
  connection: StsConnection,
  context: Omit<StsErrorContext, 'clockSample' | 'region' | 'endpoint'>,
  send: () => Promise<T>,
): Promise<T> {
  const fullContext = (): StsErrorContext => ({
    ...context,
    region: connection.region,
    endpoint: connection.endpoint,
    clockSample: connection.lastClockSample(),
  });
  try {
    return await send();
  } catch (error) {
    const classified = classifyStsError(error, fullContext());
    const sample = connection.lastClockSample();
    if (classified.kind !== 'clock-skew' || !sample) throw classified;
    connection.setClockOffset(sample.offsetMs);
    try {
      return await send();
    } catch (again) {
      throw classifyStsError(again, fullContext());
    }
  } finally {
    connection.client.destroy();
  }
}

/** A warning when the local clock is over a minute off STS's, or had to be corrected for signing. */
function clockNotice(connection: StsConnection): Phrase | null {
  // Set by the SDK after a skew rejection (or any answer over 5 min off), and by callSts's retry.
  const corrected = connection.client.config.systemClockOffset ?? 0;
  if (clockSkewSeverity(corrected) !== 'ok') return phrase('engine.notice.clockCorrected', clockOffsetWords(corrected));
  const sample = connection.lastClockSample();
  const report = sample ? clockSkewReport(sample) : null;
  return report && report.severity !== 'ok' ? clockSkewWords(report.severity, report.offsetMs) : null;
}

/** The notices of one call as one sentence, as they were always shown together. */
function noticesOf(...said: Array<Phrase | null>): Phrase[] {
  const [first, second] = said.filter((notice): notice is Phrase => notice !== null);
  if (!first) return [];
  return second ? [phrase('engine.notice.pair', { first, second })] : [first];
}

function completeCredentials(
  raw: { AccessKeyId?: string; SecretAccessKey?: string; SessionToken?: string; Expiration?: Date } | undefined,
  operation: string,
): { AccessKeyId: string; SecretAccessKey: string; SessionToken: string; Expiration: Date } {
  if (!raw?.AccessKeyId || !raw.SecretAccessKey || !raw.SessionToken || !(raw.Expiration instanceof Date)) {
    throw RefreshError.worded('server-error', phrase('engine.sts.incomplete', { operation }), phrase('engine.sts.incompleteFix'));
  }
  return { AccessKeyId: raw.AccessKeyId, SecretAccessKey: raw.SecretAccessKey, SessionToken: raw.SessionToken, Expiration: raw.Expiration };
}

export async function assumeRole(input: AssumeRoleInput): Promise<AssumeRoleResult> {
  requireMfaCode(input.mfaSerial, input.mfaCode, input.profile);
  const chained = input.chained ?? Boolean(input.sourceCredentials.sessionToken);
  const duration = effectiveDuration(input.durationSeconds, { chained });
  const roleSessionName = input.roleSessionName
    ? input.roleSessionName
    : defaultRoleSessionName({ env: input.env, now: input.now, userName: input.userName });
  const connection = createStsClient({ ...input, credentials: input.sourceCredentials });
  const output = await callSts(
    connection,
    {
      operation: 'AssumeRole',
      profile: input.profile,
      roleArn: input.roleArn,
      sourceProfile: input.sourceProfile,
      mfaSerial: input.mfaSerial,
      externalIdSent: Boolean(input.externalId),
      chained,
      durationSeconds: duration.durationSeconds,
      secrets: secretsOf(input.sourceCredentials, input.mfaCode),
    },
    () =>
      connection.client.send(
        new (loadStsSdk().AssumeRoleCommand)({
          RoleArn: input.roleArn,
          RoleSessionName: roleSessionName,
          ...(input.externalId ? { ExternalId: input.externalId } : {}),
          ...(duration.durationSeconds !== undefined ? { DurationSeconds: duration.durationSeconds } : {}),
          ...(input.mfaSerial ? { SerialNumber: input.mfaSerial, TokenCode: input.mfaCode ?? undefined } : {}),
        }),
      ),
  );
  const raw = completeCredentials(output.Credentials, 'AssumeRole');
  const arn = output.AssumedRoleUser?.Arn ?? '';
  const assumedRoleId = output.AssumedRoleUser?.AssumedRoleId ?? '';
  const accountId = accountIdFromArn(arn);
  const response: AssumeRoleCacheResponse = {
    Credentials: {
      AccessKeyId: raw.AccessKeyId,
      SecretAccessKey: raw.SecretAccessKey,
      SessionToken: raw.SessionToken,
      Expiration: isoSeconds(raw.Expiration),
      ...(accountId ? { AccountId: accountId } : {}),
    },
    AssumedRoleUser: { AssumedRoleId: assumedRoleId, Arn: arn },
    ...(output.PackedPolicySize !== undefined ? { PackedPolicySize: output.PackedPolicySize } : {}),
    ...(output.SourceIdentity !== undefined ? { SourceIdentity: output.SourceIdentity } : {}),
    ResponseMetadata: {
      RequestId: output.$metadata.requestId,
      HTTPStatusCode: output.$metadata.httpStatusCode ?? 200,
      RetryAttempts: Math.max(0, (output.$metadata.attempts ?? 1) - 1),
    },
  };
  return {
    credentials: {
      accessKeyId: raw.AccessKeyId,
      secretAccessKey: raw.SecretAccessKey,
      sessionToken: raw.SessionToken,
      expiration: raw.Expiration,
      ...(accountId ? { accountId } : {}),
    },
    assumedRoleUser: { arn, assumedRoleId },
    roleSessionName,
    durationSeconds: duration.durationSeconds,
    notices: noticesOf(duration.notice, clockNotice(connection)),
    response,
  };
}

export async function getSessionToken(input: GetSessionTokenInput): Promise<SessionTokenResult> {
  requireMfaCode(input.mfaSerial, input.mfaCode, input.profile);
  const durationSeconds = input.durationSeconds ?? DEFAULT_SESSION_TOKEN_SECONDS;
  const connection = createStsClient({ ...input, credentials: input.sourceCredentials });
  const output = await callSts(
    connection,
    {
      operation: 'GetSessionToken',
      profile: input.profile,
      sourceProfile: input.sourceProfile,
      mfaSerial: input.mfaSerial,
      durationSeconds,
      secrets: secretsOf(input.sourceCredentials, input.mfaCode),
    },
    () =>
      connection.client.send(
        new (loadStsSdk().GetSessionTokenCommand)({
          DurationSeconds: durationSeconds,
          ...(input.mfaSerial ? { SerialNumber: input.mfaSerial, TokenCode: input.mfaCode ?? undefined } : {}),
        }),
      ),
  );
  const raw = completeCredentials(output.Credentials, 'GetSessionToken');
  return {
    credentials: {
      accessKeyId: raw.AccessKeyId,
      secretAccessKey: raw.SecretAccessKey,
      sessionToken: raw.SessionToken,
      expiration: raw.Expiration,
      ...(input.sourceCredentials.accountId ? { accountId: input.sourceCredentials.accountId } : {}),
    },
    durationSeconds,
  };
}

export async function getCallerIdentity(
  credentials: AwsCredentials,
  region: string | null | undefined,
  env: EnvVars,
  options: Omit<StsCallContext, 'region' | 'env'> = {},
): Promise<CallerIdentity> {
  const connection = createStsClient({ ...options, credentials, region, env });
  const output = await callSts(
    connection,
    { operation: 'GetCallerIdentity', profile: options.profile, sourceProfile: options.sourceProfile ?? options.profile, secrets: secretsOf(credentials) },
    () => connection.client.send(new (loadStsSdk().GetCallerIdentityCommand)({})),
  );
  return { account: output.Account ?? '', arn: output.Arn ?? '', userId: output.UserId ?? '' };
}

/** Placeholder keys for a clock probe: STS answers (and dates) even a request it rejects. */
const PROBE_CREDENTIALS: AwsCredentials = { accessKeyId: 'AKIAROLEKEEPERPROBE0', secretAccessKey: 'rolekeeper-clock-probe' };

/**
 * How far this computer's clock is from STS's, from one GetCallerIdentity round trip. Works
 * without valid credentials (a rejection still carries a `Date`); throws a RefreshError only
 * when STS could not be reached at all.
 */
export async function measureClockSkew(
  options: { credentials?: AwsCredentials; region?: string | null; env: EnvVars; profileValues?: StsProfileSettings } & StsCallOptions,
): Promise<ClockSkewReport> {
  const credentials = options.credentials ?? PROBE_CREDENTIALS;
  const connection = createStsClient({ maxAttempts: 1, ...options, credentials });
  let failure: unknown;
  try {
    await connection.client.send(new (loadStsSdk().GetCallerIdentityCommand)({}));
  } catch (error) {
    failure = error;
  } finally {
    connection.client.destroy();
  }
  const sample = connection.lastClockSample();
  if (!sample) {
    throw classifyStsError(failure ?? new Error('STS answered without a Date header'), {
      operation: 'GetCallerIdentity',
      region: connection.region,
      endpoint: connection.endpoint,
      secrets: secretsOf(credentials),
    });
  }
  return clockSkewReport(sample);
}
