import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { assumeRole, getCallerIdentity, getSessionToken, type AssumeRoleInput } from '../../../src/main/core/sts/sts-gateway';
import { classifyStsError, scrubMessage } from '../../../src/main/core/sts/sts-errors';
import { RefreshError, type AwsCredentials, type FailureKind } from '../../../src/main/core/model/credentials';
import { freePort, MOTO_ACCOUNT_ID, startMoto, type Moto } from '../../helpers/moto';
import { startFaultProxy, UNRESOLVABLE_URL, type Fault, type FaultProxy } from '../../helpers/fault-proxy';
import { makeTempHome, type TempHome } from '../../helpers/temp-home';

// Distinctive fake secrets: none of them may show up in any error text.
const SECRET_KEY = 'SeCrEtKeY0fRoLeKeEpErTeStS+DoNotLeak/42xyz';
const SESSION_TOKEN = 'SeSsIoNtOkEnOfRoLeKeEpEr//FwoGZXIvYXdzEDoNotLeak==';
const MFA_CODE = '424242';
const SOURCE: AwsCredentials = { accessKeyId: 'ASIAROLEKEEPERTEST01', secretAccessKey: SECRET_KEY, sessionToken: SESSION_TOKEN };
const ROLE = `arn:aws:iam::${MOTO_ACCOUNT_ID}:role/deploy`;
const MFA_SERIAL = `arn:aws:iam::${MOTO_ACCOUNT_ID}:mfa/alice`;

let moto: Moto;
let proxy: FaultProxy;
let home: TempHome;

before(async () => {
  moto = await startMoto();
  proxy = await startFaultProxy(moto.url);
  home = makeTempHome();
});

after(async () => {
  await proxy?.stop();
  await moto?.stop();
  home?.cleanup();
});

function assertNoSecret(error: RefreshError): void {
  const everything = [error.message, error.fix, String(error), error.stack ?? '', JSON.stringify({ ...error })].join('\n');
  for (const secret of [SECRET_KEY, SESSION_TOKEN, MFA_CODE]) {
    assert.ok(!everything.includes(secret), `a secret leaked into: ${error.message} / ${error.fix}`);
  }
  assert.ok(!/\n/.test(error.message) && !/\n/.test(error.fix), 'message and fix are one line each');
}

function roleInput(overrides: Partial<AssumeRoleInput> = {}): AssumeRoleInput {
  return {
    sourceCredentials: SOURCE,
    roleArn: ROLE,
    roleSessionName: 'errors',
    mfaSerial: MFA_SERIAL,
    mfaCode: MFA_CODE,
    env: { ...home.env, AWS_ENDPOINT_URL_STS: proxy.url },
    profile: 'deploy',
    sourceProfile: 'base',
    maxAttempts: 1,
    ...overrides,
  };
}

/** Runs AssumeRole with the fault in place and returns the RefreshError it ended in. */
async function failWith(fault: Fault, overrides: Partial<AssumeRoleInput> = {}): Promise<RefreshError> {
  proxy.setFault(fault);
  try {
    await assumeRole(roleInput(overrides));
  } catch (error) {
    assert.ok(error instanceof RefreshError, `not a RefreshError: ${String(error)}`);
    assertNoSecret(error);
    return error;
  } finally {
    proxy.setFault({ type: 'pass' });
  }
  assert.fail('the call succeeded despite the fault');
}

function stsError(status: number, code: string, message: string): Fault {
  return { type: 'sts-error', status, code, message };
}

interface Case {
  name: string;
  fault: Fault;
  kind: FailureKind;
  fix: RegExp;
  overrides?: Partial<AssumeRoleInput>;
}

