// AWS_CREDENTIAL_FILE and boto2 configs read by Rolekeeper and by botocore's own providers
// (OriginalEC2Provider, BotoProvider; test/helpers/botocore-legacy.py): random files, each judged by
// botocore. A difference means verify or doctor would say something other than what `aws` does.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { writeFileSync } from 'node:fs';
import fc from 'fast-check';
import { readBotoConfig, readEc2CredentialFile, type LegacyFileRead } from '../../../src/main/core/credentials/legacy-credential-files';
import { botocoreLegacyLoads, type BotocoreLegacyLoad } from '../../helpers/botocore';
import { withTempHome } from '../../helpers/temp-home';

// Python whitespace inside a line, and Python's line breaks (str.splitlines, universal newlines).
const SPACES = [' ', '\t', '\u00a0', '\u3000', '\u2003', '\u000b', '\u000c', '\u001c', '\u001f'];
const BREAKS = ['\n', '\r\n', '\r', '\u000b', '\u000c', '\u001c', '\u001d', '\u001e', '\u0085', '\u2028', '\u2029'];

const char = fc.oneof(
  { weight: 8, arbitrary: fc.integer({ min: 0x21, max: 0x7e }).map((c) => String.fromCharCode(c)) },
  { weight: 1, arbitrary: fc.integer({ min: 0xa1, max: 0x2fff }).filter((c) => !/\s/u.test(String.fromCharCode(c)) && c !== 0x2028 && c !== 0x2029).map((c) => String.fromCharCode(c)) },
  { weight: 1, arbitrary: fc.constantFrom('=', '#', ';', '[', ']', ':') },
);
const word = (maxLength: number): fc.Arbitrary<string> => fc.array(char, { minLength: 0, maxLength }).map((chars) => chars.join(''));
const space = fc.array(fc.constantFrom(...SPACES), { maxLength: 2 }).map((s) => s.join(''));

const ec2Name = fc.oneof(
  { weight: 8, arbitrary: fc.constantFrom('AWSAccessKeyId', 'AWSSecretKey') },
  { weight: 1, arbitrary: fc.constantFrom('awsaccesskeyid', 'AWSAccessKeyID', 'AWSSecretKey ', 'AWS AccessKeyId') },
);
const ec2Line = fc.oneof(
  { weight: 6, arbitrary: fc.tuple(space, ec2Name, space, fc.constantFrom('=', '=', '=', ':', '=='), space, word(24), space).map((parts) => parts.join('')) },
  { weight: 1, arbitrary: word(20) },
  { weight: 1, arbitrary: fc.constant('') },
);
const ec2File = fc.tuple(fc.array(fc.tuple(ec2Line, fc.constantFrom(...BREAKS)), { maxLength: 5 }), fc.boolean()).map(([lines, endsWithBreak]) => {
  const text = lines.map(([line, end]) => line + end).join('');
  return endsWithBreak ? text : text.replace(/(\r\n|[\n\r\v\f\x1c-\x1e\x85\u2028\u2029])$/, '');
});

// configparser: sections with `key = value`/`key: value` lines, comments, continuation lines,
// blank lines; now and then a duplicate key or section, or a line before any header.
const botoHeader = fc.oneof(
  { weight: 6, arbitrary: fc.constant('[Credentials]') },
  { weight: 1, arbitrary: fc.constantFrom('[credentials]', '[Boto]', '[ Credentials ]', '[Credentials', '[DEFAULT]', '[Credentials] # note') },
);
const botoKey = fc.oneof(
  { weight: 6, arbitrary: fc.constantFrom('aws_access_key_id', 'aws_secret_access_key') },
  { weight: 1, arbitrary: fc.constantFrom('AWS_ACCESS_KEY_ID', 'Aws_Secret_Access_Key', ' aws_access_key_id', 'aws_access_key', 'gs_access_key_id', 'debug') },
);
const botoAssignment = (key: string): fc.Arbitrary<string> => fc.tuple(fc.constantFrom(' = ', '=', ': ', ' =', ' = '), word(20)).map(([separator, value]) => `${key}${separator}${value}`);
const botoOther = fc.oneof(
  fc.tuple(fc.constantFrom('#', ';'), word(10)).map(([mark, rest]) => mark + rest),
  fc.tuple(fc.constantFrom(' ', '\t'), word(12)).map(([indent, rest]) => indent + rest),
  fc.constant(''),
);
// Keys mostly distinct within a section (configparser refuses a repeated one), now and then not.
const botoEntries = fc
  .tuple(fc.oneof({ weight: 6, arbitrary: fc.uniqueArray(botoKey, { maxLength: 3, selector: (key) => key.trim().toLowerCase() }) }, { weight: 1, arbitrary: fc.array(botoKey, { maxLength: 3 }) }), fc.array(botoOther, { maxLength: 2 }))
  .chain(([keys, others]) => fc.tuple(...keys.map(botoAssignment), fc.constant(others)))
  .chain((parts) => {
    const others = parts.pop() as string[];
    return fc.shuffledSubarray([...(parts as string[]), ...others], { minLength: parts.length + others.length });
  });
