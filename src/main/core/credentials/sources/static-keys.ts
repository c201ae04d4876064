// An access key and secret written in the credentials or config file (an IAM user's long-term keys).
import { fileKeysOf, fileKeysRecognised, hasToken } from './file-keys';
import { firstLayer, type CredentialSource } from './credential-source';

export const staticKeys = {
  type: 'static',
  recognise: (values) => fileKeysRecognised(values) && !hasToken(values),
  obtain: async (profile, step) => fileKeysOf(profile, step.request),
  refreshedWith: null,
  status: (layers) => firstLayer(layers, 'static-keys', 'session-keys', 'managed-keys'),
  actions: ['move-to-keychain'],
} as const satisfies CredentialSource<'static'>;
