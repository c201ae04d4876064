// The real popover in real Chromium, talking to the real IPC handler table over a temp HOME.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { makeTempHome, type TempHome } from '../helpers/temp-home';
import { StandInEngine } from '../helpers/stand-in-engine';
import { focusPopover, launchChromium, openPopover } from './popover-harness';

const BASE = Date.parse('2026-03-02T09:00:00Z');
const MIN = 60_000;
const ARTIFACTS = join(process.cwd(), 'test-artifacts');

const CONFIG = `[profile base]
aws_access_key_id = AKIAEXAMPLEBASE
aws_secret_access_key = base-secret-never-shown
region = eu-central-1

[profile dev]
role_arn = arn:aws:iam::111111111111:role/developer
source_profile = base
region = eu-central-1

[profile staging]
role_arn = arn:aws:iam::111111111111:role/deployer
source_profile = base
region = eu-west-1

[profile prod]
role_arn = arn:aws:iam::222222222222:role/admin
source_profile = base
mfa_serial = arn:aws:iam::111111111111:mfa/alex
region = eu-central-1

[profile analytics]
role_arn = arn:aws:iam::333333333333:role/reader
source_profile = base
region = us-east-1
`;

function cacheEntry(home: TempHome, profile: string, expiresAt: number): void {
  home.write(
    join('.aws', 'cli', 'cache', `${profile}.json`),
    JSON.stringify({ Credentials: { AccessKeyId: 'ASIAFIXTURE', SecretAccessKey: 'fixture-secret', SessionToken: 'fixture-token', Expiration: new Date(expiresAt).toISOString() } }),
  );
}

function fixture(): { home: TempHome; engine: StandInEngine } {
  const home = makeTempHome({ config: CONFIG });
  cacheEntry(home, 'dev', BASE + 42 * MIN + 10_000);
  cacheEntry(home, 'staging', BASE + 9 * MIN);
  cacheEntry(home, 'analytics', BASE - 20 * MIN);
  return { home, engine: new StandInEngine(home, { now: () => BASE }) };
}

/** What the OS does when the popover window is hidden or shown. */
async function setVisibility(page: Page, state: 'hidden' | 'visible'): Promise<void> {
  await page.evaluate(`Object.defineProperty(document, 'visibilityState', { configurable: true, value: '${state}' });
    document.dispatchEvent(new Event('visibilitychange'));`);
}

let browser: Browser;
before(async () => {
  mkdirSync(ARTIFACTS, { recursive: true });
  browser = await launchChromium();
});
after(async () => {
  await browser?.close();
});

test('the popover lists profiles grouped by account with status and remaining time', async (t) => {
  const { home, engine } = fixture();
  const harness = await openPopover(browser, { engine, clockAt: BASE });
  t.after(async () => {
    await harness.close();
    home.cleanup();
  });
  await harness.open();
  const { page } = harness;
  assert.deepEqual(await page.locator('.group h2').allTextContents(), ['Account 111111111111', 'Account 222222222222', 'Account 333333333333', 'Other profiles']);
  const dev = page.locator('li.profile[data-profile="dev"]');
  assert.equal(await dev.locator('.state').textContent(), 'fresh');
  assert.equal(await page.locator('li.profile[data-profile="staging"] .state').textContent(), 'expiring');
  assert.equal(await page.locator('li.profile[data-profile="analytics"] .state').textContent(), 'expired');
  assert.equal(await page.locator('li.profile[data-profile="base"] .countdown').textContent(), 'no expiry');
  assert.equal(await page.locator('#filter').isHidden(), true, 'no filter box for a handful of profiles');
  assert.doesNotMatch(await page.content(), /base-secret|fixture-secret|fixture-token/);
  await page.screenshot({ path: join(ARTIFACTS, 'popover-list.png') });
});

