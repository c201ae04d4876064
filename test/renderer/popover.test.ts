// The real popover in real Chromium, talking to the real IPC handler table over the real engine
// (the engine service, kept fresh by startKeeping) on a temp HOME, with every STS call going to moto_server through a
// recording proxy. Nothing here is a stand-in: statuses come from the files, refreshes from moto.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { makeTempHome, type TempHome } from '../helpers/temp-home';
import { freePort, startMoto, type Moto } from '../helpers/moto';
import { startFaultProxy, type FaultProxy } from '../helpers/fault-proxy';
import { rolekeeperDataDir, storeFilePath } from '../../src/main/core/model/aws-environment';
import { cacheKeyForProfile, formatCacheExpiration } from '../../src/main/core/caches/cli-cache';
import { createRolekeeperService, type RolekeeperService } from '../../src/main/core/service/rolekeeper-service';
import { startKeeping, type Keeping } from '../../src/main/core/service/keeping';
import { TraySettings, type SettingsStore } from '../../src/main/core/tray/tray-settings';
import { loadProfiles } from '../../src/main/core/aws-config/profile-loader';
import { changeStore } from '../../src/main/core/credentials/rolekeeper-store';
import type { Settings } from '../../src/shared/ipc-contract';
import { focusPopover, launchChromium, openPopover, type HarnessOptions, type PopoverHarness } from './popover-harness';

const MIN = 60_000;
const ARTIFACTS = join(process.cwd(), 'test-artifacts');

const CONFIG = `[profile base]
region = eu-central-1

[profile dev]
role_arn = arn:aws:iam::111111111111:role/developer
source_profile = base
region = eu-central-1

[profile staging]
role_arn = arn:aws:iam::111111111111:role/deployer
source_profile = base
region = eu-west-1

[profile build]
role_arn = arn:aws:iam::111111111111:role/builder
source_profile = base
region = eu-central-1

[profile prod]
role_arn = arn:aws:iam::222222222222:role/admin
source_profile = base
mfa_serial = arn:aws:iam::111111111111:mfa/alex
region = eu-central-1

[profile analytics]
role_arn = arn:aws:iam::333333333333:role/reader
source_profile = base
region = us-east-1

[profile pasted]
region = eu-central-1
`;

/** Fake keys: moto accepts any. The pasted session expired an hour ago. */
function credentialsFile(now: number): string {
  return (
    '[base]\naws_access_key_id = AKIAIOSFODNN7EXAMPLE\naws_secret_access_key = base-secret-never-shown\n\n' +
    `[pasted]\naws_access_key_id = ASIAPASTEDSESSION000\naws_secret_access_key = pasted-secret-never-shown\n` +
    `aws_session_token = pasted-token-never-shown\naws_expiration = ${formatCacheExpiration(new Date(now - 60 * MIN))}\n`
  );
}

const FIXTURE_SECRETS = /base-secret|pasted-secret|pasted-token|fixture-secret|fixture-token/;

let moto: Moto;
let proxy: FaultProxy;
let browser: Browser;
before(async () => {
  process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED = 'true';
  mkdirSync(ARTIFACTS, { recursive: true });
  moto = await startMoto();
  proxy = await startFaultProxy(moto.url);
  browser = await launchChromium();
});
after(async () => {
  await browser?.close();
  await proxy?.stop();
  await moto?.stop();
});

/** The tray's own settings as a JSON file next to Rolekeeper's store (electron-store in the app). */
function fileSettingsStore(file: string): SettingsStore {
  return {
    load: () => (existsSync(file) ? (JSON.parse(readFileSync(file, 'utf8')) as Partial<Settings>) : {}),
    save: (settings) => writeFileSync(file, JSON.stringify(settings)),
  };
}

interface Fixture {
  home: TempHome;
  engine: { service: RolekeeperService; settings: TraySettings; keeping: Keeping };
  /** Whole second the fixture's expiries count from. */
  t0: number;
  cacheFile(profile: string): string;
  traySettingsFile: string;
  /** The loopback credentials endpoint's port (a free one, from Rolekeeper's store). */
  endpointPort: number;
}

/** Writes the AWS CLI's own cache entry for a role profile, under the key the CLI would look up. */
function writeCacheEntry(home: TempHome, profile: string, expiresAt: number): string {
  const resolved = loadProfiles(home.environment).get(profile);
  const key = resolved ? cacheKeyForProfile(resolved) : null;
  if (!key) throw new Error(`no CLI cache key for ${profile}`);
  return home.write(
    join('.aws', 'cli', 'cache', `${key}.json`),
    JSON.stringify({
      Credentials: { AccessKeyId: 'ASIAFIXTURE', SecretAccessKey: 'fixture-secret', SessionToken: 'fixture-token', Expiration: formatCacheExpiration(new Date(expiresAt)) },
    }),
  );
}

