import { test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { makeTempHome } from '../../helpers/temp-home';
import {
  readSsoToken,
  ssoRoleCacheInput,
  ssoRoleCacheKey,
  ssoTokenCacheKey,
  ssoTokenFilePath,
} from '../../../src/main/core/caches/sso-cache';

test('the SSO token file is named after the sso-session name, else the start URL as written', () => {
  assert.equal(ssoTokenCacheKey({ ssoSession: 'my-sso' }), '0ad374308c5a4e22f723adf10145eafad7c4031c');
  assert.equal(ssoTokenCacheKey({ ssoSession: 'my-sso', startUrl: 'https://x.awsapps.com/start' }), '0ad374308c5a4e22f723adf10145eafad7c4031c');
  const withSlash = ssoTokenCacheKey({ startUrl: 'https://d-1.awsapps.com/start/' });
  const without = ssoTokenCacheKey({ startUrl: 'https://d-1.awsapps.com/start' });
  assert.notEqual(withSlash, without);
  assert.equal(ssoTokenFilePath('/c', { ssoSession: 'my-sso' }), join('/c', '0ad374308c5a4e22f723adf10145eafad7c4031c.json'));
  assert.throws(() => ssoTokenCacheKey({}), /sso_session or sso_start_url/);
});

test('the SSO role credential key uses compact separators and sessionName instead of startUrl', () => {
  assert.equal(
    ssoRoleCacheInput({ accountId: '1234567890', roleName: 'test-role', startUrl: 'https://d-92671207e4.awsapps.com/start' }),
    '{"accountId":"1234567890","roleName":"test-role","startUrl":"https://d-92671207e4.awsapps.com/start"}',
  );
  assert.equal(
    ssoRoleCacheKey({ accountId: '1234567890', roleName: 'test-role', startUrl: 'https://d-92671207e4.awsapps.com/start' }),
    '048db75bbe50955c16af7aba6ff9c41a3131bb7e',
  );
  assert.equal(
    ssoRoleCacheKey({ accountId: '123456789012', roleName: 'ReadOnly', sessionName: 'my-sso', startUrl: 'https://ignored' }),
    '31b260dab331b2af063485cea75f7b8b3cf54c71',
  );
});

test('a login token is read with its expiry, and missing or broken ones are told apart', () => {
  const home = makeTempHome();
  try {
    const dir = join(home.home, '.aws', 'sso', 'cache');
    assert.deepEqual(readSsoToken(dir, { ssoSession: 'my-sso' }).status, 'missing');
    home.write(
      '.aws/sso/cache/0ad374308c5a4e22f723adf10145eafad7c4031c.json',
      JSON.stringify({ startUrl: 'https://x/start', region: 'eu-west-1', accessToken: 'SECRET-TOKEN', expiresAt: '2030-01-02T03:04:05Z', refreshToken: 'r' }),
    );
    const read = readSsoToken(dir, { ssoSession: 'my-sso' });
    assert.equal(read.status, 'ok');
    if (read.status === 'ok') {
      assert.equal(read.token.expiresAt.toISOString(), '2030-01-02T03:04:05.000Z');
      assert.equal(read.token.region, 'eu-west-1');
      assert.equal(read.token.refreshable, true);
      assert.ok(!JSON.stringify(read).includes('SECRET-TOKEN'));
    }
    const legacyUrl = 'https://legacy/start';
    home.write(`.aws/sso/cache/${ssoTokenCacheKey({ startUrl: legacyUrl })}.json`, JSON.stringify({ accessToken: 'SECRET-TOKEN', expiresAt: '2030-01-02T03:04:05.123Z' }));
    const legacy = readSsoToken(dir, { startUrl: legacyUrl });
    assert.equal(legacy.status === 'ok' && legacy.token.expiresAt.getTime(), Date.UTC(2030, 0, 2, 3, 4, 5, 123));
    assert.equal(legacy.status === 'ok' && legacy.token.refreshable, false);

    home.write(`.aws/sso/cache/${ssoTokenCacheKey({ ssoSession: 'broken' })}.json`, '{"accessToken": "SECRET-TOKEN", ');
    const broken = readSsoToken(dir, { ssoSession: 'broken' });
    assert.equal(broken.status, 'invalid');
    assert.ok(broken.status === 'invalid' && broken.message.includes(broken.file) && !broken.message.includes('SECRET'));

    home.write(`.aws/sso/cache/${ssoTokenCacheKey({ ssoSession: 'no-exp' })}.json`, JSON.stringify({ accessToken: 'SECRET-TOKEN' }));
    assert.equal(readSsoToken(dir, { ssoSession: 'no-exp' }).status, 'invalid');
    home.write(`.aws/sso/cache/${ssoTokenCacheKey({ ssoSession: 'naive' })}.json`, JSON.stringify({ accessToken: 'x', expiresAt: '2030-01-02T03:04:05' }));
    assert.equal(readSsoToken(dir, { ssoSession: 'naive' }).status, 'invalid');
  } finally {
    home.cleanup();
  }
});
