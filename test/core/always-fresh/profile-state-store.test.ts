import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { ProfileStateStore } from '../../../src/main/core/always-fresh/profile-state-store';
import type { EngineChange, EngineNotification } from '../../../src/shared/engine-events';

const NOW = Date.UTC(2026, 0, 15, 9, 0, 0);
const MINUTE = 60_000;

function setup() {
  const store = new ProfileStateStore(() => NOW);
  const notifications: EngineNotification[] = [];
  const changes: EngineChange[] = [];
  store.onNotification((n) => notifications.push(n));
  store.onDidChange((c) => changes.push(c));
  return { store, notifications, changes };
}

describe('ProfileStateStore', () => {
  it('emits a notification at most once per profile, kind and expiry', () => {
    const { store, notifications } = setup();
    const expiresAt = NOW + 7 * MINUTE;
    assert.equal(store.notify('dev', 'expires-soon', { expiresAt }), true);
    assert.equal(store.notify('dev', 'expires-soon', { expiresAt }), false);
    assert.equal(store.notify('dev', 'expired', { expiresAt }), true);
    assert.equal(store.notify('ops', 'expires-soon', { expiresAt }), true);
    assert.deepEqual(
      notifications.map((n) => `${n.profile}:${n.kind}`),
      ['dev:expires-soon', 'dev:expired', 'ops:expires-soon'],
    );
    assert.equal(notifications[0].expiresAt, new Date(expiresAt).toISOString());
  });

  it('emits notifications as data only, with the failure line as detail and no wording', () => {
    const { store, notifications } = setup();
    store.notify('dev', 'clock-skew', { expiresAt: null, message: 'signature expired: the clock is off' });
    store.notify('ops', 'expired', { expiresAt: NOW });
    assert.deepEqual(notifications, [
      { kind: 'clock-skew', profile: 'dev', expiresAt: null, at: new Date(NOW).toISOString(), detail: 'signature expired: the clock is off' },
      { kind: 'expired', profile: 'ops', expiresAt: new Date(NOW).toISOString(), at: new Date(NOW).toISOString(), detail: null },
    ]);
  });

  it('re-arms notifications when the profile gets a new expiry', () => {
    const { store, notifications } = setup();
    store.update('dev', { expiresAt: NOW + MINUTE });
    store.notify('dev', 'mfa-needed', { expiresAt: NOW + MINUTE });
    store.notify('dev', 'mfa-needed', { expiresAt: NOW + MINUTE });
    store.update('dev', { expiresAt: NOW + 60 * MINUTE });
    store.notify('dev', 'mfa-needed', { expiresAt: NOW + 60 * MINUTE });
    store.notify('dev', 'mfa-needed', { expiresAt: NOW + 60 * MINUTE });
    assert.equal(notifications.length, 2);
  });

  it('emits a change only when a field really changes, with ISO times and no extra fields', () => {
    const { store, changes } = setup();
    store.update('dev', { status: 'fresh', expiresAt: NOW + MINUTE, sinks: ['cli-cache'] });
    store.update('dev', { status: 'fresh', expiresAt: NOW + MINUTE, sinks: ['cli-cache'] });
    store.update('dev', { refreshing: true });
    assert.equal(changes.length, 2);
    const first = changes[0];
    assert.equal(first.type, 'profile-changed');
    assert.deepEqual(first.type === 'profile-changed' && first.state, {
      profile: 'dev',
      status: 'fresh',
      refreshing: false,
      expiresAt: new Date(NOW + MINUTE).toISOString(),
      nextRefreshAt: null,
      lastRefreshedAt: null,
      lastError: null,
      sinks: ['cli-cache'],
    });
    assert.equal(store.get('dev')?.refreshing, true);
  });

  it('keeps emitting to other listeners when one throws, and stops after dispose', () => {
    const { store } = setup();
    const seen: string[] = [];
    store.onDidChange(() => {
      throw new Error('bad subscriber');
    });
    const subscription = store.onDidChange((c) => seen.push(c.type));
    store.update('dev', { status: 'fresh' });
    subscription.dispose();
    store.update('dev', { status: 'expired' });
    assert.deepEqual(seen, ['profile-changed']);
  });

  it('reports removal and forgets the notified causes of a removed profile', () => {
    const { store, changes, notifications } = setup();
    store.update('dev', { status: 'fresh' });
    store.notify('dev', 'expired', { expiresAt: NOW });
    store.remove('dev');
    store.notify('dev', 'expired', { expiresAt: NOW });
    assert.equal(store.get('dev'), undefined);
    assert.deepEqual(changes.at(-1), { type: 'profile-removed', profile: 'dev' });
    assert.equal(notifications.length, 2);
  });
});
