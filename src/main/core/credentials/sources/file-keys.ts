// Keys written in a profile's own section, refused once their recorded expiry has passed: shared by
// the static-keys and session-keys sources.
import { phrase } from '../../../../shared/i18n';
import type { ResolvedProfile } from '../../aws-config/profile-model';
import { RefreshError, type AwsCredentials } from '../../model/credentials';
import { keysOfProfile } from '../profile-keys';
import { commandWord, proseName, type ChainRequest, type ObtainedCredentials } from './credential-source';

export function hasToken(values: ReadonlyMap<string, unknown>): boolean {
  return values.has('aws_session_token') || values.has('aws_security_token');
}

/** Keys botocore's shared-credentials provider reads before credential_process; keys in config only after it. */
export function fileKeysRecognised(values: ReadonlyMap<string, { fileKind: string }>): boolean {
  const keyId = values.get('aws_access_key_id');
  if (!keyId) return false;
  return keyId.fileKind === 'credentials' || (!values.has('login_session') && !values.has('credential_process'));
}

export function checkedKeys(profile: ResolvedProfile, keys: AwsCredentials, request: ChainRequest): ObtainedCredentials {
  const now = (request.now ?? Date.now)();
  if (keys.expiration && keys.expiration.getTime() <= now) {
    const line = profile.values.get('aws_session_token') ?? profile.values.get('aws_access_key_id');
    throw RefreshError.worded(
      'expired-source',
      phrase('failure.sessionKeysExpired', { profile: profile.name, time: keys.expiration.toISOString(), at: line ? ` (${line.file}:${line.line})` : '' }),
      request.store.managed[profile.name]
        ? phrase('failure.sessionKeysManagedFix', { profile: proseName(request, profile.name), command: `rolekeeper refresh ${commandWord(request, profile.name)}` })
        : phrase('failure.sessionKeysFix', { command: `rolekeeper manage ${commandWord(request, profile.name)} --role-arn ARN --source-profile PROFILE` }),
      profile.name,
    );
  }
  return { credentials: keys, assumedRole: null, notices: [] };
}

/** The profile's own keys, when both halves are written. */
export function fileKeysOf(profile: ResolvedProfile, request: ChainRequest): ObtainedCredentials {
  const keys = keysOfProfile(profile);
  if (!keys) {
    throw RefreshError.worded('config', phrase('failure.noCredentials', { profile: profile.name, type: profile.type }), phrase('failure.noCredentialsFix', { profile: proseName(request, profile.name) }), profile.name);
  }
  return checkedKeys(profile, keys, request);
}
