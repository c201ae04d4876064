// A loopback stand-in of the AWS federation endpoint (signin.aws.amazon.com/federation): answers
// Action=getSigninToken with a SigninToken derived from the session it was handed, and records each
// request, so a test can check which role session reached it. `refuse` answers as AWS does to a
// session it does not take (HTTP 400).
import { createHash } from 'node:crypto';
import { createServer, type Server } from 'node:http';

export interface FederationRequest {
  action: string | null;
  session: { sessionId: string; sessionKey: string; sessionToken: string } | null;
  sessionDuration: string | null;
  /** The raw query string (it holds the session: never print it from a test). */
  query: string;
}

export interface FederationStandIn {
  /** Pass as ROLEKEEPER_FEDERATION_ENDPOINT. */
  url: string;
  requests: FederationRequest[];
  /** The SigninToken the stand-in issues for a session: what the login URL must carry. */
  tokenFor(session: { sessionId: string; sessionKey: string; sessionToken: string }): string;
  refuse: boolean;
  stop(): Promise<void>;
}

export function signinTokenFor(session: { sessionId: string; sessionKey: string; sessionToken: string }): string {
  return `stand-in-${createHash('sha256').update(`${session.sessionId}\n${session.sessionKey}\n${session.sessionToken}`).digest('hex').slice(0, 32)}`;
}

export async function startFederationStandIn(): Promise<FederationStandIn> {
  const stand: Omit<FederationStandIn, 'url' | 'stop'> = { requests: [], tokenFor: signinTokenFor, refuse: false };
  const server: Server = createServer((request, response) => {
    const url = new URL(request.url ?? '/', 'http://127.0.0.1');
    let session: FederationRequest['session'] = null;
    try {
      session = JSON.parse(url.searchParams.get('Session') ?? 'null') as FederationRequest['session'];
    } catch {
      session = null;
    }
    stand.requests.push({ action: url.searchParams.get('Action'), session, sessionDuration: url.searchParams.get('SessionDuration'), query: url.search });
    const valid = url.pathname === '/federation' && url.searchParams.get('Action') === 'getSigninToken' && session !== null && typeof session.sessionToken === 'string' && session.sessionToken !== '';
    if (stand.refuse || !valid) {
      response.writeHead(400, { 'content-type': 'text/plain' }).end('Bad Request');
      return;
    }
    response.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ SigninToken: signinTokenFor(session!) }));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  return Object.assign(stand, {
    url: `http://127.0.0.1:${port}/federation`,
    stop: () => new Promise<void>((resolve) => server.close(() => resolve())),
  });
}
