import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mfaCodeFor } from '../../../src/main/core/credentials/mfa-code';
import { RefreshError } from '../../../src/main/core/model/credentials';

const options = { profile: 'project1', env: { PATH: process.env.PATH ?? '' }, platform: process.platform };
const node = (script: string) => `${process.execPath} -e '${script}'`;

test('a command printing six digits (and a newline) gives the code', async () => {
  assert.equal(await mfaCodeFor(node('console.log("042917")'), options), '042917');
});

test('a command is run without a shell: $(…) and ; stay literal arguments', async () => {
  // `echo` gets three arguments; a shell would have run `touch` and printed its expansion instead.
  await assert.rejects(mfaCodeFor('echo 123456 ; touch /tmp/rolekeeper-mfa-pwned', options), /did not print a six-digit code/);
});

test('garbage is a clear error that names the profile and never repeats what the command printed', async () => {
  await assert.rejects(mfaCodeFor(node('console.log("secret-ish 99999")'), options), (error: unknown) => {
    assert.ok(error instanceof RefreshError);
    assert.equal(error.profile, 'project1');
    assert.match(error.message, /^The mfa_process of profile "project1" did not print a six-digit code$/);
    assert.doesNotMatch(`${error.message} ${error.fix}`, /secret-ish|99999/);
    return true;
  });
});

test('a command that hangs, and a child it started that holds its output, are stopped at the timeout', async () => {
  const started = Date.now();
  await assert.rejects(mfaCodeFor(`sh -c 'sleep 30 & sleep 30'`, { ...options, timeoutMs: 400 }), /gave no code within 0\.4 s and was stopped/);
  assert.ok(Date.now() - started < 3000, `took ${Date.now() - started} ms`);
});

test('a failing or missing command is a clear error with its exit code or reason', async () => {
  await assert.rejects(mfaCodeFor(node('process.exit(3)'), options), /failed \(exit code 3\)/);
  await assert.rejects(mfaCodeFor('no-such-otp-tool-here --otp', options), /failed \(ENOENT\)/);
  await assert.rejects(mfaCodeFor(`'unclosed`, options), /cannot be split into a command/);
});
