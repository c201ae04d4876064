// The AWS federation endpoint's getSigninToken call, as a port: the service is built with one.
// `httpFederation` is the real one (HTTPS GET on the partition's sign-in host); tests pass a
// loopback stand-in through ROLEKEEPER_FEDERATION_ENDPOINT, as AWS_ENDPOINT_URL_STS does for STS.
import { phrase } from '../../../shared/i18n';
import { WordedError } from '../model/worded-error';

/** The role session handed to the federation endpoint: the three parts of temporary credentials. */
export interface FederationSession {
  sessionId: string;
  sessionKey: string;
  sessionToken: string;
}

export interface SigninTokenRequest {
  /** `https://signin.aws.amazon.com/federation` or the override. */
  endpoint: string;
  session: FederationSession;
}

export interface FederationPort {
  /** The SigninToken for the session. Errors carry no part of the session. */
  getSigninToken(request: SigninTokenRequest): Promise<string>;
}

const TIMEOUT_MS = 15_000;

export const httpFederation: FederationPort = {
  async getSigninToken({ endpoint, session }) {
    const url = new URL(endpoint);
    url.searchParams.set('Action', 'getSigninToken');
    url.searchParams.set('Session', JSON.stringify(session));
    let response: Response;
    try {
      response = await fetch(url, { signal: AbortSignal.timeout(TIMEOUT_MS), redirect: 'error' });
    } catch (error) {
      // The request URL holds the session: only its host may appear in what we say.
      const reason = error instanceof Error && error.name === 'TimeoutError' ? 'timeout' : 'network';
      throw new WordedError(phrase('console.federationUnreachable', { host: url.host, reason }));
    }
    const text = await response.text().catch(() => '');
    if (!response.ok) throw new WordedError(phrase('console.federationRefused', { host: url.host, status: response.status }));
    let token: unknown;
    try {
      token = (JSON.parse(text) as { SigninToken?: unknown }).SigninToken;
    } catch {
      token = undefined;
    }
    if (typeof token !== 'string' || token === '') throw new WordedError(phrase('console.federationNoToken', { host: url.host }));
    return token;
  },
};
