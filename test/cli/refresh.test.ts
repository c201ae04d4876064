// `rolekeeper refresh` against real parts on loopback: moto_server as STS, a recording proxy in
// front of it, and the real AWS CLI v1 and v2 reading what Rolekeeper wrote.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, writeFileSync, mkdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { makeTempHome, type TempHome } from '../helpers/temp-home';
import { freePort, MOTO_ACCOUNT_ID } from '../helpers/moto';
import { ROLEKEEPER_BIN, runCliAsync } from '../helpers/run-cli';
import { motoBehindProxy } from '../helpers/fault-proxy';
import { AWS_CLIS, awsCliEnv, runAwsAsync } from '../helpers/aws-cli';
import { awsPaths, storeFilePath } from '../../src/main/core/model/aws-environment';

// Not moto's AKIAIOSFODNN7EXAMPLE: moto hands that very id out as every GetSessionToken key.
const SOURCE_KEY = 'AKIAROLEKEEPERSRC001';
const SOURCE_SECRET = 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY';
const MFA_SERIAL = `arn:aws:iam::${MOTO_ACCOUNT_ID}:mfa/alice`;
const roleArn = (name: string) => `arn:aws:iam::${MOTO_ACCOUNT_ID}:role/${name}`;

const SOURCE = `[profile src]\naws_access_key_id = ${SOURCE_KEY}\naws_secret_access_key = ${SOURCE_SECRET}\nregion = us-east-1\n`;

function roleProfile(name: string, settings: Record<string, string | number>): string {
  const lines = Object.entries(settings).map(([key, value]) => `${key} = ${value}`);
  return `\n[profile ${name}]\n${lines.join('\n')}\n`;
}

interface CacheEntryFile {
  Credentials: { AccessKeyId: string; SecretAccessKey: string; SessionToken: string; Expiration: string };
  AssumedRoleUser: { Arn: string };
}

function cacheEntries(home: TempHome): CacheEntryFile[] {
  const dir = awsPaths(home.environment).cliCacheDir;
  return readdirSync(dir).map((name) => JSON.parse(readFileSync(join(dir, name), 'utf8')) as CacheEntryFile);
}

function writeStore(home: TempHome, settings: Record<string, unknown>): void {
  const file = storeFilePath(home.environment);
  mkdirSync(dirname(file), { recursive: true });
  writeFileSync(file, JSON.stringify({ version: 1, managed: {}, kept: [], sinks: {}, settings }), { mode: 0o600 });
}

/** The access key id an AWS SigV4 request was signed with. */
function signingKeyId(authorization: string | string[] | undefined): string | undefined {
  return /Credential=([^/]+)\//.exec(String(authorization ?? ''))?.[1];
}

function assertNoSecrets(texts: string[], secrets: string[]): void {
  for (const text of texts) {
    for (const secret of secrets) assert.ok(!text.includes(secret), 'a secret value appeared in the output');
  }
}

/**
 * Runs rolekeeper on a pseudo-terminal (Python's pty module) and types `keys` once it asks for an
 * MFA code; resolves with the exit code and everything the terminal showed.
 */
function runInTerminal(args: string[], env: Record<string, string>, keys: string): Promise<{ code: number; output: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn('python3', ['-c', 'import pty, sys; sys.exit(pty.spawn(sys.argv[1:]) >> 8)', process.execPath, ROLEKEEPER_BIN, ...args], { env, timeout: 60_000 });
    let output = '';
    let typed = false;
    const collect = (chunk: Buffer) => {
      output += chunk.toString('utf8');
      if (!typed && output.includes('Enter MFA code')) {
        typed = true;
        child.stdin.write(keys);
      }
    };
    child.stdout.on('data', collect);
    child.stderr.on('data', collect);
    child.on('error', reject);
    child.on('close', (code) => resolve({ code: code ?? -1, output }));
  });
}

const rig = motoBehindProxy();

