// The real SsoPort: @aws-sdk/client-sso and @aws-sdk/client-sso-oidc, unsigned as the AWS CLI calls
// them, in `sso_region`, with the endpoint overrides botocore honours (AWS_ENDPOINT_URL_SSO,
// AWS_ENDPOINT_URL_SSO_OIDC, AWS_ENDPOINT_URL) read from the environment the engine was given —
// never from process.env or the real ~/.aws files.
import type { EnvVars } from '../model/aws-environment';
import { SsoServiceError, type SsoCallContext, type SsoPort } from './sso-port';

type SsoService = 'sso' | 'sso-oidc';

// Loaded by the first SSO call: the SDK costs more to load than a warm `export` or `list` takes in all.
function ssoSdk(): typeof import('@aws-sdk/client-sso') {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  return require('@aws-sdk/client-sso') as typeof import('@aws-sdk/client-sso');
}

function oidcSdk(): typeof import('@aws-sdk/client-sso-oidc') {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  return require('@aws-sdk/client-sso-oidc') as typeof import('@aws-sdk/client-sso-oidc');
}

function nonEmpty(value: string | undefined): string | undefined {
  const trimmed = value?.trim();
  return trimmed ? trimmed : undefined;
}

/** The configured endpoint for one of the two services, or undefined for the SDK's regional one. */
export function configuredSsoEndpoint(service: SsoService, env: EnvVars): string | undefined {
  if (env.AWS_IGNORE_CONFIGURED_ENDPOINT_URLS?.trim().toLowerCase() === 'true') return undefined;
  const specific = service === 'sso' ? env.AWS_ENDPOINT_URL_SSO : env.AWS_ENDPOINT_URL_SSO_OIDC;
  return nonEmpty(specific) ?? nonEmpty(env.AWS_ENDPOINT_URL);
}

const NETWORK_CODES = new Set(['ECONNREFUSED', 'ECONNRESET', 'ENOTFOUND', 'ETIMEDOUT', 'EAI_AGAIN', 'EHOSTUNREACH', 'ENETUNREACH', 'TimeoutError']);

function clientConfig(service: SsoService, context: SsoCallContext) {
  const endpoint = configuredSsoEndpoint(service, context.env);
  return {
    region: context.region,
    ...(endpoint ? { endpoint } : {}),
    maxAttempts: 2,
    requestHandler: { connectionTimeout: 5_000, requestTimeout: 15_000, throwOnRequestTimeout: true },
    // Left unset, each makes the SDK consult process.env and the real ~/.aws files.
    ignoreConfiguredEndpointUrls: true,
    defaultsMode: 'standard' as const,
    useFipsEndpoint: false,
    useDualstackEndpoint: false,
    userAgentAppId: 'rolekeeper',
  };
}

/** SDK errors become SsoServiceError with the modelled code; the SDK's own text may echo inputs, so it is not kept. */
function mapped(operation: string, error: unknown): SsoServiceError {
  const record = error as { name?: string; code?: string; $metadata?: { httpStatusCode?: number }; $response?: unknown };
  const status = record?.$metadata?.httpStatusCode ?? null;
  const code = record?.code && NETWORK_CODES.has(record.code) ? 'NetworkError' : NETWORK_CODES.has(record?.name ?? '') ? 'NetworkError' : (record?.name ?? 'UnknownError');
  const kind = status === null && code !== 'NetworkError' && !/Exception$/.test(code) ? 'NetworkError' : code;
  return new SsoServiceError(operation, kind, status, `${operation} failed: ${kind}${status ? ` (HTTP ${status})` : ''}`);
}

async function call<T>(operation: string, run: () => Promise<T>): Promise<T> {
  try {
    return await run();
  } catch (error) {
    throw mapped(operation, error);
  }
}

function required<T>(value: T | undefined | null, operation: string, field: string): T {
  if (value === undefined || value === null || value === '') {
    throw new SsoServiceError(operation, 'InvalidResponse', null, `${operation} answered without ${field}`);
  }
  return value;
}