const botoSection = fc.tuple(botoHeader, botoEntries).map(([header, entries]) => [header, ...entries]);
const botoFile = fc
  .tuple(
    fc.option(botoOther, { freq: 8, nil: null }),
    fc.oneof({ weight: 6, arbitrary: fc.uniqueArray(botoSection, { maxLength: 3, selector: (section) => section[0] }) }, { weight: 1, arbitrary: fc.array(botoSection, { maxLength: 3 }) }),
    fc.constantFrom('\n', '\n', '\r\n'),
  )
  .map(([preamble, sections, end]) => [...(preamble === null ? [] : [preamble]), ...sections.flat()].map((line) => line + end).join(''));

function ours(read: LegacyFileRead | null): BotocoreLegacyLoad['state'] | { state: 'keys'; accessKeyId: string; secretAccessKey: string } {
  if (read === null) return 'none';
  if (read.state === 'error') return 'error';
  return { state: 'keys', accessKeyId: read.credentials.accessKeyId, secretAccessKey: read.credentials.secretAccessKey };
}

function theirs(load: BotocoreLegacyLoad): ReturnType<typeof ours> {
  return load.state === 'keys' ? { state: 'keys', accessKeyId: load.accessKeyId, secretAccessKey: load.secretAccessKey } : load.state;
}

for (const [provider, files, count, seed] of [
  ['ec2-credentials-file', ec2File, 1_200, 2101],
  ['boto-config', botoFile, 1_200, 2102],
] as const) {
  test(`${count} random ${provider} files load as botocore's provider loads them: 0 mismatches`, (t) => {
    const samples = fc.sample(files as fc.Arbitrary<string>, { numRuns: count, seed });
    withTempHome({}, (home) => {
      const paths = samples.map((content, index) => {
        const path = join(home.home, `legacy-${index}`);
        writeFileSync(path, content, 'utf8');
        return path;
      });
      const judged = botocoreLegacyLoads(paths.map((path) => ({ path, provider })));
      const mismatches: string[] = [];
      paths.forEach((path, index) => {
        const environment = { ...home.environment, env: { ...home.env, ...(provider === 'ec2-credentials-file' ? { AWS_CREDENTIAL_FILE: path } : { BOTO_CONFIG: path }) } };
        const read = provider === 'ec2-credentials-file' ? readEc2CredentialFile(environment) : readBotoConfig(environment);
        const mine = ours(read);
        const expected = theirs(judged[index]!);
        try {
          assert.deepEqual(mine, expected);
        } catch {
          mismatches.push(`${JSON.stringify(samples[index])}: botocore ${JSON.stringify(judged[index])}, Rolekeeper ${JSON.stringify(mine)}`);
        }
      });
      const outcomes = new Set(judged.map((load) => load.state));
      const counts = judged.reduce<Record<string, number>>((sum, load) => ({ ...sum, [load.state]: (sum[load.state] ?? 0) + 1 }), {});
      t.diagnostic(JSON.stringify(counts));
      t.diagnostic(JSON.stringify(judged.reduce<Record<string, number>>((sum, load) => (load.state === 'error' ? { ...sum, [load.error]: (sum[load.error] ?? 0) + 1 } : sum), {})));
      assert.ok(outcomes.has('keys') && outcomes.has('none') && outcomes.has('error'), `the samples reach keys, none and errors: ${JSON.stringify(counts)}`);
      assert.deepEqual(mismatches.slice(0, 10), [], `${mismatches.length} of ${count} differ`);
    });
  });
}
