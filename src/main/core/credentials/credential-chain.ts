// Gets fresh credentials for a profile the way the AWS CLI would: walks source_profile hops down to
// the credentials that start the chain (keys in a file, the environment, a credential_process),
// then assumes each role on the way back up with STS. Managed profiles take their role from
// Rolekeeper's store instead of the files.
import { english, phrase, say, type Phrase } from '../../../shared/i18n';
import type { AwsEnvironment } from '../model/aws-environment';
import { RefreshError, type AwsCredentials } from '../model/credentials';
import { obtainMfaSession, type MfaSessionCache } from '../sts/mfa-session';
import { runCredentialProcess } from './credential-process-runner';
import { keysOfProfile } from './profile-keys';
import type { ProfileSet, ResolvedProfile } from '../aws-config/profile-model';
import type { StoreData } from './rolekeeper-store';
import { stsProfileSettingsFrom, type StsCallOptions, type StsProfileSettings } from '../sts/sts-client-factory';
import type { AssumeRoleResult } from '../sts/sts-gateway';
import type { StsPort } from '../sts/sts-port';
import { quoteNameForAnyShell, quoteNameInProse } from '../shell/any-shell';
import type { SsoPort } from '../sso/sso-port';
import type { SsoProfileConfig } from '../sso/sso-profile-config';
import { ssoRoleCredentials } from '../sso/sso-role-credentials';

/** Asks a person for the current code of an MFA device; rejects when nobody can answer. */
export type MfaCodeProvider = (mfaSerial: string, profile: string) => Promise<string>;

export interface ChainRequest {
  environment: AwsEnvironment;
  profiles: ProfileSet;
  store: StoreData;
  mfaCode?: MfaCodeProvider;
  /** Present when the user chose one MFA session per source user (GetSessionToken). */
  mfaSessions?: MfaSessionCache;
  /** Where STS calls go: the AWS SDK in the product, a recording port in unit tests. */
  sts: StsPort;
  stsOptions?: StsCallOptions;
  /** Where IAM Identity Center calls go (SSO profiles, and chains that start at one). */
  sso?: SsoPort;
  now?: () => number;
}

export interface ObtainedCredentials {
  credentials: AwsCredentials;
  /** The final AssumeRole, when the profile is a role: what the AWS CLI cache entry is made of. */
  assumedRole: AssumeRoleResult | null;
  /** The SSO profile's settings when the credentials came from GetRoleCredentials: what CLI v2's SSO cache entry is keyed on. */
  ssoRole?: SsoProfileConfig;
  /** Things to tell the person (a capped duration, a corrected clock), said in their language by each face. */
  notices: Phrase[];
}

interface RoleSpec {
  roleArn: string;
  sourceProfile: string | null;
  credentialSource: string | null;
  externalId: string | null;
  mfaSerial: string | null;
  durationSeconds: number | null;
  roleSessionName: string | null;
  stsSettings: StsProfileSettings;
}

function environmentCredentials(environment: AwsEnvironment, profile: string): AwsCredentials {
  const env = environment.env;
  if (!env.AWS_ACCESS_KEY_ID || !env.AWS_SECRET_ACCESS_KEY) {
    throw RefreshError.worded('config', phrase('failure.environmentSource', { profile }), phrase('failure.environmentSourceFix'), profile);
  }
  const token = env.AWS_SECURITY_TOKEN || env.AWS_SESSION_TOKEN || undefined;
  return { accessKeyId: env.AWS_ACCESS_KEY_ID, secretAccessKey: env.AWS_SECRET_ACCESS_KEY, sessionToken: token };
}

function missingProfile(name: string, request: ChainRequest, referrer: string | null): RefreshError {
  const where = phrase('failure.eitherFile', { config: request.profiles.paths.configFile, credentials: request.profiles.paths.credentialsFile });
  const message = referrer ? phrase('failure.sourceMissing', { source: name, profile: referrer, where }) : phrase('failure.profileMissing', { profile: name, where });
  return RefreshError.worded('config', message, phrase('failure.checkName'), referrer ?? name);
}

