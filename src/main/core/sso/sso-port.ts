// The IAM Identity Center calls the engine makes (SSO portal and SSO-OIDC), as a port: the service
// is built with one. `awsSdkSso` (sso-gateway.ts) is the real one; unit tests pass a recording one.
// Every value here that is a secret (tokens, client secret, role keys) stays out of messages.
import type { EnvVars } from '../model/aws-environment';
import type { AwsCredentials } from '../model/credentials';
import { RolekeeperError } from '../model/rolekeeper-error';

/** Where the calls go: `sso_region`, and the endpoint overrides of the environment. */
export interface SsoCallContext {
  region: string;
  env: EnvVars;
}

export interface RegisterClientInput extends SsoCallContext {
  clientName: string;
  scopes?: string[];
  /** PKCE registrations only: `authorization_code` and `refresh_token`. */
  grantTypes?: string[];
  redirectUris?: string[];
  issuerUrl?: string;
}

export interface RegisteredClient {
  clientId: string;
  clientSecret: string;
  /** When the client secret stops working (the registration's end). */
  clientSecretExpiresAt: Date;
}

export interface StartDeviceAuthorizationInput extends SsoCallContext {
  clientId: string;
  clientSecret: string;
  startUrl: string;
}

export interface DeviceAuthorization {
  deviceCode: string;
  userCode: string;
  verificationUri: string;
  verificationUriComplete: string;
  expiresInSeconds: number;
  intervalSeconds: number;
}

export type CreateTokenGrant =
  | { grantType: 'urn:ietf:params:oauth:grant-type:device_code'; deviceCode: string }
  | { grantType: 'authorization_code'; code: string; redirectUri: string; codeVerifier: string }
  | { grantType: 'refresh_token'; refreshToken: string };

export type CreateTokenInput = SsoCallContext & { clientId: string; clientSecret: string } & CreateTokenGrant;

export interface IssuedToken {
  accessToken: string;
  expiresInSeconds: number;
  /** Absent when the service issued none: then the token can never be renewed silently. */
  refreshToken?: string;
}

export interface GetRoleCredentialsInput extends SsoCallContext {
  accessToken: string;
  accountId: string;
  roleName: string;
}

export interface ListPageInput extends SsoCallContext {
  accessToken: string;
  nextToken?: string;
  maxResults?: number;
}

export interface SsoAccount {
  accountId: string;
  accountName: string | null;
  emailAddress: string | null;
}

export interface SsoPort {
  registerClient(input: RegisterClientInput): Promise<RegisteredClient>;
  startDeviceAuthorization(input: StartDeviceAuthorizationInput): Promise<DeviceAuthorization>;
  createToken(input: CreateTokenInput): Promise<IssuedToken>;
  /** Credentials with `expiration` set (GetRoleCredentials answers in epoch milliseconds). */
  getRoleCredentials(input: GetRoleCredentialsInput): Promise<AwsCredentials & { expiration: Date }>;
  listAccounts(input: ListPageInput): Promise<{ accounts: SsoAccount[]; nextToken?: string }>;
  listAccountRoles(input: ListPageInput & { accountId: string }): Promise<{ roleNames: string[]; nextToken?: string }>;
  /** The base of the browser's `/authorize` URL for PKCE: the SSO-OIDC endpoint in use. */
  oidcEndpoint(context: SsoCallContext): string;
}

/** An error answer of SSO or SSO-OIDC, by its modelled code; the message never holds a secret. */
export class SsoServiceError extends RolekeeperError {
  constructor(
    readonly operation: string,
    /** e.g. `InvalidGrantException`, `UnauthorizedException`, `NetworkError`. */
    readonly code: string,
    readonly status: number | null,
    message: string,
  ) {
    super(message, 'sso-service', null, null);
    this.name = 'SsoServiceError';
  }
}

export function isSsoServiceError(error: unknown, code?: string): error is SsoServiceError {
  return error instanceof SsoServiceError && (code === undefined || error.code === code);
}