async function fixture(options: { config?: string } = {}): Promise<Fixture> {
  const t0 = Math.floor(Date.now() / 1000) * 1000;
  const home = makeTempHome({
    config: options.config ?? CONFIG,
    credentials: credentialsFile(t0),
    env: { AWS_ENDPOINT_URL: proxy.url, AWS_REGION: 'us-east-1' },
  });
  if (options.config === undefined) {
    writeCacheEntry(home, 'dev', t0 + 42 * MIN + 10_000);
    writeCacheEntry(home, 'staging', t0 + 9 * MIN);
    writeCacheEntry(home, 'analytics', t0 - 20 * MIN);
  }
  const dataDir = rolekeeperDataDir(home.environment);
  mkdirSync(dataDir, { recursive: true });
  const traySettingsFile = join(dataDir, 'tray-settings.json');
  // A free endpoint port in the store: tests never meet a daemon or each other on the default
  // 47123, and the exported URL (rendered from the store's port) names the port that serves.
  const endpointPort = await freePort();
  await changeStore(home.environment, (data) => {
    data.settings.endpointPort = endpointPort;
  });
  const service = createRolekeeperService({ environment: home.environment });
  const keeping = await startKeeping(service, { endpoint: true, watch: false });
  const engine = { service, keeping, settings: new TraySettings(service, fileSettingsStore(traySettingsFile)) };
  return {
    home,
    engine,
    t0,
    traySettingsFile,
    endpointPort,
    cacheFile(profile) {
      const resolved = loadProfiles(home.environment).get(profile);
      return join(home.home, '.aws', 'cli', 'cache', `${resolved ? cacheKeyForProfile(resolved) : 'none'}.json`);
    },
  };
}

/** Fixtures with a popover open: the first popover's end stops the engine and removes the HOME. */
const opened = new WeakSet<Fixture>();

async function openOn(t: { after(fn: () => Promise<void>): void }, fx: Fixture, options: Omit<HarnessOptions, 'engine'> = {}): Promise<PopoverHarness> {
  const harness = await openPopover(browser, { engine: fx.engine, clockAt: fx.t0, ...options });
  const first = !opened.has(fx);
  opened.add(fx);
  t.after(async () => {
    await harness.close();
    if (!first) return;
    await fx.engine.keeping.stop();
    fx.home.cleanup();
  });
  await harness.open();
  return harness;
}

/** What the OS does when the popover window is hidden or shown. */
async function setVisibility(page: Page, state: 'hidden' | 'visible'): Promise<void> {
  await page.evaluate(`Object.defineProperty(document, 'visibilityState', { configurable: true, value: '${state}' });
    document.dispatchEvent(new Event('visibilitychange'));`);
}

function cachedKeys(file: string): { AccessKeyId: string; SecretAccessKey: string; SessionToken: string; Expiration: string } {
  return (JSON.parse(readFileSync(file, 'utf8')) as { Credentials: { AccessKeyId: string; SecretAccessKey: string; SessionToken: string; Expiration: string } }).Credentials;
}
function row(page: Page, profile: string) {
  return page.locator(`#profile-list .profile[data-profile="${profile}"]`);
}

/** Opens a row's "⋯" menu and picks an item, as a person does with the mouse. */
async function menuItem(page: Page, profile: string, item: string | RegExp): Promise<void> {
  await row(page, profile).getByRole('button', { name: `Actions for ${profile}` }).click();
  await page.getByRole('menu').getByRole('menuitem', { name: item }).click();
}

async function menuItems(page: Page, profile: string): Promise<string[]> {
  await row(page, profile).getByRole('button', { name: `Actions for ${profile}` }).click();
  const items = await page.getByRole('menu').getByRole('menuitem').allTextContents();
  await page.keyboard.press('Escape');
  return items;
}

async function focusedProfile(page: Page): Promise<string | null> {
  return page.evaluate(() => (document.activeElement as HTMLElement | null)?.closest<HTMLElement>('.profile')?.dataset.profile ?? null);
}

function keptInStore(fx: Fixture): string[] {
  return (JSON.parse(readFileSync(storeFilePath(fx.home.environment), 'utf8')) as { kept: string[] }).kept;
}

test('the popover lists the profiles of the real files grouped by account, each with its status, role and time left', async (t) => {
  const fx = await fixture();
  const calls = proxy.requests.length;
  const { page } = await openOn(t, fx);
  assert.deepEqual(await page.locator('.group-label').allTextContents(), ['Needs you', '111111111111', '222222222222', 'Other profiles']);
  assert.deepEqual(await page.locator('.group.needs-you .profile').evaluateAll((rows) => rows.map((r) => (r as HTMLElement).dataset.profile)), ['analytics', 'staging'], 'expired first, then expiring; the rest by account');
  const state = (profile: string) => row(page, profile).locator('.state').textContent();
  assert.equal(await state('dev'), 'fresh');
  assert.equal(await state('staging'), 'expiring');
  assert.equal(await state('analytics'), 'expired');
  assert.equal(await state('build'), 'not fetched');
  assert.equal(await state('pasted'), 'expired', 'a pasted session past its aws_expiration');
  assert.equal(await row(page, 'dev').locator('.role').textContent(), 'developer');
  assert.equal(await row(page, 'dev').locator('.countdown').textContent(), '42 min');
  assert.equal(await row(page, 'dev').locator('.bar').getAttribute('data-fill'), '15', 'the bar: 42 of 60 minutes left, in twentieths rounded up');
  assert.equal(await row(page, 'staging').locator('.bar').getAttribute('data-fill'), '3');
  assert.equal(await row(page, 'base').locator('.countdown').textContent(), 'no expiry');
  assert.doesNotMatch(await page.content(), FIXTURE_SECRETS);
  assert.equal(proxy.requests.length, calls, 'listing reads files only, no STS call');
  await page.screenshot({ path: join(ARTIFACTS, 'popover-list.png') });
});

