import { test } from 'node:test';
import assert from 'node:assert/strict';
import { makeTempHome } from '../../helpers/temp-home';
import { loadProfiles } from '../../../src/main/core/aws-config/profile-loader';
import { keysOfProfile, sessionKeyExpiry } from '../../../src/main/core/credentials/profile-keys';

test('keys of a profile take aws_security_token before aws_session_token, as botocore does, and read aws_session_expiration', (t) => {
  const home = makeTempHome({
    credentials: '[pasted]\naws_access_key_id = ASIAPASTED\naws_secret_access_key = s\naws_session_token = newer\naws_security_token = older\naws_session_expiration = 2030-01-02T03:04:05+00:00\n',
  });
  t.after(() => home.cleanup());
  const profile = loadProfiles(home.environment).get('pasted');
  assert.ok(profile);
  const keys = keysOfProfile(profile);
  assert.equal(keys?.sessionToken, 'older');
  assert.equal(keys?.expiration?.toISOString(), '2030-01-02T03:04:05.000Z');
});

test('an expiry without a time zone is no expiry: the keys come back without one and the status names the setting', (t) => {
  const home = makeTempHome({
    credentials: '[pasted]\naws_access_key_id = ASIAPASTED\naws_secret_access_key = s\naws_session_token = t\nx_security_token_expires = 2030-01-02 03:04:05\n',
  });
  t.after(() => home.cleanup());
  const profile = loadProfiles(home.environment).get('pasted');
  assert.ok(profile);
  assert.equal(keysOfProfile(profile)?.expiration, undefined);
  const expiry = sessionKeyExpiry(profile);
  assert.equal(expiry?.key, 'x_security_token_expires');
  assert.equal(expiry?.expiresAt, null);
});
