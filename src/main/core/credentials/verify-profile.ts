// `verify`: GetCallerIdentity with exactly the credentials `aws [--profile X]` would sign with now
// (credential-resolver.ts), so verify and the AWS CLI succeed and fail together. When STS rejects
// those credentials, the failure names them (where they are, never their secret) and the one
// action that makes the CLI work again.
import type { AwsEnvironment } from '../model/aws-environment';
import type { ProfileSet } from '../aws-config/profile-model';
import { quoteNameForAnyShell, quoteNameInProse } from '../shell/any-shell';
import { guessShell } from '../shell/guess-shell';
import { shellFor } from '../shell/shells';
import { stsProfileSettingsFrom, type StsCallOptions } from '../sts/sts-client-factory';
import type { CallerIdentity } from '../sts/sts-gateway';
import type { SsoPort } from '../sso/sso-port';
import type { StsPort } from '../sts/sts-port';
import { maskSecret } from '../../../shared/mask';
import { isoSeconds } from '../../../shared/duration';
import { phrase, type Phrase } from '../../../shared/i18n';
import { obtainCredentials, type MfaCodeProvider } from './credential-chain';
import {
  resolveCliCredentials,
  type CliCredentialLocation,
  type CliCredentialResolution,
  type CliPendingCall,
  type ErrorResolution,
  type ReadableResolution,
} from './credential-resolver';
import { RefreshError, type AwsCredentials, type FailureKind, type FailureWording } from '../model/credentials';
import { KEY_REJECTION_KINDS, rememberRejectedKey } from './rejected-keys';
import { isRefreshable } from './profile-lookup';
import type { StoreData } from './rolekeeper-store';
import type { KeychainPort } from '../vault/keychain';

export interface VerifyProfileRequest {
  /** The `--profile` of the `aws` call verify stands for; null: as `aws` without --profile. */
  profile: string | null;
  /** Asked only when the CLI would have to assume a role with MFA first. */
  mfaCode?: MfaCodeProvider;
}

/** What verify works with: the service's read of the files, its STS port and its refresh. */
export interface VerifyContext {
  environment: AwsEnvironment;
  profiles: ProfileSet;
  store: StoreData;
  sts: StsPort;
  stsOptions?: StsCallOptions;
  /** IAM Identity Center calls, for SSO profiles and chains that start at one. */
  sso?: SsoPort;
  /** Where vault profiles' keys are (the OS keychain when absent). */
  keychain?: KeychainPort;
  /** The service's refresh: a role the CLI would assume is assumed and published as the CLI would cache it. */
  refresh(name: string, mfaCode: MfaCodeProvider | undefined): Promise<AwsCredentials>;
  now: () => number;
}

export interface VerifiedIdentity extends CallerIdentity {
  /** What `aws` would use now; for `needs-call`, Rolekeeper made that call as the CLI would. */
  resolution: CliCredentialResolution;
  /** The call Rolekeeper made first because the CLI would have (no usable cache entry), or null. */
  obtainedBy: CliPendingCall | null;
  /** The access key id that signed GetCallerIdentity, masked. */
  signedWithKey: string;
}

/** A verify that fails where `aws … sts get-caller-identity` fails; its fix is the action that works. */
export class VerifyFailure extends RefreshError {
  constructor(
    kind: FailureKind,
    wording: FailureWording,
    profile: string | null,
    /** The credentials STS rejected, or null when the failure is not a rejection. */
    readonly rejected: ReadableResolution | null = null,
  ) {
    const worded = RefreshError.worded(kind, wording.message, wording.fix, profile);
    super(kind, worded.message, worded.fix, profile, wording);
    this.name = 'VerifyFailure';
  }
}

function profileWord(environment: AwsEnvironment, name: string): string {
  return quoteNameForAnyShell(environment.platform, name);
}

/** `[name]` as the file has it, or the name quoted where the brackets would leave shell syntax bare in a pasted sentence. */
function sectionWords(environment: AwsEnvironment, name: string): Phrase | string {
  const prose = quoteNameInProse(environment.platform, name);
  return prose === `"${name}"` ? `[${name}]` : phrase('verify.section.quoted', { name: prose });
}

/** `aws --profile x` or `aws` (with AWS_PROFILE=x): the command the resolution stands for, in prose. */
function awsCommandWords(environment: AwsEnvironment, resolution: CliCredentialResolution): Phrase | string {
  return resolution.profileSelectedBy === 'flag' ? `\`aws --profile ${profileWord(environment, resolution.profile)}\`` : phrase('verify.awsPlain');
}

