// Watches the files the engine plans from (the AWS config and credentials files, Rolekeeper's store,
// the endpoint token file), and their folders because editors save by writing a new file and
// renaming it over the old one; and whole folders whose entries matter (the SSO token cache, where
// `aws sso login` writes and `aws sso logout` deletes). Calls back once per burst of changes.
import { lstatSync, watch, type FSWatcher } from 'node:fs';
import { basename, dirname, relative, resolve, sep } from 'node:path';
import { systemClock, type Clock, type TimerHandle } from './clock';

export interface ConfigWatcherOptions {
  /** Absolute paths of the files to watch; they need not exist yet. */
  files: readonly string[];
  /**
   * Absolute paths of folders any entry of which matters (`entryPattern`); they need not exist yet
   * (the nearest existing ancestor is watched until they do). A folder that is a symbolic link is
   * not followed.
   */
  folders?: readonly string[];
  /** Which entry names of `folders` count. Default: every name. */
  entryPattern?: RegExp;
  /** Called once after changes settle, with the watched files (and folders) that changed. */
  onChange: (changedFiles: string[]) => void;
  /** Quiet time before calling back. Default 250 ms. */
  debounceMs?: number;
  clock?: Clock;
}

export interface ConfigWatcher {
  close(): void;
}

function inodeOf(path: string): number | null {
  try {
    return lstatSync(path).ino;
  } catch {
    return null;
  }
}

