// An IAM role assumed with STS from the credentials of another profile (source_profile, hop by hop)
// or of the environment (credential_source = Environment), with an MFA code when mfa_serial asks.
import { phrase } from '../../../../shared/i18n';
import type { ProfileSet, ResolvedProfile } from '../../aws-config/profile-model';
import type { AwsEnvironment } from '../../model/aws-environment';
import { RefreshError, type AwsCredentials } from '../../model/credentials';
import { obtainMfaSession } from '../../sts/mfa-session';
import { stsProfileSettingsFrom, type StsProfileSettings } from '../../sts/sts-client-factory';
import { firstLayer, proseName, commandWord, type ChainRequest, type ChainStep, type CredentialSource, type ObtainedCredentials } from './credential-source';
import { mfaCodeFor } from '../mfa-code';

export interface RoleSpec {
  roleArn: string;
  sourceProfile: string | null;
  credentialSource: string | null;
  externalId: string | null;
  mfaSerial: string | null;
  durationSeconds: number | null;
  roleSessionName: string | null;
  /** The profile's own mfa_process, when it names one (codes from a command before asking a person). */
  mfaProcess?: string | null;
  stsSettings: StsProfileSettings;
}

/** botocore's AssumeRoleProvider: role_arn, unless web_identity_token_file makes it the web-identity provider's. */
export function isRoleProfile(values: ReadonlyMap<string, unknown>): boolean {
  return values.has('role_arn') && !values.has('web_identity_token_file');
}

function environmentCredentials(environment: AwsEnvironment, profile: string): AwsCredentials {
  const env = environment.env;
  if (!env.AWS_ACCESS_KEY_ID || !env.AWS_SECRET_ACCESS_KEY) {
    throw RefreshError.worded('config', phrase('failure.environmentSource', { profile }), phrase('failure.environmentSourceFix'), profile);
  }
  const token = env.AWS_SECURITY_TOKEN || env.AWS_SESSION_TOKEN || undefined;
  return { accessKeyId: env.AWS_ACCESS_KEY_ID, secretAccessKey: env.AWS_SECRET_ACCESS_KEY, sessionToken: token };
}

function roleSpecOf(profile: ResolvedProfile, profiles: ProfileSet, request: ChainRequest): RoleSpec {
  const role = profile.role;
  if (!role.roleArn) throw RefreshError.worded('config', phrase('failure.noRoleArn', { profile: profile.name }), phrase('failure.noRoleArnFix', { profile: proseName(request, profile.name) }), profile.name);
  return {
    roleArn: role.roleArn.value,
    sourceProfile: role.sourceProfile?.value ?? null,
    credentialSource: role.credentialSource?.value ?? null,
    externalId: role.externalId?.value ?? null,
    mfaSerial: role.mfaSerial?.value ?? null,
    durationSeconds: role.durationSeconds,
    roleSessionName: role.roleSessionName?.value ?? null,
    mfaProcess: profile.values.get('mfa_process')?.value ?? null,
    stsSettings: stsProfileSettingsFrom(profile, profiles),
  };
}

async function askForCode(request: ChainRequest, spec: RoleSpec, profile: string): Promise<string> {
  const serial = spec.mfaSerial as string;
  if (spec.mfaProcess) return mfaCodeFor(spec.mfaProcess, { profile, env: request.environment.env, platform: request.environment.platform });
  if (!request.mfaCode) {
    throw RefreshError.worded('mfa-required', phrase('failure.needsMfa', { profile, serial }), phrase('failure.needsMfaFix', { command: `rolekeeper refresh ${commandWord(request, profile)}` }), profile);
  }
  return request.mfaCode(serial, profile);
}

/** Assumes the role of `spec` for profile `name` from its source's credentials. */
export async function assumeFor(name: string, spec: RoleSpec, step: ChainStep): Promise<ObtainedCredentials> {
  const { request } = step;
  let source: ObtainedCredentials;
  if (spec.credentialSource !== null) {
    if (spec.credentialSource !== 'Environment') {
      throw RefreshError.worded('config', phrase('failure.credentialSource', { profile: name, source: spec.credentialSource }), phrase('failure.credentialSourceFix'), name);
    }
    source = { credentials: environmentCredentials(request.environment, name), assumedRole: null, notices: [] };
  } else if (spec.sourceProfile !== null) {
    source = await step.hop(spec.sourceProfile, name);
  } else {
    throw RefreshError.worded('config', phrase('failure.noSource', { profile: name }), phrase('failure.noSourceFix', { profile: proseName(request, name) }), name);
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
        mfaCode: () => askForCode(request, spec, name),
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
      mfaCode = await askForCode(request, spec, name);
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

export const roleChain = {
  type: 'role',
  recognise: (values) => isRoleProfile(values),
  obtain: (profile, step) => assumeFor(profile.name, roleSpecOf(profile, step.request.profiles, step.request), step),
  refreshedWith: 'sts',
  status: (layers) => firstLayer(layers, 'cli-cache'),
  actions: ['refresh'],
} as const satisfies CredentialSource<'role'>;