for (const cli of AWS_CLIS) {
  describe(`the closed-port proof with the real ${cli.name}`, () => {
    test('after rolekeeper refresh, the CLI assumes no role: its STS endpoint is a closed port and get-caller-identity still answers as the assumed role', async () => {
      const config = SOURCE + roleProfile('x', { role_arn: roleArn('deploy'), source_profile: 'src' });
      const home = makeTempHome({ config });
      const control = makeTempHome({ config });
      try {
        const refreshed = await runCliAsync(['refresh', 'x'], { ...home.env, AWS_ENDPOINT_URL: rig.moto.url });
        assert.equal(refreshed.code, 0, refreshed.stderr);
        assert.match(refreshed.stdout, /^x: refreshed, valid until /);
        const [entry] = cacheEntries(home);
        assert.ok(entry, 'Rolekeeper wrote no AWS CLI cache entry');

        // Every STS client of the CLI (the assume-role provider's included) goes to a closed port;
        // only the command's own call is sent to moto, through a proxy that records its signature.
        const closed = `http://127.0.0.1:${await freePort()}`;
        const seenBefore = rig.proxy.requests.length;
        const command = ['sts', 'get-caller-identity', '--profile', 'x', '--output', 'json', '--endpoint-url', rig.proxy.url];
        const hit = await runAwsAsync(cli.binary, command, awsCliEnv({ version: cli.version, base: home.env, stsEndpoint: closed }));
        assert.equal(hit.code, 0, hit.stderr);
        const identity = JSON.parse(hit.stdout) as { Arn: string; Account: string };
        assert.equal(identity.Arn, entry.AssumedRoleUser.Arn);
        assert.match(identity.Arn, new RegExp(`^arn:aws:sts::${MOTO_ACCOUNT_ID}:assumed-role/deploy/rolekeeper-`));
        const sent = rig.proxy.requests.slice(seenBefore);
        assert.deepEqual(sent.map((request) => request.form.Action), ['GetCallerIdentity']);
        assert.equal(signingKeyId(sent[0].headers.authorization), entry.Credentials.AccessKeyId);
        assert.deepEqual(cacheEntries(home), [entry], 'the CLI must not have replaced the entry');

        // The control: without Rolekeeper's entry the same command must assume the role, and fails on the closed port.
        const miss = await runAwsAsync(cli.binary, command, awsCliEnv({ version: cli.version, base: control.env, stsEndpoint: closed }));
        assert.notEqual(miss.code, 0);
        assert.match(miss.stderr, new RegExp(`Could not connect to the endpoint URL: "${closed}/?"`));
      } finally {
        home.cleanup();
        control.cleanup();
      }
    });

    test('the CLI also finds the entries of a role that needs MFA and of a role assumed from another role', async () => {
      const config =
        SOURCE +
        roleProfile('a', { role_arn: roleArn('a'), source_profile: 'src' }) +
        roleProfile('b', { role_arn: roleArn('b'), source_profile: 'a', role_session_name: 'chained' }) +
        roleProfile('m', { role_arn: roleArn('m'), source_profile: 'src', mfa_serial: MFA_SERIAL, duration_seconds: 1800 });
      const home = makeTempHome({ config });
      try {
        const refreshed = await runCliAsync(['refresh', 'b', 'm', '--mfa-code', '123456'], { ...home.env, AWS_ENDPOINT_URL: rig.moto.url });
        assert.equal(refreshed.code, 0, refreshed.stderr);
        const closed = `http://127.0.0.1:${await freePort()}`;
        const env = awsCliEnv({ version: cli.version, base: home.env, stsEndpoint: closed });
        const arns = cacheEntries(home).map((entry) => entry.AssumedRoleUser.Arn);
        for (const [profile, role] of [['b', 'b'], ['m', 'm']]) {
          // A miss would need STS (closed) and, for m, an MFA code from stdin (closed too).
          const hit = await runAwsAsync(cli.binary, ['sts', 'get-caller-identity', '--profile', profile, '--output', 'json', '--endpoint-url', rig.moto.url], env);
          assert.equal(hit.code, 0, `${profile}: ${hit.stderr}`);
          const arn = (JSON.parse(hit.stdout) as { Arn: string }).Arn;
          assert.match(arn, new RegExp(`:assumed-role/${role}/`));
          assert.ok(arns.includes(arn), `${arn} is not the session Rolekeeper cached`);
        }
      } finally {
        home.cleanup();
      }
    });
  });
}

