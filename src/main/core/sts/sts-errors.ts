// Turns whatever an STS call threw (an AWS error, a Node network error, a timeout) into a
// RefreshError with a kind a person can act on and a one-line fix. Never echoes a secret.
import { clockOffsetAmount, clockRunsAhead, type ClockSample, CLOCK_SKEW_WARNING_MS } from './clock-skew';
import { RefreshError, type FailureKind } from '../model/credentials';
import { quoteNameInProse } from '../shell/any-shell';
import { phrase, type MessageKey, type Phrase, type PhraseParam } from '../../../shared/i18n';
import { maskSecret } from '../../../shared/mask';

export type StsOperation = 'AssumeRole' | 'GetSessionToken' | 'GetCallerIdentity';

export interface StsErrorContext {
  operation: StsOperation;
  /** The profile being refreshed, named in the message. */
  profile?: string | null;
  roleArn?: string | null;
  /** Where the calling credentials came from, for fixes: a profile name. */
  sourceProfile?: string | null;
  mfaSerial?: string | null;
  externalIdSent?: boolean;
  /** The call used role credentials (role chaining), so AWS caps the session at 1 hour. */
  chained?: boolean;
  durationSeconds?: number | null;
  region?: string | null;
  /** The STS endpoint URL in use, or null for the AWS default. */
  endpoint?: string | null;
  /** The last `Date` seen from STS, to say how far off the clock is. */
  clockSample?: ClockSample;
  /** Values that must never appear in the message: secret key, session token, MFA code. */
  secrets?: ReadonlyArray<string | null | undefined>;
}

/** Node's codes for "could not talk to the server at all". */
const NETWORK_CODES = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ECONNABORTED',
  'EPIPE',
  'ETIMEDOUT',
  'ESOCKETTIMEDOUT',
  'ENETUNREACH',
  'ENETDOWN',
  'EHOSTUNREACH',
  'EHOSTDOWN',
  'EADDRNOTAVAIL',
  'UND_ERR_SOCKET',
  'UND_ERR_CONNECT_TIMEOUT',
  'ERR_SOCKET_CONNECTION_TIMEOUT',
  'EPROTO',
]);
const DNS_CODES = new Set(['ENOTFOUND', 'EAI_AGAIN', 'EAI_FAIL', 'EAI_NONAME', 'EAI_NODATA']);
const THROTTLING_CODES = new Set([
  'Throttling',
  'ThrottlingException',
  'ThrottledException',
  'RequestThrottled',
  'RequestThrottledException',
  'RequestLimitExceeded',
  'TooManyRequestsException',
  'SlowDown',
  'PriorRequestNotComplete',
  'ProvisionedThroughputExceededException',
  'BandwidthLimitExceeded',
  'EC2ThrottledException',
]);
const CLOCK_CODES = new Set(['RequestExpired', 'RequestTimeTooSkewed', 'RequestInTheFuture']);
const SIGNATURE_TIME_TEXT = /signature (expired|not yet current)|request time|too skewed|in the future/i;
const SERVER_CODES = new Set(['InternalFailure', 'InternalError', 'ServiceUnavailable', 'ServiceUnavailableException', 'BadGateway', 'GatewayTimeout']);

interface ErrorFacts {
  code: string;
  message: string;
  status: number | undefined;
  fault: string | undefined;
  nodeCode: string | undefined;
  name: string;
}

function stringField(value: unknown, key: string): string | undefined {
  if (typeof value !== 'object' || value === null) return undefined;
  const field = (value as Record<string, unknown>)[key];
  return typeof field === 'string' ? field : undefined;
}

/** The first Node error code found on the error, its cause, or an AggregateError's parts. */
function nodeCodeOf(error: unknown, depth = 0): string | undefined {
  if (depth > 4 || typeof error !== 'object' || error === null) return undefined;
  const code = stringField(error, 'code');
  if (code && /^[A-Z_]+$/.test(code)) return code;
  const errors = (error as { errors?: unknown }).errors;
  if (Array.isArray(errors)) {
    for (const part of errors) {
      const found = nodeCodeOf(part, depth + 1);
      if (found) return found;
    }
  }
  return nodeCodeOf((error as { cause?: unknown }).cause, depth + 1);
}

