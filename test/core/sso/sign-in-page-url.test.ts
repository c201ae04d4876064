// Which sign-in pages the tray hands to the OS browser (shell.openExternal): https, or http on the
// loopback only; never another scheme, never credentials in the URL.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { isSignInPageUrl, signInPageHref, systemBrowserOpener } from '../../../src/main/core/sso/browser-opener';

test('https pages and loopback http pages may open in the browser', () => {
  for (const url of ['https://oidc.us-east-1.amazonaws.com/authorize?client_id=x', 'https://device.sso.us-east-1.amazonaws.com/?user_code=ABCD-EFGH', 'http://127.0.0.1:4321/authorize', 'http://localhost:1/x']) {
    assert.equal(isSignInPageUrl(url), true, url);
  }
});

test('other schemes, plain http elsewhere, credentials in the URL and non-URLs are refused', () => {
  for (const url of ['http://example.com/authorize', 'file:///etc/passwd', 'javascript:alert(1)', 'ms-settings:', 'https://user:pw@example.com/', 'not a url', '']) {
    assert.equal(isSignInPageUrl(url), false, url);
  }
});

test('the address opened is the one checked (normalised), and the CLI\'s system opener refuses what the tray refuses', async () => {
  assert.equal(signInPageHref('  https://device.example/?user_code=AB\tCD '), 'https://device.example/?user_code=ABCD');
  assert.equal(signInPageHref('https:\\\\device.example\\x'), 'https://device.example/x');
  // $BROWSER names a program that would succeed for anything: the refusal comes before it runs.
  const opener = systemBrowserOpener({ BROWSER: 'true' }, 'linux');
  assert.equal(await opener('file:///etc/passwd'), false);
  assert.equal(await opener('-x https://device.example/'), false);
  assert.equal(await opener('https://device.example/?user_code=ABCD'), true);
});