test('the countdown ticks once a second while visible and stops while hidden', async (t) => {
  const { home, engine } = fixture();
  const harness = await openPopover(browser, { engine, clockAt: BASE - MIN });
  t.after(async () => {
    await harness.close();
    home.cleanup();
  });
  await harness.open();
  const { page } = harness;
  await page.clock.pauseAt(BASE);
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

test('refresh renews a profile through main and the row turns fresh', async (t) => {
  const { home, engine } = fixture();
  const harness = await openPopover(browser, { engine, clockAt: BASE });
  t.after(async () => {
    await harness.close();
    home.cleanup();
  });
  await harness.open();
  const { page } = harness;
  const analytics = page.locator('li.profile[data-profile="analytics"]');
  await analytics.getByRole('button', { name: 'Refresh' }).click();
  await page.locator('#status', { hasText: 'Refreshed analytics.' }).waitFor();
  assert.equal(await analytics.locator('.state').textContent(), 'fresh');
  assert.ok(harness.invoked.includes('profiles:refresh'));
});

test('clearing a profile cache removes its entry file and shows it as not fetched', async (t) => {
  const { home, engine } = fixture();
  const harness = await openPopover(browser, { engine, clockAt: BASE });
  t.after(async () => {
    await harness.close();
    home.cleanup();
  });
  await harness.open();
  const { page } = harness;
  const dev = page.locator('li.profile[data-profile="dev"]');
  await dev.getByRole('button', { name: 'Clear cache' }).click();
  await page.locator('#status', { hasText: 'Removed 1 cache entries.' }).waitFor();
  assert.equal(existsSync(join(home.home, '.aws', 'cli', 'cache', 'dev.json')), false);
  assert.equal(existsSync(join(home.home, '.aws', 'cli', 'cache', 'staging.json')), true);
  assert.equal(await dev.locator('.state').textContent(), 'not fetched');
});

test('copy export with the shell picker puts the text on main\'s clipboard and none in the page', async (t) => {
  const { home, engine } = fixture();
  const harness = await openPopover(browser, { engine, clockAt: BASE });
  t.after(async () => {
    await harness.close();
    home.cleanup();
  });
  await harness.open();
  const { page } = harness;
  const dev = page.locator('li.profile[data-profile="dev"]');
  await dev.getByRole('button', { name: 'Copy export' }).click();
  const shell = dev.getByLabel('Shell');
  assert.equal(await shell.evaluate((element) => element === document.activeElement), true, 'the picker takes focus');
  await shell.selectOption('fish');
  await page.screenshot({ path: join(ARTIFACTS, 'popover-copy.png') });
  await dev.getByRole('button', { name: 'Copy', exact: true }).click();
  await page.locator('#status', { hasText: 'Copied fish export of dev; the clipboard clears in 60 s.' }).waitFor();
  assert.match(harness.clipboard.text, /^set -gx AWS_CONTAINER_CREDENTIALS_FULL_URI 'http:\/\/127\.0\.0\.1:\d+\/profiles\/dev'\n/);
  assert.doesNotMatch(harness.clipboard.text, /SECRET/);
  assert.doesNotMatch(await page.content(), /AWS_CONTAINER_AUTHORIZATION_TOKEN|stand-in-endpoint-token/);

  await dev.getByRole('button', { name: 'Copy export' }).click();
  await dev.getByLabel('Keys').check();
  await page.keyboard.press('Enter');
  await page.locator('#status', { hasText: 'Copied bash export of dev' }).waitFor();
  assert.match(harness.clipboard.text, /^export AWS_ACCESS_KEY_ID='ASIAFIXTURE'\nexport AWS_SECRET_ACCESS_KEY='fixture-secret'/);
  assert.doesNotMatch(await page.content(), /fixture-secret/);
});

test('a refresh that needs MFA opens a code entry, and the code completes it', async (t) => {
  const { home, engine } = fixture();
  const harness = await openPopover(browser, { engine, clockAt: BASE });
  t.after(async () => {
    await harness.close();
    home.cleanup();
  });
  await harness.open();
  const { page } = harness;
  const prod = page.locator('li.profile[data-profile="prod"]');
  await prod.getByRole('button', { name: 'Refresh' }).click();
  const code = prod.getByLabel('MFA code for prod');
  await code.waitFor();
  assert.equal(await prod.locator('.state').textContent(), 'needs MFA code');
  assert.equal(await code.evaluate((element) => element === document.activeElement), true);
  await page.screenshot({ path: join(ARTIFACTS, 'popover-mfa.png') });
  await page.keyboard.type('123456');
  await page.keyboard.press('Enter');
  await page.locator('#status', { hasText: 'Refreshed prod.' }).waitFor();
  assert.equal(await prod.locator('.state').textContent(), 'fresh');
  assert.equal(await prod.locator('.panel').count(), 0);
  assert.deepEqual(harness.invoked.filter((c) => c === 'mfa:submit'), ['mfa:submit']);
});

test('a notification click opens the popover at a profile waiting for its MFA code', async (t) => {
  const { home, engine } = fixture();
  const harness = await openPopover(browser, { engine, clockAt: BASE });
  t.after(async () => {
    await harness.close();
    home.cleanup();
  });
  await harness.open();
  await engine.refresh('prod').catch(() => undefined);
  const { page } = harness;
  await page.getByRole('tab', { name: 'Settings' }).click();
  await focusPopover(page, { view: 'profiles', profile: 'prod' });
  const code = page.locator('li.profile[data-profile="prod"]').getByLabel('MFA code for prod');
  await code.waitFor();
  assert.equal(await code.evaluate((element) => element === document.activeElement), true);
  await page.keyboard.press('Escape');
  assert.equal(await page.locator('.panel').count(), 0);
});

test('settings are read, changed and saved through main, with auto-start from the OS port', async (t) => {
  const { home, engine } = fixture();
  const harness = await openPopover(browser, { engine, clockAt: BASE });
  t.after(async () => {
    await harness.close();
    home.cleanup();
  });
  await harness.open();
  const { page } = harness;
  await page.getByRole('tab', { name: 'Settings' }).click();
  const form = page.locator('#settings-form');
  assert.equal(await form.getByLabel('Clear the clipboard after (seconds, 0 = never)').inputValue(), '60');
  await form.getByLabel('Clear the clipboard after (seconds, 0 = never)').fill('30');
  await form.getByLabel('Default shell').selectOption('zsh');
  await form.getByLabel('Start at login').check();
  await form.locator('.kept-row[data-profile="dev"] [data-kept]').check();
  await form.locator('.kept-row[data-profile="dev"] [data-sink="endpoint"]').check();
  await page.screenshot({ path: join(ARTIFACTS, 'popover-settings.png') });
  await form.getByRole('button', { name: 'Save settings' }).click();
  await page.locator('#status', { hasText: 'Settings saved.' }).waitFor();
  const saved = engine.getSettings();
  assert.equal(saved.clipboardClearSeconds, 30);
  assert.equal(saved.defaultShell, 'zsh');
  assert.deepEqual(saved.keptFresh, [{ profile: 'dev', sinks: ['cli-cache', 'endpoint'] }]);
  assert.equal(harness.autoStart.enabled, true);
  await page.getByRole('tab', { name: 'Profiles' }).click();
  assert.equal(await page.locator('li.profile[data-profile="dev"] .tag').textContent(), 'kept fresh');
});

test('doctor findings come with a one-click fix', async (t) => {
  const { home, engine } = fixture();
  const harness = await openPopover(browser, { engine, clockAt: BASE });
  t.after(async () => {
    await harness.close();
    home.cleanup();
  });
  await harness.open();
  const { page } = harness;
  await page.getByRole('tab', { name: 'Doctor' }).click();
  const finding = page.locator('.finding');
  await finding.first().waitFor();
  assert.match((await finding.first().textContent()) ?? '', /"analytics" has expired/);
  await finding.first().getByRole('button', { name: 'Fix' }).click();
  await page.locator('#findings', { hasText: 'No problems found.' }).waitFor();
  assert.equal(existsSync(join(home.home, '.aws', 'cli', 'cache', 'analytics.json')), false);
});

test('the popover speaks German for a German locale', async (t) => {
  const { home, engine } = fixture();
  const harness = await openPopover(browser, { engine, locale: 'de-DE', colorScheme: 'dark', clockAt: BASE });
  t.after(async () => {
    await harness.close();
    home.cleanup();
  });
  await harness.open();
  const { page } = harness;
  assert.equal(await page.locator('#title').textContent(), 'AWS-Profile');
  assert.equal(await page.locator('html').getAttribute('lang'), 'de');
  const dev = page.locator('li.profile[data-profile="dev"]');
  assert.equal(await dev.locator('.state').textContent(), 'frisch');
  assert.equal(await page.locator('li.profile[data-profile="analytics"] .state').textContent(), 'abgelaufen');
  await dev.getByRole('button', { name: 'Export kopieren' }).click();
  await dev.getByRole('button', { name: 'Kopieren', exact: true }).click();
  await page.locator('#status', { hasText: 'bash-Export von dev kopiert; die Zwischenablage wird in 60 s geleert.' }).waitFor();
  assert.deepEqual(await page.getByRole('tab').allTextContents(), ['Profile', 'Diagnose', 'Einstellungen']);
  await page.screenshot({ path: join(ARTIFACTS, 'popover-de-dark.png') });
});

test('with many profiles a filter box narrows the list, and the page is keyboard usable', async (t) => {
  const home = makeTempHome({
    config: Array.from({ length: 200 }, (_, i) => `[profile team-${String(i).padStart(3, '0')}]\nrole_arn = arn:aws:iam::${String(100000000000 + (i % 7)).padStart(12, '0')}:role/r${i}\n`).join('\n'),
  });
  const engine = new StandInEngine(home, { now: () => BASE });
  const harness = await openPopover(browser, { engine, clockAt: BASE });
  t.after(async () => {
    await harness.close();
    home.cleanup();
  });
  await harness.open();
  const { page } = harness;
  assert.equal(await page.locator('li.profile').count(), 200);
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
});

test('the README screenshot shows the popover with every kind of state', async (t) => {
  const { home, engine } = fixture();
  await engine.refresh('prod').catch(() => undefined);
  const harness = await openPopover(browser, { engine, deviceScaleFactor: 2, clockAt: BASE - MIN });
  t.after(async () => {
    await harness.close();
    home.cleanup();
  });
  await harness.open();
  const { page } = harness;
  await page.clock.pauseAt(BASE);
  await page.locator('li.profile[data-profile="prod"] .panel').waitFor();
  mkdirSync(join(process.cwd(), 'docs'), { recursive: true });
  const png = await page.screenshot({ path: join(process.cwd(), 'docs', 'popover.png') });
  writeFileSync(join(ARTIFACTS, 'popover-readme.png'), png);
  assert.ok(png.length > 10_000);
});
