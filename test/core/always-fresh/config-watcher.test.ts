import assert from 'node:assert/strict';
import { mkdirSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { watchConfigFiles, type ConfigWatcher } from '../../../src/main/core/always-fresh/config-watcher';
import { makeTempHome, type TempHome } from '../../helpers/temp-home';

const DEBOUNCE_MS = 100;

/** Collects callbacks; `next()` resolves with the next batch (or fails after a generous wait). */
function recorder() {
  const batches: string[][] = [];
  let waiter: ((batch: string[]) => void) | null = null;
  return {
    batches,
    onChange(batch: string[]) {
      batches.push(batch);
      waiter?.(batch);
      waiter = null;
    },
    next(): Promise<string[]> {
      return new Promise((resolve, reject) => {
        const timeout = setTimeout(() => reject(new Error('no change reported within 5 s')), 5000);
        waiter = (batch) => {
          clearTimeout(timeout);
          resolve(batch);
        };
      });
    },
  };
}

const settle = (ms = DEBOUNCE_MS * 4): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

async function withWatcher(
  home: TempHome,
  body: (rec: ReturnType<typeof recorder>, watcher: ConfigWatcher) => Promise<void>,
): Promise<void> {
  const rec = recorder();
  const watcher = watchConfigFiles({
    files: [home.configFile, home.credentialsFile],
    debounceMs: DEBOUNCE_MS,
    onChange: (batch) => rec.onChange(batch),
  });
  try {
    await body(rec, watcher);
  } finally {
    watcher.close();
    home.cleanup();
  }
}

describe('config watcher', () => {
  it('reports an in-place edit of the config file once for a burst of writes', async () => {
    const home = makeTempHome({ config: '[default]\nregion = us-east-1\n' });
    await withWatcher(home, async (rec) => {
      const next = rec.next();
      for (let i = 0; i < 5; i += 1) writeFileSync(home.configFile, `[default]\nregion = eu-west-${i}\n`);
      assert.deepEqual(await next, [home.configFile]);
      await settle();
      assert.equal(rec.batches.length, 1);
    });
  });

  it('keeps watching after an editor replaces the file by rename', async () => {
    const home = makeTempHome({ credentials: '[default]\naws_access_key_id = AKIAEXAMPLE\n' });
    await withWatcher(home, async (rec) => {
      const first = rec.next();
      const temporary = join(home.home, '.aws', 'credentials.swp');
      writeFileSync(temporary, '[default]\naws_access_key_id = AKIAOTHER\n');
      renameSync(temporary, home.credentialsFile);
      assert.deepEqual(await first, [home.credentialsFile]);
      const second = rec.next();
      writeFileSync(home.credentialsFile, '[default]\naws_access_key_id = AKIATHIRD\n');
      assert.deepEqual(await second, [home.credentialsFile]);
    });
  });

  it('notices a config file that did not exist when watching started', async () => {
    const home = makeTempHome();
    await withWatcher(home, async (rec) => {
      const next = rec.next();
      writeFileSync(home.configFile, '[profile dev]\nregion = us-west-2\n');
      assert.deepEqual(await next, [home.configFile]);
    });
  });

  it('notices the ~/.aws folder being created after watching started', async () => {
    const home = makeTempHome();
    rmSync(join(home.home, '.aws'), { recursive: true });
    await withWatcher(home, async (rec) => {
      const next = rec.next();
      mkdirSync(join(home.home, '.aws'));
      writeFileSync(home.configFile, '[default]\n');
      const batch = await next;
      assert.ok(batch.includes(home.configFile));
      await settle();
      const later = rec.next();
      writeFileSync(home.credentialsFile, '[default]\n');
      assert.ok((await later).includes(home.credentialsFile));
    });
  });

  it('ignores other files in the folder and stays silent after close', async () => {
    const home = makeTempHome({ config: '[default]\n' });
    await withWatcher(home, async (rec, watcher) => {
      writeFileSync(join(home.home, '.aws', 'unrelated.txt'), 'x');
      await settle();
      assert.equal(rec.batches.length, 0);
      watcher.close();
      writeFileSync(home.configFile, '[default]\nregion = us-east-2\n');
      await settle();
      assert.equal(rec.batches.length, 0);
    });
  });
});
