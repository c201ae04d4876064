// The last look before the rename: an edit another writer makes while Rolekeeper's temp file is
// being written and fsynced is kept, and Rolekeeper's change is re-applied on top of it.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fsModule from 'node:fs';
import { promises as fs, existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { writeFileAtomic } from '../../../src/main/core/files/atomic-file';
import { editSection } from '../../../src/main/core/files/ini-editor';
import { ConcurrentModificationError, updateFile } from '../../../src/main/core/files/safe-file-update';
import { makeTempHome } from '../../helpers/temp-home';

const CREDS = '[other]\r\nregion = us-east-1\r\n\r\n[dev]\r\naws_access_key_id = ASIAOLD\r\n';
const setDevKey = (value: string) => (text: string | null) =>
  editSection(text ?? '', { profile: 'dev', fileKind: 'credentials' }, { set: { aws_access_key_id: value } });

/** Runs `body` with every fsync of a temp file for ~/.aws/credentials (not of its backup) preceded by `duringSync()`. */
async function withForeignWriteDuringSync<T>(duringSync: () => void, body: () => Promise<T>): Promise<T> {
  const realOpen = fs.open;
  fs.open = (async (...args: Parameters<typeof fs.open>) => {
    const handle = await realOpen(...args);
    if (String(args[0]).includes('/.credentials.rolekeeper-tmp-')) {
      const realSync = handle.sync.bind(handle);
      handle.sync = async () => {
        duringSync();
        return realSync();
      };
    }
    return handle;
  }) as typeof fs.open;
  try {
    return await body();
  } finally {
    fs.open = realOpen;
  }
}

test('an edit another tool makes while the temp file is written and fsynced is kept, and the change re-applied on it', async (t) => {
  const home = makeTempHome({ credentials: CREDS });
  t.after(() => home.cleanup());
  let foreignWrites = 0;
  const result = await withForeignWriteDuringSync(
    () => {
      if (foreignWrites++ === 0) writeFileSync(home.credentialsFile, CREDS.replace('us-east-1', 'eu-west-1'));
    },
    () => updateFile(home.credentialsFile, setDevKey('ASIANEW'), { dataDir: join(home.home, 'data') }),
  );
  assert.equal(result.attempts, 2);
  assert.equal(readFileSync(home.credentialsFile, 'utf8'), CREDS.replace('us-east-1', 'eu-west-1').replace('ASIAOLD', 'ASIANEW'));
  // The temp file of the cancelled attempt is gone.
  assert.deepEqual(readdirSync(join(home.home, '.aws')).filter((name) => name.includes('rolekeeper-tmp')), []);
});

test('gives up with a clear error, leaving the other writer’s content, when every attempt meets a foreign edit before the rename', async (t) => {
  const home = makeTempHome({ credentials: CREDS });
  t.after(() => home.cleanup());
  let n = 0;
  await assert.rejects(
    withForeignWriteDuringSync(
      () => writeFileSync(home.credentialsFile, `${CREDS}# foreign ${++n}\r\n`),
      () => updateFile(home.credentialsFile, setDevKey('ASIANEW'), { dataDir: join(home.home, 'data'), maxAttempts: 4 }),
    ),
    (error: unknown) => error instanceof ConcurrentModificationError && /4 attempts/.test(error.message) && !error.message.includes('ASIA'),
  );
  assert.equal(n, 4);
  assert.equal(readFileSync(home.credentialsFile, 'utf8'), `${CREDS}# foreign 4\r\n`);
});

test('writeFileAtomic runs beforeRename after the data is in the temp file, and a throw there cancels the write', async (t) => {
  const home = makeTempHome({ credentials: 'old' });
  t.after(() => home.cleanup());
  const seen: string[] = [];
  await assert.rejects(
    writeFileAtomic(home.credentialsFile, 'new', {
      beforeRename: () => {
        const temp = readdirSync(join(home.home, '.aws')).find((name) => name.includes('rolekeeper-tmp'))!;
        seen.push(readFileSync(join(home.home, '.aws', temp), 'utf8'));
        throw new Error('changed');
      },
    }),
    /changed/,
  );
  assert.deepEqual(seen, ['new']);
  assert.equal(readFileSync(home.credentialsFile, 'utf8'), 'old');
  assert.deepEqual(readdirSync(join(home.home, '.aws')).filter((name) => name.includes('rolekeeper-tmp')), []);
  await writeFileAtomic(home.credentialsFile, 'new', { beforeRename: () => seen.push('checked') });
  assert.equal(readFileSync(home.credentialsFile, 'utf8'), 'new');
  assert.deepEqual(seen, ['new', 'checked']);
  assert.ok(existsSync(home.credentialsFile));
});

/**
 * Runs `body` while a lock-less writer that read the file just before Rolekeeper's first rename
 * writes its stale copy (plus its own change) back `afterMs` later, as `aws configure set` can.
 */
async function withStaleWriteAfterFirstRename<T>(file: string, afterMs: number, body: () => Promise<T>): Promise<T> {
  const realRename = fsModule.renameSync;
  let pending: Promise<void> = Promise.resolve();
  fsModule.renameSync = ((from: fsModule.PathLike, to: fsModule.PathLike) => {
    const stale = readFileSync(file, 'utf8');
    realRename(from, to);
    fsModule.renameSync = realRename;
    pending = new Promise((resolve) => setTimeout(() => resolve(writeFileSync(file, stale.replace('us-east-1', 'eu-west-1'))), afterMs));
  }) as typeof fsModule.renameSync;
  try {
    const result = await body();
    await pending;
    return result;
  } finally {
    fsModule.renameSync = realRename;
  }
}

test('a change a lock-less writer undoes right after the rename is applied again on top of its edit', async (t) => {
  const home = makeTempHome({ credentials: CREDS });
  t.after(() => home.cleanup());
  const result = await withStaleWriteAfterFirstRename(home.credentialsFile, 5, () =>
    updateFile(home.credentialsFile, setDevKey('ASIANEW'), { dataDir: join(home.home, 'data'), reapplyIfUndoneWithinMs: 40 }),
  );
  assert.equal(result.attempts, 2);
  assert.equal(readFileSync(home.credentialsFile, 'utf8'), CREDS.replace('us-east-1', 'eu-west-1').replace('ASIAOLD', 'ASIANEW'));
});

test('without the second look, the stale write of a lock-less writer undoes the change', async (t) => {
  const home = makeTempHome({ credentials: CREDS });
  t.after(() => home.cleanup());
  const result = await withStaleWriteAfterFirstRename(home.credentialsFile, 5, () =>
    updateFile(home.credentialsFile, setDevKey('ASIANEW'), { dataDir: join(home.home, 'data') }),
  );
  assert.equal(result.attempts, 1);
  assert.equal(readFileSync(home.credentialsFile, 'utf8'), CREDS.replace('us-east-1', 'eu-west-1'));
});

test('an edit written, after the rename, into the file the rename replaced (a writer that opened it before) is carried over, not lost', async (t) => {
  const home = makeTempHome({ credentials: CREDS });
  t.after(() => home.cleanup());
  const file = home.credentialsFile;
  const theirs = CREDS.replace('region = us-east-1', 'region = eu-west-3');
  const realRename = fsModule.renameSync;
  let opened = false;
  fsModule.renameSync = ((from: fsModule.PathLike, to: fsModule.PathLike) => {
    // Like `aws configure set`: it opened the file for writing before our rename and writes after it.
    const fd = opened ? null : fsModule.openSync(to, 'r+');
    opened = true;
    realRename(from, to);
    if (fd !== null) {
      setTimeout(() => {
        fsModule.ftruncateSync(fd, 0);
        fsModule.writeSync(fd, theirs, 0);
        fsModule.closeSync(fd);
      }, 5);
    }
  }) as typeof fsModule.renameSync;
  try {
    const result = await updateFile(file, setDevKey('ASIANEW'), { backup: false, reapplyIfUndoneWithinMs: 50 });
    assert.equal(result.attempts, 2, 'the carried-over edit needed a second write');
  } finally {
    fsModule.renameSync = realRename;
  }
  const text = readFileSync(file, 'utf8');
  assert.match(text, /region = eu-west-3\r\n/, "the other writer's edit is in the file");
  assert.match(text, /aws_access_key_id = ASIANEW\r\n/, "and so is Rolekeeper's");
});

test('a file emptied a moment ago (a writer rewriting it in place) is waited for, not taken as empty: no profile is dropped', async (t) => {
  const home = makeTempHome({ credentials: CREDS });
  t.after(() => home.cleanup());
  const file = home.credentialsFile;
  const theirs = CREDS.replace('region = us-east-1', 'region = eu-west-3');
  writeFileSync(file, '');
  const rewrite = new Promise<void>((resolve) =>
    setTimeout(() => {
      writeFileSync(file, theirs);
      resolve();
    }, 150),
  );
  await updateFile(file, setDevKey('ASIANEW'), { backup: false, reapplyIfUndoneWithinMs: 50 });
  await rewrite;
  const text = readFileSync(file, 'utf8');
  assert.match(text, /^\[other\]\r\nregion = eu-west-3\r\n/, 'the other profile is still there, with the other writer\'s edit');
  assert.match(text, /aws_access_key_id = ASIANEW\r\n/);
});
