// A loopback stand-in for IAM Identity Center's SSO portal and SSO-OIDC services (moto has
// neither), speaking their REST-JSON as botocore's models describe them: RegisterClient,
// StartDeviceAuthorization, CreateToken (device code, authorization code + PKCE, refresh token),
// the /authorize page PKCE sends the browser to, GetRoleCredentials, ListAccounts and
// ListAccountRoles with pagination, and the modelled error shapes (code in x-amzn-ErrorType).
import { createHash, randomBytes } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';

export interface StandInAccount {
  accountId: string;
  accountName: string;
  emailAddress: string;
  roles: string[];
}

export interface StandInOptions {
  accounts?: StandInAccount[];
  /** Lifetime of access tokens it issues; default 8 h. */
  tokenSeconds?: number;
  /** Lifetime of role credentials; default 1 h. */
  roleSeconds?: number;
  /** Lifetime of client registrations; default 90 days. */
  registrationSeconds?: number;
  /** Issue refresh tokens (sso-session style); default true. */
  issueRefreshTokens?: boolean;
  /** Device codes are approved after this many pending polls; default 1. */
  pendingPolls?: number;
  /** Page size of the List operations; default 2 (to exercise pagination). */
  pageSize?: number;
}

export interface StandInCall {
  operation: string;
  /** Grant type for CreateToken; nothing secret is kept here. */
  detail?: string;
  status: number;
}

export interface SsoStandIn {
  url: string;
  calls: StandInCall[];
  /** Every call fails with 500 InternalServerException while true (proves a client made none). */
  refuseAll: boolean;
  /** The next calls of an operation answer with this error, in order. */
  failNext(operation: string, status: number, code: string, message?: string): void;
  /** Makes an access token the stand-in issued (or any token) known to it, e.g. one written into a file by a test. */
  acceptToken(accessToken: string, expiresAtMs: number): void;
  /** Makes a refresh token usable with this client id. */
  acceptRefreshToken(refreshToken: string, clientId: string): void;
  revokeRefreshTokens(): void;
  operations(name: string): StandInCall[];
  close(): Promise<void>;
}

const DEFAULT_ACCOUNTS: StandInAccount[] = [
  { accountId: '111111111111', accountName: 'prod', emailAddress: 'prod@example.com', roles: ['ReadOnly', 'Admin'] },
  { accountId: '222222222222', accountName: 'dev', emailAddress: 'dev@example.com', roles: ['Developer'] },
  { accountId: '333333333333', accountName: 'sandbox', emailAddress: 'sandbox@example.com', roles: ['ReadOnly', 'Developer', 'Admin'] },
];

function random(prefix: string, bytes = 12): string {
  return `${prefix}${randomBytes(bytes).toString('hex')}`;
}

function readBody(request: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    request.on('error', reject);
  });
}

