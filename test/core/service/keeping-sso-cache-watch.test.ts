// The keeper watches ~/.aws/sso/cache: a token `aws sso login` writes there (in its own format and
// file name) gets the kept SSO profile that was waiting for a sign-in refreshed at once, and the
// token's deletion (`aws sso logout`) raises the sign-in notice again — with nobody calling
// replan(). Real watcher and clock, no sleeps beyond polling with a deadline.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { makeTempHome } from '../../helpers/temp-home';
import { recordingSts } from '../../helpers/recording-sts';
import { recordingSso } from '../../helpers/recording-sso';
import { createRolekeeperService } from '../../../src/main/core/service/rolekeeper-service';
import { startKeeping } from '../../../src/main/core/service/keeping';
import { changeStore } from '../../../src/main/core/credentials/rolekeeper-store';
import { ssoTokenFilePath } from '../../../src/main/core/caches/sso-cache';
import type { EngineNotification } from '../../../src/shared/engine-events';
import { SSO_CORP_CONFIG, SSO_START_URL } from '../../helpers/sso-config';
import { english, say } from '../../../src/shared/i18n';

const START_URL = SSO_START_URL;
const CONFIG = SSO_CORP_CONFIG;

async function until(condition: () => boolean, what: string, describe: () => unknown): Promise<void> {
  const deadline = Date.now() + 10_000;
  while (!condition()) {
    assert.ok(Date.now() < deadline, `timed out waiting for ${what}: ${JSON.stringify(describe())}`);
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

/** What `aws sso login` writes: Python's json.dumps, its key order, whole seconds, no newline. */
function cliTokenFile(accessToken: string, refreshToken: string, expiresAt: Date): string {
  const iso = (date: Date): string => date.toISOString().replace(/\.\d{3}Z$/, 'Z');
  return JSON.stringify({
    startUrl: START_URL,
    region: 'us-east-1',
    accessToken,
    expiresAt: iso(expiresAt),
    clientId: 'cli-client',
    clientSecret: 'cli-client-secret-value',
    registrationExpiresAt: iso(new Date(Date.now() + 30 * 86_400_000)),
    refreshToken,
  }).replace(/":/g, '": ').replace(/,"/g, ', "');
}

test('a token the AWS CLI writes into a cache folder that did not exist refreshes the waiting kept profile; its deletion raises the sign-in notice again', async (t) => {
  const home = makeTempHome({ config: CONFIG });
  t.after(() => home.cleanup());
  const sso = recordingSso({ now: Date.now });
  const logged: string[] = [];
  const service = createRolekeeperService({ environment: home.environment, sts: recordingSts(), sso });
  await changeStore(home.environment, (data) => (data.kept = ['prod-ro']));
  service.reload();
  const notices: EngineNotification[] = [];
  service.onNotification((notice) => notices.push(notice));
  const cacheDir = service.profiles().paths.ssoCacheDir;
  assert.equal(existsSync(dirname(cacheDir)), false, 'no ~/.aws/sso yet');

  const keeping = await startKeeping(service, { endpoint: false, debounceMs: 20, log: (line) => logged.push(typeof line === 'string' ? line : say(english, line)) });
  t.after(() => keeping.stop());
  const signInNotices = () => notices.filter((notice) => notice.kind === 'sso-sign-in-needed');
  await until(() => signInNotices().length === 1, 'the sign-in notice of a session with no token', () => notices);
  assert.equal(sso.operations('GetRoleCredentials').length, 0);

  const file = ssoTokenFilePath(cacheDir, { ssoSession: 'corp' });
  mkdirSync(join(cacheDir), { recursive: true });
  writeFileSync(file, cliTokenFile('cli-access-token-value', 'cli-refresh-token-value', new Date(Date.now() + 8 * 3600_000)));
  await until(() => service.state.get('prod-ro')?.status === 'fresh', 'the kept profile refreshed with the new token', () => ({ state: service.state.get('prod-ro'), logged }));
  assert.equal(sso.operations('GetRoleCredentials').length, 1);
  assert.equal(service.ssoSessions()[0].status, 'renewable');

  rmSync(file);
  await until(() => signInNotices().length === 2, 'the notice again after `aws sso logout`', () => ({ notices, logged }));
  assert.equal(signInNotices()[1].ssoSession?.session, 'corp');
  assert.deepEqual(signInNotices()[1].ssoSession?.signIn, { session: 'corp' });

  const everything = JSON.stringify({ notices, logged, state: service.state.all(), sessions: service.ssoSessions() });
  for (const secret of ['cli-access-token-value', 'cli-refresh-token-value', 'cli-client-secret-value']) assert.ok(!everything.includes(secret), `${secret} leaked`);
});

test('a session that ended early (GetRoleCredentials refused while the token still looks valid) is retried as soon as `aws sso login` writes a new token', async (t) => {
  const home = makeTempHome({ config: CONFIG });
  t.after(() => home.cleanup());
  const sso = recordingSso({ now: Date.now });
  const service = createRolekeeperService({ environment: home.environment, sts: recordingSts(), sso });
  await changeStore(home.environment, (data) => (data.kept = ['prod-ro']));
  service.reload();
  const cacheDir = service.profiles().paths.ssoCacheDir;
  const file = ssoTokenFilePath(cacheDir, { ssoSession: 'corp' });
  mkdirSync(cacheDir, { recursive: true });
  writeFileSync(file, cliTokenFile('old-access-token-value', 'old-refresh-token-value', new Date(Date.now() + 6 * 3600_000)));
  // The administrator ended the session: the token's expiry says 6 h, IAM Identity Center says no.
  sso.failNext('GetRoleCredentials', 'UnauthorizedException', 401);

  const keeping = await startKeeping(service, { endpoint: false, debounceMs: 20 });
  t.after(() => keeping.stop());
  await until(() => service.state.get('prod-ro')?.status === 'needs-you', 'the refused refresh', () => service.state.get('prod-ro'));
  assert.equal(service.ssoSessions()[0].status === 'expired' || service.ssoSessions()[0].status === 'signed-out', false, 'the old token still looks valid');

  writeFileSync(file, cliTokenFile('new-access-token-value', 'new-refresh-token-value', new Date(Date.now() + 8 * 3600_000)));
  await until(() => service.state.get('prod-ro')?.status === 'fresh', 'the retry with the new token', () => service.state.get('prod-ro'));
  assert.equal(sso.operations('GetRoleCredentials').length, 2);
});
