// Doctor on keys in AWS_CREDENTIAL_FILE and the boto2 config: present, in use by `aws`, or winning
// over the container endpoint, each with the repair that fits.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { withTempHome, type TempHome } from '../../helpers/temp-home';
import { runDoctor } from '../../../src/main/core/doctor/doctor';
import type { AwsEnvironment } from '../../../src/main/core/model/aws-environment';
import type { Finding } from '../../../src/shared/profile-summary';
import { findingText } from '../../../src/shared/finding-wording';
import { translator } from '../../../src/shared/i18n';
import { assertNoEnglish } from '../../helpers/no-english';

const NOW = new Date('2030-06-01T12:00:00Z');
const BOTO_KEY = 'AKIABOTOBOTOBOTOBOT1';
const EC2_KEY = 'AKIAEC2EC2EC2EC2EC21';
const SECRET = 'botoSecretNeverShown/K7MDENG';
const BOTO = `[Boto]\ndebug = 0\n[Credentials]\naws_access_key_id = ${BOTO_KEY}\naws_secret_access_key = ${SECRET}\n`;
const EC2 = `AWSAccessKeyId=${EC2_KEY}\nAWSSecretKey=${SECRET}\n`;

function legacy(home: TempHome, env: Record<string, string> = {}): Finding[] {
  const environment: AwsEnvironment = { env: { ...home.env, SHELL: '/bin/bash', ...env }, platform: 'linux', homeDir: home.home };
  const findings = runDoctor({ environment, now: NOW, managedProfiles: new Set() });
  const text = JSON.stringify(findings);
  for (const secret of [SECRET, BOTO_KEY, EC2_KEY]) assert.ok(!text.includes(secret), `a finding holds ${secret.slice(0, 6)}…`);
  return findings.filter((item) => item.code.startsWith('legacy-credential-'));
}

test('keys in ~/.boto that `aws` signs with because the default profile has none are a warning naming the file and line', () => {
  withTempHome({ config: '[default]\nregion = eu-west-1\n', credentials: '' }, (home) => {
    home.write('.boto', BOTO);
    const [found, ...rest] = legacy(home);
    assert.equal(rest.length, 0);
    assert.equal(found.code, 'legacy-credential-keys');
    assert.equal(found.severity, 'warning');
    assert.equal(found.profile, 'default');
    assert.equal(found.file, `${home.home}/.boto`);
    assert.equal(found.line, 4);
    assert.match(found.message, /The AWS CLI signs with long-term keys \(\*+BOT1\) from .*\/\.boto:4 \(the boto2 config\): profile "default" has no credentials of its own/);
    assert.deepEqual(found.repair, []);
    assert.equal(found.fix, null);
    assert.match(found.advice ?? '', /delete aws_access_key_id and aws_secret_access_key from \[Credentials\] in .*\/\.boto/);
  });
});

test('the same keys behind a default profile with keys of its own are only reported', () => {
  withTempHome({ config: '', credentials: '[default]\naws_access_key_id = AKIADEFAULTDEFAULT01\naws_secret_access_key = d\n' }, (home) => {
    home.write('.boto', BOTO);
    const [found] = legacy(home);
    assert.equal(found.severity, 'info');
    assert.equal(found.profile, null);
    assert.match(found.message, /holds long-term keys .*they win over a container endpoint/);
  });
});

test('keys in a boto2 config that win over the container endpoint are an error whose fix points BOTO_CONFIG at no file', () => {
  withTempHome({ config: '[profile rolekeeper-endpoint]\n', credentials: '' }, (home) => {
    home.write('elsewhere.cfg', BOTO);
    const [found] = legacy(home, { BOTO_CONFIG: '~/elsewhere.cfg', AWS_PROFILE: 'rolekeeper-endpoint', AWS_CONTAINER_CREDENTIALS_FULL_URI: 'http://127.0.0.1:20001/v1/credentials/x', AWS_CONTAINER_AUTHORIZATION_TOKEN: 't' });
    assert.equal(found.severity, 'error');
    assert.equal(found.profile, 'rolekeeper-endpoint');
    assert.match(found.message, /^AWS_CONTAINER_CREDENTIALS_FULL_URI is set, but .*elsewhere\.cfg:4 \(the boto2 config\) holds long-term keys/);
    assert.deepEqual(found.repair, [{ kind: 'set-variable', name: 'BOTO_CONFIG', value: '/dev/null' }]);
    assert.match(found.fix ?? '', /^export BOTO_CONFIG='?\/dev\/null'?$/m);
    // With BOTO_CONFIG pointing at no file, nothing is left to report.
    assert.deepEqual(legacy(home, { BOTO_CONFIG: '/dev/null', AWS_PROFILE: 'rolekeeper-endpoint', AWS_CONTAINER_CREDENTIALS_FULL_URI: 'http://127.0.0.1:20001/v1/credentials/x' }), []);
  });
});