test('rows offer only what the profile type allows: static keys and an expired pasted session get no refresh and no keep-fresh switch', async (t) => {
  const fx = await fixture();
  const { page } = await openOn(t, fx);
  assert.deepEqual(await menuItems(page, 'dev'), ['Refresh', 'Copy bash export', 'Copy export…', 'Verify', 'Open AWS console', 'Clear cache']);
  assert.equal(await row(page, 'dev').getByRole('switch', { name: 'Keep dev fresh' }).count(), 1);
  assert.deepEqual(await menuItems(page, 'base'), ['Copy bash export', 'Copy export…', 'Verify'], 'static keys: their export and verify');
  assert.equal(await row(page, 'base').getByRole('switch').count(), 0);
  assert.deepEqual(await menuItems(page, 'pasted'), [], 'an expired pasted session: nothing that would fail');
  assert.equal(await row(page, 'pasted').getByRole('switch').count(), 0);
  await row(page, 'dev').getByRole('button', { name: 'Actions for dev' }).click();
  await page.locator('#title').click();
  assert.equal(await page.getByRole('menu').count(), 0, 'a click elsewhere closes the menu');
  await row(page, 'base').getByRole('button', { name: 'Actions for base' }).click();
  await page.getByRole('menuitem', { name: 'Copy export…' }).click();
  assert.deepEqual(await row(page, 'base').locator('xpath=following-sibling::form[1]').getByRole('radio').evaluateAll((radios) => radios.map((radio) => (radio as HTMLInputElement).value)), ['keys'], 'no endpoint form for keys Rolekeeper does not keep');
});

test('the filter has the focus when the popover opens; / focuses it again, arrows move through rows, Enter copies, r refreshes', async (t) => {
  const fx = await fixture();
  const harness = await openOn(t, fx);
  const { page } = harness;
  assert.equal(await page.evaluate(() => document.activeElement?.id), 'filter');
  await page.keyboard.press('ArrowDown');
  assert.equal(await focusedProfile(page), 'analytics', 'the first row of the needs-you block');
  await page.keyboard.press('ArrowDown');
  assert.equal(await focusedProfile(page), 'staging');
  await page.keyboard.press('ArrowDown');
  assert.equal(await focusedProfile(page), 'dev', 'over the group header: arrows stop on rows only');
  await page.keyboard.press('ArrowDown');
  assert.equal(await focusedProfile(page), 'build');
  await page.keyboard.press('ArrowUp');
  assert.equal(await focusedProfile(page), 'dev');
  assert.equal(await page.locator('#profile-list .profile[tabindex="0"]').count(), 1, 'one row tab stop in the list');

  await page.keyboard.press('Enter');
  await page.locator('#status', { hasText: 'Copied bash export of dev' }).waitFor();
  assert.match(harness.clipboard.text, /^export AWS_CONTAINER_CREDENTIALS_FULL_URI='http:\/\/127\.0\.0\.1:\d+\/v1\/credentials\/dev'$/m, 'the endpoint form in the default shell');

  await page.keyboard.press('ArrowDown');
  const before = proxy.requestsFor('AssumeRole').length;
  await page.keyboard.press('r');
  await page.locator('#status', { hasText: 'Refreshed build.' }).waitFor();
  assert.equal(proxy.requestsFor('AssumeRole').length, before + 1);
  assert.equal(proxy.requestsFor('AssumeRole').at(-1)?.form.RoleArn, 'arn:aws:iam::111111111111:role/builder');
  assert.equal(await row(page, 'build').locator('.state').textContent(), 'fresh');
  assert.equal(await focusedProfile(page), 'build', 'focus stays on the row across the state push');

  await page.keyboard.press('/');
  assert.equal(await page.evaluate(() => document.activeElement?.id), 'filter');
  await page.keyboard.type('analyt');
  assert.equal(await page.locator('#profile-list .profile:visible').count(), 1);
  await page.keyboard.press('ArrowDown');
  assert.equal(await focusedProfile(page), 'analytics');

  // The row menu from the keyboard: Shift+F10 opens it on its first item, Escape returns to "⋯".
  await page.keyboard.press('Shift+F10');
  assert.equal(await page.evaluate(() => document.activeElement?.textContent), 'Refresh');
  await page.keyboard.press('ArrowDown');
  assert.equal(await page.evaluate(() => document.activeElement?.textContent), 'Copy bash export');
  await page.keyboard.press('Escape');
  assert.equal(await page.getByRole('menu').count(), 0);
  assert.equal(await page.evaluate(() => document.activeElement?.getAttribute('aria-label')), 'Actions for analytics');
});

test('a collapsed account group stays collapsed when a state push re-renders the list', async (t) => {
  const fx = await fixture();
  const { page } = await openOn(t, fx);
  const toggle = page.locator('.group[data-group="account:111111111111"] .group-toggle');
  await toggle.click();
  assert.equal(await toggle.getAttribute('aria-expanded'), 'false');
  assert.equal(await row(page, 'dev').isVisible(), false);
  await fx.engine.service.refreshNow('analytics');
  await row(page, 'analytics').locator('.state', { hasText: /^fresh$/ }).waitFor();
  assert.equal(await page.locator('.group[data-group="account:111111111111"] .group-toggle').getAttribute('aria-expanded'), 'false');
  assert.equal(await row(page, 'dev').isVisible(), false);
  await page.locator('.group[data-group="account:111111111111"] .group-toggle').press('ArrowRight');
  assert.equal(await row(page, 'dev').isVisible(), true);
});

