// The background layer for SSO sessions, on a fake clock with a recording SSO port and real token
// files in a temp HOME: renewal inside botocore's window written back for the AWS CLI, one notice per
// session when renewal is impossible (and none of the profiles' own on top), retries on transient
// failures, and the same layer running inside startKeeping.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { withTempHome, type TempHome } from '../../helpers/temp-home';
import { FakeClock, flushPromises } from '../../helpers/fake-clock';
import { recordingSso, type RecordingSso } from '../../helpers/recording-sso';
import { recordingSts } from '../../helpers/recording-sts';
import { loadProfiles } from '../../../src/main/core/aws-config/profile-loader';
import { ProfileStateStore } from '../../../src/main/core/always-fresh/profile-state-store';
import { SsoSessionKeeper, ssoSessionsOfProfiles } from '../../../src/main/core/sso/sso-session-keeper';
import { readSsoTokenFile, writeSsoTokenFile, type SsoTokenRecord } from '../../../src/main/core/sso/sso-token-file';
import { createRolekeeperService } from '../../../src/main/core/service/rolekeeper-service';
import { startKeeping } from '../../../src/main/core/service/keeping';
import { changeStore } from '../../../src/main/core/credentials/rolekeeper-store';
import { translator } from '../../../src/shared/i18n';
import { notificationText } from '../../../src/shared/notification-text';
import { describeNotification } from '../../../src/main/cli/commands/daemon';
import type { EngineNotification } from '../../../src/shared/engine-events';

const START_URL = 'https://d-1234567890.awsapps.com/start';
const CONFIG = `[profile prod-ro]
sso_session = corp
sso_account_id = 111111111111
sso_role_name = ReadOnly

[profile deploy]
role_arn = arn:aws:iam::333333333333:role/deploy
source_profile = prod-ro

[profile legacy]
sso_start_url = ${START_URL}
sso_region = us-east-1
sso_account_id = 222222222222
sso_role_name = Developer

[profile plain]
region = us-east-1

[sso-session corp]
sso_start_url = ${START_URL}
sso_region = us-east-1
`;
const MINUTE = 60_000;
const NOTIFY_LEAD_MS = 15 * MINUTE;
const SECRETS = ['access-', 'refresh-', 'client-secret', 'old-access', 'old-refresh', 'old-secret'];

interface Rig {
  home: TempHome;
  clock: FakeClock;
  sso: RecordingSso;
  state: ProfileStateStore;
  keeper: SsoSessionKeeper;
  notices: EngineNotification[];
  cacheDir: string;
  restored: string[][];
}

function record(clock: FakeClock, expiresInMs: number, overrides: Partial<SsoTokenRecord> = {}): SsoTokenRecord {
  return {
    startUrl: START_URL,
    region: 'us-east-1',
    accessToken: 'old-access',
    expiresAt: new Date(Math.floor((clock.now() + expiresInMs) / 1000) * 1000),
    clientId: 'old-client',
    clientSecret: 'old-secret',
    registrationExpiresAt: new Date(clock.now() + 30 * 86_400_000),
    refreshToken: 'old-refresh',
    ...overrides,
  };
}

/** Lets the keeper's file lock and write settle (they are real I/O, not timers). */
async function settle(rig: Rig, until: () => boolean): Promise<void> {
  for (let round = 0; round < 500 && !until(); round += 1) await new Promise((resolve) => setTimeout(resolve, 2));
  await flushPromises();
}

async function withKeeper(kept: string[], token: SsoTokenRecord | ((clock: FakeClock) => SsoTokenRecord) | null, body: (rig: Rig) => Promise<void>): Promise<void> {
  await withTempHome({ config: CONFIG }, async (home) => {
    const clock = new FakeClock();
    const sso = recordingSso({ now: () => clock.now() });
    const state = new ProfileStateStore(() => clock.now());
    const notices: EngineNotification[] = [];
    state.onNotification((notice) => notices.push(notice));
    const profiles = loadProfiles(home.environment);
    const cacheDir = profiles.paths.ssoCacheDir;
    const written = typeof token === 'function' ? token(clock) : token;
    if (written) await writeSsoTokenFile(cacheDir, { ssoSession: 'corp' }, written);
    const restored: string[][] = [];
    const keeper = new SsoSessionKeeper({
      clock,
      state,
      platform: 'linux',
      sessions: () => ssoSessionsOfProfiles(kept, loadProfiles(home.environment)),
      tokenDeps: () => ({ ssoCacheDir: cacheDir, sso, env: home.environment.env, platform: 'linux', now: () => clock.now() }),
      notifyLeadMs: () => NOTIFY_LEAD_MS,
      onSessionRestored: (profiles) => restored.push(profiles),
    });
    try {
      await body({ home, clock, sso, state, keeper, notices, cacheDir, restored });
    } finally {
      keeper.stop();
    }
  });
}

