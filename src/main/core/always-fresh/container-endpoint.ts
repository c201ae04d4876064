// The loopback container-credentials endpoint (AWS_CONTAINER_CREDENTIALS_FULL_URI +
// AWS_CONTAINER_AUTHORIZATION_TOKEN): serves each profile's fresh credentials from memory, on its
// own path with its own token, to every AWS SDK and the CLI.
import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import { mkdirSync, readFileSync } from 'node:fs';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { join } from 'node:path';
import { MAX_TIMER_DELAY_MS } from './clock';
import { writeFileAtomicSync } from '../files/atomic-file';
import { withFileLockSync } from '../files/file-lock-sync';
import type { AwsCredentials } from '../model/credentials';
import { isoSeconds } from '../../../shared/duration';
import { phrase } from '../../../shared/i18n';
import { WordedError } from '../model/worded-error';

export const ENDPOINT_HOST = '127.0.0.1';
export const ENDPOINT_PATH_PREFIX = '/v1/credentials/';
export const TOKEN_FILE_NAME = 'endpoint-tokens.json';
/** Answers a nonce with an HMAC under the discovery file's proof key: "this user's Rolekeeper runs here". */
export const ENDPOINT_PROOF_PATH = '/v1/rolekeeper/proof';
/** A connection that sends nothing for this long is closed (slow or stuck clients). */
const IDLE_SOCKET_MS = 10_000;
/**
 * A request's headers must be complete this long after the connection opened (or after the
 * previous answer on a kept-alive one), however slowly they trickle in: the idle timeout alone
 * resets on every byte, which is what slowloris exploits. SDK clients send a request in one write.
 */
export const HEADERS_DEADLINE_MS = 10_000;
/**
 * More simultaneous connections than any honest set of local clients. Beyond it the endpoint sheds
 * the oldest connection that has not sent a complete request (then the oldest idle kept-alive one),
 * never the newcomer first: loopback peers cannot be told apart by address, so a flood of trickling
 * connections from another local user must not starve an SDK request that arrives whole.
 */
export const MAX_CONNECTIONS = 512;
const MAX_REQUESTS_PER_SOCKET = 1_000;

/** The per-profile tokens, kept in a 0600 JSON file so `rolekeeper export --via-endpoint` can print them. */
export class EndpointTokenStore {
  readonly file: string;
  private tokens = new Map<string, string>();

  constructor(readonly folder: string) {
    this.file = join(folder, TOKEN_FILE_NAME);
    this.reload();
  }

  /** Re-reads the file (another process may have rotated a token). A missing file means no tokens. */
  reload(): void {
    let text: string;
    try {
      text = readFileSync(this.file, 'utf8');
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') {
        this.tokens = new Map();
        return;
      }
      throw error;
    }
    let parsed: unknown;
    try {
      parsed = JSON.parse(text);
    } catch {
      throw new WordedError(phrase('engine.tokens.notJson', { file: this.file }));
    }
    const tokens = (parsed as { tokens?: unknown }).tokens;
    if (typeof tokens !== 'object' || tokens === null) throw new WordedError(phrase('engine.tokens.noTokens', { file: this.file }));
    this.tokens = new Map(Object.entries(tokens).filter((pair): pair is [string, string] => typeof pair[1] === 'string'));
  }

  get(profile: string): string | undefined {
    return this.tokens.get(profile);
  }

  profiles(): string[] {
    return [...this.tokens.keys()];
  }

  /** The profile's token, issuing (and saving) one if it has none. */
  ensure(profile: string): string {
    const known = this.tokens.get(profile);
    if (known !== undefined) return known;
    return this.change(() => this.tokens.get(profile) ?? this.issue(profile));
  }

  /** Issues a new token for the profile; the old one stops working at once. */
  rotate(profile: string): string {
    return this.change(() => this.issue(profile));
  }

  /** Rotates every token there is; returns the profiles whose token changed. */
  rotateAll(): string[] {
    return this.change(() => {
      const names = [...this.tokens.keys()];
      for (const name of names) this.issue(name);
      return names;
    });
  }

  /** Revokes the profile's token: its exported URL answers 403 from now on. True when it had one. */
  remove(profile: string): boolean {
    return this.change(() => this.tokens.delete(profile));
  }

  // The CLI, the daemon and the tray all change this file: re-read it under the lock, so no
  // process writes back a token another one just revoked or rotated.
  private change<T>(mutate: () => T): T {
    mkdirSync(this.folder, { recursive: true, mode: 0o700 });
    return withFileLockSync(this.file, () => {
      this.reload();
      const before = JSON.stringify([...this.tokens]);
      const result = mutate();
      if (JSON.stringify([...this.tokens]) !== before) this.save();
      return result;
    });
  }

  private issue(profile: string): string {
    const token = randomBytes(32).toString('base64url');
    this.tokens.set(profile, token);
    return token;
  }

  private save(): void {
    mkdirSync(this.folder, { recursive: true, mode: 0o700 });
    const body = JSON.stringify({ version: 1, tokens: Object.fromEntries(this.tokens) }, null, 2);
    writeFileAtomicSync(this.file, body, { mode: 0o600, followSymlinks: false });
  }
}

