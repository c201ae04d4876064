// Rolekeeper's CLI cache keys against botocore's own: random profiles written as config files,
// each keyed by botocore's providers (test/helpers/botocore-cache-key.py) and by Rolekeeper.
// A key that differs means the AWS CLI never finds Rolekeeper's entry and calls STS (and asks for
// an MFA code) itself.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { loadProfiles } from '../../../src/main/core/aws-config/profile-loader';
import { cacheKeyForProfile } from '../../../src/main/core/caches/cli-cache';
import { assumeRoleCacheKey, roleCacheParamsFromSettings } from '../../../src/main/core/caches/cli-cache-key';
import { parsePythonInt } from '../../../src/main/core/aws-config/python-int';
import { botocoreCacheKeys, type BotocoreCacheKeyCase } from '../../helpers/botocore';
import { withTempHome } from '../../helpers/temp-home';

// Decimal digit sets both Python 3.11's Unicode database and Node's know (zero's code point).
const DIGIT_ZEROS = [0x30, 0x660, 0x6f0, 0x966, 0x9e6, 0xe50, 0xff10, 0x1d7ce, 0x1d7f6];
// Python whitespace that stays inside a line (configparser strips it around a value).
const INNER_SPACES = [' ', '\t', '\u00a0', '\u3000', '\u2003', '\u000b', '\u000c', '\u001c', '\u0085', '\u2028'];

const char = fc.oneof(
  { weight: 6, arbitrary: fc.integer({ min: 0x20, max: 0x7e }).map((c) => String.fromCharCode(c)) },
  { weight: 2, arbitrary: fc.constant('\u007f') },
  { weight: 2, arbitrary: fc.integer({ min: 0x80, max: 0x2fff }).filter((c) => c !== 0x85 && c !== 0x2028 && c !== 0x2029).map((c) => String.fromCharCode(c)) },
  { weight: 1, arbitrary: fc.integer({ min: 0x1f600, max: 0x1f64f }).map((c) => String.fromCodePoint(c)) },
  { weight: 1, arbitrary: fc.constantFrom(...INNER_SPACES) },
);
const text = (maxLength: number): fc.Arbitrary<string> => fc.array(char, { minLength: 1, maxLength }).map((chars) => chars.join(''));

const digitsIn = (zero: number, digits: string): string => Array.from(digits, (d) => String.fromCodePoint(zero + Number(d))).join('');
const duration = fc.oneof(
  fc.integer({ min: 0, max: 100_000 }).map(String),
  fc.tuple(fc.constantFrom(...DIGIT_ZEROS), fc.integer({ min: 900, max: 43_200 })).map(([zero, n]) => digitsIn(zero, String(n))),
  fc.bigInt({ min: 2n ** 53n - 5n, max: 10n ** 30n }).map(String),
  fc.tuple(fc.constantFrom('+', '-', ' +', '0', '00'), fc.integer({ min: 0, max: 99_999 })).map(([prefix, n]) => `${prefix}${n}`),
  fc.integer({ min: 1000, max: 99_999 }).map((n) => String(n).replace(/(\d)(\d)/, '$1_$2')),
  fc.constantFrom('3_600', '3__600', '_3600', '3600_', '3600.0', '3 600', '1e3', '0x10', '٣٦٠٠', '３６００', '３_６００', '-', '+', '²', 'ⅷ'),
  text(6),
);
const sessionName = fc.option(fc.oneof(fc.constant(''), fc.constantFrom(...INNER_SPACES.filter((s) => s !== ' ')), text(12)), { nil: undefined });

interface Sample {
  kind: 'role' | 'web-identity' | 'sso';
  roleArn: string;
  roleSessionName?: string;
  externalId?: string;
  mfaSerial?: string;
  durationSeconds?: string;
  accountId: string;
  roleName: string;
  startUrl: string;
}

const sample: fc.Arbitrary<Sample> = fc.record(
  {
    kind: fc.constantFrom('role', 'role', 'web-identity', 'sso'),
    roleArn: text(30),
    roleSessionName: sessionName,
    externalId: fc.option(text(10), { nil: undefined }),
    mfaSerial: fc.option(text(20), { nil: undefined }),
    durationSeconds: fc.option(duration, { nil: undefined }),
    accountId: text(12),
    roleName: text(12),
    startUrl: text(20),
  },
  { requiredKeys: ['kind', 'roleArn', 'accountId', 'roleName', 'startUrl'] },
);

function configText(s: Sample): string {
  const line = (key: string, value: string | undefined): string => (value === undefined ? '' : value === '' ? `${key} =\n` : `${key} = ${value}\n`);
  if (s.kind === 'sso') {
    return `[profile p]\nsso_start_url = ${s.startUrl}\nsso_region = us-east-1\nsso_account_id = ${s.accountId}\nsso_role_name = ${s.roleName}\n`;
  }
  const head = s.kind === 'role' ? 'source_profile = src\n' : 'web_identity_token_file = /nonexistent/token\n';
  const rest = s.kind === 'role' ? `${line('external_id', s.externalId)}${line('mfa_serial', s.mfaSerial)}${line('duration_seconds', s.durationSeconds)}` : '';
  return `[profile p]\nrole_arn = ${s.roleArn}\n${head}${line('role_session_name', s.roleSessionName)}${rest}[profile src]\naws_access_key_id = AKIASOURCE\naws_secret_access_key = source-secret\n`;
}

