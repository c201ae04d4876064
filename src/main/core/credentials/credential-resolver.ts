// The one answer to "what would the AWS CLI sign with now?": botocore's credential provider chain
// (spec §2.1) read off the environment, the config files and the CLI's cache (~/.aws/cli/cache),
// without calling anything and without writing anything.
//
// Rolekeeper's own process cache plays no part here: the CLI never reads it, except through a
// profile whose credential_process runs `rolekeeper credential-process`, and then only by running
// that command (a `process` resolution that needs a call).
import type { AwsEnvironment } from '../model/aws-environment';
import type { ProfileSet, ResolvedProfile } from '../aws-config/profile-model';
import { cacheKeyForProfile, isCacheProblem, readCliCacheEntry, type CliCacheEntry, type CliCacheProblem, type CliCacheScan } from '../caches/cli-cache';
import { assumeRoleCacheKey } from '../caches/cli-cache-key';
import { environmentCredentials } from './credential-state';
import type { AwsCredentials } from '../model/credentials';
import { keysOfProfile, sessionKeyExpiry } from './profile-keys';
import { CLI_CACHE_MIN_VALID_MS } from '../model/validity-margins';
import { rolekeeperProcessProfile } from '../aws-config/credential-process-command';
import { readBotoConfig, readEc2CredentialFile, type LegacyFileKind, type LegacyFileRead } from './legacy-credential-files';

export type CliVersion = 1 | 2;


/** How the profile in use was chosen. */
export type ProfileSelection = 'flag' | 'AWS_PROFILE' | 'AWS_DEFAULT_PROFILE' | 'default';

/** Where the credentials the CLI would sign with are read from. Never holds a secret. */
export type CliCredentialLocation =
  | { kind: 'env'; variables: string[] }
  | { kind: 'file'; file: string; line: number; fileKind: 'config' | 'credentials' | LegacyFileKind }
  | { kind: 'cli-cache'; file: string };

/** What the CLI would have to call before it could sign anything. */
export type CliPendingCall =
  | { kind: 'assume-role'; roleArn: string; sourceProfile: string | null; credentialSource: string | null }
  | { kind: 'assume-role-with-web-identity'; roleArn: string; tokenFile: string }
  | { kind: 'sso-get-role-credentials'; accountId: string | null; roleName: string | null }
  | { kind: 'login'; session: string }
  /** `rolekeeperProfile`: the command is `rolekeeper credential-process NAME`, served from Rolekeeper's cache. */
  | { kind: 'credential-process'; command: string; rolekeeperProfile: string | null }
  | { kind: 'container'; url: string }
  | { kind: 'instance-metadata' };

export type CliResolutionErrorCode =
  | 'profile-not-found'
  | 'partial-env'
  | 'env-expired'
  | 'cache-entry-broken'
  | 'web-identity-role-arn-missing'
  | 'config';

/** The profile `aws` uses and how it was chosen. */
export interface CliProfileChoice {
  /** The profile whose settings apply (region, endpoint), also when env keys answer. */
  profile: string;
  profileSelectedBy: ProfileSelection;
}

export interface ReadableResolution extends CliProfileChoice {
  state: 'readable';
  provider: CliCredentialProvider;
  credentials: AwsCredentials;
  /**
   * When they expire: a cache entry's Expiration, AWS_CREDENTIAL_EXPIRATION, or the expiry other
   * tools record next to session keys in a file (which the CLI itself does not check).
   */
  expiresAt: Date | null;
  location: CliCredentialLocation;
  /** A cache entry's AssumedRoleUser.Arn, when it has one. */
  assumedRoleArn: string | null;
}

export interface NeedsCallResolution extends CliProfileChoice {
  state: 'needs-call';
  provider: CliCredentialProvider;
  call: CliPendingCall;
  /** The cache entry the CLI looked up and will not use (under 15 minutes left), if there is one. */
  unusedCacheEntry: { file: string; expiresAt: Date } | null;
}

