// A credential_process command: botocore runs it and reads its JSON; so does Rolekeeper.
import type { CredentialSource } from './credential-source';
import { runCredentialProcess } from '../credential-process-runner';

export const credentialProcess = {
  type: 'process',
  recognise: (values) => values.has('credential_process') && !values.has('login_session'),
  async obtain(profile, { request }) {
    const command = profile.values.get('credential_process')!.value;
    const credentials = await runCredentialProcess(command, { env: request.environment.env, profile: profile.name });
    return { credentials, assumedRole: null, notices: [] };
  },
  refreshedWith: null,
  // Its output is not kept anywhere Rolekeeper reads: nothing tells whether it works now.
  status: () => null,
  actions: [],
} as const satisfies CredentialSource<'process'>;
