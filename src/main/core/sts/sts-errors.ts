// Turns whatever an STS call threw (an AWS error, a Node network error, a timeout) into a
// RefreshError with a kind a person can act on and a one-line fix. Never echoes a secret.
import { describeClockOffset, type ClockSample, CLOCK_SKEW_WARNING_MS } from './clock-skew';
import { RefreshError, type FailureKind } from '../credentials/credentials';
import { quoteNameInProse } from '../shell/any-shell';

export type StsOperation = 'AssumeRole' | 'GetSessionToken' | 'GetCallerIdentity';

export interface StsErrorContext {
  operation: StsOperation;
  /** The profile being refreshed, named in the message. */
  profile?: string | null;
  roleArn?: string | null;
  /** Where the calling credentials came from, for fixes: a profile name. */
  sourceProfile?: string | null;
  /** Human words for the calling credentials when not a profile, e.g. "the environment variables". */
  sourceDescription?: string | null;
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

/** Removes secrets and line breaks: the message must be one line with nothing worth stealing. */
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
  return result.replace(/\s+/g, ' ').trim();
}

/**
 * A profile name in a message or fix sentence, quoted so that pasting the sentence into a shell
 * expands nothing. The context carries no platform: the user reads this where Rolekeeper runs.
 */
function quoted(name: string | null | undefined): string {
  return name ? quoteNameInProse(process.platform, name) : '';
}

function sourceWords(context: StsErrorContext): string {
  if (context.sourceProfile) return `the source profile ${quoted(context.sourceProfile)}`;
  return context.sourceDescription ?? 'the calling credentials';
}

function whatFailed(context: StsErrorContext): string {
  const target = context.operation === 'AssumeRole' && context.roleArn ? ` of ${context.roleArn}` : '';
  const profile = context.profile ? ` for profile ${quoted(context.profile)}` : '';
  return `${context.operation}${target}${profile} failed`;
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
  fix: string;
  /** Replaces the AWS text in the message when the AWS text says nothing useful. */
  summary?: string;
}

function clockVerdict(context: StsErrorContext): Verdict {
  const offset = context.clockSample?.offsetMs;
  const known = offset !== undefined && Math.abs(offset) > CLOCK_SKEW_WARNING_MS ? ` (it is ${describeClockOffset(offset)})` : '';
  return {
    kind: 'clock-skew',
    fix: `Set this computer's clock to the right time${known}: turn on automatic time (NTP), then retry.`,
  };
}

function accessDeniedVerdict(facts: ErrorFacts, context: StsErrorContext): Verdict {
  const text = facts.message;
  if (/MultiFactorAuthentication failed, must provide both|must provide.*(MFA|serial number)|MFA.*required/i.test(text) ||
      (!context.mfaSerial && /MultiFactorAuthentication/i.test(text))) {
    return {
      kind: 'mfa-required',
      fix: context.mfaSerial
        ? `The role needs an MFA code: give the current code for ${context.mfaSerial} (--mfa-code).`
        : `The role needs MFA: add mfa_serial = <your MFA device ARN> to profile ${quoted(context.profile) || 'in use'} and give a code (--mfa-code).`,
    };
  }
  if (/MultiFactorAuthentication failed|invalid MFA|MFA code|one time pass ?code/i.test(text)) {
    return {
      kind: 'mfa-invalid',
      fix: `Enter the current 6-digit code of ${context.mfaSerial ?? 'your MFA device'} (wait for the next one if it just changed), and check that mfa_serial is that device's ARN.`,
    };
  }
  if (context.operation === 'AssumeRole') {
    const external = context.externalIdSent ? ', including the external_id condition' : '';
    return {
      kind: 'access-denied',
      fix: `The trust policy of ${context.roleArn ?? 'the role'} must allow ${sourceWords(context)} to assume it${external}, and that identity needs sts:AssumeRole permission: check role_arn, or ask the role's owner.`,
    };
  }
  return {
    kind: 'access-denied',
    fix: `${sourceWords(context)} may not call ${context.operation}: check its IAM permissions.`,
  };
}