export interface ErrorResolution extends CliProfileChoice {
  state: 'error';
  provider: CliCredentialProvider | null;
  code: CliResolutionErrorCode;
  /** What the CLI would fail with, in its words where it has some. Never holds a secret. */
  message: string;
  location: CliCredentialLocation | null;
}

export interface NoCredentialsResolution extends CliProfileChoice {
  state: 'none';
  provider: null;
}

export type CliCredentialResolution = ReadableResolution | NeedsCallResolution | ErrorResolution | NoCredentialsResolution;

export interface ResolveCliCredentialsOptions {
  environment: AwsEnvironment;
  profiles: ProfileSet;
  /** The `--profile` flag. Null: AWS_PROFILE / AWS_DEFAULT_PROFILE / default, and env keys take part. */
  profile: string | null;
  now: Date;
  /** v1 reads AWS_DEFAULT_PROFILE before AWS_PROFILE and keeps no SSO role credentials on disk. Default 2. */
  cliVersion?: CliVersion;
  /** An already-read CLI cache; the one entry file is read otherwise. */
  cacheScan?: CliCacheScan;
}

interface ProviderContext {
  environment: AwsEnvironment;
  env: AwsEnvironment['env'];
  /** A --profile flag turns off the env provider and the web-identity env variables. */
  explicit: boolean;
  profile: ResolvedProfile | undefined;
  base: CliProfileChoice;
  now: Date;
  cliVersion: CliVersion;
  credentialsFile: string;
  cacheDir: string;
  cacheScan: CliCacheScan | undefined;
}

/** One provider of botocore's chain: its resolution, or null to let the next one answer. */
interface ChainProvider {
  name: CliCredentialProvider;
  resolve(context: ProviderContext): CliCredentialResolution | null;
}

// Profile problems that botocore does not notice when loading credentials: STS refuses later.
const PROBLEMS_BOTOCORE_LOADS_PAST: ReadonlySet<string> = new Set(['role-arn-invalid', 'duration-seconds-out-of-range', 'duration-seconds-not-integer']);

function profileError(context: ProviderContext, provider: CliCredentialProvider): ErrorResolution | null {
  const problem = context.profile?.problems.find((finding) => finding.severity === 'error' && !PROBLEMS_BOTOCORE_LOADS_PAST.has(finding.code));
  if (!problem) return null;
  const location: CliCredentialLocation | null =
    problem.file !== undefined && problem.line !== undefined
      ? { kind: 'file', file: problem.file, line: problem.line, fileKind: problem.file === context.credentialsFile ? 'credentials' : 'config' }
      : null;
  return { ...context.base, state: 'error', provider, code: 'config', message: problem.message, location };
}

/** The cache entry under `key`, as the CLI's CachedCredentialFetcher would load it. */
function cacheLookup(context: ProviderContext, key: string): CliCacheEntry | CliCacheProblem | null {
  if (context.cacheScan) {
    return context.cacheScan.entries.find((entry) => entry.key === key) ?? context.cacheScan.problems.find((problem) => problem.file.endsWith(`${key}.json`)) ?? null;
  }
  return readCliCacheEntry(context.cacheDir, key);
}

/** A provider that keeps its answers in the CLI cache: the entry while ≥ 15 minutes remain, else the call. */
function fromCache(context: ProviderContext, provider: CliCredentialProvider, key: string | null, call: CliPendingCall): CliCredentialResolution {
  const found = key ? cacheLookup(context, key) : null;
  if (found && isCacheProblem(found)) {
    // botocore's JSONFileCache raises on such a file, and the fetcher does not catch it.
    return { ...context.base, state: 'error', provider, code: 'cache-entry-broken', message: found.message, location: { kind: 'cli-cache', file: found.file } };
  }
  const expiresAt = found?.credentials.expiration;
  if (found && expiresAt && expiresAt.getTime() - context.now.getTime() >= CLI_CACHE_MIN_VALID_MS) {
    const { accessKeyId, secretAccessKey, sessionToken, accountId } = found.credentials;
    return {
      ...context.base,
      state: 'readable',
      provider,
      credentials: { accessKeyId, secretAccessKey, sessionToken, expiration: expiresAt, ...(accountId ? { accountId } : {}) },
      expiresAt,
      location: { kind: 'cli-cache', file: found.file },
      assumedRoleArn: found.assumedRoleArn,
    };
  }
  return { ...context.base, state: 'needs-call', provider, call, unusedCacheEntry: found && expiresAt ? { file: found.file, expiresAt } : null };
}

