// Through the built CLI against moto_server: `keep` says how to serve a role whose sessions the AWS
// CLI's cache cannot, `status` reports the running daemon's own lead and plan, and `exec` takes a
// command with flags without `--`, and says when it edits ~/.aws/config.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { makeTempHome, type TempHome } from '../helpers/temp-home';
import { startMoto, MOTO_ACCOUNT_ID, type Moto } from '../helpers/moto';
import { runCli, runCliAsync } from '../helpers/run-cli';
import { awsCliEnv } from '../helpers/aws-cli';
import { keeperStateFilePath } from '../../src/main/core/always-fresh/keeper-state-file';
import { startDaemon } from '../helpers/daemon';

let moto: Moto;
before(async () => {
  moto = await startMoto();
});
after(async () => {
  await moto.stop();
});

const ROLE_ARN = `arn:aws:iam::${MOTO_ACCOUNT_ID}:role/deploy`;
const CONFIG =
  `[profile base]\nregion = us-east-1\n\n` +
  `[profile project1]\nrole_arn = ${ROLE_ARN}\nsource_profile = base\nregion = eu-west-1\n\n` +
  `[profile short]\nrole_arn = ${ROLE_ARN}\nsource_profile = base\nduration_seconds = 900\n`;
const CREDENTIALS = '[base]\naws_access_key_id = AKIAIOSFODNN7EXAMPLE\naws_secret_access_key = wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY\n';

function newHome(): TempHome {
  const home = makeTempHome({ config: CONFIG, credentials: CREDENTIALS, env: { AWS_ENDPOINT_URL_STS: moto.url } });
  Object.assign(home.env, { LANG: 'C', LC_ALL: '', LC_MESSAGES: '', XDG_CONFIG_HOME: join(home.home, '.config') });
  home.environment.env = home.env;
  return home;
}

describe('keep, status and exec say what is true', () => {
  test('keep says a 900 s role is too short for the AWS CLI cache and names what serves it; a 1 h role gets no such line', () => {
    const home = newHome();
    try {
      const kept = runCli(['keep', 'short', 'project1'], home.env);
      assert.equal(kept.code, 0, kept.stderr);
      const lines = kept.stdout.trim().split('\n');
      assert.equal(lines.length, 3, kept.stdout);
      assert.match(lines[2], /^Sessions of profile short last 15 min: the AWS CLI ignores cache entries with under 15 min left/);
      assert.match(lines[2], /`rolekeeper setup credential-process short`, `eval "\$\(rolekeeper export short --via-endpoint\)"` or `rolekeeper exec short -- COMMAND`$/);
      const german = runCli(['keep', 'short'], { ...home.env, LANG: 'de_DE.UTF-8' });
      assert.match(german.stdout, /Sitzungen von Profil short dauern 15 Min\./);
    } finally {
      home.cleanup();
    }
  });

  test("status with a daemon started with --lead 14m shows 14m and the daemon's own next refresh, not the stored 20 min lead", { timeout: 60_000 }, async () => {
    const home = newHome();
    assert.equal(runCli(['keep', 'project1'], home.env).code, 0);
    const daemon = await startDaemon(home.env, { args: ['--lead', '14m', '--endpoint-port', '0'] });
    try {
      // The published plan follows the refresh within a turn of the event loop.
      await new Promise((resolve) => setTimeout(resolve, 300));
      const published = JSON.parse(readFileSync(keeperStateFilePath(home.environment), 'utf8'));
      const status = await runCliAsync(['status', '--json'], home.env);
      assert.equal(status.code, 0, status.stderr);
      const json = JSON.parse(status.stdout);
      assert.equal(json.running.leadSeconds, 14 * 60);
      const row = json.kept.find((kept: { profile: string }) => kept.profile === 'project1');
      assert.equal(row.nextRefreshAt, published.profiles.find((plan: { profile: string }) => plan.profile === 'project1').nextRefreshAt);
      const lead = Date.parse(row.expiresAt) - Date.parse(row.nextRefreshAt);
      // 14 min plus the daemon's random skew (at most lead / 20 = 42 s), nowhere near the stored 20 min.
      assert.ok(lead >= 14 * 60_000 && lead <= 14 * 60_000 + 42_000, `planned ${lead} ms before expiry`);
      const text = await runCliAsync(['status'], home.env);
      assert.match(text.stdout, /\nlead: it refreshes 14m before expiry\n/);
      assert.match(text.stdout, new RegExp(`\\n {2}project1: valid until \\S+ \\(\\S+ \\S+ left\\); next refresh about ${row.nextRefreshAt.replace(/\.\d{3}Z$/, 'Z')}\\n`));
      assert.doesNotMatch(text.stdout, /refresh due now/);
    } finally {
      await daemon.stop();
      home.cleanup();
    }
  });

  test('exec PROFILE cmd --flag runs the command with its flags; an unknown option before the command says to put -- before it; the config edit is said once', { timeout: 90_000 }, async () => {
    const home = newHome();
    try {
      const env = { ...awsCliEnv({ version: 2, base: home.env, stsEndpoint: moto.url }), AWS_ENDPOINT_URL_STS: moto.url };
      const before = readFileSync(home.configFile, 'utf8');
      const run = await runCliAsync(['exec', 'project1', '/usr/bin/aws', 'sts', 'get-caller-identity', '--output', 'text', '--query', 'Arn', '--endpoint-url', moto.url], env);
      assert.equal(run.code, 0, run.stderr);
      assert.match(run.stdout, new RegExp(`^arn:aws:sts::${MOTO_ACCOUNT_ID}:assumed-role/deploy/\\S+\\n$`));
      assert.match(run.stderr, /^rolekeeper: added an empty \[profile rolekeeper-endpoint\] to \S+config \(once, backup kept\)/);
      assert.equal(readFileSync(home.configFile, 'utf8'), `${before}\n[profile rolekeeper-endpoint]\n`.replace(/\n\n\n/, '\n\n'));

      const again = await runCliAsync(['exec', 'project1', '--', 'true'], env);
      assert.equal(again.code, 0, again.stderr);
      assert.equal(again.stderr, '', 'nothing edited, nothing said');

      const options = await runCliAsync(['exec', 'project1', '--lead', '30m', 'sh', '-c', 'echo "$0 $1"', 'one', '--lead'], env);
      assert.equal(options.code, 0, options.stderr);
      assert.equal(options.stdout, 'one --lead\n', "exec's own options before the command, the command's after");

      const unknown = await runCliAsync(['exec', 'project1', '--output', 'text', 'true'], env);
      assert.equal(unknown.code, 2);
      assert.match(unknown.stderr, /put -- before the command: rolekeeper exec PROFILE \[OPTIONS\] -- COMMAND \[ARGS\.\.\.\]/);
    } finally {
      home.cleanup();
    }
  });
});