describe('rolekeeper refresh with role chains, external ids and MFA', () => {
  test('a role assumed from another role is capped at 1 hour, and the refresh says so', async () => {
    const config =
      SOURCE +
      roleProfile('a', { role_arn: roleArn('a'), source_profile: 'src' }) +
      roleProfile('b', { role_arn: roleArn('b'), source_profile: 'a', duration_seconds: 7200 });
    const home = makeTempHome({ config });
    try {
      const seenBefore = rig.proxy.requests.length;
      const result = await runCliAsync(['refresh', 'b'], { ...home.env, AWS_ENDPOINT_URL: rig.proxy.url });
      assert.equal(result.code, 0, result.stderr);
      assert.match(result.stdout, /note: Role chaining caps sessions at 1 hour: asked for 7200 s, using 3600 s\./);
      const calls = rig.proxy.requests.slice(seenBefore).filter((request) => request.form.Action === 'AssumeRole');
      assert.deepEqual(calls.map((request) => request.form.RoleArn), [roleArn('a'), roleArn('b')]);
      assert.equal(signingKeyId(calls[0].headers.authorization), SOURCE_KEY);
      assert.notEqual(signingKeyId(calls[1].headers.authorization), SOURCE_KEY, 'b must be assumed with the credentials of a');
      assert.equal(calls[1].form.DurationSeconds, '3600');
      const [entry] = cacheEntries(home);
      const left = Date.parse(entry.Credentials.Expiration) - Date.now();
      assert.ok(left <= 3600_000 && left > 3500_000, `expected about 1 hour, got ${left} ms`);
    } finally {
      home.cleanup();
    }
  });

  test('external_id and role_session_name from the profile are sent with AssumeRole', async () => {
    const config = SOURCE + roleProfile('ext', { role_arn: roleArn('partner'), source_profile: 'src', external_id: 'ext-4711', role_session_name: 'alice' });
    const home = makeTempHome({ config });
    try {
      const seenBefore = rig.proxy.requests.length;
      const result = await runCliAsync(['refresh', 'ext'], { ...home.env, AWS_ENDPOINT_URL: rig.proxy.url });
      assert.equal(result.code, 0, result.stderr);
      const [call] = rig.proxy.requests.slice(seenBefore).filter((request) => request.form.Action === 'AssumeRole');
      assert.equal(call.form.ExternalId, 'ext-4711');
      assert.equal(call.form.RoleSessionName, 'alice');
      assert.equal(cacheEntries(home)[0].AssumedRoleUser.Arn, `arn:aws:sts::${MOTO_ACCOUNT_ID}:assumed-role/partner/alice`);
    } finally {
      home.cleanup();
    }
  });

  test('credential_source = Environment assumes the role with the keys in the environment, and names the profile when they are missing', async () => {
    const config = roleProfile('envrole', { role_arn: roleArn('ci'), credential_source: 'Environment' });
    const home = makeTempHome({ config });
    try {
      const seenBefore = rig.proxy.requests.length;
      const withKeys = { ...home.env, AWS_ENDPOINT_URL: rig.proxy.url, AWS_ACCESS_KEY_ID: 'AKIAROLEKEEPERENV001', AWS_SECRET_ACCESS_KEY: SOURCE_SECRET };
      const result = await runCliAsync(['refresh', 'envrole'], withKeys);
      assert.equal(result.code, 0, result.stderr);
      const [call] = rig.proxy.requests.slice(seenBefore).filter((request) => request.form.Action === 'AssumeRole');
      assert.equal(signingKeyId(call.headers.authorization), 'AKIAROLEKEEPERENV001');
      assert.equal(call.form.RoleArn, roleArn('ci'));

      const without = await runCliAsync(['refresh', 'envrole'], { ...home.env, AWS_ENDPOINT_URL: rig.proxy.url });
      assert.equal(without.code, 1);
      assert.match(without.stderr, /^rolekeeper: envrole: Profile "envrole" takes its source credentials from the environment .* AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY are not both set\n {2}fix: /);
    } finally {
      home.cleanup();
    }
  });

  test('a missing source profile is named with the profile that refers to it, before any STS call', async () => {
    const home = makeTempHome({ config: roleProfile('lost', { role_arn: roleArn('x'), source_profile: 'nowhere' }) });
    try {
      const seenBefore = rig.proxy.requests.length;
      const result = await runCliAsync(['refresh', 'lost'], { ...home.env, AWS_ENDPOINT_URL: rig.proxy.url });
      assert.equal(result.code, 1);
      assert.match(result.stderr, /^rolekeeper: lost: .*"nowhere".*\n {2}fix: /);
      assert.equal(rig.proxy.requests.length, seenBefore);
    } finally {
      home.cleanup();
    }
  });

  test('--mfa-code is sent as the TokenCode of the role MFA device, and never printed', async () => {
    const config = SOURCE + roleProfile('mfa', { role_arn: roleArn('admin'), source_profile: 'src', mfa_serial: MFA_SERIAL });
    const home = makeTempHome({ config });
    try {
      const seenBefore = rig.proxy.requests.length;
      const result = await runCliAsync(['refresh', 'mfa', '--mfa-code', '123456'], { ...home.env, AWS_ENDPOINT_URL: rig.proxy.url });
      assert.equal(result.code, 0, result.stderr);
      const [call] = rig.proxy.requests.slice(seenBefore).filter((request) => request.form.Action === 'AssumeRole');
      assert.equal(call.form.SerialNumber, MFA_SERIAL);
      assert.equal(call.form.TokenCode, '123456');
      assertNoSecrets([result.stdout, result.stderr], ['123456', SOURCE_SECRET]);
    } finally {
      home.cleanup();
    }
  });

  test('a role that needs MFA fails at once without a terminal or a code, naming the profile and the fix', async () => {
    const config = SOURCE + roleProfile('mfa', { role_arn: roleArn('admin'), source_profile: 'src', mfa_serial: MFA_SERIAL });
    const home = makeTempHome({ config });
    try {
      const seenBefore = rig.proxy.requests.length;
      const result = await runCliAsync(['refresh', 'mfa'], { ...home.env, AWS_ENDPOINT_URL: rig.proxy.url });
      assert.equal(result.code, 1);
      assert.equal(
        result.stderr,
        `rolekeeper: mfa: Profile "mfa" needs a code from MFA device ${MFA_SERIAL}\n` +
          '  fix: Run `rolekeeper refresh mfa` in a terminal, or pass --mfa-code with the device\'s current 6-digit code\n',
      );
      assert.equal(rig.proxy.requests.length, seenBefore, 'no STS call may be made without a code');
    } finally {
      home.cleanup();
    }
  });

  test('on a terminal it asks for the MFA code without echoing it, and a closed prompt fails instead of hanging', async () => {
    const config = SOURCE + roleProfile('mfa', { role_arn: roleArn('admin'), source_profile: 'src', mfa_serial: MFA_SERIAL });
    const home = makeTempHome({ config });
    try {
      const env = { ...home.env, AWS_ENDPOINT_URL: rig.proxy.url };
      const seenBefore = rig.proxy.requests.length;
      const typed = await runInTerminal(['refresh', 'mfa'], env, '246810\r');
      assert.equal(typed.code, 0, typed.output);
      assert.match(typed.output, new RegExp(`Enter MFA code for ${MFA_SERIAL} \\(profile mfa\\): `));
      assert.match(typed.output, /mfa: refreshed, valid until /);
      assert.ok(!typed.output.includes('246810'), 'the MFA code was echoed');
      const [call] = rig.proxy.requests.slice(seenBefore).filter((request) => request.form.Action === 'AssumeRole');
      assert.equal(call.form.TokenCode, '246810');

      const closed = await runInTerminal(['refresh', 'mfa'], env, '\x04');
      assert.equal(closed.code, 1);
      assert.match(closed.output, /rolekeeper: mfa: no MFA code given/);
      assert.equal(rig.proxy.requests.slice(seenBefore).filter((request) => request.form.Action === 'AssumeRole').length, 1);
    } finally {
      home.cleanup();
    }
  });

  test('with the MFA session setting, one code buys one GetSessionToken, and roles from the same user are assumed from it', async () => {
    const config =
      SOURCE +
      roleProfile('dev', { role_arn: roleArn('dev'), source_profile: 'src', mfa_serial: MFA_SERIAL }) +
      roleProfile('prod', { role_arn: roleArn('prod'), source_profile: 'src', mfa_serial: MFA_SERIAL });
    const home = makeTempHome({ config });
    try {
      writeStore(home, { useMfaSession: true, mfaSessionSeconds: 8 * 3600 });
      const env = { ...home.env, AWS_ENDPOINT_URL: rig.proxy.url };
      const seenBefore = rig.proxy.requests.length;
      const first = await runCliAsync(['refresh', 'dev', '--mfa-code', '654321'], env);
      assert.equal(first.code, 0, first.stderr);
      // A later run, without a code: the session from the first one is reused.
      const second = await runCliAsync(['refresh', 'prod'], env);
      assert.equal(second.code, 0, second.stderr);
      const calls = rig.proxy.requests.slice(seenBefore);
      assert.deepEqual(
        calls.map((request) => request.form.Action),
        ['GetSessionToken', 'AssumeRole', 'AssumeRole'],
      );
      assert.equal(calls[0].form.TokenCode, '654321');
      assert.equal(calls[0].form.SerialNumber, MFA_SERIAL);
      assert.equal(calls[0].form.DurationSeconds, String(8 * 3600));
      assert.equal(signingKeyId(calls[0].headers.authorization), SOURCE_KEY);
      assert.equal(calls[0].headers['x-amz-security-token'], undefined);
      for (const call of calls.slice(1)) {
        assert.equal(call.form.TokenCode, undefined);
        assert.ok(call.headers['x-amz-security-token'], 'roles must be assumed with the session token of the MFA session');
        assert.notEqual(signingKeyId(call.headers.authorization), SOURCE_KEY, 'roles must be assumed with the MFA session');
      }
      assert.deepEqual(calls.slice(1).map((call) => call.form.RoleArn), [roleArn('dev'), roleArn('prod')]);
      assertNoSecrets([first.stdout, first.stderr, second.stdout, second.stderr], ['654321', SOURCE_SECRET]);
    } finally {
      home.cleanup();
    }
  });
});