test("the keep-fresh switch adds the profile to the engine's kept list and takes it out again", async (t) => {
  const fx = await fixture();
  const { page } = await openOn(t, fx);
  const toggle = row(page, 'build').getByRole('switch', { name: 'Keep build fresh' });
  assert.equal(await toggle.getAttribute('aria-checked'), 'false');
  await toggle.click();
  await page.locator('#status', { hasText: 'build is kept fresh from now on.' }).waitFor();
  assert.deepEqual(keptInStore(fx), ['build']);
  assert.ok(fx.engine.service.keptProfiles().includes('build'));
  await row(page, 'build').getByRole('switch', { name: 'Keep build fresh', checked: true }).waitFor();
  await row(page, 'build').getByRole('switch').click();
  await page.locator('#status', { hasText: 'build is no longer kept fresh.' }).waitFor();
  assert.deepEqual(keptInStore(fx), []);
  assert.equal(await row(page, 'build').getByRole('switch').getAttribute('aria-checked'), 'false');
});

test('a managed profile shows its switch on and locked; clicking it says why instead of failing', async (t) => {
  const fx = await fixture();
  await changeStore(fx.engine.service.environment, (data) => {
    data.managed.base = { roleArn: 'arn:aws:iam::111111111111:role/dev', sourceProfile: 'pasted' };
  });
  fx.engine.service.replan();
  const { page } = await openOn(t, fx);
  const locked = row(page, 'base').getByRole('switch');
  assert.equal(await locked.getAttribute('aria-checked'), 'true');
  assert.equal(await locked.getAttribute('aria-disabled'), 'true');
  // Playwright waits for an aria-disabled control to become enabled; a person can click it anyway.
  await locked.click({ force: true });
  await page.locator('#status', { hasText: 'base is managed: always kept fresh' }).waitFor();
  assert.ok(fx.engine.service.keptProfiles().includes('base'), 'still kept');
});

test('the countdown ticks once a second while visible and stops while hidden', async (t) => {
  const fx = await fixture();
  const { page } = await openOn(t, fx, { clockAt: fx.t0 - MIN });
  await page.clock.pauseAt(fx.t0);
  const countdown = row(page, 'dev').locator('.countdown');
  assert.equal(await countdown.textContent(), '42 min', 'minutes, as the menu and the notifications say it');
  await page.clock.runFor(4000);
  assert.equal(await countdown.textContent(), '42 min');
  await page.clock.runFor(12 * MIN);
  assert.equal(await countdown.textContent(), '30 min');
  assert.equal(await row(page, 'dev').locator('.bar').getAttribute('data-fill'), '11', 'the bar follows the clock');
  assert.equal(await row(page, 'dev').locator('.state').textContent(), 'fresh');
  await page.clock.runFor(21 * MIN);
  assert.equal(await row(page, 'dev').locator('.state').textContent(), 'expiring', 'under the 10 min notification lead');
  assert.equal(await countdown.textContent(), '9 min');
  await page.clock.runFor(8 * MIN + 10_000);
  assert.equal(await countdown.textContent(), '56 s', 'seconds only in the last minute');
  await page.clock.runFor(1000);
  assert.equal(await countdown.textContent(), '55 s');

  await setVisibility(page, 'hidden');
  await page.clock.runFor(10_000);
  assert.equal(await countdown.textContent(), '55 s', 'no tick while hidden');

  await setVisibility(page, 'visible');
  assert.equal(await countdown.textContent(), '45 s', 'catches up at once when shown again');
});

test('refresh assumes the role at moto and writes the AWS CLI cache entry; clear cache removes it again', async (t) => {
  const fx = await fixture();
  const harness = await openOn(t, fx);
  const { page } = harness;
  const file = fx.cacheFile('build');
  assert.equal(existsSync(file), false);
  const before = proxy.requestsFor('AssumeRole').length;
  await menuItem(page, 'build', 'Refresh');
  await page.locator('#status', { hasText: 'Refreshed build.' }).waitFor();
  assert.equal(await row(page, 'build').locator('.state').textContent(), 'fresh');
  assert.equal(proxy.requestsFor('AssumeRole').length, before + 1);
  assert.equal(existsSync(file), true, 'the AWS CLI cache entry appears in the temp HOME');
  const expiry = Date.parse(cachedKeys(file).Expiration);
  assert.ok(expiry > Date.now() + 30 * MIN, 'a real expiry from moto, not a placeholder');
  assert.ok(harness.invoked.includes('profiles:refresh'));
  assert.match((await row(page, 'build').locator('.countdown').textContent()) ?? '', /^(1h 00m|59 min)$/, "moto's one-hour session");

  await menuItem(page, 'build', 'Clear cache');
  await page.locator('#status', { hasText: 'Removed 1 cache entry.' }).waitFor();
  assert.equal(existsSync(file), false);
  assert.equal(existsSync(fx.cacheFile('dev')), true, 'other profiles keep theirs');
  await row(page, 'build').locator('.state', { hasText: 'not fetched' }).waitFor();
});

