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
import { rolekeeperDataDir, storeFilePath } from '../../src/main/core/aws-config/aws-environment';
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

async function openOn(t: { after(fn: () => Promise<void>): void }, fx: Fixture, options: Omit<HarnessOptions, 'engine'> = {}): Promise<PopoverHarness> {
  const harness = await openPopover(browser, { engine: fx.engine, clockAt: fx.t0, ...options });
  t.after(async () => {
    await harness.close();
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

test('the popover lists the profiles of the real files grouped by account, each with its status', async (t) => {
  const fx = await fixture();
  const calls = proxy.requests.length;
  const { page } = await openOn(t, fx);
  assert.deepEqual(await page.locator('.group h2').allTextContents(), ['Account 111111111111', 'Account 222222222222', 'Account 333333333333', 'Other profiles']);
  const state = (profile: string) => page.locator(`li.profile[data-profile="${profile}"] .state`).textContent();
  assert.equal(await state('dev'), 'fresh');
  assert.equal(await state('staging'), 'expiring');
  assert.equal(await state('analytics'), 'expired');
  assert.equal(await state('build'), 'not fetched');
  assert.equal(await state('pasted'), 'expired', 'a pasted session past its aws_expiration');
  assert.equal(await page.locator('li.profile[data-profile="base"] .countdown').textContent(), 'no expiry');
  assert.equal(await page.locator('#filter').isHidden(), true, 'no filter box for a handful of profiles');
  assert.doesNotMatch(await page.content(), FIXTURE_SECRETS);
  assert.equal(proxy.requests.length, calls, 'listing reads files only, no STS call');
  await page.screenshot({ path: join(ARTIFACTS, 'popover-list.png') });
});

test('the countdown ticks once a second while visible and stops while hidden', async (t) => {
  const fx = await fixture();
  const { page } = await openOn(t, fx, { clockAt: fx.t0 - MIN });
  await page.clock.pauseAt(fx.t0);
  const countdown = page.locator('li.profile[data-profile="dev"] .countdown');
  assert.equal(await countdown.textContent(), '42m 10s');
  await page.clock.runFor(1000);
  assert.equal(await countdown.textContent(), '42m 09s');
  await page.clock.runFor(3000);
  assert.equal(await countdown.textContent(), '42m 06s');

  await setVisibility(page, 'hidden');
  await page.clock.runFor(10_000);
  assert.equal(await countdown.textContent(), '42m 06s', 'no tick while hidden');

  await setVisibility(page, 'visible');
  assert.equal(await countdown.textContent(), '41m 56s', 'catches up at once when shown again');
});

test('refresh assumes the role at moto and writes the AWS CLI cache entry; clear cache removes it again', async (t) => {
  const fx = await fixture();
  const harness = await openOn(t, fx);
  const { page } = harness;
  const file = fx.cacheFile('build');
  assert.equal(existsSync(file), false);
  const build = page.locator('li.profile[data-profile="build"]');
  const before = proxy.requestsFor('AssumeRole').length;
  await build.getByRole('button', { name: 'Refresh' }).click();
  await page.locator('#status', { hasText: 'Refreshed build.' }).waitFor();
  assert.equal(await build.locator('.state').textContent(), 'fresh');
  assert.equal(proxy.requestsFor('AssumeRole').length, before + 1);
  assert.equal(proxy.requestsFor('AssumeRole').at(-1)?.form.RoleArn, 'arn:aws:iam::111111111111:role/builder');
  assert.equal(existsSync(file), true, 'the AWS CLI cache entry appears in the temp HOME');
  const expiry = Date.parse(cachedKeys(file).Expiration);
  assert.ok(expiry > Date.now() + 30 * MIN, 'a real expiry from moto, not a placeholder');
  assert.ok(harness.invoked.includes('profiles:refresh'));
  assert.match((await build.locator('.countdown').textContent()) ?? '', /^(1h 00m|59m \d{2}s)$/, "moto's one-hour session");

  await build.getByRole('button', { name: 'Clear cache' }).click();
  await page.locator('#status', { hasText: 'Removed 1 cache entries.' }).waitFor();
  assert.equal(existsSync(file), false);
  assert.equal(existsSync(fx.cacheFile('dev')), true, 'other profiles keep theirs');
  await page.locator('li.profile[data-profile="build"] .state', { hasText: 'not fetched' }).waitFor();
});

test("copy export puts moto's keys or the endpoint variables on main's clipboard and no secret in the page", async (t) => {
  const fx = await fixture();
  const harness = await openOn(t, fx);
  const { page } = harness;
  const build = page.locator('li.profile[data-profile="build"]');
  await build.getByRole('button', { name: 'Refresh' }).click();
  await page.locator('#status', { hasText: 'Refreshed build.' }).waitFor();
  const fromMoto = cachedKeys(fx.cacheFile('build'));

  await build.getByRole('button', { name: 'Copy export' }).click();
  const shell = build.getByLabel('Shell');
  assert.equal(await shell.evaluate((element) => element === document.activeElement), true, 'the picker takes focus');
  await shell.selectOption('fish');
  await page.screenshot({ path: join(ARTIFACTS, 'popover-copy.png') });
  await build.getByRole('button', { name: 'Copy', exact: true }).click();
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

  await build.getByRole('button', { name: 'Copy export' }).click();
  await build.getByLabel('Keys').check();
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
  const prod = page.locator('li.profile[data-profile="prod"]');
  const before = proxy.requestsFor('AssumeRole').length;
  await prod.getByRole('button', { name: 'Refresh' }).click();
  const code = prod.getByLabel('MFA code for prod');
  await code.waitFor();
  assert.equal(await prod.locator('.state').textContent(), 'needs MFA code');
  assert.equal(await code.evaluate((element) => element === document.activeElement), true);
  assert.equal(proxy.requestsFor('AssumeRole').length, before, 'no STS call without a code');
  await page.screenshot({ path: join(ARTIFACTS, 'popover-mfa.png') });
  await page.keyboard.type('493017');
  await page.keyboard.press('Enter');
  await page.locator('#status', { hasText: 'Refreshed prod.' }).waitFor();
  assert.equal(await prod.locator('.state').textContent(), 'fresh');
  assert.equal(await prod.locator('.panel').count(), 0);
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
  const code = page.locator('li.profile[data-profile="prod"]').getByLabel('MFA code for prod');
  await code.waitFor();
  assert.equal(await code.evaluate((element) => element === document.activeElement), true);
  await page.keyboard.press('Escape');
  assert.equal(await page.locator('.panel').count(), 0);
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
  assert.equal(await page.locator('li.profile[data-profile="staging"] .tag').textContent(), 'kept fresh');
  // staging has 9 minutes left, under the new lead: the scheduler renews it from moto.
  // A regular expression: the text "refreshing…" contains "fresh" too.
  await page.locator('li.profile[data-profile="staging"] .state', { hasText: /^fresh/ }).waitFor({ timeout: 15_000 });
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
  const harness = await openOn(t, fx, { locale: 'de-DE', colorScheme: 'dark' });
  const { page } = harness;
  assert.equal(await page.locator('#title').textContent(), 'AWS-Profile');
  assert.equal(await page.locator('html').getAttribute('lang'), 'de');
  const dev = page.locator('li.profile[data-profile="dev"]');
  assert.equal(await dev.locator('.state').textContent(), 'frisch');
  assert.equal(await page.locator('li.profile[data-profile="analytics"] .state').textContent(), 'abgelaufen');
  assert.equal(await page.locator('li.profile[data-profile="build"] .state').textContent(), 'nicht abgerufen');
  await dev.getByRole('button', { name: 'Export kopieren' }).click();
  await dev.getByRole('button', { name: 'Kopieren', exact: true }).click();
  await page.locator('#status', { hasText: 'bash-Export von dev kopiert; die Zwischenablage wird in 60 s geleert.' }).waitFor();
  assert.match(harness.clipboard.text, /^export AWS_CONTAINER_CREDENTIALS_FULL_URI=/m);
  assert.deepEqual(await page.getByRole('tab').allTextContents(), ['Profile', 'Diagnose', 'Einstellungen']);
  await page.screenshot({ path: join(ARTIFACTS, 'popover-de-dark.png') });
});

test('with many profiles a filter box narrows the list, and the page is keyboard usable', async (t) => {
  const config =
    '[profile base]\nregion = us-east-1\n\n' +
    Array.from({ length: 200 }, (_, i) => `[profile team-${String(i).padStart(3, '0')}]\nrole_arn = arn:aws:iam::${String(100000000000 + (i % 7))}:role/r${i}\nsource_profile = base\n`).join('\n');
  const fx = await fixture({ config });
  const { page } = await openOn(t, fx);
  assert.equal(await page.locator('li.profile[data-profile^="team-"]').count(), 200);
  const filter = page.getByRole('searchbox', { name: 'Filter profiles' });
  await filter.fill('team-19');
  assert.equal(await page.locator('li.profile:visible').count(), 10);
  await filter.fill('nothing-like-this');
  assert.equal(await page.locator('#no-match').textContent(), 'No profile matches "nothing-like-this".');
  await filter.fill('team-007');
  await filter.press('Tab');
  assert.equal(await page.evaluate(() => document.activeElement?.closest('li')?.getAttribute('data-profile')), 'team-007');
  assert.equal(await page.evaluate(() => document.activeElement?.textContent), 'Refresh');
  await page.keyboard.press('Enter');
  await page.locator('#status', { hasText: 'Refreshed team-007.' }).waitFor();
  assert.equal(await page.locator('li.profile[data-profile="team-007"] .state').textContent(), 'fresh');
});

test('the README screenshot shows the popover over the real engine with every kind of state', async (t) => {
  const fx = await fixture();
  await fx.engine.service.refreshNow('build');
  await fx.engine.service.refreshNow('prod').catch(() => undefined);
  const { page } = await openOn(t, fx, { deviceScaleFactor: 2, clockAt: fx.t0 - MIN });
  await page.clock.pauseAt(fx.t0);
  await page.locator('li.profile[data-profile="prod"] .panel').waitFor();
  assert.equal(await page.locator('li.profile[data-profile="build"] .state').textContent(), 'fresh');
  mkdirSync(join(process.cwd(), 'docs'), { recursive: true });
  const png = await page.screenshot({ path: join(process.cwd(), 'docs', 'popover.png') });
  writeFileSync(join(ARTIFACTS, 'popover-readme.png'), png);
  assert.ok(png.length > 10_000);
});
