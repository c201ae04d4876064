import { test, type TestContext } from 'node:test';
import assert from 'node:assert/strict';
import { makeTempHome, type TempHome } from '../../helpers/temp-home';
import { memorySettingsStore } from '../../helpers/memory-settings-store';
import { recordingSts } from '../../helpers/recording-sts';
import { createRolekeeperService } from '../../../src/main/core/service/rolekeeper-service';
import { TraySettings } from '../../../src/main/core/tray/tray-settings';
import { startKeeping } from '../../../src/main/core/service/keeping';
import { SsoSignIns } from '../../../src/main/core/tray/sso-sign-ins';
import { changeStore, readStore } from '../../../src/main/core/credentials/rolekeeper-store';
import { ClipboardClearer, createIpcHandlers, type AutoStartPort, type Clipboard, type TimerPort } from '../../../src/main/core/tray/ipc-handlers';
import { INVOKE_CHANNELS, REQUEST_VALIDATORS } from '../../../src/shared/ipc-contract';

const CONFIG = `[profile base]
aws_access_key_id = AKIABASE
aws_secret_access_key = base-secret

[profile dev]
role_arn = arn:aws:iam::111111111111:role/dev
source_profile = base
region = eu-central-1

[profile prod]
role_arn = arn:aws:iam::222222222222:role/admin
source_profile = base
mfa_serial = arn:aws:iam::111111111111:mfa/me
`;

class FakeClipboard implements Clipboard {
  text = '';
  writeText(text: string): void {
    this.text = text;
  }
  readText(): string {
    return this.text;
  }
}

class FakeTimers implements TimerPort {
  now = 0;
  private next = 1;
  private readonly pending = new Map<number, { at: number; callback: () => void }>();
  setTimeout(callback: () => void, milliseconds: number): unknown {
    const id = this.next++;
    this.pending.set(id, { at: this.now + milliseconds, callback });
    return id;
  }
  clearTimeout(handle: unknown): void {
    this.pending.delete(handle as number);
  }
  /** Runs due timers, then lets the clearer's clipboard promises settle. */
  async advance(milliseconds: number): Promise<void> {
    this.now += milliseconds;
    for (const [id, timer] of [...this.pending]) {
      if (timer.at <= this.now) {
        this.pending.delete(id);
        timer.callback();
      }
    }
    await new Promise((resolve) => setImmediate(resolve));
  }
  get count(): number {
    return this.pending.size;
  }
}

async function setup(t: TestContext, home: TempHome) {
  const clipboard = new FakeClipboard();
  const timers = new FakeTimers();
  let autoStart = false;
  const autoStartPort: AutoStartPort = { isEnabled: async () => autoStart, setEnabled: async (enabled) => { autoStart = enabled; } };
  const opened: string[] = [];
  const sts = recordingSts();
  const service = createRolekeeperService({ environment: home.environment, sts });
  // As in the tray: a keeper runs (it holds which refreshes wait for an MFA code) and serves the
  // endpoint, without which an endpoint export is refused.
  const keeping = await startKeeping(service, { endpoint: { port: 0 }, owner: 'tray', watch: false });
  t.after(() => keeping.stop());
  const handlers = createIpcHandlers({
    service,
    settings: new TraySettings(service, memorySettingsStore()),
    clipboard: new ClipboardClearer(clipboard, timers),
    autoStart: autoStartPort,
    openPath: async (path) => { opened.push(path); },
    signIns: new SsoSignIns(service),
    locale: 'en-US',
    platform: 'linux',
  });
  return { clipboard, timers, handlers, service, sts, opened, keeping };
}

test('every channel of the contract has a handler and a validator', async (t) => {
  const home = makeTempHome({ config: CONFIG });
  t.after(() => home.cleanup());
  const { handlers } = await setup(t, home);
  assert.deepEqual(Object.keys(handlers).sort(), [...INVOKE_CHANNELS].sort());
  assert.deepEqual(Object.keys(REQUEST_VALIDATORS).sort(), [...INVOKE_CHANNELS].sort());
});

