// `rolekeeper credential-process` and the loopback endpoint, as the real AWS CLIs (v1 from pip, v2
// from Debian) use them, against moto_server on loopback.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { makeTempHome, type TempHome } from '../helpers/temp-home';
import { freePort, startMoto, MOTO_ACCOUNT_ID, type Moto } from '../helpers/moto';
import { startFaultProxy } from '../helpers/fault-proxy';
import { ROLEKEEPER_BIN, runAws, runCli, runCliAsync } from '../helpers/run-cli';
import { AWS_CLIS, awsCliEnv } from '../helpers/aws-cli';
import { changeStore } from '../../src/main/core/credentials/rolekeeper-store';
import { storeFilePath } from '../../src/main/core/model/aws-environment';
import { credentialProcessCommand } from '../../src/main/core/aws-config/credential-process-command';
import { startDaemon } from '../helpers/daemon';

const ROLE_ARN = `arn:aws:iam::${MOTO_ACCOUNT_ID}:role/deploy`;
const MFA_SERIAL = `arn:aws:iam::${MOTO_ACCOUNT_ID}:mfa/alice`;
const CONFIG = [
  '# hand-written; Rolekeeper must leave every byte of this as it is',
  '[profile base]',
  'region = us-east-1',
  '',
  '[profile project1]',
  `role_arn = ${ROLE_ARN}`,
  'source_profile = base',
  '',
  '[profile guarded]',
  `role_arn = ${ROLE_ARN}`,
  'source_profile = base',
  `mfa_serial = ${MFA_SERIAL}`,
  '',
].join('\n');
// [default] holds keys of another identity: profile credentials come before the container
// provider, so the endpoint export has to route around them.
const CREDENTIALS =
  '[base]\naws_access_key_id = AKIAIOSFODNN7EXAMPLE\naws_secret_access_key = wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY\n\n' +
  '[default]\naws_access_key_id = AKIADEFAULTDEFAULT00\naws_secret_access_key = default-secret-not-used\n';

let moto: Moto;
before(async () => {
  moto = await startMoto();
});
after(async () => {
  await moto.stop();
});

function newHome(stsUrl: string): TempHome {
  return makeTempHome({ config: CONFIG, credentials: CREDENTIALS, env: { AWS_ENDPOINT_URL_STS: stsUrl, AWS_DEFAULT_REGION: 'us-east-1' } });
}

/** The environment a real CLI runs in; Rolekeeper's children inherit AWS_ENDPOINT_URL_STS from it. */
function cliEnv(version: 1 | 2, home: TempHome, stsUrl: string): Record<string, string> {
  return { ...awsCliEnv({ version, base: home.env, stsEndpoint: stsUrl }), AWS_ENDPOINT_URL_STS: stsUrl };
}

function assumedRoleArn(stdout: string): string {
  return JSON.parse(stdout).Arn as string;
}

