// A role assumed with a web identity token file (AssumeRoleWithWebIdentity): the AWS CLI does it
// itself; Rolekeeper only recognises the profile and shows its CLI cache entry.
import { phrase } from '../../../../shared/i18n';
import { RefreshError } from '../../model/credentials';
import { firstLayer, proseName, type CredentialSource } from './credential-source';

export const webIdentity = {
  type: 'web-identity',
  recognise: (values) => values.has('web_identity_token_file'),
  async obtain(profile, { request }) {
    throw RefreshError.worded('config', phrase('failure.noCredentials', { profile: profile.name, type: profile.type }), phrase('failure.noCredentialsFix', { profile: proseName(request, profile.name) }), profile.name);
  },
  refreshedWith: null,
  status: (layers) => firstLayer(layers, 'cli-cache'),
  actions: [],
} as const satisfies CredentialSource<'web-identity'>;
