// `rolekeeper vault` against a real Secret Service (gnome-keyring on a private D-Bus session), with
// the real AWS CLI v1 and v2 and moto_server on loopback.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { makeTempHome, type TempHome } from '../helpers/temp-home';
import { startMoto, MOTO_ACCOUNT_ID, type Moto } from '../helpers/moto';
import { runAws, runCli } from '../helpers/run-cli';
import { AWS_CLIS, awsCliEnv } from '../helpers/aws-cli';
import { readWithBotocore } from '../helpers/botocore';
import { startSecretService, type SecretService } from '../helpers/secret-service';

const KEY_ID = 'AKIAIOSFODNN7EXAMPLE';
const SECRET = 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY';
const ROLE_ARN = `arn:aws:iam::${MOTO_ACCOUNT_ID}:role/deploy`;
const CONFIG = ['[profile user1]', 'region = us-east-1', '', '[profile project1]', `role_arn = ${ROLE_ARN}`, 'source_profile = user1', ''].join('\n');
const CREDENTIALS = `[user1]\naws_access_key_id = ${KEY_ID}\naws_secret_access_key = ${SECRET}\n`;

let moto: Moto;
let keyring: SecretService;
before(async () => {
  moto = await startMoto();
  keyring = await startSecretService();
});
after(async () => {
  await keyring.stop();
  await moto.stop();
});

function newHome(extra: Record<string, string> = {}): TempHome {
  return makeTempHome({ config: CONFIG, credentials: CREDENTIALS, env: { AWS_ENDPOINT_URL_STS: moto.url, AWS_DEFAULT_REGION: 'us-east-1', ...keyring.env, ...extra } });
}

/** Every regular file under `dir` whose bytes contain `needle`. */
function filesContaining(dir: string, needle: string): string[] {
  const found: string[] = [];
  for (const name of readdirSync(dir)) {
    const full = join(dir, name);
    const stat = statSync(full);
    if (stat.isDirectory()) found.push(...filesContaining(full, needle));
    else if (stat.isFile() && readFileSync(full).includes(needle)) found.push(full);
  }
  return found;
}

function botocoreView(home: TempHome) {
  return readWithBotocore([
    { path: home.configFile, kind: 'config' },
    { path: home.credentialsFile, kind: 'credentials' },
  ]);
}

