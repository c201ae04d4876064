// `rolekeeper manage` / `unmanage`: keys rewritten where they stand, every other byte kept, and the
// real AWS CLI (v1 and v2) working with the written keys, against moto_server on loopback.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { makeTempHome, type TempHome } from '../helpers/temp-home';
import { startMoto, MOTO_ACCOUNT_ID, type Moto } from '../helpers/moto';
import { runAws, runCli, runCliAsync } from '../helpers/run-cli';
import { AWS_CLIS, awsCliEnv, runAwsAsync } from '../helpers/aws-cli';
import { readProcessCache } from '../../src/main/core/caches/process-cache';
import { storeFilePath } from '../../src/main/core/model/aws-environment';

const ROLE_ARN = `arn:aws:iam::${MOTO_ACCOUNT_ID}:role/ops`;
const SOURCE_SECRET = 'srcsecret/srcsecret+srcsecret0000000000';
const STALE = { id: 'ASIAOLDOLDOLDOLD0001', secret: 'old-secret-value', token: 'old-session-token' };

/** A credentials file as people keep them: comments, blank lines, other profiles, CRLF endings. */
const CREDENTIALS_LINES = [
  '# keys for work',
  '[default]',
  'aws_access_key_id = AKIADEFAULT000000001',
  'aws_secret_access_key = default-secret',
  '',
  '; the user roles are assumed from',
  '[src]',
  'aws_access_key_id=AKIAROLEKEEPERSRC001',
  `aws_secret_access_key=${SOURCE_SECRET}`,
  '',
  '',
  '[p]',
  '# stale keys, pasted by hand last week',
  `aws_access_key_id = ${STALE.id}`,
  `aws_secret_access_key = ${STALE.secret}`,
  `aws_session_token = ${STALE.token}`,
  'region = eu-west-1',
  '',
  '[other]',
  'aws_access_key_id = AKIAOTHER00000000001',
  'aws_secret_access_key = other-secret',
  '',
];
const CREDENTIALS = CREDENTIALS_LINES.join('\r\n');
const CONFIG = '# config\n[default]\nregion = us-east-1\noutput = json\n';

let moto: Moto;
before(async () => {
  moto = await startMoto();
});
after(async () => {
  await moto.stop();
});

/** Every file under HOME and its bytes. */
function snapshot(home: TempHome): Map<string, Buffer> {
  const files = new Map<string, Buffer>();
  const walk = (dir: string) => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const full = join(dir, entry.name);
      if (entry.isDirectory()) walk(full);
      else files.set(relative(home.home, full), readFileSync(full));
    }
  };
  walk(home.home);
  return files;
}

function keyValue(lines: string[], key: string): string {
  const line = lines.find((candidate) => candidate.startsWith(`${key} = `));
  assert.ok(line, `no ${key} line`);
  return line.slice(key.length + 3);
}

function managedEnv(home: TempHome): Record<string, string> {
  return { ...home.env, AWS_ENDPOINT_URL: moto.url };
}

function manage(home: TempHome, name: string, ...extra: string[]) {
  return runCli(['manage', name, '--role-arn', ROLE_ARN, '--source-profile', 'src', ...extra], managedEnv(home));
}

/** The real CLIs' answer for a profile, every call sent to moto. */
function callerIdentity(home: TempHome, version: 1 | 2, profile: string): { Arn: string; UserId: string } {
  const env = awsCliEnv({ version, base: home.env, stsEndpoint: moto.url });
  const result = runAws(version === 1 ? 'aws' : '/usr/bin/aws', ['sts', 'get-caller-identity', '--profile', profile, '--output', 'json', '--endpoint-url', moto.url], env);
  assert.equal(result.code, 0, result.stderr);
  return JSON.parse(result.stdout) as { Arn: string; UserId: string };
}

