// One error root: every engine error carries a typed kind, its phrase (or null where only English
// exists) and its repair, so faces switch on the kind and say the phrase, never read message text.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { RolekeeperError } from '../../../src/main/core/model/rolekeeper-error';
import { RefreshError } from '../../../src/main/core/model/credentials';
import { WordedError, errorText } from '../../../src/main/core/model/worded-error';
import { FileLockForeignError, FileLockTimeoutError } from '../../../src/main/core/files/file-lock';
import { ConcurrentModificationError, UnsupportedFileError } from '../../../src/main/core/files/safe-file-update';
import { IniEditError } from '../../../src/main/core/files/ini-editor';
import { UnquotableWordError } from '../../../src/main/core/shell/shell';
import { SchedulerStoppedError } from '../../../src/main/core/always-fresh/refresh-scheduler';
import { SsoServiceError } from '../../../src/main/core/sso/sso-port';
import { UnwritableLaunchError } from '../../../src/main/core/always-fresh/daemon-launch';
import { KeychainUnavailableError } from '../../../src/main/core/vault/keychain';
import { english, phrase, say, translator } from '../../../src/shared/i18n';

const german = translator('de');

test('a refresh failure keeps its kind, and its phrases become the root phrase and repair', () => {
  const error = RefreshError.worded('mfa-required', phrase('engine.noFinding', { code: 'x' }), phrase('engine.noFindingFix'), 'dev');
  assert.ok(error instanceof RolekeeperError);
  assert.equal(error.kind, 'mfa-required');
  assert.deepEqual(error.phrase, phrase('engine.noFinding', { code: 'x' }));
  assert.deepEqual(error.repair, phrase('engine.noFindingFix'));
  assert.equal(error.message, say(english, phrase('engine.noFinding', { code: 'x' })));
  assert.notEqual(errorText(error, german), error.message, 'said in German from its phrase');
});

test('a refresh failure with English text only has no phrase, and its fix is its repair', () => {
  const error = new RefreshError('network', 'STS could not be reached', 'check the network');
  assert.equal(error.phrase, null);
  assert.equal(error.repair, 'check the network');
  assert.equal(errorText(error, german), 'STS could not be reached');
  assert.equal(new RefreshError('unknown', 'no fix', '').repair, null);
});

test('each kind of engine error is a RolekeeperError with its own kind', () => {
  const lock = new FileLockTimeoutError('/h/.aws/config', '/h/.aws/config.lock', null, 5000);
  const foreign = new FileLockForeignError('/h/.aws/config', '/h/.aws/config.lock', 'symlink');
  const cases: Array<[RolekeeperError, string]> = [
    [new WordedError(phrase('engine.noFindingFix')), 'refused'],
    [lock, 'file-locked'],
    [foreign, 'foreign-lock'],
    [new KeychainUnavailableError('no Secret Service'), 'keychain-unavailable'],
    [new UnwritableLaunchError(phrase('engine.noFindingFix'), 'a\nb', phrase('engine.noFindingFix')), 'unwritable-launch'],
    [new ConcurrentModificationError('/h/.aws/config', 3), 'file-changed'],
    [new UnsupportedFileError('/h/.aws/config', 'it is UTF-16'), 'unsupported-file'],
    [new IniEditError('a newline in a value', '/h/.aws/config', 3), 'unwritable-setting'],
    [new UnquotableWordError('cmd', 'a newline'), 'unquotable'],
    [new SchedulerStoppedError(), 'scheduler-stopped'],
    [new SsoServiceError('CreateToken', 'InvalidGrantException', 400, 'the grant is invalid'), 'sso-service'],
  ];
  for (const [error, kind] of cases) {
    assert.ok(error instanceof RolekeeperError, error.name);
    assert.equal(error.kind, kind, error.name);
  }
  assert.deepEqual(lock.repair, lock.fix, 'a lock error says how to remove the lock as its repair');
  assert.equal(foreign.lockKind, 'symlink');
});
