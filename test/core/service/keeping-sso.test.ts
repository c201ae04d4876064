// A kept SSO profile in the background keeper, through the real SDK clients against the SSO
// stand-in: refreshed at once with GetRoleCredentials, served on the loopback endpoint from memory,
// and written to the AWS CLI v2 cache entry; no STS call anywhere.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { withTempHome } from '../../helpers/temp-home';
import { startSsoStandIn, standInEnv, type SsoStandIn } from '../../helpers/sso-stand-in';
import { recordingSts } from '../../helpers/recording-sts';
import { createRolekeeperService } from '../../../src/main/core/service/rolekeeper-service';
import { startKeeping } from '../../../src/main/core/service/keeping';
import { changeStore } from '../../../src/main/core/credentials/rolekeeper-store';
import { endpointTokens } from '../../../src/main/core/credentials/endpoint-export';
import { SSO_CORP_CONFIG } from '../../helpers/sso-config';

const CONFIG = SSO_CORP_CONFIG;

let standIn: SsoStandIn;
before(async () => {
  standIn = await startSsoStandIn();
});
after(() => standIn.close());

test('a kept SSO profile is refreshed by the keeper and served on the endpoint from memory, with GetRoleCredentials only', async () => {
  await withTempHome({ config: CONFIG, env: standInEnv(standIn) }, async (home) => {
    const sts = recordingSts();
    const service = createRolekeeperService({ environment: home.environment, sts });
    await service.ssoLogin({ session: 'corp' }, { flow: 'device', onPrompt: () => undefined, sleep: async () => undefined });
    await changeStore(home.environment, (data) => (data.kept = ['prod-ro']));
    service.reload();
    const before = standIn.operations('GetRoleCredentials').length;
    const keeping = await startKeeping(service, { endpoint: { port: 0 }, watch: false });
    // Issued after the start: each start replaces the tokens issued before it.
    const token = endpointTokens(home.environment).ensure('prod-ro');
    try {
      const started = Date.now();
      while (service.state.get('prod-ro')?.status !== 'fresh') {
        assert.ok(Date.now() - started < 15_000, `the first refresh: ${JSON.stringify(service.state.get('prod-ro'))}`);
        await new Promise((resolve) => setTimeout(resolve, 25));
      }
      assert.equal(standIn.operations('GetRoleCredentials').length - before, 1);
      const response = await fetch(`http://127.0.0.1:${keeping.endpoint?.port}/v1/credentials/prod-ro`, { headers: { authorization: token } });
      assert.equal(response.status, 200);
      const body = (await response.json()) as Record<string, string>;
      assert.match(body.AccessKeyId, /^ASIA/);
      assert.equal(body.Expiration, service.state.get('prod-ro')?.expiresAt?.replace(/\.\d{3}Z$/, 'Z'));
      assert.deepEqual(service.state.get('prod-ro')?.sinks.includes('endpoint'), true);
      assert.equal(standIn.operations('GetRoleCredentials').length - before, 1, 'served from memory');
      assert.equal(sts.calls.length, 0);
    } finally {
      await keeping.stop();
    }
  });
});
