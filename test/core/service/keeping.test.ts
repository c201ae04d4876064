// The engine service kept fresh in the background, as the daemon and the tray run it, on real files
// in a temp HOME with real refreshes against moto_server (through the fault proxy, to count STS calls).
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { appendFileSync, existsSync, readFileSync } from 'node:fs';
import { makeTempHome, type TempHome } from '../../helpers/temp-home';
import { MOTO_ACCOUNT_ID } from '../../helpers/moto';
import { motoBehindProxy } from '../../helpers/fault-proxy';
import { FakeClock } from '../../helpers/fake-clock';
import { memorySettingsStore } from '../../helpers/memory-settings-store';
import { awsPaths } from '../../../src/main/core/model/aws-environment';
import { writeCliCacheEntry } from '../../../src/main/core/caches/cli-cache';
import { EndpointTokenStore } from '../../../src/main/core/always-fresh/container-endpoint';
import { createRolekeeperService, type RolekeeperService } from '../../../src/main/core/service/rolekeeper-service';
import { startKeeping, type Keeping, type KeepingOptions } from '../../../src/main/core/service/keeping';
import { TraySettings } from '../../../src/main/core/tray/tray-settings';
import type { Clock } from '../../../src/main/core/always-fresh/clock';
import type { TempHome as Home } from '../../helpers/temp-home';
import type { EngineNotification } from '../../../src/shared/engine-events';
import { endpointTokens } from '../../../src/main/core/credentials/endpoint-export';
import { readProcessCache } from '../../../src/main/core/caches/process-cache';
import { changeStore, readStore } from '../../../src/main/core/credentials/rolekeeper-store';
import { english, say, translator } from '../../../src/shared/i18n';

const ROLE_ARN = `arn:aws:iam::${MOTO_ACCOUNT_ID}:role/deploy`;
const CONFIG =
  `[profile base]\nregion = us-east-1\n\n[profile project1]\nrole_arn = ${ROLE_ARN}\nsource_profile = base\n\n` +
  `[profile guarded]\nrole_arn = ${ROLE_ARN}\nsource_profile = base\nmfa_serial = arn:aws:iam::${MOTO_ACCOUNT_ID}:mfa/alice\n`;
const CREDENTIALS = '[base]\naws_access_key_id = AKIAIOSFODNN7EXAMPLE\naws_secret_access_key = wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY\n';

const rig = motoBehindProxy();

function newHome(): TempHome {
  return makeTempHome({ config: CONFIG, credentials: CREDENTIALS, env: { AWS_ENDPOINT_URL_STS: rig.proxy.url } });
}

