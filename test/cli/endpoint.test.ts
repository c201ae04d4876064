// The per-user loopback endpoint as users meet it: two HOMEs (two users) each running a daemon with
// default settings, `export --via-endpoint` and `--unset` evaluated in bash, doctor after the
// daemon stopped, and tokens revoked or rotated — against moto_server and the real AWS CLI v2.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { statSync } from 'node:fs';
import { makeTempHome, type TempHome } from '../helpers/temp-home';
import { startMoto, MOTO_ACCOUNT_ID, type Moto } from '../helpers/moto';
import { ROLEKEEPER_BIN, runCli } from '../helpers/run-cli';
import { awsCliEnv } from '../helpers/aws-cli';
import { changeStore } from '../../src/main/core/credentials/rolekeeper-store';
import { discoveryFilePath, readEndpointDiscovery } from '../../src/main/core/always-fresh/endpoint-discovery';
import { startDaemon, type RunningDaemon } from '../helpers/daemon';

let moto: Moto;
before(async () => {
  moto = await startMoto();
});
after(async () => {
  await moto.stop();
});

const CREDENTIALS = '[base]\naws_access_key_id = AKIAIOSFODNN7EXAMPLE\naws_secret_access_key = wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY\n';

function userHome(role: string): TempHome {
  const config = ['[profile base]', 'region = us-east-1', '', '[profile project1]', `role_arn = arn:aws:iam::${MOTO_ACCOUNT_ID}:role/${role}`, 'source_profile = base', ''].join('\n');
  return makeTempHome({ config, credentials: CREDENTIALS, env: { AWS_ENDPOINT_URL_STS: moto.url, AWS_DEFAULT_REGION: 'us-east-1' } });
}