test('malformed requests are refused with invalid-request before reaching the engine', async (t) => {
  const home = makeTempHome({ config: CONFIG });
  t.after(() => home.cleanup());
  const { handlers } = await setup(t, home);
  const cases: Array<[keyof typeof handlers, unknown]> = [
    ['profiles:refresh', undefined],
    ['profiles:refresh', { profile: 42 }],
    ['profiles:refresh', { profile: 'dev', extra: true }],
    ['profiles:refresh', 'dev'],
    ['env:copy', { profile: 'dev', shell: 'tcsh', form: 'endpoint' }],
    ['env:copy', { profile: 'dev', shell: 'bash', form: 'plain' }],
    ['mfa:submit', { profile: 'prod', code: '12345' }],
    ['mfa:submit', { profile: 'prod', code: 123456 }],
    ['settings:set', { clipboardClearSeconds: -1 }],
    ['settings:set', { keptFresh: [{ profile: 'dev', sinks: ['nowhere'] }] }],
    ['settings:set', { nodeIntegration: true }],
    ['doctor:fix', { code: 'Bad Code!', profile: null }],
    ['state:get', { sneaky: 1 }],
    ['sso:populate', { dryRun: true }],
    ['sso:populate', { session: 'corp', profile: 'dev', dryRun: true }],
    ['sso:populate', { profile: 7, dryRun: true }],
    ['sso:populate', { session: 'corp', dryRun: 'yes' }],
    ['sso:populate', { session: 'corp', dryRun: true, template: '{account_id}' }],
    ['sso:populate', { profile: 'dev\u001b[31m', dryRun: true }],
    ['sso:login', { profile: 'dev\tx' }],
    ['profiles:refresh', { profile: 'dev\u2028' }],
    ['profiles:refresh', { profile: 'dev\u0085' }],
  ];
  for (const [channel, request] of cases) {
    const response = await handlers[channel](request);
    assert.equal(response.ok, false, `${channel} ${JSON.stringify(request)}`);
    if (!response.ok) assert.equal(response.code, 'invalid-request');
  }
});

test('a request naming a profile that does not exist fails with the profile named', async (t) => {
  const home = makeTempHome({ config: CONFIG });
  t.after(() => home.cleanup());
  const { handlers } = await setup(t, home);
  const response = await handlers['profiles:refresh']({ profile: 'nope' });
  assert.equal(response.ok, false);
  if (!response.ok) {
    assert.equal(response.code, 'unknown-profile');
    assert.match(response.message, /"nope"/);
  }
});

test('state lists the profiles with statuses and no secret values', async (t) => {
  const home = makeTempHome({ config: CONFIG });
  t.after(() => home.cleanup());
  const { handlers } = await setup(t, home);
  await handlers['profiles:refresh']({ profile: 'dev' });
  const response = await handlers['state:get'](undefined);
  assert.ok(response.ok);
  if (!response.ok) return;
  assert.deepEqual(response.state.profiles.map((p) => p.name), ['base', 'dev', 'prod']);
  assert.equal(response.state.profiles[1].status, 'valid');
  const text = JSON.stringify(response);
  assert.doesNotMatch(text, /secret-|token-|base-secret/);
});

test('a refresh that needs MFA fails with mfa-required, and the code submitted completes it', async (t) => {
  const home = makeTempHome({ config: CONFIG });
  t.after(() => home.cleanup());
  const { handlers } = await setup(t, home);
  const first = await handlers['profiles:refresh']({ profile: 'prod' });
  assert.equal(first.ok, false);
  if (!first.ok) assert.equal(first.code, 'mfa-required');
  const state = await handlers['state:get'](undefined);
  assert.ok(state.ok && state.state.pendingMfa.includes('prod'));
  const done = await handlers['mfa:submit']({ profile: 'prod', code: '123456' });
  assert.ok(done.ok);
  if (done.ok) assert.equal(done.profile.status, 'valid');
});

test('a rejected MFA code never appears in the failure message', async (t) => {
  const home = makeTempHome({ config: CONFIG });
  t.after(() => home.cleanup());
  const { handlers } = await setup(t, home);
  const response = await handlers['mfa:submit']({ profile: 'prod', code: '000000' });
  assert.equal(response.ok, false);
  if (!response.ok) {
    assert.equal(response.code, 'mfa-invalid');
    assert.doesNotMatch(response.message, /000000/);
  }
});

test('copying an export puts the text on the clipboard in main and returns only when it clears', async (t) => {
  const home = makeTempHome({ config: CONFIG });
  t.after(() => home.cleanup());
  const { handlers, clipboard } = await setup(t, home);
  const response = await handlers['env:copy']({ profile: 'dev', shell: 'fish', form: 'endpoint' });
  assert.deepEqual(response, { ok: true, clearsInSeconds: 60 });
  assert.match(clipboard.text, /^set -gx AWS_CONTAINER_CREDENTIALS_FULL_URI /m);
  assert.doesNotMatch(clipboard.text, /AWS_SECRET_ACCESS_KEY[= ]/, 'the endpoint form unsets keys, never sets them');
});

