// Signing in to IAM Identity Center the two ways the AWS CLI does: authorization code with PKCE on
// a loopback redirect (current CLI v2's default), and device authorization. The client registration
// is reused from the CLI's cache file while 15 minutes or more of it remain; the token is written
// where `aws sso login` writes it, with the same bytes.
import { createHash, randomBytes, randomUUID } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import { RefreshError } from '../model/credentials';
import { phrase, translator, type MessageKey } from '../../../shared/i18n';
import { ssoFailure } from './sso-errors';
import { isSsoServiceError, type IssuedToken } from './sso-port';
import type { SsoSessionConfig } from './sso-profile-config';
import { PKCE_GRANT_TYPES, isUsableRegistration, readRegistration, writeRegistration, type SsoRegistration } from './sso-registration-file';
import { writeSsoTokenFile } from './sso-token-file';
import { tokenSourceOf, type SsoTokenDeps } from './sso-token-provider';

/** Opens a URL in the person's browser; resolves false when it could not. A port: tests replace it. */
export type BrowserOpener = (url: string) => Promise<boolean>;

export type SsoLoginFlow = 'pkce' | 'device';

/** What the person must see: the URL to open, and for the device flow the code to compare. */
export interface SsoLoginPrompt {
  url: string;
  userCode: string | null;
  browserOpened: boolean;
}

export interface SsoLoginDeps extends SsoTokenDeps {
  openBrowser: BrowserOpener | null;
  onPrompt: (prompt: SsoLoginPrompt) => void;
  /** Waits between device-flow polls (tests pass one that does not sleep). */
  sleep?: (ms: number) => Promise<void>;
  /** How long the PKCE callback is awaited; default 10 minutes, as the CLI. */
  callbackTimeoutMs?: number;
  signal?: AbortSignal;
}

export interface SsoLoginResult {
  tokenFile: string;
  expiresAt: Date;
  renewable: boolean;
  registrationReused: boolean;
}

const DEFAULT_SCOPES = ['sso:account:access'];
const REDIRECT_PATH = '/oauth/callback';
const REGISTERED_REDIRECT_URI = `http://127.0.0.1${REDIRECT_PATH}`;
const VERIFIER_ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-._~';

export function pkceVerifier(): string {
  const bytes = randomBytes(64);
  return Array.from(bytes, (byte) => VERIFIER_ALPHABET[byte % VERIFIER_ALPHABET.length]).join('');
}

export function pkceChallenge(verifier: string): string {
  return createHash('sha256').update(verifier).digest('base64url');
}

function cancelled(): RefreshError {
  return RefreshError.worded('unknown', phrase('sso.login.cancelled'), phrase('sso.login.again'));
}

function clientName(session: SsoSessionConfig, now: number): string {
  return session.sessionName ? `botocore-client-${session.sessionName}` : `botocore-client-${Math.floor(now / 1000)}`;
}

async function registration(session: SsoSessionConfig, flow: SsoLoginFlow, deps: SsoLoginDeps, redirectUri: string | null): Promise<{ registration: SsoRegistration; reused: boolean }> {
  const cached = readRegistration(deps.ssoCacheDir, session);
  if (isUsableRegistration(cached, flow, deps.now())) return { registration: cached, reused: true };
  const scopes = flow === 'pkce' ? (session.scopes ?? DEFAULT_SCOPES) : session.scopes;
  const registered = await deps.sso.registerClient({
    region: session.region,
    env: deps.env,
    clientName: clientName(session, deps.now()),
    ...(scopes ? { scopes } : {}),
    ...(flow === 'pkce' ? { grantTypes: PKCE_GRANT_TYPES, redirectUris: [redirectUri ?? REGISTERED_REDIRECT_URI], issuerUrl: session.startUrl } : {}),
  });
  const fresh: SsoRegistration = {
    clientId: registered.clientId,
    clientSecret: registered.clientSecret,
    expiresAt: registered.clientSecretExpiresAt,
    scopes: scopes ?? null,
    grantTypes: flow === 'pkce' ? PKCE_GRANT_TYPES : null,
  };
  await writeRegistration(deps.ssoCacheDir, session, fresh);
  return { registration: fresh, reused: false };
}

async function saveToken(session: SsoSessionConfig, deps: SsoLoginDeps, client: SsoRegistration, issued: IssuedToken, receivedAt: number, reused: boolean): Promise<SsoLoginResult> {
  const expiresAt = new Date(Math.floor(receivedAt / 1000) * 1000 + issued.expiresInSeconds * 1000);
  const tokenFile = await writeSsoTokenFile(deps.ssoCacheDir, tokenSourceOf(session), {
    startUrl: session.startUrl,
    region: session.region,
    accessToken: issued.accessToken,
    expiresAt,
    clientId: client.clientId,
    clientSecret: client.clientSecret,
    registrationExpiresAt: client.expiresAt,
    refreshToken: issued.refreshToken ?? null,
  });
  return { tokenFile, expiresAt, renewable: session.sessionName !== null && Boolean(issued.refreshToken), registrationReused: reused };
}

async function openAndPrompt(url: string, userCode: string | null, deps: SsoLoginDeps): Promise<void> {
  let opened = false;
  if (deps.openBrowser) {
    try {
      opened = await deps.openBrowser(url);
    } catch {
      opened = false;
    }
  }
  deps.onPrompt({ url, userCode, browserOpened: opened });
}

