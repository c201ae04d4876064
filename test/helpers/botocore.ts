// Reads files with botocore itself (test/helpers/botocore-read.py), many per Python process.
import { execFileSync } from 'node:child_process';
import { join } from 'node:path';

export type BotocoreValue = string | Record<string, string>;
export type BotocoreSections = Record<string, Record<string, BotocoreValue>>;

export type BotocoreView =
  | { ok: true; sections: BotocoreSections; profiles: BotocoreSections; defaults: Record<string, BotocoreValue | null> }
  | { ok: false; error: string };

const SCRIPT = join(__dirname, 'botocore-read.py');

/** What botocore's loader reads from each file (in order), in one `python3` call. */
export function readWithBotocore(files: ReadonlyArray<{ path: string; kind: 'config' | 'credentials' }>): BotocoreView[] {
  const output = execFileSync('python3', [SCRIPT], {
    input: JSON.stringify(files),
    encoding: 'utf8',
    maxBuffer: 512 * 1024 * 1024,
    env: { ...process.env, PYTHONIOENCODING: 'utf-8', PYTHONUTF8: '1' },
  });
  return JSON.parse(output) as BotocoreView[];
}
