import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import fc from 'fast-check';
import {
  assumeRoleCacheFileName,
  assumeRoleCacheInput,
  assumeRoleCacheKey,
  pythonJsonDumps,
  roleCacheParamsFromSettings,
  sha1Hex,
} from '../../../src/main/core/caches/cli-cache-key';
import type { ConfigValue, RoleSettings } from '../../../src/main/core/aws-config/profile-model';

test('the key of each botocore and spec §4.2 test vector is the documented file name', () => {
  const vectors: Array<[Parameters<typeof assumeRoleCacheKey>[0], string, string]> = [
    [{ roleArn: 'myrole' }, '{"RoleArn": "myrole"}', '793d6e2f27667ab2da104824407e486bfec24a47'],
    [{ roleArn: 'arn:aws:iam::role/foo-role' }, '{"RoleArn": "arn:aws:iam::role/foo-role"}', '75c539f0711ba78c5b9e488d0add95f178a54d74'],
    [
      { roleArn: 'myrole', roleSessionName: 'my_session_name' },
      '{"RoleArn": "myrole", "RoleSessionName": "my_session_name"}',
      '2964201f5648c8be5b9460a9cf842d73a266daf2',
    ],
    [
      { roleArn: 'arn:aws:iam::foo-role', roleSessionName: 'foo_role_session_name' },
      '{"RoleArn": "arn:aws:iam::foo-role", "RoleSessionName": "foo_role_session_name"}',
      '5e75ce21b6a64ab183b29c4a159b6f0248121d51',
    ],
    [{ roleArn: 'arn:aws:iam::123:role/role-name' }, '{"RoleArn": "arn:aws:iam::123:role/role-name"}', 'c29461feeacfbed43017d20612606ff76abc073d'],
    [{ roleArn: 'arn:aws:iam::123456789012:role/Admin' }, '{"RoleArn": "arn:aws:iam::123456789012:role/Admin"}', '51e7b105b5040ce662656c8dc6ab4de70c4de7ad'],
    [
      {
        roleArn: 'arn:aws:iam::123456789012:role/Admin',
        roleSessionName: 'alice',
        externalId: 'ext-1',
        mfaSerial: 'arn:aws:iam::111111111111:mfa/alice',
        durationSeconds: 3600,
      },
      '{"DurationSeconds": 3600, "ExternalId": "ext-1", "RoleArn": "arn:aws:iam::123456789012:role/Admin", "RoleSessionName": "alice", "SerialNumber": "arn:aws:iam::111111111111:mfa/alice"}',
      '6536218585d41d2cbb9d1811b2ad8351ac6f0f0b',
    ],
    [
      { roleArn: 'arn:aws:iam::123456789012:role/Admin', externalId: 'café' },
      '{"ExternalId": "caf\\u00e9", "RoleArn": "arn:aws:iam::123456789012:role/Admin"}',
      '84bcd2573c8d952009fb73bfddf21f269e7dff49',
    ],
  ];
  for (const [params, input, key] of vectors) {
    assert.equal(assumeRoleCacheInput(params), input);
    assert.equal(assumeRoleCacheKey(params), key);
    assert.equal(assumeRoleCacheFileName(params), `${key}.json`);
  }
});

test('unset settings are left out of the key while empty strings are kept', () => {
  assert.equal(
    assumeRoleCacheInput({ roleArn: 'r', roleSessionName: null, externalId: undefined, mfaSerial: null, durationSeconds: null }),
    '{"RoleArn": "r"}',
  );
  assert.equal(assumeRoleCacheInput({ roleArn: 'r', externalId: '' }), '{"ExternalId": "", "RoleArn": "r"}');
});

test('DurationSeconds is hashed as a JSON number, so it changes the key unlike a string would', () => {
  assert.equal(assumeRoleCacheInput({ roleArn: 'r', durationSeconds: 900 }), '{"DurationSeconds": 900, "RoleArn": "r"}');
  assert.notEqual(assumeRoleCacheKey({ roleArn: 'r', durationSeconds: 900 }), sha1Hex('{"DurationSeconds": "900", "RoleArn": "r"}'));
  assert.throws(() => assumeRoleCacheKey({ roleArn: 'r', durationSeconds: 1.5 }), /integer/);
});

test('a profile loader role settings value turns into the same key inputs', () => {
  const at = (value: string): ConfigValue => ({ value, file: '/c', line: 1, fileKind: 'config' });
  const role: RoleSettings = {
    roleArn: at('arn:aws:iam::123456789012:role/Admin'),
    sourceProfile: at('base'),
    credentialSource: null,
    externalId: at('ext-1'),
    mfaSerial: at('arn:aws:iam::111111111111:mfa/alice'),
    durationSecondsRaw: at('3600'),
    durationSeconds: 3600,
    roleSessionName: at('alice'),
  };
  const params = roleCacheParamsFromSettings(role);
  assert.ok(params);
  assert.equal(assumeRoleCacheKey(params), '6536218585d41d2cbb9d1811b2ad8351ac6f0f0b');
  assert.equal(roleCacheParamsFromSettings({ ...role, roleArn: null }), null);
});

test('the serialiser matches Python json.dumps(sort_keys=True) for random keys and values', () => {
  const samples = fc.sample(
    fc.dictionary(
      fc.string({ unit: 'binary', maxLength: 6 }),
      fc.oneof(fc.string({ unit: 'binary', maxLength: 12 }), fc.integer({ min: -1e9, max: 1e9 }), fc.boolean(), fc.constant(null)),
      { maxKeys: 5 },
    ),
    { numRuns: 200, seed: 42 },
  );
  // fast-check's "binary" unit yields valid code points, astral ones included; Python reads them
  // back from JSON (\uXXXX pairs) so both sides see the same strings.
  const script =
    'import json,sys\nfor line in sys.stdin:\n    print(json.dumps(json.loads(line), sort_keys=True))\n';
  const input = samples.map((sample) => JSON.stringify(sample)).join('\n') + '\n';
  const python = spawnSync('python3', ['-c', script], { input, encoding: 'utf8' });
  assert.equal(python.status, 0, python.stderr);
  const expected = python.stdout.split('\n').slice(0, samples.length);
  samples.forEach((sample, index) => {
    assert.equal(pythonJsonDumps(sample, { sortKeys: true }), expected[index]);
  });
});

test('compact separators give the SSO style serialisation', () => {
  assert.equal(pythonJsonDumps({ b: 'x', a: 1 }, { sortKeys: true, separators: [',', ':'] }), '{"a":1,"b":"x"}');
});
