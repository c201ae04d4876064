// The one source of truth for what Rolekeeper manages: managed profiles (whose keys it rewrites),
// profiles kept fresh, their sinks, and engine settings. The CLI, the daemon and the tray all read
// and write this one JSON file in Rolekeeper's data folder (no secrets in it).
import { mkdirSync, readFileSync } from 'node:fs';
import * as path from 'node:path';
import { storeFilePath, type AwsEnvironment } from '../model/aws-environment';
import { updateFile } from '../files/safe-file-update';

import { isSinkKind, type SinkKind } from '../../../shared/sink-kinds';
import { phrase } from '../../../shared/i18n';
import { WordedError } from '../model/worded-error';

export { DEFAULT_ENGINE_SETTINGS, emptyStore, type EngineSettings, type ManagedProfile, type StoreData } from '../model/store-data';
import { DEFAULT_ENGINE_SETTINGS, emptyStore, type EngineSettings, type ManagedProfile, type StoreData } from '../model/store-data';

/** Keeps only 12-digit account ids with a non-empty name (a store written by hand may hold anything). */
function parseAccountNames(value: unknown): Record<string, string> {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return {};
  const result: Record<string, string> = {};
  for (const [id, name] of Object.entries(value)) if (/^\d{12}$/.test(id) && typeof name === 'string' && name !== '') result[id] = name;
  return result;
}

/** Drops sink names this version does not know (a newer Rolekeeper may have written them). */
function parseSinks(value: unknown): Record<string, SinkKind[]> {
  if (typeof value !== 'object' || value === null) return {};
  const result: Record<string, SinkKind[]> = {};
  for (const [profile, kinds] of Object.entries(value)) if (Array.isArray(kinds)) result[profile] = kinds.filter(isSinkKind);
  return result;
}

function parseStore(text: string, file: string): StoreData {
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch (error) {
    throw new WordedError(phrase('engine.store.notJson', { file, reason: (error as Error).message }));
  }
  if (typeof raw !== 'object' || raw === null || (raw as { version?: unknown }).version !== 1) {
    throw new WordedError(phrase('engine.store.notVersion1', { file }));
  }
  const data = raw as Partial<StoreData>;
  return {
    version: 1,
    managed: data.managed ?? {},
    kept: Array.isArray(data.kept) ? data.kept.filter((name) => typeof name === 'string') : [],
    sinks: parseSinks(data.sinks),
    settings: { ...DEFAULT_ENGINE_SETTINGS, ...(data.settings ?? {}) },
    // Stores written before account names were learnt have no such field.
    accountNames: parseAccountNames(data.accountNames),
  };
}

export function readStore(environment: AwsEnvironment): StoreData {
  const file = storeFilePath(environment);
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return emptyStore();
    throw new WordedError(phrase('engine.store.unreadable', { file, reason: (error as Error).message }));
  }
  return parseStore(text, file);
}

/** Applies a change under the store's lock and writes it atomically; returns the new data. */
export async function changeStore(
  environment: AwsEnvironment,
  change: (data: StoreData) => void,
): Promise<StoreData> {
  const file = storeFilePath(environment);
  let result = emptyStore();
  mkdirSync(path.dirname(file), { recursive: true, mode: 0o700 });
  await updateFile(
    file,
    (current) => {
      const data = current === null ? emptyStore() : parseStore(current, file);
      change(data);
      result = data;
      return `${JSON.stringify(data, null, 2)}\n`;
    },
    { backup: false, createMode: 0o600 },
  );
  return result;
}

/** Profiles the scheduler keeps fresh: the ones the user chose, and every managed one. */
export function keptProfiles(data: StoreData): string[] {
  return [...new Set([...data.kept, ...Object.keys(data.managed)])];
}

/** Where the user chose to publish a profile's fresh credentials; by default the AWS CLI's cache (roles) or the keys (managed). */
export function sinksOf(data: StoreData, profile: string): SinkKind[] {
  const configured = data.sinks[profile];
  if (configured && configured.length > 0) return configured;
  return data.managed[profile] ? ['managed-keys'] : ['cli-cache'];
}

/** Remembers account names (id → name); writes only when something is new or renamed. */
export async function rememberAccountNames(environment: AwsEnvironment, names: Record<string, string>): Promise<void> {
  const entries = Object.entries(names).filter(([id, name]) => /^\d{12}$/.test(id) && name !== '');
  if (entries.length === 0) return;
  try {
    const current = readStore(environment).accountNames;
    if (entries.every(([id, name]) => current[id] === name)) return;
  } catch {
    // An unreadable store: changeStore says why.
  }
  await changeStore(environment, (data) => {
    for (const [id, name] of entries) data.accountNames[id] = name;
  });
}