export function watchConfigFiles(options: ConfigWatcherOptions): ConfigWatcher {
  const clock = options.clock ?? systemClock;
  const debounceMs = options.debounceMs ?? 250;
  const files = [...new Set(options.files.map((file) => resolve(file)))];
  const folders = [...new Set(files.map((file) => dirname(file)))];
  const wholeFolders = [...new Set((options.folders ?? []).map((folder) => resolve(folder)))];
  const entryCounts = (name: string | null): boolean => name === null || !options.entryPattern || options.entryPattern.test(name);
  /**
   * Per whole folder: the watcher of the folder itself (and that folder's inode: a folder removed
   * and made anew under the same name is another one to watch), or of its nearest existing ancestor.
   */
  const wholeFolderWatchers = new Map<string, { path: string; inode: number | null; watcher: FSWatcher }>();
  const folderWatchers = new Map<string, FSWatcher>();
  const fileWatchers = new Map<string, FSWatcher>();
  const pending = new Set<string>();
  let timer: TimerHandle | null = null;
  let closed = false;

  const changed = (file: string): void => {
    if (closed) return;
    pending.add(file);
    if (timer !== null) clock.clearTimeout(timer);
    timer = clock.setTimeout(() => {
      timer = null;
      if (closed) return;
      const batch = [...files, ...wholeFolders].filter((candidate) => pending.has(candidate));
      pending.clear();
      // A replaced file is a new inode: watch the new one; a folder that appeared: watch it.
      armAll();
      options.onChange(batch);
    }, debounceMs);
  };

  const tryWatch = (path: string, listener: (event: string, name: string | null) => void): FSWatcher | null => {
    try {
      const watcher = watch(path, listener);
      watcher.on('error', () => {
        watcher.close();
        if (fileWatchers.get(path) === watcher) fileWatchers.delete(path);
        if (folderWatchers.get(path) === watcher) folderWatchers.delete(path);
        for (const [folder, entry] of wholeFolderWatchers) {
          if (entry.watcher !== watcher) continue;
          wholeFolderWatchers.delete(folder);
          // Windows reports a watched folder's removal as an error (EPERM), not an event: it is a change.
          changed(folder);
        }
      });
      return watcher;
    } catch {
      return null; // missing yet: the folder watcher (or the next arm) picks it up
    }
  };

  const arm = (): void => {
    for (const folder of folders) {
      if (folderWatchers.has(folder)) continue;
      const watcher = tryWatch(folder, (_event, name) => {
        for (const file of files) {
          if (dirname(file) === folder && (name === null || name === basename(file))) changed(file);
        }
      });
      if (watcher) {
        folderWatchers.set(folder, watcher);
        folderWatchers.get(`parent:${folder}`)?.close();
        folderWatchers.delete(`parent:${folder}`);
        continue;
      }
      // The folder does not exist yet (no ~/.aws): watch its parent until it appears.
      const parentKey = `parent:${folder}`;
      if (folderWatchers.has(parentKey)) continue;
      const parentWatcher = tryWatch(dirname(folder), (_event, name) => {
        if (name !== null && name !== basename(folder)) return;
        for (const file of files) if (dirname(file) === folder) changed(file);
      });
      if (parentWatcher) folderWatchers.set(parentKey, parentWatcher);
    }
    for (const file of files) {
      fileWatchers.get(file)?.close();
      fileWatchers.delete(file);
      const watcher = tryWatch(file, () => changed(file));
      if (watcher) fileWatchers.set(file, watcher);
    }
  };

  const armWholeFolder = (folder: string): void => {
    const current = wholeFolderWatchers.get(folder);
    let kind: 'folder' | 'symlink' | 'other' | 'missing';
    let inode: number | null = null;
    try {
      const stat = lstatSync(folder);
      kind = stat.isSymbolicLink() ? 'symlink' : stat.isDirectory() ? 'folder' : 'other';
      inode = stat.ino;
    } catch {
      kind = 'missing';
    }
    if (kind === 'folder') {
      if (current?.path === folder && current.inode === inode) return;
      const watcher = tryWatch(folder, (_event, name) => {
        // The folder itself removed (`rm -r ~/.aws/sso`), or removed and made anew, counts too:
        // its tokens are gone, and the new folder needs a watcher of its own. A removed folder is
        // reported under its own name; a new one may even reuse the old inode number.
        if (name === basename(folder) || inodeOf(folder) !== inode) {
          watcher?.close();
          if (wholeFolderWatchers.get(folder)?.watcher === watcher) wholeFolderWatchers.delete(folder);
          changed(folder);
        } else if (entryCounts(name)) {
          changed(folder);
        }
      });
      if (!watcher) return;
      current?.watcher.close();
      wholeFolderWatchers.set(folder, { path: folder, inode, watcher });
      return;
    }
    // A symbolic link (or a file) where the folder should be is not followed: watch the parent
    // only, so a real folder replacing it is picked up.
    let ancestor = dirname(folder);
    if (kind === 'missing') {
      // Missing, maybe with its parents (no ~/.aws/sso yet): watch the nearest ancestor that exists.
      for (let next = ancestor; ; next = dirname(next)) {
        ancestor = next;
        try {
          if (lstatSync(next).isDirectory()) break;
        } catch {
          /* missing too: one further up */
        }
        if (dirname(next) === next) break;
      }
    }
    if (current?.path === ancestor) return;
    // Only the next step towards the folder matters: not every file written in $HOME.
    const towards = relative(ancestor, folder).split(sep)[0];
    const watcher = tryWatch(ancestor, (_event, name) => {
      if (name === null || name === towards) changed(folder);
    });
    current?.watcher.close();
    if (watcher) wholeFolderWatchers.set(folder, { path: ancestor, inode: null, watcher });
    else wholeFolderWatchers.delete(folder);
  };

  const armAll = (): void => {
    arm();
    for (const folder of wholeFolders) armWholeFolder(folder);
  };

  armAll();
  return {
    close() {
      closed = true;
      if (timer !== null) clock.clearTimeout(timer);
      for (const { watcher } of wholeFolderWatchers.values()) watcher.close();
      wholeFolderWatchers.clear();
      for (const watcher of [...folderWatchers.values(), ...fileWatchers.values()]) watcher.close();
      folderWatchers.clear();
      fileWatchers.clear();
    },
  };
}
