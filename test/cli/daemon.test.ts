// `rolekeeper daemon` as a child process against moto_server, in real time: a 900-second role and a
// lead that makes every session due for renewal 3 seconds after it was issued.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { makeTempHome } from '../helpers/temp-home';
import { startMoto, MOTO_ACCOUNT_ID, type Moto } from '../helpers/moto';
import { ROLEKEEPER_BIN, runCli } from '../helpers/run-cli';
import { awsPaths, rolekeeperDataDir } from '../../src/main/core/model/aws-environment';
import { processCacheDir } from '../../src/main/core/caches/process-cache';
import { describeNotification } from '../../src/main/cli/commands/daemon';

const ROLE_ARN = `arn:aws:iam::${MOTO_ACCOUNT_ID}:role/short-lived`;
const CYCLES = 3;

let moto: Moto;
before(async () => {
  moto = await startMoto();
});
after(async () => {
  await moto.stop();
});

interface Observation {
  expiration: string;
  secrets: string[];
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

function readCacheEntry(dir: string): Observation | null {
  let names: string[];
  try {
    names = readdirSync(dir).filter((name) => name.endsWith('.json'));
  } catch {
    return null;
  }
  if (names.length !== 1) return null;
  try {
    const { Credentials } = JSON.parse(readFileSync(join(dir, names[0]), 'utf8'));
    return { expiration: Credentials.Expiration, secrets: [Credentials.SecretAccessKey, Credentials.SessionToken] };
  } catch {
    return null; // caught between write and rename? never with atomic writes, but do not fail on it
  }
}

function readManagedKeys(file: string): Observation & { text: string } {
  const text = readFileSync(file, 'utf8');
  const section = text.slice(text.indexOf('[managed1]'), text.indexOf('[other]'));
  const value = (key: string) => section.match(new RegExp(`^${key} = (.*)$`, 'm'))?.[1] ?? '';
  return { text, expiration: value('x_security_token_expires'), secrets: [value('aws_secret_access_key'), value('aws_session_token')] };
}

function filesUnder(folder: string): string[] {
  const found: string[] = [];
  for (const name of readdirSync(folder)) {
    const full = join(folder, name);
    const stat = statSync(full);
    if (stat.isDirectory()) found.push(...filesUnder(full));
    else if (stat.isFile()) found.push(full);
  }
  return found;
}

test('the daemon renews a role profile\'s CLI cache entry and a managed profile\'s keys unattended, logs it without secrets, and stops on SIGTERM', { timeout: 60_000 }, async () => {
  const credentials = [
    '# keys I pasted by hand',
    '[base]',
    'aws_access_key_id = AKIAIOSFODNN7EXAMPLE',
    'aws_secret_access_key = wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY',
    '',
    '; the managed profile: Rolekeeper rewrites its keys',
    '[managed1]',
    'region = us-east-1',
    'aws_access_key_id = ASIAPLACEHOLDER00000',
    'aws_secret_access_key = placeholder',
    'aws_session_token = placeholder',
    '',
    '[other]',
    'aws_access_key_id = AKIAOTHEROTHEROTHER0',
    'aws_secret_access_key = other-secret-left-alone',
    '',
  ].join('\n');
  const home = makeTempHome({
    config: `[profile base]\nregion = us-east-1\n\n[profile project1]\nrole_arn = ${ROLE_ARN}\nsource_profile = base\nduration_seconds = 900\n`,
    credentials,
    env: { AWS_ENDPOINT_URL_STS: moto.url },
  });
  const daemonSecrets = new Set<string>();
  try {
    assert.equal(runCli(['keep', 'project1'], home.env).code, 0);
    const managed = runCli(['manage', 'managed1', '--role-arn', ROLE_ARN, '--source-profile', 'base', '--duration', '900'], home.env);
    assert.equal(managed.code, 0, managed.stderr);
    const firstKeys = readManagedKeys(home.credentialsFile);

    const cacheDir = awsPaths(home.environment).cliCacheDir;
    const child = spawn(
      process.execPath,
      [ROLEKEEPER_BIN, 'daemon', '--lead', '14m57s', '--jitter', '0s', '--min-interval', '1s', '--endpoint-port', '0'],
      { env: home.env, stdio: ['ignore', 'ignore', 'pipe'] },
    );
    let stderr = '';
    child.stderr.setEncoding('utf8');
    child.stderr.on('data', (chunk: string) => (stderr += chunk));
    const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));

    const cacheExpiries: string[] = [];
    const keyExpiries: string[] = [firstKeys.expiration];
    const keyTexts: string[] = [firstKeys.text];
    firstKeys.secrets.forEach((secret) => daemonSecrets.add(secret));
    const started = Date.now();
    while ((cacheExpiries.length <= CYCLES || keyExpiries.length <= CYCLES) && Date.now() - started < 40_000) {
      const entry = readCacheEntry(cacheDir);
      if (entry && entry.expiration !== cacheExpiries.at(-1)) {
        cacheExpiries.push(entry.expiration);
        entry.secrets.forEach((secret) => daemonSecrets.add(secret));
      }
      const keys = readManagedKeys(home.credentialsFile);
      if (keys.expiration !== keyExpiries.at(-1)) {
        keyExpiries.push(keys.expiration);
        keyTexts.push(keys.text);
        keys.secrets.forEach((secret) => daemonSecrets.add(secret));
      }
      await sleep(100);
    }
    child.kill('SIGTERM');
    const code = await exited;

    assert.ok(cacheExpiries.length > CYCLES, `CLI cache entry renewed only ${cacheExpiries.length - 1} times; stderr:\n${stderr}`);
    assert.ok(keyExpiries.length > CYCLES, `managed keys renewed only ${keyExpiries.length - 1} times; stderr:\n${stderr}`);
    for (const series of [cacheExpiries, keyExpiries]) {
      for (let i = 1; i < series.length; i++) assert.ok(Date.parse(series[i]) > Date.parse(series[i - 1]), `expiry moved forward: ${series.join(' < ')}`);
    }
    // Every rewrite of the credentials file changed the managed keys' lines and nothing else.
    const keyLine = /^(aws_access_key_id|aws_secret_access_key|aws_session_token|x_security_token_expires) = /;
    for (let i = 1; i < keyTexts.length; i++) {
      const before = keyTexts[i - 1].split('\n');
      const now = keyTexts[i].split('\n');
      assert.equal(now.length, before.length);
      const changed = now.map((line, index) => (line === before[index] ? null : index)).filter((index): index is number => index !== null);
      assert.ok(changed.length > 0);
      for (const index of changed) {
        assert.match(now[index], keyLine);
        assert.ok(index > now.indexOf('[managed1]') && index < now.indexOf('[other]'), `line ${index + 1} is in [managed1]`);
      }
    }
    assert.ok(keyTexts.at(-1)?.includes('other-secret-left-alone\n'));

    assert.equal(code, 0, stderr);
    assert.match(stderr, /\dZ project1 refreshed, valid until \d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ \(next refresh \d{4}-[^)]+\)/);
    assert.match(stderr, /managed1 refreshed, valid until/);
    assert.match(stderr, /SIGTERM: stopping\n.*daemon stopped\n$/);

