// `verify`: GetCallerIdentity with exactly the credentials `aws [--profile X]` would sign with now
// (credential-resolver.ts), so verify and the AWS CLI succeed and fail together. When STS rejects
// those credentials, the failure names them (where they are, never their secret) and the one
// action that makes the CLI work again.
import type { AwsEnvironment } from '../aws-config/aws-environment';
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
import { obtainCredentials, type MfaCodeProvider } from './credential-chain';
import {
  describeLocation,
  resolveCliCredentials,
  type CliCredentialResolution,
  type CliPendingCall,
  type ErrorResolution,
  type ReadableResolution,
} from './credential-resolver';
import { RefreshError, type AwsCredentials, type FailureKind } from './credentials';
import { KEY_REJECTION_KINDS, rememberRejectedKey } from './rejected-keys';
import { isRefreshable } from '../service/profile-lookup';
import type { StoreData } from './rolekeeper-store';

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
    message: string,
    fix: string,
    profile: string | null,
    /** The credentials STS rejected, or null when the failure is not a rejection. */
    readonly rejected: ReadableResolution | null = null,
  ) {
    super(kind, message, fix, profile);
    this.name = 'VerifyFailure';
  }
}

function profileWord(environment: AwsEnvironment, name: string): string {
  return quoteNameForAnyShell(environment.platform, name);
}

/** `[name]` as the file has it, or the name quoted where the brackets would leave shell syntax bare in a pasted sentence. */
function sectionWords(environment: AwsEnvironment, name: string): string {
  const prose = quoteNameInProse(environment.platform, name);
  return prose === `"${name}"` ? `[${name}]` : `profile ${prose}`;
}

/** `aws --profile x` or `aws` (with AWS_PROFILE=x): the command the resolution stands for, in prose. */
function awsCommandWords(environment: AwsEnvironment, resolution: CliCredentialResolution): string {
  return resolution.profileSelectedBy === 'flag' ? `\`aws --profile ${profileWord(environment, resolution.profile)}\`` : '`aws` without --profile';
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
): string {
  const name = resolution.profile;
  const word = profileWord(environment, name);
  const location = resolution.location;
  switch (location.kind) {
    case 'cli-cache':
      if (resolution.provider === 'assume-role' && isRefreshable(name, context.profiles, context.store)) {
        return `rolekeeper refresh ${word} (or rolekeeper clear-cache ${word}, after which the AWS CLI assumes the role itself on its next call)`;
      }
      if (resolution.provider === 'sso') {
        return `rolekeeper refresh ${word} (new role credentials from your IAM Identity Center sign-in; if that has ended, first: rolekeeper sso login ${word})`;
      }
      return `rolekeeper clear-cache ${word} (the AWS CLI then gets new credentials itself on its next call)`;
    case 'env': {
      const all = ['AWS_ACCESS_KEY_ID', 'AWS_SECRET_ACCESS_KEY', 'AWS_SESSION_TOKEN', 'AWS_SECURITY_TOKEN', 'AWS_CREDENTIAL_EXPIRATION'];
      const set = all.filter((variable) => environment.env[variable] !== undefined);
      return `clear the variables so the profile's credentials apply: ${unsetLines(environment, set)}`;
    }
    case 'file':
      if (context.store.managed[name]) return `rolekeeper refresh ${word} (Rolekeeper manages the keys at ${location.file}:${location.line})`;
      return resolution.credentials.sessionToken
        ? `replace the session keys of ${sectionWords(environment, name)} at ${location.file}:${location.line} with fresh ones, or let Rolekeeper manage them: rolekeeper manage ${word} --role-arn ARN --source-profile PROFILE`
        : `replace the keys of ${sectionWords(environment, name)} at ${location.file}:${location.line} with an active access key pair (IAM console → Security credentials)`;
  }
}

/** The one-line failure for credentials STS rejected: which ones, where, and what to do. */
export function rejectionFailure(
  error: RefreshError,
  environment: AwsEnvironment,
  resolution: ReadableResolution,
  context: { profiles: ProfileSet; store: StoreData },
): VerifyFailure {
  const until = resolution.expiresAt ? ` until ${isoSeconds(resolution.expiresAt)}` : '';
  const message = `${error.message}; rejected: ${describeLocation(resolution.location)} (key ${maskSecret(resolution.credentials.accessKeyId)}), which ${awsCommandWords(environment, resolution)} signs with${until}`;
  return new VerifyFailure(error.kind, message, fixForRejected(environment, resolution, context), resolution.profile, resolution);
}

function resolutionErrorFix(environment: AwsEnvironment, resolution: ErrorResolution, profiles: ProfileSet): string {
  const word = profileWord(environment, resolution.profile);
  switch (resolution.code) {
    case 'partial-env':
      return `set AWS_SECRET_ACCESS_KEY as well, or clear the key id: ${unsetLines(environment, ['AWS_ACCESS_KEY_ID'])}`;
    case 'env-expired':
      return `clear the expired variables: ${unsetLines(environment, resolution.location?.kind === 'env' ? resolution.location.variables : ['AWS_ACCESS_KEY_ID'])}`;
    case 'cache-entry-broken':
      return `rolekeeper clear-cache ${word}`;
    case 'profile-not-found':
      return 'check the name with `rolekeeper list`';
    case 'web-identity-role-arn-missing':
      return 'set AWS_ROLE_ARN (or role_arn in the profile) next to the web identity token file';
    case 'config':
      return profiles.get(resolution.profile)?.problems.find((problem) => problem.message === resolution.message)?.fix ?? 'fix the setting named above';
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
    const where = call.kind === 'container' ? `the container endpoint ${call.url}` : 'the EC2 instance metadata service';
    throw new VerifyFailure('config', `${awsCommandWords(environment, resolution)} would take its credentials from ${where}; rolekeeper verify does not call it`, 'run aws sts get-caller-identity there, or give a profile: rolekeeper verify PROFILE', name);
  }
  // A role the CLI would assume is assumed through refresh, which also writes the cache entry the CLI would write.
  if ((call.kind === 'assume-role' || call.kind === 'sso-get-role-credentials') && isRefreshable(name, context.profiles, context.store)) return context.refresh(name, request.mfaCode);
  const { profiles, store, sts, stsOptions, sso, now } = context;
  return (await obtainCredentials(name, { environment, profiles, store, mfaCode: request.mfaCode, sts, stsOptions, sso, now })).credentials;
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
    throw new VerifyFailure('config', `${awsCommandWords(environment, resolution)} fails: ${resolution.message}`, resolutionErrorFix(environment, resolution, profiles), name);
  }
  if (resolution.state === 'none') {
    throw new VerifyFailure(
      'config',
      `${awsCommandWords(environment, resolution)} fails: Unable to locate credentials (profile "${name}" gives none, and no AWS_* credential variables are set)`,
      `give a profile keys or a role: rolekeeper manage ${profileWord(environment, name)} --role-arn ARN --source-profile PROFILE, or name one: rolekeeper verify PROFILE`,
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
