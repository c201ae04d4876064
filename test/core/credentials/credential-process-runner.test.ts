import { test } from 'node:test';
import assert from 'node:assert/strict';
import { chmodSync } from 'node:fs';
import { runCredentialProcess } from '../../../src/main/core/credentials/credential-process-runner';
import { RefreshError } from '../../../src/main/core/model/credentials';
import { makeTempHome } from '../../helpers/temp-home';

const STDERR_SECRET = 'HelperStderrSecretEXAMPLEwJalrXUtnFEMI/K7MDENG';

test('a failing credential helper is reported by exit code, never with what it printed on stderr', async (t) => {
  const home = makeTempHome();
  t.after(() => home.cleanup());
  const helper = home.write('bin/creds-helper', `#!/bin/sh\necho "token refresh failed: ${STDERR_SECRET}" >&2\nexit 3\n`);
  chmodSync(helper, 0o755);
  const error = await runCredentialProcess(`${helper} --profile x`, { env: home.env, profile: 'p' }).then(
    () => assert.fail('the helper failed, so must the run'),
    (e: unknown) => e,
  );
  assert.ok(error instanceof RefreshError);
  assert.equal(`${error.message} ${error.fix}`.includes(STDERR_SECRET), false, 'the helper stderr reached the error');
  assert.match(error.message, /credential_process of profile "p" failed \(exit code 3\)/);
  assert.equal(error.fix, `Run the command by hand to see why: ${helper}`);
});
