// `rolekeeper vault add|move|list|remove|export`: long-term keys between the AWS files and the OS
// keychain. Every file write goes through the safe editor. Nothing is half-moved: the keychain
// entry is written and read back before any file changes, and a failed file edit undoes the earlier
// edit and the entry. The one-time backup of an edited file loses the moved keys too (their lines
// are cut from the copy), so no copy of the secret stays in a file.
import { readFileSync } from 'node:fs';
import { phrase, type Phrase } from '../../../shared/i18n';
import { rolekeeperProcessProfile, setupCredentialProcessCommand } from '../aws-config/credential-process-command';
import type { ProfileSet } from '../aws-config/profile-model';
import { writeFileAtomic } from '../files/atomic-file';
import { backupRecordFor } from '../files/file-backup';
import { editSection, type AwsFileKind } from '../files/ini-editor';
import { updateFile } from '../files/safe-file-update';
import { rolekeeperDataDir, type AwsEnvironment } from '../model/aws-environment';
import { WordedError } from '../model/worded-error';
import { quoteNameForAnyShell } from '../shell/any-shell';
import type { KeychainPort, LongTermKeys } from './keychain';

export interface VaultContext {
  environment: AwsEnvironment;
  profiles: ProfileSet;
  keychain: KeychainPort;
}

/** What a vault command did, for the faces to word (no secret in it). */
export interface VaultOutcome {
  profile: string;
  message: Phrase;
  /** Backup copies the moved keys were cut from. */
  scrubbedBackups: string[];
}

export interface VaultEntry {
  profile: string;
  /** Whether a profile in the files takes its keys from this entry. */
  used: boolean;
}

const KEY_ID = /^AKIA[A-Z0-9]{16}$/;
const SECRET = /^[A-Za-z0-9/+=]{40}$/;

/** Refuses what is not an IAM user's long-term key pair, before anything is stored. */
export function checkLongTermKeys(keys: LongTermKeys): LongTermKeys {
  const accessKeyId = keys.accessKeyId.trim();
  const secretAccessKey = keys.secretAccessKey.trim();
  if (!KEY_ID.test(accessKeyId)) throw new WordedError(phrase('vault.badKeyId'));
  if (!SECRET.test(secretAccessKey)) throw new WordedError(phrase('vault.badSecret'));
  return { accessKeyId, secretAccessKey };
}

function targetFile(context: VaultContext, kind: AwsFileKind): string {
  return kind === 'config' ? context.profiles.paths.configFile : context.profiles.paths.credentialsFile;
}

async function edit(context: VaultContext, kind: AwsFileKind, profile: string, change: { set?: Array<[string, string]>; remove?: string[] }): Promise<boolean> {
  const file = targetFile(context, kind);
  const result = await updateFile(
    file,
    (current) => editSection(current ?? '', { profile, fileKind: kind }, { set: change.set ?? [], remove: change.remove ?? [] }, { fileName: file }),
    { dataDir: rolekeeperDataDir(context.environment), diffLabel: file },
  );
  return result.written;
}

/** Stores the keys and checks the keychain gives them back: else nothing is left behind. */
async function store(context: VaultContext, profile: string, keys: LongTermKeys): Promise<void> {
  await context.keychain.write(profile, keys);
  const back = await context.keychain.read(profile).catch(() => null);
  if (!back || back.accessKeyId !== keys.accessKeyId || back.secretAccessKey !== keys.secretAccessKey) {
    await context.keychain.remove(profile).catch(() => false);
    throw new WordedError(phrase('vault.readBackFailed', { profile }));
  }
}

function processLine(context: VaultContext, profile: string): string {
  return setupCredentialProcessCommand(profile, { env: context.environment.env, platform: context.environment.platform }).line;
}

/** Cuts every line holding the key id or the secret from the one-time backup of `file`. */
async function scrubBackup(context: VaultContext, file: string, keys: LongTermKeys): Promise<string | null> {
  const record = await backupRecordFor(file, rolekeeperDataDir(context.environment));
  if (!record?.backup) return null;
  let text: string;
  try {
    text = readFileSync(record.backup, 'utf8');
  } catch {
    return null; // the person removed the copy
  }
  if (!text.includes(keys.secretAccessKey) && !text.includes(keys.accessKeyId)) return null;
  const lines = text.split(/(?<=\n)/);
  const kept = lines.filter((line) => !line.includes(keys.secretAccessKey) && !line.includes(keys.accessKeyId));
  await writeFileAtomic(record.backup, kept.join(''), { mode: 0o600 });
  return record.backup;
}

function requireProfile(context: VaultContext, name: string) {
  const profile = context.profiles.get(name);
  if (!profile) throw new WordedError(phrase('vault.unknownProfile', { profile: name, file: context.profiles.paths.configFile }));
  return profile;
}

