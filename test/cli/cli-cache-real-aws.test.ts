// Cross-checks the cache key, reader and writer against the real AWS CLI v1 (`aws`, pip) and
// v2 (`/usr/bin/aws`, Debian) talking to moto_server on loopback.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { makeTempHome, type TempHome } from '../helpers/temp-home';
import { freePort, startMoto, MOTO_ACCOUNT_ID, type Moto } from '../helpers/moto';
import { runAws, runCli } from '../helpers/run-cli';
import { awsPaths } from '../../src/main/core/model/aws-environment';
import { assumeRoleCacheKey, type AssumeRoleCacheParams } from '../../src/main/core/caches/cli-cache-key';
import { isCacheProblem, mapCacheEntriesToProfiles, readCliCache, writeCliCacheEntry } from '../../src/main/core/caches/cli-cache';

const REGION = { AWS_DEFAULT_REGION: 'us-east-1' };
const ROLE_ARN = `arn:aws:iam::${MOTO_ACCOUNT_ID}:role/x`;

/** Role profiles with the settings that go into the key, and what each must hash to. */
const VARIANTS: Array<{ profile: string; settings: string; params: AssumeRoleCacheParams }> = [
  { profile: 'plain', settings: '', params: { roleArn: ROLE_ARN } },
  { profile: 'named', settings: 'role_session_name = alice\n', params: { roleArn: ROLE_ARN, roleSessionName: 'alice' } },
  { profile: 'external', settings: 'external_id = ext-1\n', params: { roleArn: ROLE_ARN, externalId: 'ext-1' } },
  { profile: 'short', settings: 'duration_seconds = 1800\n', params: { roleArn: ROLE_ARN, durationSeconds: 1800 } },
  {
    profile: 'everything',
    settings: 'role_session_name = bob\nexternal_id = café\nduration_seconds = 3600\n',
    params: { roleArn: ROLE_ARN, roleSessionName: 'bob', externalId: 'café', durationSeconds: 3600 },
  },
];

function configFor(roleProfiles: Array<{ profile: string; settings: string }>): string {
  const roles = roleProfiles
    .map(({ profile, settings }) => `[profile ${profile}]\nrole_arn = ${ROLE_ARN}\nsource_profile = base\n${settings}`)
    .join('\n');
  return `[profile base]\naws_access_key_id = AKIAIOSFODNN7EXAMPLE\naws_secret_access_key = wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY\n\n${roles}\n[default]\nregion = us-east-1\n`;
}

interface AwsCli {
  name: string;
  binary: string;
  /** The environment and extra arguments that send STS to `stsUrl` and every other call to moto. */
  setup(home: TempHome, motoUrl: string, stsUrl: string): { env: Record<string, string>; args: string[] };
  expirationFormat: RegExp;
}

// CLI v1 honours AWS_ENDPOINT_URL(_STS). Debian's CLI v2 (2.9.x) predates those variables
// (added in 2.13), so its STS client is pointed at `stsUrl` with an endpoint rule set loaded from
// AWS_DATA_PATH, and other calls take --endpoint-url.
const CLIS: AwsCli[] = [
  {
    name: 'CLI v1',
    binary: 'aws',
    setup: (home, motoUrl, stsUrl) => ({
      env: { ...home.env, ...REGION, AWS_ENDPOINT_URL: motoUrl, AWS_ENDPOINT_URL_STS: stsUrl, AWS_MAX_ATTEMPTS: '1' },
      args: [],
    }),
    expirationFormat: /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?Z$/,
  },
  {
    name: 'CLI v2',
    binary: '/usr/bin/aws',
    setup: (home, motoUrl, stsUrl) => {
      const dataPath = join(home.home, 'aws-data');
      const rulesDir = join(dataPath, 'sts', '2011-06-15');
      mkdirSync(rulesDir, { recursive: true });
      writeFileSync(
        join(rulesDir, 'endpoint-rule-set-1.json'),
        JSON.stringify({
          version: '1.0',
          parameters: { Region: { builtIn: 'AWS::Region', required: false, documentation: 'region', type: 'String' } },
          rules: [{ conditions: [], endpoint: { url: stsUrl, properties: {}, headers: {} }, type: 'endpoint' }],
        }),
      );
      return { env: { ...home.env, ...REGION, AWS_DATA_PATH: dataPath, AWS_MAX_ATTEMPTS: '1' }, args: ['--endpoint-url', motoUrl] };
    },
    expirationFormat: /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?\+00:00$/,
  },
];

let moto: Moto;
before(async () => {
  moto = await startMoto();
});
after(async () => {
  await moto.stop();
});

