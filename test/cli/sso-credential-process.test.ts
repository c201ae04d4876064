// SSO profiles on Rolekeeper's fresh paths for AWS CLI v1 (whose SSO provider keeps no file cache):
// `rolekeeper keep` takes an SSO profile, and `rolekeeper setup credential-process` gives the real
// CLI v1 a profile whose credentials come from GetRoleCredentials through Rolekeeper, cached, so a
// second call makes no SSO call while the stand-in refuses everything.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { makeTempHome, type TempHome } from '../helpers/temp-home';
import { startMoto, type Moto } from '../helpers/moto';
import { awsCliEnv, runAwsAsync } from '../helpers/aws-cli';
import { runCliAsync } from '../helpers/run-cli';
import { startSsoStandIn, standInEnv, type SsoStandIn } from '../helpers/sso-stand-in';

const CONFIG = `[profile prod-ro]
sso_session = corp
sso_account_id = 111111111111
sso_role_name = ReadOnly
region = us-east-1

[sso-session corp]
sso_start_url = https://d-1234567890.awsapps.com/start
sso_region = us-east-1
`;

let standIn: SsoStandIn;
let moto: Moto;
before(async () => {
  standIn = await startSsoStandIn();
  moto = await startMoto();
});
after(async () => {
  standIn.refuseAll = false;
  await standIn.close();
  await moto.stop();
});

const succeeded = (operation: string): number => standIn.operations(operation).filter((call) => call.status === 200).length;

test('rolekeeper keep takes an SSO profile; setup credential-process serves it to the real CLI v1, the second call from the cache with SSO refusing every call', async () => {
  const home: TempHome = makeTempHome({ config: CONFIG, env: standInEnv(standIn) });
  try {
    assert.equal((await runCliAsync(['sso', 'login', '--session', 'corp', '--use-device-code'], { ...home.env, BROWSER: '' })).code, 0);
    const keep = await runCliAsync(['keep', 'prod-ro'], home.env);
    assert.equal(keep.code, 0, keep.stderr);
    assert.match(keep.stdout, /kept fresh: prod-ro/);

    const setup = await runCliAsync(['setup', 'credential-process', 'prod-ro'], home.env);
    assert.equal(setup.code, 0, setup.stderr);
    assert.match(readFileSync(home.configFile, 'utf8'), /\[profile prod-ro-rk\]\ncredential_process = .*credential-process prod-ro\nregion = us-east-1/);

    const env = { ...awsCliEnv({ version: 1, base: home.env, stsEndpoint: moto.url }), ...standInEnv(standIn) };
    const before = succeeded('GetRoleCredentials');
    const first = await runAwsAsync('aws', ['sts', 'get-caller-identity', '--profile', 'prod-ro-rk', '--output', 'json'], env);
    assert.equal(first.code, 0, first.stderr);
    assert.equal(succeeded('GetRoleCredentials') - before, 1, 'the credentials came from GetRoleCredentials');
    assert.ok(!/accessToken|SecretAccessKey/.test(first.stderr));

    standIn.refuseAll = true;
    const refusedBefore = standIn.calls.length;
    const second = await runAwsAsync('aws', ['sts', 'get-caller-identity', '--profile', 'prod-ro-rk', '--output', 'json'], env);
    assert.equal(second.code, 0, second.stderr);
    assert.equal(standIn.calls.length, refusedBefore, 'no SSO call at all');
    assert.equal(JSON.parse(second.stdout).Account, JSON.parse(first.stdout).Account);
    assert.ok(readFileSync(join(home.home, '.aws', 'config'), 'utf8').includes('[profile prod-ro]'));
  } finally {
    standIn.refuseAll = false;
    home.cleanup();
  }
});
