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

export interface BotocoreCacheKeyCase {
  config: string;
  credentials: string;
  profile: string;
  provider: 'assume-role' | 'assume-role-with-web-identity' | 'sso';
  env?: Record<string, string>;
}

/** The cache key botocore's own provider computes for each profile (null when it yields none), in one `python3` call. */
export function botocoreCacheKeys(cases: readonly BotocoreCacheKeyCase[]): Array<{ key: string | null; error?: string }> {
  const output = execFileSync('python3', [join(__dirname, 'botocore-cache-key.py')], {
    input: JSON.stringify(cases),
    encoding: 'utf8',
    maxBuffer: 64 * 1024 * 1024,
    env: { ...process.env, PYTHONIOENCODING: 'utf-8', PYTHONUTF8: '1' },
  });
  return JSON.parse(output) as Array<{ key: string | null; error?: string }>;
}

export type BotocoreLegacyLoad =
  | { state: 'none' }
  | { state: 'keys'; accessKeyId: string; secretAccessKey: string }
  | { state: 'error'; error: string };

/** What botocore's OriginalEC2Provider or BotoProvider loads from each file, in one `python3` call. */
export function botocoreLegacyLoads(files: ReadonlyArray<{ path: string; provider: 'ec2-credentials-file' | 'boto-config' }>): BotocoreLegacyLoad[] {
  const output = execFileSync('python3', [join(__dirname, 'botocore-legacy.py')], {
    input: JSON.stringify(files),
    encoding: 'utf8',
    maxBuffer: 64 * 1024 * 1024,
    env: { ...process.env, PYTHONIOENCODING: 'utf-8', PYTHONUTF8: '1' },
  });
  return JSON.parse(output) as BotocoreLegacyLoad[];
}
