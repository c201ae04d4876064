// Temporary keys with a session token written in a file (pasted from a console, or Rolekeeper's own
// managed profiles); usable until their recorded expiry.
import { fileKeysOf, fileKeysRecognised, hasToken } from './file-keys';
import { firstLayer, type CredentialSource } from './credential-source';

export const sessionKeys = {
  type: 'session',
  recognise: (values) => fileKeysRecognised(values) && hasToken(values),
  obtain: async (profile, step) => fileKeysOf(profile, step.request),
  refreshedWith: null,
  status: (layers) => firstLayer(layers, 'static-keys', 'session-keys', 'managed-keys'),
  actions: [],
} as const satisfies CredentialSource<'session'>;