async function until(condition: () => boolean, what: string, ms = 15_000): Promise<void> {
  const started = Date.now();
  while (!condition()) {
    if (Date.now() - started > ms) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
}

/** The service with a keeper running, as the daemon starts it. */
type Engine = Keeping & { service: RolekeeperService; state: RolekeeperService['state'] };

async function createEngine(options: KeepingOptions & { home: Home; clock?: Clock }): Promise<Engine> {
  const { home, clock, ...keepingOptions } = options;
  const service = createRolekeeperService({ environment: home.environment, clock });
  const keeping = await startKeeping(service, keepingOptions);
  return Object.assign(keeping, { service, state: service.state });
}

/** The service, its keeper and the tray's settings, as the tray's main process builds them. */
async function trayEngine(home: Home, settingsStore: ReturnType<typeof memorySettingsStore>, options: KeepingOptions) {
  const service = createRolekeeperService({ environment: home.environment });
  const keeping = await startKeeping(service, options);
  return { service, keeping, settings: new TraySettings(service, settingsStore) };
}

async function getCredentials(engine: Engine, profile: string, token: string | undefined): Promise<{ status: number; body: Record<string, string> }> {
  const response = await fetch(`http://127.0.0.1:${engine.endpoint?.port}/v1/credentials/${profile}`, {
    headers: token === undefined ? {} : { authorization: token },
  });
  return { status: response.status, body: (await response.json()) as Record<string, string> };
}

describe('startKeeping', () => {
  test('refreshes a kept profile with no credentials at once, serves them from memory on the endpoint, and a restart serves them before any STS call', async () => {
    const home = newHome();
    const engines: Engine[] = [];
    try {
      await changeStore(home.environment, (data) => (data.kept = ['project1']));
      const clock = new FakeClock(Date.now());
      const first = await createEngine({ home, clock, endpoint: { port: 0 }, watch: false });
      engines.push(first);
      const token = endpointTokens(home.environment).ensure('project1');
      await until(() => first.state.get('project1')?.status === 'fresh', 'the first refresh');
      const cached = readProcessCache(home.environment, 'project1');
      assert.ok(cached);
      const served = await getCredentials(first, 'project1', token);
      assert.equal(served.status, 200);
      assert.equal(served.body.AccessKeyId, cached.output.AccessKeyId);
      assert.equal(served.body.Expiration, cached.output.Expiration);
      assert.deepEqual(first.state.get('project1')?.sinks, ['cli-cache', 'process-cache', 'endpoint']);
      assert.equal((await getCredentials(first, 'project1', 'wrong-token')).status, 403);
      await first.stop();

      const calls = rig.proxy.requestsFor('AssumeRole').length;
      const second = await createEngine({ home, clock: new FakeClock(Date.now()), endpoint: { port: 0 }, watch: false });
      engines.push(second);
      // Each start issues new tokens: one captured while no keeper listened is worthless now.
      assert.equal((await getCredentials(second, 'project1', token)).status, 403);
      const again = await getCredentials(second, 'project1', endpointTokens(home.environment).ensure('project1'));
      assert.equal(again.status, 200);
      assert.equal(again.body.AccessKeyId, cached.output.AccessKeyId);
      assert.equal(rig.proxy.requestsFor('AssumeRole').length, calls);
      assert.equal(second.state.get('project1')?.status, 'fresh');
    } finally {
      for (const engine of engines) await engine.stop();
      home.cleanup();
    }
  });

  test("plans the next refresh at expiry minus the store's lead (within the jitter), re-plans when the lead changes, and refreshes unattended when the clock gets there", async () => {
    const home = newHome();
    let engine: Engine | undefined;
    try {
      await changeStore(home.environment, (data) => (data.kept = ['project1']));
      const clock = new FakeClock(Date.now());
      engine = await createEngine({ home, clock, endpoint: false, watch: false });
      await until(() => engine?.state.get('project1')?.status === 'fresh', 'the first refresh');
      const planned = (): { expires: number; next: number } => {
        const state = engine?.state.get('project1');
        return { expires: Date.parse(state?.expiresAt ?? ''), next: Date.parse(state?.nextRefreshAt ?? '') };
      };
      const first = planned();
      const lead = first.expires - first.next;
      assert.ok(lead >= 20 * 60_000 && lead <= 20 * 60_000 + 30_000, `lead ${lead}`);

      await changeStore(home.environment, (data) => (data.settings.refreshLeadSeconds = 30 * 60));
      engine.replan();
      const second = planned();
      assert.equal(second.expires, first.expires);
      const longer = second.expires - second.next;
      assert.ok(longer >= 30 * 60_000 && longer <= 30 * 60_000 + 30_000, `lead ${longer}`);

      const calls = rig.proxy.requestsFor('AssumeRole').length;
      await clock.advance(second.next - clock.now() + 1);
      await until(() => rig.proxy.requestsFor('AssumeRole').length === calls + 1 && engine?.state.get('project1')?.refreshing === false, 'the scheduled refresh');
      assert.notEqual(engine.state.get('project1')?.lastRefreshedAt, null);
      assert.ok(Date.parse(engine.state.get('project1')?.expiresAt ?? '') > first.expires);
    } finally {
      await engine?.stop();
      home.cleanup();
    }
  });

  test('a kept profile that failed for a reason in the files is tried again once the AWS config file is edited', async () => {
    const home = newHome();
    let engine: Engine | undefined;
    try {
      await changeStore(home.environment, (data) => (data.kept = ['later']));
      engine = await createEngine({ home, endpoint: false, debounceMs: 30 });
      await until(() => engine?.state.get('later')?.status === 'needs-you', 'needs-you');
      assert.equal(engine.state.get('later')?.lastError?.kind, 'unknown-profile');
      appendFileSync(home.configFile, `\n[profile later]\nrole_arn = ${ROLE_ARN}\nsource_profile = base\n`);
      await until(() => engine?.state.get('later')?.status === 'fresh', 'the retry after the edit');
      assert.equal(engine.state.get('later')?.lastError, null);
    } finally {
      await engine?.stop();
      home.cleanup();
    }
  });

  test('an MFA profile becomes needs-you in the background, and a code handed to refreshNow refreshes it', async () => {
    const home = newHome();
    let engine: Engine | undefined;
    try {
      await changeStore(home.environment, (data) => (data.kept = ['guarded']));
      const before = rig.proxy.requestsFor('AssumeRole').length;
      engine = await createEngine({ home, clock: new FakeClock(Date.now()), endpoint: false, watch: false });
      const notifications: EngineNotification[] = [];
      engine.service.onNotification((notification) => notifications.push(notification));
      await until(() => engine?.state.get('guarded')?.status === 'needs-you', 'needs-you');
      assert.equal(engine.state.get('guarded')?.lastError?.kind, 'mfa-required');
      assert.deepEqual(notifications.map((item) => item.kind), ['mfa-needed']);
      assert.equal(rig.proxy.requestsFor('AssumeRole').length, before, 'no STS call without a code');

      const result = await engine.refreshNow('guarded', { mfaCode: '654321' });
      assert.ok(result.outcome.expiresAt && result.outcome.expiresAt.getTime() > Date.now());
      const sent = rig.proxy.requestsFor('AssumeRole').at(-1);
      assert.equal(sent?.form.TokenCode, '654321');
      assert.equal(engine.state.get('guarded')?.status, 'fresh');
      // The code was for that one refresh: the next one needs a person again.
      await assert.rejects(engine.refreshNow('guarded'), (error: { kind?: string }) => error.kind === 'mfa-required');
    } finally {
      await engine?.stop();
      home.cleanup();
    }
  });

  test('after role_arn is edited the endpoint stops serving the old role and serves a session of the new one', async () => {
    const home = newHome();
    let engine: Engine | undefined;
    try {
      await changeStore(home.environment, (data) => (data.kept = ['project1']));
      engine = await createEngine({ home, endpoint: { port: 0 }, debounceMs: 30 });
      const token = endpointTokens(home.environment).ensure('project1');
      await until(() => engine?.state.get('project1')?.status === 'fresh', 'the first refresh');
      const before = (await getCredentials(engine, 'project1', token)).body.AccessKeyId;
      const calls = rig.proxy.requestsFor('AssumeRole').length;

      home.write('.aws/config', CONFIG.replace(`role_arn = ${ROLE_ARN}\nsource_profile = base\n\n[profile guarded]`, `role_arn = ${ROLE_ARN}-v2\nsource_profile = base\n\n[profile guarded]`));
      await until(() => rig.proxy.requestsFor('AssumeRole').length > calls, 'a refresh for the new role');
      const running = engine;
      await until(() => running.service.sinkContext().held.get('project1')?.accessKeyId !== before && running.service.sinkContext().held.get('project1') !== undefined, 'new credentials in memory');
      const served = await getCredentials(engine, 'project1', token);
      assert.equal(served.status, 200);
      assert.notEqual(served.body.AccessKeyId, before);
      const lastCall = rig.proxy.requestsFor('AssumeRole').at(-1);
      assert.equal(lastCall?.form.RoleArn, `${ROLE_ARN}-v2`);
    } finally {
      await engine?.stop();
      home.cleanup();
    }
  });

  test("picks up a profile kept in Rolekeeper's store, and a rotated endpoint token, without a restart", async () => {
    const home = newHome();
    let engine: Engine | undefined;
    try {
      engine = await createEngine({ home, endpoint: { port: 0 }, debounceMs: 30 });
      assert.deepEqual(engine.keptProfiles(), []);
      await changeStore(home.environment, (data) => (data.kept = ['project1']));
      await until(() => engine?.state.get('project1')?.status === 'fresh', 'the store change to be picked up');

      const tokens = new EndpointTokenStore(endpointTokens(home.environment).folder);
      const oldToken = tokens.ensure('project1');
      assert.equal((await getCredentials(engine, 'project1', oldToken)).status, 200);
      const newToken = tokens.rotate('project1');
      await until(() => readFileSync(tokens.file, 'utf8').includes(newToken), 'the rotation');
      let status = 0;
      const started = Date.now();
      while (Date.now() - started < 5_000 && (status = (await getCredentials(engine, 'project1', newToken)).status) !== 200) {
        await new Promise((resolve) => setTimeout(resolve, 50));
      }
      assert.equal(status, 200);
      assert.equal((await getCredentials(engine, 'project1', oldToken)).status, 403);
    } finally {
      await engine?.stop();
      home.cleanup();
    }
  });
});

describe('the service as the tray runs it', () => {
  test("passes the engine's notifications on to the tray: a kept MFA profile asks for a code once", async () => {
    const home = newHome();
    await changeStore(home.environment, (data) => (data.kept = ['guarded']));
    const facade = await trayEngine(home, memorySettingsStore(), { endpoint: false, watch: false });
    const seen: EngineNotification[] = [];
    facade.service.onNotification((notification) => seen.push(notification));
    try {
      await until(() => seen.some((n) => n.kind === 'mfa-needed'), 'the MFA notification');
      facade.service.replan();
      await new Promise((resolve) => setTimeout(resolve, 200));
      assert.deepEqual(seen.map((n) => [n.kind, n.profile]), [['mfa-needed', 'guarded']]);
      assert.ok(!JSON.stringify(seen).includes('wJalrXUtnFEMI'), 'no secret in a notification');
    } finally {
      await facade.keeping.stop();
      home.cleanup();
    }
  });

  test('refreshes, exports, verifies and maps the tray settings onto the store and the settings port', async () => {
    const home = newHome();
    const settingsStore = memorySettingsStore({ defaultShell: 'fish' });
    const facade = await trayEngine(home, settingsStore, { endpoint: { port: 0 }, watch: false });
    try {
      assert.equal(facade.service.summaries().find((profile) => profile.name === 'project1')?.status, 'unknown');
      await facade.service.refreshNow('project1');
      const summary = facade.service.summaryOf('project1');
      assert.equal(summary.status, 'valid');
      assert.ok(summary.expiresAt && Date.parse(summary.expiresAt) > Date.now() + 30 * 60_000);

      const keys = await facade.service.exportText('project1', 'bash', 'keys');
      // (no assert.match on the text: a failure would print the secret key)
      assert.ok(keys.startsWith(`export AWS_ACCESS_KEY_ID='${readProcessCache(home.environment, 'project1')?.output.AccessKeyId}'\n`));
      const viaEndpoint = await facade.service.exportText('project1', 'bash', 'endpoint');
      assert.match(viaEndpoint, /^export AWS_CONTAINER_CREDENTIALS_FULL_URI='http:\/\/127\.0\.0\.1:\d+\/v1\/credentials\/project1'$/m);
      assert.doesNotMatch(viaEndpoint, /AWS_SECRET_ACCESS_KEY=/);

      const identity = await facade.service.verify('project1');
      assert.match(identity.arn, /assumed-role\/deploy\//);

      await assert.rejects(facade.service.refreshNow('guarded'), (error: { kind?: string; message: string }) => error.kind === 'mfa-required' && /guarded/.test(error.message));
      assert.deepEqual(facade.service.activity().pendingMfa, ['guarded']);

      const saved = await facade.settings.set({ refreshLeadMinutes: 30, keptFresh: [{ profile: 'project1', sinks: ['cli-cache'] }], clipboardClearSeconds: 15 });
      assert.equal(saved.refreshLeadMinutes, 30);
      assert.equal(saved.defaultShell, 'fish');
      assert.deepEqual(saved.keptFresh, [{ profile: 'project1', sinks: ['cli-cache'] }]);
      const store = readStore(home.environment);
      assert.equal(store.settings.refreshLeadSeconds, 1800);
      assert.deepEqual(store.kept, ['project1']);
      assert.equal(settingsStore.saved?.clipboardClearSeconds, 15);
      assert.deepEqual(facade.service.activity().keptFresh, ['project1']);
      await assert.rejects(facade.settings.set({ keptFresh: [{ profile: 'base', sinks: ['cli-cache'] }] }), /not a role or SSO profile/);
    } finally {
      await facade.keeping.stop();
      home.cleanup();
    }
  });

  test("applies the doctor's fix for an expired CLI cache entry by removing it, and returns the text of fixes it will not apply", async () => {
    const home = makeTempHome({
      config: CONFIG,
      credentials: CREDENTIALS,
      env: { AWS_ENDPOINT_URL_STS: rig.proxy.url, AWS_ACCESS_KEY_ID: 'AKIAENVIRONMENT00000', AWS_SECRET_ACCESS_KEY: 'environment-secret' },
    });
    const facade = await trayEngine(home, memorySettingsStore(), { endpoint: false, watch: false });
    try {
      const file = await writeCliCacheEntry(awsPaths(home.environment), { roleArn: ROLE_ARN }, {
        Credentials: { AccessKeyId: 'ASIAEXPIREDEXPIRED00', SecretAccessKey: 'expired-secret', SessionToken: 'expired-token', Expiration: new Date(Date.now() - 60_000) },
        AssumedRoleUser: { AssumedRoleId: 'AROAX:old', Arn: `arn:aws:sts::${MOTO_ACCOUNT_ID}:assumed-role/deploy/old` },
      });
      const findings = facade.service.doctor();
      const expired = findings.find((finding) => finding.code === 'cli-cache-expired');
      assert.ok(expired, JSON.stringify(findings));
      const message = await facade.service.applyFix('cli-cache-expired', expired.profile);
      assert.equal(say(english, message), `Removed ${file}`);
      assert.equal(say(translator('de'), message), `${file} gelöscht`);
      assert.equal(existsSync(file), false);
      await assert.rejects(facade.service.applyFix('cli-cache-expired', expired.profile), (error: { kind?: string }) => error.kind === 'config');

      const shadowing = findings.find((finding) => finding.code === 'env-credentials-shadow-profiles');
      assert.ok(shadowing?.fix);
      assert.equal(say(english, await facade.service.applyFix(shadowing.code, shadowing.profile)), `Not applied automatically; do this: ${shadowing.fix}`);
    } finally {
      await facade.keeping.stop();
      home.cleanup();
    }
  });
});