function roleSpecOf(profile: ResolvedProfile, profiles: ProfileSet, request: ChainRequest): RoleSpec {
  const role = profile.role;
  if (!role.roleArn) throw RefreshError.worded('config', phrase('failure.noRoleArn', { profile: profile.name }), phrase('failure.noRoleArnFix', { profile: prose(request, profile.name) }), profile.name);
  return {
    roleArn: role.roleArn.value,
    sourceProfile: role.sourceProfile?.value ?? null,
    credentialSource: role.credentialSource?.value ?? null,
    externalId: role.externalId?.value ?? null,
    mfaSerial: role.mfaSerial?.value ?? null,
    durationSeconds: role.durationSeconds,
    roleSessionName: role.roleSessionName?.value ?? null,
    stsSettings: stsProfileSettingsFrom(profile, profiles),
  };
}

function managedRoleSpec(name: string, request: ChainRequest): RoleSpec | null {
  const managed = request.store.managed[name];
  if (!managed) return null;
  const inFiles = request.profiles.get(name);
  const source = request.profiles.get(managed.sourceProfile);
  return {
    roleArn: managed.roleArn,
    sourceProfile: managed.sourceProfile,
    credentialSource: null,
    externalId: managed.externalId ?? null,
    mfaSerial: managed.mfaSerial ?? null,
    durationSeconds: managed.durationSeconds ?? null,
    roleSessionName: managed.roleSessionName ?? null,
    stsSettings: {
      ...(source ? stsProfileSettingsFrom(source, request.profiles) : {}),
      ...(inFiles?.region ? { region: inFiles.region.value } : {}),
      ...(managed.region ? { region: managed.region } : {}),
    },
  };
}

/** A profile name as one argument of a fix command (the user's shell is not known here). */
function word(request: ChainRequest, value: string): string {
  return quoteNameForAnyShell(request.environment.platform, value);
}

/** A profile name in the prose of a fix: pasting the whole fix line must expand nothing either. */
function prose(request: ChainRequest, value: string): string {
  return quoteNameInProse(request.environment.platform, value);
}

async function askForCode(request: ChainRequest, serial: string, profile: string): Promise<string> {
  if (!request.mfaCode) {
    throw RefreshError.worded('mfa-required', phrase('failure.needsMfa', { profile, serial }), phrase('failure.needsMfaFix', { command: `rolekeeper refresh ${word(request, profile)}` }), profile);
  }
  return request.mfaCode(serial, profile);
}

async function assumeFor(name: string, spec: RoleSpec, request: ChainRequest, visited: string[]): Promise<ObtainedCredentials> {
  let source: ObtainedCredentials;
  if (spec.credentialSource !== null) {
    if (spec.credentialSource !== 'Environment') {
      throw RefreshError.worded('config', phrase('failure.credentialSource', { profile: name, source: spec.credentialSource }), phrase('failure.credentialSourceFix'), name);
    }
    source = { credentials: environmentCredentials(request.environment, name), assumedRole: null, notices: [] };
  } else if (spec.sourceProfile !== null) {
    source = await obtain(spec.sourceProfile, request, [...visited, name], name);
  } else {
    throw RefreshError.worded('config', phrase('failure.noSource', { profile: name }), phrase('failure.noSourceFix', { profile: prose(request, name) }), name);
  }

  let sourceCredentials = source.credentials;
  let mfaSerial = spec.mfaSerial;
  let mfaCode: string | null = null;
  let chained = Boolean(sourceCredentials.sessionToken);
  if (spec.mfaSerial) {
    if (request.mfaSessions && !sourceCredentials.sessionToken) {
      const session = await obtainMfaSession({
        cache: request.mfaSessions,
        sourceCredentials,
        mfaSerial: spec.mfaSerial,
        mfaCode: () => askForCode(request, spec.mfaSerial as string, name),
        durationSeconds: request.store.settings.mfaSessionSeconds,
        env: request.environment.env,
        profileValues: spec.stsSettings,
        profile: name,
        sourceProfile: spec.sourceProfile,
        ...request.stsOptions,
        sts: request.sts,
      });
      sourceCredentials = session.credentials;
      mfaSerial = null;
      chained = true;
    } else {
      mfaCode = await askForCode(request, spec.mfaSerial, name);
    }
  }

  const result = await request.sts.assumeRole({
    sourceCredentials,
    roleArn: spec.roleArn,
    roleSessionName: spec.roleSessionName,
    externalId: spec.externalId,
    durationSeconds: spec.durationSeconds,
    mfaSerial,
    mfaCode,
    chained,
    env: request.environment.env,
    profileValues: spec.stsSettings,
    profile: name,
    sourceProfile: spec.sourceProfile,
    now: request.now,
    ...request.stsOptions,
  });
  return {
    credentials: result.credentials,
    assumedRole: result,
    notices: [...source.notices, ...result.notices],
  };
}

