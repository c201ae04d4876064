// The popover's Doctor tab in real Chromium over the real engine (STS: moto behind the fault
// proxy): a finding the engine can repair has "Fix", one only the person can repair shows its
// command with "Copy" and no "Fix", and "Fix all" carries out the rest of the same plan.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser } from 'playwright-core';
import { makeTempHome } from '../helpers/temp-home';
import { startMoto, type Moto } from '../helpers/moto';
import { startFaultProxy, type FaultProxy } from '../helpers/fault-proxy';
import { cacheKeyForProfile, formatCacheExpiration } from '../../src/main/core/caches/cli-cache';
import { createRolekeeperService } from '../../src/main/core/service/rolekeeper-service';
import { TraySettings } from '../../src/main/core/tray/tray-settings';
import { loadProfiles } from '../../src/main/core/aws-config/profile-loader';
import { buildRenderer, launchChromium, openPopover } from './popover-harness';
import { memorySettingsStore } from '../helpers/memory-settings-store';

const MIN = 60_000;
const CONFIG = `[profile base]
region = eu-central-1

[profile dev]
role_arn = arn:aws:iam::111111111111:role/developer
source_profile = base

[profile analytics]
role_arn = arn:aws:iam::333333333333:role/reader
source_profile = base

[profile pasted]
region = eu-central-1
`;
const BASHRC = '# mine\nexport AWS_SESSION_TOKEN=FwoGZXIvYXdzPastedIntoBashrc\nalias ll="ls -l"\n';

let moto: Moto;
let proxy: FaultProxy;
let browser: Browser;
before(async () => {
  process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED = 'true';
  moto = await startMoto();
  proxy = await startFaultProxy(moto.url);
  browser = await launchChromium();
  await buildRenderer();
});
after(async () => {
  await browser?.close();
  await proxy?.stop();
  await moto?.stop();
});

test('Fix per finding, Copy for a command only the person runs, and Fix all over the same plan', async () => {
  const now = Date.now();
  const home = makeTempHome({
    config: CONFIG,
    credentials:
      '[base]\naws_access_key_id = AKIAIOSFODNN7EXAMPLE\naws_secret_access_key = base-secret-never-shown\n\n' +
      `[pasted]\naws_access_key_id = ASIAPASTEDSESSION000\naws_secret_access_key = pasted-secret-never-shown\n` +
      `aws_session_token = pasted-token-never-shown\naws_expiration = ${formatCacheExpiration(new Date(now - 60 * MIN))}\n`,
    env: { AWS_ENDPOINT_URL: proxy.url, AWS_REGION: 'us-east-1', SHELL: '/bin/bash' },
  });
  const bashrc = home.write('.bashrc', BASHRC);
  const cacheFile = (profile: string): string => join(home.home, '.aws', 'cli', 'cache', `${cacheKeyForProfile(loadProfiles(home.environment).get(profile)!)}.json`);
  for (const [profile, offset] of [['analytics', -20 * MIN], ['dev', 40 * MIN]] as const) {
    home.write(
      join('.aws', 'cli', 'cache', `${cacheKeyForProfile(loadProfiles(home.environment).get(profile)!)}.json`),
      JSON.stringify({ Credentials: { AccessKeyId: `ASIA${profile.toUpperCase()}`, SecretAccessKey: 'fixture-secret', SessionToken: 'fixture-token', Expiration: formatCacheExpiration(new Date(now + offset)) } }),
    );
  }
  const service = createRolekeeperService({ environment: home.environment });
  const harness = await openPopover(browser, { engine: { service, settings: new TraySettings(service, memorySettingsStore()) } });
  try {
    await harness.open();
    const { page } = harness;
    await page.getByRole('tab', { name: 'Doctor' }).click();

    const pasted = page.locator('.finding', { hasText: /"pasted"/ }).first();
    await pasted.waitFor();
    assert.equal(await pasted.getByRole('button', { name: 'Fix' }).count(), 0, 'no Fix for pasted keys: only the person knows the role');
    assert.match((await pasted.locator('code').textContent()) ?? '', /^rolekeeper manage pasted --role-arn /);
    await pasted.getByRole('button', { name: 'Copy' }).click();
    await page.locator('#status', { hasText: 'Command copied' }).waitFor();

    const persisted = page.locator('.finding', { hasText: 'AWS_SESSION_TOKEN is set in a startup file' });
    await persisted.getByRole('button', { name: 'Fix' }).click();
    await persisted.waitFor({ state: 'detached' });
    assert.equal(readFileSync(bashrc, 'utf8'), '# mine\nalias ll="ls -l"\n', 'only the credential line left ~/.bashrc');

    assert.equal(existsSync(cacheFile('analytics')), true);
    await page.getByRole('button', { name: 'Fix all' }).click();
    await page.locator('.finding', { hasText: /cached credentials for "?analytics"? expired/ }).waitFor({ state: 'detached' });
    assert.equal(existsSync(cacheFile('analytics')), false, 'Fix all removed the expired entry');
    assert.equal(existsSync(cacheFile('dev')), true, 'the valid entry stays');
    const html = await page.content();
    assert.doesNotMatch(html, /secret-never-shown|token-never-shown|PastedIntoBashrc|fixture-secret/);
  } finally {
    await harness.close();
    home.cleanup();
  }
});
