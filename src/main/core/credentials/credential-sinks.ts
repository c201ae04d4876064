// Puts fresh credentials where tools read them: the AWS CLI's own cache, the keys of a managed
// profile (rewritten where they stand, nothing else touched), and Rolekeeper's process cache.
import { mkdirSync } from 'node:fs';
import * as path from 'node:path';
import { rolekeeperDataDir, type AwsEnvironment } from '../aws-config/aws-environment';
import { writeFileAtomic } from '../files/atomic-file';
import { assumeRoleCacheKey, roleCacheParamsFromSettings } from '../caches/cli-cache-key';
import { writeCliCacheEntry } from '../caches/cli-cache';
import { RefreshError, type AwsCredentials } from './credentials';
import type { ObtainedCredentials } from './credential-chain';
import { editSection, readSection } from '../files/ini-editor';
import { EXPIRY_KEY } from './profile-keys';
import { processCacheContent, processCacheFile } from '../caches/process-cache';
import { roleFingerprint } from './role-fingerprint';
import type { ProfileSet } from '../aws-config/profile-model';
import { sinksOf, type StoreData } from './rolekeeper-store';
import { updateFile } from '../files/safe-file-update';
import { isoSeconds } from '../../../shared/duration';

/**
 * Whether keys look like someone's long-term access keys: IAM users' key ids start with AKIA,
 * temporary (STS) ones with ASIA and come with a session token. Anything else counts as long-term.
 */
export function looksLongTerm(keyId: string, hasSessionToken: boolean): boolean {
  if (keyId.startsWith('AKIA')) return true;
  return !hasSessionToken && !keyId.startsWith('ASIA');
}


export interface PublishedSink {
  kind: 'cli-cache' | 'managed-keys' | 'process-cache';
  /** A file path; never the content. */
  location: string;
}

export interface PublishContext {
  environment: AwsEnvironment;
  profiles: ProfileSet;
  store: StoreData;
  dryRun?: boolean;
}

export interface PublishResult {
  sinks: PublishedSink[];
  /** Unified diffs of file edits (secret values masked); with dryRun, what would change. */
  diffs: string[];
}

/** Where the managed profile's keys stand now: the file of aws_access_key_id, else the credentials file. */
export function managedKeysLocation(name: string, profiles: ProfileSet): { file: string; fileKind: 'config' | 'credentials' } {
  const key = profiles.get(name)?.values.get('aws_access_key_id');
  if (key) return { file: key.file, fileKind: key.fileKind };
  return { file: profiles.paths.credentialsFile, fileKind: 'credentials' };
}

/** How long after writing managed keys to look whether a lock-less writer undid them. */
const KEYS_UNDONE_WINDOW_MS = 50;

export async function writeManagedKeys(
  name: string,
  credentials: AwsCredentials,
  context: PublishContext,
): Promise<{ file: string; diff: string }> {
  const { file, fileKind } = managedKeysLocation(name, context.profiles);
  mkdirSync(path.dirname(file), { recursive: true, mode: 0o700 });
  const target = { profile: name, fileKind };
  const result = await updateFile(
    file,
    (current) => {
      const text = current ?? '';
      const existing = readSection(text, target, { fileName: file });
      // The last line of defence for people's only copy of their keys: never overwrite long-term
      // keys, whatever the store says.
      const keyId = existing?.get('aws_access_key_id')?.value;
      if (keyId && looksLongTerm(keyId, existing?.has('aws_session_token') ?? false)) {
        throw new RefreshError('config', `Profile "${name}" holds long-term access keys in ${file}; Rolekeeper will not overwrite them`, `Move those keys to a profile of their own and use it as --source-profile`, name);
      }
      const token = credentials.sessionToken;
      const set: Array<[string, string]> = [
        ['aws_access_key_id', credentials.accessKeyId],
        ['aws_secret_access_key', credentials.secretAccessKey],
      ];
      const remove: string[] = [];
      if (token) {
        set.push(['aws_session_token', token]);
        // botocore reads a stale aws_security_token before aws_session_token: keep both in step.
        if (existing?.has('aws_security_token')) set.push(['aws_security_token', token]);
      } else {
        remove.push('aws_session_token', 'aws_security_token');
      }
      set.push([EXPIRY_KEY, isoSeconds(credentials.expiration ?? new Date())]);
      return editSection(text, target, { set, remove, createSection: true }, { fileName: file });
    },
    // `aws configure set` takes no lock: if it read the file just before our rename, its write
    // right after would bring the old keys back.
    { dataDir: rolekeeperDataDir(context.environment), dryRun: context.dryRun, diffLabel: file, reapplyIfUndoneWithinMs: KEYS_UNDONE_WINDOW_MS },
  );
  return { file, diff: result.diff };
}

export async function writeProcessCache(environment: AwsEnvironment, name: string, credentials: AwsCredentials, fingerprint: string): Promise<string> {
  const file = processCacheFile(environment, name);
  mkdirSync(path.dirname(file), { recursive: true, mode: 0o700 });
  await writeFileAtomic(file, processCacheContent(credentials, fingerprint), { mode: 0o600, followSymlinks: false });
  return file;
}

export async function publishCredentials(name: string, obtained: ObtainedCredentials, context: PublishContext): Promise<PublishResult> {
  const result: PublishResult = { sinks: [], diffs: [] };
  const kinds = sinksOf(context.store, name);
  const profile = context.profiles.get(name);

  // A dry run has no AssumeRole answer, but still says which entry it would write.
  if (kinds.includes('cli-cache') && (obtained.assumedRole || context.dryRun) && profile?.type === 'role') {
    const params = roleCacheParamsFromSettings(profile.role);
    if (params) {
      const location = obtained.assumedRole && !context.dryRun
        ? await writeCliCacheEntry(context.profiles.paths, params, obtained.assumedRole.response)
        : path.join(context.profiles.paths.cliCacheDir, `${assumeRoleCacheKey(params)}.json`);
      result.sinks.push({ kind: 'cli-cache', location });
    }
  }
  // Only a profile the user marked with `rolekeeper manage` ever has its keys written.
  if (context.store.managed[name]) {
    const written = await writeManagedKeys(name, obtained.credentials, context);
    result.sinks.push({ kind: 'managed-keys', location: written.file });
    if (written.diff) result.diffs.push(written.diff);
  }
  if (!context.dryRun) {
    result.sinks.push({ kind: 'process-cache', location: await writeProcessCache(context.environment, name, obtained.credentials, roleFingerprint(name, context.profiles, context.store)) });
  }
  return result;
}
