// Interoperability with the real AWS CLIs: v1 (`aws`, botocore, honours AWS_ENDPOINT_URL_SSO*) and
// Debian's v2 2.9.19 (`/usr/bin/aws`, redirected by endpoint rule sets under AWS_DATA_PATH), with
// SSO and SSO-OIDC served by the loopback stand-in and STS by moto_server.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { makeTempHome, type TempHome } from '../helpers/temp-home';
import { startMoto, type Moto } from '../helpers/moto';
import { runAwsAsync, writeSsoRuleSets, awsCliEnv } from '../helpers/aws-cli';
import { runCliAsync } from '../helpers/run-cli';
import { startSsoStandIn, standInEnv, type SsoStandIn } from '../helpers/sso-stand-in';
import { sha1Hex } from '../../src/main/core/caches/cli-cache-key';

const START_URL = 'https://d-1234567890.awsapps.com/start';
const CONFIG = `[profile prod-ro]
sso_session = corp
sso_account_id = 111111111111
sso_role_name = ReadOnly
region = us-east-1

[profile deploy]
role_arn = arn:aws:iam::123456789012:role/deploy
source_profile = prod-ro
region = us-east-1

[sso-session corp]
sso_start_url = ${START_URL}
sso_region = us-east-1
sso_registration_scopes = sso:account:access
`;

let standIn: SsoStandIn;
let moto: Moto;
before(async () => {
  standIn = await startSsoStandIn();
  moto = await startMoto();
});
after(async () => {
  await standIn.close();
  await moto.stop();
});

function home(): TempHome {
  return makeTempHome({ config: CONFIG, env: standInEnv(standIn) });
}

/** The environment under which the CLI sends STS to moto and SSO/SSO-OIDC to the stand-in. */
function cliEnv(version: 1 | 2, h: TempHome): Record<string, string> {
  const env = awsCliEnv({ version, base: h.env, stsEndpoint: moto.url });
  if (version === 1) return { ...env, ...standInEnv(standIn) };
  writeSsoRuleSets(env.AWS_DATA_PATH, standIn.url);
  return env;
}

const tokenFile = (h: TempHome): string => join(h.home, '.aws', 'sso', 'cache', `${sha1Hex('corp')}.json`);

for (const version of [1, 2] as const) {
  test(`CLI v${version} signs with a token that rolekeeper sso login wrote (GetRoleCredentials at the stand-in)`, async () => {
    const h = home();
    try {
      const login = await runCliAsync(['sso', 'login', '--session', 'corp', '--use-device-code'], { ...h.env, BROWSER: '' });
      assert.equal(login.code, 0, login.stderr);
      assert.match(login.stderr, /ABCD-EFGH/);
      const before = standIn.operations('GetRoleCredentials').filter((call) => call.status === 200).length;
      const result = await runAwsAsync(version === 1 ? 'aws' : '/usr/bin/aws', ['sts', 'get-caller-identity', '--profile', 'prod-ro', '--output', 'json'], cliEnv(version, h));
      assert.equal(result.code, 0, result.stderr);
      assert.ok(standIn.operations('GetRoleCredentials').filter((call) => call.status === 200).length > before);
    } finally {
      h.cleanup();
    }
  });
}

test('after rolekeeper refresh, CLI v2 makes no SSO call: it reads the SSO entry Rolekeeper wrote, while the stand-in refuses everything', async () => {
  const h = home();
  try {
    assert.equal((await runCliAsync(['sso', 'login', '--session', 'corp', '--use-device-code'], h.env)).code, 0);
    const refresh = await runCliAsync(['refresh', 'prod-ro'], h.env);
    assert.equal(refresh.code, 0, refresh.stderr);
    standIn.refuseAll = true;
    const refused = standIn.calls.length;
    try {
      const result = await runAwsAsync('/usr/bin/aws', ['sts', 'get-caller-identity', '--profile', 'prod-ro', '--output', 'json'], cliEnv(2, h));
      assert.equal(result.code, 0, result.stderr);
      // CLI v1 keeps no SSO file cache: the same call fails at the refusing stand-in.
      const v1 = await runAwsAsync('aws', ['sts', 'get-caller-identity', '--profile', 'prod-ro'], cliEnv(1, h));
      assert.notEqual(v1.code, 0);
      assert.equal(standIn.calls.slice(refused).filter((call) => call.operation === 'GetRoleCredentials').length, 1);
    } finally {
      standIn.refuseAll = false;
    }
  } finally {
    h.cleanup();
  }
});

