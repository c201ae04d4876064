// `rolekeeper console PROFILE --print` against moto_server (STS) and a loopback stand-in of the
// AWS federation endpoint: the sign-in URL carries the SigninToken of the role session's own
// credentials, on the partition's sign-in host; long-term keys are refused before any call; no
// secret reaches stderr or an error.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { makeTempHome, type TempHome } from '../helpers/temp-home';
import { startMoto, MOTO_ACCOUNT_ID, type Moto } from '../helpers/moto';
import { runCliAsync } from '../helpers/run-cli';
import { startFederationStandIn, type FederationStandIn } from '../helpers/federation-stand-in';

const SOURCE_SECRET = 'srcsecret/srcsecret+srcsecret0000000000';
const CONFIG = [
  '[profile src]',
  'aws_access_key_id = AKIAROLEKEEPERSRC001',
  `aws_secret_access_key = ${SOURCE_SECRET}`,
  '',
  '[profile dev]',
  `role_arn = arn:aws:iam::${MOTO_ACCOUNT_ID}:role/deploy`,
  'source_profile = src',
  'region = eu-central-1',
  '',
  '[profile china]',
  `role_arn = arn:aws-cn:iam::${MOTO_ACCOUNT_ID}:role/deploy`,
  'source_profile = src',
  'region = cn-north-1',
  '',
].join('\n');

let moto: Moto;
let federation: FederationStandIn;
before(async () => {
  moto = await startMoto();
  federation = await startFederationStandIn();
});
after(async () => {
  await moto.stop();
  await federation.stop();
});

function env(home: TempHome): Record<string, string> {
  return { ...home.env, AWS_ENDPOINT_URL: moto.url, AWS_DEFAULT_REGION: 'us-east-1', ROLEKEEPER_FEDERATION_ENDPOINT: federation.url };
}

/** The role session the refresh wrote to the AWS CLI cache: what the federation endpoint must get. */
function cachedSession(home: TempHome): Array<{ AccessKeyId: string; SecretAccessKey: string; SessionToken: string }> {
  const folder = join(home.home, '.aws', 'cli', 'cache');
  return readdirSync(folder).map((file) => (JSON.parse(readFileSync(join(folder, file), 'utf8')) as { Credentials: { AccessKeyId: string; SecretAccessKey: string; SessionToken: string } }).Credentials);
}

for (const [profile, partition, signinHost, consoleHost, region] of [
  ['dev', 'aws', 'signin.aws.amazon.com', 'console.aws.amazon.com', 'eu-central-1'],
  ['china', 'aws-cn', 'signin.amazonaws.cn', 'console.amazonaws.cn', 'cn-north-1'],
] as const) {
  test(`console ${profile} --print returns the ${partition} sign-in URL with the SigninToken of the role session's credentials`, async () => {
    const home = makeTempHome({ config: CONFIG });
    try {
      const before = federation.requests.length;
      const result = await runCliAsync(['console', profile, '--print', '--service', 'ec2'], env(home));
      assert.equal(result.code, 0, result.stderr);
      const [session] = cachedSession(home);
      assert.ok(session?.SessionToken, 'the role session was fetched from STS and cached');
      const requests = federation.requests.slice(before);
      assert.equal(requests.length, 1);
      assert.equal(requests[0].action, 'getSigninToken');
      assert.deepEqual(requests[0].session, { sessionId: session.AccessKeyId, sessionKey: session.SecretAccessKey, sessionToken: session.SessionToken });
      const url = new URL(result.stdout.trim());
      assert.equal(url.origin, `https://${signinHost}`);
      assert.equal(url.pathname, '/federation');
      assert.equal(url.searchParams.get('Action'), 'login');
      assert.equal(url.searchParams.get('SigninToken'), federation.tokenFor(requests[0].session!));
      assert.equal(url.searchParams.get('Destination'), `https://${consoleHost}/ec2/home?region=${region}`);
      assert.ok(url.searchParams.get('Issuer'));
      for (const secret of [session.SecretAccessKey, session.SessionToken, SOURCE_SECRET]) {
        assert.ok(!result.stdout.includes(secret) && !result.stderr.includes(secret), 'no key or token is printed, only the sign-in token');
      }
      assert.match(result.stderr, /do not share it/);
    } finally {
      home.cleanup();
    }
  });
}

test('long-term keys are refused with the reason and how to get a session, before any call', async () => {
  const home = makeTempHome({ config: CONFIG });
  try {
    const before = federation.requests.length;
    const result = await runCliAsync(['console', 'src', '--print'], env(home));
    assert.equal(result.code, 1);
    assert.equal(result.stdout, '');
    assert.match(result.stderr, /long-term keys \(no session\).*needs a role session.*role_arn with source_profile = src/s);
    assert.equal(federation.requests.length, before, 'the federation endpoint was not called');
    assert.ok(!result.stderr.includes(SOURCE_SECRET));
  } finally {
    home.cleanup();
  }
});

test('a refusal by the federation endpoint names its host and status, never the session it was handed', async () => {
  const home = makeTempHome({ config: CONFIG });
  federation.refuse = true;
  try {
    const result = await runCliAsync(['console', 'dev', '--print'], env(home));
    assert.equal(result.code, 1);
    assert.equal(result.stdout, '');
    assert.match(result.stderr, /sign-in endpoint 127\.0\.0\.1:\d+ refused the role session \(HTTP 400\)/);
    const [session] = cachedSession(home);
    for (const secret of [session.SecretAccessKey, session.SessionToken, session.AccessKeyId, SOURCE_SECRET]) assert.ok(!result.stderr.includes(secret), 'no part of the session in the error');
  } finally {
    federation.refuse = false;
    home.cleanup();
  }
});

test('a bad --service or --region is a clear error, in German too', async () => {
  const home = makeTempHome({ config: CONFIG });
  try {
    const result = await runCliAsync(['console', 'dev', '--print', '--service', 'ec2/../x'], env(home));
    assert.equal(result.code, 1);
    assert.match(result.stderr, /"ec2\/\.\.\/x" is not a console service name/);
    const german = await runCliAsync(['console', 'dev', '--print', '--region', 'mars'], { ...env(home), LANG: 'de_DE.UTF-8' });
    assert.match(german.stderr, /„mars“ ist kein Regionsname/);
  } finally {
    home.cleanup();
  }
});
