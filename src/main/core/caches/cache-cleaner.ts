// `clear-cache`: `rm -r ~/.aws/cli/cache` done safely. Removes only regular `*.json`
// files directly inside the cache folder and never follows a symbolic link entry out of it.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { removeLeftoverTempFiles } from '../files/atomic-file';
import { english, phrase, say, type Phrase } from '../../../shared/i18n';

export type CacheSelection = { all: true } | { keys: readonly string[] };

export interface ClearCacheResult {
  dir: string;
  /** Full paths of the files removed. */
  removed: string[];
  /** Things left alone and why (symlinks, folders, the folder itself being a symlink). */
  skipped: SkippedEntry[];
}

/** `reason` in English (`--json`), `reasonWording` for the person's language. */
export interface SkippedEntry {
  path: string;
  reason: string;
  reasonWording: Phrase;
}

function skipped(entryPath: string, reasonWording: Phrase): SkippedEntry {
  return { path: entryPath, reason: say(english, reasonWording), reasonWording };
}

const KEY = /^[A-Za-z0-9_-]+$/;

/** The path's stats, following a symlink or not; null when nothing is there. */
function statOrNull(target: string, follow: 'follow' | 'no-follow'): fs.Stats | null {
  try {
    return follow === 'follow' ? fs.statSync(target) : fs.lstatSync(target);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw error;
  }
}

/** Removes cache entries: all of them, or only those with the given keys (file `<key>.json`). */
export function clearCliCache(cacheDir: string, selection: CacheSelection): ClearCacheResult {
  const result: ClearCacheResult = { dir: cacheDir, removed: [], skipped: [] };
  // One rule with `refresh` and the AWS CLI: a symlinked cache folder is followed (the CLI reads
  // and writes through it); an entry inside it that is a link is never followed.
  const dirStat = statOrNull(cacheDir, 'follow');
  if (!dirStat) return result;
  if (!dirStat.isDirectory()) {
    result.skipped.push(skipped(cacheDir, phrase('engine.skip.notFolder')));
    return result;
  }
  // Temp files a killed write left behind hold credentials too; the CLI never reads them.
  if ('all' in selection) result.removed.push(...removeLeftoverTempFiles(cacheDir));
  let names: string[];
  if ('all' in selection) {
    names = fs.readdirSync(cacheDir).sort();
  } else {
    names = [];
    for (const key of new Set(selection.keys)) {
      // A key is a file name stem; anything with a separator or `..` could point elsewhere.
      if (!KEY.test(key)) throw new Error(`Not a cache key: ${JSON.stringify(key)}`);
      names.push(`${key}.json`);
    }
  }
  for (const name of names) {
    if (!name.endsWith('.json')) continue;
    const file = path.join(cacheDir, name);
    const stat = statOrNull(file, 'no-follow');
    if (!stat) continue;
    if (stat.isSymbolicLink()) {
      result.skipped.push(skipped(file, phrase('engine.skip.symlink')));
      continue;
    }
    if (!stat.isFile()) {
      result.skipped.push(skipped(file, phrase('engine.skip.notFile')));
      continue;
    }
    try {
      fs.unlinkSync(file);
      result.removed.push(file);
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      if (code !== 'ENOENT') result.skipped.push(skipped(file, phrase('engine.skip.notRemoved', { code: code ?? 'error' })));
    }
  }
  return result;
}
