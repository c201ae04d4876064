// The two providers both AWS CLIs still try after every profile provider: the EC2 tools'
// AWS_CREDENTIAL_FILE and boto2's config (BOTO_CONFIG, else /etc/boto.cfg, then ~/.boto). The
// resolver's answer is held against `aws configure list` of the real CLI v1 and v2.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { makeTempHome, type TempHome } from '../../helpers/temp-home';
import { AWS_CLIS } from '../../helpers/aws-cli';
import { loadProfiles } from '../../../src/main/core/aws-config/profile-loader';
import { resolveCliCredentials } from '../../../src/main/core/credentials/credential-resolver';

interface Case {
  name: string;
  config?: string;
  credentials?: string;
  files?: Record<string, string>;
  env?: Record<string, string>;
  profile?: string;
  /** What the resolver and both CLIs must agree on: provider and the key's last 4, or none. */
  expected: { provider: string; last4: string } | null;
}

const EC2 = 'AWSAccessKeyId=AKIAEC2EC2EC2EC2EC21\nAWSSecretKey=ec2secret\n';
const BOTO = '[Credentials]\naws_access_key_id = AKIABOTOBOTOBOTOBOT1\naws_secret_access_key = botosecret\n';

const CASES: Case[] = [
  { name: 'AWS_CREDENTIAL_FILE alone', files: { 'ec2.txt': EC2 }, env: { AWS_CREDENTIAL_FILE: '~/ec2.txt' }, expected: { provider: 'ec2-credentials-file', last4: 'EC21' } },
  { name: 'Python line ends and white space', files: { 'ec2.txt': '\u001fAWSAccessKeyId\u00a0= AKIAEC2EC2EC2EC2WS42\u3000\r\nAWSSecretKey=s\u001cAWSAccessKeyId\u0085=AKIANOTAKEYNOTAKEY99\rjunk line\n' }, env: { AWS_CREDENTIAL_FILE: '~/ec2.txt' }, expected: { provider: 'ec2-credentials-file', last4: 'WS42' } },
  { name: 'the last AWSAccessKeyId line wins', files: { 'ec2.txt': `${EC2}AWSAccessKeyId=AKIAEC2EC2EC2EC2LAST\n` }, env: { AWS_CREDENTIAL_FILE: '~/ec2.txt' }, expected: { provider: 'ec2-credentials-file', last4: 'LAST' } },
  { name: '~/.boto alone', files: { '.boto': BOTO }, expected: { provider: 'boto-config', last4: 'BOT1' } },
  { name: 'AWS_CREDENTIAL_FILE before boto', files: { '.boto': BOTO, 'ec2.txt': EC2 }, env: { AWS_CREDENTIAL_FILE: '~/ec2.txt' }, expected: { provider: 'ec2-credentials-file', last4: 'EC21' } },
  { name: 'BOTO_CONFIG replaces ~/.boto', files: { '.boto': BOTO, 'other.cfg': BOTO.replace('BOT1', 'BOT2') }, env: { BOTO_CONFIG: '~/other.cfg' }, expected: { provider: 'boto-config', last4: 'BOT2' } },
  { name: 'a missing BOTO_CONFIG file means no boto credentials at all', files: { '.boto': BOTO }, env: { BOTO_CONFIG: '~/absent.cfg' }, expected: null },
  { name: 'a boto file without [Credentials]', files: { '.boto': '[Boto]\ndebug = 0\n' }, expected: null },
  { name: 'a profile with keys wins over both', credentials: '[default]\naws_access_key_id = AKIAPROFILEPROFILE01\naws_secret_access_key = p\n', files: { '.boto': BOTO, 'ec2.txt': EC2 }, env: { AWS_CREDENTIAL_FILE: '~/ec2.txt' }, expected: { provider: 'shared-credentials-file', last4: 'LE01' } },
  { name: 'a named profile without credentials falls through to them', config: '[profile plain]\nregion = eu-west-1\n', files: { '.boto': BOTO }, profile: 'plain', expected: { provider: 'boto-config', last4: 'BOT1' } },
];

/** `aws configure list`'s access_key row: its type column and the key's last 4. */
function fromRealCli(binary: string, home: TempHome, profile: string | undefined): { provider: string; last4: string } | null {
  const args = ['configure', 'list', ...(profile ? ['--profile', profile] : [])];
  const result = spawnSync(binary, args, { env: home.env, encoding: 'utf8', timeout: 60_000 });
  assert.equal(result.status, 0, result.stderr);
  const row = result.stdout.split('\n').find((line) => line.trim().startsWith('access_key'));
  const match = row?.match(/\*+(\S{4})\s+(\S+)/);
  return match ? { provider: match[2], last4: match[1] } : null;
}

