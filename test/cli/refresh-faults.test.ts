// `rolekeeper refresh` when STS misbehaves: a loopback proxy in front of moto_server adds latency,
// answers 5xx, throttles, resets connections and lies about the time. Transient faults are retried;
// lasting ones end in one clear line and its fix, exit 1, and no secret in the output.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync } from 'node:fs';
import { makeTempHome, type TempHome } from '../helpers/temp-home';
import { freePort, MOTO_ACCOUNT_ID } from '../helpers/moto';
import { runCliAsync, type CliResult } from '../helpers/run-cli';
import { UNRESOLVABLE_URL, type Fault, motoBehindProxy } from '../helpers/fault-proxy';
import { awsPaths } from '../../src/main/core/model/aws-environment';

const SOURCE_SECRET = 'srcsecret/srcsecret+srcsecret0000000000';
// Temporary source keys, so a session token is among the secrets that must never be printed.
const SOURCE_TOKEN = 'FwoGZXIvYXdzEXAMPLESOURCESESSIONTOKEN0123456789';
const ROLE_ARN = `arn:aws:iam::${MOTO_ACCOUNT_ID}:role/deploy`;
const CONFIG = [
  '[profile src]',
  'aws_access_key_id = ASIAROLEKEEPERSRC001',
  `aws_secret_access_key = ${SOURCE_SECRET}`,
  `aws_session_token = ${SOURCE_TOKEN}`,
  '',
  '[profile x]',
  `role_arn = ${ROLE_ARN}`,
  'source_profile = src',
  '',
].join('\n');

const rig = motoBehindProxy();

async function refreshThrough(endpoint: string, fault: Fault, times?: number): Promise<{ result: CliResult; home: TempHome; assumeRoles: number }> {
  const home = makeTempHome({ config: CONFIG });
  rig.proxy.setFault(fault, times === undefined ? {} : { times });
  const seenBefore = rig.proxy.requestsFor('AssumeRole').length;
  try {
    const result = await runCliAsync(['refresh', 'x'], { ...home.env, AWS_ENDPOINT_URL: endpoint });
    return { result, home, assumeRoles: rig.proxy.requestsFor('AssumeRole').length - seenBefore };
  } finally {
    rig.proxy.setFault({ type: 'pass' });
  }
}

function cacheEntryCount(home: TempHome): number {
  try {
    return readdirSync(awsPaths(home.environment).cliCacheDir).length;
  } catch {
    return 0;
  }
}

/** One line naming the profile, one line with the fix, exit 1, no secret, no stack trace. */
function assertCleanFailure(result: CliResult, message: RegExp, fix: RegExp): void {
  assert.equal(result.code, 1, result.stderr);
  assert.equal(result.stdout, '');
  const lines = result.stderr.split('\n');
  assert.equal(lines.length, 3, result.stderr);
  assert.equal(lines[2], '');
  assert.match(lines[0], /^rolekeeper: x: /);
  assert.match(lines[0], message);
  assert.match(lines[1], /^ {2}fix: \S/);
  assert.match(lines[1], fix);
  for (const secret of [SOURCE_SECRET, SOURCE_TOKEN]) assert.ok(!result.stderr.includes(secret), 'a secret appeared in the error');
}

describe('refresh through transient faults', () => {
  test('still works with a second of added latency, and says nothing of the clock', async () => {
    const { result, home, assumeRoles } = await refreshThrough(rig.proxy.url, { type: 'latency', ms: 1000 });
    try {
      assert.equal(result.code, 0, result.stderr);
      assert.doesNotMatch(result.stdout, /note:/);
      assert.equal(assumeRoles, 1);
      assert.equal(cacheEntryCount(home), 1);
    } finally {
      home.cleanup();
    }
  });

  for (const status of [500, 503]) {
    test(`retries a single ${status} answer and succeeds`, async () => {
      const { result, home, assumeRoles } = await refreshThrough(rig.proxy.url, { type: 'status', status }, 1);
      try {
        assert.equal(result.code, 0, result.stderr);
        assert.equal(assumeRoles, 2);
        assert.equal(cacheEntryCount(home), 1);
      } finally {
        home.cleanup();
      }
    });
  }

  test('retries throttling answers with backoff and succeeds', async () => {
    const { result, home, assumeRoles } = await refreshThrough(rig.proxy.url, { type: 'throttle' }, 2);
    try {
      assert.equal(result.code, 0, result.stderr);
      assert.equal(assumeRoles, 3);
      const attempts = rig.proxy.requestsFor('AssumeRole').slice(-3).map((request) => request.receivedAt);
      assert.ok(attempts[1] > attempts[0] && attempts[2] > attempts[1]);
    } finally {
      home.cleanup();
    }
  });

  test('retries a reset connection and succeeds', async () => {
    const { result, home, assumeRoles } = await refreshThrough(rig.proxy.url, { type: 'reset' }, 1);
    try {
      assert.equal(result.code, 0, result.stderr);
      assert.equal(assumeRoles, 2);
    } finally {
      home.cleanup();
    }
  });

  test('after a clock-skew rejection, signs again with the time STS gave and succeeds', async () => {
    const offsetMs = 10 * 60_000;
    const fault: Fault = { type: 'sts-error', status: 403, code: 'SignatureDoesNotMatch', message: 'Signature expired: 20240101T000000Z is now earlier than 20240101T000500Z', dateOffsetMs: offsetMs };
    const { result, home, assumeRoles } = await refreshThrough(rig.proxy.url, fault, 1);
    try {
      assert.equal(result.code, 0, result.stderr);
      assert.equal(assumeRoles, 2);
      const [rejected, retried] = rig.proxy.requestsFor('AssumeRole').slice(-2);
      const signedAt = (request: typeof rejected) => {
        const stamp = String(request.headers['x-amz-date']);
        return Date.parse(stamp.replace(/^(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})(\d{2})Z$/, '$1-$2-$3T$4:$5:$6Z'));
      };
      const shift = signedAt(retried) - signedAt(rejected);
      assert.ok(Math.abs(shift - offsetMs) < 60_000, `the retry was signed ${shift} ms later, expected about ${offsetMs}`);
      assert.equal(cacheEntryCount(home), 1);
    } finally {
      home.cleanup();
    }
  });

  for (const { offsetMs, words } of [
    { offsetMs: -2 * 60_000, words: /[12] min \d+ s ahead of AWS/ },
    { offsetMs: 10 * 60_000, words: /(9|10) min \d+ s behind AWS/ },
  ]) {
    test(`warns when every STS answer is dated ${offsetMs / 60_000} min off the local clock`, async () => {
      const { result, home, assumeRoles } = await refreshThrough(rig.proxy.url, { type: 'skew', offsetMs });
      try {
        assert.equal(result.code, 0, result.stderr);
        assert.equal(assumeRoles, 1);
        const note = result.stdout.split('\n').find((line) => line.startsWith('  note: '));
        assert.ok(note, result.stdout);
        assert.match(note, /^ {2}note: This computer's clock is /);
        assert.match(note, words);
        assert.match(note, /automatic time \(NTP\)/);
      } finally {
        home.cleanup();
      }
    });
  }

  test('says nothing of the clock when STS answers are dated right', async () => {
    const { result, home } = await refreshThrough(rig.proxy.url, { type: 'pass' });
    try {
      assert.equal(result.code, 0, result.stderr);
      assert.doesNotMatch(result.stdout, /note:/);
    } finally {
      home.cleanup();
    }
  });
});