    // No secret moto handed out appears in the log or in any file but the stores meant for them.
    assert.ok(daemonSecrets.size >= 2 * (CYCLES + 1));
    const intended = new Set([home.credentialsFile]);
    const intendedFolders = [cacheDir, processCacheDir(home.environment), join(rolekeeperDataDir(home.environment), 'mfa-sessions')];
    const scanned = filesUnder(home.home).filter(
      (file) => !intended.has(file) && !intendedFolders.some((folder) => !relative(folder, file).startsWith('..')),
    );
    assert.ok(scanned.length >= 2, `scanned ${scanned.join(', ')}`);
    for (const secret of daemonSecrets) {
      assert.ok(secret.length >= 16);
      assert.ok(!stderr.includes(secret), 'a secret in the daemon log');
      for (const file of scanned) assert.ok(!readFileSync(file, 'utf8').includes(secret), `a secret in ${file}`);
    }
  } finally {
    home.cleanup();
  }
});

test('the daemon logs an engine notification as one English line worded from its data', () => {
  const at = '2026-01-15T09:00:00.000Z';
  assert.equal(
    describeNotification({ kind: 'expires-soon', profile: 'dev', expiresAt: '2026-01-15T09:07:00.000Z', at, detail: 'network down' }),
    'notice: dev expires in 7 min',
  );
  assert.equal(describeNotification({ kind: 'clock-skew', profile: 'prod', expiresAt: null, at, detail: null }), 'notice: Clock skew while refreshing prod');
  assert.equal(describeNotification({ kind: 'mfa-needed', profile: 'prod', expiresAt: null, at, detail: null }), 'notice: prod needs an MFA code');
});