const PROVIDER: Record<Sample['kind'], BotocoreCacheKeyCase['provider']> = { role: 'assume-role', 'web-identity': 'assume-role-with-web-identity', sso: 'sso' };

test('1,200 random profiles get the cache key botocore computes for them: 0 mismatches', () => {
  const samples = fc.sample(sample, { numRuns: 1_200, seed: 2121 });
  withTempHome({}, (home) => {
    const cases = samples.map((s, index): BotocoreCacheKeyCase & { text: string } => {
      const config = home.write(`cases/${index}.config`, configText(s));
      return { config, credentials: join(home.home, 'no-credentials'), profile: 'p', provider: PROVIDER[s.kind], text: configText(s) };
    });
    const expected = botocoreCacheKeys(cases);
    const mismatches: string[] = [];
    let compared = 0;
    cases.forEach((c, index) => {
      const want = expected[index]!;
      if (want.key === null) return;
      compared += 1;
      const environment = { ...home.environment, env: { ...home.env, AWS_CONFIG_FILE: c.config } };
      const profile = loadProfiles(environment).get('p');
      const got = profile ? cacheKeyForProfile(profile) : null;
      if (got !== want.key) mismatches.push(`${JSON.stringify(c.text)}: botocore ${want.key}, Rolekeeper ${got}`);
    });
    assert.ok(compared >= 1_000, `only ${compared} profiles got a key from botocore`);
    assert.deepEqual(mismatches.slice(0, 5), [], `${mismatches.length} of ${compared} keys differ`);
  });
});

test('the corners botocore decides: DEL escaped, a falsy session name left out, Unicode digits and big integers exact', () => {
  const base = { roleArn: 'arn:aws:iam::123456789012:role/r' };
  withTempHome({}, (home) => {
    const files = [
      '[profile p]\nrole_arn = arn:aws:iam::123456789012:role/r\x7f\nsource_profile = src\n',
      '[profile p]\nrole_arn = arn:aws:iam::123456789012:role/r\nsource_profile = src\nrole_session_name =\n',
      '[profile p]\nrole_arn = arn:aws:iam::123456789012:role/r\nsource_profile = src\nrole_session_name = \u3000\n',
      '[profile p]\nrole_arn = arn:aws:iam::123456789012:role/r\nsource_profile = src\nduration_seconds = ３６００\n',
      '[profile p]\nrole_arn = arn:aws:iam::123456789012:role/r\nsource_profile = src\nduration_seconds = ٣٦٠٠\n',
      '[profile p]\nrole_arn = arn:aws:iam::123456789012:role/r\nsource_profile = src\nduration_seconds = 9007199254740993\n',
      '[profile p]\nrole_arn = arn:aws:iam::123456789012:role/r\nweb_identity_token_file = /nonexistent\nrole_session_name =\n',
    ].map((body, index) => home.write(`corner/${index}`, `${body}[profile src]\naws_access_key_id = AKIASOURCE\naws_secret_access_key = s\n`));
    const expected = botocoreCacheKeys(
      files.map((config, index) => ({ config, credentials: join(home.home, 'none'), profile: 'p', provider: index === 6 ? 'assume-role-with-web-identity' : 'assume-role' })),
    );
    files.forEach((config, index) => {
      const profile = loadProfiles({ ...home.environment, env: { ...home.env, AWS_CONFIG_FILE: config } }).get('p');
      assert.ok(profile && expected[index]!.key);
      assert.equal(cacheKeyForProfile(profile), expected[index]!.key, `case ${index}`);
    });
    // The same corners stated without botocore.
    assert.equal(assumeRoleCacheKey({ ...base, roleSessionName: '' }), assumeRoleCacheKey(base));
    const big = loadProfiles({ ...home.environment, env: { ...home.env, AWS_CONFIG_FILE: files[5]! } }).get('p')!;
    assert.equal(roleCacheParamsFromSettings(big.role)?.durationSeconds, 9007199254740993n);
  });
});

test("Python's int(): Unicode digits, underscores between digits, a sign and surrounding whitespace; nothing else", () => {
  assert.equal(parsePythonInt('３６００'), 3600n);
  assert.equal(parsePythonInt('٣٦٠٠'), 3600n);
  assert.equal(parsePythonInt('\u3000 +3_600\u00a0'), 3600n);
  assert.equal(parsePythonInt('-007'), -7n);
  assert.equal(parsePythonInt('123456789012345678901234567890'), 123456789012345678901234567890n);
  for (const refused of ['', '+', '3__600', '_1', '1_', '3 600', '3600.0', '0x10', '²', 'ⅷ', '1'.repeat(4301)]) {
    assert.equal(parsePythonInt(refused), null, JSON.stringify(refused.slice(0, 10)));
  }
});
