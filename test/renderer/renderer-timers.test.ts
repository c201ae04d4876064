// The popover's timer budget: its own 1 s countdown while visible, nothing while hidden, nothing else.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { makeTempHome, type TempHome } from '../helpers/temp-home';
import { memorySettingsStore } from '../helpers/memory-settings-store';
import { recordingSts } from '../helpers/recording-sts';
import { createRolekeeperService } from '../../src/main/core/service/rolekeeper-service';
import { TraySettings } from '../../src/main/core/tray/tray-settings';
import { loadProfiles } from '../../src/main/core/aws-config/profile-loader';
import { cacheKeyForProfile } from '../../src/main/core/caches/cli-cache';
import { emulateVisibility, launchChromium, openPopover, pendingTimers, TIMER_PROBE, type PendingTimer, type PopoverHarness } from './popover-harness';

const CONFIG = `[profile base]
aws_access_key_id = AKIAEXAMPLEBASE
aws_secret_access_key = base-secret-never-shown

[profile dev]
role_arn = arn:aws:iam::111111111111:role/developer
source_profile = base

[profile prod]
role_arn = arn:aws:iam::222222222222:role/admin
source_profile = base
`;

const COUNTDOWN: PendingTimer[] = [{ kind: 'interval', delay: 1000 }];

let browser: Browser;
let home: TempHome;
let popover: PopoverHarness;

before(async () => {
  browser = await launchChromium();
  home = makeTempHome({ config: CONFIG });
  const expires = new Date(Date.now() + 42 * 60_000).toISOString();
  home.write(
    join('.aws', 'cli', 'cache', `${cacheKeyForProfile(loadProfiles(home.environment).get('dev')!)}.json`),
    JSON.stringify({ Credentials: { AccessKeyId: 'ASIAFIXTURE', SecretAccessKey: 'fixture-secret', SessionToken: 'fixture-token', Expiration: expires } }),
  );
  const service = createRolekeeperService({ environment: home.environment, sts: recordingSts() });
  popover = await openPopover(browser, { engine: { service, settings: new TraySettings(service, memorySettingsStore()) } });
  await popover.context.addInitScript(TIMER_PROBE);
  await popover.open();
  await settled(popover.page);
});

after(async () => {
  await popover?.close();
  await browser?.close();
  home?.cleanup();
});

/** Waits (bounded) until start() has armed the countdown and the first-paint mark's timeout has run. */
async function settled(page: Page): Promise<void> {
  await page.waitForFunction(
    () =>
      performance.getEntriesByName('rolekeeper:first-paint').length > 0 &&
      (window as unknown as { __rolekeeperTimers(): PendingTimer[] }).__rolekeeperTimers().some((timer) => timer.kind === 'interval'),
    undefined,
    { timeout: 10_000 },
  );
}

test('while visible the popover holds exactly one timer: a 1 s interval', async () => {
  assert.deepEqual(await pendingTimers(popover.page), COUNTDOWN);
});

test('the visible countdown shows the time left', async () => {
  const text = await popover.page.locator('.profile[data-profile="dev"] .countdown').textContent();
  assert.match(text ?? '', /^4[12] min$/);
});

test('when the popover is hidden it holds no timer at all', async () => {
  await emulateVisibility(popover.page, 'hidden');
  assert.deepEqual(await pendingTimers(popover.page), []);
});

test('hiding twice still leaves no timer', async () => {
  await emulateVisibility(popover.page, 'hidden');
  assert.deepEqual(await pendingTimers(popover.page), []);
});

test('shown again it re-arms the one 1 s interval, and showing twice does not add a second', async () => {
  await emulateVisibility(popover.page, 'visible');
  assert.deepEqual(await pendingTimers(popover.page), COUNTDOWN);
  await emulateVisibility(popover.page, 'visible');
  assert.deepEqual(await pendingTimers(popover.page), COUNTDOWN);
});
