import { test } from 'node:test';
import assert from 'node:assert/strict';
import { menuRemaining, nextTrayChangeAt, trayMenu, trayOverview, trayTooltip, type MenuItemModel, type TraySnapshot } from '../../../src/main/core/tray/tray-model';
import { translator } from '../../../src/shared/i18n';
import type { ProfileSummary } from '../../../src/shared/profile-summary';

const NOW = Date.parse('2026-01-01T12:00:00Z');
const MIN = 60_000;
const t = translator('en-US');

function profile(name: string, minutesLeft: number | null, status: ProfileSummary['status'] = 'valid', error: string | null = null): ProfileSummary {
  return {
    name, type: 'role', region: 'eu-west-1', sourceChain: ['base'], status, error, layers: [], roleArn: null, accountId: null,
    expiresAt: minutesLeft === null ? null : new Date(NOW + minutesLeft * MIN).toISOString(),
  };
}

const options = { now: NOW, expiringWithinMs: 10 * MIN, defaultShell: 'zsh' as const };

function snapshot(profiles: ProfileSummary[], extra: Partial<TraySnapshot> = {}): TraySnapshot {
  return { profiles, keptFresh: [], pendingMfa: [], ...extra };
}

test('the tray is fresh when every live credential has more than the lead time left', () => {
  assert.deepEqual(trayOverview(snapshot([profile('a', 50), profile('b', 11)]), options), { state: 'fresh', worst: [] });
});

test('a profile within the lead time makes the tray expiring and is named in the tooltip', () => {
  const snap = snapshot([profile('a', 50), profile('b', 9)]);
  const overview = trayOverview(snap, options);
  assert.deepEqual(overview, { state: 'expiring', worst: ['b'] });
  assert.equal(trayTooltip(overview, snap, t), 'Rolekeeper: 1 expiring soon (b)');
});

test('a failing profile outranks expiring ones, and a pending MFA code outranks everything', () => {
  const failing = snapshot([profile('a', 5), profile('b', null, 'error', 'AccessDenied')]);
  assert.equal(trayOverview(failing, options).state, 'failing');
  const mfa = snapshot(failing.profiles.concat(profile('c', null, 'unknown')), { pendingMfa: ['c'] });
  assert.deepEqual(trayOverview(mfa, options), { state: 'needs-you', worst: ['c'] });
});

test('credentials that expired long ago are history unless the profile is kept fresh', () => {
  const old = snapshot([profile('old', -180, 'expired')]);
  assert.equal(trayOverview(old, options).state, 'idle', 'nothing live, nothing kept: nothing to keep');
  assert.equal(trayOverview({ ...old, keptFresh: ['old'] }, options).state, 'failing');
  assert.equal(trayOverview(snapshot([profile('recent', -5, 'expired')]), options).state, 'failing');
});

test('the next change is the nearest lead-time boundary, expiry or staleness moment', () => {
  const snap = snapshot([profile('a', 30), profile('b', 12)]);
  assert.equal(nextTrayChangeAt(snap, options), NOW + 2 * MIN);
  assert.equal(nextTrayChangeAt(snapshot([profile('s', null)]), options), null);
});

function actions(items: MenuItemModel[]): string[] {
  return items.flatMap((item) =>
    item.kind === 'action' ? [JSON.stringify(item.action)] : item.kind === 'submenu' ? actions(item.items) : [],
  );
}