describe('rolekeeper vault with a Secret Service', () => {
  test('vault move leaves no key in any file under HOME (backups included), and the AWS CLIs, refresh and export all work', async () => {
    const home = newHome();
    try {
      const before = botocoreView(home);
      const moved = runCli(['vault', 'move', 'user1'], home.env);
      assert.equal(moved.code, 0, moved.stderr);
      assert.match(moved.stdout, /Moved the keys of user1/);
      assert.doesNotMatch(moved.stdout + moved.stderr, new RegExp(SECRET.replace(/[/+]/g, '\\$&')));
      assert.deepEqual(filesContaining(home.home, SECRET), []);
      assert.deepEqual(filesContaining(home.home, KEY_ID), []);
      // A backup was made (the first edit ever) and kept, without the keys.
      assert.ok(readdirSync(join(home.home, '.aws')).some((name) => name.startsWith('credentials.rolekeeper-backup-')));
      assert.match(readFileSync(home.configFile, 'utf8'), /\[profile user1\]\nregion = us-east-1\ncredential_process = .*rolekeeper\.js credential-process user1\n/);

      const listed = runCli(['vault', 'list', '--json'], home.env);
      assert.deepEqual(JSON.parse(listed.stdout), [{ profile: 'user1', used: true }]);
      const shown = runCli(['list', '--json'], home.env);
      assert.equal(JSON.parse(shown.stdout).find((profile: { name: string }) => profile.name === 'user1').type, 'keychain');

      for (const cli of AWS_CLIS) {
        const env = { ...awsCliEnv({ version: cli.version, base: home.env, stsEndpoint: moto.url }), ...keyring.env };
        const direct = runAws(cli.binary, ['sts', 'get-caller-identity', '--profile', 'user1', '--output', 'json'], env);
        assert.equal(direct.code, 0, `${cli.name}: ${direct.stderr}`);
        const role = runAws(cli.binary, ['sts', 'get-caller-identity', '--profile', 'project1', '--output', 'json'], env);
        assert.equal(role.code, 0, `${cli.name}: ${role.stderr}`);
        assert.match(JSON.parse(role.stdout).Arn, new RegExp(`^arn:aws:sts::${MOTO_ACCOUNT_ID}:assumed-role/deploy/`), cli.name);
      }

      const refreshed = runCli(['refresh', 'project1'], home.env);
      assert.equal(refreshed.code, 0, refreshed.stderr);
      // Neither the refresh nor the AWS CLIs' caches wrote the long-term keys anywhere.
      assert.deepEqual(filesContaining(home.home, SECRET), []);
      assert.deepEqual(filesContaining(home.home, KEY_ID), []);

      const exported = runCli(['vault', 'export', 'user1'], home.env);
      assert.equal(exported.code, 0, exported.stderr);
      assert.deepEqual(botocoreView(home), before);
      assert.deepEqual(JSON.parse(runCli(['vault', 'list', '--json'], home.env).stdout), []);
    } finally {
      home.cleanup();
    }
  });

  test('vault add takes piped keys (never argv), and vault remove forgets them and the credential_process line', () => {
    const home = makeTempHome({ config: '[profile piped]\nregion = eu-west-1\n', env: { ...keyring.env, AWS_ENDPOINT_URL_STS: moto.url } });
    try {
      const bad = runCli(['vault', 'add', 'piped'], home.env, 'not-a-key\nshort\n');
      assert.equal(bad.code, 1);
      assert.match(bad.stderr, /no access key ID/);
      assert.equal(readFileSync(home.configFile, 'utf8'), '[profile piped]\nregion = eu-west-1\n');

      const added = runCli(['vault', 'add', 'piped'], home.env, `${KEY_ID}\n${SECRET}\n`);
      assert.equal(added.code, 0, added.stderr);
      assert.deepEqual(filesContaining(home.home, SECRET), []);
      const out = runCli(['credential-process', 'piped'], home.env);
      assert.equal(out.code, 0, out.stderr);
      assert.deepEqual(JSON.parse(out.stdout), { Version: 1, AccessKeyId: KEY_ID, SecretAccessKey: SECRET });

      const removed = runCli(['vault', 'remove', 'piped'], home.env);
      assert.equal(removed.code, 0, removed.stderr);
      assert.equal(readFileSync(home.configFile, 'utf8'), '[profile piped]\nregion = eu-west-1\n');
      assert.equal(runCli(['vault', 'remove', 'piped'], home.env).stdout.trim(), 'The OS keychain holds no keys for piped');
    } finally {
      home.cleanup();
    }
  });
});

describe('rolekeeper vault without a Secret Service', () => {
  test('every vault command fails with one sentence and exit 1, and nothing is half-moved', () => {
    const home = newHome({ DBUS_SESSION_BUS_ADDRESS: 'unix:path=/nonexistent/rolekeeper-test-bus' });
    try {
      for (const [args, input] of [[['vault', 'move', 'user1']], [['vault', 'list']], [['vault', 'add', 'other'], `${KEY_ID}\n${SECRET}\n`], [['vault', 'export', 'user1']]] as Array<[string[], string?]>) {
        const result = runCli(args, home.env, input);
        assert.equal(result.code, 1, `${args.join(' ')}: ${result.stderr}`);
        const lines = result.stderr.trim().split('\n');
        assert.equal(lines.length, 1, result.stderr);
        assert.match(lines[0], /No OS keychain answered .*nothing was changed/);
        assert.doesNotMatch(result.stderr, /wJalr/);
      }
      assert.equal(readFileSync(home.configFile, 'utf8'), CONFIG);
      assert.equal(readFileSync(home.credentialsFile, 'utf8'), CREDENTIALS);
      assert.equal(existsSync(join(home.home, '.aws')) && readdirSync(join(home.home, '.aws')).some((name) => name.includes('rolekeeper-backup')), false);
    } finally {
      home.cleanup();
    }
  });
});
