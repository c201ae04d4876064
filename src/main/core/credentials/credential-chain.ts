// Gets fresh credentials for a profile the way the AWS CLI would: walks source_profile hops down to
// the credentials that start the chain, then assumes each role on the way back up. What each kind of
// profile does is its source's (sources/); managed profiles take their role from Rolekeeper's store.
import { english, phrase, say, type Phrase } from '../../../shared/i18n';
import { RefreshError } from '../model/credentials';
import { keysOfProfile } from './profile-keys';
import { stsProfileSettingsFrom } from '../sts/sts-client-factory';
import { quoteNameInProse } from '../shell/any-shell';
import { checkedKeys } from './sources/file-keys';
import { assumeFor, type RoleSpec } from './sources/role-chain';
import { sourceOf } from './sources/sources';
import type { ChainRequest, ChainStep, ObtainedCredentials } from './sources/credential-source';

export type { ChainRequest, MfaCodeProvider, ObtainedCredentials } from './sources/credential-source';

function missingProfile(name: string, request: ChainRequest, referrer: string | null): RefreshError {
  const where = phrase('failure.eitherFile', { config: request.profiles.paths.configFile, credentials: request.profiles.paths.credentialsFile });
  const message = referrer ? phrase('failure.sourceMissing', { source: name, profile: referrer, where }) : phrase('failure.profileMissing', { profile: name, where });
  return RefreshError.worded('config', message, phrase('failure.checkName'), referrer ?? name);
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
    mfaProcess: inFiles?.values.get('mfa_process')?.value ?? null,
    stsSettings: {
      ...(source ? stsProfileSettingsFrom(source, request.profiles) : {}),
      ...(inFiles?.region ? { region: inFiles.region.value } : {}),
      ...(managed.region ? { region: managed.region } : {}),
    },
  };
}

function stepAt(request: ChainRequest, visited: string[]): ChainStep {
  return { request, visited, hop: (source, referrer) => obtain(source, request, [...visited, referrer], referrer) };
}

/**
 * Credentials for `name`. A source hop with keys uses the keys even when it also has role_arn
 * (botocore's rule); a managed profile at the top assumes the role Rolekeeper keeps for it.
 */
async function obtain(name: string, request: ChainRequest, visited: string[], referrer: string | null): Promise<ObtainedCredentials> {
  const isSourceHop = referrer !== null;
  const managed = isSourceHop ? null : managedRoleSpec(name, request);
  if (managed) return assumeFor(name, managed, stepAt(request, visited));

  const profile = request.profiles.get(name);
  if (!profile) throw missingProfile(name, request, referrer);
  const keys = keysOfProfile(profile);
  if (isSourceHop && keys) return checkedKeys(profile, keys, request);
  if (visited.includes(name)) {
    throw RefreshError.worded('config', phrase('failure.cycle', { chain: [...visited, name].join(' -> ') }), phrase('failure.cycleFix', { profile: quoteNameInProse(request.environment.platform, visited[visited.length - 1]) }), name);
  }
  const problem = profile.problems.find((finding) => finding.severity === 'error');
  if (problem) {
    // Every error finding of a resolved profile carries its phrases; its English text is the fallback.
    const fix: Phrase | string = problem.wording?.fix ?? problem.fix ?? phrase('engine.fixProfileAbove');
    if (problem.wording) throw RefreshError.worded('config', problem.wording.message, fix, name);
    throw new RefreshError('config', problem.message, typeof fix === 'string' ? fix : say(english, fix), name);
  }

  const source = sourceOf(profile.type);
  if (!source) {
    throw RefreshError.worded('config', phrase('failure.noCredentials', { profile: name, type: profile.type }), phrase('failure.noCredentialsFix', { profile: quoteNameInProse(request.environment.platform, name) }), name);
  }
  return source.obtain(profile, stepAt(request, visited));
}

export function obtainCredentials(name: string, request: ChainRequest): Promise<ObtainedCredentials> {
  return obtain(name, request, [], null);
}