test("copy export puts moto's keys or the endpoint variables on main's clipboard and no secret in the page", async (t) => {
  const fx = await fixture();
  const harness = await openOn(t, fx);
  const { page } = harness;
  await menuItem(page, 'build', 'Refresh');
  await page.locator('#status', { hasText: 'Refreshed build.' }).waitFor();
  const fromMoto = cachedKeys(fx.cacheFile('build'));

  await menuItem(page, 'build', 'Copy export…');
  const panel = page.locator('form.panel-copy');
  const shell = panel.getByLabel('Shell');
  assert.equal(await shell.evaluate((element) => element === document.activeElement), true, 'the picker takes focus');
  await shell.selectOption('fish');
  await page.screenshot({ path: join(ARTIFACTS, 'popover-copy.png') });
  await panel.getByRole('button', { name: 'Copy', exact: true }).click();
  await page.locator('#status', { hasText: 'Copied fish export of build; the clipboard clears in 60 s.' }).waitFor();
  const endpointText = harness.clipboard.text;
  const url = /^set -gx AWS_CONTAINER_CREDENTIALS_FULL_URI '(http:\/\/127\.0\.0\.1:\d+\/v1\/credentials\/build)'$/m.exec(endpointText)?.[1];
  const token = /^set -gx AWS_CONTAINER_AUTHORIZATION_TOKEN '([^']+)'$/m.exec(endpointText)?.[1];
  assert.ok(url, 'the endpoint URL variable');
  assert.equal(new URL(url).port, String(fx.endpointPort));
  assert.ok(token, 'the endpoint token variable');
  assert.equal(endpointText.includes(fromMoto.SecretAccessKey), false, 'no secret key in the endpoint form');
  // The endpoint serves moto's credentials to whoever holds the copied token.
  const served = (await (await fetch(url, { headers: { authorization: token } })).json()) as { AccessKeyId?: string };
  assert.equal(served.AccessKeyId, fromMoto.AccessKeyId);

  await menuItem(page, 'build', 'Copy export…');
  await page.locator('form.panel-copy').getByLabel('Keys').check();
  await page.keyboard.press('Enter');
  await page.locator('#status', { hasText: 'Copied bash export of build' }).waitFor();
  const keysText = harness.clipboard.text;
  // (no assert.match on the text: a failure would print the secret key)
  assert.ok(keysText.includes('export AWS_ACCESS_KEY_ID='), 'the keys form');
  assert.ok(keysText.startsWith(`export AWS_ACCESS_KEY_ID='${fromMoto.AccessKeyId}'\n`), "moto's access key id");
  assert.ok(keysText.includes(fromMoto.SecretAccessKey) && keysText.includes(fromMoto.SessionToken), "moto's secret and token");

  const html = await page.content();
  for (const secret of [fromMoto.SecretAccessKey, fromMoto.SessionToken, token]) assert.equal(html.includes(secret), false, 'no secret in the renderer DOM');
  assert.doesNotMatch(html, FIXTURE_SECRETS);
});

test('a refresh that needs MFA opens a code entry, and the typed code reaches STS as TokenCode', async (t) => {
  const fx = await fixture();
  const harness = await openOn(t, fx);
  const { page } = harness;
  const before = proxy.requestsFor('AssumeRole').length;
  await menuItem(page, 'prod', 'Refresh');
  const code = page.getByLabel('MFA code for prod');
  await code.waitFor();
  assert.equal(await row(page, 'prod').locator('.state').textContent(), 'needs MFA code');
  assert.equal(await code.evaluate((element) => element === document.activeElement), true);
  assert.equal(proxy.requestsFor('AssumeRole').length, before, 'no STS call without a code');
  await page.screenshot({ path: join(ARTIFACTS, 'popover-mfa.png') });
  await page.keyboard.type('493017');
  await page.keyboard.press('Enter');
  await page.locator('#status', { hasText: 'Refreshed prod.' }).waitFor();
  assert.equal(await row(page, 'prod').locator('.state').textContent(), 'fresh');
  assert.equal(await page.locator('.panel').count(), 0);
  assert.deepEqual(harness.invoked.filter((c) => c === 'mfa:submit'), ['mfa:submit']);
  const sent = proxy.requestsFor('AssumeRole').slice(before);
  assert.equal(sent.length, 1);
  assert.equal(sent[0].form.TokenCode, '493017');
  assert.equal(sent[0].form.SerialNumber, 'arn:aws:iam::111111111111:mfa/alex');
  assert.equal(existsSync(fx.cacheFile('prod')), true);
  assert.equal((await page.content()).includes('493017'), false, 'the code is gone from the page');
});

test('a notification click opens the popover at a profile waiting for its MFA code', async (t) => {
  const fx = await fixture();
  const { page } = await openOn(t, fx);
  await fx.engine.service.refreshNow('prod').catch(() => undefined);
  await page.getByRole('tab', { name: 'Settings' }).click();
  await focusPopover(page, { view: 'profiles', profile: 'prod' });
  const code = page.getByLabel('MFA code for prod');
  await code.waitFor();
  assert.equal(await code.evaluate((element) => element === document.activeElement), true);
  await page.keyboard.press('Escape');
  assert.equal(await page.locator('.panel').count(), 0);
  assert.equal(await focusedProfile(page), 'prod', 'Escape returns to the row');
});