describe('rolekeeper refresh --dry-run and --json', () => {
  test('--dry-run calls no STS and writes nothing', async () => {
    const home = makeTempHome({ config: SOURCE + roleProfile('x', { role_arn: roleArn('deploy'), source_profile: 'src' }) });
    try {
      const seenBefore = rig.proxy.requests.length;
      const result = await runCliAsync(['refresh', 'x', '--dry-run'], { ...home.env, AWS_ENDPOINT_URL: rig.proxy.url });
      assert.equal(result.code, 0, result.stderr);
      assert.match(result.stdout, new RegExp(`^x: would write ${home.home}/\\.aws/cli/cache/[0-9a-f]{40}\\.json\n$`));
      assert.equal(rig.proxy.requests.length, seenBefore);
      assert.deepEqual(readdirSync(home.home), ['.aws']);
      assert.deepEqual(readdirSync(join(home.home, '.aws')), ['config']);
      // The entry it named is the one a real refresh writes.
      assert.equal((await runCliAsync(['refresh', 'x'], { ...home.env, AWS_ENDPOINT_URL: rig.proxy.url })).code, 0);
      const named = result.stdout.slice('x: would write '.length).trim();
      assert.deepEqual(readdirSync(awsPaths(home.environment).cliCacheDir), [named.split('/').pop()]);
    } finally {
      home.cleanup();
    }
  });

  test('--json reports each profile with its expiry or its error, and no secret', async () => {
    const config = SOURCE + roleProfile('x', { role_arn: roleArn('deploy'), source_profile: 'src' }) + roleProfile('m', { role_arn: roleArn('m'), source_profile: 'src', mfa_serial: MFA_SERIAL });
    const home = makeTempHome({ config });
    try {
      const result = await runCliAsync(['refresh', 'x', 'm', '--json'], { ...home.env, AWS_ENDPOINT_URL: rig.proxy.url });
      assert.equal(result.code, 1);
      const reports = JSON.parse(result.stdout) as Array<{ profile: string; refreshed: boolean; expiresAt: string | null; error: string | null }>;
      assert.deepEqual(reports.map((report) => [report.profile, report.refreshed, report.error === null]), [['x', true, true], ['m', false, false]]);
      assert.ok(Date.parse(reports[0].expiresAt ?? '') > Date.now());
      const [entry] = cacheEntries(home);
      assertNoSecrets([result.stdout, result.stderr], [SOURCE_SECRET, entry.Credentials.SecretAccessKey, entry.Credentials.SessionToken]);
    } finally {
      home.cleanup();
    }
  });
});

