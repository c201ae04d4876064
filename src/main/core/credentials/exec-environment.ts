// The environment `rolekeeper exec` gives its child: every variable that could shadow the
// credentials Rolekeeper hands it removed, then either the endpoint's URL and a token scoped to
// the child, or plain keys with their expiry.
import type { AwsCredentials } from '../model/credentials';
import { ENDPOINT_PROFILE } from './endpoint-export';
import { CREDENTIAL_VARIABLES, ENDPOINT_VARIABLES, WEB_IDENTITY_VARIABLES } from './env-export';
import { botoConfigKeepingEndpoint, EC2_CREDENTIAL_FILE_VARIABLE } from './legacy-credential-files';
import type { AwsEnvironment } from '../model/aws-environment';

/** Removed from the child's environment: each would win over, or mix with, what exec provides. */
export const SHADOWING_VARIABLES = [
  ...CREDENTIAL_VARIABLES,
  ...ENDPOINT_VARIABLES,
  ...WEB_IDENTITY_VARIABLES,
  EC2_CREDENTIAL_FILE_VARIABLE,
  'AWS_CONTAINER_CREDENTIALS_RELATIVE_URI',
  'AWS_CONTAINER_AUTHORIZATION_TOKEN_FILE',
  'AWS_PROFILE',
  'AWS_DEFAULT_PROFILE',
] as const;

export type ChildCredentials =
  | { kind: 'endpoint'; url: string; token: string }
  | { kind: 'keys'; credentials: AwsCredentials };

export function execChildEnvironment(
  parent: AwsEnvironment,
  given: ChildCredentials,
  region: string | null | undefined,
): Record<string, string> {
  const env: Record<string, string> = {};
  const removed = new Set<string>(SHADOWING_VARIABLES);
  for (const [name, value] of Object.entries(parent.env)) if (value !== undefined && !removed.has(name)) env[name] = value;
  if (given.kind === 'endpoint') {
    env.AWS_CONTAINER_CREDENTIALS_FULL_URI = given.url;
    env.AWS_CONTAINER_AUTHORIZATION_TOKEN = given.token;
    // Profile credentials (keys in [default]) come before the container provider: point at the
    // credential-less profile so the endpoint is asked.
    env.AWS_PROFILE = ENDPOINT_PROFILE;
    // Keys in a boto2 config come before the container provider too (after the profile's).
    const botoConfig = botoConfigKeepingEndpoint(parent);
    if (botoConfig !== null) env.BOTO_CONFIG = botoConfig;
  } else {
    const { credentials } = given;
    env.AWS_ACCESS_KEY_ID = credentials.accessKeyId;
    env.AWS_SECRET_ACCESS_KEY = credentials.secretAccessKey;
    if (credentials.sessionToken) env.AWS_SESSION_TOKEN = credentials.sessionToken;
    if (credentials.expiration) env.AWS_CREDENTIAL_EXPIRATION = credentials.expiration.toISOString().replace(/\.\d{3}Z$/, 'Z');
  }
  if (region) {
    env.AWS_REGION = region;
    env.AWS_DEFAULT_REGION = region;
  }
  return env;
}
