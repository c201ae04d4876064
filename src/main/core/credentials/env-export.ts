// Credentials as shell lines (`rolekeeper export`): the variables of `aws configure
// export-credentials`, but quoted so the output is safe to paste or eval, plus `--unset` lines
// and the container-endpoint variables. The only place a secret is meant to be printed.
import { shellFor } from '../shell/shells';
import { UnquotableWordError } from '../shell/shell';
import { SHELLS, type ShellKind } from '../../../shared/ipc-contract';
import { isoSeconds } from '../../../shared/duration';
import { phrase, type Phrase } from '../../../shared/i18n';
import { WordedError } from '../model/worded-error';

export type ExportFormat = ShellKind | 'json';

export const EXPORT_FORMATS: readonly ExportFormat[] = [...SHELLS, 'json'];

export interface ExportableCredentials {
  accessKeyId: string;
  secretAccessKey: string;
  sessionToken?: string | null;
  expiration?: Date | null;
}

/** Every variable `--unset` clears; AWS_SECURITY_TOKEN because a stale one beats AWS_SESSION_TOKEN in botocore. */
export const CREDENTIAL_VARIABLES = [
  'AWS_ACCESS_KEY_ID',
  'AWS_SECRET_ACCESS_KEY',
  'AWS_SESSION_TOKEN',
  'AWS_SECURITY_TOKEN',
  'AWS_CREDENTIAL_EXPIRATION',
] as const;

export const ENDPOINT_VARIABLES = ['AWS_CONTAINER_CREDENTIALS_FULL_URI', 'AWS_CONTAINER_AUTHORIZATION_TOKEN'] as const;

/** botocore's web-identity provider reads these before the container provider: left set, they win over the endpoint. */
export const WEB_IDENTITY_VARIABLES = ['AWS_ROLE_ARN', 'AWS_WEB_IDENTITY_TOKEN_FILE', 'AWS_ROLE_SESSION_NAME'] as const;

/** A value that cannot be written safely for a shell. Its message names the variable, never the value. */
export class UnsafeExportValueError extends Error {
  constructor(readonly variable: string, readonly shell: ExportFormat, reason: string) {
    super(`${variable} cannot be written safely for ${shell}: ${reason}`);
    this.name = 'UnsafeExportValueError';
  }
}

/** Python's `datetime.isoformat()` of a UTC time, as `aws configure export-credentials` prints it. */
export function formatExportExpiration(date: Date): string {
  const base = date.toISOString().slice(0, 19);
  const ms = date.getUTCMilliseconds();
  return ms === 0 ? `${base}+00:00` : `${base}.${String(ms * 1000).padStart(6, '0')}+00:00`;
}

/** One line that sets `name` to `value` in the shell, quoted so it is safe to paste or eval. */
function assignment(shell: ShellKind, name: string, value: string): string {
  try {
    return shellFor(shell).setVariable(name, value);
  } catch (error) {
    if (error instanceof UnquotableWordError) throw new UnsafeExportValueError(name, shell, `it contains ${error.reason}`);
    throw error;
  }
}

function lines(entries: string[]): string {
  return entries.map((line) => `${line}\n`).join('');
}

function requireShell(format: ExportFormat, refusal: Phrase): ShellKind {
  if (format === 'json') throw new WordedError(refusal);
  return format;
}

/**
 * The export lines, in export-credentials' order; `json` is exactly credential_process output.
 * Token and expiration lines appear only when there is a token / an expiry.
 */