function tokenOnDisk(rig: Rig): SsoTokenRecord {
  const read = readSsoTokenFile(rig.cacheDir, { ssoSession: 'corp' });
  assert.equal(read.status, 'ok');
  return (read as { record: SsoTokenRecord }).record;
}

test('the sessions of kept profiles: an SSO profile and a chain starting at one share a session; other profiles have none', () => {
  withTempHome({ config: CONFIG }, (home) => {
    const sessions = ssoSessionsOfProfiles(['deploy', 'prod-ro', 'legacy', 'plain'], loadProfiles(home.environment));
    assert.deepEqual(
      sessions.map((session) => [session.key, session.profiles]),
      [
        ['session:corp', ['deploy', 'prod-ro']],
        [`url:${START_URL}`, ['legacy']],
      ],
    );
  });
});

test('a renewable session is renewed once inside the 15-minute window, written back, and planned again from the new expiry; nothing is called before', async () => {
  await withKeeper(['prod-ro'], (clock) => record(clock, 60 * MINUTE), async (rig) => {
    rig.keeper.replan();
    await rig.clock.advance(45 * MINUTE);
    assert.equal(rig.sso.calls.length, 0, 'outside the window the token is left alone');
    await rig.clock.advance(MINUTE);
    await settle(rig, () => rig.sso.calls.length > 0 && tokenOnDisk(rig).accessToken !== 'old-access' && rig.clock.pendingTimers === 1);
    assert.deepEqual(rig.sso.calls, [{ operation: 'CreateToken', detail: 'refresh_token' }]);
    const renewed = tokenOnDisk(rig);
    assert.equal(renewed.expiresAt.getTime(), Math.floor(rig.clock.now() / 1000) * 1000 + 8 * 3600_000);
    assert.notEqual(renewed.refreshToken, 'old-refresh');
    assert.equal(renewed.clientId, 'old-client', 'the registration is kept');
    assert.equal(rig.clock.nextTimerIn(), renewed.expiresAt.getTime() - 15 * MINUTE + MINUTE - rig.clock.now());
    assert.deepEqual(rig.notices, []);
  });
});

test('a session that cannot be renewed (no refresh token) raises one notice at the lead time, none before, none again at expiry, and holds back the profiles’ own', async () => {
  await withKeeper(['prod-ro', 'deploy'], (clock) => record(clock, 60 * MINUTE, { refreshToken: null }), async (rig) => {
    rig.keeper.replan();
    await rig.clock.advance(44 * MINUTE);
    assert.equal(rig.notices.length, 0);
    await rig.clock.advance(MINUTE);
    assert.equal(rig.notices.length, 1);
    const [notice] = rig.notices;
    assert.equal(notice.kind, 'sso-sign-in-needed');
    assert.equal(notice.profile, 'prod-ro');
    assert.deepEqual(notice.ssoSession, { session: 'corp', startUrl: START_URL, signIn: { session: 'corp' }, command: 'rolekeeper sso login --session corp' });
    assert.equal(notice.detail, 'the token has no refresh token');
    const serialized = JSON.stringify(notice);
    for (const secret of SECRETS) assert.ok(!serialized.includes(secret), `no ${secret} in the notice`);
    assert.equal(notificationText(notice, translator('en')).title, 'SSO session corp ends in 15 min — Sign in');
    assert.equal(notificationText(notice, translator('de')).title, 'SSO-Sitzung corp endet in 15 Min. — Anmelden');
    assert.match(notificationText(notice, translator('en')).body, /run: rolekeeper sso login --session corp$/);
    assert.match(notificationText(notice, translator('en')).body, /cannot renew it \(the token has no refresh token\)/);
    assert.match(notificationText(notice, translator('de')).body, /\(das Token hat kein Refresh-Token\)/, 'the reason in the reader’s language');
    assert.equal(describeNotification(notice), 'notice: SSO session corp ends in 15 min — Sign in; run: rolekeeper sso login --session corp');
    assert.equal(rig.state.notify('deploy', 'refresh-failed', { expiresAt: null, message: 'no token' }), false, 'the session notice covers the chain');
    assert.equal(rig.state.notify('prod-ro', 'expired', { expiresAt: 1, message: 'expired' }), false);
    await rig.clock.advance(30 * MINUTE);
    rig.keeper.replan();
    assert.equal(rig.notices.length, 1, 'one notice per session and token');
    assert.equal(rig.sso.calls.length, 0);
  });
});