describe('rolekeeper refresh --min-valid', () => {
  test('refreshes only when less than the asked validity remains', async () => {
    const home = makeTempHome({ config: SOURCE + roleProfile('x', { role_arn: roleArn('deploy'), source_profile: 'src' }) });
    try {
      const env = { ...home.env, AWS_ENDPOINT_URL: rig.proxy.url };
      const seenBefore = rig.proxy.requests.length;
      const first = await runCliAsync(['refresh', 'x', '--min-valid', '45m'], env);
      assert.equal(first.code, 0, first.stderr);
      assert.match(first.stdout, /^x: refreshed, valid until /);
      const second = await runCliAsync(['refresh', 'x', '--min-valid', '45m'], env);
      assert.equal(second.code, 0, second.stderr);
      assert.match(second.stdout, /^x: still valid until .*; not refreshed\n$/);
      assert.equal(rig.proxy.requests.slice(seenBefore).filter((request) => request.form.Action === 'AssumeRole').length, 1);
      const third = await runCliAsync(['refresh', 'x', '--min-valid', '70m'], env);
      assert.equal(third.code, 1);
      assert.equal(rig.proxy.requests.slice(seenBefore).filter((request) => request.form.Action === 'AssumeRole').length, 2);
    } finally {
      home.cleanup();
    }
  });

  test('fails clearly when the role session cannot last as long as asked', async () => {
    const home = makeTempHome({ config: SOURCE + roleProfile('short', { role_arn: roleArn('deploy'), source_profile: 'src', duration_seconds: 900 }) });
    try {
      const result = await runCliAsync(['refresh', 'short', '--min-valid', '20m'], { ...home.env, AWS_ENDPOINT_URL: rig.moto.url });
      assert.equal(result.code, 1);
      const lines = result.stderr.trimEnd().split('\n');
      assert.equal(lines.length, 2, result.stderr);
      assert.match(lines[0], /^rolekeeper: short: Profile "short" was refreshed, but its sessions last only 1[45]m \d+s, less than the 20m( 00s)? asked for$/);
      assert.match(lines[1], /^ {2}fix: Raise duration_seconds of "short"/);
      assert.equal(result.stdout, '');
    } finally {
      home.cleanup();
    }
  });
});

