import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync, statSync, symlinkSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { makeTempHome } from '../../helpers/temp-home';
import { awsPaths } from '../../../src/main/core/model/aws-environment';
import { assumeRoleCacheKey } from '../../../src/main/core/caches/cli-cache-key';
import {
  cacheKeyForProfile,
  cliCacheEntryContent,
  findCliCacheEntry,
  isCacheProblem,
  mapCacheEntriesToProfiles,
  parseCacheExpiration,
  parseCliCacheEntry,
  readCliCache,
  toAwsCredentials,
  writeCliCacheEntry,
} from '../../../src/main/core/caches/cli-cache';
import { loadProfiles } from '../../../src/main/core/aws-config/profile-loader';
import type { ConfigValue, ResolvedProfile } from '../../../src/main/core/aws-config/profile-model';

const SECRET = 'SeCrEt/KEY+value';
const TOKEN = 'TOKEN-VALUE-never-printed';

function entryText(expiration: string, extra: Record<string, unknown> = {}): string {
  return JSON.stringify({
    Credentials: { AccessKeyId: 'ASIAEXAMPLE', SecretAccessKey: SECRET, SessionToken: TOKEN, Expiration: expiration },
    AssumedRoleUser: { AssumedRoleId: 'AROA:x', Arn: 'arn:aws:sts::123456789012:assumed-role/x/s' },
    ...extra,
  });
}

test('every Expiration format the CLIs and boto3 write parses to the same instant', () => {
  const instant = Date.UTC(2024, 4, 6, 7, 8, 9);
  for (const raw of [
    '2024-05-06T07:08:09Z',
    '2024-05-06T07:08:09+00:00',
    '2024-05-06T07:08:09UTC',
    '2024-05-06 07:08:09+00:00',
    '2024-05-06T09:08:09+02:00',
    '2024-05-06T02:08:09-0500',
  ]) {
    assert.equal(parseCacheExpiration(raw)?.getTime(), instant, raw);
  }
  // Fractions as moto and CLI v2 write them (microseconds), truncated to milliseconds.
  assert.equal(parseCacheExpiration('2026-11-28T21:48:55.287714Z')?.getTime(), Date.UTC(2026, 10, 28, 21, 48, 55, 287));
  assert.equal(parseCacheExpiration('2026-11-28T21:48:55.287714+00:00')?.getTime(), Date.UTC(2026, 10, 28, 21, 48, 55, 287));
});

test('a timestamp without zone or a malformed one is not accepted as an expiry', () => {
  for (const raw of ['2024-05-06T07:08:09', 'tomorrow', '2024-13-06T07:08:09Z', '2024-02-30T07:08:09Z', '']) {
    assert.equal(parseCacheExpiration(raw), null, raw);
  }
});

test('a well-formed entry is parsed with its account id and role ARN', () => {
  const entry = parseCliCacheEntry('/c/abc.json', entryText('2030-01-01T00:00:00Z'));
  assert.ok(!isCacheProblem(entry));
  assert.equal(entry.key, 'abc');
  assert.equal(entry.kind, 'assume-role');
  assert.equal(entry.credentials.accountId, '123456789012');
  assert.equal(entry.credentials.expirationRaw, '2030-01-01T00:00:00Z');
  assert.equal(entry.assumedRoleArn, 'arn:aws:sts::123456789012:assumed-role/x/s');
  const sso = parseCliCacheEntry('/c/s.json', JSON.stringify({ ProviderType: 'sso', Credentials: { AccessKeyId: 'a', SecretAccessKey: 'b', SessionToken: 'c', Expiration: '2030-01-01T00:00:00Z', AccountId: '111111111111' } }));
  assert.ok(!isCacheProblem(sso) && sso.kind === 'sso' && sso.credentials.accountId === '111111111111');
});