test('a renewal IAM Identity Center refuses (session ended: InvalidGrant) is one notice naming it; signing in again ends the notice and the profiles speak again', async () => {
  await withKeeper(['prod-ro'], (clock) => record(clock, 60 * MINUTE), async (rig) => {
    rig.sso.failNext('CreateToken', 'InvalidGrantException');
    rig.keeper.replan();
    await rig.clock.advance(46 * MINUTE);
    await settle(rig, () => rig.notices.length > 0);
    assert.equal(rig.sso.operations('CreateToken').length, 1);
    assert.equal(rig.notices.length, 1);
    assert.match(rig.notices[0].detail ?? '', /InvalidGrantException/);
    assert.equal(notificationText(rig.notices[0], translator('en')).title, 'SSO session corp ends in 14 min — Sign in');
    assert.match(notificationText(rig.notices[0], translator('de')).body, /SSO-Sitzung "corp" ist beendet: IAM Identity Center hat die Erneuerung abgelehnt \(InvalidGrantException\)/);
    await rig.clock.advance(10 * MINUTE);
    assert.equal(rig.sso.operations('CreateToken').length, 1, 'a refused renewal is not tried again for the same token');
    assert.equal(rig.notices.length, 1);

    await writeSsoTokenFile(rig.cacheDir, { ssoSession: 'corp' }, record(rig.clock, 8 * 3600_000, { accessToken: 'new-access' }));
    assert.deepEqual(rig.restored, []);
    rig.keeper.replan();
    assert.deepEqual(rig.restored, [['prod-ro']], 'its profiles may retry');
    assert.equal(rig.state.notify('prod-ro', 'refresh-failed', { expiresAt: null, message: 'other trouble' }), true, 'no notice stands any more');
    assert.equal(rig.notices.filter((notice) => notice.kind === 'sso-sign-in-needed').length, 1);
  });
});

test('a session ended before the keeper started (expired, not renewable) is one notice saying it has ended', async () => {
  await withKeeper(['prod-ro'], (clock) => record(clock, -MINUTE, { refreshToken: null }), async (rig) => {
    rig.keeper.replan();
    rig.keeper.replan();
    assert.equal(rig.notices.length, 1);
    assert.equal(notificationText(rig.notices[0], translator('en')).title, 'SSO session corp has ended — Sign in');
  });
});

test('no token at all (never signed in) is one notice with no expiry; a profile that is not kept gets no session layer', async () => {
  await withKeeper(['prod-ro'], null, async (rig) => {
    rig.keeper.replan();
    await rig.clock.advance(60 * MINUTE);
    assert.equal(rig.notices.length, 1);
    assert.equal(rig.notices[0].expiresAt, null);
    assert.equal(rig.notices[0].detail, 'not signed in');
    assert.match(notificationText(rig.notices[0], translator('de')).body, /\(nicht angemeldet\)/);
  });
  await withKeeper(['plain'], (clock) => record(clock, 30 * MINUTE, { refreshToken: null }), async (rig) => {
    rig.keeper.replan();
    await rig.clock.advance(60 * MINUTE);
    assert.deepEqual(rig.notices, []);
    assert.equal(rig.clock.pendingTimers, 0);
  });
});

