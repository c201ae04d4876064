// The keys of a profile the user marked with `rolekeeper manage`, rewritten where they stand (config
// or credentials file), nothing else in the file touched: for tools that read only keys.
import { mkdirSync } from 'node:fs';
import * as path from 'node:path';
import { rolekeeperDataDir } from '../model/aws-environment';
import type { ProfileSet } from '../aws-config/profile-model';
import { RefreshError, type AwsCredentials } from '../model/credentials';
import { EXPIRY_KEY, MANAGED_KEY_NAMES, keysOfProfile } from '../credentials/profile-keys';
import { editSection, readSection } from '../files/ini-editor';
import { updateFile } from '../files/safe-file-update';
import { isoSeconds } from '../../../shared/duration';
import type { Sink, SinkContext } from './sink';
import { phrase } from '../../../shared/i18n';

/**
 * Whether keys look like someone's long-term access keys: IAM users' key ids start with AKIA,
 * temporary (STS) ones with ASIA and come with a session token. Anything else counts as long-term.
 */
export function looksLongTerm(keyId: string, hasSessionToken: boolean): boolean {
  if (keyId.startsWith('AKIA')) return true;
  return !hasSessionToken && !keyId.startsWith('ASIA');
}

/** Where the managed profile's keys stand now: the file of aws_access_key_id, else the credentials file. */
export function managedKeysLocation(name: string, profiles: ProfileSet): { file: string; fileKind: 'config' | 'credentials' } {
  const key = profiles.get(name)?.values.get('aws_access_key_id');
  if (key) return { file: key.file, fileKind: key.fileKind };
  return { file: profiles.paths.credentialsFile, fileKind: 'credentials' };
}

/** How long after writing managed keys to look whether a lock-less writer undid them. */
const KEYS_UNDONE_WINDOW_MS = 50;

function longTermKeysError(name: string, file: string): RefreshError {
  return RefreshError.worded('config', phrase('engine.longTermKeys', { profile: name, file }), phrase('engine.longTermKeysFix'), name);
}

/** Rewrites (or, with null, removes) the managed profile's session keys; never touches long-term keys. */
export async function writeManagedKeys(name: string, credentials: AwsCredentials | null, context: SinkContext, dryRun = false): Promise<{ file: string; diff: string }> {
  const { file, fileKind } = managedKeysLocation(name, context.profiles);
  mkdirSync(path.dirname(file), { recursive: true, mode: 0o700 });
  const target = { profile: name, fileKind };
  const result = await updateFile(
    file,
    (current) => {
      const text = current ?? '';
      const existing = readSection(text, target, { fileName: file });
      // The last line of defence for people's only copy of their keys, whatever the store says.
      const keyId = existing?.get('aws_access_key_id')?.value;
      if (keyId && looksLongTerm(keyId, existing?.has('aws_session_token') ?? false)) throw longTermKeysError(name, file);
      if (credentials === null) return editSection(text, target, { set: [], remove: [...MANAGED_KEY_NAMES] }, { fileName: file });
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
      set.push([EXPIRY_KEY, isoSeconds(credentials.expiration ?? new Date(context.now()))]);
      return editSection(text, target, { set, remove, createSection: true }, { fileName: file });
    },
    // `aws configure set` takes no lock: if it read the file just before our rename, its write
    // right after would bring the old keys back.
    { dataDir: rolekeeperDataDir(context.environment), dryRun, diffLabel: file, reapplyIfUndoneWithinMs: KEYS_UNDONE_WINDOW_MS },
  );
  return { file, diff: result.diff };
}

const isManaged = (profile: string, context: SinkContext): boolean => Boolean(context.store.managed[profile]);

export const managedKeysSink: Sink<'managed-keys'> = {
  kind: 'managed-keys',

  accepts: isManaged,

  async publish(profile, obtained, context, dryRun) {
    // Only a profile the user marked with `rolekeeper manage` ever has its keys written.
    if (!isManaged(profile, context)) return null;
    const written = await writeManagedKeys(profile, obtained.credentials, context, dryRun);
    return { kind: 'managed-keys', location: written.file, ...(written.diff ? { diff: written.diff } : {}) };
  },

  heldExpiry(profile, context) {
    if (!isManaged(profile, context)) return undefined;
    const found = context.profiles.get(profile);
    return found ? keysOfProfile(found)?.expiration ?? null : null;
  },

  async clear(profile, context) {
    if (!isManaged(profile, context) || !context.profiles.get(profile)?.values.has('aws_access_key_id')) return 0;
    await writeManagedKeys(profile, null, context);
    return 1;
  },
};
