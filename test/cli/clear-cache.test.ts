import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { makeTempHome } from '../helpers/temp-home';
import { runCli } from '../helpers/run-cli';
import { assumeRoleCacheKey } from '../../src/main/core/caches/cli-cache-key';

const CONFIG = `[profile base]
aws_access_key_id = AKIAIOSFODNN7EXAMPLE
aws_secret_access_key = wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY
[profile dev]
role_arn = arn:aws:iam::123456789012:role/dev
source_profile = base
duration_seconds = 1800
`;

test('clear-cache --all removes every entry and prints each removed file', () => {
  const home = makeTempHome({ config: CONFIG });
  try {
    const a = home.write('.aws/cli/cache/aaa.json', '{}');
    const b = home.write('.aws/cli/cache/bbb.json', 'corrupt');
    const result = runCli(['clear-cache', '--all'], home.env);
    assert.equal(result.code, 0, result.stderr);
    assert.equal(result.stdout, `removed ${a}\nremoved ${b}\n`);
    assert.deepEqual(readdirSync(join(home.home, '.aws', 'cli', 'cache')), []);
    const again = runCli(['clear-cache', '--all', '--json'], home.env);
    assert.deepEqual(JSON.parse(again.stdout).removed, []);
  } finally {
    home.cleanup();
  }
});

test('clear-cache PROFILE removes only the entry the CLI would read for that profile', () => {
  const home = makeTempHome({ config: CONFIG });
  try {
    const key = assumeRoleCacheKey({ roleArn: 'arn:aws:iam::123456789012:role/dev', durationSeconds: 1800 });
    const mine = home.write(`.aws/cli/cache/${key}.json`, '{}');
    const other = home.write('.aws/cli/cache/other.json', '{}');
    const result = runCli(['clear-cache', 'dev'], home.env);
    assert.equal(result.code, 0, result.stderr);
    assert.equal(result.stdout, `removed ${mine}\n`);
    assert.ok(existsSync(other));
  } finally {
    home.cleanup();
  }
});

test('clear-cache without a selection, with both, or with an unknown profile is a one-line usage error', () => {
  const home = makeTempHome({ config: CONFIG });
  try {
    for (const args of [['clear-cache'], ['clear-cache', 'dev', '--all'], ['clear-cache', 'nope']]) {
      const result = runCli(args, home.env);
      assert.equal(result.code, 2, args.join(' '));
      assert.equal(result.stderr.trim().split('\n').length, 1);
      assert.match(result.stderr, /^rolekeeper: /);
    }
    const plain = runCli(['clear-cache', 'base'], home.env);
    assert.equal(plain.code, 1);
    assert.match(plain.stderr, /"base" \(type static\) has no AWS CLI cache entry/);
  } finally {
    home.cleanup();
  }
});
