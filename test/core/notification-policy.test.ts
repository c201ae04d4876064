import { test } from 'node:test';
import assert from 'node:assert/strict';
import { decideNotifications, type NotificationInput } from '../../src/main/core/tray/notification-policy';
import { translator } from '../../src/shared/i18n';
import type { ProfileSummary } from '../../src/shared/profile-summary';

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

test('profiles kept fresh automatically get no expiry notifications', () => {
  const decision = decideNotifications(input([profile('dev', START + 5 * MIN)], START, new Set(), { keptFresh: ['dev'] }), t);
  assert.deepEqual(decision.notifications, []);
  assert.equal(decision.nextCheckAt, null);
});

test('a refresh failure of a kept-fresh profile is shown once until the profile recovers', () => {
  const failing = [profile('dev', null, 'error', 'AccessDenied: the trust policy does not allow you.')];
  let decision = decideNotifications(input(failing, START, new Set(), { keptFresh: ['dev'] }), t);
  assert.equal(decision.notifications.length, 1);
  assert.equal(decision.notifications[0].title, 'Refreshing dev failed');
  assert.match(decision.notifications[0].body, /trust policy.*Open Rolekeeper/);
  decision = decideNotifications(input(failing, START + MIN, decision.notified, { keptFresh: ['dev'], refreshing: ['dev'] }), t);
  assert.deepEqual(decision.notifications, []);
  decision = decideNotifications(input([profile('dev', START + 60 * MIN)], START + 2 * MIN, decision.notified, { keptFresh: ['dev'] }), t);
  decision = decideNotifications(input(failing, START + 3 * MIN, decision.notified, { keptFresh: ['dev'] }), t);
  assert.equal(decision.notifications.length, 1, 'a new failure after recovery is a new cause');
});

test('an MFA request says what to do in the text alone, without buttons', () => {
  const decision = decideNotifications(input([profile('prod', null, 'unknown')], START, new Set(), { pendingMfa: ['prod'] }), t);
  assert.deepEqual(decision.notifications.map((n) => [n.kind, n.profile, n.title]), [['mfa', 'prod', 'prod needs an MFA code']]);
  assert.match(decision.notifications[0].body, /enter the 6-digit code/);
});

test('credentials that expired long before start-up are not announced', () => {
  const decision = decideNotifications(input([profile('old', START - 3 * 60 * MIN, 'expired')], START, new Set()), t);
  assert.deepEqual(decision.notifications, []);
});

test('notification text follows the German locale', () => {
  const decision = decideNotifications(input([profile('dev', START + 4 * MIN)], START, new Set()), translator('de-AT'));
  assert.equal(decision.notifications[0].title, 'dev läuft in 4 Min. ab');
});