test('AWS_CREDENTIAL_FILE comes first: its keys are in use, the boto keys behind it only reported, and its repair unsets it', () => {
  withTempHome({ config: '', credentials: '' }, (home) => {
    home.write('.boto', BOTO);
    home.write('ec2.txt', EC2);
    const findings = legacy(home, { AWS_CREDENTIAL_FILE: '~/ec2.txt' });
    assert.deepEqual(findings.map((item) => [item.severity, item.file, item.line]), [
      ['warning', `${home.home}/ec2.txt`, 1],
      ['info', `${home.home}/.boto`, 4],
    ]);
    assert.deepEqual(findings[0].repair, [{ kind: 'unset-variables', names: ['AWS_CREDENTIAL_FILE'] }]);
    assert.match(findings[0].fix ?? '', /^unset AWS_CREDENTIAL_FILE$/m);
  });
});

test('an AWS_CREDENTIAL_FILE that is missing breaks `aws` for a profile without credentials: an error with botocore\'s words', () => {
  withTempHome({ config: '', credentials: '' }, (home) => {
    const [found] = legacy(home, { AWS_CREDENTIAL_FILE: '~/gone.txt' });
    assert.equal(found.code, 'legacy-credential-file');
    assert.equal(found.severity, 'error');
    assert.match(found.message, /makes the AWS CLI fail for profile "default".*"The specified config file \(.*gone\.txt\) could not be found\."/);
    assert.deepEqual(found.repair, [{ kind: 'unset-variables', names: ['AWS_CREDENTIAL_FILE'] }]);
  });
});

test('no AWS_CREDENTIAL_FILE and no boto2 config with keys: nothing', () => {
  withTempHome({ config: '', credentials: '' }, (home) => {
    home.write('.boto', '[Boto]\ndebug = 0\n');
    assert.deepEqual(legacy(home), []);
  });
});

test('every one of these findings reads in German, its advice too, with botocore\'s own words left as they are', () => {
  const german = translator('de_DE.UTF-8');
  const texts: string[] = [];
  const quoted: string[] = [];
  const collect = (findings: Finding[]): void => {
    for (const item of findings) {
      assert.ok(item.wording, `${item.code} has no phrase`);
      const text = findingText(item, german);
      texts.push(`${text.message}\n${text.advice ?? ''}`);
    }
  };
  withTempHome({ config: '[profile rolekeeper-endpoint]\n', credentials: '' }, (home) => {
    home.write('.boto', BOTO);
    home.write('ec2.txt', EC2);
    collect(legacy(home));
    collect(legacy(home, { AWS_CREDENTIAL_FILE: '~/ec2.txt' }));
    collect(legacy(home, { AWS_PROFILE: 'rolekeeper-endpoint', AWS_CONTAINER_CREDENTIALS_FULL_URI: 'http://127.0.0.1:20001/v1/credentials/x' }));
    collect(legacy(home, { AWS_CREDENTIAL_FILE: '~/gone.txt' }));
    quoted.push(`The specified config file (${home.home}/gone.txt) could not be found.`);
  });
  const all = texts.join('\n');
  assert.match(all, /Die AWS CLI signiert mit langfristigen Schlüsseln/);
  assert.match(all, /lässt die AWS CLI für Profil "default" scheitern/);
  assertNoEnglish(all, 'the legacy-file findings in German', quoted);
});
