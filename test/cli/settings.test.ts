import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { storeFilePath } from '../../src/main/core/model/aws-environment';
import { runCli } from '../helpers/run-cli';
import { makeTempHome } from '../helpers/temp-home';

test('settings shows the defaults, stores changes in the shared store, and keeps the rest of it', (t) => {
  const home = makeTempHome({ config: '[profile r]\nrole_arn = arn:aws:iam::123456789012:role/r\nsource_profile = s\n[profile s]\nregion = eu-west-1\n' });
  t.after(() => home.cleanup());
  const defaults = JSON.parse(runCli(['settings', '--json'], home.env).stdout);
  assert.deepEqual(defaults, { refreshLeadSeconds: 1200, notifyLeadSeconds: 600, useMfaSession: false, mfaSessionSeconds: 43200, endpointPort: 0 });

  assert.equal(runCli(['keep', 'r'], home.env).code, 0);
  const changed = runCli(['settings', '--lead', '14m30s', '--mfa-session', 'on', '--mfa-session-duration', '8h'], home.env);
  assert.equal(changed.code, 0, changed.stderr);
  assert.match(changed.stdout, /refresh lead\s+14m 30s before expiry/);
  assert.match(changed.stdout, /MFA session\s+on, 8h 00m per code/);
  const store = JSON.parse(readFileSync(storeFilePath(home.environment), 'utf8'));
  assert.equal(store.settings.refreshLeadSeconds, 870);
  assert.equal(store.settings.useMfaSession, true);
  assert.equal(store.settings.mfaSessionSeconds, 8 * 3600);
  assert.deepEqual(store.kept, ['r'], 'other parts of the store are untouched');
});

test('settings refuses values out of range with a usage error and changes nothing', (t) => {
  const home = makeTempHome();
  t.after(() => home.cleanup());
  for (const args of [['--lead', '5s'], ['--mfa-session', 'maybe'], ['--mfa-session-duration', '40h'], ['--endpoint-port', '80'], ['--lead', 'soon']]) {
    const result = runCli(['settings', ...args], home.env);
    assert.equal(result.code, 2, args.join(' '));
    assert.match(result.stderr, /^rolekeeper: --/);
  }
  assert.equal(JSON.parse(runCli(['settings', '--json'], home.env).stdout).refreshLeadSeconds, 1200);
});
