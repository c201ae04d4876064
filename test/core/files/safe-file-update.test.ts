import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { chmodSync, existsSync, readFileSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { editSection } from '../../../src/main/core/files/ini-editor';
import { backupRecordFor } from '../../../src/main/core/files/file-backup';
import { ConcurrentModificationError, UnsupportedFileError, updateFile } from '../../../src/main/core/files/safe-file-update';
import { makeTempHome, type TempHome } from '../../helpers/temp-home';

const CONFIG = '# team config\n[profile dev]\nregion = us-east-1\n\n[profile other]\noutput = json\n';
const CREDS = '[dev]\naws_access_key_id = AKIAOLD\naws_secret_access_key = oldsecretvalue\n';
const NEW_KEYS = { aws_access_key_id: 'AKIANEW', aws_secret_access_key: 'newsecretvalue', aws_session_token: 'newsessiontoken' };

function setup(t: { after: (fn: () => void) => void }): { home: TempHome; dataDir: string } {
  const home = makeTempHome({ config: CONFIG, credentials: CREDS });
  t.after(() => home.cleanup());
  return { home, dataDir: join(home.home, 'rolekeeper-data') };
}

const setDevKeys = (text: string | null) => editSection(text ?? '', { profile: 'dev', fileKind: 'credentials' }, { set: NEW_KEYS });

test('edits the file, keeps its permissions, and backs it up on the first edit only', async (t) => {
  const { home, dataDir } = setup(t);
  chmodSync(home.credentialsFile, 0o640);
  const first = await updateFile(home.credentialsFile, setDevKeys, { dataDir });
  assert.equal(first.written, true);
  assert.equal(readFileSync(home.credentialsFile, 'utf8'), setDevKeys(CREDS));
  assert.equal(statSync(home.credentialsFile).mode & 0o777, 0o640);
  assert.ok(first.backupPath);
  assert.equal(readFileSync(first.backupPath, 'utf8'), CREDS);
  const second = await updateFile(home.credentialsFile, (text) => text!.replace('AKIANEW', 'AKIANEWER'), { dataDir });
  assert.equal(second.written, true);
  assert.equal(second.backupPath, null);
  assert.equal((await backupRecordFor(home.credentialsFile, dataDir))?.backup, first.backupPath);
  // Nothing of the machinery is left beside the file.
  assert.deepEqual(readdirSync(join(home.home, '.aws')).sort(), ['config', 'credentials', `${first.backupPath.split('/').pop()}`].sort());
});

test('keeps a concurrent `aws configure set` made between its read and its write', async (t) => {
  const { home, dataDir } = setup(t);
  const seen: string[] = [];
  const transform = (text: string | null) => {
    seen.push(text ?? '');
    if (seen.length === 1) {
      // Another tool writes the same file while Rolekeeper is computing its change.
      execFileSync('aws', ['configure', 'set', 'region', 'eu-west-1', '--profile', 'other'], { env: home.env });
    }
    return editSection(text ?? '', { profile: 'dev', fileKind: 'config' }, { set: { x_rolekeeper_expiration: '2026-11-28T23:00:00Z' } });
  };
  const result = await updateFile(home.configFile, transform, { dataDir });
  assert.equal(result.attempts, 2);
  assert.equal(seen[0], CONFIG);
  assert.notEqual(seen[1], CONFIG);
  const final = readFileSync(home.configFile, 'utf8');
  assert.equal(final, transform(seen[1]!));
  assert.match(final, /\[profile other\]\noutput = json\nregion = eu-west-1\n/);
  assert.match(final, /\[profile dev\]\nregion = us-east-1\nx_rolekeeper_expiration = 2026-11-28T23:00:00Z\n/);
  assert.match(final, /^# team config\n/);
});

test('gives up without writing when the file keeps changing under it', async (t) => {
  const { home, dataDir } = setup(t);
  let n = 0;
  const transform = (text: string | null) => {
    writeFileSync(home.credentialsFile, `${CREDS}# external edit ${++n}\n`);
    return setDevKeys(text);
  };
  await assert.rejects(updateFile(home.credentialsFile, transform, { dataDir, maxAttempts: 3 }), (error: unknown) =>
    error instanceof ConcurrentModificationError && error.message.includes(home.credentialsFile),
  );
  assert.equal(n, 3);
  assert.equal(readFileSync(home.credentialsFile, 'utf8'), `${CREDS}# external edit 3\n`);
});

test('a dry run returns the diff with secret values masked and touches nothing', async (t) => {
  const { home, dataDir } = setup(t);
  const result = await updateFile(home.credentialsFile, setDevKeys, { dataDir, dryRun: true, diffLabel: '~/.aws/credentials' });
  assert.equal(result.written, false);
  assert.equal(result.changed, true);
  assert.equal(
    result.diff,
    [
      '--- ~/.aws/credentials',
      '+++ ~/.aws/credentials',
      '@@ -1,3 +1,4 @@',
      ' [dev]',
      '-aws_access_key_id = AKIAOLD',
      '-aws_secret_access_key = ****',
      '+aws_access_key_id = AKIANEW',
      '+aws_secret_access_key = ****',
      '+aws_session_token = ****',
      '',
    ].join('\n'),
  );
  assert.doesNotMatch(result.diff, /secretvalue|sessiontoken/);
  assert.equal(readFileSync(home.credentialsFile, 'utf8'), CREDS);
  assert.equal(existsSync(dataDir), false);
  assert.deepEqual(readdirSync(join(home.home, '.aws')).sort(), ['config', 'credentials']);
});

test('writes nothing when the transform changes nothing', async (t) => {
  const { home, dataDir } = setup(t);
  const before = statSync(home.configFile);
  const result = await updateFile(home.configFile, (text) => text ?? '', { dataDir });
  assert.deepEqual(result, { changed: false, written: false, diff: '', backupPath: null, attempts: 1 });
  assert.equal(statSync(home.configFile).ino, before.ino);
  assert.equal(existsSync(dataDir), false);
});

test('creates a missing file (and its folder) readable only by its owner', async (t) => {
  const { home, dataDir } = setup(t);
  const file = join(home.home, 'elsewhere', 'credentials');
  const seen: Array<string | null> = [];
  const result = await updateFile(file, (text) => (seen.push(text), setDevKeys(text)), { dataDir });
  assert.deepEqual(seen, [null]);
  assert.equal(result.written, true);
  assert.equal(readFileSync(file, 'utf8'), '[dev]\naws_access_key_id = AKIANEW\naws_secret_access_key = newsecretvalue\naws_session_token = newsessiontoken\n');
  assert.equal(statSync(file).mode & 0o777, 0o600);
});

test('refuses a file that is not UTF-8 rather than change bytes it cannot read', async (t) => {
  const { home, dataDir } = setup(t);
  const latin1 = Buffer.from('[dev]\n# caf\xe9\naws_access_key_id = A\n', 'latin1');
  writeFileSync(home.credentialsFile, latin1);
  await assert.rejects(updateFile(home.credentialsFile, setDevKeys, { dataDir }), UnsupportedFileError);
  assert.ok(readFileSync(home.credentialsFile).equals(latin1));
});

test('updates Rolekeeper’s own files without a backup when asked', async (t) => {
  const { home, dataDir } = setup(t);
  const file = join(home.home, 'store.json');
  await updateFile(file, () => '{"a":1}\n', { backup: false, createMode: 0o600 });
  const again = await updateFile(file, (text) => text!.replace('1', '2'), { backup: false });
  assert.equal(again.backupPath, null);
  assert.equal(readFileSync(file, 'utf8'), '{"a":2}\n');
  assert.deepEqual(readdirSync(home.home).filter((name) => name.startsWith('store.json')), ['store.json']);
  assert.equal(existsSync(dataDir), false);
});

test('treats an empty result for a missing file as no change', async (t) => {
  const { home, dataDir } = setup(t);
  const file = join(home.home, '.aws', 'absent');
  const result = await updateFile(file, () => '', { dataDir });
  assert.equal(result.written, false);
  assert.equal(existsSync(file), false);
});

test('a dry run masks the indented and wrapped lines that continue a secret value, even outside the hunk', async (t) => {
  const { home, dataDir } = setup(t);
  const wrapped = [
    '[dev]',
    'aws_access_key_id = AKIAOLD',
    'aws_session_token =',
    '  TOKENPARTone0123456789abcdef',
    '  TOKENPARTtwo0123456789abcdef',
    '  TOKENPARTthree0123456789abcd',
    '  TOKENPARTfour0123456789abcde',
    '  TOKENPARTfive0123456789abcde',
    'aws_secret_access_key = WRAPPEDsecretHEAD',
    'TOKENPARTsix0123456789abcdef0123456789==',
    'region = us-east-1',
    '',
  ].join('\n');
  writeFileSync(home.credentialsFile, wrapped);
  const result = await updateFile(
    home.credentialsFile,
    (text) => text!.replace('TOKENPARTfive', 'TOKENPARTFIVE').replace('us-east-1', 'eu-west-1'),
    { dataDir, dryRun: true, diffLabel: 'credentials' },
  );
  assert.equal(result.changed, true);
  assert.doesNotMatch(result.diff, /TOKENPART|WRAPPEDsecret/i);
  assert.match(result.diff, /^-  \*\*\*\*$/m);
  assert.match(result.diff, /^-region = us-east-1$/m);
  assert.match(result.diff, /^\+region = eu-west-1$/m);
  assert.equal(readFileSync(home.credentialsFile, 'utf8'), wrapped);
});