async function deviceLogin(session: SsoSessionConfig, deps: SsoLoginDeps): Promise<SsoLoginResult> {
  const { registration: client, reused } = await registration(session, 'device', deps, null);
  const context = { region: session.region, env: deps.env };
  const authorization = await deps.sso.startDeviceAuthorization({ ...context, clientId: client.clientId, clientSecret: client.clientSecret, startUrl: session.startUrl });
  const sleep = deps.sleep ?? ((ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms)));
  let intervalMs = authorization.intervalSeconds * 1000;
  let prompted = false;
  for (;;) {
    if (deps.signal?.aborted) throw cancelled();
    try {
      const issued = await deps.sso.createToken({ ...context, clientId: client.clientId, clientSecret: client.clientSecret, grantType: 'urn:ietf:params:oauth:grant-type:device_code', deviceCode: authorization.deviceCode });
      return await saveToken(session, deps, client, issued, deps.now(), reused);
    } catch (error) {
      if (isSsoServiceError(error, 'AuthorizationPendingException')) {
        if (!prompted) {
          prompted = true;
          await openAndPrompt(authorization.verificationUriComplete, authorization.userCode, deps);
        }
      } else if (isSsoServiceError(error, 'SlowDownException')) {
        intervalMs += 5_000;
      } else if (isSsoServiceError(error, 'ExpiredTokenException')) {
        throw RefreshError.worded('expired-source', phrase('sso.login.deviceExpired'), phrase('sso.login.deviceExpired.fix'));
      } else {
        throw error;
      }
    }
    await sleep(intervalMs);
  }
}

function listenOnLoopback(): Promise<{ server: Server; port: number }> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    // Only this machine may deliver the code (the AWS CLI listens on every interface).
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      resolve({ server, port: typeof address === 'object' && address ? address.port : 0 });
    });
  });
}

function awaitCallback(server: Server, port: number, state: string, timeoutMs: number, signal?: AbortSignal): Promise<string> {
  // The browser follows the redirect URI exactly; a page that rebinds a name to 127.0.0.1 sends its own.
  const expectedHost = `127.0.0.1:${port}`;
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(RefreshError.worded('expired-source', phrase('sso.login.timeout'), phrase('sso.login.timeout.fix'))), timeoutMs);
    signal?.addEventListener('abort', () => reject(cancelled()), { once: true });
    server.on('request', (request, response) => {
      const url = new URL(request.url ?? '/', 'http://127.0.0.1');
      if (url.pathname !== REDIRECT_PATH) {
        response.writeHead(404).end();
        return;
      }
      // The page is read in the browser: its language, not the terminal's.
      const finish = (status: number, key: MessageKey): void => {
        const text = translator(request.headers['accept-language'])(key);
        response.writeHead(status, { 'content-type': 'text/plain; charset=utf-8', 'cache-control': 'no-store' }).end(text);
      };
      // Any local process (or a web page that found the port) can send a callback: one without this
      // sign-in's state is answered and ignored, and the real redirect is still awaited.
      if (request.headers.host !== expectedHost || url.searchParams.get('state') !== state) {
        finish(400, 'sso.page.foreign');
        return;
      }
      const code = url.searchParams.get('code');
      if (url.searchParams.get('error') || !code) {
        finish(400, 'sso.page.notCompleted');
        clearTimeout(timer);
        reject(RefreshError.worded('access-denied', phrase('sso.login.noCode'), phrase('sso.login.noCode.fix')));
        return;
      }
      finish(200, 'sso.page.signedIn');
      clearTimeout(timer);
      resolve(code);
    });
  });
}

async function pkceLogin(session: SsoSessionConfig, deps: SsoLoginDeps): Promise<SsoLoginResult> {
  const { server, port } = await listenOnLoopback();
  try {
    const { registration: client, reused } = await registration(session, 'pkce', deps, REGISTERED_REDIRECT_URI);
    const redirectUri = `http://127.0.0.1:${port}${REDIRECT_PATH}`;
    const verifier = pkceVerifier();
    const state = randomUUID();
    const query = new URLSearchParams({
      response_type: 'code',
      client_id: client.clientId,
      redirect_uri: redirectUri,
      state,
      code_challenge_method: 'S256',
      scopes: (client.scopes ?? session.scopes ?? DEFAULT_SCOPES).join(' '),
      code_challenge: pkceChallenge(verifier),
    });
    const url = `${deps.sso.oidcEndpoint({ region: session.region, env: deps.env })}/authorize?${query.toString()}`;
    const callback = awaitCallback(server, port, state, deps.callbackTimeoutMs ?? 600_000, deps.signal);
    await openAndPrompt(url, null, deps);
    const code = await callback;
    const issued = await deps.sso.createToken({ region: session.region, env: deps.env, clientId: client.clientId, clientSecret: client.clientSecret, grantType: 'authorization_code', code, redirectUri, codeVerifier: verifier });
    return await saveToken(session, deps, client, issued, deps.now(), reused);
  } finally {
    server.closeAllConnections?.();
    server.close();
  }
}

/** Signs in and writes the token; legacy (start-URL) sign-ins always use the device flow, as the CLI. */
export async function ssoLogin(session: SsoSessionConfig, flow: SsoLoginFlow, deps: SsoLoginDeps, profile: string | null = null): Promise<SsoLoginResult> {
  try {
    return session.sessionName === null || flow === 'device' ? await deviceLogin(session, deps) : await pkceLogin(session, deps);
  } catch (error) {
    throw ssoFailure(error, { platform: deps.platform, session, profile });
  }
}
