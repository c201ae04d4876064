import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import {
  accountIdFromArn,
  assumeRole,
  defaultRoleSessionName,
  effectiveDuration,
  getCallerIdentity,
  getSessionToken,
  measureClockSkew,
  sanitizeRoleSessionName,
} from '../../../src/main/core/sts/sts-gateway';
import { createStsClient, resolveStsEndpoint, resolveStsRegion } from '../../../src/main/core/sts/sts-client-factory';
import { createMfaSessionCache, obtainMfaSession } from '../../../src/main/core/sts/mfa-session';
import { awsSdkSts } from '../../../src/main/core/sts/sts-port';
import { RefreshError, type AwsCredentials } from '../../../src/main/core/model/credentials';
import { english, say, translator } from '../../../src/shared/i18n';
import { GetCallerIdentityCommand } from '@aws-sdk/client-sts';
import { freePort, MOTO_ACCOUNT_ID, startMoto, type Moto } from '../../helpers/moto';
import { startFaultProxy, type FaultProxy } from '../../helpers/fault-proxy';
import { cleanEnv, makeTempHome, type TempHome } from '../../helpers/temp-home';

const execFileAsync = promisify(execFile);
const ROLE_A = `arn:aws:iam::${MOTO_ACCOUNT_ID}:role/rolekeeper-a`;
const ROLE_B = `arn:aws:iam::${MOTO_ACCOUNT_ID}:role/rolekeeper-b`;
const MFA_SERIAL = `arn:aws:iam::${MOTO_ACCOUNT_ID}:mfa/alice`;
const TRUST = JSON.stringify({
  Version: '2012-10-17',
  Statement: [{ Effect: 'Allow', Principal: { AWS: `arn:aws:iam::${MOTO_ACCOUNT_ID}:root` }, Action: 'sts:AssumeRole' }],
});

let moto: Moto;
let proxy: FaultProxy;
let home: TempHome;
let alice: AwsCredentials;

/** The engine's environment: STS is the proxy in front of moto. */
function stsEnv(extra: Record<string, string> = {}): Record<string, string> {
  return { ...home.env, AWS_ENDPOINT_URL_STS: proxy.url, ...extra };
}

/** Moto's IAM query API, called directly (moto reads the service from the unverified signature). */
async function iam(action: string, params: Record<string, string>): Promise<string> {
  const response = await fetch(moto.url, {
    method: 'POST',
    headers: {
      'content-type': 'application/x-www-form-urlencoded',
      authorization: 'AWS4-HMAC-SHA256 Credential=testing/20260101/us-east-1/iam/aws4_request, SignedHeaders=host, Signature=0',
    },
    body: new URLSearchParams({ Action: action, Version: '2010-05-08', ...params }).toString(),
  });
  const text = await response.text();
  assert.equal(response.status, 200, `${action}: ${text}`);
  return text;
}

function xmlField(xml: string, name: string): string {
  const match = new RegExp(`<${name}>([^<]+)</${name}>`).exec(xml);
  assert.ok(match, `no <${name}> in the answer`);
  return match[1];
}

before(async () => {
  moto = await startMoto();
  proxy = await startFaultProxy(moto.url);
  home = makeTempHome();
  // An IAM user with its own (moto) access key, and the two roles it assumes.
  await iam('CreateUser', { UserName: 'alice' });
  const key = await iam('CreateAccessKey', { UserName: 'alice' });
  alice = { accessKeyId: xmlField(key, 'AccessKeyId'), secretAccessKey: xmlField(key, 'SecretAccessKey') };
  await iam('CreateRole', { RoleName: 'rolekeeper-a', AssumeRolePolicyDocument: TRUST });
  await iam('CreateRole', { RoleName: 'rolekeeper-b', AssumeRolePolicyDocument: TRUST });
});

after(async () => {
  await proxy?.stop();
  await moto?.stop();
  home?.cleanup();
});

