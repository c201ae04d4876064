// The one reader of IAM Identity Center's token files: what `list` and `doctor` show and what a
// refresh uses come from the same read, so they cannot disagree about a file. Missing and broken
// files are told apart, never with the token in the message.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { symlinkSync } from 'node:fs';
import { join } from 'node:path';
import { makeTempHome } from '../../helpers/temp-home';
import { ssoTokenCacheKey } from '../../../src/main/core/caches/sso-cache';
import { readSsoTokenFile } from '../../../src/main/core/sso/sso-token-file';
import { ssoTokenLayer } from '../../../src/main/core/credentials/credential-state';

const SESSION_FILE = `.aws/sso/cache/${ssoTokenCacheKey({ ssoSession: 'my-sso' })}.json`;

test('a login token is read with its expiry and refresh token; missing and broken ones are told apart', (t) => {
  const home = makeTempHome();
  t.after(() => home.cleanup());
  const dir = join(home.home, '.aws', 'sso', 'cache');
  assert.equal(readSsoTokenFile(dir, { ssoSession: 'my-sso' }).status, 'missing');
  home.write(SESSION_FILE, JSON.stringify({ startUrl: 'https://x/start', region: 'eu-west-1', accessToken: 'SECRET-TOKEN', expiresAt: '2030-01-02T03:04:05Z', refreshToken: 'r' }));
  const read = readSsoTokenFile(dir, { ssoSession: 'my-sso' });
  assert.ok(read.status === 'ok');
  assert.equal(read.record.expiresAt.toISOString(), '2030-01-02T03:04:05.000Z');
  assert.equal(read.record.region, 'eu-west-1');
  assert.equal(read.record.refreshToken, 'r');

  const legacyUrl = 'https://legacy/start';
  home.write(`.aws/sso/cache/${ssoTokenCacheKey({ startUrl: legacyUrl })}.json`, JSON.stringify({ accessToken: 'SECRET-TOKEN', expiresAt: '2030-01-02T03:04:05.123Z' }));
  const legacy = readSsoTokenFile(dir, { startUrl: legacyUrl });
  assert.ok(legacy.status === 'ok');
  assert.equal(legacy.record.expiresAt.getTime(), Date.UTC(2030, 0, 2, 3, 4, 5, 123));
  assert.equal(legacy.record.refreshToken, null);

  const invalid = (session: string, content: string): string => {
    home.write(`.aws/sso/cache/${ssoTokenCacheKey({ ssoSession: session })}.json`, content);
    const result = readSsoTokenFile(dir, { ssoSession: session });
    assert.ok(result.status === 'invalid', `${session}: ${result.status}`);
    assert.ok(result.message.includes(result.file) && !result.message.includes('SECRET'), result.message);
    return result.message;
  };
  invalid('broken', '{"accessToken": "SECRET-TOKEN", ');
  invalid('no-exp', JSON.stringify({ accessToken: 'SECRET-TOKEN' }));
  invalid('empty-token', JSON.stringify({ accessToken: '', expiresAt: '2030-01-02T03:04:05Z' }));
  // botocore compares the expiry with an aware datetime: a time without zone breaks it.
  invalid('naive', JSON.stringify({ accessToken: 'SECRET-TOKEN', expiresAt: '2030-01-02T03:04:05' }));
});

test('list and doctor read a token file exactly as the refresh does: a "…UTC" time is valid, a symlinked file is not', (t) => {
  const home = makeTempHome();
  t.after(() => home.cleanup());
  const dir = join(home.home, '.aws', 'sso', 'cache');
  const now = new Date(Date.UTC(2029, 0, 1));
  home.write(SESSION_FILE, JSON.stringify({ accessToken: 'SECRET-TOKEN', expiresAt: '2030-01-02 03:04:05UTC' }));
  const utc = readSsoTokenFile(dir, { ssoSession: 'my-sso' });
  assert.equal(utc.status, 'ok');
  assert.equal(ssoTokenLayer(utc, now).status, 'valid');

  home.write('elsewhere.json', JSON.stringify({ accessToken: 'SECRET-TOKEN', expiresAt: '2030-01-02T03:04:05Z' }));
  const linked = `.aws/sso/cache/${ssoTokenCacheKey({ ssoSession: 'linked' })}.json`;
  symlinkSync(join(home.home, 'elsewhere.json'), join(home.home, linked));
  const layer = ssoTokenLayer(readSsoTokenFile(dir, { ssoSession: 'linked' }), now);
  assert.equal(layer.status, 'error');
  assert.ok(!JSON.stringify(layer).includes('SECRET'));
});