const CASES: Case[] = [
  {
    name: 'an expired token on the source credentials is expired-source, naming the source profile',
    fault: stsError(400, 'ExpiredToken', 'The security token included in the request is expired'),
    kind: 'expired-source',
    fix: /source profile "base"/,
  },
  {
    name: 'an unknown access key is invalid-client-token',
    fault: stsError(403, 'InvalidClientTokenId', 'The security token included in the request is invalid'),
    kind: 'invalid-client-token',
    fix: /access key of the source profile "base"/,
  },
  {
    name: 'a missing MFA code is mfa-required and says to add mfa_serial',
    fault: stsError(403, 'AccessDenied', 'MultiFactorAuthentication failed, must provide both MFA serial number and one time pass code.'),
    kind: 'mfa-required',
    fix: /mfa_serial/,
    overrides: { mfaSerial: null, mfaCode: null },
  },
  {
    name: 'a wrong MFA code is mfa-invalid, even when AWS repeats the code and the keys',
    fault: stsError(403, 'AccessDenied', `MultiFactorAuthentication failed with invalid MFA one time pass code ${MFA_CODE} for ${SECRET_KEY} ${SESSION_TOKEN}.`),
    kind: 'mfa-invalid',
    fix: new RegExp(`6-digit code of ${MFA_SERIAL}`),
  },
  {
    name: 'a refusal by the trust policy is access-denied and mentions the external id that was sent',
    fault: stsError(403, 'AccessDenied', `User: arn:aws:iam::${MOTO_ACCOUNT_ID}:user/alice is not authorized to perform: sts:AssumeRole on resource: ${ROLE}`),
    kind: 'access-denied',
    fix: /trust policy of arn:aws:iam::123456789012:role\/deploy.*external_id/,
    overrides: { externalId: 'partner-7' },
  },
  {
    name: 'a region where STS is not active is region-disabled',
    fault: stsError(403, 'RegionDisabledException', `STS is not activated in this region for account:${MOTO_ACCOUNT_ID}. Your account administrator can activate STS in this region using the IAM Console.`),
    kind: 'region-disabled',
    fix: /Activate STS for ap-east-1/,
    overrides: { region: 'ap-east-1' },
  },
  {
    name: "a duration over the role's maximum is duration-too-long",
    fault: stsError(400, 'ValidationError', 'The requested DurationSeconds exceeds the MaxSessionDuration set for this role.'),
    kind: 'duration-too-long',
    fix: /Lower duration_seconds \(now 7200\)/,
    overrides: { durationSeconds: 7200, chained: false },
  },
  {
    name: 'a duration over the role-chaining limit is duration-too-long with the one-hour fix',
    fault: stsError(400, 'ValidationError', 'The requested DurationSeconds exceeds the 1 hour session limit for roles assumed by role chaining.'),
    kind: 'duration-too-long',
    fix: /1 hour.*3600/,
  },
  {
    name: 'a signature that does not match is invalid-client-token about the secret key',
    fault: stsError(403, 'SignatureDoesNotMatch', 'The request signature we calculated does not match the signature you provided. Check your AWS Secret Access Key and signing method.'),
    kind: 'invalid-client-token',
    fix: /secret access key/,
  },
  {
    name: 'RequestExpired is clock-skew',
    fault: stsError(400, 'RequestExpired', 'Request has expired.'),
    kind: 'clock-skew',
    fix: /clock/,
  },
  {
    name: 'a throttling answer is throttled',
    fault: { type: 'throttle' },
    kind: 'throttled',
    fix: /retries with backoff/,
  },
  {
    name: 'HTTP 429 without an AWS error code is throttled',
    fault: { type: 'status', status: 429 },
    kind: 'throttled',
    fix: /rate/,
  },
  {
    name: 'HTTP 500 is server-error',
    fault: { type: 'status', status: 500 },
    kind: 'server-error',
    fix: /internal error/,
  },
  {
    name: 'HTTP 503 is server-error',
    fault: { type: 'status', status: 503 },
    kind: 'server-error',
    fix: /internal error/,
  },
  {
    name: 'an STS InternalFailure is server-error',
    fault: stsError(500, 'InternalFailure', 'An internal error occurred.'),
    kind: 'server-error',
    fix: /retry/i,
  },
  {
    name: 'a reset connection is a network failure',
    fault: { type: 'reset' },
    kind: 'network',
    fix: /unreachable.*AWS_ENDPOINT_URL_STS/,
  },
  {
    name: 'an answer slower than the request timeout is a network timeout',
    fault: { type: 'latency', ms: 1500 },
    kind: 'network',
    fix: /did not answer in time/,
    overrides: { requestTimeoutMs: 200 },
  },
  {
    name: 'an unknown AWS error is unknown and keeps the keys out of the message',
    fault: stsError(400, 'SomethingNew', `odd: ${SECRET_KEY} ${SESSION_TOKEN} ${MFA_CODE}`),
    kind: 'unknown',
    fix: /doctor --online/,
  },
];

