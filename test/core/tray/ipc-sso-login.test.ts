// The tray's "Sign in" (`sso:login`): validated, starts the same sign-in as `rolekeeper sso login`,
// answers with the URL and code for the popover while the sign-in finishes in the background, shares
// one running sign-in per target, and never hands a token to the renderer.
import { test, type TestContext } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { makeTempHome, type TempHome } from '../../helpers/temp-home';
import { memorySettingsStore } from '../../helpers/memory-settings-store';
import { recordingSts } from '../../helpers/recording-sts';
import { recordingSso, type RecordingSso } from '../../helpers/recording-sso';
import { createRolekeeperService } from '../../../src/main/core/service/rolekeeper-service';
import { TraySettings } from '../../../src/main/core/tray/tray-settings';
import { SsoSignIns } from '../../../src/main/core/tray/sso-sign-ins';
import { ClipboardClearer, createIpcHandlers, systemTimers } from '../../../src/main/core/tray/ipc-handlers';
import { readSsoTokenFile } from '../../../src/main/core/sso/sso-token-file';
import { SsoServiceError } from '../../../src/main/core/sso/sso-port';
import { SSO_CORP_CONFIG } from '../../helpers/sso-config';

const CONFIG = SSO_CORP_CONFIG;

function setup(t: TestContext, home: TempHome, sso: RecordingSso) {
  const service = createRolekeeperService({ environment: home.environment, sts: recordingSts(), sso });
  const logged: string[] = [];
  const handlers = createIpcHandlers({
    service,
    settings: new TraySettings(service, memorySettingsStore()),
    clipboard: new ClipboardClearer({ writeText: () => undefined, readText: () => '' }, systemTimers),
    autoStart: { isEnabled: async () => false, setEnabled: async () => undefined },
    openPath: async () => undefined,
    signIns: new SsoSignIns(service, { log: (line) => logged.push(line) }),
    locale: 'en-US',
    platform: 'linux',
  });
  t.after(() => home.cleanup());
  return { service, handlers, logged };
}

