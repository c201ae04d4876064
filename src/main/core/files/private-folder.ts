// Folders Rolekeeper creates for the user alone: every missing level gets its mode explicitly,
// whatever the umask (under umask 000 `mkdir -p` would leave them 0777, open to other users).
import { chmodSync, mkdirSync, statSync } from 'node:fs';
import * as path from 'node:path';

export const PRIVATE_FOLDER_MODE = 0o700;

/** Creates `dir` and its missing parents with `mode`; folders that exist keep theirs. Returns those created. */
export function makePrivateFolder(dir: string, mode: number = PRIVATE_FOLDER_MODE): string[] {
  const missing: string[] = [];
  for (let current = path.resolve(dir); ; current = path.dirname(current)) {
    try {
      if (statSync(current).isDirectory()) break;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
    }
    missing.unshift(current);
    if (path.dirname(current) === current) break;
  }
  for (const folder of missing) {
    try {
      mkdirSync(folder, { mode });
    } catch (error) {
      // Another process made it between the look and the mkdir: it is theirs to have set.
      if ((error as NodeJS.ErrnoException).code === 'EEXIST') continue;
      throw error;
    }
    if (process.platform !== 'win32') chmodSync(folder, mode);
  }
  return missing;
}