describe('STS failures through the fault proxy', () => {
  for (const testCase of CASES) {
    test(testCase.name, async () => {
      const error = await failWith(testCase.fault, testCase.overrides);
      assert.equal(error.kind, testCase.kind, error.message);
      assert.match(error.fix, testCase.fix);
      assert.equal(error.profile, 'deploy');
      assert.match(error.message, /^AssumeRole of arn:aws:iam::123456789012:role\/deploy for profile "deploy" failed: /);
    });
  }

  test('throttling is retried by the SDK up to maxAttempts, then reported as transient', async () => {
    const before = proxy.requestsFor('AssumeRole').length;
    const error = await failWith({ type: 'throttle' }, { maxAttempts: 2 });
    assert.equal(error.kind, 'throttled');
    assert.equal(error.transient, true);
    assert.equal(proxy.requestsFor('AssumeRole').length - before, 2);
  });

  test('a single 503 is retried and the call succeeds', async () => {
    proxy.setFault({ type: 'status', status: 503 }, { times: 1 });
    const before = proxy.requestsFor('AssumeRole').length;
    const result = await assumeRole(roleInput({ maxAttempts: 2 }));
    assert.equal(result.assumedRoleUser.arn, `arn:aws:sts::${MOTO_ACCOUNT_ID}:assumed-role/deploy/errors`);
    assert.equal(proxy.requestsFor('AssumeRole').length - before, 2);
  });

  test('a signature-expired rejection that persists is clock-skew, tried exactly twice, and says how far off the clock is', async () => {
    const before = proxy.requestsFor('AssumeRole').length;
    const error = await failWith({
      type: 'sts-error',
      status: 403,
      code: 'SignatureDoesNotMatch',
      message: 'Signature expired: 20260101T000000Z is now earlier than 20260101T001000Z (20260101T001500Z - 15 min.)',
      dateOffsetMs: 20 * 60_000,
    });
    assert.equal(error.kind, 'clock-skew');
    assert.equal(error.needsYou, true);
    assert.match(error.fix, /\b(19|20) min \d+ s behind AWS/);
    assert.equal(proxy.requestsFor('AssumeRole').length - before, 2);
  });

  test('a closed port is a network failure naming the endpoint', async () => {
    const closed = `http://127.0.0.1:${await freePort()}`;
    const error = await failWith({ type: 'pass' }, { env: { ...home.env, AWS_ENDPOINT_URL_STS: closed } });
    assert.equal(error.kind, 'network');
    assert.match(error.message, /ECONNREFUSED/);
    assert.match(error.fix, new RegExp(`STS at ${closed.replace('http://', '')} is unreachable`));
  });

  test('a host name that resolves nowhere is a network failure about name resolution', async () => {
    const error = await failWith({ type: 'pass' }, { env: { ...home.env, AWS_ENDPOINT_URL_STS: UNRESOLVABLE_URL } });
    assert.equal(error.kind, 'network');
    assert.match(error.message, /cannot be resolved/);
    assert.match(error.fix, /cannot be resolved.*DNS/);
  });

  test('an expired token on GetCallerIdentity is expired-source too', async () => {
    proxy.setFault(stsError(400, 'ExpiredToken', 'The security token included in the request is expired'));
    try {
      await assert.rejects(
        getCallerIdentity(SOURCE, null, { ...home.env, AWS_ENDPOINT_URL_STS: proxy.url }, { profile: 'base', maxAttempts: 1 }),
        (error: unknown) => {
          assert.ok(error instanceof RefreshError);
          assertNoSecret(error);
          assert.equal(error.kind, 'expired-source');
          assert.match(error.message, /^GetCallerIdentity for profile "base" failed: ExpiredToken/);
          return true;
        },
      );
    } finally {
      proxy.setFault({ type: 'pass' });
    }
  });

  test('a wrong MFA code on GetSessionToken is mfa-invalid', async () => {
    proxy.setFault(
      stsError(403, 'AccessDenied', 'MultiFactorAuthentication failed, unable to validate MFA code.  Please verify your MFA serial number is valid and associated with this user.'),
    );
    try {
      await assert.rejects(
        getSessionToken({ sourceCredentials: SOURCE, mfaSerial: MFA_SERIAL, mfaCode: MFA_CODE, env: { ...home.env, AWS_ENDPOINT_URL_STS: proxy.url }, maxAttempts: 1 }),
        (error: unknown) => error instanceof RefreshError && error.kind === 'mfa-invalid' && !`${error.message}${error.fix}`.includes(MFA_CODE),
      );
    } finally {
      proxy.setFault({ type: 'pass' });
    }
  });
});