describe('refresh through lasting faults fails with one clear line, its fix, and no secret', () => {
  const cases: Array<{ name: string; fault: Fault; message: RegExp; fix: RegExp; attempts?: number; minAttempts?: number }> = [
    { name: 'a server that answers 500', fault: { type: 'status', status: 500 }, message: /AssumeRole .*failed: STS answered HTTP 500 with no AWS error in it$/, fix: /internal error: retry in a moment/, attempts: 3 },
    { name: 'a server that answers 503', fault: { type: 'status', status: 503 }, message: /failed: STS answered HTTP 503 with no AWS error in it$/, fix: /internal error: retry in a moment/, attempts: 3 },
    { name: 'lasting throttling', fault: { type: 'throttle' }, message: /failed: Throttling: Rate exceeded$/, fix: /limiting the request rate/, attempts: 3 },
    { name: 'connections reset every time', fault: { type: 'reset' }, message: /failed: cannot reach 127\.0\.0\.1:\d+ \(ECONNRESET\)$/, fix: /unreachable: check AWS_ENDPOINT_URL_STS/, attempts: 3 },
    {
      name: 'a clock that STS rejects even when corrected',
      fault: { type: 'sts-error', status: 403, code: 'RequestExpired', message: 'Request has expired.', dateOffsetMs: 10 * 60_000 },
      message: /RequestExpired/,
      fix: /^ {2}fix: Set this computer's clock to the right time \(it is 10 min/,
      minAttempts: 2,
    },
    {
      name: 'a trust policy that does not let the source assume the role',
      fault: { type: 'sts-error', status: 403, code: 'AccessDenied', message: `User: arn:aws:iam::${MOTO_ACCOUNT_ID}:user/src is not authorized to perform: sts:AssumeRole on resource: ${ROLE_ARN}` },
      message: /not allowed|not authorized|denied/i,
      fix: /trust|policy|permission/i,
      attempts: 1,
    },
    {
      name: 'source keys AWS does not know',
      fault: { type: 'sts-error', status: 403, code: 'InvalidClientTokenId', message: 'The security token included in the request is invalid.' },
      message: /InvalidClientTokenId/,
      fix: /access key of the source profile "src"/,
      attempts: 1,
    },
    {
      name: 'expired source session keys',
      fault: { type: 'sts-error', status: 400, code: 'ExpiredToken', message: 'The security token included in the request is expired' },
      message: /expired/i,
      fix: /src|key|refresh/i,
      attempts: 1,
    },
  ];
  for (const { name, fault, message, fix, attempts, minAttempts } of cases) {
    test(`for ${name}`, async () => {
      const { result, home, assumeRoles } = await refreshThrough(rig.proxy.url, fault);
      try {
        assertCleanFailure(result, message, fix);
        if (attempts !== undefined) assert.equal(assumeRoles, attempts);
        // The SDK corrects its clock and retries on its own; Rolekeeper then tries once more itself.
        if (minAttempts !== undefined) assert.ok(assumeRoles >= minAttempts, `${assumeRoles} attempts`);
        assert.equal(cacheEntryCount(home), 0);
      } finally {
        home.cleanup();
      }
    });
  }

  test('for an STS endpoint whose host name cannot be resolved', async () => {
    const { result, home } = await refreshThrough(UNRESOLVABLE_URL, { type: 'pass' });
    try {
      assertCleanFailure(result, /resolve|DNS|not found/i, /AWS_ENDPOINT_URL|endpoint|DNS|network/i);
    } finally {
      home.cleanup();
    }
  });

  test('for an STS endpoint on a closed port', async () => {
    const { result, home } = await refreshThrough(`http://127.0.0.1:${await freePort()}`, { type: 'pass' });
    try {
      assertCleanFailure(result, /connect|refused|reach/i, /AWS_ENDPOINT_URL|endpoint|network/i);
    } finally {
      home.cleanup();
    }
  });
});