describe('rolekeeper setup credential-process', () => {
  test('appends one profile that runs this rolekeeper through node, keeps the source profile fresh, and refuses an existing name', () => {
    const home = newHome(moto.url);
    try {
      const result = runCli(['setup', 'credential-process', 'project1'], home.env);
      assert.equal(result.code, 0, result.stderr);
      const config = readFileSync(home.configFile, 'utf8');
      assert.ok(config.startsWith(CONFIG), 'the existing text is unchanged');
      assert.equal(
        config.slice(CONFIG.length),
        `\n[profile project1-rk]\ncredential_process = ${process.execPath} ${ROLEKEEPER_BIN} credential-process project1\n`,
      );
      const store = JSON.parse(readFileSync(storeFilePath(home.environment), 'utf8'));
      assert.deepEqual(store.kept, ['project1']);

      const again = runCli(['setup', 'credential-process', 'project1'], home.env);
      assert.equal(again.code, 1);
      assert.match(again.stderr, /"project1-rk" already exists/);
      const notRole = runCli(['setup', 'credential-process', 'base', '--as', 'x'], home.env);
      assert.equal(notRole.code, 1);
      assert.match(notRole.stderr, /"base" is of type static/);
      assert.equal(readFileSync(home.configFile, 'utf8'), config);
    } finally {
      home.cleanup();
    }
  });

  test("quotes paths with spaces and quotes so that botocore's shlex split gives them back unchanged", () => {
    const node = "/opt/my tools/node's/bin/node";
    const bin = '/home/a b/rolekeeper/bin/rolekeeper.js';
    const command = credentialProcessCommand('team dev', 'linux', node, bin);
    const split = spawnSync('python3', ['-c', 'import json, shlex, sys; print(json.dumps(shlex.split(sys.argv[1])))', command], { encoding: 'utf8' });
    assert.equal(split.status, 0, split.stderr);
    assert.deepEqual(JSON.parse(split.stdout), [node, bin, 'credential-process', 'team dev']);
    assert.equal(credentialProcessCommand('dev', 'linux', '/usr/bin/node', '/r/bin/rolekeeper.js'), '/usr/bin/node /r/bin/rolekeeper.js credential-process dev');
    // Windows: botocore splits by the MS C runtime rules, where backslashes are literal.
    assert.equal(
      credentialProcessCommand('dev', 'win32', 'C:\\Program Files\\nodejs\\node.exe', 'C:\\rk\\bin\\rolekeeper.js'),
      '"C:\\Program Files\\nodejs\\node.exe" C:\\rk\\bin\\rolekeeper.js credential-process dev',
    );
  });

  for (const cli of AWS_CLIS) {
    test(`lets the real ${cli.name} authenticate as the role through credential_process`, () => {
      const home = newHome(moto.url);
      try {
        assert.equal(runCli(['setup', 'credential-process', 'project1', '--as', 'via-rk'], home.env).code, 0);
        const env = cliEnv(cli.version, home, moto.url);
        const result = runAws(cli.binary, ['sts', 'get-caller-identity', '--profile', 'via-rk', '--output', 'json'], env);
        assert.equal(result.code, 0, result.stderr);
        assert.match(assumedRoleArn(result.stdout), new RegExp(`^arn:aws:sts::${MOTO_ACCOUNT_ID}:assumed-role/deploy/`));
        // A second call is served from Rolekeeper's cache: the same session.
        const second = runAws(cli.binary, ['sts', 'get-caller-identity', '--profile', 'via-rk', '--output', 'json'], env);
        assert.equal(assumedRoleArn(second.stdout), assumedRoleArn(result.stdout));
      } finally {
        home.cleanup();
      }
    });
  }
});

describe('rolekeeper credential-process', () => {
  test('concurrent calls for one profile share one AssumeRole call and print the same credentials', async () => {
    const proxy = await startFaultProxy(moto.url);
    const home = newHome(proxy.url);
    try {
      // Slow STS down so the calls really overlap.
      proxy.setFault({ type: 'latency', ms: 400 });
      const results = await Promise.all([1, 2, 3, 4].map(() => runCliAsync(['credential-process', 'project1'], home.env)));
      for (const result of results) assert.equal(result.code, 0, result.stderr);
      const outputs = results.map((result) => JSON.parse(result.stdout));
      assert.equal(proxy.requestsFor('AssumeRole').length, 1);
      assert.equal(new Set(outputs.map((output) => output.AccessKeyId)).size, 1);
      assert.equal(outputs[0].Version, 1);
      assert.ok(Date.parse(outputs[0].Expiration) > Date.now() + 15 * 60_000);
    } finally {
      home.cleanup();
      await proxy.stop();
    }
  });

  test('fails at once, with one clear line on stderr, when the role needs an MFA code', async () => {
    const proxy = await startFaultProxy(moto.url);
    const home = newHome(proxy.url);
    try {
      const result = runCli(['credential-process', 'guarded'], home.env, '123456\n');
      assert.equal(result.code, 1);
      assert.equal(result.stdout, '');
      assert.match(result.stderr, /^rolekeeper credential-process: Profile "guarded" needs a code from MFA device arn:aws:iam::\d+:mfa\/alice — fix: .*rolekeeper refresh guarded/);
      assert.equal(result.stderr.trim().split('\n').length, 1);
      assert.equal(proxy.requestsFor('AssumeRole').length, 0);
      // The AWS CLI shows this line inside its own error: in German under a German locale, still one line.
      const german = runCli(['credential-process', 'guarded'], { ...home.env, LANG: 'de_DE.UTF-8', LC_ALL: '', LC_MESSAGES: '' }, '123456\n');
      assert.equal(german.code, 1);
      assert.match(german.stderr, /^rolekeeper credential-process: .*MFA-Gerät arn:aws:iam::\d+:mfa\/alice.* — Lösung: .*rolekeeper refresh guarded/);
      assert.equal(german.stderr.trim().split('\n').length, 1);
    } finally {
      home.cleanup();
      await proxy.stop();
    }
  });
});