/**
 * Credentials for `name`. A source hop with keys uses the keys even when it also has role_arn
 * (botocore's rule); a managed profile at the top assumes the role Rolekeeper keeps for it.
 */
async function obtain(name: string, request: ChainRequest, visited: string[], referrer: string | null): Promise<ObtainedCredentials> {
  const isSourceHop = referrer !== null;
  const managed = isSourceHop ? null : managedRoleSpec(name, request);
  if (managed) return assumeFor(name, managed, request, visited);

  const profile = request.profiles.get(name);
  if (!profile) throw missingProfile(name, request, referrer);
  const keys = keysOfProfile(profile);
  if (isSourceHop && keys) return checkedKeys(profile, keys, request);
  if (visited.includes(name)) {
    throw RefreshError.worded('config', phrase('failure.cycle', { chain: [...visited, name].join(' -> ') }), phrase('failure.cycleFix', { profile: prose(request, visited[visited.length - 1]) }), name);
  }
  const problem = profile.problems.find((finding) => finding.severity === 'error');
  if (problem) {
    // Every error finding of a resolved profile carries its phrases; its English text is the fallback.
    const fix: Phrase | string = problem.wording?.fix ?? problem.fix ?? phrase('engine.fixProfileAbove');
    if (problem.wording) throw RefreshError.worded('config', problem.wording.message, fix, name);
    throw new RefreshError('config', problem.message, typeof fix === 'string' ? fix : say(english, fix), name);
  }

  switch (profile.type) {
    case 'static':
    case 'session':
      return checkedKeys(profile, keys as AwsCredentials, request);
    case 'role':
      return assumeFor(name, roleSpecOf(profile, request.profiles, request), request, visited);
    case 'process': {
      const command = profile.values.get('credential_process') ;
      const credentials = await runCredentialProcess(command!.value, { env: request.environment.env, profile: name });
      return { credentials, assumedRole: null, notices: [] };
    }
    case 'sso':
      return obtainFromSso(profile, request);
    default:
      throw RefreshError.worded('config', phrase('failure.noCredentials', { profile: name, type: profile.type }), phrase('failure.noCredentialsFix', { profile: prose(request, name) }), name);
  }
}

async function obtainFromSso(profile: ResolvedProfile, request: ChainRequest): Promise<ObtainedCredentials> {
  if (!request.sso) {
    throw RefreshError.worded('config', phrase('engine.noSsoClient', { profile: profile.name }), phrase('engine.noSsoClientFix'), profile.name);
  }
  const obtained = await ssoRoleCredentials(profile, request.profiles, {
    ssoCacheDir: request.profiles.paths.ssoCacheDir,
    sso: request.sso,
    env: request.environment.env,
    platform: request.environment.platform,
    now: request.now ?? Date.now,
  });
  const notices = obtained.tokenRenewed ? [phrase('engine.notice.ssoRenewed', { session: String(obtained.config.sessionName) })] : [];
  return { credentials: obtained.credentials, assumedRole: null, ssoRole: obtained.config, notices };
}

function checkedKeys(profile: ResolvedProfile, keys: AwsCredentials, request: ChainRequest): ObtainedCredentials {
  const now = (request.now ?? Date.now)();
  if (keys.expiration && keys.expiration.getTime() <= now) {
    const line = profile.values.get('aws_session_token') ?? profile.values.get('aws_access_key_id');
    throw RefreshError.worded(
      'expired-source',
      phrase('failure.sessionKeysExpired', { profile: profile.name, time: keys.expiration.toISOString(), at: line ? ` (${line.file}:${line.line})` : '' }),
      request.store.managed[profile.name]
        ? phrase('failure.sessionKeysManagedFix', { profile: prose(request, profile.name), command: `rolekeeper refresh ${word(request, profile.name)}` })
        : phrase('failure.sessionKeysFix', { command: `rolekeeper manage ${word(request, profile.name)} --role-arn ARN --source-profile PROFILE` }),
      profile.name,
    );
  }
  return { credentials: keys, assumedRole: null, notices: [] };
}

export function obtainCredentials(name: string, request: ChainRequest): Promise<ObtainedCredentials> {
  return obtain(name, request, [], null);
}
