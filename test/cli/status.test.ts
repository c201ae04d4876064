// `status`, `keep`'s word on whether anything keeps the profile fresh, and `settings
// --endpoint-port auto`, through the built CLI. STS points at a closed port: no refresh succeeds,
// so what is reported comes from the discovery file, the probe and the files alone.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { join } from 'node:path';
import { discoveryFilePath, newEndpointDiscovery, newProofKey, writeEndpointDiscovery } from '../../src/main/core/always-fresh/endpoint-discovery';
import { makeTempHome, type TempHome } from '../helpers/temp-home';
import { ROLEKEEPER_BIN, runCli } from '../helpers/run-cli';

const CONFIG = '[profile project1]\nrole_arn = arn:aws:iam::123456789012:role/deploy\nsource_profile = base\nregion = eu-west-1\n';
const CREDENTIALS = '[base]\naws_access_key_id = AKIAEXAMPLEEXAMPLE12\naws_secret_access_key = not-a-real-secret-value\n';

function home(): TempHome {
  const made = makeTempHome({ config: CONFIG, credentials: CREDENTIALS });
  Object.assign(made.env, { LANG: 'C', LC_ALL: '', LC_MESSAGES: '', XDG_CONFIG_HOME: join(made.home, '.config'), AWS_ENDPOINT_URL_STS: 'http://127.0.0.1:9' });
  made.environment.env = made.env;
  return made;
}

test('without a daemon, keep and status say nothing keeps the profile fresh and how to start one', () => {
  const h = home();
  try {
    const kept = runCli(['keep', 'project1'], h.env);
    assert.equal(kept.code, 0, kept.stderr);
    assert.match(kept.stdout, /^kept fresh: project1\nnothing runs that keeps them fresh yet: start one with `rolekeeper daemon` \(or the tray app\), or at every login with `rolekeeper setup daemon`\n/);
    const status = runCli(['status'], h.env);
    assert.equal(status.code, 0, status.stderr);
    assert.match(status.stdout, /^running: nothing keeps profiles fresh; start one with `rolekeeper daemon`/);
    assert.match(status.stdout, /\n {2}project1: no valid credentials held; not refreshed until something runs\n/);
    const json = JSON.parse(runCli(['status', '--json'], h.env).stdout);
    assert.deepEqual(json, { running: null, staleReason: null, kept: [{ profile: 'project1', expiresAt: null, nextRefreshAt: null }] });
  } finally {
    h.cleanup();
  }
});

test('status calls a discovery file of a process that is gone stale, not running', () => {
  const h = home();
  try {
    const gone = spawnSync(process.execPath, ['-e', 'process.stdout.write(String(process.pid))'], { encoding: 'utf8' });
    mkdirSync(dirname(discoveryFilePath(h.environment)), { recursive: true });
    writeEndpointDiscovery(h.environment, { ...newEndpointDiscovery(20_001, 'daemon', new Date(), newProofKey()), pid: Number(gone.stdout) });
    const json = JSON.parse(runCli(['status', '--json'], h.env).stdout);
    assert.equal(json.running, null);
    assert.equal(json.staleReason, `the daemon that wrote it (pid ${gone.stdout}) is gone`);
  } finally {
    h.cleanup();
  }
});

test('with a daemon running, keep says it keeps the profile fresh and status shows its pid, endpoint and the next refresh, no secret', async () => {
  const h = home();
  const child = spawn(process.execPath, [ROLEKEEPER_BIN, 'daemon'], { env: h.env, stdio: ['ignore', 'ignore', 'pipe'] });
  const exited = new Promise((resolve) => child.on('exit', resolve));
  try {
    let log = '';
    child.stderr.setEncoding('utf8');
    child.stderr.on('data', (chunk: string) => (log += chunk));
    while (!/daemon started/.test(log) && child.exitCode === null) await new Promise((resolve) => setTimeout(resolve, 100));
    const kept = runCli(['keep', 'project1'], h.env);
    assert.equal(kept.code, 0, kept.stderr);
    assert.match(kept.stdout, new RegExp(`\\nthe daemon \\(pid ${child.pid}\\) runs and keeps them fresh\\n`));
    const discovery = JSON.parse(readFileSync(discoveryFilePath(h.environment), 'utf8'));
    const status = runCli(['status', '--json'], h.env);
    assert.equal(status.code, 0, status.stderr);
    assert.ok(!status.stdout.includes(discovery.proofKey), 'the proof key stays in endpoint.json');
    const json = JSON.parse(status.stdout);
    assert.deepEqual(json.running, { owner: 'daemon', pid: child.pid, url: discovery.url, startedAt: discovery.startedAt, leadSeconds: 20 * 60 });
    assert.equal(json.kept[0].profile, 'project1');
    assert.equal(typeof json.kept[0].nextRefreshAt, 'string');
    const text = runCli(['status'], h.env).stdout;
    assert.match(text, new RegExp(`^running: the daemon \\(pid ${child.pid}, since \\S+\\), endpoint ${discovery.url.replace(/\./g, '\\.')}\\n`));
  } finally {
    child.kill('SIGTERM');
    await exited;
    h.cleanup();
  }
});

test('settings --endpoint-port auto goes back to the per-user port (stored as 0); other words are refused', () => {
  const h = home();
  try {
    assert.equal(runCli(['settings', '--endpoint-port', '30000'], h.env).code, 0);
    assert.match(runCli(['settings'], h.env).stdout, /^endpoint port {7}30000$/m);
    const auto = runCli(['settings', '--endpoint-port', 'auto'], h.env);
    assert.equal(auto.code, 0, auto.stderr);
    assert.match(auto.stdout, /^endpoint port {7}auto \(this user's port \d+, or the one the last endpoint used\)$/m);
    assert.equal(JSON.parse(runCli(['settings', '--json'], h.env).stdout).endpointPort, 0);
    const wrong = runCli(['settings', '--endpoint-port', 'automatic'], h.env);
    assert.equal(wrong.code, 2);
    assert.match(wrong.stderr, /--endpoint-port takes auto or a port from 1024 to 65535/);
  } finally {
    h.cleanup();
  }
});