export function renderCredentialExport(credentials: ExportableCredentials, format: ExportFormat, region: string | null = null): string {
  // One expiry format in every export, whether the keys came from STS or a cache: ISO 8601, seconds, Z.
  const expiration = credentials.expiration ? isoSeconds(credentials.expiration) : null;
  if (format === 'json') {
    const output: Record<string, string | number> = {
      Version: 1,
      AccessKeyId: credentials.accessKeyId,
      SecretAccessKey: credentials.secretAccessKey,
    };
    if (credentials.sessionToken) output.SessionToken = credentials.sessionToken;
    if (expiration) output.Expiration = expiration;
    return `${JSON.stringify(output, null, 2)}\n`;
  }
  const vars: Array<[string, string]> = [
    ['AWS_ACCESS_KEY_ID', credentials.accessKeyId],
    ['AWS_SECRET_ACCESS_KEY', credentials.secretAccessKey],
  ];
  // botocore (the AWS CLI, boto3) reads AWS_SECURITY_TOKEN before AWS_SESSION_TOKEN, the JS and
  // Go SDKs only the latter: set both to the same token so every tool signs with this session,
  // whatever an older export left; without a token, clear it with the rest.
  if (credentials.sessionToken) vars.push(['AWS_SESSION_TOKEN', credentials.sessionToken], ['AWS_SECURITY_TOKEN', credentials.sessionToken]);
  if (expiration) vars.push(['AWS_CREDENTIAL_EXPIRATION', expiration]);
  // CLI v1 reads only AWS_DEFAULT_REGION; v2 and the SDKs read AWS_REGION first.
  if (region) vars.push(['AWS_REGION', region], ['AWS_DEFAULT_REGION', region]);
  const unset = credentials.sessionToken ? [] : ['AWS_SESSION_TOKEN', 'AWS_SECURITY_TOKEN'].map((name) => shellFor(format).unsetVariable(name));
  return lines([...vars.map(([name, value]) => assignment(format, name, value)), ...unset]);
}

/** Lines that clear every credential variable (CREDENTIAL_VARIABLES, and any others given) in the given shell. */
export function renderCredentialUnset(format: ExportFormat, also: readonly string[] = []): string {
  const shell = requireShell(format, phrase('engine.export.unsetNoJson'));
  return lines([...CREDENTIAL_VARIABLES, ...also].map((name) => shellFor(shell).unsetVariable(name)));
}

export interface EndpointExport {
  fullUri: string;
  authorizationToken: string;
  profile?: string | null;
  /** Exported as AWS_REGION and AWS_DEFAULT_REGION (CLI v1 reads only the latter). */
  region?: string | null;
  /** Exported as BOTO_CONFIG: a path that is no file, when keys in a boto2 config would win over the endpoint. */
  botoConfig?: string | null;
}

/** Lines that point SDKs and the CLI at a container-credentials endpoint. */
export function renderEndpointExport(endpoint: EndpointExport, format: ExportFormat): string {
  const shell = requireShell(format, phrase('engine.export.endpointNoJson'));
  const vars: Array<[string, string]> = [
    ['AWS_CONTAINER_CREDENTIALS_FULL_URI', endpoint.fullUri],
    ['AWS_CONTAINER_AUTHORIZATION_TOKEN', endpoint.authorizationToken],
  ];
  if (endpoint.profile) vars.push(['AWS_PROFILE', endpoint.profile]);
  if (endpoint.region) vars.push(['AWS_REGION', endpoint.region], ['AWS_DEFAULT_REGION', endpoint.region]);
  if (endpoint.botoConfig) vars.push(['BOTO_CONFIG', endpoint.botoConfig]);
  return lines(vars.map(([name, value]) => assignment(shell, name, value)));
}

/** Lines that undo renderEndpointExport (AWS_PROFILE and BOTO_CONFIG only when asked). */
export function renderEndpointUnset(format: ExportFormat, includeProfile = false, includeBotoConfig = false): string {
  const shell = requireShell(format, phrase('engine.export.unsetNoJson'));
  const names: string[] = [...ENDPOINT_VARIABLES];
  if (includeProfile) names.push('AWS_PROFILE');
  if (includeBotoConfig) names.push('BOTO_CONFIG');
  return lines(names.map((name) => shellFor(shell).unsetVariable(name)));
}
