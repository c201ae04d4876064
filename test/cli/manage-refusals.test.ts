// `rolekeeper manage` must never take over someone's only copy of their long-term keys.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { loadProfiles } from '../../src/main/core/aws-config/profile-loader';
import { writeManagedKeys } from '../../src/main/core/sinks/managed-keys';
import { HeldCredentials } from '../../src/main/core/sinks/held-credentials';
import { readStore } from '../../src/main/core/credentials/rolekeeper-store';
import { runCli } from '../helpers/run-cli';
import { makeTempHome } from '../helpers/temp-home';

const ROLE = 'arn:aws:iam::123456789012:role/ops';
const CREDENTIALS = [
  '[ci]',
  'aws_access_key_id = AKIALONGTERMKEY00001',
  'aws_secret_access_key = only-copy-of-this-secret',
  '',
  '[odd]',
  'aws_access_key_id = SOMEKEYWITHOUTTOKEN1',
  'aws_secret_access_key = also-maybe-long-term',
  '',
  '[src]',
  'aws_access_key_id = AKIASOURCEKEY0000001',
  'aws_secret_access_key = source-secret',
  '',
].join('\n');

test('manage refuses a profile holding long-term keys and leaves every file as it was', (t) => {
  const home = makeTempHome({ credentials: CREDENTIALS, config: '' });
  t.after(() => home.cleanup());
  for (const name of ['ci', 'odd']) {
    const result = runCli(['manage', name, '--role-arn', ROLE, '--source-profile', 'src'], home.env);
    assert.equal(result.code, 1, result.stderr);
    assert.match(result.stderr, new RegExp(`^rolekeeper: profile "${name}" holds long-term access keys \\(.*credentials:\\d+\\); managing it would overwrite them for good`));
    assert.ok(!result.stderr.includes('only-copy-of-this-secret'));
  }
  assert.equal(readFileSync(home.credentialsFile, 'utf8'), CREDENTIALS);
  assert.deepEqual(readStore(home.environment).managed, {});
});

test('manage refuses a source profile whose chain leads back to the managed profile', (t) => {
  const config = `[profile a]\nrole_arn = ${ROLE}\nsource_profile = m\n`;
  const home = makeTempHome({ credentials: CREDENTIALS, config });
  t.after(() => home.cleanup());
  const result = runCli(['manage', 'm', '--role-arn', ROLE, '--source-profile', 'a'], home.env);
  assert.equal(result.code, 2);
  assert.match(result.stderr, /--source-profile "a" takes its credentials from "m" \(a -> m\): that would be a cycle/);
});

test('the managed-keys writer itself refuses long-term keys, even when the store was edited by hand', async (t) => {
  const home = makeTempHome({ credentials: CREDENTIALS, config: '' });
  t.after(() => home.cleanup());
  const store = readStore(home.environment);
  store.managed.ci = { roleArn: ROLE, sourceProfile: 'src' };
  await assert.rejects(
    writeManagedKeys('ci', { accessKeyId: 'ASIANEWNEWNEW0000001', secretAccessKey: 'new', sessionToken: 'token' }, { environment: home.environment, profiles: loadProfiles(home.environment), store, held: new HeldCredentials(false), now: Date.now }),
    /Profile "ci" holds long-term access keys .*; Rolekeeper will not overwrite them/,
  );
  assert.equal(readFileSync(home.credentialsFile, 'utf8'), CREDENTIALS);
});