function fileKeys(context: ProviderContext, provider: CliCredentialProvider, profile: ResolvedProfile): CliCredentialResolution {
  const keyId = profile.values.get('aws_access_key_id')!;
  const location: CliCredentialLocation = { kind: 'file', file: keyId.file, line: keyId.line, fileKind: keyId.fileKind };
  const credentials = keysOfProfile(profile);
  if (!credentials) {
    return { ...context.base, state: 'error', provider, code: 'config', message: `Partial credentials found in ${provider}, missing: aws_secret_access_key`, location };
  }
  return { ...context.base, state: 'readable', provider, credentials, expiresAt: sessionKeyExpiry(profile)?.expiresAt ?? null, location, assumedRoleArn: null };
}

function legacyResolution(context: ProviderContext, provider: CliCredentialProvider, read: LegacyFileRead | null): CliCredentialResolution | null {
  if (read === null) return null;
  if (read.state === 'error') {
    const location: CliCredentialLocation | null = read.line === null ? null : { kind: 'file', file: read.file, line: read.line, fileKind: read.kind };
    return { ...context.base, state: 'error', provider, code: 'config', message: read.message, location };
  }
  const location: CliCredentialLocation = { kind: 'file', file: read.file, line: read.line, fileKind: read.kind };
  return { ...context.base, state: 'readable', provider, credentials: read.credentials, expiresAt: null, location, assumedRoleArn: null };
}

function nonEmpty(value: string | undefined): string | null {
  return value ? value : null;
}


