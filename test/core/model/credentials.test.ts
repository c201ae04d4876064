import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import { RefreshError, failureText } from '../../../src/main/core/model/credentials';
import { translator, phrase } from '../../../src/shared/i18n';

test('a refresh failure is transient only for network, throttling and server errors; the rest need a person', () => {
  for (const kind of ['network', 'throttled', 'server-error'] as const) assert.equal(new RefreshError(kind, 'm', 'f').transient, true);
  for (const kind of ['mfa-required', 'access-denied', 'config'] as const) {
    const error = new RefreshError(kind, 'm', 'f');
    assert.equal(error.transient, false);
    assert.equal(error.needsYou, true);
  }
});

test('a worded failure is said in the reader’s language and keeps its English text as message', () => {
  const error = RefreshError.worded('config', phrase('vault.missing', { profile: 'user1' }), phrase('vault.missingFix', { command: 'rolekeeper vault add user1' }), 'user1');
  assert.match(error.message, /takes its keys from the OS keychain/);
  const german = failureText(error, translator('de'));
  assert.match(german.message, /Schlüsselbund/);
  assert.match(german.fix, /rolekeeper vault add user1/);
});
