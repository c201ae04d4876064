// The PKCE sign-in's loopback listener against requests that are not the browser's redirect: a
// callback another local user (a process running as nobody) sends with a wrong state, and one with
// the right state under a foreign Host (a web page that rebinds a name to 127.0.0.1). Each is
// answered 400 and ignored; the real redirect that follows still signs in.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { request } from 'node:http';
import { join } from 'node:path';
import { withTempHome } from '../../helpers/temp-home';
import { startSsoStandIn, standInEnv, type SsoStandIn } from '../../helpers/sso-stand-in';
import { recordingSts } from '../../helpers/recording-sts';
import { runAsOtherUser } from '../../helpers/other-user';
import { createRolekeeperService } from '../../../src/main/core/service/rolekeeper-service';
import { readSsoTokenFile } from '../../../src/main/core/sso/sso-token-file';

const CONFIG = `[profile prod-ro]
sso_session = corp
sso_account_id = 111111111111
sso_role_name = ReadOnly

[sso-session corp]
sso_start_url = https://d-1234567890.awsapps.com/start
sso_region = us-east-1
sso_registration_scopes = sso:account:access
`;

let standIn: SsoStandIn;
before(async () => {
  standIn = await startSsoStandIn();
});
after(() => standIn.close());

function getWithHost(url: URL, host: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const req = request({ host: url.hostname, port: url.port, path: url.pathname + url.search, headers: { Host: host }, agent: false }, (response) => {
      response.resume();
      response.on('end', () => resolve(response.statusCode ?? 0));
    });
    req.on('error', reject);
    req.end();
  });
}

const FOREIGN_CALLBACK = `
fetch(process.env.CALLBACK + '?code=stolen&state=wrong').then((r) => console.log('status ' + r.status + ' uid ' + process.getuid()), (e) => console.log('error ' + e.message));
`;

test('a foreign callback with a wrong state or a foreign Host is answered and ignored, and the real redirect still signs in', { timeout: 60_000 }, async () => {
  await withTempHome({ config: CONFIG, env: standInEnv(standIn) }, async (home) => {
    const foreign: string[] = [];
    const browser = async (url: string): Promise<boolean> => {
      const authorize = new URL(url);
      const callback = new URL(authorize.searchParams.get('redirect_uri')!);
      const state = authorize.searchParams.get('state')!;
      foreign.push((await runAsOtherUser(FOREIGN_CALLBACK, { CALLBACK: callback.href })).output.trim());
      const rebound = new URL(callback);
      rebound.search = new URLSearchParams({ code: 'stolen', state }).toString();
      foreign.push(`rebound ${await getWithHost(rebound, `rebound.example:${callback.port}`)}`);
      const response = await fetch(url);
      await response.text();
      return response.ok;
    };
    const service = createRolekeeperService({ environment: home.environment, sts: recordingSts(), openBrowser: browser });
    const result = await service.ssoLogin({ profile: 'prod-ro' }, { flow: 'pkce', onPrompt: () => undefined });
    assert.deepEqual(foreign, ['status 400 uid 65534', 'rebound 400']);
    assert.equal(result.renewable, true);
    assert.equal(readSsoTokenFile(join(home.home, '.aws', 'sso', 'cache'), { ssoSession: 'corp' }).status, 'ok');
  });
});
