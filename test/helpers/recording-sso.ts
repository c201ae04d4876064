// A recording IAM Identity Center port for unit tests of the engine: every call is kept by operation
// (with the grant type, never a token), answers are made up from the inputs, failures are scripted.
// End-to-end tests use the real SDK clients against the loopback stand-in (sso-stand-in.ts) instead.
import type { AwsCredentials } from '../../src/main/core/model/credentials';
import { SsoServiceError, type CreateTokenInput, type IssuedToken, type SsoAccount, type SsoPort } from '../../src/main/core/sso/sso-port';

export interface RecordedSsoCall {
  operation: string;
  /** The grant type of CreateToken, the account of GetRoleCredentials. */
  detail?: string;
}

export interface RecordingSso extends SsoPort {
  readonly calls: RecordedSsoCall[];
  /** The next calls of the operation fail with this modelled error code, in order. */
  failNext(operation: string, code: string, status?: number): void;
  /** Lifetime of the access tokens CreateToken issues. */
  tokenSeconds: number;
  /** Whether renewals hand out a new refresh token. */
  issueRefreshTokens: boolean;
  operations(name: string): RecordedSsoCall[];
}

export function recordingSso(options: { now: () => number; accounts?: Array<SsoAccount & { roles: string[] }> }): RecordingSso {
  const failures = new Map<string, Array<{ code: string; status: number }>>();
  let serial = 0;
  const take = (operation: string): void => {
    const failure = failures.get(operation)?.shift();
    if (failure) throw new SsoServiceError(operation, failure.code, failure.status, `${operation} failed: ${failure.code}`);
  };
  const accounts = options.accounts ?? [];
  const port: RecordingSso = {
    calls: [],
    tokenSeconds: 8 * 3600,
    issueRefreshTokens: true,
    failNext: (operation, code, status = 400) => void failures.set(operation, [...(failures.get(operation) ?? []), { code, status }]),
    operations: (name) => port.calls.filter((call) => call.operation === name),

    async registerClient() {
      port.calls.push({ operation: 'RegisterClient' });
      take('RegisterClient');
      return { clientId: `client-${++serial}`, clientSecret: `client-secret-${serial}`, clientSecretExpiresAt: new Date(options.now() + 90 * 86_400_000) };
    },
    async startDeviceAuthorization() {
      port.calls.push({ operation: 'StartDeviceAuthorization' });
      take('StartDeviceAuthorization');
      return { deviceCode: 'device', userCode: 'ABCD-EFGH', verificationUri: 'https://device.example', verificationUriComplete: 'https://device.example?code=ABCD-EFGH', expiresInSeconds: 600, intervalSeconds: 0 };
    },
    async createToken(input: CreateTokenInput): Promise<IssuedToken> {
      port.calls.push({ operation: 'CreateToken', detail: input.grantType });
      take('CreateToken');
      serial += 1;
      return { accessToken: `access-${serial}`, expiresInSeconds: port.tokenSeconds, ...(port.issueRefreshTokens ? { refreshToken: `refresh-${serial}` } : {}) };
    },
    async getRoleCredentials(input): Promise<AwsCredentials & { expiration: Date }> {
      port.calls.push({ operation: 'GetRoleCredentials', detail: input.accountId });
      take('GetRoleCredentials');
      serial += 1;
      return { accessKeyId: `ASIASSO${String(serial).padStart(13, '0')}`, secretAccessKey: `secret-${serial}`, sessionToken: `session-${serial}`, expiration: new Date(options.now() + 3600_000) };
    },
    async listAccounts(input) {
      port.calls.push({ operation: 'ListAccounts' });
      take('ListAccounts');
      const start = Number(input.nextToken ?? 0);
      const page = accounts.slice(start, start + 2).map(({ accountId, accountName, emailAddress }) => ({ accountId, accountName, emailAddress }));
      return { accounts: page, ...(start + 2 < accounts.length ? { nextToken: String(start + 2) } : {}) };
    },
    async listAccountRoles(input) {
      port.calls.push({ operation: 'ListAccountRoles', detail: input.accountId });
      take('ListAccountRoles');
      return { roleNames: accounts.find((account) => account.accountId === input.accountId)?.roles ?? [] };
    },
    oidcEndpoint: (context) => `https://oidc.${context.region}.amazonaws.com`,
  };
  return port;
}
