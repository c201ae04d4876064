// Watches the files the engine plans from (the AWS config and credentials files, Rolekeeper's store,
// the endpoint token file), and their folders because editors save by writing a new file and
// renaming it over the old one; calls back once per burst of changes.
import { watch, type FSWatcher } from 'node:fs';
import { basename, dirname, resolve } from 'node:path';
import { systemClock, type Clock, type TimerHandle } from './clock';

export interface ConfigWatcherOptions {
  /** Absolute paths of the files to watch; they need not exist yet. */
  files: readonly string[];
  /** Called once after changes settle, with the watched files that changed. */
  onChange: (changedFiles: string[]) => void;
  /** Quiet time before calling back. Default 250 ms. */
  debounceMs?: number;
  clock?: Clock;
}

export interface ConfigWatcher {
  close(): void;
}

export function watchConfigFiles(options: ConfigWatcherOptions): ConfigWatcher {
  const clock = options.clock ?? systemClock;
  const debounceMs = options.debounceMs ?? 250;
  const files = [...new Set(options.files.map((file) => resolve(file)))];
  const folders = [...new Set(files.map((file) => dirname(file)))];
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
      const batch = files.filter((candidate) => pending.has(candidate));
      pending.clear();
      // A replaced file is a new inode: watch the new one.
      arm();
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

  arm();
  return {
    close() {
      closed = true;
      if (timer !== null) clock.clearTimeout(timer);
      for (const watcher of [...folderWatchers.values(), ...fileWatchers.values()]) watcher.close();
      folderWatchers.clear();
      fileWatchers.clear();
    },
  };
}