const bashQuote = (value: string): string => `'${value.replace(/'/g, `'\\''`)}'`;
const rolekeeper = `${bashQuote(process.execPath)} ${bashQuote(ROLEKEEPER_BIN)}`;

function bash(script: string, env: Record<string, string>): { status: number | null; stdout: string; stderr: string } {
  return spawnSync('bash', ['-c', script], { env, encoding: 'utf8', timeout: 60_000 });
}

function cliEnv(home: TempHome): Record<string, string> {
  return { ...awsCliEnv({ version: 2, base: home.env, stsEndpoint: moto.url }), AWS_ENDPOINT_URL_STS: moto.url };
}

const CALLER = `/usr/bin/aws sts get-caller-identity --output json --endpoint-url "$STS_URL"`;

function exportedVariables(home: TempHome): Record<string, string> {
  const result = runCli(['export', 'project1', '--via-endpoint', '--shell', 'bash'], home.env);
  assert.equal(result.code, 0, result.stderr);
  const variables: Record<string, string> = {};
  for (const match of result.stdout.matchAll(/^export (\w+)='([^']*)'$/gm)) variables[match[1]] = match[2];
  return variables;
}

async function statusOf(url: string, token: string): Promise<number> {
  return (await fetch(url, { headers: { Authorization: token } })).status;
}

describe('the per-user endpoint', () => {
  test('two users run a daemon with default settings at once, and each shell authenticates as its own role', { timeout: 120_000 }, async () => {
    const alice = userHome('alice-role');
    const bob = userHome('bob-role');
    const daemons: RunningDaemon[] = [];
    try {
      for (const home of [alice, bob]) {
        await changeStore(home.environment, (data) => void (data.kept = ['project1']));
        daemons.push(await startDaemon(home.env));
      }
      const [aliceEndpoint, bobEndpoint] = [alice, bob].map((home) => readEndpointDiscovery(home.environment));
      assert.ok(aliceEndpoint && bobEndpoint);
      assert.notEqual(aliceEndpoint.port, bobEndpoint.port, 'each user has a port of their own');
      assert.equal(statSync(discoveryFilePath(alice.environment)).mode & 0o777, 0o600);

      for (const [home, role] of [[alice, 'alice-role'], [bob, 'bob-role']] as const) {
        const script = `eval "$(${rolekeeper} export project1 --via-endpoint --shell bash)" && ${CALLER}`;
        const result = bash(script, { ...cliEnv(home), STS_URL: moto.url });
        assert.equal(result.status, 0, result.stderr);
        assert.match(JSON.parse(result.stdout).Arn, new RegExp(`:assumed-role/${role}/`));
      }

      // A second daemon of the same user steps aside instead of failing on the port.
      const second = spawnSync(process.execPath, [ROLEKEEPER_BIN, 'daemon'], { env: alice.env, encoding: 'utf8', timeout: 30_000 });
      assert.equal(second.status, 0, second.stderr);
      assert.match(second.stderr, new RegExp(`the daemon \\(pid ${daemons[0].child.pid}\\) already keeps profiles fresh`));

      // Restarted, the daemon serves the same URL but new tokens: while no keeper listened, another
      // user could have taken the port and kept the token a shell sent there.
      const before = exportedVariables(alice);
      assert.equal(await daemons[0].stop(), 0);
      daemons[0] = await startDaemon(alice.env, { waitFor: /project1 (refreshed|fresh)/ });
      assert.match(daemons[0].log(), /new endpoint tokens for 1 profile\(s\)/);
      assert.equal(readEndpointDiscovery(alice.environment)?.port, aliceEndpoint.port);
      assert.equal(await statusOf(before.AWS_CONTAINER_CREDENTIALS_FULL_URI, before.AWS_CONTAINER_AUTHORIZATION_TOKEN), 403);
      const doctor = runCli(['doctor', '--json'], { ...alice.env, ...before });
      assert.match(doctor.stdout, /"code": "container-endpoint-token-revoked"/);
      const after = exportedVariables(alice);
      assert.notEqual(after.AWS_CONTAINER_AUTHORIZATION_TOKEN, before.AWS_CONTAINER_AUTHORIZATION_TOKEN);
      assert.equal(await statusOf(after.AWS_CONTAINER_CREDENTIALS_FULL_URI, after.AWS_CONTAINER_AUTHORIZATION_TOKEN), 200);
    } finally {
      for (const daemon of daemons) await daemon.stop();
      alice.cleanup();
      bob.cleanup();
    }
  });

  test('without a running daemon `export --via-endpoint` exits 1 with how to start one, and doctor flags the dead variables', { timeout: 90_000 }, async () => {
    const home = userHome('alice-role');
    try {
      const none = runCli(['export', 'project1', '--via-endpoint', '--shell', 'bash'], home.env);
      assert.equal(none.code, 1);
      assert.equal(none.stdout, '');
      assert.match(none.stderr, /no Rolekeeper endpoint runs for this user; start one with `rolekeeper daemon` \(or the tray app\), or at every login with `rolekeeper setup daemon`$/m);
      assert.equal(none.stderr.trim().split('\n').length, 1);

      await changeStore(home.environment, (data) => void (data.kept = ['project1']));
      const daemon = await startDaemon(home.env);
      const exported = exportedVariables(home);
      const shellEnv = { ...home.env, ...exported };
      const healthy = runCli(['doctor', '--offline', '--json'], shellEnv);
      assert.doesNotMatch(healthy.stdout, /container-endpoint-/);
      assert.equal(await daemon.stop(), 0);

      const doctor = runCli(['doctor', '--offline', '--json'], shellEnv);
      assert.equal(doctor.code, 1);
      const finding = (JSON.parse(doctor.stdout) as { findings: Array<{ code: string; profile: string; advice: string; message: string }> }).findings.find((item) => item.code === 'container-endpoint-not-running');
      assert.ok(finding, doctor.stdout);
      assert.equal(finding.profile, 'project1');
      assert.match(finding.advice, /rolekeeper daemon/);
      assert.ok(!doctor.stdout.includes(exported.AWS_CONTAINER_AUTHORIZATION_TOKEN), 'doctor never prints the token');
    } finally {
      home.cleanup();
    }
  });

  test('`export --unset` evaluated after `export --via-endpoint` leaves no container variable and no rolekeeper-endpoint profile', { timeout: 90_000 }, async () => {
    const home = userHome('alice-role');
    await changeStore(home.environment, (data) => void (data.kept = ['project1']));
    const daemon = await startDaemon(home.env);
    try {
      const script = [
        `eval "$(${rolekeeper} export project1 --via-endpoint --shell bash)"`,
        'test -n "$AWS_CONTAINER_CREDENTIALS_FULL_URI" || exit 3',
        `eval "$(${rolekeeper} export --unset --shell bash)"`,
        'env | grep -E "^(AWS_CONTAINER_|AWS_PROFILE=|AWS_ACCESS_KEY_ID|AWS_SESSION_TOKEN)" || true',
      ].join('\n');
      const result = bash(script, home.env);
      assert.equal(result.status, 0, result.stderr);
      assert.equal(result.stdout, '');
      // A profile the user chose is left alone.
      const own = bash(`export AWS_PROFILE=project1; eval "$(${rolekeeper} export --unset --shell bash)"; echo "$AWS_PROFILE"`, home.env);
      assert.equal(own.stdout, 'project1\n');
    } finally {
      await daemon.stop();
      home.cleanup();
    }
  });

  test('a rotated token and the token of an unkept profile get 403, and doctor says which', { timeout: 90_000 }, async () => {
    const home = userHome('alice-role');
    await changeStore(home.environment, (data) => void (data.kept = ['project1']));
    const daemon = await startDaemon(home.env);
    try {
      const first = exportedVariables(home);
      const url = first.AWS_CONTAINER_CREDENTIALS_FULL_URI;
      assert.equal(await statusOf(url, first.AWS_CONTAINER_AUTHORIZATION_TOKEN), 200);

      const rotate = runCli(['endpoint', 'rotate', 'project1'], home.env);
      assert.equal(rotate.code, 0, rotate.stderr);
      assert.equal(await statusOf(url, first.AWS_CONTAINER_AUTHORIZATION_TOKEN), 403);
      const doctor = runCli(['doctor', '--offline', '--json'], { ...home.env, ...first });
      assert.match(doctor.stdout, /"code": "container-endpoint-token-revoked"/);
      assert.match(doctor.stdout, /was rotated/);

      const second = exportedVariables(home);
      assert.equal(await statusOf(url, second.AWS_CONTAINER_AUTHORIZATION_TOKEN), 200);
      const unkeep = runCli(['unkeep', 'project1'], home.env);
      assert.equal(unkeep.code, 0, unkeep.stderr);
      assert.match(unkeep.stdout, /endpoint token revoked: project1/);
      assert.equal(await statusOf(url, second.AWS_CONTAINER_AUTHORIZATION_TOKEN), 403);
      // The refusal for a revoked token is the refusal for a profile that never existed.
      const revokedBody = await (await fetch(url, { headers: { Authorization: second.AWS_CONTAINER_AUTHORIZATION_TOKEN } })).text();
      const unknownBody = await (await fetch(url.replace(/project1$/, 'nobody'), { headers: { Authorization: 'x' } })).text();
      assert.equal(revokedBody, unknownBody);
    } finally {
      await daemon.stop();
      home.cleanup();
    }
  });
});