describe('STS calls against moto', () => {
  test('GetCallerIdentity with an IAM user key names that user', async () => {
    const identity = await getCallerIdentity(alice, null, stsEnv());
    assert.equal(identity.account, MOTO_ACCOUNT_ID);
    assert.equal(identity.arn, `arn:aws:iam::${MOTO_ACCOUNT_ID}:user/alice`);
    assert.ok(identity.userId.length > 0);
  });

  test('assuming a role returns expiring credentials, the account, and a CLI-cache-shaped response', async () => {
    const result = await assumeRole({ sourceCredentials: alice, roleArn: ROLE_A, roleSessionName: 'unit-a', env: stsEnv() });
    assert.match(result.credentials.accessKeyId, /^ASIA/);
    assert.ok(result.credentials.expiration.getTime() > Date.now());
    assert.equal(result.credentials.accountId, MOTO_ACCOUNT_ID);
    assert.equal(result.assumedRoleUser.arn, `arn:aws:sts::${MOTO_ACCOUNT_ID}:assumed-role/rolekeeper-a/unit-a`);
    assert.match(result.assumedRoleUser.assumedRoleId, /:unit-a$/);
    assert.match(result.response.Credentials.Expiration, /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/);
    assert.equal(result.response.Credentials.AccountId, MOTO_ACCOUNT_ID);
    assert.equal(result.response.Credentials.SessionToken, result.credentials.sessionToken);
    assert.equal(result.response.AssumedRoleUser.Arn, result.assumedRoleUser.arn);
    assert.equal(result.response.ResponseMetadata.HTTPStatusCode, 200);
    assert.deepEqual(result.notices, []);
  });

  test('GetCallerIdentity with assumed-role credentials returns the assumed role ARN', async () => {
    const result = await assumeRole({ sourceCredentials: alice, roleArn: ROLE_A, roleSessionName: 'who-am-i', env: stsEnv() });
    const identity = await getCallerIdentity(result.credentials, null, stsEnv());
    assert.equal(identity.arn, `arn:aws:sts::${MOTO_ACCOUNT_ID}:assumed-role/rolekeeper-a/who-am-i`);
  });

  test('role chaining assumes role B with role A credentials and caps the session at one hour', async () => {
    const first = await assumeRole({ sourceCredentials: alice, roleArn: ROLE_A, roleSessionName: 'hop-1', env: stsEnv() });
    const before = proxy.requestsFor('AssumeRole').length;
    const second = await assumeRole({
      sourceCredentials: first.credentials,
      roleArn: ROLE_B,
      roleSessionName: 'hop-2',
      durationSeconds: 43_200,
      env: stsEnv(),
    });
    const sent = proxy.requestsFor('AssumeRole').slice(before);
    assert.equal(sent.length, 1);
    assert.equal(sent[0].form.DurationSeconds, '3600');
    assert.equal(second.durationSeconds, 3600);
    assert.deepEqual(second.notices.map((notice) => say(english, notice)), ['Role chaining caps sessions at 1 hour: asked for 43200 s, using 3600 s.']);
    assert.equal(say(translator('de'), second.notices[0]), 'Verkettete Rollen sind auf 1 Stunde begrenzt: 43200 s angefragt, 3600 s verwendet.');
    const identity = await getCallerIdentity(second.credentials, null, stsEnv());
    assert.equal(identity.arn, `arn:aws:sts::${MOTO_ACCOUNT_ID}:assumed-role/rolekeeper-b/hop-2`);
  });

  test('a long duration from long-term keys is sent unchanged', async () => {
    const before = proxy.requestsFor('AssumeRole').length;
    const result = await assumeRole({ sourceCredentials: alice, roleArn: ROLE_A, durationSeconds: 43_200, env: stsEnv() });
    assert.equal(proxy.requestsFor('AssumeRole').slice(before)[0].form.DurationSeconds, '43200');
    assert.deepEqual(result.notices, []);
  });

  test('external id and a default session name are passed to STS', async () => {
    const before = proxy.requestsFor('AssumeRole').length;
    const result = await assumeRole({
      sourceCredentials: alice,
      roleArn: ROLE_A,
      externalId: 'partner-42',
      env: stsEnv(),
      userName: 'Jane Doe',
      now: () => 1_700_000_000_000,
    });
    const sent = proxy.requestsFor('AssumeRole').slice(before)[0];
    assert.equal(sent.form.ExternalId, 'partner-42');
    assert.equal(sent.form.RoleSessionName, 'rolekeeper-Jane-Doe-1700000000');
    assert.equal(sent.form.DurationSeconds, undefined);
    assert.equal(result.roleSessionName, 'rolekeeper-Jane-Doe-1700000000');
  });

  test('an MFA role sends the serial number and the code with AssumeRole', async () => {
    const before = proxy.requestsFor('AssumeRole').length;
    await assumeRole({ sourceCredentials: alice, roleArn: ROLE_A, mfaSerial: MFA_SERIAL, mfaCode: '123456', env: stsEnv() });
    const sent = proxy.requestsFor('AssumeRole').slice(before)[0];
    assert.equal(sent.form.SerialNumber, MFA_SERIAL);
    assert.equal(sent.form.TokenCode, '123456');
  });

  test('an MFA role without a code fails as mfa-required before calling STS', async () => {
    const before = proxy.requests.length;
    await assert.rejects(
      assumeRole({ sourceCredentials: alice, roleArn: ROLE_A, mfaSerial: MFA_SERIAL, env: stsEnv(), profile: 'admin' }),
      (error: unknown) => error instanceof RefreshError && error.kind === 'mfa-required' && error.profile === 'admin',
    );
    assert.equal(proxy.requests.length, before);
  });

  test('a code that is not six digits fails as mfa-invalid without repeating it', async () => {
    await assert.rejects(
      assumeRole({ sourceCredentials: alice, roleArn: ROLE_A, mfaSerial: MFA_SERIAL, mfaCode: '98x7', env: stsEnv() }),
      (error: unknown) => error instanceof RefreshError && error.kind === 'mfa-invalid' && !`${error.message} ${error.fix}`.includes('98x7'),
    );
  });

  test('GetSessionToken asks for twelve hours by default and sends the MFA serial and code', async () => {
    const before = proxy.requestsFor('GetSessionToken').length;
    const result = await getSessionToken({ sourceCredentials: alice, mfaSerial: MFA_SERIAL, mfaCode: '654321', env: stsEnv() });
    const sent = proxy.requestsFor('GetSessionToken').slice(before)[0];
    assert.equal(sent.form.DurationSeconds, '43200');
    assert.equal(sent.form.SerialNumber, MFA_SERIAL);
    assert.equal(sent.form.TokenCode, '654321');
    assert.equal(result.durationSeconds, 43_200);
    assert.ok(result.credentials.sessionToken.length > 0);
    assert.ok(result.credentials.expiration instanceof Date);
  });

  test('an MFA session is asked for once, then reused from memory and from its 0600 file', async () => {
    const folder = join(home.home, 'rolekeeper-mfa');
    let asked = 0;
    const mfaCode = () => {
      asked += 1;
      return '111222';
    };
    const cache = createMfaSessionCache({ folder });
    const before = proxy.requestsFor('GetSessionToken').length;
    const first = await obtainMfaSession({ sts: awsSdkSts, cache, sourceCredentials: alice, mfaSerial: MFA_SERIAL, mfaCode, env: stsEnv(), minValidMs: 0 });
    const second = await obtainMfaSession({ sts: awsSdkSts, cache, sourceCredentials: alice, mfaSerial: MFA_SERIAL, mfaCode, env: stsEnv(), minValidMs: 0 });
    const fromDisk = await obtainMfaSession({
      sts: awsSdkSts,
      cache: createMfaSessionCache({ folder }),
      sourceCredentials: alice,
      mfaSerial: MFA_SERIAL,
      mfaCode,
      env: stsEnv(),
      minValidMs: 0,
    });
    assert.equal(asked, 1);
    assert.equal(proxy.requestsFor('GetSessionToken').length - before, 1);
    assert.deepEqual([first.fromCache, second.fromCache, fromDisk.fromCache], [false, true, true]);
    assert.equal(fromDisk.credentials.sessionToken, first.credentials.sessionToken);
    const files = readdirSync(folder);
    assert.equal(files.length, 1);
    if (process.platform !== 'win32') assert.equal(statSync(join(folder, files[0])).mode & 0o777, 0o600);
  });

  test('an MFA session about to expire is not reused', async () => {
    const cache = createMfaSessionCache({ now: () => Date.now() });
    let asked = 0;
    const mfaCode = () => {
      asked += 1;
      return '333444';
    };
    await obtainMfaSession({ sts: awsSdkSts, cache, sourceCredentials: alice, mfaSerial: MFA_SERIAL, mfaCode, env: stsEnv(), durationSeconds: 900 });
    // Fifteen minutes of validity is not more than the default fifteen-minute minimum.
    await obtainMfaSession({ sts: awsSdkSts, cache, sourceCredentials: alice, mfaSerial: MFA_SERIAL, mfaCode, env: stsEnv(), durationSeconds: 900, minValidMs: 16 * 60_000 });
    assert.equal(asked, 2);
  });
});

