import { test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import {
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