test('the resolver finds what both AWS CLIs find in AWS_CREDENTIAL_FILE and the boto2 config, in their order', (t) => {
  if (existsSync('/etc/boto.cfg')) t.diagnostic('/etc/boto.cfg exists on this machine: cases without BOTO_CONFIG also read it, on both sides');
  for (const item of CASES) {
    const home = makeTempHome({ config: item.config ?? '', credentials: item.credentials ?? '', env: item.env ?? {} });
    try {
      for (const [file, content] of Object.entries(item.files ?? {})) home.write(file, content);
      const resolution = resolveCliCredentials({ environment: home.environment, profiles: loadProfiles(home.environment), profile: item.profile ?? null, now: new Date() });
      const ours = resolution.state === 'readable' ? { provider: resolution.provider, last4: resolution.credentials.accessKeyId.slice(-4) } : null;
      assert.deepEqual(ours, item.expected, `${item.name}: resolver ${JSON.stringify(resolution)}`);
      for (const cli of AWS_CLIS) assert.deepEqual(fromRealCli(cli.binary, home, item.profile), item.expected, `${item.name}: ${cli.name}`);
    } finally {
      home.cleanup();
    }
  }
});

test('an AWS_CREDENTIAL_FILE that does not exist is an error, as the AWS CLIs make it', () => {
  const home = makeTempHome({ config: '', credentials: '', env: { AWS_CREDENTIAL_FILE: '~/absent.txt' } });
  try {
    const resolution = resolveCliCredentials({ environment: home.environment, profiles: loadProfiles(home.environment), profile: null, now: new Date() });
    assert.equal(resolution.state, 'error');
    assert.equal(resolution.state === 'error' && resolution.message, `The specified config file (${home.home}/absent.txt) could not be found.`);
  } finally {
    home.cleanup();
  }
});

interface ErrorCase {
  name: string;
  files: Record<string, string>;
  env?: Record<string, string>;
  /** The last line the real CLIs print on stderr. */
  cliSays: (home: TempHome) => string;
  /** The resolver's message and the line it points at (null: no line, the file is missing). */
  ours: (home: TempHome) => { message: string; line: number | null };
}

const ERROR_CASES: ErrorCase[] = [
  {
    name: 'AWS_CREDENTIAL_FILE expands ~ but no variables',
    files: { 'ec2.txt': EC2 },
    env: { AWS_CREDENTIAL_FILE: '$HOME/ec2.txt' },
    cliSays: () => 'The specified config file ($HOME/ec2.txt) could not be found.',
    ours: () => ({ message: 'The specified config file ($HOME/ec2.txt) could not be found.', line: null }),
  },
  {
    name: 'an AWSAccessKeyId without AWSSecretKey',
    files: { 'ec2.txt': '# old tools\nAWSAccessKeyId=AKIAEC2EC2EC2EC2EC21\n' },
    env: { AWS_CREDENTIAL_FILE: '~/ec2.txt' },
    // botocore's bare KeyError; the resolver says it as botocore's other providers do.
    cliSays: () => "'AWSSecretKey'",
    ours: () => ({ message: 'Partial credentials found in ec2-credentials-file, missing: AWSSecretKey', line: 2 }),
  },
  {
    name: 'a boto [Credentials] without aws_secret_access_key',
    files: { '.boto': '[Boto]\ndebug = 0\n[Credentials]\naws_access_key_id = AKIABOTOBOTOBOTOBOT1\n' },
    cliSays: () => 'Partial credentials found in boto-config, missing: aws_secret_access_key',
    ours: () => ({ message: 'Partial credentials found in boto-config, missing: aws_secret_access_key', line: 4 }),
  },
];

test('where the AWS CLIs fail on these files, the resolver fails with their words and the line', () => {
  for (const item of ERROR_CASES) {
    const home = makeTempHome({ config: '', credentials: '', env: item.env ?? {} });
    try {
      for (const [file, content] of Object.entries(item.files)) home.write(file, content);
      for (const cli of AWS_CLIS) {
        const result = spawnSync(cli.binary, ['sts', 'get-caller-identity'], { env: home.env, encoding: 'utf8', timeout: 60_000 });
        assert.notEqual(result.status, 0, `${item.name}: ${cli.name} succeeded`);
        assert.equal(result.stderr.trim().split('\n').at(-1), item.cliSays(home), `${item.name}: ${cli.name}`);
      }
      const resolution = resolveCliCredentials({ environment: home.environment, profiles: loadProfiles(home.environment), profile: null, now: new Date() });
      assert.equal(resolution.state, 'error', `${item.name}: ${JSON.stringify(resolution)}`);
      if (resolution.state !== 'error') continue;
      const expected = item.ours(home);
      assert.equal(resolution.message, expected.message, item.name);
      const line = resolution.location?.kind === 'file' ? resolution.location.line : null;
      assert.equal(line, expected.line, item.name);
    } finally {
      home.cleanup();
    }
  }
});