test('the clipboard is cleared after the configured time if it still holds the copied text', async (t) => {
  const home = makeTempHome({ config: CONFIG });
  t.after(() => home.cleanup());
  const { handlers, clipboard, timers } = await setup(t, home);
  await handlers['settings:set']({ clipboardClearSeconds: 30 });
  await handlers['profiles:refresh']({ profile: 'dev' });
  await handlers['env:copy']({ profile: 'dev', shell: 'bash', form: 'keys' });
  assert.match(clipboard.text, /AWS_SECRET_ACCESS_KEY='secret-/);
  await timers.advance(29_000);
  assert.notEqual(clipboard.text, '');
  await timers.advance(1_000);
  assert.equal(clipboard.text, '');
});

test('the clipboard is left alone when the user copied something else meanwhile', async (t) => {
  const home = makeTempHome({ config: CONFIG });
  t.after(() => home.cleanup());
  const { handlers, clipboard, timers } = await setup(t, home);
  await handlers['env:copy']({ profile: 'dev', shell: 'bash', form: 'endpoint' });
  clipboard.writeText('my own note');
  await timers.advance(60_000);
  assert.equal(clipboard.text, 'my own note');
  assert.equal(timers.count, 0);
});

test('copying an endpoint export is refused with how to start one when no endpoint runs', async (t) => {
  const home = makeTempHome({ config: CONFIG });
  t.after(() => home.cleanup());
  const { handlers, clipboard, keeping } = await setup(t, home);
  await keeping.stop();
  const response = await handlers['env:copy']({ profile: 'dev', shell: 'bash', form: 'endpoint' });
  assert.equal(response.ok, false);
  assert.match(JSON.stringify(response), /rolekeeper daemon/);
  assert.equal(clipboard.text, '');
});

test('a clear time of zero keeps the copied text and sets no timer', async (t) => {
  const home = makeTempHome({ config: CONFIG });
  t.after(() => home.cleanup());
  const { handlers, clipboard, timers } = await setup(t, home);
  await handlers['settings:set']({ clipboardClearSeconds: 0 });
  const response = await handlers['env:copy']({ profile: 'dev', shell: 'bash', form: 'endpoint' });
  assert.deepEqual(response, { ok: true, clearsInSeconds: 0 });
  assert.equal(timers.count, 0);
  assert.notEqual(clipboard.text, '');
});

test('a second copy replaces the first one\'s pending clear', async (t) => {
  const home = makeTempHome({ config: CONFIG });
  t.after(() => home.cleanup());
  const { handlers, clipboard, timers } = await setup(t, home);
  await handlers['env:copy']({ profile: 'dev', shell: 'bash', form: 'endpoint' });
  await timers.advance(50_000);
  await handlers['env:copy']({ profile: 'prod', shell: 'zsh', form: 'endpoint' });
  await timers.advance(20_000);
  assert.match(clipboard.text, /prod/);
  await timers.advance(40_000);
  assert.equal(clipboard.text, '');
});

test('clearing one profile\'s cache removes only its entry', async (t) => {
  const home = makeTempHome({ config: CONFIG });
  t.after(() => home.cleanup());
  const { handlers } = await setup(t, home);
  await handlers['profiles:refresh']({ profile: 'dev' });
  await handlers['mfa:submit']({ profile: 'prod', code: '123456' });
  assert.deepEqual(await handlers['cache:clear']({ profile: 'dev' }), { ok: true, cleared: 1 });
  assert.deepEqual(await handlers['cache:clear'](undefined), { ok: true, cleared: 1 });
});

test('settings report the auto-start state read back from the OS, and kept-fresh profiles must exist', async (t) => {
  const home = makeTempHome({ config: CONFIG });
  t.after(() => home.cleanup());
  const { handlers } = await setup(t, home);
  const set = await handlers['settings:set']({ autoStart: true, keptFresh: [{ profile: 'dev', sinks: ['cli-cache'] }] });
  assert.ok(set.ok && set.settings.autoStart === true);
  const bad = await handlers['settings:set']({ keptFresh: [{ profile: 'ghost', sinks: ['cli-cache'] }] });
  assert.equal(bad.ok, false);
  const got = await handlers['settings:get'](undefined);
  assert.ok(got.ok);
  if (got.ok) assert.deepEqual(got.settings.keptFresh, [{ profile: 'dev', sinks: ['cli-cache'] }]);
});

test('the keep-fresh switch adds one profile with its sinks kept, removes it again, and refuses static profiles', async (t) => {
  const home = makeTempHome({ config: CONFIG });
  t.after(() => home.cleanup());
  const { handlers } = await setup(t, home);
  await handlers['settings:set']({ keptFresh: [{ profile: 'dev', sinks: ['cli-cache', 'process-cache'] }] });
  const on = await handlers['profiles:keep-fresh']({ profile: 'prod', keep: true });
  assert.ok(on.ok);
  if (on.ok) assert.deepEqual(on.settings.keptFresh, [{ profile: 'dev', sinks: ['cli-cache', 'process-cache'] }, { profile: 'prod', sinks: ['cli-cache'] }]);
  const again = await handlers['profiles:keep-fresh']({ profile: 'dev', keep: true });
  if (again.ok) assert.deepEqual(again.settings.keptFresh.find((item) => item.profile === 'dev')?.sinks, ['cli-cache', 'process-cache'], 'switching on again keeps its sinks');
  const off = await handlers['profiles:keep-fresh']({ profile: 'dev', keep: false });
  if (off.ok) assert.deepEqual(off.settings.keptFresh, [{ profile: 'prod', sinks: ['cli-cache'] }]);
  const state = await handlers['state:get'](undefined);
  assert.ok(state.ok);
  if (state.ok) {
    assert.deepEqual(state.state.keptFresh, ['prod']);
    assert.deepEqual(state.state.refreshable.sort(), ['dev', 'prod']);
  }
  const staticProfile = await handlers['profiles:keep-fresh']({ profile: 'base', keep: true });
  assert.equal(staticProfile.ok, false);
  assert.match(staticProfile.ok === false ? staticProfile.message : '', /"base" is not a role or SSO profile/);
  const malformed = await handlers['profiles:keep-fresh']({ profile: 'dev', keep: 'yes' });
  assert.equal(malformed.ok === false && malformed.code, 'invalid-request');
});

test('two quick switches and a `rolekeeper keep` meanwhile all stay kept: each switch changes one profile inside the store lock', async (t) => {
  const home = makeTempHome({ config: CONFIG });
  t.after(() => home.cleanup());
  const { handlers, service } = await setup(t, home);
  // The CLI keeps prod behind the tray's back (its in-memory copy does not know yet).
  await changeStore(service.environment, (data) => {
    data.kept.push('prod');
  });
  const [first, second] = await Promise.all([handlers['profiles:keep-fresh']({ profile: 'dev', keep: true }), handlers['profiles:keep-fresh']({ profile: 'dev', keep: true })]);
  assert.ok(first.ok && second.ok);
  assert.deepEqual([...readStore(service.environment).kept].sort(), ['dev', 'prod']);
  await handlers['profiles:keep-fresh']({ profile: 'prod', keep: false });
  assert.deepEqual(readStore(service.environment).kept, ['dev']);
});

test('a managed profile is always kept: the state says so, and switching it off is refused with how to stop it', async (t) => {
  const home = makeTempHome({ config: CONFIG });
  t.after(() => home.cleanup());
  const { handlers, service } = await setup(t, home);
  await changeStore(service.environment, (data) => {
    data.managed.base = { roleArn: 'arn:aws:iam::111111111111:role/dev', sourceProfile: 'base' };
  });
  service.replan();
  const state = await handlers['state:get'](undefined);
  assert.ok(state.ok && state.state.alwaysKept.includes('base') && state.state.keptFresh.includes('base'));
  const off = await handlers['profiles:keep-fresh']({ profile: 'base', keep: false });
  assert.equal(off.ok, false);
  assert.match(off.ok === false ? off.message : '', /"base" is managed: Rolekeeper always keeps its keys fresh/);
  assert.ok(Object.keys(readStore(service.environment).managed).includes('base'), 'still managed');
});

test('verify, doctor and open-config go through the engine', async (t) => {
  const home = makeTempHome({ config: CONFIG });
  t.after(() => home.cleanup());
  const { handlers, opened } = await setup(t, home);
  await handlers['profiles:refresh']({ profile: 'dev' });
  const verified = await handlers['profiles:verify']({ profile: 'dev' });
  assert.ok(verified.ok);
  if (verified.ok) assert.equal(verified.account, '111111111111');
  assert.deepEqual(await handlers['config:open'](undefined), { ok: true });
  assert.deepEqual(opened, [home.configFile]);
  const doctor = await handlers['doctor:run'](undefined);
  assert.ok(doctor.ok && Array.isArray(doctor.findings));
});

test('on quit a copied export still on the clipboard is cleared at once, and something copied since is left alone', async () => {
  const clipboard = new FakeClipboard();
  const timers = new FakeTimers();
  const clearer = new ClipboardClearer(clipboard, timers);
  await clearer.copy('export AWS_SECRET_ACCESS_KEY=x', 60);
  await clearer.flush();
  assert.equal(clipboard.text, '');
  assert.equal(timers.count, 0, 'no timer is left behind');

  await clearer.copy('export AWS_SECRET_ACCESS_KEY=y', 60);
  clipboard.writeText('something the user copied');
  await clearer.flush();
  assert.equal(clipboard.text, 'something the user copied');
});