export async function startSsoStandIn(options: StandInOptions = {}): Promise<SsoStandIn> {
  const accounts = options.accounts ?? DEFAULT_ACCOUNTS;
  const pageSize = options.pageSize ?? 2;
  const clients = new Map<string, { secret: string; expiresAt: number; grantTypes: string[] }>();
  const devices = new Map<string, { clientId: string; polls: number; expiresAt: number }>();
  const codes = new Map<string, { clientId: string; challenge: string; redirectUri: string }>();
  const accessTokens = new Map<string, number>();
  const refreshTokens = new Map<string, string>();
  const failures: Array<{ operation: string; status: number; code: string; message: string }> = [];
  const calls: StandInCall[] = [];

  const send = (response: ServerResponse, operation: string, status: number, body: unknown, detail?: string, code?: string): void => {
    calls.push({ operation, status, ...(detail ? { detail } : {}) });
    response.writeHead(status, { 'content-type': 'application/json', ...(code ? { 'x-amzn-errortype': `${code}:http://internal.amazon.com/` } : {}) });
    response.end(JSON.stringify(body));
  };
  const fail = (response: ServerResponse, operation: string, status: number, code: string, message: string, oauth = false, detail?: string): void => {
    const oauthCode = code.replace(/Exception$/, '').replace(/([a-z])([A-Z])/g, '$1_$2').toLowerCase();
    send(response, operation, status, oauth ? { error: oauthCode, error_description: message } : { message }, detail, code);
  };
  const scripted = (operation: string) => {
    const index = failures.findIndex((failure) => failure.operation === operation);
    return index >= 0 ? failures.splice(index, 1)[0] : undefined;
  };
  const bearer = (request: IncomingMessage): string | null => {
    const value = request.headers['x-amz-sso_bearer_token'];
    const token = Array.isArray(value) ? value[0] : value;
    if (!token) return null;
    const expiresAt = accessTokens.get(token);
    return expiresAt !== undefined && expiresAt > Date.now() ? token : null;
  };
  const issueToken = (clientId: string): Record<string, unknown> => {
    const accessToken = random('standin-access-', 24);
    const expiresIn = options.tokenSeconds ?? 8 * 3600;
    accessTokens.set(accessToken, Date.now() + expiresIn * 1000);
    const out: Record<string, unknown> = { accessToken, tokenType: 'Bearer', expiresIn };
    if (options.issueRefreshTokens ?? true) {
      const refreshToken = random('standin-refresh-', 24);
      refreshTokens.set(refreshToken, clientId);
      out.refreshToken = refreshToken;
    }
    return out;
  };

  async function handle(request: IncomingMessage, response: ServerResponse): Promise<void> {
    const url = new URL(request.url ?? '/', 'http://127.0.0.1');
    const route = `${request.method} ${url.pathname}`;
    const operation =
      ({
        'POST /client/register': 'RegisterClient',
        'POST /device_authorization': 'StartDeviceAuthorization',
        'POST /token': 'CreateToken',
        'GET /authorize': 'Authorize',
        'GET /federation/credentials': 'GetRoleCredentials',
        'GET /assignment/accounts': 'ListAccounts',
        'GET /assignment/roles': 'ListAccountRoles',
        'POST /logout': 'Logout',
      } as Record<string, string>)[route] ?? 'Unknown';
    const oauth = ['RegisterClient', 'StartDeviceAuthorization', 'CreateToken'].includes(operation);
    if (standIn.refuseAll) return fail(response, operation, 500, 'InternalServerException', 'the stand-in refuses every call', oauth);
    const failure = scripted(operation);
    if (failure) return fail(response, operation, failure.status, failure.code, failure.message, oauth);
    const body = request.method === 'POST' ? await readBody(request) : '';
    let input: Record<string, unknown> = {};
    try {
      input = body ? (JSON.parse(body) as Record<string, unknown>) : {};
    } catch {
      return fail(response, operation, 400, 'InvalidRequestException', 'body is not JSON', oauth);
    }
    const now = Date.now();
    switch (operation) {
      case 'RegisterClient': {
        if (typeof input.clientName !== 'string' || input.clientType !== 'public') return fail(response, operation, 400, 'InvalidClientMetadataException', 'clientName and clientType public are required', true);
        const clientId = random('standin-client-');
        const expiresAt = now + (options.registrationSeconds ?? 90 * 86400) * 1000;
        clients.set(clientId, { secret: random('standin-secret-', 24), expiresAt, grantTypes: Array.isArray(input.grantTypes) ? (input.grantTypes as string[]) : [] });
        return send(response, operation, 200, { clientId, clientSecret: clients.get(clientId)!.secret, clientIdIssuedAt: Math.floor(now / 1000), clientSecretExpiresAt: Math.floor(expiresAt / 1000) });
      }
      case 'StartDeviceAuthorization': {
        const client = clients.get(String(input.clientId));
        if (!client || client.secret !== input.clientSecret) return fail(response, operation, 401, 'InvalidClientException', 'unknown client', true);
        if (typeof input.startUrl !== 'string' || !/^https:\/\//.test(input.startUrl)) return fail(response, operation, 400, 'InvalidRequestException', 'startUrl must be https', true);
        const deviceCode = random('standin-device-');
        devices.set(deviceCode, { clientId: String(input.clientId), polls: 0, expiresAt: now + 600_000 });
        const userCode = 'ABCD-EFGH';
        return send(response, operation, 200, { deviceCode, userCode, verificationUri: `${standIn.url}/device`, verificationUriComplete: `${standIn.url}/device?user_code=${userCode}`, expiresIn: 600, interval: 1 });
      }
      case 'CreateToken': {
        const grant = String(input.grantType);
        const client = clients.get(String(input.clientId));
        if (!client || client.secret !== input.clientSecret) return fail(response, operation, 401, 'InvalidClientException', 'unknown client', true, grant);
        if (client.expiresAt <= now) return fail(response, operation, 401, 'InvalidClientException', 'client registration expired', true, grant);
        if (grant === 'urn:ietf:params:oauth:grant-type:device_code') {
          const device = devices.get(String(input.deviceCode));
          if (!device || device.clientId !== input.clientId) return fail(response, operation, 400, 'InvalidGrantException', 'unknown device code', true, grant);
          if (device.expiresAt <= now) return fail(response, operation, 400, 'ExpiredTokenException', 'device code expired', true, grant);
          if (device.polls < (options.pendingPolls ?? 1)) {
            device.polls += 1;
            return fail(response, operation, 400, 'AuthorizationPendingException', 'pending', true, grant);
          }
          devices.delete(String(input.deviceCode));
          return send(response, operation, 200, issueToken(String(input.clientId)), grant);
        }
        if (grant === 'authorization_code') {
          const code = codes.get(String(input.code));
          if (!code || code.clientId !== input.clientId || code.redirectUri !== input.redirectUri) return fail(response, operation, 400, 'InvalidGrantException', 'unknown code or redirect URI', true, grant);
          const challenge = createHash('sha256').update(String(input.codeVerifier)).digest('base64url');
          if (challenge !== code.challenge) return fail(response, operation, 400, 'InvalidGrantException', 'code verifier does not match', true, grant);
          codes.delete(String(input.code));
          return send(response, operation, 200, issueToken(String(input.clientId)), grant);
        }
        if (grant === 'refresh_token') {
          const owner = refreshTokens.get(String(input.refreshToken));
          if (owner !== input.clientId) return fail(response, operation, 400, 'InvalidGrantException', 'Invalid grant provided', true, grant);
          refreshTokens.delete(String(input.refreshToken));
          return send(response, operation, 200, issueToken(String(owner)), grant);
        }
        return fail(response, operation, 400, 'UnsupportedGrantTypeException', 'unsupported grant type', true, grant);
      }
      case 'Authorize': {
        const clientId = url.searchParams.get('client_id') ?? '';
        const redirectUri = url.searchParams.get('redirect_uri') ?? '';
        const client = clients.get(clientId);
        if (!client || !client.grantTypes.includes('authorization_code') || url.searchParams.get('code_challenge_method') !== 'S256') {
          return fail(response, operation, 400, 'InvalidRequestException', 'not a PKCE client');
        }
        const code = random('standin-code-');
        codes.set(code, { clientId, challenge: url.searchParams.get('code_challenge') ?? '', redirectUri });
        const target = new URL(redirectUri);
        target.searchParams.set('code', code);
        target.searchParams.set('state', url.searchParams.get('state') ?? '');
        calls.push({ operation, status: 302 });
        response.writeHead(302, { location: target.toString() });
        response.end();
        return;
      }
      case 'GetRoleCredentials': {
        if (!bearer(request)) return fail(response, operation, 401, 'UnauthorizedException', 'Session token not found or invalid');
        const account = accounts.find((candidate) => candidate.accountId === url.searchParams.get('account_id'));
        const roleName = url.searchParams.get('role_name') ?? '';
        if (!account || !account.roles.includes(roleName)) return fail(response, operation, 403, 'ForbiddenException', 'No access');
        const accessKeyId = `ASIA${randomBytes(8).toString('hex').toUpperCase()}`;
        return send(response, operation, 200, {
          roleCredentials: { accessKeyId, secretAccessKey: random('standin-secret-', 20), sessionToken: random('standin-session-', 32), expiration: now + (options.roleSeconds ?? 3600) * 1000 },
        });
      }
      case 'ListAccounts':
      case 'ListAccountRoles': {
        if (!bearer(request)) return fail(response, operation, 401, 'UnauthorizedException', 'Session token not found or invalid');
        const start = Number(url.searchParams.get('next_token') ?? '0');
        const size = Math.min(Number(url.searchParams.get('max_result') ?? pageSize), pageSize);
        let items: unknown[];
        if (operation === 'ListAccounts') {
          items = accounts.map(({ accountId, accountName, emailAddress }) => ({ accountId, accountName, emailAddress }));
        } else {
          const account = accounts.find((candidate) => candidate.accountId === url.searchParams.get('account_id'));
          if (!account) return fail(response, operation, 404, 'ResourceNotFoundException', 'no such account');
          items = account.roles.map((roleName) => ({ roleName, accountId: account.accountId }));
        }
        const page = items.slice(start, start + size);
        const next = start + size < items.length ? String(start + size) : undefined;
        return send(response, operation, 200, { [operation === 'ListAccounts' ? 'accountList' : 'roleList']: page, ...(next ? { nextToken: next } : {}) }, next ? `page ${start / size + 1}` : undefined);
      }
      case 'Logout':
        return send(response, operation, 200, {});
      default:
        return fail(response, operation, 404, 'ResourceNotFoundException', `no route ${route}`);
    }
  }

  const server: Server = createServer((request, response) => {
    handle(request, response).catch(() => {
      if (!response.headersSent) response.writeHead(500).end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  const standIn: SsoStandIn = {
    url: `http://127.0.0.1:${port}`,
    calls,
    refuseAll: false,
    failNext: (operation, status, code, message = code) => void failures.push({ operation, status, code, message }),
    acceptToken: (accessToken, expiresAtMs) => void accessTokens.set(accessToken, expiresAtMs),
    acceptRefreshToken: (refreshToken, clientId) => {
      refreshTokens.set(refreshToken, clientId);
      if (!clients.has(clientId)) clients.set(clientId, { secret: `secret-of-${clientId}`, expiresAt: Date.now() + 86400_000, grantTypes: [] });
    },
    revokeRefreshTokens: () => refreshTokens.clear(),
    operations: (name) => calls.filter((call) => call.operation === name),
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
  return standIn;
}

/** The environment that sends the JS SDK and CLI v1 (botocore >= 1.31) to the stand-in. */
export function standInEnv(standIn: SsoStandIn): Record<string, string> {
  return { AWS_ENDPOINT_URL_SSO: standIn.url, AWS_ENDPOINT_URL_SSO_OIDC: standIn.url };
}
