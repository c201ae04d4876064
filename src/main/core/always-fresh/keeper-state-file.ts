// What a running keeper (daemon or tray) plans, published for `rolekeeper status`: its own lead and
// each kept profile's next refresh as its scheduler has it, not as the store's setting would
// compute it. A 0600 file beside endpoint.json, tied to that file's start id; no secret in it.
import { readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { rolekeeperDataDir, type AwsEnvironment } from '../model/aws-environment';
import { writeFileAtomicSync } from '../files/atomic-file';
import type { EngineStatus } from '../../../shared/engine-events';

export const KEEPER_STATE_FILE_NAME = 'keeper-state.json';

export interface KeeperProfilePlan {
  profile: string;
  status: EngineStatus;
  expiresAt: string | null;
  /** Null when the keeper plans none (it needs you, or nothing is known yet). */
  nextRefreshAt: string | null;
}

export interface KeeperStateFile {
  version: 1;
  /** The start id of the endpoint.json this keeper wrote: a file of an earlier start is not this keeper's. */
  startId: string;
  pid: number;
  leadSeconds: number;
  writtenAt: string;
  profiles: KeeperProfilePlan[];
}

export function keeperStateFilePath(environment: AwsEnvironment): string {
  return join(rolekeeperDataDir(environment), KEEPER_STATE_FILE_NAME);
}

function isKeeperState(value: unknown): value is KeeperStateFile {
  const v = value as Partial<KeeperStateFile> | null;
  return (
    typeof v === 'object' && v !== null && v.version === 1 && typeof v.startId === 'string' &&
    Number.isInteger(v.pid) && typeof v.leadSeconds === 'number' && Array.isArray(v.profiles) &&
    v.profiles.every((row) => typeof row?.profile === 'string')
  );
}

/** The published plan of the keeper with this start id; null when there is none or it belongs to another start. */
export function readKeeperState(environment: AwsEnvironment, startId: string): KeeperStateFile | null {
  try {
    const parsed: unknown = JSON.parse(readFileSync(keeperStateFilePath(environment), 'utf8'));
    return isKeeperState(parsed) && parsed.startId === startId ? parsed : null;
  } catch {
    return null;
  }
}

export function writeKeeperState(environment: AwsEnvironment, state: KeeperStateFile): void {
  writeFileAtomicSync(keeperStateFilePath(environment), `${JSON.stringify(state, null, 2)}\n`, { mode: 0o600, followSymlinks: false });
}

/** Removes the file if it is still this start's (a newer keeper may have replaced it). */
export function removeKeeperState(environment: AwsEnvironment, startId: string): void {
  if (readKeeperState(environment, startId) !== null) rmSync(keeperStateFilePath(environment), { force: true });
}