test('the context menu carries every action, since Linux trays send no clicks', () => {
  const menu = trayMenu(snapshot([profile('dev', 42)]), options, t);
  const all = actions(menu);
  for (const expected of [
    { type: 'open-popover', view: 'profiles' },
    { type: 'refresh', profile: 'dev' },
    { type: 'copy-export', profile: 'dev', shell: 'zsh', form: 'endpoint' },
    { type: 'copy-export', profile: 'dev', shell: 'zsh', form: 'keys' },
    { type: 'verify', profile: 'dev' },
    { type: 'clear-cache', profile: 'dev' },
    { type: 'refresh-all' },
    { type: 'clear-cache' },
    { type: 'open-popover', view: 'doctor' },
    { type: 'open-popover', view: 'settings' },
    { type: 'open-config' },
    { type: 'quit' },
  ]) {
    assert.ok(all.includes(JSON.stringify(expected)), JSON.stringify(expected));
  }
  const dev = menu.find((item) => item.kind === 'submenu');
  assert.equal(dev?.kind === 'submenu' && dev.label, 'dev — fresh, 42 min');
  assert.deepEqual(menu.at(-1), { kind: 'action', label: 'Quit Rolekeeper', action: { type: 'quit' }, enabled: true });
});

test('a profile waiting for MFA offers code entry first, and the menu speaks German for a German locale', () => {
  const menu = trayMenu(snapshot([profile('prod', null, 'unknown')], { pendingMfa: ['prod'] }), options, translator('de-DE'));
  const prod = menu.find((item) => item.kind === 'submenu');
  assert.ok(prod && prod.kind === 'submenu');
  assert.equal(prod.label, 'prod — braucht MFA-Code');
  assert.deepEqual(prod.items[0], { kind: 'action', label: 'MFA-Code eingeben…', action: { type: 'open-popover', view: 'profiles', profile: 'prod' }, enabled: true });
  assert.equal(menu[0].kind === 'label' && menu[0].label, 'Rolekeeper: braucht dich: prod');
});

test('profiles beyond the menu limit in one account are reached through the popover', () => {
  const many = Array.from({ length: 45 }, (_, i) => ({ ...profile(`p${i}`, 60), accountId: '111111111111' }));
  const menu = trayMenu(snapshot(many), { ...options, maxProfilesInMenu: 40 }, t);
  const account = menu.find((item): item is Extract<MenuItemModel, { kind: 'submenu' }> => item.kind === 'submenu' && item.label.startsWith('111111111111'));
  assert.ok(account, 'more than 15 profiles go into a submenu per account');
  assert.equal(account.label, '111111111111 (45)');
  assert.equal(account.items.filter((item) => item.kind === 'submenu').length, 40);
  assert.ok(account.items.some((item) => item.kind === 'action' && item.label === '5 more in the popover…'));
});

test('remaining times in the menu are worded per locale, at minute precision', () => {
  const en = translator('en');
  const de = translator('de-CH');
  assert.deepEqual([30_000, 42 * MIN, 125 * MIN, 0].map((ms) => menuRemaining(ms, en)), ['< 1 min', '42 min', '2h 05m', 'expired']);
  assert.deepEqual([30_000, 42 * MIN, 125 * MIN, 0].map((ms) => menuRemaining(ms, de)), ['< 1 Min.', '42 Min.', '2 Std. 05 Min.', 'abgelaufen']);
});

test('a profile Rolekeeper cannot refresh offers only what works for its type: keys and verify for static keys, else "Open Rolekeeper" on it', () => {
  const base: ProfileSummary = { ...profile('base', null), type: 'static' };
  const web: ProfileSummary = { ...profile('web', null), type: 'web-identity' };
  const pasted: ProfileSummary = { ...profile('pasted', -5, 'expired'), type: 'session' };
  const menu = trayMenu(snapshot([base, web, pasted, profile('dev', 42)], { refreshable: ['dev'] }), options, t);
  const entry = (name: string) => menu.find((item): item is Extract<MenuItemModel, { kind: 'submenu' }> => item.kind === 'submenu' && item.label.startsWith(`${name} `))!;
  assert.deepEqual(actions(entry('base').items), [
    JSON.stringify({ type: 'copy-export', profile: 'base', shell: 'zsh', form: 'keys' }),
    JSON.stringify({ type: 'verify', profile: 'base' }),
  ]);
  const open = (name: string) => [JSON.stringify({ type: 'open-popover', view: 'profiles', profile: name })];
  assert.deepEqual(actions(entry('web').items), open('web'));
  assert.deepEqual(actions(entry('pasted').items), open('pasted'), 'expired pasted keys: nothing that would work');
  assert.equal(actions(entry('dev').items).length, 6, 'refresh, two copies, verify, console, clear cache');
});

