// What a notification click does: open the popover on the profile, and for an IAM Identity Center
// sign-in notice also start that sign-in (session, or the legacy profile), nothing else.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { clickOfEngineNotification } from '../../../src/main/core/tray/notification-click';
import type { EngineNotification } from '../../../src/shared/engine-events';
import { translator } from '../../../src/shared/i18n';
import { notificationText } from '../../../src/shared/notification-text';

const AT = '2026-01-01T12:00:00.000Z';

function ssoNotice(signIn: { session?: string; profile?: string }, session: string | null): EngineNotification {
  return {
    kind: 'sso-sign-in-needed',
    profile: 'prod-ro',
    expiresAt: '2026-01-01T12:10:00.000Z',
    at: AT,
    detail: 'no refresh token',
    ssoSession: { session, startUrl: 'https://d-1234567890.awsapps.com/start', signIn, command: 'rolekeeper sso login --session corp' },
  };
}

test('a sign-in notice starts the sign-in of its session and opens the popover on its profile', () => {
  assert.deepEqual(clickOfEngineNotification(ssoNotice({ session: 'corp' }, 'corp')), {
    focus: { view: 'profiles', profile: 'prod-ro' },
    signIn: { target: { session: 'corp' }, label: 'corp' },
  });
});

test('a legacy sign-in notice starts the sign-in through its profile, labelled with the start URL', () => {
  assert.deepEqual(clickOfEngineNotification(ssoNotice({ profile: 'legacy' }, null)).signIn, {
    target: { profile: 'legacy' },
    label: 'https://d-1234567890.awsapps.com/start',
  });
});

test('other notices, and a sign-in notice without a target, only open the popover', () => {
  for (const kind of ['expires-soon', 'expired', 'refresh-failed', 'mfa-needed', 'clock-skew'] as const) {
    assert.deepEqual(clickOfEngineNotification({ kind, profile: 'dev', expiresAt: null, at: AT, detail: null }), { focus: { view: 'profiles', profile: 'dev' }, signIn: null });
  }
  assert.equal(clickOfEngineNotification(ssoNotice({}, 'corp')).signIn, null);
  assert.equal(clickOfEngineNotification(ssoNotice({ session: '' }, 'corp')).signIn, null);
});

test('the notice says what the click does, in English and German', () => {
  const notice = ssoNotice({ session: 'corp' }, 'corp');
  const en = notificationText(notice, translator('en-US'));
  assert.equal(en.title, 'SSO session corp ends in 10 min — Sign in');
  assert.match(en.body, /Click to sign in, or run: rolekeeper sso login --session corp/);
  const de = notificationText(notice, translator('de-DE'));
  assert.equal(de.title, 'SSO-Sitzung corp endet in 10 Min. — Anmelden');
  assert.match(de.body, /Zum Anmelden klicken/);
});