test('a renewal that fails on the network is retried with backoff and succeeds without a notice', async () => {
  await withKeeper(['prod-ro'], (clock) => record(clock, 60 * MINUTE), async (rig) => {
    rig.sso.failNext('CreateToken', 'NetworkError', 0);
    rig.keeper.replan();
    await rig.clock.advance(46 * MINUTE);
    await settle(rig, () => rig.sso.calls.length === 1 && rig.clock.pendingTimers === 1);
    assert.equal(tokenOnDisk(rig).accessToken, 'old-access');
    assert.equal(rig.clock.nextTimerIn(), 30_000, 'the first retry is 30 s later');
    await rig.clock.advance(30_000);
    await settle(rig, () => tokenOnDisk(rig).accessToken !== 'old-access');
    assert.equal(rig.sso.operations('CreateToken').length, 2);
    assert.deepEqual(rig.notices, []);
  });
});

test('startKeeping holds the session layer of a kept SSO profile: the token is renewed in the window with no sign-in', async () => {
  await withTempHome({ config: CONFIG }, async (home) => {
    const clock = new FakeClock();
    const sso = recordingSso({ now: () => clock.now() });
    const cacheDir = loadProfiles(home.environment).paths.ssoCacheDir;
    await writeSsoTokenFile(cacheDir, { ssoSession: 'corp' }, record(clock, 60 * MINUTE));
    await changeStore(home.environment, (data) => (data.kept = ['prod-ro']));
    const service = createRolekeeperService({ environment: home.environment, clock, sts: recordingSts({ now: () => clock.now() }), sso });
    const keeping = await startKeeping(service, { endpoint: false, watch: false });
    try {
      for (let round = 0; round < 500 && sso.operations('GetRoleCredentials').length === 0; round += 1) await new Promise((resolve) => setTimeout(resolve, 2));
      assert.equal(sso.operations('CreateToken').length, 0);
      await clock.advance(46 * MINUTE);
      for (let round = 0; round < 500 && sso.operations('CreateToken').length === 0; round += 1) await new Promise((resolve) => setTimeout(resolve, 2));
      assert.deepEqual(sso.operations('CreateToken'), [{ operation: 'CreateToken', detail: 'refresh_token' }]);
      for (let round = 0; round < 500 && readSsoTokenFile(cacheDir, { ssoSession: 'corp' }).status === 'ok' && (readSsoTokenFile(cacheDir, { ssoSession: 'corp' }) as { record: SsoTokenRecord }).record.accessToken === 'old-access'; round += 1) {
        await new Promise((resolve) => setTimeout(resolve, 2));
      }
      const read = readSsoTokenFile(cacheDir, { ssoSession: 'corp' });
      assert.ok(read.status === 'ok' && read.record.accessToken !== 'old-access');
      assert.ok(join(cacheDir).startsWith(home.home));
    } finally {
      await keeping.stop();
    }
  });
});

test('startKeeping: a kept SSO profile with no sign-in is one session notice (not a refresh failure too); signing in makes it fresh without a restart', async () => {
  await withTempHome({ config: CONFIG }, async (home) => {
    const clock = new FakeClock();
    const sso = recordingSso({ now: () => clock.now() });
    await changeStore(home.environment, (data) => (data.kept = ['prod-ro']));
    const service = createRolekeeperService({ environment: home.environment, clock, sts: recordingSts({ now: () => clock.now() }), sso });
    const notices: EngineNotification[] = [];
    service.onNotification((notice) => notices.push(notice));
    const keeping = await startKeeping(service, { endpoint: false, watch: false });
    try {
      for (let round = 0; round < 500 && service.state.get('prod-ro')?.status !== 'needs-you'; round += 1) await new Promise((resolve) => setTimeout(resolve, 2));
      assert.equal(service.state.get('prod-ro')?.status, 'needs-you');
      assert.deepEqual(notices.map((notice) => notice.kind), ['sso-sign-in-needed']);
      assert.equal(sso.operations('GetRoleCredentials').length, 0);

      await writeSsoTokenFile(service.profiles().paths.ssoCacheDir, { ssoSession: 'corp' }, record(clock, 8 * 3600_000));
      service.replan();
      for (let round = 0; round < 500 && service.state.get('prod-ro')?.status !== 'fresh'; round += 1) await new Promise((resolve) => setTimeout(resolve, 2));
      assert.equal(service.state.get('prod-ro')?.status, 'fresh');
      assert.equal(sso.operations('GetRoleCredentials').length, 1);
      assert.deepEqual(notices.map((notice) => notice.kind), ['sso-sign-in-needed']);
    } finally {
      await keeping.stop();
    }
  });
});
