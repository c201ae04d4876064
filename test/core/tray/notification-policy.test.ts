import { test } from 'node:test';
import assert from 'node:assert/strict';
import { decideNotifications, showsEngineNotification, type NotificationInput } from '../../../src/main/core/tray/notification-policy';
import { translator } from '../../../src/shared/i18n';
import { notificationText } from '../../../src/shared/notification-text';
import type { EngineNotification } from '../../../src/shared/engine-events';
import type { ProfileSummary } from '../../../src/shared/profile-summary';

const START = Date.parse('2026-01-01T12:00:00Z');
const MIN = 60_000;
const t = translator('en');

function profile(name: string, expiresAt: number | null, status: ProfileSummary['status'] = 'valid', error: string | null = null): ProfileSummary {
  return {
    name, type: 'role', region: null, sourceChain: [], status, error, layers: [], roleArn: null, accountId: null,
    expiresAt: expiresAt === null ? null : new Date(expiresAt).toISOString(),
  };
}

function input(profiles: ProfileSummary[], now: number, notified: ReadonlySet<string>, extra: Partial<NotificationInput['snapshot']> = {}): NotificationInput {
  return { snapshot: { profiles, keptFresh: [], pendingMfa: [], ...extra }, now, notifyLeadMs: 10 * MIN, notified };
}

test('a profile not kept fresh is announced once before expiry and once at expiry', () => {
  const expiry = START + 30 * MIN;
  const profiles = [profile('dev', expiry)];
  let decision = decideNotifications(input(profiles, START, new Set()), t);
  assert.deepEqual(decision.notifications, []);
  assert.equal(decision.nextCheckAt, expiry - 10 * MIN);

  decision = decideNotifications(input(profiles, expiry - 10 * MIN, decision.notified), t);
  assert.equal(decision.notifications.length, 1);
  assert.equal(decision.notifications[0].title, 'dev expires in 10 min');
  assert.match(decision.notifications[0].body, /rolekeeper refresh dev/);
  assert.equal(decision.nextCheckAt, expiry);

  decision = decideNotifications(input(profiles, expiry - 5 * MIN, decision.notified), t);
  assert.deepEqual(decision.notifications, [], 'the same cause is not shown twice');

  decision = decideNotifications(input([profile('dev', expiry, 'expired')], expiry, decision.notified), t);
  assert.deepEqual(decision.notifications.map((n) => [n.kind, n.title]), [['expired', 'dev has expired']]);
  decision = decideNotifications(input([profile('dev', expiry, 'expired')], expiry + MIN, decision.notified), t);
  assert.deepEqual(decision.notifications, []);
});

test('profiles kept fresh automatically get no notifications here, not even for failures or MFA', () => {
  const profiles = [profile('dev', START + 5 * MIN), profile('ops', null, 'error', 'AccessDenied: the trust policy does not allow you.'), profile('prod', START - MIN, 'expired')];
  const decision = decideNotifications(input(profiles, START, new Set(), { keptFresh: ['dev', 'ops', 'prod'], pendingMfa: ['prod'] }), t);
  assert.deepEqual(decision.notifications, []);
  assert.equal(decision.nextCheckAt, null);
});

test('a failure or MFA request of a profile not kept fresh is not a notification cause here', () => {
  const profiles = [profile('ops', null, 'error', 'AccessDenied'), profile('prod', null, 'unknown')];
  const decision = decideNotifications(input(profiles, START, new Set(), { pendingMfa: ['prod'] }), t);
  assert.deepEqual(decision.notifications, []);
});

test('the tray shows engine notifications of kept-fresh profiles only, so no cause is shown twice', () => {
  const at = new Date(START).toISOString();
  const expired: EngineNotification = { kind: 'expired', profile: 'dev', expiresAt: at, at, detail: null };
  assert.equal(showsEngineNotification(expired, ['dev']), true);
  assert.equal(showsEngineNotification(expired, ['ops']), false, 'decideNotifications announces the expiry of dev');
});

test('engine notifications are worded from their data, saying what to do, in English and German', () => {
  const at = new Date(START).toISOString();
  const skew: EngineNotification = { kind: 'clock-skew', profile: 'prod', expiresAt: null, at, detail: 'Signature expired: the clock is 20 min off.' };
  assert.deepEqual(notificationText(skew, t), {
    title: 'Clock skew while refreshing prod',
    body: "Last error: Signature expired: the clock is 20 min off. This computer's clock differs from AWS's time. Set the system clock (turn on automatic time sync), then refresh prod.",
  });
  assert.equal(notificationText(skew, translator('de-DE')).title, 'Abweichende Uhrzeit beim Erneuern von prod');
  const failed: EngineNotification = { kind: 'refresh-failed', profile: 'ops', expiresAt: null, at, detail: 'AccessDenied: the trust policy does not allow you.' };
  assert.match(notificationText(failed, t).body, /^AccessDenied: the trust policy.*Open Rolekeeper/);
  const mfa: EngineNotification = { kind: 'mfa-needed', profile: 'prod', expiresAt: null, at, detail: null };
  assert.deepEqual(notificationText(mfa, t).title, 'prod needs an MFA code');
  assert.match(notificationText(mfa, t).body, /enter the 6-digit code/);
  const soon: EngineNotification = { kind: 'expires-soon', profile: 'dev', expiresAt: new Date(START + 9 * MIN + 1).toISOString(), at, detail: 'network down' };
  assert.equal(notificationText(soon, t).title, 'dev expires in 9 min', 'the nearest minute, as the menu and the rows say it');
  assert.match(notificationText(soon, translator('de')).body, /^Letzter Fehler: network down/);
});

