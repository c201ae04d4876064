import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { backupMarkerPath, backupRecordFor, ensureBackup } from '../../../src/main/core/files/file-backup';
import { makeTempHome } from '../../helpers/temp-home';

const ORIGINAL = '# only copy of my keys\n[dev]\naws_access_key_id = AKIAORIGINAL\n';

function setup(t: { after: (fn: () => void) => void }) {
  const home = makeTempHome({ credentials: ORIGINAL });
  t.after(() => home.cleanup());
  return { home, dataDir: join(home.home, '.config', 'Rolekeeper') };
}

const backupsBeside = (file: string) =>
  readdirSync(dirname(file)).filter((name) => name.startsWith(`${basename(file)}.rolekeeper-backup-`));

test('keeps one private copy of a file before Rolekeeper first edits it', async (t) => {
  const { home, dataDir } = setup(t);
  const result = await ensureBackup(home.credentialsFile, { dataDir, now: () => new Date('2026-11-28T21:30:05.123Z') });
  assert.ok(result.created);
  assert.match(basename(result.created), /^credentials\.rolekeeper-backup-20261128T213005Z-[0-9a-f]{8}$/);
  assert.equal(dirname(result.created), dirname(home.credentialsFile));
  assert.equal(readFileSync(result.created, 'utf8'), ORIGINAL);
  assert.equal(statSync(result.created).mode & 0o777, 0o600);
  assert.deepEqual(await backupRecordFor(home.credentialsFile, dataDir), result.record);
});

test('makes no further copies on later edits, even after the copy was deleted', async (t) => {
  const { home, dataDir } = setup(t);
  const first = await ensureBackup(home.credentialsFile, { dataDir });
  writeFileSync(home.credentialsFile, 'changed by rolekeeper');
  const second = await ensureBackup(home.credentialsFile, { dataDir });
  assert.equal(second.created, null);
  assert.equal(second.record.backup, first.created);
  rmSync(first.created!);
  assert.equal((await ensureBackup(home.credentialsFile, { dataDir })).created, null);
  assert.deepEqual(backupsBeside(home.credentialsFile), []);
});

test('never overwrites an existing backup, even for the same second', async (t) => {
  const { home, dataDir } = setup(t);
  const now = () => new Date('2026-11-28T21:30:05Z');
  const first = await ensureBackup(home.credentialsFile, { dataDir, now });
  // A second data dir forgets the first backup: the new copy must get a fresh name.
  const again = await ensureBackup(home.credentialsFile, { dataDir: join(dataDir, 'other'), now });
  assert.notEqual(again.created, first.created);
  assert.equal(readFileSync(first.created!, 'utf8'), ORIGINAL);
  assert.equal(backupsBeside(home.credentialsFile).length, 2);
});

test('records a file that did not exist yet without copying anything', async (t) => {
  const { home, dataDir } = setup(t);
  const result = await ensureBackup(home.configFile, { dataDir });
  assert.equal(result.created, null);
  assert.equal(result.record.backup, null);
  writeFileSync(home.configFile, '[default]\n');
  assert.equal((await ensureBackup(home.configFile, { dataDir })).created, null);
});

test('remembers each file separately in a private marker in the data folder', async (t) => {
  const { home, dataDir } = setup(t);
  writeFileSync(home.configFile, '[default]\nregion = x\n');
  await Promise.all([ensureBackup(home.credentialsFile, { dataDir }), ensureBackup(home.configFile, { dataDir })]);
  const marker = JSON.parse(readFileSync(backupMarkerPath(dataDir), 'utf8'));
  assert.equal(Object.keys(marker.files).length, 2);
  assert.equal(statSync(backupMarkerPath(dataDir)).mode & 0o777, 0o600);
  assert.equal(backupsBeside(home.configFile).length, 1);
  assert.equal(backupsBeside(home.credentialsFile).length, 1);
});

test('refuses to go on with a damaged marker rather than back up again', async (t) => {
  const { home, dataDir } = setup(t);
  await ensureBackup(home.credentialsFile, { dataDir });
  writeFileSync(backupMarkerPath(dataDir), '{not json');
  await assert.rejects(ensureBackup(home.credentialsFile, { dataDir }), (error: Error) => error.message.includes(backupMarkerPath(dataDir)));
});