test("settings are saved through main into Rolekeeper's store and the tray's settings file, with auto-start from the OS port", async (t) => {
  const fx = await fixture();
  const harness = await openOn(t, fx);
  const { page } = harness;
  await page.getByRole('tab', { name: 'Settings' }).click();
  const form = page.locator('#settings-form');
  const lead = form.getByLabel('Refresh kept-fresh profiles when this many minutes remain');
  assert.equal(await lead.inputValue(), '20');
  await lead.fill('35');
  assert.equal(await form.getByLabel('Clear the clipboard after (seconds, 0 = never)').inputValue(), '60');
  await form.getByLabel('Clear the clipboard after (seconds, 0 = never)').fill('30');
  await form.getByLabel('Default shell').selectOption('zsh');
  await form.getByLabel('Start at login').check();
  assert.equal(await form.locator('.kept-row[data-profile="base"]').count(), 0, 'static keys cannot be kept fresh');
  await form.locator('.kept-row[data-profile="staging"] [data-kept]').check();
  await page.screenshot({ path: join(ARTIFACTS, 'popover-settings.png') });
  await form.getByRole('button', { name: 'Save settings' }).click();
  await page.locator('#status', { hasText: 'Settings saved.' }).waitFor();

  const store = JSON.parse(readFileSync(storeFilePath(fx.home.environment), 'utf8')) as { kept: string[]; settings: { refreshLeadSeconds: number } };
  assert.equal(store.settings.refreshLeadSeconds, 35 * 60);
  assert.deepEqual(store.kept, ['staging']);
  const tray = JSON.parse(readFileSync(fx.traySettingsFile, 'utf8')) as Settings;
  assert.equal(tray.clipboardClearSeconds, 30);
  assert.equal(tray.defaultShell, 'zsh');
  assert.equal(harness.autoStart.enabled, true);
  await page.getByRole('tab', { name: 'Profiles' }).click();
  assert.equal(await row(page, 'staging').getByRole('switch').getAttribute('aria-checked'), 'true');
  assert.deepEqual(await menuItems(page, 'staging'), ['Refresh', 'Copy zsh export', 'Copy export…', 'Verify', 'Open AWS console', 'Clear cache'], 'the default shell names the quick copy');
  // staging has 9 minutes left, under the new lead: the scheduler renews it from moto.
  // A regular expression: the text "refreshing…" contains "fresh" too.
  await row(page, 'staging').locator('.state', { hasText: /^fresh/ }).waitFor({ timeout: 15_000 });
  assert.ok(Date.parse(cachedKeys(fx.cacheFile('staging')).Expiration) > Date.now() + 30 * MIN);
});

test('doctor findings from the real files come with a one-click fix', async (t) => {
  const fx = await fixture();
  const { page } = await openOn(t, fx);
  await page.getByRole('tab', { name: 'Doctor' }).click();
  const expired = page.locator('.finding', { hasText: /cached credentials for "?analytics"? expired/ });
  await expired.waitFor();
  await expired.getByRole('button', { name: 'Fix' }).click();
  await expired.waitFor({ state: 'detached' });
  assert.equal(existsSync(fx.cacheFile('analytics')), false);
  assert.equal(existsSync(fx.cacheFile('dev')), true);
});

test('the popover speaks German for a German locale', async (t) => {
  const fx = await fixture();
  const harness = await openOn(t, fx, { locale: 'de-DE' });
  const { page } = harness;
  assert.equal(await page.locator('#title').textContent(), 'AWS-Profile');
  assert.equal(await page.locator('html').getAttribute('lang'), 'de');
  assert.equal(await row(page, 'dev').locator('.state').textContent(), 'frisch');
  assert.equal(await row(page, 'analytics').locator('.state').textContent(), 'abgelaufen');
  assert.equal(await row(page, 'build').locator('.state').textContent(), 'nicht geholt');
  assert.equal(await page.getByRole('searchbox').getAttribute('placeholder'), 'Profile filtern');
  assert.equal(await row(page, 'dev').getByRole('switch').getAttribute('aria-label'), 'dev frisch halten');
  await row(page, 'dev').getByRole('button', { name: 'Aktionen für dev' }).click();
  assert.deepEqual(await page.getByRole('menuitem').allTextContents(), ['Erneuern', 'bash-Export kopieren', 'Export kopieren…', 'Prüfen', 'AWS-Konsole öffnen', 'Cache leeren']);
  await page.getByRole('menuitem', { name: 'bash-Export kopieren' }).click();
  await page.locator('#status', { hasText: 'bash-Export von dev kopiert; die Zwischenablage wird in 60 s geleert.' }).waitFor();
  assert.match(harness.clipboard.text, /^export AWS_CONTAINER_CREDENTIALS_FULL_URI=/m);
  assert.deepEqual(await page.getByRole('tab').allTextContents(), ['Profile', 'Diagnose', 'Einstellungen']);
  await page.screenshot({ path: join(ARTIFACTS, 'popover-de.png') });
});

test('dark mode follows the OS colour scheme', async (t) => {
  const fx = await fixture();
  const { page } = await openOn(t, fx);
  const background = () => page.evaluate(() => getComputedStyle(document.body).backgroundColor);
  assert.equal(await background(), 'rgb(255, 255, 255)');
  await page.emulateMedia({ colorScheme: 'dark' });
  assert.equal(await background(), 'rgb(28, 33, 40)');
  await page.emulateMedia({ colorScheme: 'light' });
  assert.equal(await background(), 'rgb(255, 255, 255)');
});

function manyProfiles(): string {
  return (
    '[profile base]\nregion = us-east-1\naws_access_key_id = AKIAIOSFODNN7EXAMPLE\naws_secret_access_key = base-secret-never-shown\n\n' +
    Array.from({ length: 200 }, (_, i) => `[profile team-${String(i).padStart(3, '0')}]\nrole_arn = arn:aws:iam::${String(100000000000 + (i % 7))}:role/r${i}\nsource_profile = base\n`).join('\n')
  );
}