test('credentials that expired long before start-up are not announced', () => {
  const decision = decideNotifications(input([profile('old', START - 3 * 60 * MIN, 'expired')], START, new Set()), t);
  assert.deepEqual(decision.notifications, []);
});

test('notification text follows the German locale', () => {
  const decision = decideNotifications(input([profile('dev', START + 4 * MIN)], START, new Set()), translator('de-AT'));
  assert.equal(decision.notifications[0].title, 'dev läuft in 4 Min. ab');
});

test('at start, only AWS files the engine could not use at all are reported, not profile-level findings', async () => {
  const { unusableFileFindings } = await import('../../../src/main/core/tray/notification-policy');
  const finding = (code: string, severity: 'info' | 'warning' | 'error', profile: string | null) => ({ code, severity, profile, message: code, fix: null, file: '/home/u/.aws/config' });
  const found = unusableFileFindings([
    finding('file-not-a-file', 'warning', null),
    finding('ini-bom', 'warning', null),
    finding('ini-unterminated-section', 'error', null),
    finding('role-without-source', 'error', 'dev'),
  ]);
  assert.deepEqual(found.map((item) => item.code), ['file-not-a-file', 'ini-unterminated-section']);
});

function pasted(name: string, expiresAt: number): ProfileSummary {
  return { ...profile(name, expiresAt, 'expired'), type: 'session' };
}

test('six pasted session keys that expired in the last hour are one notification naming them, never told to refresh', () => {
  const profiles = Array.from({ length: 6 }, (_, i) => pasted(`s${i + 1}`, START - (i + 1) * 5 * MIN));
  const decision = decideNotifications(input(profiles, START, new Set(), { refreshable: [] }), t);
  assert.equal(decision.notifications.length, 1);
  const [notice] = decision.notifications;
  assert.equal(notice.title, '6 profiles expired: s6, s5, s4, s3, s2, …');
  assert.deepEqual(notice.profiles, ['s6', 's5', 's4', 's3', 's2', 's1']);
  assert.doesNotMatch(`${notice.title} ${notice.body}`, /refresh/i);
  assert.match(notice.body, /pasted session keys: Rolekeeper cannot renew them/);
  assert.deepEqual(notice.focus, { view: 'profiles', section: 'needs-you' }, 'a click opens the needs-you block');
  assert.deepEqual(decideNotifications(input(profiles, START + MIN, decision.notified, { refreshable: [] }), t).notifications, [], 'each cause once');
  const german = decideNotifications(input(profiles, START, new Set(), { refreshable: [] }), translator('de'));
  assert.match(german.notifications[0].title, /^6 Profile abgelaufen: s6/);
  assert.doesNotMatch(german.notifications[0].body, /erneuern oder ausführen: rolekeeper refresh/);
});

test('one expired role profile is told how to refresh it; a pasted one is not', () => {
  const role = decideNotifications(input([profile('dev', START - MIN, 'expired')], START, new Set(), { refreshable: ['dev'] }), t);
  assert.match(role.notifications[0].body, /rolekeeper refresh dev/);
  assert.deepEqual(role.notifications[0].focus, { view: 'profiles', profile: 'dev' });
  const session = decideNotifications(input([pasted('s1', START - MIN)], START, new Set(), { refreshable: [] }), t);
  assert.equal(session.notifications[0].title, 's1 has expired');
  assert.doesNotMatch(session.notifications[0].body, /refresh/i);
});

test('a notification with 3 min 20 s left says "3 min", as the menu does', async () => {
  const { menuRemaining } = await import('../../../src/main/core/tray/tray-model');
  const left = 3 * MIN + 20_000;
  const decision = decideNotifications(input([profile('dev', START + left)], START, new Set(), { refreshable: ['dev'] }), t);
  assert.equal(decision.notifications[0].title, 'dev expires in 3 min');
  assert.equal(menuRemaining(left, t), '3 min');
});

test("the engine's notices of kept profiles that come together are one per kind; sign-in and clock notices keep their own", async () => {
  const { batchEngineNotifications } = await import('../../../src/main/core/tray/notification-policy');
  const at = new Date(START).toISOString();
  const notice = (kind: EngineNotification['kind'], profile: string): EngineNotification => ({ kind, profile, expiresAt: at, at, detail: null });
  const models = batchEngineNotifications([notice('expired', 'a'), notice('expired', 'b'), notice('expired', 'c'), notice('mfa-needed', 'prod'), notice('clock-skew', 'x'), notice('expired', 'a')], t);
  assert.deepEqual(models.map((m) => [m.title, m.batched]), [
    ['Clock skew while refreshing x', false],
    ['3 profiles expired: a, b, c', true],
    ['prod needs an MFA code', false],
  ]);
  assert.match(models[1].body, /Refresh all/);
  assert.equal(batchEngineNotifications([notice('mfa-needed', 'p'), notice('mfa-needed', 'q')], translator('de'))[0].title, '2 Profile brauchen einen MFA-Code: p, q');
});