test('a managed profile counts as refreshable whatever its type, when the snapshot lists it', () => {
  const managed: ProfileSummary = { ...profile('keys', 30), type: 'static' };
  const menu = trayMenu(snapshot([managed], { refreshable: ['keys'] }), options, t);
  assert.ok(actions(menu).includes(JSON.stringify({ type: 'refresh', profile: 'keys' })));
});

test("Rolekeeper's own endpoint profile never appears in the menu, and Refresh all needs a refreshable profile", () => {
  const endpoint: ProfileSummary = { ...profile('rolekeeper-endpoint', null), type: 'none' };
  const onlyStatic: ProfileSummary = { ...profile('base', null), type: 'static' };
  const menu = trayMenu(snapshot([endpoint, onlyStatic]), options, t);
  assert.ok(!JSON.stringify(menu).includes('rolekeeper-endpoint'));
  const refreshAll = menu.find((item) => item.kind === 'action' && item.action.type === 'refresh-all');
  assert.equal(refreshAll?.kind === 'action' && refreshAll.enabled, false);
});

test('the menu offers a sign-in for each SSO session that needs the browser, and none for working ones', () => {
  const snap = snapshot([profile('prod-ro', null, 'unknown')], {
    ssoSessions: [
      { session: 'corp', startUrl: 'https://corp.awsapps.com/start', status: 'expired', profiles: ['prod-ro', 'deploy'] },
      { session: 'fine', startUrl: 'https://fine.awsapps.com/start', status: 'renewable', profiles: ['a'] },
      { session: 'valid', startUrl: 'https://valid.awsapps.com/start', status: 'valid', profiles: ['b'] },
      { session: 'ending', startUrl: 'https://ending.awsapps.com/start', status: 'expiring', profiles: [] },
      { session: null, startUrl: 'https://legacy.awsapps.com/start', status: 'signed-out', profiles: ['old'] },
      { session: 'broken', startUrl: 'https://broken.awsapps.com/start', status: 'invalid', profiles: ['c'] },
    ],
  });
  const menu = trayMenu(snap, options, t);
  const signIns = menu.filter((item) => item.kind === 'action' && item.action.type === 'sso-login');
  assert.deepEqual(
    signIns.map((item) => item.kind === 'action' && [item.label, item.action]),
    [
      ['Sign in to corp…', { type: 'sso-login', target: { session: 'corp' }, label: 'corp', profile: 'prod-ro' }],
      ['Sign in to ending…', { type: 'sso-login', target: { session: 'ending' }, label: 'ending' }],
      ['Sign in to https://legacy.awsapps.com/start…', { type: 'sso-login', target: { profile: 'old' }, label: 'https://legacy.awsapps.com/start', profile: 'old' }],
      ['Sign in to broken…', { type: 'sso-login', target: { session: 'broken' }, label: 'broken', profile: 'c' }],
    ],
  );
  assert.equal(menu.indexOf(signIns[0]), 2, 'right under "Open Rolekeeper", where a person looks first');
  assert.equal(translator('de-DE')('menu.ssoSignIn', { session: 'corp' }), 'Bei corp anmelden…');
  assert.equal(trayMenu(snapshot([profile('a', 50)]), options, t).filter((item) => item.kind === 'action' && item.action.type === 'sso-login').length, 0);
});