/** Where the credentials are, in words for a message: never a secret. */
export function locationWords(location: CliCredentialLocation): Phrase | string {
  switch (location.kind) {
    case 'env':
      return phrase('verify.location.env', { variables: location.variables.join(', ') });
    case 'file':
      return `${location.file}:${location.line}`;
    case 'cli-cache':
      return phrase('verify.location.cache', { file: location.file });
  }
}

function unsetLines(environment: AwsEnvironment, variables: readonly string[]): string {
  const shell = shellFor(guessShell(environment));
  return variables.map((name) => shell.unsetVariable(name)).join(shell.kind === 'cmd' ? ' & ' : '; ');
}

/** The fix for rejected credentials, by where they are: the action that makes the CLI work again. */
export function fixForRejected(
  environment: AwsEnvironment,
  resolution: ReadableResolution,
  context: { profiles: ProfileSet; store: StoreData },
): Phrase {
  const name = resolution.profile;
  const word = profileWord(environment, name);
  const location = resolution.location;
  switch (location.kind) {
    case 'cli-cache':
      if (resolution.provider === 'assume-role' && isRefreshable(name, context.profiles, context.store)) {
        return phrase('verify.fix.cacheRole', { profile: word });
      }
      if (resolution.provider === 'sso') {
        return phrase('verify.fix.cacheSso', { profile: word });
      }
      return phrase('verify.fix.cacheOther', { profile: word });
    case 'env': {
      const all = ['AWS_ACCESS_KEY_ID', 'AWS_SECRET_ACCESS_KEY', 'AWS_SESSION_TOKEN', 'AWS_SECURITY_TOKEN', 'AWS_CREDENTIAL_EXPIRATION'];
      const set = all.filter((variable) => environment.env[variable] !== undefined);
      return phrase('verify.fix.env', { commands: unsetLines(environment, set) });
    }
    case 'file': {
      const at = `${location.file}:${location.line}`;
      if (location.fileKind === 'boto-config' || location.fileKind === 'ec2-credential-file') return phrase('verify.fix.legacyKeys', { at });
      if (context.store.managed[name]) return phrase('verify.fix.fileManaged', { profile: word, at });
      const section = sectionWords(environment, name);
      return resolution.credentials.sessionToken
        ? phrase('verify.fix.fileSession', { section, at, command: `rolekeeper manage ${word} --role-arn ARN --source-profile PROFILE` })
        : phrase('verify.fix.fileKeys', { section, at });
    }
  }
}

/** The one-line failure for credentials STS rejected: which ones, where, and what to do. */
export function rejectionFailure(
  error: RefreshError,
  environment: AwsEnvironment,
  resolution: ReadableResolution,
  context: { profiles: ProfileSet; store: StoreData },
): VerifyFailure {
  const message = phrase('verify.rejected', {
    failure: error.wording?.message ?? error.message,
    location: locationWords(resolution.location),
    key: maskSecret(resolution.credentials.accessKeyId),
    command: awsCommandWords(environment, resolution),
    until: resolution.expiresAt ? phrase('verify.until', { time: isoSeconds(resolution.expiresAt) }) : '',
  });
  return new VerifyFailure(error.kind, { message, fix: fixForRejected(environment, resolution, context) }, resolution.profile, resolution);
}

/** The profile problem the resolver stopped at, when its message is one of the profile's findings. */
function problemOf(resolution: ErrorResolution, profiles: ProfileSet) {
  return profiles.get(resolution.profile)?.problems.find((problem) => problem.message === resolution.message);
}

function resolutionErrorFix(environment: AwsEnvironment, resolution: ErrorResolution, profiles: ProfileSet): Phrase | string {
  const word = profileWord(environment, resolution.profile);
  switch (resolution.code) {
    case 'partial-env':
      return phrase('verify.fix.partialEnv', { commands: unsetLines(environment, ['AWS_ACCESS_KEY_ID']) });
    case 'env-expired':
      return phrase('verify.fix.envExpired', { commands: unsetLines(environment, resolution.location?.kind === 'env' ? resolution.location.variables : ['AWS_ACCESS_KEY_ID']) });
    case 'cache-entry-broken':
      return `rolekeeper clear-cache ${word}`;
    case 'profile-not-found':
      return phrase('verify.fix.checkName');
    case 'web-identity-role-arn-missing':
      return phrase('verify.fix.webIdentity');
    case 'config': {
      if (resolution.provider === 'ec2-credentials-file' || resolution.provider === 'boto-config') {
        const location = resolution.location;
        if (location?.kind === 'file') return phrase('verify.fix.legacyFile', { at: `${location.file}:${location.line}` });
        return phrase('verify.fix.ec2FileMissing', { commands: unsetLines(environment, ['AWS_CREDENTIAL_FILE']) });
      }
      const problem = problemOf(resolution, profiles);
      return problem?.wording?.fix ?? problem?.fix ?? phrase('verify.fix.settingAbove');
    }
  }
}