/** What the endpoint needs of a token store: the file-backed one, or one token scoped to a single child (`exec`). */
export type EndpointTokenSource = Pick<EndpointTokenStore, 'get' | 'ensure' | 'rotate'>;

export interface EndpointRequestEvent {
  /** The profile whose path was asked for, or null for an unknown path. */
  profile: string | null;
  status: number;
}

export interface ContainerEndpointOptions {
  /** 0 or absent: any free port. */
  port?: number;
  /** Fresh credentials from memory; must be synchronous and cheap. */
  getCredentials: (profile: string) => AwsCredentials | undefined;
  tokens: EndpointTokenSource;
  /** Called after each answer (no secrets in it), e.g. for the daemon's log or a test. */
  onRequest?: (event: EndpointRequestEvent) => void;
  /** Wall clock in ms; injectable for tests. */
  now?: () => number;
  /** The discovery file's proof key: answers ENDPOINT_PROOF_PATH so a probe can tell this user's Rolekeeper from another process. */
  proofKey?: string;
}

export interface ContainerEndpoint {
  readonly port: number;
  /** The AWS_CONTAINER_CREDENTIALS_FULL_URI for a profile. */
  urlFor(profile: string): string;
  /** The AWS_CONTAINER_AUTHORIZATION_TOKEN for a profile (issued on first use). */
  tokenFor(profile: string): string;
  rotateToken(profile: string): string;
  /** The listening socket's descriptor, for a process that must keep the port (exec's guard); null where there is none. */
  listeningFd(): number | null;
  close(): Promise<void>;
}

interface Route {
  profile: string;
  token: string;
  digest: Buffer;
  credentials: AwsCredentials | undefined;
  body: string;
}

// Credentials without an expiry (long-term keys) still need one in this protocol; clients come
// back after it, which costs one loopback request.
const SYNTHETIC_LIFETIME_MS = 60 * 60_000;
const LOOPBACK_HOST = /^(?:localhost|127(?:\.(?:25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)){3}|\[::1\])(?::\d{1,5})?$/i;

export function endpointProof(proofKey: string, nonce: string): string {
  return createHmac('sha256', proofKey).update(`rolekeeper-endpoint-proof:${nonce}`).digest('hex');
}

export function isLoopbackHost(host: string | undefined): boolean {
  return host !== undefined && LOOPBACK_HOST.test(host);
}

