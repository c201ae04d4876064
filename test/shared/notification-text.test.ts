// `notificationText` words an engine notification's detail from its phrase when it has one, so the
// tray's and the daemon's notices give the reason in the reader's language; English text otherwise.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { english, phrase, say, translator } from '../../src/shared/i18n';
import { notificationText } from '../../src/shared/notification-text';
import type { EngineNotification } from '../../src/shared/engine-events';

const reason = phrase('sso.renew.registrationEnded', { time: '2026-01-15T09:00:00.000Z' });
const notice: EngineNotification = {
  kind: 'sso-sign-in-needed',
  profile: 'prod-ro',
  expiresAt: '2026-01-15T10:00:00.000Z',
  at: '2026-01-15T09:50:00.000Z',
  detail: say(english, reason),
  detailWording: reason,
  ssoSession: { session: 'corp', startUrl: 'https://d-1234567890.awsapps.com/start', signIn: { session: 'corp' }, command: 'rolekeeper sso login --session corp' },
};

test('an SSO notice says why it cannot renew in German, from the phrase, with the command as it is', () => {
  const { title, body } = notificationText(notice, translator('de-DE'));
  assert.equal(title, 'SSO-Sitzung corp endet in 10 Min. — Anmelden');
  assert.match(body, /\(die Client-Registrierung ist am 2026-01-15T09:00:00\.000Z abgelaufen\)/);
  assert.match(body, /rolekeeper sso login --session corp$/);
  assert.doesNotMatch(body, /client registration ended/);
});

test('in English the worded detail reads as the English detail; without a phrase the detail is used as it is', () => {
  assert.match(notificationText(notice, translator('en')).body, /cannot renew it \(the client registration ended at 2026-01-15T09:00:00\.000Z\)/);
  const { detailWording: _unused, ...plain } = notice;
  assert.match(notificationText({ ...plain, detail: 'some English detail' }, translator('de')).body, /\(some English detail\)/);
});

test('a refresh failure with a worded detail is said in German too', () => {
  const failed: EngineNotification = { kind: 'refresh-failed', profile: 'prod-ro', expiresAt: null, at: notice.at, detail: 'not signed in', detailWording: phrase('sso.renew.notSignedIn') };
  assert.match(notificationText(failed, translator('de')).body, /^nicht angemeldet /);
});