describe('rolekeeper manage on a credentials file with CRLF endings, comments and other profiles', () => {
  test('rewrites only the three key lines of the profile and adds its expiry; the real CLIs accept the new keys', () => {
    const home = makeTempHome({ credentials: CREDENTIALS, config: CONFIG });
    try {
      const result = manage(home, 'p');
      assert.equal(result.code, 0, result.stderr);
      assert.match(result.stdout, /^p: managed; keys refreshed, valid until /);

      const written = readFileSync(home.credentialsFile, 'utf8');
      assert.ok(!written.replace(/\r\n/g, '').includes('\n'), 'every line must still end in CRLF');
      const lines = written.split('\r\n');
      assert.notEqual(keyValue(lines.slice(12), 'aws_access_key_id'), STALE.id);
      const section = lines.slice(lines.indexOf('[p]'));
      const fresh = {
        id: keyValue(section, 'aws_access_key_id'),
        secret: keyValue(section, 'aws_secret_access_key'),
        token: keyValue(section, 'aws_session_token'),
        expires: keyValue(section, 'x_security_token_expires'),
      };
      assert.match(fresh.id, /^ASIA/);
      assert.match(fresh.expires, /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z$/);
      // The byte diff: exactly the old file with the key values swapped and one expiry line added.
      const expected = CREDENTIALS_LINES.map((line) =>
        line
          .replace(`= ${STALE.id}`, `= ${fresh.id}`)
          .replace(`= ${STALE.secret}`, `= ${fresh.secret}`)
          .replace(`= ${STALE.token}`, `= ${fresh.token}`),
      );
      expected.splice(expected.indexOf('region = eu-west-1') + 1, 0, `x_security_token_expires = ${fresh.expires}`);
      assert.equal(written, expected.join('\r\n'));
      assert.equal(readFileSync(home.configFile, 'utf8'), CONFIG);

      // A backup of the file as it was, 0600, beside it.
      const backups = readdirSync(join(home.home, '.aws')).filter((name) => name.startsWith('credentials.rolekeeper-backup-'));
      assert.equal(backups.length, 1);
      const backup = join(home.home, '.aws', backups[0]);
      assert.equal(readFileSync(backup, 'utf8'), CREDENTIALS);
      assert.equal(statSync(backup).mode & 0o777, 0o600);
      assert.ok(!result.stdout.includes(fresh.secret) && !result.stdout.includes(fresh.token) && !result.stdout.includes(SOURCE_SECRET));

      for (const cli of AWS_CLIS) {
        const identity = callerIdentity(home, cli.version, 'p');
        assert.match(identity.Arn, new RegExp(`^arn:aws:sts::${MOTO_ACCOUNT_ID}:assumed-role/ops/rolekeeper-`), cli.name);
      }

      // The next refresh (of everything) rewrites the same lines again, and makes no second backup.
      const again = runCli(['refresh', '--all'], managedEnv(home));
      assert.equal(again.code, 0, again.stderr);
      const rewritten = readFileSync(home.credentialsFile, 'utf8').split('\r\n');
      assert.equal(rewritten.length, expected.length);
      rewritten.forEach((line, index) => {
        if (!/^(aws_access_key_id|aws_secret_access_key|aws_session_token|x_security_token_expires) = /.test(line) || index < 12) {
          assert.equal(line, expected[index], `line ${index + 1}`);
        }
      });
      assert.notEqual(keyValue(rewritten.slice(12), 'aws_access_key_id'), fresh.id);
      assert.equal(readdirSync(join(home.home, '.aws')).filter((name) => name.includes('rolekeeper-backup')).length, 1);
    } finally {
      home.cleanup();
    }
  });

  test('--dry-run prints the diff with secrets masked and writes nothing anywhere', () => {
    const home = makeTempHome({ credentials: CREDENTIALS, config: CONFIG });
    try {
      const before = snapshot(home);
      const result = manage(home, 'p', '--dry-run');
      assert.equal(result.code, 0, result.stderr);
      assert.match(result.stdout, /^p: would be managed \(arn:aws:iam::123456789012:role\/ops from src\); first refresh would change:\n/);
      assert.match(result.stdout, new RegExp(`^-aws_access_key_id = ${STALE.id}$`, 'm'));
      assert.match(result.stdout, /^-aws_secret_access_key = \*\*\*\*$/m);
      assert.match(result.stdout, /^\+aws_session_token = \*\*\*\*$/m);
      assert.match(result.stdout, /^\+x_security_token_expires = /m);
      assert.doesNotMatch(result.stdout, /^[-+](# |\[|region)/m, 'only key lines may change');
      for (const secret of [STALE.secret, STALE.token, SOURCE_SECRET]) assert.ok(!result.stdout.includes(secret));
      assert.deepEqual(snapshot(home), before);
      assert.equal(existsSync(storeFilePath(home.environment)), false);
    } finally {
      home.cleanup();
    }
  });

  test('after unmanage, and for profiles nobody marked, no refresh writes a byte', () => {
    const home = makeTempHome({ credentials: CREDENTIALS, config: CONFIG });
    try {
      assert.equal(manage(home, 'p').code, 0);
      const unmanaged = runCli(['unmanage', 'p'], managedEnv(home));
      assert.equal(unmanaged.code, 0, unmanaged.stderr);
      assert.equal(unmanaged.stdout, 'p: no longer managed; its keys in the file were left as they are\n');
      const before = snapshot(home);

      const refreshP = runCli(['refresh', 'p'], managedEnv(home));
      assert.equal(refreshP.code, 1);
      assert.match(refreshP.stderr, /^rolekeeper: p: Profile "p" is of type session: there is no role to assume for it\n {2}fix: /);
      for (const name of ['other', 'default', 'src']) {
        const refused = runCli(['refresh', name], managedEnv(home));
        assert.equal(refused.code, 1, name);
        assert.match(refused.stderr, new RegExp(`^rolekeeper: ${name}: Profile "${name}" is of type static`));
      }
      const all = runCli(['refresh', '--all'], managedEnv(home));
      assert.equal(all.code, 0, all.stderr);
      assert.equal(all.stdout, '');
      assert.deepEqual(snapshot(home), before);
    } finally {
      home.cleanup();
    }
  });

  test('two refreshes of two managed profiles in one file at the same time lose neither edit', async () => {
    const credentials = `${CREDENTIALS}[q]\r\naws_access_key_id = ASIAQQQQQQQQQQQQ0001\r\naws_secret_access_key = q-secret\r\n`;
    const home = makeTempHome({ credentials, config: CONFIG });
    try {
      assert.equal(manage(home, 'p').code, 0);
      assert.equal(manage(home, 'q').code, 0);
      for (let round = 0; round < 3; round++) {
        const results = await Promise.all(['p', 'q'].map((name) => runCliAsync(['refresh', name], managedEnv(home))));
        for (const result of results) assert.equal(result.code, 0, result.stderr);
      }
      const lines = readFileSync(home.credentialsFile, 'utf8').split('\r\n');
      for (const name of ['p', 'q']) {
        const section = lines.slice(lines.indexOf(`[${name}]`));
        // Rolekeeper's own cache holds what the last refresh of each profile got.
        assert.equal(keyValue(section, 'aws_access_key_id'), readProcessCache(home.environment, name)?.output.AccessKeyId, name);
      }
      assert.deepEqual(lines.slice(0, 11), CREDENTIALS_LINES.slice(0, 11));
    } finally {
      home.cleanup();
    }
  });

  test('a refresh running beside the real `aws configure set` on the same file keeps both edits', async () => {
    const home = makeTempHome({ credentials: CREDENTIALS, config: CONFIG });
    try {
      assert.equal(manage(home, 'p').code, 0);
      for (let round = 1; round <= 2; round++) {
        const [refreshed, configured] = await Promise.all([
          runCliAsync(['refresh', 'p'], managedEnv(home)),
          runAwsAsync('aws', ['configure', 'set', 'aws_secret_access_key', `other-secret-${round}`, '--profile', 'other'], home.env),
        ]);
        assert.equal(refreshed.code, 0, refreshed.stderr);
        assert.equal(configured.code, 0, configured.stderr);
        const lines = readFileSync(home.credentialsFile, 'utf8').split(/\r?\n/);
        const other = lines.slice(lines.indexOf('[other]'));
        assert.equal(keyValue(other, 'aws_secret_access_key'), `other-secret-${round}`, `round ${round}: the aws configure edit was lost`);
        const p = lines.slice(lines.indexOf('[p]'));
        assert.equal(keyValue(p, 'aws_access_key_id'), readProcessCache(home.environment, 'p')?.output.AccessKeyId, `round ${round}: the refresh was lost`);
      }
    } finally {
      home.cleanup();
    }
  });

  test('a role assumed from a managed profile whose keys expired says to refresh that profile first', () => {
    const config = `${CONFIG}\n[profile r]\nrole_arn = arn:aws:iam::${MOTO_ACCOUNT_ID}:role/next\nsource_profile = p\n`;
    const home = makeTempHome({ credentials: CREDENTIALS, config });
    try {
      assert.equal(manage(home, 'p').code, 0);
      const text = readFileSync(home.credentialsFile, 'utf8');
      home.write('.aws/credentials', text.replace(/x_security_token_expires = \S+/, 'x_security_token_expires = 2020-01-01T00:00:00Z'));
      const stale = runCli(['refresh', 'r'], managedEnv(home));
      assert.equal(stale.code, 1);
      assert.match(stale.stderr, /^rolekeeper: r: The session keys of profile "p" expired at 2020-01-01T00:00:00\.000Z \(.*credentials:\d+\)\n {2}fix: Rolekeeper manages "p": refresh it first with `rolekeeper refresh p`/);
      assert.equal(runCli(['refresh', 'p'], managedEnv(home)).code, 0);
      const fresh = runCli(['refresh', 'r'], managedEnv(home));
      assert.equal(fresh.code, 0, fresh.stderr);
    } finally {
      home.cleanup();
    }
  });

  test('keys that stand in the config file are rewritten there, and the credentials file is left alone', () => {
    const config = [
      '[default]',
      'region = us-east-1',
      '',
      '[profile cfg]',
      'region = us-east-1',
      `aws_access_key_id = ${STALE.id}`,
      `aws_secret_access_key = ${STALE.secret}`,
      '# trailing comment',
      '',
    ].join('\n');
    const credentials = `[src]\naws_access_key_id = AKIAROLEKEEPERSRC001\naws_secret_access_key = ${SOURCE_SECRET}\n`;
    const home = makeTempHome({ credentials, config });
    try {
      const result = manage(home, 'cfg');
      assert.equal(result.code, 0, result.stderr);
      assert.match(result.stdout, new RegExp(`managed-keys: ${home.configFile.replace(/[.]/g, '\\.')}\n`));
      assert.equal(readFileSync(home.credentialsFile, 'utf8'), credentials);
      const lines = readFileSync(home.configFile, 'utf8').split('\n');
      const fresh = { id: keyValue(lines, 'aws_access_key_id'), secret: keyValue(lines, 'aws_secret_access_key') };
      assert.match(fresh.id, /^ASIA/);
      // A session token the profile did not have is added with the expiry, after its last setting.
      assert.deepEqual(lines, [
        '[default]',
        'region = us-east-1',
        '',
        '[profile cfg]',
        'region = us-east-1',
        `aws_access_key_id = ${fresh.id}`,
        `aws_secret_access_key = ${fresh.secret}`,
        `aws_session_token = ${keyValue(lines, 'aws_session_token')}`,
        `x_security_token_expires = ${keyValue(lines, 'x_security_token_expires')}`,
        '# trailing comment',
        '',
      ]);
      const identity = callerIdentity(home, 1, 'cfg');
      assert.match(identity.Arn, /:assumed-role\/ops\/rolekeeper-/);
    } finally {
      home.cleanup();
    }
  });
});