/** botocore's chain, in order (BC:credentials.py create_resolver; spec §2.1). */
const CHAIN: readonly ChainProvider[] = [
  {
    name: 'env',
    resolve(context) {
      if (context.explicit) return null;
      const keyId = context.env.AWS_ACCESS_KEY_ID;
      if (!keyId) return null;
      if (!context.env.AWS_SECRET_ACCESS_KEY) {
        return {
          ...context.base,
          state: 'error',
          provider: 'env',
          code: 'partial-env',
          message: 'Partial credentials found in env, missing: AWS_SECRET_ACCESS_KEY',
          location: { kind: 'env', variables: ['AWS_ACCESS_KEY_ID'] },
        };
      }
      const read = environmentCredentials(context.environment)!;
      const variables = ['AWS_ACCESS_KEY_ID', 'AWS_SECRET_ACCESS_KEY', ...(read.tokenVariable ? [read.tokenVariable] : []), ...(read.expirationRaw ? ['AWS_CREDENTIAL_EXPIRATION'] : [])];
      const location: CliCredentialLocation = { kind: 'env', variables };
      if (read.expiresAt && read.expiresAt.getTime() <= context.now.getTime()) {
        // Refreshing env credentials re-reads the same variables: botocore then gives up.
        return { ...context.base, state: 'error', provider: 'env', code: 'env-expired', message: 'Credentials were refreshed, but the refreshed credentials are still expired.', location };
      }
      const token = read.tokenVariable ? context.env[read.tokenVariable] : undefined;
      return {
        ...context.base,
        state: 'readable',
        provider: 'env',
        credentials: { accessKeyId: keyId, secretAccessKey: context.env.AWS_SECRET_ACCESS_KEY, ...(token ? { sessionToken: token } : {}), ...(read.expiresAt ? { expiration: read.expiresAt } : {}) },
        expiresAt: read.expiresAt,
        location,
        assumedRoleArn: null,
      };
    },
  },
  {
    name: 'assume-role',
    resolve(context) {
      const profile = context.profile;
      if (!profile?.values.has('role_arn') || profile.values.has('web_identity_token_file')) return null;
      const failed = profileError(context, 'assume-role');
      if (failed) return failed;
      return fromCache(context, 'assume-role', cacheKeyForProfile(profile), {
        kind: 'assume-role',
        roleArn: profile.role.roleArn!.value,
        sourceProfile: profile.role.sourceProfile?.value ?? null,
        credentialSource: profile.role.credentialSource?.value ?? null,
      });
    },
  },
  {
    name: 'web-identity',
    resolve(context) {
      const fromEnv = (name: string) => (context.explicit ? null : nonEmpty(context.env[name]));
      const fromProfile = (key: string) => nonEmpty(context.profile?.values.get(key)?.value);
      const tokenFile = fromEnv('AWS_WEB_IDENTITY_TOKEN_FILE') ?? fromProfile('web_identity_token_file');
      if (!tokenFile) return null;
      const roleArn = fromEnv('AWS_ROLE_ARN') ?? fromProfile('role_arn');
      if (!roleArn) {
        return {
          ...context.base,
          state: 'error',
          provider: 'web-identity',
          code: 'web-identity-role-arn-missing',
          message: 'The provided profile or the current environment is configured to assume role with web identity but has no role ARN configured.',
          location: null,
        };
      }
      const roleSessionName = fromEnv('AWS_ROLE_SESSION_NAME') ?? fromProfile('role_session_name');
      return fromCache(context, 'web-identity', assumeRoleCacheKey({ roleArn, roleSessionName }), { kind: 'assume-role-with-web-identity', roleArn, tokenFile });
    },
  },
  {
    name: 'sso',
    resolve(context) {
      const profile = context.profile;
      if (!profile || !(profile.values.has('sso_account_id') || profile.values.has('sso_role_name'))) return null;
      const failed = profileError(context, 'sso');
      if (failed) return failed;
      const call: CliPendingCall = {
        kind: 'sso-get-role-credentials',
        accountId: profile.values.get('sso_account_id')?.value ?? null,
        roleName: profile.values.get('sso_role_name')?.value ?? null,
      };
      // Only CLI v2 keeps SSO role credentials in the cache folder.
      return fromCache(context, 'sso', context.cliVersion === 2 ? cacheKeyForProfile(profile) : null, call);
    },
  },
  {
    name: 'shared-credentials-file',
    resolve(context) {
      const profile = context.profile;
      if (profile?.values.get('aws_access_key_id')?.fileKind !== 'credentials') return null;
      return fileKeys(context, 'shared-credentials-file', profile);
    },
  },
  {
    name: 'login',
    resolve(context) {
      const session = context.profile?.values.get('login_session')?.value;
      if (!session) return null;
      return { ...context.base, state: 'needs-call', provider: 'login', call: { kind: 'login', session }, unusedCacheEntry: null };
    },
  },
  {
    name: 'process',
    resolve(context) {
      const command = context.profile?.values.get('credential_process')?.value;
      if (!command) return null;
      const failed = profileError(context, 'process');
      if (failed) return failed;
      return {
        ...context.base,
        state: 'needs-call',
        provider: 'process',
        call: { kind: 'credential-process', command, rolekeeperProfile: rolekeeperProcessProfile(command) },
        unusedCacheEntry: null,
      };
    },
  },
  {
    name: 'config-file',
    resolve(context) {
      const profile = context.profile;
      if (profile?.values.get('aws_access_key_id')?.fileKind !== 'config') return null;
      return fileKeys(context, 'config-file', profile);
    },
  },
  {
    name: 'ec2-credentials-file',
    resolve: (context) => legacyResolution(context, 'ec2-credentials-file', readEc2CredentialFile(context.environment)),
  },
  {
    name: 'boto-config',
    resolve: (context) => legacyResolution(context, 'boto-config', readBotoConfig(context.environment)),
  },
  {
    name: 'container',
    resolve(context) {
      const relative = nonEmpty(context.env.AWS_CONTAINER_CREDENTIALS_RELATIVE_URI);
      const full = nonEmpty(context.env.AWS_CONTAINER_CREDENTIALS_FULL_URI);
      const url = relative ? `http://169.254.170.2${relative}` : full;
      if (!url) return null;
      return { ...context.base, state: 'needs-call', provider: 'container', call: { kind: 'container', url }, unusedCacheEntry: null };
    },
  },
  {
    name: 'instance-metadata',
    resolve(context) {
      if (context.env.AWS_EC2_METADATA_DISABLED?.toLowerCase() === 'true') return null;
      return { ...context.base, state: 'needs-call', provider: 'instance-metadata', call: { kind: 'instance-metadata' }, unusedCacheEntry: null };
    },
  },
];