async function until(condition: () => boolean, what: string): Promise<void> {
  const started = Date.now();
  while (!condition()) {
    if (Date.now() - started > 10_000) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
}

test('sso:login answers with the device URL and code, the sign-in then writes the token; a second click meanwhile shows the same prompt', async (t) => {
  const home = makeTempHome({ config: CONFIG });
  const sso = recordingSso({ now: Date.now });
  sso.failNext('CreateToken', 'AuthorizationPendingException');
  sso.failNext('CreateToken', 'AuthorizationPendingException');
  const { service, handlers, logged } = setup(t, home, sso);
  const cacheDir = service.profiles().paths.ssoCacheDir;

  const first = await handlers['sso:login']({ session: 'corp', useDeviceCode: true });
  assert.deepEqual(first, { ok: true, url: 'https://device.example?code=ABCD-EFGH', userCode: 'ABCD-EFGH', browserOpened: false, alreadyRunning: false, signedIn: false });
  const second = await handlers['sso:login']({ session: 'corp', useDeviceCode: true });
  assert.equal(second.ok && second.alreadyRunning, true);
  assert.equal(sso.operations('StartDeviceAuthorization').length, 1, 'one sign-in for both clicks');

  await until(() => readSsoTokenFile(cacheDir, { ssoSession: 'corp' }).status === 'ok' && logged.length > 0, 'the background sign-in');
  assert.match(logged[0], /^signed in to corp until \d{4}-/);
  const serialized = JSON.stringify([first, second, logged]);
  for (const secret of ['access-', 'refresh-', 'client-secret']) assert.ok(!serialized.includes(secret), `no ${secret} reaches the renderer or the log`);
});

test('sso:login for an SSO profile uses its session; a device code approved at once reports signedIn without a prompt', async (t) => {
  const home = makeTempHome({ config: CONFIG });
  const sso = recordingSso({ now: Date.now });
  const { service, handlers } = setup(t, home, sso);
  const answer = await handlers['sso:login']({ profile: 'prod-ro', useDeviceCode: true });
  assert.deepEqual(answer, { ok: true, url: null, userCode: null, browserOpened: false, alreadyRunning: false, signedIn: true });
  assert.equal(readSsoTokenFile(service.profiles().paths.ssoCacheDir, { ssoSession: 'corp' }).status, 'ok');
});

test('sso:login refuses malformed requests, and a session that is not configured fails with its name and the fix, before any call', async (t) => {
  const home = makeTempHome({ config: CONFIG });
  const sso = recordingSso({ now: Date.now });
  const { handlers } = setup(t, home, sso);
  for (const request of [{ session: 'corp', profile: 'prod-ro' }, { session: 'corp', useDeviceCode: 'yes' }, { session: 'corp', token: 'x' }, 'corp']) {
    const answer = await handlers['sso:login'](request);
    assert.equal(answer.ok === false && answer.code, 'invalid-request', JSON.stringify(request));
  }
  const missing = await handlers['sso:login']({ session: 'nope' });
  assert.equal(missing.ok, false);
  assert.match(missing.ok === false ? missing.message : '', /sso-session does not exist: "nope"/);
  assert.equal(sso.calls.length, 0);
});

test('a sign-in waiting in the browser is in the popover state with its URL and code, and leaves it when it ends', async (t) => {
  const home = makeTempHome({ config: CONFIG });
  const sso = recordingSso({ now: Date.now });
  sso.failNext('CreateToken', 'AuthorizationPendingException');
  const { service, handlers } = setup(t, home, sso);
  const cacheDir = service.profiles().paths.ssoCacheDir;
  await handlers['sso:login']({ session: 'corp', useDeviceCode: true });
  const during = await handlers['state:get'](undefined);
  assert.ok(during.ok);
  if (during.ok) {
    assert.deepEqual(during.state.signIns, [{ target: { session: 'corp' }, label: 'corp', url: 'https://device.example?code=ABCD-EFGH', userCode: 'ABCD-EFGH', browserOpened: false }]);
    assert.equal(during.state.ssoSessions.length, 1);
    assert.equal(during.state.ssoSessions[0].session, 'corp');
    assert.equal(during.state.ssoSessions[0].status, 'signed-out');
  }
  let after = await handlers['state:get'](undefined);
  const started = Date.now();
  while (after.ok && after.state.signIns.length > 0 && Date.now() - started < 10_000) {
    await new Promise((resolve) => setTimeout(resolve, 5));
    after = await handlers['state:get'](undefined);
  }
  assert.equal(readSsoTokenFile(cacheDir, { ssoSession: 'corp' }).status, 'ok');
  assert.ok(after.ok);
  if (after.ok) {
    assert.deepEqual(after.state.signIns, []);
    assert.equal(after.state.ssoSessions[0].status, 'renewable');
  }
});

test('sso:populate describes (dry run) and then writes one profile per account and role, without a token in the answer', async (t) => {
  const home = makeTempHome({ config: CONFIG });
  const sso = recordingSso({ now: Date.now, accounts: [{ accountId: '111111111111', accountName: 'Production', emailAddress: null, roles: ['ReadOnly', 'Admin'] }] });
  const { handlers } = setup(t, home, sso);
  await handlers['sso:login']({ session: 'corp', useDeviceCode: true });
  const dry = await handlers['sso:populate']({ session: 'corp', dryRun: true });
  assert.ok(dry.ok, JSON.stringify(dry));
  if (dry.ok) {
    assert.equal(dry.written, false);
    assert.equal(dry.alreadyConfigured, 1, 'prod-ro already uses ReadOnly');
    assert.deepEqual(dry.added.map((item) => [item.accountId, item.accountName, item.roleName]), [['111111111111', 'Production', 'Admin']]);
  }
  const before = readFileSync(home.configFile, 'utf8');
  const wrote = await handlers['sso:populate']({ session: 'corp', dryRun: false });
  assert.ok(wrote.ok && wrote.written);
  const after = readFileSync(home.configFile, 'utf8');
  assert.ok(after.startsWith(before), 'the existing file is kept byte for byte');
  assert.match(after.slice(before.length), /sso_role_name = Admin/);
  assert.ok(!JSON.stringify([dry, wrote]).includes('access-'));
  const malformed = await handlers['sso:populate']({ session: 'corp' });
  assert.equal(malformed.ok === false && malformed.code, 'invalid-request');
});

test('a sign-in refused in the browser after its prompt was shown is reported once, its prompt gone, and no token named', async (t) => {
  const home = makeTempHome({ config: CONFIG });
  t.after(() => home.cleanup());
  const sso = recordingSso({ now: Date.now });
  sso.failNext('CreateToken', 'AuthorizationPendingException');
  sso.failNext('CreateToken', 'AccessDeniedException');
  const service = createRolekeeperService({ environment: home.environment, sts: recordingSts(), sso });
  const failures: Array<{ label: string; message: string }> = [];
  const signIns = new SsoSignIns(service, { onFailedAfterPrompt: (label, error) => failures.push({ label, message: error instanceof Error ? error.message : String(error) }) });
  const prompt = await signIns.start({ session: 'corp', useDeviceCode: true });
  assert.equal(prompt.userCode, 'ABCD-EFGH');
  await until(() => failures.length > 0, 'the refusal');
  await until(() => signIns.inProgress().length === 0, 'the prompt to go');
  assert.equal(failures.length, 1);
  assert.equal(failures[0].label, 'corp');
  assert.ok(!/access-|refresh-|client-secret/.test(failures[0].message), failures[0].message);
});

test('clicks on a session and on its profile, or on two profiles of one legacy start URL, share one sign-in', async (t) => {
  const legacy = (name: string, account: string): string =>
    `[profile ${name}]\nsso_start_url = https://legacy.awsapps.com/start\nsso_region = eu-west-1\nsso_account_id = ${account}\nsso_role_name = Admin\n`;
  const home = makeTempHome({ config: `${CONFIG}\n${legacy('old-a', '333333333333')}\n${legacy('old-b', '444444444444')}` });
  t.after(() => home.cleanup());
  const sso = recordingSso({ now: Date.now });
  // Every sign-in waits "in the browser" until the test lets them finish.
  let approved = false;
  const createToken = sso.createToken.bind(sso);
  sso.createToken = async (input) => {
    if (!approved && input.grantType.endsWith('device_code')) {
      await new Promise((resolve) => setTimeout(resolve, 20));
      throw new SsoServiceError('CreateToken', 'AuthorizationPendingException', 400, 'pending');
    }
    return createToken(input);
  };
  const service = createRolekeeperService({ environment: home.environment, sts: recordingSts(), sso });
  const signIns = new SsoSignIns(service);

  const bySession = await signIns.start({ session: 'corp', useDeviceCode: true });
  const byProfile = await signIns.start({ profile: 'prod-ro', useDeviceCode: true });
  assert.equal(bySession.alreadyRunning, false);
  assert.equal(byProfile.alreadyRunning, true, 'prod-ro signs in through corp');
  const legacyA = await signIns.start({ profile: 'old-a', useDeviceCode: true });
  const legacyB = await signIns.start({ profile: 'old-b', useDeviceCode: true });
  assert.equal(legacyA.alreadyRunning, false);
  assert.equal(legacyB.alreadyRunning, true, 'old-b writes the same token as old-a');
  assert.equal(sso.operations('StartDeviceAuthorization').length, 2, 'one sign-in for corp, one for the legacy start URL');
  assert.deepEqual(signIns.inProgress().map((running) => running.target), [{ session: 'corp' }, { profile: 'old-a' }], 'prod-ro signs in as its session');
  approved = true;
  await until(() => signIns.inProgress().length === 0, 'both sign-ins to finish');

  await assert.rejects(signIns.start({ profile: 'missing', useDeviceCode: true }), /missing/);
});
