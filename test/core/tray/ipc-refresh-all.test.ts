// "Refresh all" through the popover's IPC table: the kept and needed profiles only, and a question
// before more than 20 STS calls (core/tray/tray-model.ts refreshAllPlan decides).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { makeTempHome } from '../../helpers/temp-home';
import { recordingSts } from '../../helpers/recording-sts';
import { memorySettingsStore } from '../../helpers/memory-settings-store';
import { createRolekeeperService } from '../../../src/main/core/service/rolekeeper-service';
import { TraySettings } from '../../../src/main/core/tray/tray-settings';
import { SsoSignIns } from '../../../src/main/core/tray/sso-sign-ins';
import { ClipboardClearer, createIpcHandlers } from '../../../src/main/core/tray/ipc-handlers';

test('Refresh all from the popover asks before more than 20 STS calls and refreshes only kept and needed profiles once confirmed', async (t) => {
  const roles = Array.from({ length: 22 }, (_, i) => `[profile r${i}]\nrole_arn = arn:aws:iam::111111111111:role/r${i}\nsource_profile = base\n`).join('\n');
  const home = makeTempHome({ config: `[profile base]\naws_access_key_id = AKIABASE\naws_secret_access_key = base-secret\n\n${roles}\n[profile idle]\nrole_arn = arn:aws:iam::111111111111:role/idle\nsource_profile = base\n` });
  t.after(() => home.cleanup());
  const sts = recordingSts();
  const service = createRolekeeperService({ environment: home.environment, sts });
  const settings = new TraySettings(service, memorySettingsStore());
  for (let i = 0; i < 22; i++) await settings.setKept(`r${i}`, true);
  const handlers = createIpcHandlers({
    service,
    settings,
    clipboard: new ClipboardClearer({ writeText: () => undefined, readText: () => '' }),
    autoStart: { isEnabled: async () => false, setEnabled: async () => undefined },
    openPath: async () => undefined,
    signIns: new SsoSignIns(service),
    locale: 'en-US',
    platform: 'linux',
  });
  const asked = await handlers['profiles:refresh-all'](undefined);
  assert.deepEqual(asked, { ok: true, results: [], ask: { profiles: 22, calls: 22 } });
  assert.equal(sts.calls.length, 0, 'nothing was called before the person agreed');
  const done = await handlers['profiles:refresh-all']({ confirmed: true });
  assert.ok(done.ok);
  if (!done.ok) return;
  assert.equal(done.results.length, 22);
  assert.ok(!done.results.some((item) => item.profile === 'idle'), 'a profile neither kept nor needing anything is left alone');
});
