// The popover's IAM Identity Center parts in real Chromium over the real IPC handler table and
// engine, with the recording SSO port: sessions with their state, "Sign in" with the device code
// shown from the pushed state until the sign-in ends, and "Add profiles for every account".
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { makeTempHome, type TempHome } from '../helpers/temp-home';
import { memorySettingsStore } from '../helpers/memory-settings-store';
import { recordingSts } from '../helpers/recording-sts';
import { recordingSso, type RecordingSso } from '../helpers/recording-sso';
import { SsoServiceError } from '../../src/main/core/sso/sso-port';
import { createRolekeeperService } from '../../src/main/core/service/rolekeeper-service';
import { TraySettings } from '../../src/main/core/tray/tray-settings';
import { focusPopover, launchChromium, openPopover, type PopoverHarness } from './popover-harness';

const CONFIG = `[sso-session corp]
sso_start_url = https://d-1234567890.awsapps.com/start
sso_region = us-east-1
sso_registration_scopes = sso:account:access

[profile prod-ro]
sso_session = corp
sso_account_id = 111111111111
sso_role_name = ReadOnly
region = eu-central-1

[profile legacy]
sso_start_url = https://legacy-org.awsapps.com/start
sso_region = us-east-1
sso_account_id = 333333333333
sso_role_name = Admin

[sso-session new-org]
sso_start_url = https://d-9999999999.awsapps.com/start
sso_region = eu-west-1
`;

const ACCOUNTS = [
  { accountId: '111111111111', accountName: 'Production', emailAddress: 'prod@example.com', roles: ['ReadOnly', 'Admin'] },
  { accountId: '222222222222', accountName: 'Sandbox', emailAddress: 'sandbox@example.com', roles: ['Developer'] },
];

/** The recording port whose device-flow sign-in waits "in the browser" until the test approves it. */
interface BrowserGatedSso extends RecordingSso {
  waitInBrowser: boolean;
}

function browserGatedSso(): BrowserGatedSso {
  const sso = recordingSso({ now: Date.now, accounts: ACCOUNTS }) as BrowserGatedSso;
  sso.waitInBrowser = false;
  const createToken = sso.createToken.bind(sso);
  const startDeviceAuthorization = sso.startDeviceAuthorization.bind(sso);
  // Polls every 50 ms instead of never sleeping, so a waiting sign-in does not spin.
  sso.startDeviceAuthorization = async (input) => ({ ...(await startDeviceAuthorization(input)), intervalSeconds: 0.05 });
  sso.createToken = async (input) => {
    if (sso.waitInBrowser && input.grantType.endsWith('device_code')) throw new SsoServiceError('CreateToken', 'AuthorizationPendingException', 400, 'pending');
    return createToken(input);
  };
  return sso;
}

let browser: Browser;
before(async () => {
  browser = await launchChromium();
});
after(async () => {
  await browser?.close();
});

async function openSso(t: { after(fn: () => Promise<void> | void): void }, options: { colorScheme?: 'light' | 'dark'; deviceScaleFactor?: number } = {}) {
  const home: TempHome = makeTempHome({ config: CONFIG });
  const sso = browserGatedSso();
  const service = createRolekeeperService({ environment: home.environment, sts: recordingSts(), sso });
  const harness: PopoverHarness = await openPopover(browser, { engine: { service, settings: new TraySettings(service, memorySettingsStore()) }, ...options });
  t.after(async () => {
    sso.waitInBrowser = false;
    await harness.close();
    home.cleanup();
  });
  await harness.open();
  return { home, sso, service, harness, page: harness.page };
}

function session(page: Page, label: string) {
  return page.locator(`.sso-session[data-sso-session="${label}"]`);
}

test('IAM Identity Center sign-ins are listed with their state, those without profiles too, and SSO rows show the role and "Sign in"', async (t) => {
  const { page } = await openSso(t);
  assert.deepEqual(await page.locator('.sso-session .name').allTextContents(), ['corp', 'legacy-org.awsapps.com', 'new-org']);
  assert.equal(await session(page, 'new-org').locator('.state').textContent(), 'signed out', 'a session no profile uses yet');
  assert.equal(await session(page, 'corp').getByRole('button', { name: 'Sign in to corp' }).count(), 1);
  const row = page.locator('#profile-list .profile[data-profile="prod-ro"]');
  assert.equal(await row.locator('.role').textContent(), 'ReadOnly');
  assert.equal(await row.locator('.state').textContent(), 'sign in');
  await row.getByRole('button', { name: 'Actions for prod-ro' }).click();
  assert.equal(await page.getByRole('menuitem').first().textContent(), 'Sign in');
});

