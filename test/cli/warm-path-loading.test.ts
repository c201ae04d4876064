// What a warm `export` and `list` load, through the built CLI (no timings: those are `npm run bench`).
// Needs `npm run build` first.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { withTempHome } from '../helpers/temp-home';
import { ROLEKEEPER_BIN } from '../helpers/run-cli';
import { SEED_CREDENTIALS, seedConfig } from '../helpers/seed-profiles';
import { writeProcessCache } from '../../src/main/core/sinks/process-cache';
import { loadProfiles } from '../../src/main/core/aws-config/profile-loader';
import { roleFingerprint } from '../../src/main/core/credentials/role-fingerprint';
import { readStore } from '../../src/main/core/credentials/rolekeeper-store';

const KEYS_PROFILE = `[profile keys]
region = eu-west-1
aws_access_key_id = ASIAWARMPATHEXAMPLE
aws_secret_access_key = warm-path-secret-not-real
aws_session_token = warm-path-token-not-real
x_security_token_expires = 2099-01-01T00:00:00Z
`;

/** The built-in modules and files one CLI run loaded, read from process.moduleLoadList at exit. */
function loadedBy(args: string[], env: Record<string, string>, dir: string): { builtins: string[]; files: string[]; status: number | null } {
  const recorder = join(dir, 'record-loads.js');
  const record = join(dir, 'loads.json');
  writeFileSync(
    recorder,
    `process.on('exit', () => require('fs').writeFileSync(${JSON.stringify(record)}, JSON.stringify({ builtins: process.moduleLoadList.filter((m) => m.startsWith('NativeModule ')).map((m) => m.slice(13)), files: Object.keys(require.cache) })));`,
  );
  const result = spawnSync(process.execPath, ['-r', recorder, ROLEKEEPER_BIN, ...args], { env, encoding: 'utf8' });
  return { ...(JSON.parse(readFileSync(record, 'utf8')) as { builtins: string[]; files: string[] }), status: result.status };
}

test('a warm export and list load no http, child_process, readline, stream or AWS SDK, and no crypto', () => {
  withTempHome({ config: `${seedConfig({ roleArn: 'arn:aws:iam::123456789012:role/Prod-Role', pastedExpiresAt: '2099-01-01T00:00:00Z' })}\n${KEYS_PROFILE}`, credentials: SEED_CREDENTIALS }, (home) => {
    const env = { ...home.env, LANG: 'C' };
    const exported = loadedBy(['export', 'keys', '--shell', 'bash'], env, home.home);
    const listed = loadedBy(['list'], env, home.home);
    assert.equal(exported.status, 0);
    assert.equal(listed.status, 0);
    for (const run of [exported, listed]) {
      // stream and net: neither process.stdout nor process.stderr is built on a pipe (see direct-output.ts).
      for (const heavy of ['http', 'https', 'child_process', 'readline', 'dgram', 'stream', 'net', 'tty', 'crypto']) assert.ok(!run.builtins.includes(heavy), `${heavy} loaded`);
      assert.deepEqual(run.files.filter((file) => /@aws-sdk|commander/.test(file)), []);
    }
  });
});

/** One CLI run with Node's compile cache in `cacheDir` and its debug log on stderr. */
function runWithCompileCache(args: string[], env: Record<string, string>, cacheDir: string): { status: number | null; stdout: string; log: string } {
  const result = spawnSync(process.execPath, [ROLEKEEPER_BIN, ...args], { env: { ...env, NODE_COMPILE_CACHE: cacheDir, NODE_DEBUG_NATIVE: 'COMPILE_CACHE' }, encoding: 'utf8' });
  return { status: result.status, stdout: result.stdout, log: result.stderr };
}

function cacheFiles(dir: string): string[] {
  return readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile())
    .map((entry) => join(entry.parentPath, entry.name));
}

test("a warm run reuses Node's compile cache of the bundles, and a foreign cache only costs a compile", () => {
  withTempHome({ config: `${seedConfig({ roleArn: 'arn:aws:iam::123456789012:role/Prod-Role', pastedExpiresAt: '2099-01-01T00:00:00Z' })}\n${KEYS_PROFILE}`, credentials: SEED_CREDENTIALS }, (home) => {
    const env = { ...home.env, LANG: 'C' };
    const cacheDir = join(home.home, 'compile-cache');
    for (const args of [['list'], ['export', 'keys', '--shell', 'bash'], ['credential-process', 'keys']]) {
      const first = runWithCompileCache(args, env, cacheDir);
      const second = runWithCompileCache(args, env, cacheDir);
      assert.deepEqual([second.status, second.stdout], [first.status, first.stdout]);
      // credential-process turns the cache on only off its fast path: here (no entry in its own
      // cache for "keys") for the refresh bundle.
      const bundle = args[0] === 'credential-process' ? 'credential-process-refresh.js' : 'warm-path-entry.js';
      assert.match(second.log, new RegExp(`cache for \\S*${bundle.replace('.', '\\.')} was accepted`), `${args.join(' ')}: the second run compiled ${bundle} again`);
    }
    // Another Node's or another build's cache: Node checks it, compiles as usual and writes its own.
    const files = cacheFiles(cacheDir);
    assert.ok(files.length >= 3, files.join(', '));
    for (const file of files) writeFileSync(file, Buffer.concat([readFileSync(file).subarray(0, 24), Buffer.from('a foreign code cache')]));
    const foreign = runWithCompileCache(['list'], env, cacheDir);
    assert.equal(foreign.status, 0, foreign.log);
    assert.equal(foreign.stdout, runWithCompileCache(['list'], env, cacheDir).stdout);
    assert.doesNotMatch(foreign.log, /warm-path-entry\.js was accepted/);
    assert.ok(cacheFiles(cacheDir).some((file) => readFileSync(file).length > 1000), 'the foreign cache was not replaced');
  });
});

test('credential-process served from its cache loads one bundle and no crypto, stream, os or compile cache', async () => {
  await withTempHome({ config: '[profile project1]\nrole_arn = arn:aws:iam::123456789012:role/deploy\nsource_profile = base\n', credentials: SEED_CREDENTIALS }, async (home) => {
    const env = { ...home.env, LANG: 'C' };
    const fingerprint = roleFingerprint('project1', loadProfiles(home.environment), readStore(home.environment));
    await writeProcessCache(home.environment, 'project1', { accessKeyId: 'ASIAFASTPATHEXAMPLE0', secretAccessKey: 'fast-path-secret-not-real', sessionToken: 'fast-path-token', expiration: new Date(Date.now() + 3600_000) }, fingerprint);
    const served = loadedBy(['credential-process', 'project1'], env, home.home);
    assert.equal(served.status, 0);
    // The recorder itself writes with fs only, so anything else here was the command's doing.
    for (const heavy of ['crypto', 'stream', 'net', 'os', 'module', 'http', 'child_process']) assert.ok(!served.builtins.includes(heavy), `${heavy} loaded`);
    assert.deepEqual(served.files.filter((file) => !file.endsWith('record-loads.js')).map((file) => basename(file)), ['rolekeeper.js', 'credential-process-entry.js']);
  });
});

test('the credential-process bundle carries no message table: its words load only off the fast path', () => {
  const bundle = readFileSync(join(__dirname, '..', '..', 'dist', 'main', 'cli', 'credential-process-entry.js'), 'utf8');
  for (const sentence of ['Anmeldeinformationen', 'display help for command', 'Keeps AWS role credentials fresh']) assert.ok(!bundle.includes(sentence), `"${sentence}" is bundled`);
  assert.ok(bundle.length < 40_000, `${bundle.length} bytes`);
});