test('the needs-you block orders by urgency (expired, expiring, waiting for a code, failing, config errors), then by time left', async () => {
  const { needsYou } = await import('../../../src/main/core/tray/tray-model');
  const snap = snapshot(
    [
      profile('fine', 50),
      profile('config', null, 'error', '/home/u/.aws/config:3: source_profile base does not exist'),
      profile('soon-b', 8),
      profile('gone', -5, 'expired'),
      profile('mfa', null, 'unknown'),
      { ...profile('failed', 30), error: 'AccessDenied' },
      profile('soon-a', 3),
      profile('kept-soon', 9),
    ],
    { pendingMfa: ['mfa'], keptFresh: ['kept-soon'] },
  );
  assert.deepEqual(needsYou(snap, options).map((item) => [item.profile, item.need]), [
    ['gone', 'expired'],
    ['soon-a', 'expiring'],
    ['soon-b', 'expiring'],
    ['mfa', 'mfa'],
    ['failed', 'refresh-failed'],
    ['config', 'config-error'],
  ]);
});

test('with 200 profiles the menu lists the one expiring in 3 minutes first, kept ones next, the rest per account', () => {
  const many = Array.from({ length: 200 }, (_, i) => ({ ...profile(`p${String(i).padStart(3, '0')}`, 120), accountId: String(100000000000 + (i % 4)) }));
  many[150] = { ...profile('urgent', 3), accountId: '100000000002' };
  const snap = snapshot(many, { keptFresh: ['p007'], accountNames: { '100000000001': 'Prod' } });
  const menu = trayMenu(snap, options, t);
  const labels = menu.map((item) => ('label' in item ? item.label : '—'));
  const needs = labels.indexOf('Needs you');
  assert.ok(needs > 0 && needs < 4, 'the block is near the top');
  assert.equal(labels[needs + 1], 'urgent — expiring, 3 min');
  assert.equal(labels[needs + 3], 'p007 — fresh, 2h 00m', 'kept profiles after the block');
  const accounts = menu.filter((item) => item.kind === 'submenu' && /\(\d+\)$/.test(item.label)).map((item) => (item.kind === 'submenu' ? item.label : ''));
  assert.deepEqual(accounts, ['Prod (100000000001) (50)', '100000000000 (50)', '100000000002 (49)', '100000000003 (49)']);
  assert.ok(menu.length < 30, `the menu stays short: ${menu.length} entries`);
});

test('Refresh all takes the kept and the needed profiles, and asks above 20 STS calls', async () => {
  const { refreshAllPlan } = await import('../../../src/main/core/tray/tray-model');
  const many = Array.from({ length: 200 }, (_, i) => profile(`p${i}`, 120));
  many[5] = profile('p5', 3);
  const small = refreshAllPlan(snapshot(many, { keptFresh: ['p1', 'p2'] }), options);
  assert.deepEqual([small.profiles, small.calls, small.ask], [['p1', 'p2', 'p5'], 3, false]);
  const big = refreshAllPlan(snapshot(many, { keptFresh: many.slice(0, 30).map((p) => p.name) }), options);
  assert.deepEqual([big.profiles.length, big.calls, big.ask], [30, 30, true]);
  const notRefreshable = refreshAllPlan(snapshot(many, { keptFresh: ['p1'], refreshable: [] }), options);
  assert.deepEqual(notRefreshable.profiles, []);
});

test('the icon is honest: nothing to keep is idle, an unreadable config is its own state', () => {
  assert.equal(trayOverview(snapshot([]), options).state, 'idle');
  assert.equal(trayTooltip(trayOverview(snapshot([]), options), snapshot([]), t), 'Rolekeeper: no AWS profiles found');
  const unreadable = { ...snapshot([profile('a', 50)]), configUnreadable: true };
  assert.equal(trayOverview(unreadable, options).state, 'unreadable');
  assert.match(trayTooltip(trayOverview(unreadable, options), unreadable, t), /cannot be read/);
});

test('the macOS menu-bar title is the soonest expiry of a kept profile', async () => {
  const { menuBarTitle } = await import('../../../src/main/core/tray/tray-model');
  assert.equal(menuBarTitle(snapshot([profile('a', 50), profile('b', 12), profile('c', 5)], { keptFresh: ['a', 'b'] }), options, t), '12 min');
  assert.equal(menuBarTitle(snapshot([profile('a', 50)]), options, t), null);
});
