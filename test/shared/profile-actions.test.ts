// The per-type action decision the popover rows (and later the tray menu) share.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { actionsFor, needsSignIn } from '../../src/shared/profile-actions';
import type { ProfileSummary, SsoSessionSummary } from '../../src/shared/profile-summary';

const NOW = Date.parse('2026-01-01T12:00:00Z');

function profile(type: ProfileSummary['type'], extra: Partial<ProfileSummary> = {}): ProfileSummary {
  return { name: 'p', type, region: null, sourceChain: [], status: 'unknown', expiresAt: null, error: null, layers: [], roleArn: null, accountId: null, ...extra };
}

function session(status: SsoSessionSummary['status']): SsoSessionSummary {
  return { session: 'corp', startUrl: 'https://d-1.awsapps.com/start', status, expiresAt: null, renewableUntil: null, fix: null };
}

test('a profile Rolekeeper refreshes offers every action, the endpoint export and keep fresh included', () => {
  assert.deepEqual(actionsFor(profile('role'), { refreshable: true, now: NOW }), ['refresh', 'copy-endpoint', 'copy-keys', 'verify', 'console', 'clear-cache', 'keep-fresh']);
  assert.deepEqual(actionsFor(profile('session'), { refreshable: true, now: NOW }), ['refresh', 'copy-endpoint', 'copy-keys', 'verify', 'console', 'clear-cache', 'keep-fresh'], 'a managed session');
});

test('static keys and credential_process offer only the keys export and verify', () => {
  assert.deepEqual(actionsFor(profile('static'), { refreshable: false, now: NOW }), ['copy-keys', 'verify']);
  assert.deepEqual(actionsFor(profile('process'), { refreshable: false, now: NOW }), ['copy-keys', 'verify']);
});

test('a pasted session offers its keys until they expire, then nothing', () => {
  const later = new Date(NOW + 60_000).toISOString();
  const earlier = new Date(NOW - 60_000).toISOString();
  assert.deepEqual(actionsFor(profile('session', { expiresAt: later }), { refreshable: false, now: NOW }), ['copy-keys', 'verify']);
  assert.deepEqual(actionsFor(profile('session', { expiresAt: earlier }), { refreshable: false, now: NOW }), []);
});

test('web identity and profiles without credentials offer nothing the engine would fail at', () => {
  assert.deepEqual(actionsFor(profile('web-identity'), { refreshable: false, now: NOW }), []);
  assert.deepEqual(actionsFor(profile('none'), { refreshable: false, now: NOW }), []);
});

test('an SSO profile whose sign-in ended offers "Sign in" first; a renewable one does not', () => {
  assert.deepEqual(actionsFor(profile('sso', { ssoSession: session('expired') }), { refreshable: true, now: NOW })[0], 'sign-in');
  assert.equal(actionsFor(profile('sso', { ssoSession: session('renewable') }), { refreshable: true, now: NOW }).includes('sign-in'), false);
  for (const status of ['signed-out', 'expired', 'expiring', 'invalid'] as const) assert.equal(needsSignIn(session(status)), true, status);
  for (const status of ['valid', 'renewable'] as const) assert.equal(needsSignIn(session(status)), false, status);
  assert.equal(needsSignIn(undefined), false);
});

test('a profile whose configuration is in error offers no refresh and no keep-fresh switch', async () => {
  assert.deepEqual(actionsFor(profile('role', { status: 'error' }), { refreshable: true, now: NOW }), []);
});

test('expiry advice follows the actions: refresh where the engine refreshes, renewable keys for pasted sessions, sign-in first', async () => {
  const { expiryAdvice } = await import('../../src/shared/profile-actions');
  assert.equal(expiryAdvice(profile('role'), { refreshable: true, now: NOW }), 'refresh');
  assert.equal(expiryAdvice(profile('session', { expiresAt: new Date(NOW - 1000).toISOString() }), { refreshable: false, now: NOW }), 'renewable-keys');
  assert.equal(expiryAdvice(profile('sso', { ssoSession: session('expired') }), { refreshable: true, now: NOW }), 'sign-in');
  assert.equal(expiryAdvice(profile('process'), { refreshable: false, now: NOW }), 'none');
});
