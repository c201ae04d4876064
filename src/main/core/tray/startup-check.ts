// Before the tray starts anything: Rolekeeper's data folder (and the tray's settings folder) must be
// a folder it can write. Otherwise the first write deep inside (endpoint-tokens.json, profiles.json)
// fails with a message about that file, after a notification that blames the AWS files. One answer,
// naming the path and the reason, lets the adapter show one dialog instead.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { phrase } from '../../../shared/i18n';
import { WordedError } from '../model/worded-error';
import { rolekeeperDataDir, storeFilePath, type AwsEnvironment } from '../model/aws-environment';

/**
 * The first problem with the folders, then with the files in them that Rolekeeper rewrites (its
 * store), as an error to show, or null when each can be used. A file that does not exist yet is fine.
 */
export function startupFolderProblem(folders: readonly string[], files: readonly string[] = []): WordedError | null {
  for (const folder of folders) {
    const problem = folderProblem(folder);
    if (problem) return problem;
  }
  for (const file of files) {
    const problem = fileProblem(file);
    if (problem) return problem;
  }
  return null;
}

/** The tray's check before it starts: Rolekeeper's data folder and store, and the tray's own settings folder. */
export function trayStartupProblem(environment: AwsEnvironment, settingsFolder: string): WordedError | null {
  return startupFolderProblem([rolekeeperDataDir(environment), settingsFolder], [storeFilePath(environment)]);
}

function fileProblem(file: string): WordedError | null {
  let stats: fs.Stats;
  try {
    stats = fs.statSync(file);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    return code === 'ENOENT' ? null : new WordedError(phrase('start.folderUnusable', { path: file, reason: code ?? String(error) }));
  }
  if (stats.isDirectory()) return new WordedError(phrase('start.storeIsFolder', { path: file }));
  try {
    fs.accessSync(file, fs.constants.R_OK | fs.constants.W_OK);
  } catch (error) {
    return new WordedError(phrase('start.storeNotWritable', { path: file, reason: (error as NodeJS.ErrnoException).code ?? 'EACCES' }));
  }
  return null;
}

function folderProblem(folder: string): WordedError | null {
  // The folder may not exist yet (the first write creates it): check the nearest part that does.
  let existing = path.resolve(folder);
  for (;;) {
    let stats: fs.Stats;
    try {
      stats = fs.statSync(existing);
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      if (code === 'ENOENT') {
        const parent = path.dirname(existing);
        if (parent === existing) return null;
        existing = parent;
        continue;
      }
      if (code === 'ENOTDIR') {
        existing = path.dirname(existing);
        continue;
      }
      return new WordedError(phrase('start.folderUnusable', { path: existing, reason: code ?? String(error) }));
    }
    if (!stats.isDirectory()) return new WordedError(phrase('start.folderIsFile', { path: existing, folder }));
    try {
      fs.accessSync(existing, fs.constants.W_OK);
    } catch (error) {
      return new WordedError(phrase('start.folderNotWritable', { path: existing, folder, reason: (error as NodeJS.ErrnoException).code ?? 'EACCES' }));
    }
    return null;
  }
}