async function callAsTheCliWould(
  resolution: CliCredentialResolution & { state: 'needs-call' },
  request: VerifyProfileRequest,
  context: VerifyContext,
): Promise<AwsCredentials> {
  const environment = context.environment;
  const name = resolution.profile;
  const call = resolution.call;
  if (call.kind === 'container' || call.kind === 'instance-metadata') {
    const where = call.kind === 'container' ? phrase('verify.where.container', { url: call.url }) : phrase('verify.where.imds');
    throw new VerifyFailure('config', { message: phrase('verify.notCalled', { command: awsCommandWords(environment, resolution), where }), fix: phrase('verify.notCalledFix') }, name);
  }
  // A role the CLI would assume is assumed through refresh, which also writes the cache entry the CLI would write.
  if ((call.kind === 'assume-role' || call.kind === 'sso-get-role-credentials') && isRefreshable(name, context.profiles, context.store)) return context.refresh(name, request.mfaCode);
  const { profiles, store, sts, stsOptions, sso, keychain, now } = context;
  return (await obtainCredentials(name, { environment, profiles, store, mfaCode: request.mfaCode, sts, stsOptions, sso, keychain, now })).credentials;
}

/**
 * GetCallerIdentity with what `aws [--profile X]` would sign with now: the readable credentials
 * the resolver finds, or, when the CLI would call something first, what that call gives.
 * Throws a VerifyFailure (or the chain's RefreshError) where the CLI would fail.
 */
export async function verifyProfile(request: VerifyProfileRequest, context: VerifyContext): Promise<VerifiedIdentity> {
  const { environment, profiles, store, now } = context;
  const resolution = resolveCliCredentials({ environment, profiles, profile: request.profile, now: new Date(now()) });
  const name = resolution.profile;

  if (resolution.state === 'error') {
    // The resolver's message is botocore's own text, quoted as the AWS CLI says it; a profile problem has its phrase.
    const message = problemOf(resolution, profiles)?.wording?.message ?? resolution.message;
    throw new VerifyFailure('config', { message: phrase('verify.fails', { command: awsCommandWords(environment, resolution), message }), fix: resolutionErrorFix(environment, resolution, profiles) }, name);
  }
  if (resolution.state === 'none') {
    throw new VerifyFailure(
      'config',
      {
        message: phrase('verify.noCredentials', { command: awsCommandWords(environment, resolution), profile: name }),
        fix: phrase('verify.noCredentialsFix', { command: `rolekeeper manage ${profileWord(environment, name)} --role-arn ARN --source-profile PROFILE` }),
      },
      name,
    );
  }

  const selected = profiles.get(name);
  const call = { ...context.stsOptions, region: null, env: environment.env, profile: name, ...(selected ? { profileValues: stsProfileSettingsFrom(selected, profiles) } : {}) };
  if (resolution.state === 'needs-call') {
    const credentials = await callAsTheCliWould(resolution, request, context);
    const identity = await context.sts.getCallerIdentity({ ...call, credentials });
    return { ...identity, resolution, obtainedBy: resolution.call, signedWithKey: maskSecret(credentials.accessKeyId) };
  }

  try {
    const identity = await context.sts.getCallerIdentity({ ...call, credentials: resolution.credentials });
    return { ...identity, resolution, obtainedBy: null, signedWithKey: maskSecret(resolution.credentials.accessKeyId) };
  } catch (error) {
    if (!(error instanceof RefreshError) || !KEY_REJECTION_KINDS.has(error.kind)) throw error;
    await rememberRejection(environment, resolution, now());
    throw rejectionFailure(error, environment, resolution, { profiles, store });
  }
}

/** So `refresh --min-valid` and the scheduler stop trusting these credentials (see rejected-keys.ts). */
export async function rememberRejection(environment: AwsEnvironment, resolution: ReadableResolution, now: number): Promise<void> {
  try {
    await rememberRejectedKey(environment, resolution.credentials.accessKeyId, { expiresAt: resolution.expiresAt, now });
  } catch {
    // Not being able to note it must not hide the rejection itself; refresh then just trusts the expiry.
  }
}