export type CliCredentialProvider =
  | 'env'
  | 'assume-role'
  | 'web-identity'
  | 'sso'
  | 'shared-credentials-file'
  | 'login'
  | 'process'
  | 'config-file'
  | 'ec2-credentials-file'
  | 'boto-config'
  | 'container'
  | 'instance-metadata';

/** The provider names in chain order. */
export const CLI_CREDENTIAL_PROVIDERS: readonly CliCredentialProvider[] = CHAIN.map((provider) => provider.name);

/** The profile `aws` uses: --profile, else the profile variables in the CLI version's order, else `default`. */
export function selectCliProfile(env: AwsEnvironment['env'], explicit: string | null, cliVersion: CliVersion = 2): CliProfileChoice {
  if (explicit !== null) return { profile: explicit, profileSelectedBy: 'flag' };
  const order = cliVersion === 2 ? (['AWS_PROFILE', 'AWS_DEFAULT_PROFILE'] as const) : (['AWS_DEFAULT_PROFILE', 'AWS_PROFILE'] as const);
  for (const variable of order) {
    const value = env[variable];
    if (value) return { profile: value, profileSelectedBy: variable };
  }
  return { profile: 'default', profileSelectedBy: 'default' };
}

/** What `aws [--profile X]` would sign with now, where it comes from, and whether it must call something first. */
export function resolveCliCredentials(options: ResolveCliCredentialsOptions): CliCredentialResolution {
  const env = options.environment.env;
  const cliVersion = options.cliVersion ?? 2;
  const base = selectCliProfile(env, options.profile, cliVersion);
  const profile = options.profiles.get(base.profile);
  if (!profile && base.profileSelectedBy !== 'default') {
    return { ...base, state: 'error', provider: null, code: 'profile-not-found', message: `The config profile (${base.profile}) could not be found`, location: null };
  }
  const context: ProviderContext = {
    environment: options.environment,
    env,
    explicit: options.profile !== null,
    profile,
    base,
    now: options.now,
    cliVersion,
    credentialsFile: options.profiles.paths.credentialsFile,
    cacheDir: options.profiles.paths.cliCacheDir,
    cacheScan: options.cacheScan,
  };
  for (const provider of CHAIN) {
    const resolution = provider.resolve(context);
    if (resolution) return resolution;
  }
  return { ...base, state: 'none', provider: null };
}

/** Where the credentials are, in words for a message: never a secret. */
export function describeLocation(location: CliCredentialLocation): string {
  switch (location.kind) {
    case 'env':
      return `the environment variables ${location.variables.join(', ')}`;
    case 'file':
      return `${location.file}:${location.line}`;
    case 'cli-cache':
      return `the AWS CLI cache entry ${location.file}`;
  }
}