describe('the loopback endpoint served by rolekeeper daemon', () => {
  test('the real AWS CLIs authenticate through it after `export --via-endpoint` is evaluated in bash, although [default] holds keys', { timeout: 90_000 }, async () => {
    const home = newHome(moto.url);
    const port = await freePort();
    await changeStore(home.environment, (data) => {
      data.settings.endpointPort = port;
      data.kept = ['project1'];
    });
    const daemon = await startDaemon(home.env);
    try {

      for (const cli of AWS_CLIS) {
        const env = cliEnv(cli.version, home, moto.url);
        const script = `eval "$('${process.execPath}' '${ROLEKEEPER_BIN}' export project1 --via-endpoint --shell bash)" && echo "profile=$AWS_PROFILE" >&2 && '${cli.binary}' sts get-caller-identity --output json`;
        const result = spawnSync('bash', ['-c', script], { env, encoding: 'utf8', timeout: 60_000 });
        assert.equal(result.status, 0, `${cli.name}: ${result.stderr}`);
        assert.match(result.stderr, /profile=rolekeeper-endpoint/);
        assert.match(assumedRoleArn(result.stdout), new RegExp(`^arn:aws:sts::${MOTO_ACCOUNT_ID}:assumed-role/deploy/`), cli.name);

        // The control: without the exported variables the same CLI is the [default] user.
        const plain = runAws(cli.binary, ['sts', 'get-caller-identity', '--output', 'json'], env);
        assert.equal(plain.code, 0, plain.stderr);
        assert.doesNotMatch(assumedRoleArn(plain.stdout), /assumed-role\/deploy/);
      }
      assert.match(readFileSync(home.configFile, 'utf8'), /\n\[profile rolekeeper-endpoint\]\n/);
    } finally {
      assert.equal(await daemon.stop(), 0, daemon.log());
      home.cleanup();
    }
  });
});

describe('rolekeeper credential-process after the role settings change', () => {
  test('serves a new session of the new role, not the cached session of the old one', () => {
    const home = newHome(moto.url);
    try {
      const first = runCli(['credential-process', 'project1'], home.env);
      assert.equal(first.code, 0, first.stderr);
      const before = JSON.parse(first.stdout) as { AccessKeyId: string };
      const again = runCli(['credential-process', 'project1'], home.env);
      assert.equal(JSON.parse(again.stdout).AccessKeyId, before.AccessKeyId, 'the second call is served from the cache');

      const edited = readFileSync(home.configFile, 'utf8').replace(`role_arn = ${ROLE_ARN}\nsource_profile = base\n\n[profile guarded]`, `role_arn = ${ROLE_ARN}-v2\nsource_profile = base\n\n[profile guarded]`);
      assert.notEqual(edited, readFileSync(home.configFile, 'utf8'));
      writeFileSync(home.configFile, edited);
      const after = runCli(['credential-process', 'project1'], home.env);
      assert.equal(after.code, 0, after.stderr);
      assert.notEqual(JSON.parse(after.stdout).AccessKeyId, before.AccessKeyId);

      // A change to an unrelated profile keeps the cached session.
      writeFileSync(home.configFile, `${edited}\n[profile unrelated]\nregion = eu-west-1\n`);
      const unrelated = runCli(['credential-process', 'project1'], home.env);
      assert.equal(JSON.parse(unrelated.stdout).AccessKeyId, JSON.parse(after.stdout).AccessKeyId);
    } finally {
      home.cleanup();
    }
  });
});