test('a role chain whose source is an SSO profile works in CLI v1 and v2 from the entries Rolekeeper wrote', async () => {
  const h = home();
  try {
    assert.equal((await runCliAsync(['sso', 'login', '--session', 'corp', '--use-device-code'], h.env)).code, 0);
    const refresh = await runCliAsync(['refresh', 'deploy'], { ...h.env, AWS_ENDPOINT_URL_STS: moto.url });
    assert.equal(refresh.code, 0, refresh.stderr);
    for (const version of [1, 2] as const) {
      const result = await runAwsAsync(version === 1 ? 'aws' : '/usr/bin/aws', ['sts', 'get-caller-identity', '--profile', 'deploy', '--output', 'json'], cliEnv(version, h));
      assert.equal(result.code, 0, `v${version}: ${result.stderr}`);
      assert.match(result.stdout, /assumed-role\/deploy\//);
    }
  } finally {
    h.cleanup();
  }
});

test('a token the real CLI v2 login wrote is read and renewed by Rolekeeper inside the 15-minute window', async () => {
  const h = home();
  try {
    const login = await runAwsAsync('/usr/bin/aws', ['sso', 'login', '--sso-session', 'corp', '--no-browser'], cliEnv(2, h));
    assert.equal(login.code, 0, login.stderr);
    const written = JSON.parse(readFileSync(tokenFile(h), 'utf8'));
    assert.ok(written.refreshToken);
    written.expiresAt = new Date(Date.now() + 10 * 60_000).toISOString().replace(/\.\d+Z$/, 'Z');
    writeFileSync(tokenFile(h), JSON.stringify(written));
    const refreshes = standIn.calls.filter((call) => call.detail === 'refresh_token' && call.status === 200).length;
    const refresh = await runCliAsync(['refresh', 'prod-ro'], h.env);
    assert.equal(refresh.code, 0, refresh.stderr);
    assert.equal(standIn.calls.filter((call) => call.detail === 'refresh_token' && call.status === 200).length, refreshes + 1);
    const renewed = JSON.parse(readFileSync(tokenFile(h), 'utf8'));
    assert.notEqual(renewed.accessToken, written.accessToken);
    assert.equal(renewed.clientId, written.clientId);
    // And the CLI uses the renewed token without refreshing it itself.
    const result = await runAwsAsync('aws', ['sts', 'get-caller-identity', '--profile', 'prod-ro'], cliEnv(1, h));
    assert.equal(result.code, 0, result.stderr);
    assert.equal(standIn.calls.filter((call) => call.detail === 'refresh_token').length, refreshes + 1);
  } finally {
    h.cleanup();
  }
});

test('list, refresh and both real CLIs agree on a token file’s time: "…UTC" and "+0000" are usable, a time without zone breaks them all', { timeout: 120_000 }, async () => {
  for (const form of ['UTC', '+0000', 'no zone'] as const) {
    const h = home();
    try {
      const login = await runCliAsync(['sso', 'login', '--session', 'corp', '--use-device-code'], { ...h.env, BROWSER: '' });
      assert.equal(login.code, 0, login.stderr);
      const token = JSON.parse(readFileSync(tokenFile(h), 'utf8')) as Record<string, string>;
      const inAnHour = new Date(Date.now() + 3600_000).toISOString().replace(/\.\d+Z$/, '');
      token.expiresAt = form === 'UTC' ? `${inAnHour.replace('T', ' ')}UTC` : form === '+0000' ? `${inAnHour}+0000` : inAnHour;
      writeFileSync(tokenFile(h), JSON.stringify(token));
      const usable = form !== 'no zone';
      // First, while only the token speaks for the profile (the CLIs write role entries of their own).
      const listed = JSON.parse((await runCliAsync(['list', '--json'], h.env)).stdout) as Array<{ name: string; status: string }>;
      assert.equal(listed.find((profile) => profile.name === 'prod-ro')?.status, usable ? 'valid' : 'error', form);
      for (const version of [1, 2] as const) {
        const aws = await runAwsAsync(version === 1 ? 'aws' : '/usr/bin/aws', ['sts', 'get-caller-identity', '--profile', 'prod-ro', '--output', 'json'], cliEnv(version, h));
        assert.equal(aws.code === 0, usable, `CLI v${version}, ${form}: ${aws.stderr}`);
      }
      const refreshed = await runCliAsync(['refresh', 'prod-ro'], { ...h.env, AWS_ENDPOINT_URL_STS: moto.url });
      assert.equal(refreshed.code === 0, usable, `${form}: ${refreshed.stderr}`);
    } finally {
      h.cleanup();
    }
  }
});
