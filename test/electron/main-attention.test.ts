// What needs a person comes first, under the real bundle and the electron stand-in: expiries that
// fall together are one notification with advice the profiles can follow; with 200 profiles the
// expiring one leads the needs-you block of the popover's state and the tray menu; Escape's channel
// hides the popover; the console entry is where a role session exists.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { PRELOAD_BUNDLE } from '../helpers/electron-stand-in/launch-main';
import { startMoto } from '../helpers/moto';
import { menuLabels, startApp, submenuOf, trayIsUp } from './stand-in-fixture';

const MIN = 60_000;

function sessionProfile(name: string, expiresAt: Date): string {
  return [
    `[profile ${name}]`,
    'region = eu-west-1',
    `aws_access_key_id = ASIA${name.toUpperCase().padEnd(16, 'X').slice(0, 16)}`,
    'aws_secret_access_key = pastedsecret/pastedsecret+pastedsecret000',
    'aws_session_token = FwoGZXIvYXdzPASTEDTOKENneverprinted',
    `x_security_token_expires = ${expiresAt.toISOString().replace(/\.\d{3}Z$/, 'Z')}`,
    '',
  ].join('\n');
}

test('six pasted session keys that expired in the last hour give one notification naming them, without "refresh"; a click opens the needs-you block', async (t) => {
  const now = Date.now();
  const config = Array.from({ length: 6 }, (_, i) => sessionProfile(`s${i + 1}`, new Date(now - (i + 1) * 7 * MIN))).join('\n');
  const { app, close } = startApp({ config, credentials: '', args: ['--hidden'] });
  t.after(close);
  const record = await app.waitFor((r) => trayIsUp(r) && r.notifications.length > 0, 'the tray and a notification');
  // Anything else due at start would have come in the same update.
  await new Promise((resolve) => setTimeout(resolve, 500));
  const later = await app.record();
  assert.equal(later.notifications.length, 1, JSON.stringify(later.notifications));
  const [notice] = later.notifications;
  assert.equal(notice.title, '6 profiles expired: s6, s5, s4, s3, s2, …');
  assert.doesNotMatch(`${notice.title} ${notice.body}`, /refresh/i);
  assert.match(notice.body, /pasted session keys/);
  assert.ok(!JSON.stringify(later.notifications).includes('pastedsecret'), 'no secret in a notification');
  assert.deepEqual(await app.send({ type: 'notification-click', id: record.notifications[0].id }), { delivered: true });
  const opened = await app.waitFor((r) => r.popoverVisible, 'the popover');
  assert.deepEqual(opened.sent.filter((s) => s.channel === 'popover:focus').at(-1)!.payload, { view: 'profiles', section: 'needs-you' });
  // The menu: the six under "Needs you", none offering a refresh.
  const labels = menuLabels(opened);
  const needs = labels.indexOf('Needs you');
  assert.ok(needs > 0);
  assert.ok(labels[needs + 1].startsWith('s6 — expired'), labels.join(' | '));
  assert.ok(!submenuOf(opened, 's1 —').includes('Refresh'));
});

test('with 200 profiles the one expiring in 3 minutes leads the popover state and the tray menu; Escape hides the popover', async (t) => {
  const now = Date.now();
  const profiles: string[] = [];
  for (let i = 0; i < 200; i++) profiles.push(sessionProfile(i === 137 ? 'urgent' : `p${String(i).padStart(3, '0')}`, new Date(now + (i === 137 ? 3 * MIN + 10_000 : 120 * MIN))));
  const { app, close } = startApp({ config: profiles.join('\n'), credentials: '' });
  t.after(close);
  const record = await app.waitFor((r) => trayIsUp(r) && r.popoverVisible, 'the tray and the popover');
  await app.send({ type: 'load-preload', path: PRELOAD_BUNDLE });
  const state = await app.send<{ ok: boolean; state: { needsYou: Array<{ profile: string; need: string }>; profiles: unknown[] } }>({ type: 'api-call', method: 'getState' });
  assert.equal(state.state.profiles.length, 200);
  assert.deepEqual(state.state.needsYou.map((item) => [item.profile, item.need]), [['urgent', 'expiring']]);
  const labels = menuLabels(record);
  const needs = labels.indexOf('Needs you');
  assert.ok(needs > 0 && needs <= 3, labels.slice(0, 6).join(' | '));
  assert.equal(labels[needs + 1], 'urgent — expiring, 3 min');
  assert.ok(labels.length < 40, `the menu stays usable: ${labels.length} entries`);

  const hidden = await app.send<{ ok: boolean }>({ type: 'api-call', method: 'hidePopover' });
  assert.equal(hidden.ok, true);
  const after = await app.waitFor((r) => !r.popoverVisible, 'the popover hidden');
  assert.equal(after.windows.length, 1, 'hidden, not closed: it opens again at once');
});

test('macOS: with the menu-bar title on, the soonest expiry of a kept profile stands beside the icon; off, nothing', async (t) => {
  const moto = await startMoto();
  t.after(() => moto.stop());
  const { app, close } = startApp({ platform: 'darwin', stsUrl: moto.url });
  t.after(close);
  // macOS pops the menu up on right click only: the tray has no context menu to wait for.
  await app.waitFor((r) => r.tray !== null && r.popoverVisible, 'the tray');
  await app.send({ type: 'load-preload', path: PRELOAD_BUNDLE });
  const kept = await app.send<{ ok: boolean }>({ type: 'api-call', method: 'keepFresh', request: { profile: 'dev', keep: true } });
  assert.equal(kept.ok, true);
  const refreshed = await app.send<{ ok: boolean }>({ type: 'api-call', method: 'refresh', request: { profile: 'dev' } });
  assert.equal(refreshed.ok, true);
  await new Promise((resolve) => setTimeout(resolve, 300));
  assert.equal((await app.record()).tray!.title, '', 'off by default');
  const saved = await app.send<{ ok: boolean }>({ type: 'api-call', method: 'setSettings', request: { menuBarTitle: true } });
  assert.equal(saved.ok, true);
  await app.send({ type: 'api-call', method: 'refresh', request: { profile: 'dev' } });
  const shown = await app.waitFor((r) => (r.tray?.title ?? '') !== '', 'the title');
  assert.match(shown.tray!.title, /^(1h 00m|59 min)$/);
});