describe('endpoint and region', () => {
  test('AWS_ENDPOINT_URL_STS wins over AWS_ENDPOINT_URL, which wins over the profile settings', () => {
    const profile = { endpointUrl: 'http://profile', servicesEndpointUrl: 'http://services' };
    assert.equal(resolveStsEndpoint({ AWS_ENDPOINT_URL_STS: 'http://sts', AWS_ENDPOINT_URL: 'http://all' }, profile), 'http://sts');
    assert.equal(resolveStsEndpoint({ AWS_ENDPOINT_URL: 'http://all' }, profile), 'http://all');
    assert.equal(resolveStsEndpoint({}, profile), 'http://services');
    assert.equal(resolveStsEndpoint({}, { endpointUrl: 'http://profile' }), 'http://profile');
    assert.equal(resolveStsEndpoint({}, undefined), null);
    assert.equal(resolveStsEndpoint({ AWS_ENDPOINT_URL_STS: 'http://sts', AWS_IGNORE_CONFIGURED_ENDPOINT_URLS: 'TRUE' }, profile), null);
    assert.equal(resolveStsEndpoint({ AWS_ENDPOINT_URL: 'http://all' }, { ...profile, ignoreConfiguredEndpointUrls: true }), null);
  });

  test('the region comes from the argument, then AWS_REGION, AWS_DEFAULT_REGION, the profile, then us-east-1', () => {
    const env = { AWS_REGION: 'eu-west-1', AWS_DEFAULT_REGION: 'eu-west-2' };
    assert.equal(resolveStsRegion('ap-south-1', env, { region: 'sa-east-1' }), 'ap-south-1');
    assert.equal(resolveStsRegion(null, env, { region: 'sa-east-1' }), 'eu-west-1');
    assert.equal(resolveStsRegion(null, { AWS_DEFAULT_REGION: 'eu-west-2' }, { region: 'sa-east-1' }), 'eu-west-2');
    assert.equal(resolveStsRegion(undefined, {}, { region: 'sa-east-1' }), 'sa-east-1');
    assert.equal(resolveStsRegion(undefined, {}), 'us-east-1');
  });

  test('requests are signed for the resolved region', async () => {
    const before = proxy.requests.length;
    await getCallerIdentity(alice, null, stsEnv({ AWS_DEFAULT_REGION: 'eu-central-1' }));
    await getCallerIdentity(alice, null, stsEnv());
    const [withRegion, withDefault] = proxy.requests.slice(before);
    assert.match(String(withRegion.headers.authorization), /\/eu-central-1\/sts\/aws4_request/);
    assert.match(String(withDefault.headers.authorization), /\/us-east-1\/sts\/aws4_request/);
  });

  test('the service-specific endpoint is used even when AWS_ENDPOINT_URL points at a closed port', async () => {
    const closed = `http://127.0.0.1:${await freePort()}`;
    const identity = await getCallerIdentity(alice, null, stsEnv({ AWS_ENDPOINT_URL: closed }));
    assert.equal(identity.account, MOTO_ACCOUNT_ID);
  });

  test("the SDK reads neither this process's AWS variables nor the real config files", async () => {
    const closed = `http://127.0.0.1:${await freePort()}`;
    const poisoned = makeTempHome({ config: `[default]\nregion = eu-north-1\nendpoint_url = ${closed}\nmax_attempts = 9\n` });
    const saved = { ...process.env };
    Object.assign(process.env, {
      HOME: poisoned.home,
      AWS_CONFIG_FILE: poisoned.configFile,
      AWS_ENDPOINT_URL: closed,
      AWS_ENDPOINT_URL_STS: closed,
      AWS_REGION: 'eu-north-1',
    });
    try {
      const connection = createStsClient({ credentials: alice, env: { ...cleanEnv(), AWS_ENDPOINT_URL_STS: proxy.url } });
      const before = proxy.requests.length;
      const output = await connection.client.send(new GetCallerIdentityCommand({}));
      connection.client.destroy();
      assert.equal(output.Account, MOTO_ACCOUNT_ID);
      assert.equal(connection.region, 'us-east-1');
      assert.match(String(proxy.requests[before].headers.authorization), /\/us-east-1\/sts\//);
    } finally {
      for (const key of Object.keys(process.env)) if (!(key in saved)) delete process.env[key];
      Object.assign(process.env, saved);
      poisoned.cleanup();
    }
  });
  test('the SDK never opens the shared config or credentials files', async () => {
    const probe = makeTempHome({ config: '[default]\nregion = eu-north-1\n', credentials: '[default]\naws_access_key_id = AKIAPOISON\n' });
    try {
      // The SDK binds fs/promises.readFile when it loads, so the spy goes in before it, in a child.
      const spy = probe.write(
        'spy.js',
        "const fsp = require('node:fs/promises'); const read = fsp.readFile; globalThis.awsReads = [];\n" +
          "fsp.readFile = function (file, ...rest) { if (String(file).includes('.aws')) globalThis.awsReads.push(String(file)); return read.call(this, file, ...rest); };\n",
      );
      const factory = join(__dirname, '..', '..', '..', 'src', 'main', 'core', 'sts', 'sts-client-factory.ts');
      const script = probe.write(
        'probe.ts',
        `import { GetCallerIdentityCommand } from ${JSON.stringify(require.resolve('@aws-sdk/client-sts'))};\n` +
          `import { createStsClient } from ${JSON.stringify(factory)};\n` +
          `const connection = createStsClient({ credentials: { accessKeyId: 'AKIAPROBE', secretAccessKey: 'x' }, env: { AWS_ENDPOINT_URL_STS: ${JSON.stringify(proxy.url)} }, maxAttempts: 1 });\n` +
          `connection.client.send(new GetCallerIdentityCommand({})).then((out) => { connection.client.destroy(); console.log(JSON.stringify({ account: out.Account, reads: (globalThis as any).awsReads })); });\n`,
      );
      // Asynchronously: this process hosts the proxy the child talks to.
      const { stdout: output } = await execFileAsync(process.execPath, ['--require', spy, '--import', 'tsx', script], {
        cwd: join(__dirname, '..', '..', '..'),
        env: { ...probe.env, AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true' },
        encoding: 'utf8',
      });
      const result = JSON.parse(output.trim().split('\n').pop() ?? '{}') as { account: string; reads: string[] };
      assert.equal(result.account, MOTO_ACCOUNT_ID);
      assert.deepEqual(result.reads, []);
    } finally {
      probe.cleanup();
    }
  });
});

describe('clock skew', () => {
  test('a Date header ten minutes ahead is measured as an error-level skew', async () => {
    proxy.setFault({ type: 'skew', offsetMs: 10 * 60_000 });
    try {
      const report = await measureClockSkew({ credentials: alice, env: stsEnv() });
      assert.equal(report.severity, 'error');
      assert.ok(Math.abs(report.offsetMs - 600_000) < 5_000, `offset ${report.offsetMs}`);
      assert.match(report.message, /behind AWS/);
    } finally {
      proxy.setFault({ type: 'pass' });
    }
  });

  test('a clock ninety seconds ahead of AWS is a warning', async () => {
    proxy.setFault({ type: 'skew', offsetMs: -90_000 });
    try {
      const report = await measureClockSkew({ env: stsEnv() });
      assert.equal(report.severity, 'warning');
      assert.match(report.message, /ahead of AWS/);
    } finally {
      proxy.setFault({ type: 'pass' });
    }
  });

  test('a correct clock is ok, measured even from a rejected request', async () => {
    proxy.setFault({ type: 'sts-error', status: 403, code: 'InvalidClientTokenId', message: 'The security token included in the request is invalid' });
    try {
      const report = await measureClockSkew({ env: stsEnv() });
      assert.equal(report.severity, 'ok');
      assert.equal(report.message, '');
      assert.ok(Math.abs(report.offsetMs) < 5_000);
    } finally {
      proxy.setFault({ type: 'pass' });
    }
  });

  test('measuring the clock with STS unreachable fails as a network error', async () => {
    const closed = `http://127.0.0.1:${await freePort()}`;
    await assert.rejects(
      measureClockSkew({ env: { ...home.env, AWS_ENDPOINT_URL_STS: closed } }),
      (error: unknown) => error instanceof RefreshError && error.kind === 'network',
    );
  });

  test('a signature-expired rejection is retried once with the clock corrected to the server time', async () => {
    const offset = 20 * 60_000;
    proxy.setFault(
      { type: 'sts-error', status: 403, code: 'SignatureDoesNotMatch', message: 'Signature expired: 20260101T000000Z is now earlier than 20260101T001000Z (20260101T001500Z - 5 min.)', dateOffsetMs: offset },
      { times: 1 },
    );
    const before = proxy.requestsFor('AssumeRole').length;
    const result = await assumeRole({ sourceCredentials: alice, roleArn: ROLE_A, roleSessionName: 'skewed', env: stsEnv(), maxAttempts: 1 });
    assert.equal(result.assumedRoleUser.arn, `arn:aws:sts::${MOTO_ACCOUNT_ID}:assumed-role/rolekeeper-a/skewed`);
    const [rejected, retried] = proxy.requestsFor('AssumeRole').slice(before);
    const signedAt = (request: typeof rejected) => {
      const stamp = String(request.headers['x-amz-date']);
      return Date.parse(`${stamp.slice(0, 4)}-${stamp.slice(4, 6)}-${stamp.slice(6, 8)}T${stamp.slice(9, 11)}:${stamp.slice(11, 13)}:${stamp.slice(13, 15)}Z`);
    };
    assert.ok(retried, 'a second request was sent');
    assert.ok(Math.abs(signedAt(retried) - signedAt(rejected) - offset) < 60_000);
  });
});

describe('pure helpers', () => {
  test('chained sessions are capped at one hour with a notice; others are left alone', () => {
    const capped = effectiveDuration(7200, { chained: true });
    assert.deepEqual({ ...capped, notice: capped.notice && say(english, capped.notice) }, {
      durationSeconds: 3600,
      capped: true,
      notice: 'Role chaining caps sessions at 1 hour: asked for 7200 s, using 3600 s.',
    });
    assert.deepEqual(effectiveDuration(7200, { chained: false }), { durationSeconds: 7200, capped: false, notice: null });
    assert.deepEqual(effectiveDuration(900, { chained: true }), { durationSeconds: 900, capped: false, notice: null });
    assert.deepEqual(effectiveDuration(undefined, { chained: true }), { durationSeconds: undefined, capped: false, notice: null });
  });

  test('session names keep to the STS pattern and 64 characters, keeping the time', () => {
    assert.equal(sanitizeRoleSessionName('a b/c:d'), 'a-b-c-d');
    assert.equal(sanitizeRoleSessionName('x'), 'x-');
    const long = defaultRoleSessionName({ env: {}, userName: 'é'.repeat(100), now: () => 1_700_000_000_000 });
    assert.equal(long.length, 64);
    assert.match(long, /^rolekeeper-[\w+=,.@-]+-1700000000$/);
    assert.equal(defaultRoleSessionName({ env: { USER: 'dev.ops@corp' }, now: () => 5_000 }), 'rolekeeper-dev.ops@corp-5');
  });

  test('the account id is read from an ARN', () => {
    assert.equal(accountIdFromArn('arn:aws:sts::123456789012:assumed-role/r/s'), '123456789012');
    assert.equal(accountIdFromArn('arn:aws-cn:iam::210987654321:user/u'), '210987654321');
    assert.equal(accountIdFromArn('not-an-arn'), undefined);
  });
});