export const awsSdkSso: SsoPort = {
  async registerClient(input) {
    const client = new (oidcSdk().SSOOIDCClient)(clientConfig('sso-oidc', input));
    const out = await call('RegisterClient', () =>
      client.send(new (oidcSdk().RegisterClientCommand)({
        clientName: input.clientName,
        clientType: 'public',
        ...(input.scopes ? { scopes: input.scopes } : {}),
        ...(input.grantTypes ? { grantTypes: input.grantTypes } : {}),
        ...(input.redirectUris ? { redirectUris: input.redirectUris } : {}),
        ...(input.issuerUrl ? { issuerUrl: input.issuerUrl } : {}),
      })),
    );
    return {
      clientId: required(out.clientId, 'RegisterClient', 'clientId'),
      clientSecret: required(out.clientSecret, 'RegisterClient', 'clientSecret'),
      clientSecretExpiresAt: new Date(required(out.clientSecretExpiresAt, 'RegisterClient', 'clientSecretExpiresAt') * 1000),
    };
  },

  async startDeviceAuthorization(input) {
    const client = new (oidcSdk().SSOOIDCClient)(clientConfig('sso-oidc', input));
    const out = await call('StartDeviceAuthorization', () =>
      client.send(new (oidcSdk().StartDeviceAuthorizationCommand)({ clientId: input.clientId, clientSecret: input.clientSecret, startUrl: input.startUrl })),
    );
    return {
      deviceCode: required(out.deviceCode, 'StartDeviceAuthorization', 'deviceCode'),
      userCode: required(out.userCode, 'StartDeviceAuthorization', 'userCode'),
      verificationUri: required(out.verificationUri, 'StartDeviceAuthorization', 'verificationUri'),
      verificationUriComplete: out.verificationUriComplete ?? out.verificationUri ?? '',
      expiresInSeconds: out.expiresIn ?? 600,
      intervalSeconds: out.interval ?? 5,
    };
  },

  async createToken(input) {
    const client = new (oidcSdk().SSOOIDCClient)(clientConfig('sso-oidc', input));
    const grant =
      input.grantType === 'refresh_token'
        ? { refreshToken: input.refreshToken }
        : input.grantType === 'authorization_code'
          ? { code: input.code, redirectUri: input.redirectUri, codeVerifier: input.codeVerifier }
          : { deviceCode: input.deviceCode };
    const out = await call('CreateToken', () =>
      client.send(new (oidcSdk().CreateTokenCommand)({ clientId: input.clientId, clientSecret: input.clientSecret, grantType: input.grantType, ...grant })),
    );
    return {
      accessToken: required(out.accessToken, 'CreateToken', 'accessToken'),
      expiresInSeconds: required(out.expiresIn, 'CreateToken', 'expiresIn'),
      ...(out.refreshToken ? { refreshToken: out.refreshToken } : {}),
    };
  },

  async getRoleCredentials(input) {
    const client = new (ssoSdk().SSOClient)(clientConfig('sso', input));
    const out = await call('GetRoleCredentials', () =>
      client.send(new (ssoSdk().GetRoleCredentialsCommand)({ accessToken: input.accessToken, accountId: input.accountId, roleName: input.roleName })),
    );
    const role = out.roleCredentials;
    return {
      accessKeyId: required(role?.accessKeyId, 'GetRoleCredentials', 'accessKeyId'),
      secretAccessKey: required(role?.secretAccessKey, 'GetRoleCredentials', 'secretAccessKey'),
      sessionToken: required(role?.sessionToken, 'GetRoleCredentials', 'sessionToken'),
      expiration: new Date(required(role?.expiration, 'GetRoleCredentials', 'expiration')),
      accountId: input.accountId,
    };
  },

  async listAccounts(input) {
    const client = new (ssoSdk().SSOClient)(clientConfig('sso', input));
    const out = await call('ListAccounts', () =>
      client.send(new (ssoSdk().ListAccountsCommand)({ accessToken: input.accessToken, nextToken: input.nextToken, maxResults: input.maxResults })),
    );
    return {
      accounts: (out.accountList ?? []).filter((a) => a.accountId).map((a) => ({ accountId: a.accountId as string, accountName: a.accountName ?? null, emailAddress: a.emailAddress ?? null })),
      ...(out.nextToken ? { nextToken: out.nextToken } : {}),
    };
  },

  async listAccountRoles(input) {
    const client = new (ssoSdk().SSOClient)(clientConfig('sso', input));
    const out = await call('ListAccountRoles', () =>
      client.send(new (ssoSdk().ListAccountRolesCommand)({ accessToken: input.accessToken, accountId: input.accountId, nextToken: input.nextToken, maxResults: input.maxResults })),
    );
    return {
      roleNames: (out.roleList ?? []).map((r) => r.roleName).filter((name): name is string => Boolean(name)),
      ...(out.nextToken ? { nextToken: out.nextToken } : {}),
    };
  },

  oidcEndpoint(context) {
    return configuredSsoEndpoint('sso-oidc', context.env)?.replace(/\/+$/, '') ?? `https://oidc.${context.region}.amazonaws.com`;
  },
};
