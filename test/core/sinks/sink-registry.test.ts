// The sink registry: every sink kind has one sink, each holds, reports and clears what it publishes.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { withTempHome } from '../../helpers/temp-home';
import { recordingSts } from '../../helpers/recording-sts';
import { memorySettingsStore } from '../../helpers/memory-settings-store';
import { CONFIG, CREDENTIALS } from '../../fixtures/role-profiles';
import { createRolekeeperService } from '../../../src/main/core/service/rolekeeper-service';
import { endpointTokens } from '../../../src/main/core/credentials/endpoint-export';
import { TraySettings } from '../../../src/main/core/tray/tray-settings';
import { SINKS, heldExpiry } from '../../../src/main/core/sinks/sink-registry';
import { SINK_KINDS } from '../../../src/shared/sink-kinds';

test('the endpoint sink holds credentials only in a process that serves them, and the tray settings keep it across save and reload', async () => {
  await withTempHome({ config: CONFIG, credentials: CREDENTIALS }, async (home) => {
    const service = createRolekeeperService({ environment: home.environment, sts: recordingSts() });
    const tray = new TraySettings(service, memorySettingsStore());
    await tray.set({ keptFresh: [{ profile: 'deploy', sinks: ['cli-cache', 'endpoint'] }] });
    assert.ok(endpointTokens(home.environment).get('deploy'), 'choosing the endpoint issues a token');
    const reloaded = new TraySettings(createRolekeeperService({ environment: home.environment, sts: recordingSts() }), memorySettingsStore());
    assert.deepEqual(reloaded.get().keptFresh, [{ profile: 'deploy', sinks: ['cli-cache', 'endpoint'] }]);

    const cliRun = await service.refresh('deploy');
    assert.deepEqual(cliRun.outcome.sinks.map((sink) => sink.kind), ['cli-cache', 'process-cache'], 'a CLI process holds nothing in memory');
    service.sinkContext().held.startServing();
    const served = await service.refresh('deploy');
    assert.deepEqual(served.outcome.sinks.map((sink) => sink.kind), ['cli-cache', 'process-cache', 'endpoint']);
    assert.equal(service.sinkContext().held.get('deploy')?.accessKeyId, served.credentials?.accessKeyId);
    assert.equal(await SINKS.endpoint.clear('deploy', service.sinkContext()), 1, 'clearing the endpoint sink revokes the token');
    assert.equal(endpointTokens(home.environment).get('deploy'), undefined);
    assert.equal(service.sinkContext().held.get('deploy'), undefined);
  });
});

test('every sink name has exactly one sink, and each clears what it holds', async () => {
  assert.deepEqual(Object.keys(SINKS).sort(), [...SINK_KINDS].sort());
  for (const [kind, sink] of Object.entries(SINKS)) assert.equal(sink.kind, kind);
  await withTempHome({ config: CONFIG, credentials: CREDENTIALS }, async (home) => {
    const service = createRolekeeperService({ environment: home.environment, sts: recordingSts() });
    await service.refresh('deploy');
    const context = service.sinkContext();
    assert.ok(heldExpiry('deploy', context));
    assert.equal(await SINKS['cli-cache'].clear('deploy', context), 1);
    assert.equal(await SINKS['process-cache'].clear('deploy', context), 1);
    assert.equal(heldExpiry('deploy', context), null);
    assert.deepEqual(readdirSync(join(home.home, '.aws', 'cli', 'cache')), []);
  });
});
