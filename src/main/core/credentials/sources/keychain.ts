// Long-term keys kept in the OS keychain by `rolekeeper vault`: the profile's credential_process
// runs `rolekeeper credential-process` for itself, so the AWS CLI and SDKs get the keys from the
// keychain; a refresh reads them straight from it and writes them nowhere.
import { phrase } from '../../../../shared/i18n';
import { rolekeeperProcessProfile } from '../../aws-config/credential-process-command';
import { RefreshError } from '../../model/credentials';
import { osKeychain } from '../../vault/keychain';
import { commandWord, type CredentialSource } from './credential-source';

/** `… rolekeeper[.js|.cmd|.exe] credential-process NAME` where NAME is the profile's own name. */
export function isKeychainCommand(command: string, name: string): boolean {
  return rolekeeperProcessProfile(command) === name;
}

export const keychain = {
  type: 'keychain',
  recognise: (values, name) => !values.has('login_session') && isKeychainCommand(values.get('credential_process')?.value ?? '', name),
  async obtain(profile, { request }) {
    const keys = await (request.keychain ?? osKeychain(request.environment.platform)).read(profile.name);
    if (!keys) {
      throw RefreshError.worded('config', phrase('vault.missing', { profile: profile.name }), phrase('vault.missingFix', { command: `rolekeeper vault add ${commandWord(request, profile.name)}` }), profile.name);
    }
    return { credentials: { accessKeyId: keys.accessKeyId, secretAccessKey: keys.secretAccessKey }, assumedRole: null, notices: [] };
  },
  refreshedWith: null,
  status: () => null,
  actions: ['export-from-keychain'],
} as const satisfies CredentialSource<'keychain'>;
