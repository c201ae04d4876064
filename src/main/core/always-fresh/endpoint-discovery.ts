// How a shell, `export --via-endpoint`, `exec`, `status` and `doctor` find the endpoint this user's
// daemon or tray serves: a 0600 file in the data folder with its URL, pid and start id, and a
// probe that only this user's Rolekeeper can answer (an HMAC of a fresh nonce under a key that
// only the 0600 file holds), so a process of another user on the port is never mistaken for it.
import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import { readFileSync, rmSync } from 'node:fs';
import { request } from 'node:http';
import { join } from 'node:path';
import { rolekeeperDataDir, type AwsEnvironment } from '../model/aws-environment';
import { writeFileAtomicSync } from '../files/atomic-file';
import { ENDPOINT_HOST, ENDPOINT_PROOF_PATH, endpointProof } from './container-endpoint';
import { phrase } from '../../../shared/i18n';
import { WordedError } from '../model/worded-error';

export const DISCOVERY_FILE_NAME = 'endpoint.json';

/** Which kind of process serves the endpoint; the one that starts second defers to it. */
export const ENDPOINT_OWNERS = ['daemon', 'tray'] as const;
export type EndpointOwner = (typeof ENDPOINT_OWNERS)[number];

export interface EndpointDiscovery {
  version: 1;
  /** http://127.0.0.1:PORT — the profile's path follows it. */
  url: string;
  port: number;
  pid: number;
  /** Random per start: tells a restarted endpoint from the one a shell saw before. */
  startId: string;
  owner: EndpointOwner;
  startedAt: string;
  /** Secret: the key of the identity probe. */
  proofKey: string;
}

/** The stored setting that means "choose the per-user port"; 47123 was every user's port before. */
export const AUTOMATIC_ENDPOINT_PORT = 0;
export const LEGACY_SHARED_ENDPOINT_PORT = 47_123;

// Below Linux's ephemeral range (32768-60999) and macOS/Windows' (49152-65535), so outgoing
// connections rarely hold it; 10,000 slots make two users on one machine collide rarely, and a
// collision only moves the second one to another port (see candidatePorts).
const PER_USER_PORT_BASE = 20_000;
const PER_USER_PORT_SLOTS = 10_000;

export function discoveryFilePath(environment: AwsEnvironment): string {
  return join(rolekeeperDataDir(environment), DISCOVERY_FILE_NAME);
}

/** The port this user (and this data folder: a second HOME is a second user here) prefers. */
export function perUserEndpointPort(environment: AwsEnvironment, uid: number = currentUid()): number {
  const digest = createHash('sha256').update(`${uid}\0${rolekeeperDataDir(environment)}`).digest();
  return PER_USER_PORT_BASE + (digest.readUInt32BE(0) % PER_USER_PORT_SLOTS);
}

function currentUid(): number {
  return typeof process.getuid === 'function' ? process.getuid() : 0;
}

/**
 * The ports to try, in order: an explicit setting alone; otherwise the port the last endpoint
 * used (so URLs exported before a restart keep working), the per-user port, then any free port.
 */
export function candidatePorts(configured: number, previous: EndpointDiscovery | null, environment: AwsEnvironment): number[] {
  if (configured !== AUTOMATIC_ENDPOINT_PORT && configured !== LEGACY_SHARED_ENDPOINT_PORT) return [configured];
  const ports = [previous?.port, perUserEndpointPort(environment), 0].filter((port): port is number => port !== undefined);
  return [...new Set(ports)];
}

function isDiscovery(value: unknown): value is EndpointDiscovery {
  const v = value as Partial<EndpointDiscovery> | null;
  return (
    typeof v === 'object' && v !== null && v.version === 1 &&
    typeof v.url === 'string' && Number.isInteger(v.port) && Number.isInteger(v.pid) &&
    typeof v.startId === 'string' && typeof v.proofKey === 'string' && typeof v.startedAt === 'string' &&
    (ENDPOINT_OWNERS as readonly string[]).includes(v.owner as string)
  );
}