export function startContainerEndpoint(options: ContainerEndpointOptions): Promise<ContainerEndpoint> {
  const { tokens, getCredentials } = options;
  const now = options.now ?? Date.now;
  // Comparing keyed digests: equal lengths for timingSafeEqual, and no timing leak of the token's length.
  const hmacKey = randomBytes(32);
  const digest = (value: string): Buffer => createHmac('sha256', hmacKey).update(value).digest();
  const routes = new Map<string, Route>();
  const pathFor = (profile: string): string => ENDPOINT_PATH_PREFIX + encodeURIComponent(profile);

  const routeFor = (rawPath: string): Route | undefined => {
    const queryAt = rawPath.indexOf('?');
    const path = queryAt === -1 ? rawPath : rawPath.slice(0, queryAt);
    let route = routes.get(path);
    if (route === undefined) {
      if (!path.startsWith(ENDPOINT_PATH_PREFIX)) return undefined;
      let profile: string;
      try {
        profile = decodeURIComponent(path.slice(ENDPOINT_PATH_PREFIX.length));
      } catch {
        return undefined;
      }
      if (profile === '' || pathFor(profile) !== path) return undefined;
      const token = tokens.get(profile);
      if (token === undefined) return undefined;
      route = { profile, token, digest: digest(token), credentials: undefined, body: '' };
      routes.set(path, route);
    }
    const token = tokens.get(route.profile);
    if (token === undefined) {
      routes.delete(path);
      return undefined;
    }
    if (token !== route.token) {
      route.token = token;
      route.digest = digest(token);
    }
    return route;
  };

  // Only a connection that proved a token stays open for another request: a refused one would
  // otherwise hold a slot as long as the keep-alive timeout allows.
  const answer = (response: ServerResponse, status: number, body: string, profile: string | null, authorized = false): void => {
    response.writeHead(status, {
      'Content-Type': 'application/json',
      'Content-Length': Buffer.byteLength(body),
      'Cache-Control': 'no-store',
      ...(authorized ? {} : { Connection: 'close' }),
    });
    if (authorized) proven.add(response.req.socket);
    response.end(body);
    options.onRequest?.({ profile, status });
  };
  const problem = (code: string, message: string): string => JSON.stringify({ Code: code, Message: message });
  // One answer for an unknown profile, a missing token and a wrong one: the endpoint must not
  // tell another local user which profile names exist.
  const FORBIDDEN = problem('Forbidden', 'No credentials for this path and token');
  const decoy = digest(randomBytes(32).toString('base64url'));
  const NONCE = /^[0-9a-f]{32,128}$/;

  const answerProof = (request: IncomingMessage, response: ServerResponse): void => {
    const nonce = new URL(request.url ?? '', 'http://127.0.0.1').searchParams.get('nonce') ?? '';
    if (options.proofKey === undefined || !NONCE.test(nonce)) return answer(response, 403, FORBIDDEN, null);
    answer(response, 200, JSON.stringify({ Proof: endpointProof(options.proofKey, nonce) }), null);
  };

  const handle = (request: IncomingMessage, response: ServerResponse): void => {
    // A web page that rebinds a name to 127.0.0.1 still sends its own Host: refuse it.
    if (!isLoopbackHost(request.headers.host)) {
      return answer(response, 403, problem('Forbidden', 'Host must be a loopback address'), null);
    }
    if (request.method !== 'GET') {
      response.setHeader('Allow', 'GET');
      return answer(response, 405, problem('MethodNotAllowed', 'Only GET is allowed'), null);
    }
    if ((request.url ?? '').split('?')[0] === ENDPOINT_PROOF_PATH) return answerProof(request, response);
    const route = routeFor(request.url ?? '');
    const authorization = request.headers.authorization ?? '';
    const matches = timingSafeEqual(digest(authorization), route?.digest ?? decoy);
    if (route === undefined || authorization === '' || !matches) return answer(response, 403, FORBIDDEN, route?.profile ?? null);
    const credentials = getCredentials(route.profile);
    const expiration = credentials?.expiration;
    if (credentials === undefined || (expiration !== undefined && expiration.getTime() <= now())) {
      return answer(
        response,
        503,
        problem('CredentialsUnavailable', `No fresh credentials for profile ${route.profile}; Rolekeeper is refreshing or needs you`),
        route.profile,
        true,
      );
    }
    if (credentials !== route.credentials || expiration === undefined) {
      route.credentials = credentials;
      route.body = JSON.stringify({
        AccessKeyId: credentials.accessKeyId,
        SecretAccessKey: credentials.secretAccessKey,
        Token: credentials.sessionToken ?? '',
        Expiration: isoSeconds(expiration ?? new Date(now() + SYNTHETIC_LIFETIME_MS)),
        ...(credentials.accountId ? { AccountId: credentials.accountId } : {}),
      });
    }
    answer(response, 200, route.body, route.profile, true);
  };

  // Node's default server wakes every 30 s to check for slow connections even with none open
  // (and its headersTimeout is only enforced by that check): per-socket timers do that job here,
  // and only while a connection exists, so an idle endpoint never wakes the machine.
  const headersDeadlines = new Map<Socket, NodeJS.Timeout>();
  // Open connections in the order they came: those that have not sent a complete request yet, and
  // those kept alive after an answer to a valid token, waiting for their next request.
  const waiting = new Set<Socket>();
  const idle = new Set<Socket>();
  const busy = new Set<Socket>();
  const proven = new WeakSet<Socket>();
  let live = 0;
  const release = (socket: Socket): boolean => {
    const known = waiting.delete(socket) || idle.delete(socket) || busy.delete(socket);
    if (known) live -= 1;
    return known;
  };
  const shedFor = (newcomer: Socket): void => {
    let victim: Socket | undefined;
    for (const socket of waiting) {
      if (socket !== newcomer) {
        victim = socket;
        break;
      }
    }
    victim ??= idle.values().next().value ?? newcomer;
    release(victim);
    victim.destroy();
  };
  const armHeadersDeadline = (socket: Socket): void => {
    clearTimeout(headersDeadlines.get(socket));
    headersDeadlines.set(socket, setTimeout(() => socket.destroy(), HEADERS_DEADLINE_MS));
  };
  const disarmHeadersDeadline = (socket: Socket): void => {
    clearTimeout(headersDeadlines.get(socket));
    headersDeadlines.delete(socket);
  };
  const server: Server = createServer(
    { connectionsCheckingInterval: MAX_TIMER_DELAY_MS, keepAliveTimeout: 5_000, requestTimeout: HEADERS_DEADLINE_MS, headersTimeout: HEADERS_DEADLINE_MS },
    (request, response) => {
      const socket = request.socket;
      disarmHeadersDeadline(socket);
      if (waiting.delete(socket) || idle.delete(socket)) busy.add(socket);
      response.once('finish', () => {
        if (socket.destroyed) return;
        armHeadersDeadline(socket);
        if (busy.delete(socket)) (proven.has(socket) ? idle : waiting).add(socket);
      });
      handle(request, response);
    },
  );
  server.maxRequestsPerSocket = MAX_REQUESTS_PER_SOCKET;
  server.on('connection', (socket: Socket) => {
    socket.setTimeout(IDLE_SOCKET_MS, () => socket.destroy());
    armHeadersDeadline(socket);
    waiting.add(socket);
    live += 1;
    socket.once('close', () => {
      disarmHeadersDeadline(socket);
      release(socket);
    });
    if (live > MAX_CONNECTIONS) shedFor(socket);
  });
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, ENDPOINT_HOST, () => {
      server.off('error', reject);
      const port = (server.address() as AddressInfo).port;
      resolve({
        port,
        urlFor: (profile) => `http://${ENDPOINT_HOST}:${port}${pathFor(profile)}`,
        tokenFor: (profile) => tokens.ensure(profile),
        rotateToken: (profile) => tokens.rotate(profile),
        listeningFd: () => {
          // Node keeps the descriptor on its internal handle only; -1 where the platform has none.
          const fd = (server as unknown as { _handle?: { fd?: number } })._handle?.fd;
          return typeof fd === 'number' && fd >= 0 ? fd : null;
        },
        close: () =>
          new Promise<void>((done) => {
            server.close(() => done());
            server.closeAllConnections();
            for (const socket of [...headersDeadlines.keys()]) disarmHeadersDeadline(socket);
          }),
      });
    });
  });
}
