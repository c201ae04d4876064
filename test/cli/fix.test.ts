// `rolekeeper fix` without STS: --dry-run changes nothing (the calling shell included), a real run
// carries out the plan, puts only shell lines on stdout and the report on stderr.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { makeTempHome } from '../helpers/temp-home';
import { runCli } from '../helpers/run-cli';

const BASHRC = '# mine\nexport AWS_SESSION_TOKEN=FwoGZXIvYXdzInBashrc\nexport EDITOR=vi\n';

test('fix --dry-run prints the plan on stderr and changes nothing; fix carries it out with only shell lines on stdout', () => {
  const home = makeTempHome({ config: '[profile r]\nrole_arn = arn:aws:iam::123456789012:role/R\nsource_profile = s\n', credentials: '' });
  try {
    const bashrc = home.write('.bashrc', BASHRC);
    const orphan = home.write(join('.aws', 'cli', 'cache', 'ffffffffffffffffffffffffffffffffffffffff.json'), JSON.stringify({ Credentials: { AccessKeyId: 'ASIAORPHAN', SecretAccessKey: 's', SessionToken: 't', Expiration: '2020-01-01T00:00:00Z' } }));
    const env = { ...home.env, SHELL: '/bin/bash', AWS_SECURITY_TOKEN: 'FwoGZXIvYXdzStale' };

    const dry = runCli(['fix', '--offline', '--dry-run', '--shell', 'fish'], env);
    assert.equal(dry.code, 0, dry.stderr);
    assert.equal(dry.stdout, '', 'a dry run gives the calling shell nothing to run');
    assert.match(dry.stderr, /^The repair \(\d+ steps\):\n/);
    assert.ok(dry.stderr.includes(`remove AWS_SESSION_TOKEN from ${bashrc}:2`), dry.stderr);
    assert.ok(dry.stderr.includes(`remove ${orphan}`), dry.stderr);
    assert.match(dry.stderr, /in this shell: set -e AWS_ACCESS_KEY_ID; set -e AWS_SECRET_ACCESS_KEY; set -e AWS_SESSION_TOKEN; set -e AWS_SECURITY_TOKEN; set -e AWS_CREDENTIAL_EXPIRATION\n/);
    assert.equal(readFileSync(bashrc, 'utf8'), BASHRC);
    assert.ok(existsSync(orphan));

    const fixed = runCli(['fix', '--offline', '--yes', '--shell', 'fish'], env);
    assert.equal(fixed.code, 0, fixed.stderr);
    assert.equal(fixed.stdout, ['AWS_ACCESS_KEY_ID', 'AWS_SECRET_ACCESS_KEY', 'AWS_SESSION_TOKEN', 'AWS_SECURITY_TOKEN', 'AWS_CREDENTIAL_EXPIRATION'].map((name) => `set -e ${name}\n`).join(''));
    assert.equal(readFileSync(bashrc, 'utf8'), '# mine\nexport EDITOR=vi\n');
    assert.ok(!existsSync(orphan));
    assert.ok(!fixed.stderr.includes('FwoGZXIvYXdz'), 'no token printed');

    const again = runCli(['fix', '--offline', '--yes', '--shell', 'bash'], { ...home.env, SHELL: '/bin/bash' });
    assert.equal(again.stdout, '');
    assert.match(again.stderr, /^Nothing to repair\.\n/);
  } finally {
    home.cleanup();
  }
});