/** Moves a profile's long-term keys from the files into the keychain. */
export async function moveToKeychain(name: string, context: VaultContext): Promise<VaultOutcome> {
  const profile = requireProfile(context, name);
  const keyId = profile.values.get('aws_access_key_id');
  const secret = profile.values.get('aws_secret_access_key');
  if (profile.type !== 'static' || !keyId || !secret) throw new WordedError(phrase('vault.notStatic', { profile: name, type: profile.type }));
  const keys = checkLongTermKeys({ accessKeyId: keyId.value, secretAccessKey: secret.value });
  const other = context.profiles.profiles.find((candidate) => candidate.name !== name && candidate.values.get('aws_secret_access_key')?.value === keys.secretAccessKey);
  if (other) throw new WordedError(phrase('vault.sameKeysElsewhere', { profile: name, other: other.name }));

  await store(context, name, keys);
  const line = processLine(context, name);
  const holders = new Set<AwsFileKind>([keyId.fileKind, secret.fileKind]);
  const keyNames = ['aws_access_key_id', 'aws_secret_access_key'];
  const done: AwsFileKind[] = [];
  try {
    // One edit of config: credential_process in, and the keys out where config held them.
    await edit(context, 'config', name, { set: [['credential_process', line]], remove: holders.has('config') ? keyNames : [] });
    done.push('config');
    if (holders.has('credentials')) {
      await edit(context, 'credentials', name, { remove: keyNames });
      done.push('credentials');
    }
  } catch (error) {
    if (done.includes('config')) {
      const restore: Array<[string, string]> = holders.has('config') ? [['aws_access_key_id', keys.accessKeyId], ['aws_secret_access_key', keys.secretAccessKey]] : [];
      await edit(context, 'config', name, { set: restore, remove: ['credential_process'] }).catch(() => false);
    }
    await context.keychain.remove(name).catch(() => false);
    throw error;
  }
  const scrubbed: string[] = [];
  for (const kind of holders) {
    const copy = await scrubBackup(context, targetFile(context, kind), keys);
    if (copy) scrubbed.push(copy);
  }
  const from = [...holders].map((kind) => targetFile(context, kind)).join(', ');
  return { profile: name, message: phrase('vault.moved', { profile: name, from, file: context.profiles.paths.configFile, line }), scrubbedBackups: scrubbed };
}

/** Stores typed or piped keys for a profile and points its credential_process at the keychain. */
export async function addToKeychain(name: string, input: LongTermKeys, context: VaultContext): Promise<VaultOutcome> {
  const keys = checkLongTermKeys(input);
  const profile = context.profiles.get(name);
  if (profile && (profile.type === 'static' || profile.type === 'session')) {
    const at = profile.values.get('aws_access_key_id');
    throw new WordedError(phrase('vault.hasKeysInFile', { profile: name, file: at?.file ?? context.profiles.paths.credentialsFile, command: `rolekeeper vault move ${quoteNameForAnyShell(context.environment.platform, name)}` }));
  }
  if (profile && profile.type !== 'none' && profile.type !== 'keychain' && profile.type !== 'process') {
    throw new WordedError(phrase('vault.notStatic', { profile: name, type: profile.type }));
  }
  await store(context, name, keys);
  const line = processLine(context, name);
  try {
    await edit(context, 'config', name, { set: [['credential_process', line]] });
  } catch (error) {
    await context.keychain.remove(name).catch(() => false);
    throw error;
  }
  return { profile: name, message: phrase('vault.added', { profile: name, file: context.profiles.paths.configFile, line }), scrubbedBackups: [] };
}

function keychainLineOf(context: VaultContext, name: string): boolean {
  const command = context.profiles.get(name)?.values.get('credential_process');
  return command !== undefined && command.fileKind === 'config' && rolekeeperProcessProfile(command.value) === name;
}

/** Writes a profile's keys back to the credentials file (for leaving Rolekeeper) and forgets them in the keychain. */
export async function exportFromKeychain(name: string, context: VaultContext): Promise<VaultOutcome> {
  requireProfile(context, name);
  const keys = await context.keychain.read(name);
  if (!keys) throw new WordedError(phrase('vault.missing', { profile: name }));
  await edit(context, 'credentials', name, { set: [['aws_access_key_id', keys.accessKeyId], ['aws_secret_access_key', keys.secretAccessKey]] });
  if (keychainLineOf(context, name)) await edit(context, 'config', name, { remove: ['credential_process'] });
  await context.keychain.remove(name);
  return { profile: name, message: phrase('vault.exported', { profile: name, file: context.profiles.paths.credentialsFile }), scrubbedBackups: [] };
}

/** Forgets a profile's keys in the keychain, and the credential_process line that read them. */
export async function removeFromKeychain(name: string, context: VaultContext): Promise<VaultOutcome> {
  const removed = await context.keychain.remove(name);
  if (keychainLineOf(context, name)) await edit(context, 'config', name, { remove: ['credential_process'] });
  return { profile: name, message: phrase(removed ? 'vault.removed' : 'vault.removedNone', { profile: name }), scrubbedBackups: [] };
}

export async function listKeychain(context: VaultContext): Promise<VaultEntry[]> {
  const names = await context.keychain.list();
  return names.map((profile) => ({ profile, used: context.profiles.get(profile)?.type === 'keychain' }));
}