describe('classifying errors without a server', () => {
  test('a RefreshError passes through unchanged', () => {
    const original = new RefreshError('config', 'bad', 'fix it', 'p');
    assert.equal(classifyStsError(original, { operation: 'AssumeRole' }), original);
  });

  test('a Node DNS error wrapped in a cause is a network failure', () => {
    const cause = Object.assign(new Error('getaddrinfo EAI_AGAIN sts.eu-west-1.amazonaws.com'), { code: 'EAI_AGAIN' });
    const error = classifyStsError(new Error('fetch failed', { cause }), { operation: 'GetCallerIdentity', region: 'eu-west-1' });
    assert.equal(error.kind, 'network');
    assert.match(error.fix, /sts\.eu-west-1\.amazonaws\.com cannot be resolved/);
  });

  test('an AggregateError of refused connections is a network failure', () => {
    const parts = [Object.assign(new Error('connect ECONNREFUSED ::1:443'), { code: 'ECONNREFUSED' })];
    const error = classifyStsError(new AggregateError(parts, ''), { operation: 'GetCallerIdentity' });
    assert.equal(error.kind, 'network');
    assert.match(error.message, /ECONNREFUSED/);
  });

  test('secrets given in the context are scrubbed from any message', () => {
    const error = classifyStsError(new Error(`weird ${SECRET_KEY}`), { operation: 'AssumeRole', secrets: [SECRET_KEY] });
    assert.equal(error.kind, 'unknown');
    assertNoSecret(error);
    assert.match(error.message, /weird \*\*\*/);
  });
});

test('scrubbing masks the URL-encoded and XML-escaped forms of a secret too', () => {
  const xmlish = `Tok&en<1>"q'EXAMPLE`;
  const text = `body Action=AssumeRole&Key=${encodeURIComponent(SECRET_KEY)} <Token>${xmlish.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&apos;')}</Token>`;
  const scrubbed = scrubMessage(text, [SECRET_KEY, xmlish]);
  assert.equal(scrubbed, 'body Action=AssumeRole&Key=*** <Token>***</Token>');
});

test('scrubbing masks an MFA code only as a whole number, so an account ID that contains it stays intact', () => {
  const text = `MultiFactorAuthentication failed for arn:aws:iam::${MFA_CODE}789012:mfa/alice with code ${MFA_CODE}.`;
  assert.equal(scrubMessage(text, [MFA_CODE]), `MultiFactorAuthentication failed for arn:aws:iam::${MFA_CODE}789012:mfa/alice with code ***.`);
});

test('an access key id a server echoes is masked like everywhere else, and account ids and ARNs stay readable', () => {
  const text = `The security token included in the request is invalid: key AKIAIOSFODNN7EXAMPLE, caller ASIAROLEKEEPERTEST01 (arn:aws:iam::123456789012:user/AIDAALICE)`;
  const scrubbed = scrubMessage(text);
  assert.doesNotMatch(scrubbed, /AKIAIOSFODNN7EXAMPLE|ASIAROLEKEEPERTEST01/);
  assert.equal(scrubbed, 'The security token included in the request is invalid: key ****************MPLE, caller ****************ST01 (arn:aws:iam::123456789012:user/AIDAALICE)');
});

test('a classified STS error never prints the caller key id in full', () => {
  const error = classifyStsError(new Error(`The access key ${SOURCE.accessKeyId} is not valid`), { operation: 'AssumeRole', secrets: [SECRET_KEY] });
  assert.doesNotMatch(`${error.message} ${error.fix}`, new RegExp(SOURCE.accessKeyId));
  assert.match(error.message, /\*{16}ST01/);
});