describe('rolekeeper refresh prints fixes that are safe to paste', () => {
  /** Runs a printed fix in bash with echo standing in for aws/rolekeeper, in an empty folder. */
  function pasteIntoBash(line: string, cwd: string): string[] {
    const stubs = `aws() { printf '%s\\0' "$@"; }\nrolekeeper() { printf '%s\\0' "$@"; }`;
    const result = spawnSync('bash', ['-c', `${stubs}\n${line}`], { cwd, encoding: 'utf8' });
    assert.equal(result.status, 0, result.stderr);
    return result.stdout.split('\0').slice(0, -1);
  }

  test('a profile named $(touch PWNED) or with a quote comes back from the MFA and sso fixes as one literal argument', async () => {
    for (const name of ['$(touch PWNED)', "it's"]) {
      const config =
        `${SOURCE}\n[profile "${name}"]\nrole_arn = ${roleArn('admin')}\nsource_profile = src\nmfa_serial = ${MFA_SERIAL}\n` +
        `\n[profile "sso ${name}"]\nsso_start_url = https://corp.awsapps.com/start\nsso_region = us-east-1\nsso_account_id = 111122223333\nsso_role_name = Dev\n` +
        `\n[profile viasso]\nrole_arn = ${roleArn('admin')}\nsource_profile = sso ${name}\n`;
      const home = makeTempHome({ config });
      try {
        // A closed loopback port: no request may leave, and none is needed before these failures.
        const env = { ...home.env, AWS_ENDPOINT_URL: 'http://127.0.0.1:9' };
        const mfa = await runCliAsync(['refresh', name], env);
        assert.equal(mfa.code, 1);
        const mfaFix = /\n {2}fix: Run `(.*)` in a terminal/.exec(mfa.stderr)?.[1];
        assert.ok(mfaFix, mfa.stderr);
        assert.deepEqual(pasteIntoBash(mfaFix, home.home), ['refresh', name]);

        const sso = await runCliAsync(['refresh', 'viasso'], env);
        assert.equal(sso.code, 1);
        const ssoFix = /\n {2}fix: (rolekeeper sso login .*)\n/.exec(sso.stderr)?.[1];
        assert.ok(ssoFix, sso.stderr);
        assert.deepEqual(pasteIntoBash(ssoFix, home.home), ['sso', 'login', `sso ${name}`]);
        assert.equal(existsSync(join(home.home, 'PWNED')), false);
      } finally {
        home.cleanup();
      }
    }
  });

  test('a plain profile name stays unquoted in the fix', async () => {
    const home = makeTempHome({ config: `${SOURCE}${roleProfile('plain', { role_arn: roleArn('admin'), source_profile: 'src', mfa_serial: MFA_SERIAL })}` });
    try {
      const result = await runCliAsync(['refresh', 'plain'], { ...home.env, AWS_ENDPOINT_URL: 'http://127.0.0.1:9' });
      assert.match(result.stderr, /\n {2}fix: Run `rolekeeper refresh plain` in a terminal/);
    } finally {
      home.cleanup();
    }
  });
});