test('a sign-in waiting in the browser shows its device code and address from the pushed state, and they go when it ends', async (t) => {
  const { page, sso, harness } = await openSso(t, { deviceScaleFactor: 2 });
  sso.waitInBrowser = true;
  const prompt = await harness.signIns.start({ session: 'corp', useDeviceCode: true });
  assert.equal(prompt.userCode, 'ABCD-EFGH');
  const card = page.locator('.sign-in-prompt');
  await card.locator('.user-code', { hasText: 'ABCD-EFGH' }).waitFor();
  assert.equal(await card.getByRole('textbox', { name: 'Sign-in address' }).inputValue(), 'https://device.example?code=ABCD-EFGH');
  assert.equal(await session(page, 'corp').getByRole('button', { name: 'Sign in to corp' }).count(), 0, 'no second sign-in while one waits');

  // The README's picture of a sign-in (this test's page is drawn at twice the pixels).
  mkdirSync(join(process.cwd(), 'docs'), { recursive: true });
  assert.ok((await page.screenshot({ path: join(process.cwd(), 'docs', 'popover-sso.png') })).length > 10_000);

  // A notification click on a profile of that session shows the running sign-in's prompt.
  await page.getByRole('tab', { name: 'Doctor' }).click();
  await focusPopover(page, { view: 'profiles', profile: 'prod-ro' });
  assert.equal(await page.evaluate(() => document.activeElement?.classList.contains('sign-in-prompt')), true);

  sso.waitInBrowser = false;
  await card.waitFor({ state: 'detached' });
  await session(page, 'corp').locator('.state', { hasText: 'signed in, renews itself' }).waitFor();
  assert.equal(await page.locator('.user-code').count(), 0);
});

test('"Sign in" on a legacy start URL signs in through its profile with the device code', async (t) => {
  const { page, sso, harness } = await openSso(t);
  sso.waitInBrowser = true;
  await session(page, 'legacy-org.awsapps.com').getByRole('button', { name: 'Sign in to legacy-org.awsapps.com' }).click();
  await page.locator('.sign-in-prompt .user-code', { hasText: 'ABCD-EFGH' }).waitFor();
  assert.ok(harness.invoked.includes('sso:login'));
  await page.locator('#status', { hasText: 'Sign-in to legacy-org.awsapps.com started in the browser.' }).waitFor();
  sso.waitInBrowser = false;
  await page.locator('.sign-in-prompt').waitFor({ state: 'detached' });
  await session(page, 'legacy-org.awsapps.com').locator('.state', { hasText: /^signed in/ }).waitFor();
});

test('"Add profiles for every account" shows what a dry run would add, and the confirmation writes those profiles', async (t) => {
  const { page, home, harness } = await openSso(t);
  await harness.signIns.start({ session: 'corp', useDeviceCode: true });
  const populate = session(page, 'corp').getByRole('button', { name: 'Add profiles for every account' });
  await populate.click();
  const preview = page.locator('.populate');
  await preview.waitFor();
  const names = await preview.locator('.populate-list li').allTextContents();
  assert.equal(names.length, 2, 'Production/Admin and Sandbox/Developer; Production/ReadOnly has prod-ro');
  assert.match((await preview.locator('p').first().textContent()) ?? '', /^2 new profiles for .*config:$/);
  assert.equal(await preview.locator('p', { hasText: '1 accounts and roles already have a profile.' }).count(), 1);
  const config = join(home.home, '.aws', 'config');
  for (const name of names) assert.equal(readFileSync(config, 'utf8').includes(`[profile ${name}]`), false, 'the dry run writes nothing');

  await preview.getByRole('button', { name: 'Add 2 profiles' }).click();
  await page.locator('#status', { hasText: /^Added 2 profiles to / }).waitFor();
  for (const name of names) assert.ok(readFileSync(config, 'utf8').includes(`[profile ${name}]`), name);
  for (const name of names) await page.locator(`#profile-list .profile[data-profile="${name}"]`).waitFor();
  assert.equal(await page.locator('.populate').count(), 0);
  // Populate learned the accounts' names: their groups say them next to the id.
  await page.locator('.group-label', { hasText: 'Production (111111111111)' }).waitFor();
  await page.locator('.group-label', { hasText: 'Sandbox (222222222222)' }).waitFor();
});

test('"Add profiles for every account" on a legacy start URL adds them through its profile, in the legacy form', async (t) => {
  const { page, home, harness } = await openSso(t);
  await harness.signIns.start({ profile: 'legacy', useDeviceCode: true });
  const legacyRow = session(page, 'legacy-org.awsapps.com');
  await legacyRow.getByRole('button', { name: 'Add profiles for every account' }).click();
  const preview = page.locator('.populate');
  await preview.waitFor();
  const names = await preview.locator('.populate-list li').allTextContents();
  assert.equal(names.length, 3, 'every account and role of the stand-in; the legacy profile is another account');
  assert.ok(harness.invoked.includes('sso:populate'));
  await preview.getByRole('button', { name: 'Add 3 profiles' }).click();
  await page.locator('#status', { hasText: /^Added 3 profiles to / }).waitFor();
  const config = readFileSync(join(home.home, '.aws', 'config'), 'utf8');
  for (const name of names) {
    const section = config.slice(config.indexOf(`[profile ${name}]`)).split('\n\n')[0];
    assert.match(section, /sso_start_url = https:\/\/legacy-org\.awsapps\.com\/start/, `${name} is in the legacy form`);
    assert.doesNotMatch(section, /sso_session/, name);
  }
});