function awsVerdict(facts: ErrorFacts, context: StsErrorContext): Verdict | undefined {
  const { code, message } = facts;
  if (code === 'ExpiredToken' || code === 'ExpiredTokenException' || (code === 'InvalidClientTokenId' && /expired/i.test(message))) {
    const refresh = context.sourceProfile
      ? `Refresh ${sourceWords(context)} (a new session token, \`rolekeeper sso login\` for an SSO source, or its own role), then retry.`
      : `Get new credentials for ${sourceWords(context)} (its session token has expired), then retry.`;
    return { kind: 'expired-source', fix: refresh };
  }
  if (code === 'InvalidClientTokenId' || code === 'UnrecognizedClientException') {
    return {
      kind: 'invalid-client-token',
      fix: `AWS does not know the access key of ${sourceWords(context)}: it was deleted, mistyped, or is a global-endpoint token used in an opt-in region; put valid keys in place.`,
    };
  }
  if (code === 'SignatureDoesNotMatch' || code === 'InvalidSignatureException' || code === 'AuthFailure' || CLOCK_CODES.has(code)) {
    if (CLOCK_CODES.has(code) || SIGNATURE_TIME_TEXT.test(message)) return clockVerdict(context);
    return {
      kind: 'invalid-client-token',
      fix: `The secret access key of ${sourceWords(context)} does not belong to its access key id: copy both again from the same key pair.`,
    };
  }
  if (code === 'AccessDenied' || code === 'AccessDeniedException') return accessDeniedVerdict(facts, context);
  if (code === 'RegionDisabledException' || /STS is not activated in this region/i.test(message)) {
    return {
      kind: 'region-disabled',
      fix: `Activate STS for ${context.region ?? 'this region'} (IAM → Account settings → Security Token Service), or set region to one that is active.`,
    };
  }
  if (/DurationSeconds/i.test(message) && (code === 'ValidationError' || code === 'ValidationException' || /exceeds|greater|less|between/i.test(message))) {
    if (/chaining|1 hour session limit/i.test(message) || (context.chained && /exceeds/i.test(message))) {
      return {
        kind: 'duration-too-long',
        fix: 'AWS caps role-chained sessions at 1 hour: set duration_seconds to 3600 or less for this profile.',
      };
    }
    if (/MaxSessionDuration|exceeds/i.test(message)) {
      return {
        kind: 'duration-too-long',
        fix: `Lower duration_seconds${context.durationSeconds ? ` (now ${context.durationSeconds})` : ''} to the role's maximum session duration, or raise MaxSessionDuration on the role.`,
      };
    }
    return { kind: 'config', fix: 'Set duration_seconds between 900 and 43200 (AssumeRole) or 129600 (GetSessionToken).' };
  }
  if (THROTTLING_CODES.has(code) || facts.status === 429) {
    return { kind: 'throttled', fix: 'STS is limiting the request rate: Rolekeeper retries with backoff; wait a minute if it persists.' };
  }
  if (SERVER_CODES.has(code) || (facts.status !== undefined && facts.status >= 500)) {
    return { kind: 'server-error', fix: `STS at ${hostOf(context)} had an internal error: retry in a moment; check the AWS Health Dashboard if it persists.` };
  }
  if (code === 'ValidationError' || code === 'MalformedPolicyDocument' || code === 'PackedPolicyTooLarge') {
    return { kind: 'config', fix: `Check the settings of profile ${quoted(context.profile) || 'in use'} (role_arn, role_session_name, external_id, mfa_serial).` };
  }
  return undefined;
}

function networkVerdict(facts: ErrorFacts, context: StsErrorContext): Verdict | undefined {
  const code = facts.nodeCode;
  const host = hostOf(context);
  const check = context.endpoint ? 'check AWS_ENDPOINT_URL_STS / AWS_ENDPOINT_URL / endpoint_url' : 'check your network, VPN or proxy';
  if (code && DNS_CODES.has(code)) {
    return {
      kind: 'network',
      summary: `the name ${host} cannot be resolved (${code})`,
      fix: `The STS host ${host} cannot be resolved: ${check}, and DNS.`,
    };
  }
  // The SDK names resets and refusals "TimeoutError" too (for its retry rules): the Node code says which.
  const timedOut = code === 'ETIMEDOUT' || code === 'ESOCKETTIMEDOUT' || code === 'UND_ERR_CONNECT_TIMEOUT' ||
    code === 'ERR_SOCKET_CONNECTION_TIMEOUT' || (!code && (facts.name === 'TimeoutError' || /timed? ?out/i.test(facts.message)));
  if (timedOut) {
    return {
      kind: 'network',
      summary: `no answer from ${host} in time (timeout)`,
      fix: `STS at ${host} did not answer in time: ${check}, then retry.`,
    };
  }
  if (code && NETWORK_CODES.has(code)) {
    return {
      kind: 'network',
      summary: `cannot reach ${host} (${code})`,
      fix: `STS at ${host} is unreachable: ${check}, then retry.`,
    };
  }
  if (facts.name === 'AbortError') {
    return { kind: 'network', summary: `the request to ${host} was aborted`, fix: 'The request was cancelled: retry.' };
  }
  return undefined;
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
      fix: `Retry; if it keeps failing, run \`rolekeeper doctor --online\`${context.profile ? ` for ${quoted(context.profile)}` : ''}.`,
    };
  // A proxy's or load balancer's HTML error page leaves the SDK with nothing but "Unknown".
  const bareStatus = facts.status !== undefined && /^Unknown(Error)?$/.test(facts.message) ? `STS answered HTTP ${facts.status} with no AWS error in it` : undefined;
  const detail =
    verdict.summary ?? bareStatus ?? (facts.code !== 'Error' && facts.code !== facts.message ? `${facts.code}: ${facts.message}` : facts.message);
  const message = scrubMessage(`${whatFailed(context)}: ${detail}`, context.secrets);
  return new RefreshError(verdict.kind, message, scrubMessage(verdict.fix, context.secrets), context.profile ?? null);
}