function factsOf(error: unknown): ErrorFacts {
  const metadata = (typeof error === 'object' && error !== null ? (error as { $metadata?: { httpStatusCode?: number } }).$metadata : undefined) ?? {};
  const name = stringField(error, 'name') ?? 'Error';
  const code = stringField(error, 'Code') ?? stringField(error, '__type') ?? name;
  return {
    code,
    name,
    message: error instanceof Error ? error.message : String(error),
    status: metadata.httpStatusCode,
    fault: stringField(error, '$fault'),
    nodeCode: nodeCodeOf(error),
  };
}

const XML_ENTITIES: Readonly<Record<string, string>> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&apos;' };

/** A secret as it may appear in an error: as is, URL-encoded (query strings, form bodies) or XML-escaped (STS replies). */
function secretForms(secret: string): string[] {
  const forms = new Set([
    secret,
    encodeURIComponent(secret),
    secret.replace(/[&<>"']/g, (c) => XML_ENTITIES[c]!),
    secret.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`),
  ]);
  return [...forms].sort((a, b) => b.length - a.length);
}

/** Long-term (AKIA), temporary (ASIA) and other AWS access key ids, as they appear in a message. */
const ACCESS_KEY_ID = /(?<![A-Z0-9])(?:AKIA|ASIA|ABIA|ACCA|A3T[A-Z0-9])[A-Z0-9]{12,124}(?![A-Z0-9])/g;

/** Removes secrets, access key ids and line breaks: the message must be one line with nothing worth stealing. */
export function scrubMessage(text: string, secrets: ReadonlyArray<string | null | undefined> = []): string {
  let result = text;
  for (const secret of secrets) {
    if (!secret || secret.length < 4) continue;
    if (/^\d+$/.test(secret)) {
      // An MFA code: only as a whole number, or it would mangle (and so reveal) an account ID containing it.
      result = result.replace(new RegExp(`(?<!\\d)${secret}(?!\\d)`, 'g'), '***');
      continue;
    }
    for (const form of secretForms(secret)) result = result.split(form).join('***');
  }
  // A server may echo the caller's key id; key ids are masked wherever Rolekeeper shows one.
  result = result.replace(ACCESS_KEY_ID, (keyId) => maskSecret(keyId));
  return result.replace(/\s+/g, ' ').trim();
}

/**
 * A profile name in a message or fix sentence, quoted so that pasting the sentence into a shell
 * expands nothing. The context carries no platform: the user reads this where Rolekeeper runs.
 */
function quoted(name: string | null | undefined): string {
  return name ? quoteNameInProse(process.platform, name) : '';
}

/** German needs the calling credentials in the case the sentence asks for; English says them the same in each. */
type GrammaticalCase = 'nominative' | 'dative' | 'genitive';

function sourceWords(context: StsErrorContext, grammaticalCase: GrammaticalCase = 'nominative'): Phrase {
  const suffix = grammaticalCase === 'nominative' ? '' : `.${grammaticalCase}`;
  if (context.sourceProfile) return phrase(`sts.source.profile${suffix}` as MessageKey, { profile: quoted(context.sourceProfile) });
  return phrase(`sts.source.calling${suffix}` as MessageKey);
}

function whatFailed(context: StsErrorContext): Phrase {
  const target = context.operation === 'AssumeRole' && context.roleArn ? phrase('sts.failed.of', { arn: context.roleArn }) : '';
  const profile = context.profile ? phrase('sts.failed.for', { profile: quoted(context.profile) }) : '';
  return phrase('sts.failed', { operation: context.operation, target, profile });
}

function endpointWords(context: StsErrorContext): string {
  if (context.endpoint) return context.endpoint;
  return `sts.${context.region ?? 'us-east-1'}.amazonaws.com`;
}

function hostOf(context: StsErrorContext): string {
  try {
    return new URL(context.endpoint ?? `https://${endpointWords(context)}`).host;
  } catch {
    return endpointWords(context);
  }
}

interface Verdict {
  kind: FailureKind;
  fix: Phrase;
  /** Replaces the AWS text in the message when the AWS text says nothing useful. */
  summary?: Phrase;
}

/** A fix about the profile's settings: the named profile, or the one in use when the call named none. */
function profileFix(context: StsErrorContext, key: 'sts.fix.mfaMissing' | 'sts.fix.checkSettings'): Phrase {
  return context.profile ? phrase(key, { profile: quoted(context.profile) }) : phrase(`${key}.inUse`);
}

function clockVerdict(context: StsErrorContext): Verdict {
  const offset = context.clockSample?.offsetMs;
  const known = offset !== undefined && Math.abs(offset) > CLOCK_SKEW_WARNING_MS
    ? phrase('sts.fix.clock.known', { amount: clockOffsetAmount(offset), direction: phrase(clockRunsAhead(offset) ? 'doctor.clockSkew.ahead' : 'doctor.clockSkew.behind') })
    : '';
  return { kind: 'clock-skew', fix: phrase('sts.fix.clock', { known }) };
}

function accessDeniedVerdict(facts: ErrorFacts, context: StsErrorContext): Verdict {
  const text = facts.message;
  if (/MultiFactorAuthentication failed, must provide both|must provide.*(MFA|serial number)|MFA.*required/i.test(text) ||
      (!context.mfaSerial && /MultiFactorAuthentication/i.test(text))) {
    return {
      kind: 'mfa-required',
      fix: context.mfaSerial
        ? phrase('sts.fix.mfaRequired', { serial: context.mfaSerial })
        : profileFix(context, 'sts.fix.mfaMissing'),
    };
  }
  if (/MultiFactorAuthentication failed|invalid MFA|MFA code|one time pass ?code/i.test(text)) {
    return {
      kind: 'mfa-invalid',
      fix: phrase('sts.fix.mfaInvalid', { device: context.mfaSerial ?? phrase('sts.yourMfaDevice') }),
    };
  }
  if (context.operation === 'AssumeRole') {
    return {
      kind: 'access-denied',
      fix: phrase('sts.fix.trustPolicy', {
        role: context.roleArn ? phrase('sts.ofRole', { arn: context.roleArn }) : phrase('sts.ofTheRole'),
        source: sourceWords(context, 'dative'),
        external: context.externalIdSent ? phrase('sts.fix.trustPolicy.external') : '',
      }),
    };
  }
  return { kind: 'access-denied', fix: phrase('sts.fix.mayNotCall', { source: sourceWords(context), operation: context.operation }) };
}

function awsVerdict(facts: ErrorFacts, context: StsErrorContext): Verdict | undefined {
  const { code, message } = facts;
  if (code === 'ExpiredToken' || code === 'ExpiredTokenException' || (code === 'InvalidClientTokenId' && /expired/i.test(message))) {
    const refresh = context.sourceProfile
      ? phrase('sts.fix.expiredSourceProfile', { source: sourceWords(context) })
      : phrase('sts.fix.expiredSource', { source: sourceWords(context) });
    return { kind: 'expired-source', fix: refresh };
  }
  if (code === 'InvalidClientTokenId' || code === 'UnrecognizedClientException') {
    return { kind: 'invalid-client-token', fix: phrase('sts.fix.unknownKey', { source: sourceWords(context, 'genitive') }) };
  }
  if (code === 'SignatureDoesNotMatch' || code === 'InvalidSignatureException' || code === 'AuthFailure' || CLOCK_CODES.has(code)) {
    if (CLOCK_CODES.has(code) || SIGNATURE_TIME_TEXT.test(message)) return clockVerdict(context);
    return { kind: 'invalid-client-token', fix: phrase('sts.fix.wrongSecret', { source: sourceWords(context, 'genitive') }) };
  }
  if (code === 'AccessDenied' || code === 'AccessDeniedException') return accessDeniedVerdict(facts, context);
  if (code === 'RegionDisabledException' || /STS is not activated in this region/i.test(message)) {
    return { kind: 'region-disabled', fix: phrase('sts.fix.regionDisabled', { region: context.region ?? phrase('sts.thisRegion') }) };
  }
  if (/DurationSeconds/i.test(message) && (code === 'ValidationError' || code === 'ValidationException' || /exceeds|greater|less|between/i.test(message))) {
    if (/chaining|1 hour session limit/i.test(message) || (context.chained && /exceeds/i.test(message))) {
      return { kind: 'duration-too-long', fix: phrase('sts.fix.chainedDuration') };
    }
    if (/MaxSessionDuration|exceeds/i.test(message)) {
      return {
        kind: 'duration-too-long',
        fix: phrase('sts.fix.lowerDuration', { now: context.durationSeconds ? phrase('sts.fix.lowerDuration.now', { seconds: context.durationSeconds }) : '' }),
      };
    }
    return { kind: 'config', fix: phrase('sts.fix.durationRange') };
  }
  if (THROTTLING_CODES.has(code) || facts.status === 429) {
    return { kind: 'throttled', fix: phrase('sts.fix.throttled') };
  }
  if (SERVER_CODES.has(code) || (facts.status !== undefined && facts.status >= 500)) {
    return { kind: 'server-error', fix: phrase('sts.fix.serverError', { host: hostOf(context) }) };
  }
  if (code === 'ValidationError' || code === 'MalformedPolicyDocument' || code === 'PackedPolicyTooLarge') {
    return { kind: 'config', fix: profileFix(context, 'sts.fix.checkSettings') };
  }
  return undefined;
}

function networkVerdict(facts: ErrorFacts, context: StsErrorContext): Verdict | undefined {
  const code = facts.nodeCode;
  const host = hostOf(context);
  const check = phrase(context.endpoint ? 'sts.check.endpoint' : 'sts.check.network');
  if (code && DNS_CODES.has(code)) {
    return {
      kind: 'network',
      summary: phrase('sts.summary.dns', { host, code }),
      fix: phrase('sts.fix.dns', { host, check }),
    };
  }
  // The SDK names resets and refusals "TimeoutError" too (for its retry rules): the Node code says which.
  const timedOut = code === 'ETIMEDOUT' || code === 'ESOCKETTIMEDOUT' || code === 'UND_ERR_CONNECT_TIMEOUT' ||
    code === 'ERR_SOCKET_CONNECTION_TIMEOUT' || (!code && (facts.name === 'TimeoutError' || /timed? ?out/i.test(facts.message)));
  if (timedOut) {
    return {
      kind: 'network',
      summary: phrase('sts.summary.timeout', { host }),
      fix: phrase('sts.fix.timeout', { host, check }),
    };
  }
  if (code && NETWORK_CODES.has(code)) {
    return {
      kind: 'network',
      summary: phrase('sts.summary.unreachable', { host, code }),
      fix: phrase('sts.fix.unreachable', { host, check }),
    };
  }
  if (facts.name === 'AbortError') {
    return { kind: 'network', summary: phrase('sts.summary.aborted', { host }), fix: phrase('sts.fix.aborted') };
  }
  return undefined;
}

/** The phrase with every text parameter scrubbed of the secrets (a parameter may quote AWS's text). */
function scrubPhrase(words: Phrase, secrets: ReadonlyArray<string | null | undefined> = []): Phrase {
  if (!words.params) return words;
  const params: Record<string, PhraseParam> = {};
  for (const [name, value] of Object.entries(words.params)) {
    params[name] = typeof value === 'string' ? scrubMessage(value, secrets) : typeof value === 'object' ? scrubPhrase(value, secrets) : value;
  }
  return phrase(words.key, params);
}

/** Classifies a failed STS call; a RefreshError passes through unchanged. */
export function classifyStsError(error: unknown, context: StsErrorContext): RefreshError {
  if (error instanceof RefreshError) return error;
  const facts = factsOf(error);
  const isAws = facts.status !== undefined || facts.fault !== undefined;
  const verdict =
    (isAws ? awsVerdict(facts, context) : undefined) ??
    networkVerdict(facts, context) ??
    awsVerdict(facts, context) ?? {
      kind: 'unknown' as const,
      fix: phrase('sts.fix.unknown', { profile: context.profile ? phrase('sts.fix.unknown.for', { profile: quoted(context.profile) }) : '' }),
    };
  // A proxy's or load balancer's HTML error page leaves the SDK with nothing but "Unknown".
  const bareStatus = facts.status !== undefined && /^Unknown(Error)?$/.test(facts.message) ? phrase('sts.summary.bareStatus', { status: facts.status }) : undefined;
  // AWS's own text is quoted as it came, in every language.
  const detail: Phrase | string =
    verdict.summary ?? bareStatus ?? (facts.code !== 'Error' && facts.code !== facts.message ? `${facts.code}: ${facts.message}` : facts.message);
  const message = scrubPhrase(phrase('sts.failedWith', { failed: whatFailed(context), detail }), context.secrets);
  const worded = RefreshError.worded(verdict.kind, message, scrubPhrase(verdict.fix, context.secrets), context.profile ?? null);
  // The English text is one line with nothing worth stealing, as before.
  return new RefreshError(worded.kind, scrubMessage(worded.message, context.secrets), scrubMessage(worded.fix, context.secrets), worded.profile, worded.wording);
}