test('corrupt, incomplete and zone-less entries become problems naming the file and no secret', () => {
  const home = makeTempHome();
  try {
    const dir = awsPaths(home.environment).cliCacheDir;
    home.write('.aws/cli/cache/good.json', entryText('2030-01-01T00:00:00+00:00'));
    home.write('.aws/cli/cache/truncated.json', entryText('2030-01-01T00:00:00Z').slice(0, 60));
    home.write('.aws/cli/cache/empty.json', '');
    home.write('.aws/cli/cache/array.json', '[]');
    home.write('.aws/cli/cache/no-token.json', JSON.stringify({ Credentials: { AccessKeyId: 'a', SecretAccessKey: SECRET, Expiration: '2030-01-01T00:00:00Z' } }));
    home.write('.aws/cli/cache/naive.json', entryText('2030-01-01T00:00:00'));
    home.write('.aws/cli/cache/binary.json', Buffer.from([0xff, 0xfe, 0x00, 0x01]));
    home.write('.aws/cli/cache/ignored.tmp', 'not json');
    mkdirSync(join(dir, 'folder.json'));
    const outside = home.write('outside.json', entryText('2030-01-01T00:00:00Z'));
    symlinkSync(outside, join(dir, 'link.json'));

    const scan = readCliCache(dir);
    assert.deepEqual(scan.entries.map((e) => e.key), ['good']);
    const problemFiles = scan.problems.map((p) => p.file).sort();
    assert.deepEqual(
      problemFiles,
      ['array', 'binary', 'empty', 'link', 'naive', 'no-token', 'truncated'].map((n) => join(dir, `${n}.json`)),
    );
    for (const problem of scan.problems) {
      assert.ok(problem.message.includes(problem.file));
      assert.ok(!problem.message.includes(SECRET) && !problem.message.includes(TOKEN), problem.message);
    }
    assert.match(scan.problems.find((p) => p.file.endsWith('no-token.json'))!.message, /SessionToken/);
  } finally {
    home.cleanup();
  }
});

test('a missing cache folder is an empty cache, not an error', () => {
  const home = makeTempHome();
  try {
    const scan = readCliCache(join(home.home, '.aws', 'cli', 'cache'));
    assert.deepEqual([scan.entries.length, scan.problems.length], [0, 0]);
  } finally {
    home.cleanup();
  }
});

function profile(name: string, type: ResolvedProfile['type'], settings: Record<string, string>): ResolvedProfile {
  const at = (value: string | undefined): ConfigValue | null =>
    value === undefined ? null : { value, file: '/config', line: 1, fileKind: 'config' };
  const values = new Map(Object.entries(settings).map(([k, v]) => [k, at(v)!]));
  const duration = settings.duration_seconds;
  return {
    name,
    type,
    region: null,
    sourceChain: [],
    role: {
      roleArn: at(settings.role_arn),
      sourceProfile: at(settings.source_profile),
      credentialSource: null,
      externalId: at(settings.external_id),
      mfaSerial: at(settings.mfa_serial),
      durationSecondsRaw: at(duration),
      durationSeconds: duration && /^\d+$/.test(duration) ? Number(duration) : null,
      roleSessionName: at(settings.role_session_name),
    },
    values,
    subSections: new Map(),
    definedIn: [],
    problems: [],
  };
}

test('entries map back to every profile whose settings give their key, and the rest are orphans', () => {
  const arn = 'arn:aws:iam::123456789012:role/x';
  const a = profile('a', 'role', { role_arn: arn, source_profile: 'base' });
  const b = profile('b', 'role', { role_arn: arn, source_profile: 'other' });
  const c = profile('c', 'role', { role_arn: arn, source_profile: 'base', duration_seconds: '1800', external_id: 'e' });
  const sso = profile('s', 'sso', { sso_account_id: '123456789012', sso_role_name: 'ReadOnly', sso_session: 'my-sso' });
  const plain = profile('base', 'static', {});
  assert.equal(cacheKeyForProfile(sso), '31b260dab331b2af063485cea75f7b8b3cf54c71');
  assert.equal(cacheKeyForProfile(plain), null);
  assert.equal(cacheKeyForProfile(c), assumeRoleCacheKey({ roleArn: arn, durationSeconds: 1800, externalId: 'e' }));
  const candidates = [a, b, c, sso, plain].flatMap((p) => {
    const key = cacheKeyForProfile(p);
    return key ? [{ profile: p.name, key }] : [];
  });
  const parse = (key: string) => {
    const entry = parseCliCacheEntry(`/c/${key}.json`, entryText('2030-01-01T00:00:00Z'));
    assert.ok(!isCacheProblem(entry));
    return entry;
  };
  const shared = parse(assumeRoleCacheKey({ roleArn: arn }));
  const ssoEntry = parse('31b260dab331b2af063485cea75f7b8b3cf54c71');
  const orphan = parse(assumeRoleCacheKey({ roleArn: arn, roleSessionName: 'gone' }));
  const mapping = mapCacheEntriesToProfiles([shared, ssoEntry, orphan], candidates);
  assert.equal(mapping.byProfile.get('a'), shared);
  assert.equal(mapping.byProfile.get('b'), shared);
  assert.equal(mapping.byProfile.get('s'), ssoEntry);
  assert.equal(mapping.byProfile.has('c'), false);
  assert.deepEqual(mapping.profilesByFile.get(shared.file), ['a', 'b']);
  assert.deepEqual(mapping.orphans, [orphan]);
});