test('200 profiles render in their account groups and the filter narrows them by name, role or account', async (t) => {
  const fx = await fixture({ config: manyProfiles() });
  const { page } = await openOn(t, fx);
  assert.equal(await page.locator('#profile-list .profile[data-profile^="team-"]').count(), 200);
  assert.equal(await page.locator('.group-toggle').count(), 8, 'seven accounts and the base keys');
  const filter = page.getByRole('searchbox', { name: 'Filter profiles' });
  await filter.fill('team-19');
  assert.equal(await page.locator('#profile-list .profile:visible').count(), 10);
  await filter.fill('100000000003');
  assert.equal(await page.locator('#profile-list .profile:visible').count(), 29, 'by account id');
  assert.equal(await page.locator('.group:visible .group-count').allTextContents().then((counts) => counts.join()), '29/29');
  await filter.fill('nothing-like-this');
  assert.equal(await page.locator('#no-match').textContent(), 'No profile matches "nothing-like-this".');
  await filter.fill('team-007');
  await filter.press('Enter');
  assert.equal(await focusedProfile(page), 'team-007');
  await page.keyboard.press('r');
  await page.locator('#status', { hasText: 'Refreshed team-007.' }).waitFor();
  assert.equal(await row(page, 'team-007').locator('.state').textContent(), 'fresh');
});

test('the README screenshots show the popover over the real engine: light, dark, German, MFA, 200 profiles filtered', async (t) => {
  const docs = join(process.cwd(), 'docs');
  mkdirSync(docs, { recursive: true });
  const shoot = async (page: Page, name: string): Promise<void> => {
    const png = await page.screenshot({ path: join(docs, name) });
    writeFileSync(join(ARTIFACTS, name), png);
    assert.ok(png.length > 10_000, name);
  };

  const fx = await fixture();
  await fx.engine.service.refreshNow('build');
  await fx.engine.settings.set({ keptFresh: [{ profile: 'build', sinks: ['cli-cache'] }] });
  const light = await openOn(t, fx, { deviceScaleFactor: 2, clockAt: fx.t0 - MIN });
  await light.page.clock.pauseAt(fx.t0);
  await row(light.page, 'build').getByRole('switch', { checked: true }).waitFor();
  await shoot(light.page, 'popover-light.png');

  const dark = await openOn(t, fx, { deviceScaleFactor: 2, clockAt: fx.t0 - MIN, colorScheme: 'dark' });
  await dark.page.clock.pauseAt(fx.t0);
  await row(dark.page, 'dev').getByRole('button', { name: 'Actions for dev' }).click();
  await dark.page.getByRole('menu').waitFor();
  await shoot(dark.page, 'popover-dark.png');

  const german = await openOn(t, fx, { deviceScaleFactor: 2, clockAt: fx.t0 - MIN, locale: 'de-DE' });
  await german.page.clock.pauseAt(fx.t0);
  await shoot(german.page, 'popover-de.png');

  await fx.engine.service.refreshNow('prod').catch(() => undefined);
  const mfa = await openOn(t, fx, { deviceScaleFactor: 2, clockAt: fx.t0 - MIN });
  await mfa.page.clock.pauseAt(fx.t0);
  await mfa.page.getByLabel('MFA code for prod').waitFor();
  await mfa.page.getByLabel('MFA code for prod').focus();
  await shoot(mfa.page, 'popover-mfa.png');

  const many = await fixture({ config: manyProfiles() });
  writeCacheEntry(many.home, 'team-031', many.t0 + 48 * MIN);
  writeCacheEntry(many.home, 'team-033', many.t0 + 7 * MIN);
  writeCacheEntry(many.home, 'team-035', many.t0 - 20 * MIN);
  await many.engine.service.refreshNow('team-030');
  await many.engine.settings.set({ keptFresh: [{ profile: 'team-030', sinks: ['cli-cache'] }] });
  const big = await openOn(t, many, { deviceScaleFactor: 2, clockAt: many.t0 - MIN });
  await big.page.clock.pauseAt(many.t0);
  assert.equal(await big.page.locator('#profile-list .profile[data-profile^="team-"]').count(), 200);
  await big.page.getByRole('searchbox').fill('team-03');
  assert.equal(await big.page.locator('#profile-list .profile:visible').count(), 10);
  await shoot(big.page, 'popover-200-filtered.png');
});

const BROKEN_CONFIG = `${CONFIG}
[profile broken]
role_arn = arn:aws:iam::111111111111:role/needs-a-source-that-is-not-there-with-a-long-role-name
source_profile = missing-source
region = eu-central-1
`;

test('what needs you comes first: a notification click lands on the needs-you block; a config error says its cause first, wraps, links to Doctor and has no switch', async (t) => {
  const fx = await fixture({ config: BROKEN_CONFIG });
  writeCacheEntry(fx.home, 'staging', fx.t0 + 3 * MIN);
  writeCacheEntry(fx.home, 'dev', fx.t0 + 42 * MIN);
  const { page } = await openOn(t, fx);
  const needs = page.locator('.group.needs-you');
  assert.equal(await page.locator('.group').first().getAttribute('data-group'), 'needs-you');
  assert.deepEqual(await needs.locator('.profile').evaluateAll((rows) => rows.map((r) => (r as HTMLElement).dataset.profile)), ['staging', 'broken'], 'expiring before a config error');
  await focusPopover(page, { view: 'profiles', section: 'needs-you' });
  assert.equal(await focusedProfile(page), 'staging');

  const error = row(page, 'broken').locator('.error-text');
  const text = (await error.locator('span').textContent()) ?? '';
  assert.ok(!text.startsWith('/') && !text.startsWith(fx.home.home), `the cause first: ${text}`);
  assert.match(text, /missing-source/);
  assert.ok(text.includes(`(${fx.home.configFile}:`) || text.includes('config:'), 'the place after the cause');
  const box = await error.boundingBox();
  assert.ok(box && box.height > 20, `the error wraps instead of being cut: ${box?.height}px`);
  assert.equal(await row(page, 'broken').getByRole('switch').count(), 0, 'a profile that cannot be kept fresh has no switch');
  await error.getByRole('button', { name: 'Doctor' }).click();
  assert.equal(await page.locator('#view-doctor').isVisible(), true);
  const target = page.locator('#findings .finding.target');
  await target.waitFor();
  assert.match((await target.textContent()) ?? '', /missing-source/, 'the finding behind the row, focused');
  assert.equal(await page.evaluate(() => document.activeElement?.classList.contains('target')), true);
  await page.screenshot({ path: join(ARTIFACTS, 'popover-needs-you-error.png') });
});