for (const cli of CLIS) {
  describe(`the real ${cli.name}`, () => {
    test('writes each role profile cache entry under exactly the computed key, and it reads back mapped to that profile', () => {
      const home = makeTempHome({ config: configFor(VARIANTS) });
      try {
        const { env } = cli.setup(home, moto.url, moto.url);
        const cacheDir = awsPaths(home.environment).cliCacheDir;
        const seen = new Set<string>();
        for (const variant of VARIANTS) {
          // get-caller-identity is an STS call itself, so STS goes to moto here.
          const result = runAws(cli.binary, ['sts', 'get-caller-identity', '--profile', variant.profile, '--output', 'json'], env);
          assert.equal(result.code, 0, `${variant.profile}: ${result.stderr}`);
          const created = readdirSync(cacheDir).filter((name) => !seen.has(name));
          assert.deepEqual(created, [`${assumeRoleCacheKey(variant.params)}.json`], variant.profile);
          created.forEach((name) => seen.add(name));
        }
        const scan = readCliCache(cacheDir);
        assert.deepEqual(scan.problems, []);
        const mapping = mapCacheEntriesToProfiles(
          scan.entries,
          VARIANTS.map((variant) => ({ profile: variant.profile, key: assumeRoleCacheKey(variant.params) })),
        );
        assert.deepEqual(mapping.orphans, []);
        for (const variant of VARIANTS) {
          const entry = mapping.byProfile.get(variant.profile);
          assert.ok(entry, variant.profile);
          assert.match(entry.credentials.expirationRaw, cli.expirationFormat);
          assert.ok(entry.credentials.expiration.getTime() > Date.now() + 15 * 60_000);
          assert.equal(entry.credentials.accountId, MOTO_ACCOUNT_ID);
          const session = variant.params.roleSessionName;
          if (session) assert.equal(entry.assumedRoleArn, `arn:aws:sts::${MOTO_ACCOUNT_ID}:assumed-role/x/${session}`);
        }
      } finally {
        home.cleanup();
      }
    });

    test('uses an entry written by Rolekeeper without calling STS, and calls STS once fewer than 15 minutes remain', async () => {
      const home = makeTempHome({ config: configFor([{ profile: 'role', settings: 'role_session_name = rk\n' }]) });
      try {
        const closed = `http://127.0.0.1:${await freePort()}`;
        const { env, args } = cli.setup(home, moto.url, closed);
        const params = { roleArn: ROLE_ARN, roleSessionName: 'rk' };
        const write = (minutesLeft: number) =>
          writeCliCacheEntry(awsPaths(home.environment), params, {
            Credentials: {
              AccessKeyId: 'ASIAROLEKEEPERFAKE01',
              SecretAccessKey: 'fake-secret-from-rolekeeper',
              SessionToken: 'fake-token-from-rolekeeper',
              Expiration: new Date(Date.now() + minutesLeft * 60_000),
            },
            AssumedRoleUser: { AssumedRoleId: 'AROAFAKE:rk', Arn: `arn:aws:sts::${MOTO_ACCOUNT_ID}:assumed-role/x/rk` },
          });
        const file = await write(60);
        const before = readFileSync(file, 'utf8');
        const listRoles = ['iam', 'list-roles', '--profile', 'role', '--output', 'json', ...args];
        const hit = runAws(cli.binary, listRoles, env);
        assert.equal(hit.code, 0, hit.stderr);
        assert.ok(Array.isArray(JSON.parse(hit.stdout).Roles));
        assert.equal(readFileSync(file, 'utf8'), before, 'the CLI must not have rewritten the entry');

        // The control: the same call with an entry the CLI must ignore has to reach STS and fail.
        await write(10);
        const miss = runAws(cli.binary, listRoles, env);
        assert.notEqual(miss.code, 0);
        assert.match(miss.stderr, /connect|endpoint/i);
      } finally {
        home.cleanup();
      }
    });
  });
}

test('rolekeeper clear-cache PROFILE removes the entry the real CLI wrote for it and leaves the others', () => {
  const home = makeTempHome({ config: configFor(VARIANTS.slice(0, 2)) });
  try {
    const { env } = CLIS[0].setup(home, moto.url, moto.url);
    for (const variant of VARIANTS.slice(0, 2)) {
      assert.equal(runAws('aws', ['sts', 'get-caller-identity', '--profile', variant.profile], env).code, 0);
    }
    const cacheDir = awsPaths(home.environment).cliCacheDir;
    const target = join(cacheDir, `${assumeRoleCacheKey(VARIANTS[1].params)}.json`);
    const result = runCli(['clear-cache', 'named'], home.env);
    assert.equal(result.code, 0, result.stderr);
    assert.equal(result.stdout, `removed ${target}\n`);
    assert.equal(existsSync(target), false);
    const left = readCliCache(cacheDir).entries;
    assert.deepEqual(left.map((entry) => entry.key), [assumeRoleCacheKey(VARIANTS[0].params)]);
    assert.ok(!isCacheProblem(left[0]));
  } finally {
    home.cleanup();
  }
});