test('the writer names the file by the profile settings and writes the CLI schema, mode 0600', async () => {
  const home = makeTempHome();
  try {
    const paths = awsPaths(home.environment);
    const params = { roleArn: 'arn:aws:iam::123456789012:role/x', roleSessionName: 'alice', durationSeconds: 3600 };
    const file = await writeCliCacheEntry(paths, params, {
      Credentials: { AccessKeyId: 'ASIAX', SecretAccessKey: SECRET, SessionToken: TOKEN, Expiration: new Date(Date.UTC(2030, 0, 2, 3, 4, 5, 678)) },
      AssumedRoleUser: { AssumedRoleId: 'AROAX:alice', Arn: 'arn:aws:sts::123456789012:assumed-role/x/alice' },
      PackedPolicySize: 6,
    });
    assert.equal(file, join(paths.cliCacheDir, `${assumeRoleCacheKey(params)}.json`));
    assert.equal(
      readFileSync(file, 'utf8'),
      `{"Credentials": {"AccessKeyId": "ASIAX", "SecretAccessKey": "${SECRET}", "SessionToken": "${TOKEN}", "Expiration": "2030-01-02T03:04:05Z", "AccountId": "123456789012"}, "AssumedRoleUser": {"AssumedRoleId": "AROAX:alice", "Arn": "arn:aws:sts::123456789012:assumed-role/x/alice"}, "PackedPolicySize": 6}`,
    );
    if (process.platform !== 'win32') assert.equal(statSync(file).mode & 0o777, 0o600);
    assert.deepEqual(readdirSync(paths.cliCacheDir), [`${assumeRoleCacheKey(params)}.json`]);
    const back = readCliCache(paths.cliCacheDir);
    assert.equal(back.entries[0].credentials.expiration.toISOString(), '2030-01-02T03:04:05.000Z');
  } finally {
    home.cleanup();
  }
});

test('the writer refuses a response without credentials or expiry, naming no secret', () => {
  assert.throws(() => cliCacheEntryContent({ Credentials: { AccessKeyId: 'A', SecretAccessKey: SECRET, SessionToken: TOKEN } }), (error: Error) => {
    return /Expiration/.test(error.message) && !error.message.includes(SECRET);
  });
  assert.throws(() => cliCacheEntryContent({ Credentials: { AccessKeyId: 'A', SecretAccessKey: SECRET, SessionToken: TOKEN, Expiration: 'soon' } }), /Expiration/);
  assert.match(cliCacheEntryContent({ Credentials: { AccessKeyId: 'A', SecretAccessKey: 's', SessionToken: 't', Expiration: '2030-01-02T03:04:05.5+02:00' } }), /"Expiration": "2030-01-02T01:04:05Z"/);
});

test('the entry the CLI would look up for a role profile is found by its key and copied into credentials; a corrupt one is none', async () => {
  const home = makeTempHome({ config: '[profile app]\nrole_arn = arn:aws:iam::123456789012:role/x\nsource_profile = base\n' });
  try {
    const paths = awsPaths(home.environment);
    const profile = loadProfiles(home.environment).get('app');
    assert.ok(profile);
    assert.equal(findCliCacheEntry(profile, paths.cliCacheDir), undefined);
    const file = await writeCliCacheEntry(paths, { roleArn: 'arn:aws:iam::123456789012:role/x' }, {
      Credentials: { AccessKeyId: 'ASIAX', SecretAccessKey: SECRET, SessionToken: TOKEN, Expiration: new Date(Date.UTC(2030, 0, 2, 3, 4, 5)) },
    });
    const entry = findCliCacheEntry(profile, paths.cliCacheDir);
    assert.equal(entry?.file, file);
    assert.deepEqual(entry && toAwsCredentials(entry), {
      accessKeyId: 'ASIAX',
      secretAccessKey: SECRET,
      sessionToken: TOKEN,
      expiration: new Date(Date.UTC(2030, 0, 2, 3, 4, 5)),
    });
    writeFileSync(file, '{"Credentials": ');
    assert.equal(findCliCacheEntry(profile, paths.cliCacheDir), undefined);
  } finally {
    home.cleanup();
  }
});