test('rows are at most 24 px at 100 % zoom, the keep-fresh column is labelled, and names keep their room before roles', async (t) => {
  const fx = await fixture();
  const { page } = await openOn(t, fx, { deviceScaleFactor: 1 });
  const heights = await page.locator('#profile-list .profile').evaluateAll((rows) => rows.filter((r) => !r.querySelector('.error-text')).map((r) => r.getBoundingClientRect().height));
  assert.ok(heights.length >= 5);
  for (const height of heights) assert.ok(height <= 24, `row height ${height}px`);
  assert.equal(await page.locator('.list-head').textContent(), 'Keep fresh');
  // A name and a long role in a narrow popover: the role is cut first.
  await page.setViewportSize({ width: 300, height: 560 });
  const cut = await row(page, 'staging').evaluate((r) => {
    const name = r.querySelector<HTMLElement>('.name')!;
    const role = r.querySelector<HTMLElement>('.role')!;
    return { name: name.scrollWidth > name.clientWidth, role: role.scrollWidth > role.clientWidth || role.clientWidth < role.scrollWidth };
  });
  assert.equal(cut.name, false, 'the name is whole');
});

test('a status message is a toast that moves nothing and fades; Escape with nothing open hides the popover through main', async (t) => {
  const fx = await fixture();
  const harness = await openOn(t, fx);
  const { page } = harness;
  const firstRow = page.locator('#profile-list .profile').first();
  const before = await firstRow.boundingBox();
  await menuItem(page, 'base', 'Verify');
  const toast = page.locator('#status.toast');
  await toast.waitFor();
  assert.equal(await toast.evaluate((element) => getComputedStyle(element).position), 'fixed');
  const after = await firstRow.boundingBox();
  assert.deepEqual(after, before, 'the list did not move');
  assert.notEqual(await toast.evaluate((element) => getComputedStyle(element).animationName), 'none', 'it fades by itself');
  await page.getByRole('tab', { name: 'Doctor' }).click();
  assert.equal(await page.locator('#status').textContent(), '', 'a message does not follow to another tab');
  await page.getByRole('tab', { name: 'Profiles' }).click();

  await row(page, 'dev').focus();
  await page.keyboard.press('Escape');
  assert.equal(harness.invoked.at(-1), 'popover:hide');
});

test('the needs-you block and the toast in light and dark, English and German', async (t) => {
  const fx = await fixture({ config: BROKEN_CONFIG });
  for (const [locale, colorScheme, label] of [['en-US', 'light', 'Needs you'], ['de-DE', 'dark', 'Braucht dich']] as const) {
    const { page } = await openOn(t, fx, { locale, colorScheme, clockAt: fx.t0 });
    assert.equal(await page.locator('.group.needs-you .group-label').textContent(), label);
    assert.equal(await page.locator('.list-head').textContent(), locale === 'de-DE' ? 'Frisch halten' : 'Keep fresh');
    await row(page, 'dev').locator('.more').click();
    await page.getByRole('menu').getByRole('menuitem', { name: locale === 'de-DE' ? 'Cache leeren' : 'Clear cache' }).click();
    await page.locator('#status.toast').waitFor();
    assert.match((await page.locator('#status').textContent()) ?? '', locale === 'de-DE' ? /^\d+ Cache-Eintr(ag|äge) entfernt\.$/ : /^Removed \d+ cache entr(y|ies)\.$/);
    const background = await page.evaluate(() => getComputedStyle(document.body).backgroundColor);
    assert.equal(background, colorScheme === 'dark' ? 'rgb(28, 33, 40)' : 'rgb(255, 255, 255)');
    await page.screenshot({ path: join(ARTIFACTS, `popover-needs-you-${locale}-${colorScheme}.png`) });
  }
});

test('Refresh all refreshes the kept profiles and those that need it, not every profile', async (t) => {
  const fx = await fixture();
  await fx.engine.settings.setKept('build', true);
  const { page } = await openOn(t, fx);
  const before = proxy.requestsFor('AssumeRole').length;
  await page.getByRole('button', { name: 'Refresh all' }).click();
  await page.locator('#status', { hasText: 'Refreshed 3 of 3 profiles.' }).waitFor();
  const roles = proxy.requestsFor('AssumeRole').slice(before).map((request) => request.form.RoleArn).sort();
  assert.deepEqual(roles, ['arn:aws:iam::111111111111:role/builder', 'arn:aws:iam::111111111111:role/deployer', 'arn:aws:iam::333333333333:role/reader'], 'kept build, expiring staging, expired analytics; not dev or prod');
});