/** The discovery file, or null when there is none or it is not one (a half-written or foreign file is no endpoint). */
export function readEndpointDiscovery(environment: AwsEnvironment): EndpointDiscovery | null {
  try {
    const parsed: unknown = JSON.parse(readFileSync(discoveryFilePath(environment), 'utf8'));
    return isDiscovery(parsed) ? parsed : null;
  } catch {
    return null;
  }
}

export function newProofKey(): string {
  return randomBytes(32).toString('base64url');
}

export function newEndpointDiscovery(port: number, owner: EndpointOwner, now: Date, proofKey: string): EndpointDiscovery {
  return {
    version: 1,
    url: `http://${ENDPOINT_HOST}:${port}`,
    port,
    pid: process.pid,
    startId: randomBytes(8).toString('hex'),
    owner,
    startedAt: now.toISOString(),
    proofKey,
  };
}

export function writeEndpointDiscovery(environment: AwsEnvironment, discovery: EndpointDiscovery): void {
  writeFileAtomicSync(discoveryFilePath(environment), `${JSON.stringify(discovery, null, 2)}\n`, { mode: 0o600, followSymlinks: false });
}

/** Removes the file if it still describes this start (a newer endpoint may have replaced it). */
export function removeEndpointDiscovery(environment: AwsEnvironment, startId: string): void {
  if (readEndpointDiscovery(environment)?.startId === startId) rmSync(discoveryFilePath(environment), { force: true });
}

/** ours: this user's Rolekeeper answered; none: nothing listens; not-ours: something else does. */
export type ProbeResult = 'ours' | 'none' | 'not-ours';

/** Asks the port to prove it holds the discovery file's key; sends no token and no secret. */
export function probeEndpoint(discovery: Pick<EndpointDiscovery, 'port' | 'proofKey'>, timeoutMs = 2_000): Promise<ProbeResult> {
  const nonce = randomBytes(24).toString('hex');
  const expected = Buffer.from(endpointProof(discovery.proofKey, nonce));
  return new Promise((resolve) => {
    const req = request(
      { host: ENDPOINT_HOST, port: discovery.port, path: `${ENDPOINT_PROOF_PATH}?nonce=${nonce}`, agent: false, timeout: timeoutMs },
      (response) => {
        let body = '';
        response.setEncoding('utf8');
        response.on('data', (chunk: string) => {
          body += chunk;
          if (body.length > 4096) response.destroy();
        });
        response.on('error', () => resolve('not-ours'));
        response.on('end', () => {
          let proof: unknown;
          try {
            proof = (JSON.parse(body) as { Proof?: unknown }).Proof;
          } catch {
            return resolve('not-ours');
          }
          const given = Buffer.from(typeof proof === 'string' ? proof : '');
          resolve(response.statusCode === 200 && given.length === expected.length && timingSafeEqual(given, expected) ? 'ours' : 'not-ours');
        });
      },
    );
    req.on('timeout', () => req.destroy(new Error('timeout')));
    req.on('error', (error: NodeJS.ErrnoException) => resolve(error.code === 'ECONNREFUSED' ? 'none' : 'not-ours'));
    req.end();
  });
}

/** The running endpoint of this user, proven by the probe; null when none answers. */
export async function runningEndpoint(environment: AwsEnvironment): Promise<EndpointDiscovery | null> {
  const discovery = readEndpointDiscovery(environment);
  if (discovery === null) return null;
  return (await probeEndpoint(discovery)) === 'ours' ? discovery : null;
}

/** Another daemon or tray of this user already keeps profiles fresh and serves the endpoint. */
export class AnotherKeeperRunsError extends WordedError {
  constructor(readonly running: EndpointDiscovery) {
    super(phrase('engine.anotherKeeper', { owner: phrase(running.owner === 'tray' ? 'engine.owner.tray' : 'engine.owner.daemon'), pid: running.pid, url: running.url }), 'another-keeper-runs');
    this.name = 'AnotherKeeperRunsError';
  }
}
