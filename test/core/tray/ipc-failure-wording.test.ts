// The tray's refusals carry their phrase across IPC, so the popover says them in its language;
// `message` stays the English text it always was.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { makeTempHome, type TempHome } from '../../helpers/temp-home';
import { memorySettingsStore } from '../../helpers/memory-settings-store';
import { recordingSts } from '../../helpers/recording-sts';
import { assertNoEnglish } from '../../helpers/no-english';
import { createRolekeeperService } from '../../../src/main/core/service/rolekeeper-service';
import { TraySettings } from '../../../src/main/core/tray/tray-settings';
import { SsoSignIns } from '../../../src/main/core/tray/sso-sign-ins';
import { changeStore } from '../../../src/main/core/credentials/rolekeeper-store';
import { ClipboardClearer, createIpcHandlers } from '../../../src/main/core/tray/ipc-handlers';
import { say, translator } from '../../../src/shared/i18n';
import type { Failure } from '../../../src/shared/ipc-contract';

const CONFIG = `[profile base]
aws_access_key_id = AKIABASE
aws_secret_access_key = base-secret

[profile dev]
role_arn = arn:aws:iam::111111111111:role/dev
source_profile = base
`;

const german = translator('de-DE');

function handlersFor(home: TempHome) {
  const service = createRolekeeperService({ environment: home.environment, sts: recordingSts() });
  const clipboard = { text: '', writeText(text: string) { this.text = text; }, readText() { return this.text; } };
  return {
    service,
    handlers: createIpcHandlers({
      service,
      settings: new TraySettings(service, memorySettingsStore()),
      clipboard: new ClipboardClearer(clipboard),
      autoStart: { isEnabled: async () => false, setEnabled: async () => undefined },
      openPath: async () => undefined,
      signIns: new SsoSignIns(service),
      locale: 'de-DE',
      platform: 'linux',
    }),
  };
}

function failed(response: { ok: boolean }): Failure {
  assert.equal(response.ok, false);
  return response as Failure;
}

function germanOf(failure: Failure): string {
  assert.ok(failure.wording, `no phrase for: ${failure.message}`);
  const text = say(german, failure.wording);
  assertNoEnglish(text, failure.message);
  return text;
}

test("the keep-fresh switch's and the settings' refusals say themselves in German; message stays English", async (t) => {
  const home = makeTempHome({ config: CONFIG });
  t.after(() => home.cleanup());
  const { handlers, service } = handlersFor(home);

  const staticKept = failed(await handlers['profiles:keep-fresh']({ profile: 'base', keep: true }));
  assert.equal(staticKept.message, 'Profile "base" is not a role or SSO profile: only role, SSO and managed profiles can be kept fresh');
  assert.equal(germanOf(staticKept), 'Profil "base" ist kein Rollen- oder SSO-Profil: nur Rollen-, SSO- und verwaltete Profile lassen sich frisch halten');

  const keys = failed(await handlers['settings:set']({ keptFresh: [{ profile: 'dev', sinks: ['managed-keys'] }] }));
  assert.equal(keys.message, 'Profile "dev" is not managed: its keys are never written');
  assert.equal(germanOf(keys), 'Profil "dev" ist nicht verwaltet: seine Schlüssel werden nie geschrieben');

  await changeStore(service.environment, (data) => {
    data.managed.base = { roleArn: 'arn:aws:iam::111111111111:role/dev', sourceProfile: 'base' };
  });
  service.replan();
  const managedOff = failed(await handlers['profiles:keep-fresh']({ profile: 'base', keep: false }));
  assert.equal(managedOff.message, 'Profile "base" is managed: Rolekeeper always keeps its keys fresh');
  assert.equal(germanOf(managedOff), 'Profil "base" ist verwaltet: Rolekeeper hält seine Schlüssel immer frisch');
});

test("a doctor fix for a finding that is gone says so in German", async (t) => {
  const home = makeTempHome({ config: CONFIG });
  t.after(() => home.cleanup());
  const { handlers } = handlersFor(home);
  const gone = failed(await handlers['doctor:fix']({ code: 'cli-cache-expired', profile: 'dev' }));
  assert.equal(gone.message, 'No current finding cli-cache-expired for dev; run the doctor again');
  assert.equal(germanOf(gone), 'Kein aktueller Befund cli-cache-expired für dev; starte die Diagnose erneut');
});
