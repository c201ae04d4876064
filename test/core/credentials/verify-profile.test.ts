import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { makeTempHome, type TempHome } from '../../helpers/temp-home';
import { MOTO_ACCOUNT_ID } from '../../helpers/moto';
import { motoBehindProxy, type Fault } from '../../helpers/fault-proxy';
import { loadProfiles } from '../../../src/main/core/aws-config/profile-loader';
import { assumeRoleCacheKey } from '../../../src/main/core/caches/cli-cache-key';
import { readCliCacheEntry, isCacheProblem } from '../../../src/main/core/caches/cli-cache';
import { writeProcessCache } from '../../../src/main/core/sinks/process-cache';
import { heldExpiry } from '../../../src/main/core/sinks/sink-registry';
import { createRolekeeperService } from '../../../src/main/core/service/rolekeeper-service';
import type { AwsEnvironment } from '../../../src/main/core/model/aws-environment';
import { roleFingerprint } from '../../../src/main/core/credentials/role-fingerprint';
import { readStore } from '../../../src/main/core/credentials/rolekeeper-store';
import { isRejectedKey } from '../../../src/main/core/credentials/rejected-keys';
import { VerifyFailure } from '../../../src/main/core/credentials/verify-profile';

const ROLE_ARN = `arn:aws:iam::${MOTO_ACCOUNT_ID}:role/deploy`;
const SECRET = 'verifySECRETvalue/never+printed00000000';
const TOKEN = 'verifyTOKENvalueNeverPrinted';
const CONFIG = `[profile src]
aws_access_key_id = AKIAVERIFYSOURCE0001
aws_secret_access_key = ${SECRET}

[profile role]
role_arn = ${ROLE_ARN}
source_profile = src
`;
const EXPIRED: Fault = { type: 'sts-error', status: 400, code: 'ExpiredToken', message: 'The security token included in the request is expired' };
const UNKNOWN_KEY: Fault = { type: 'sts-error', status: 403, code: 'InvalidClientTokenId', message: 'The security token included in the request is invalid' };

const rig = motoBehindProxy();

function environmentOf(home: TempHome, env: Record<string, string> = {}) {
  return { ...home.environment, env: { ...home.env, AWS_ENDPOINT_URL_STS: rig.proxy.url, AWS_DEFAULT_REGION: 'us-east-1', SHELL: '/bin/bash', ...env } };
}

/** What `rolekeeper verify [PROFILE]` runs: the service's verify over a fresh read of the files. */
function verify(environment: AwsEnvironment, profile: string | null) {
  return createRolekeeperService({ environment }).verify(profile);
}

/** The expiry `refresh --min-valid` trusts: the earliest over the profile's sinks. */
function expiryRefreshTrusts(environment: AwsEnvironment, profile: string): Date | null {
  return heldExpiry(profile, createRolekeeperService({ environment }).sinkContext());
}

async function rejection(promise: Promise<unknown>): Promise<VerifyFailure> {
  try {
    await promise;
  } catch (error) {
    assert.ok(error instanceof VerifyFailure, String(error));
    assert.ok(!error.message.includes(SECRET) && !error.fix.includes(SECRET) && !error.message.includes(TOKEN));
    return error;
  }
  assert.fail('verify should have failed');
}

function writeEntry(home: TempHome, keyId: string, minutesLeft: number): string {
  const expiration = new Date(Date.now() + minutesLeft * 60_000).toISOString().replace(/\.\d{3}Z$/, 'Z');
  return home.write(
    `.aws/cli/cache/${assumeRoleCacheKey({ roleArn: ROLE_ARN })}.json`,
    JSON.stringify({ Credentials: { AccessKeyId: keyId, SecretAccessKey: SECRET, SessionToken: TOKEN, Expiration: expiration } }),
  );
}

describe('verify (the service operation)', () => {
  test('rejected env keys (plain `aws`, env before AWS_PROFILE): the fix is the unset lines of the user\'s shell', async () => {
    const home = makeTempHome({ config: CONFIG });
    try {
      rig.proxy.setFaultForKey('ASIAVERIFYENV000001', EXPIRED);
      const env = { AWS_PROFILE: 'role', AWS_ACCESS_KEY_ID: 'ASIAVERIFYENV000001', AWS_SECRET_ACCESS_KEY: SECRET, AWS_SESSION_TOKEN: TOKEN };
      const bash = await rejection(verify(environmentOf(home, env), null));
      assert.equal(bash.kind, 'expired-source');
      assert.match(bash.message, /rejected: the environment variables AWS_ACCESS_KEY_ID, AWS_SECRET_ACCESS_KEY, AWS_SESSION_TOKEN \(key \*+0001\), which `aws` without --profile signs with$/);
      assert.equal(bash.fix, "clear the variables so the profile's credentials apply: unset AWS_ACCESS_KEY_ID; unset AWS_SECRET_ACCESS_KEY; unset AWS_SESSION_TOKEN");
      const fish = await rejection(verify(environmentOf(home, { ...env, SHELL: '/usr/bin/fish' }), null));
      assert.match(fish.fix, /: set -e AWS_ACCESS_KEY_ID; set -e AWS_SECRET_ACCESS_KEY; set -e AWS_SESSION_TOKEN$/);
    } finally {
      rig.proxy.setFaultForKey('ASIAVERIFYENV000001', { type: 'pass' });
      home.cleanup();
    }
  });

  test('rejected keys in a file: the fix names the file and line', async () => {
    const home = makeTempHome({ config: CONFIG });
    try {
      rig.proxy.setFaultForKey('AKIAVERIFYSOURCE0001', UNKNOWN_KEY);
      const failure = await rejection(verify(environmentOf(home), 'src'));
      assert.equal(failure.kind, 'invalid-client-token');
      assert.match(failure.message, new RegExp(`rejected: ${home.configFile}:2 \\(key \\*+0001\\), which \`aws --profile src\` signs with$`));
      assert.match(failure.fix, new RegExp(`^replace the keys of \\[src\\] at ${home.configFile}:2 with an active access key pair`));
    } finally {
      rig.proxy.setFaultForKey('AKIAVERIFYSOURCE0001', { type: 'pass' });
      home.cleanup();
    }
  });

  test('rejected keys in ~/.boto, which plain `aws` falls back to: the fix names that file and line, not a profile section', async () => {
    const home = makeTempHome({ config: CONFIG });
    try {
      home.write('.boto', `[Boto]\ndebug = 0\n[Credentials]\naws_access_key_id = AKIAVERIFYSOURCE0001\naws_secret_access_key = ${SECRET}\n`);
      rig.proxy.setFaultForKey('AKIAVERIFYSOURCE0001', UNKNOWN_KEY);
      const failure = await rejection(verify(environmentOf(home), null));
      assert.match(failure.message, new RegExp(`rejected: ${home.home}/\\.boto:4 \\(key \\*+0001\\), which \`aws\` without --profile signs with$`));
      assert.equal(failure.fix, `replace the keys at ${home.home}/.boto:4 with an active access key pair, or delete them there and keep keys in a profile: the AWS CLI falls back to this file when the profile has no credentials of its own`);
    } finally {
      rig.proxy.setFaultForKey('AKIAVERIFYSOURCE0001', { type: 'pass' });
      home.cleanup();
    }
  });

  test('a broken boto2 config or a missing AWS_CREDENTIAL_FILE fails as the CLI does, with a fix that names it', async () => {
    const home = makeTempHome({ config: CONFIG });
    try {
      home.write('.boto', '[Credentials]\naws_access_key_id = AKIAVERIFYSOURCE0001\n');
      const partial = await rejection(verify(environmentOf(home), null));
      assert.match(partial.message, /Partial credentials found in boto-config, missing: aws_secret_access_key/);
      assert.equal(partial.fix, `correct or remove ${home.home}/.boto:2: the AWS CLI reads it for every profile without credentials of its own`);
      const missing = await rejection(verify(environmentOf(home, { AWS_CREDENTIAL_FILE: '~/gone' }), null));
      assert.match(missing.message, new RegExp(`The specified config file \\(${home.home}/gone\\) could not be found\\.`));
      assert.equal(missing.fix, 'AWS_CREDENTIAL_FILE names a file the AWS CLI cannot read; unless you create it: unset AWS_CREDENTIAL_FILE');
    } finally {
      home.cleanup();
    }
  });

  test('a rejected cache entry is remembered, and the expiry refresh --min-valid trusts no longer counts it', async () => {
    const home = makeTempHome({ config: CONFIG });
    try {
      const environment = environmentOf(home);
      writeEntry(home, 'ASIAVERIFYCACHED0001', 60);
      const profiles = loadProfiles(environment);
      const store = readStore(environment);
      const held = { accessKeyId: 'ASIAVERIFYCACHED0001', secretAccessKey: SECRET, sessionToken: TOKEN, expiration: new Date(Date.now() + 60 * 60_000) };
      await writeProcessCache(environment, 'role', held, roleFingerprint('role', profiles, store));
      assert.ok(expiryRefreshTrusts(environment, 'role'), 'in date before STS says otherwise');

      rig.proxy.setFaultForKey('ASIAVERIFYCACHED0001', EXPIRED);
      const failure = await rejection(verify(environment, 'role'));
      assert.match(failure.fix, /^rolekeeper refresh role \(or rolekeeper clear-cache role, /);
      assert.equal(isRejectedKey(environment, 'ASIAVERIFYCACHED0001'), true);
      assert.equal(isRejectedKey(environment, 'ASIAVERIFYOTHER00001'), false);
      assert.equal(expiryRefreshTrusts(environment, 'role'), null);
      const listed = createRolekeeperService({ environment }).summaries().find((summary) => summary.name === 'role');
      assert.equal(listed?.status, 'expired', 'list shows what the AWS CLI will find, not the entry\'s own expiry');
      assert.match(listed?.error ?? '', /STS rejected the credentials `aws --profile role` uses .*`rolekeeper verify role` shows the fix/);
    } finally {
      rig.proxy.setFaultForKey('ASIAVERIFYCACHED0001', { type: 'pass' });
      home.cleanup();
    }
  });

  test('with no usable cache entry it assumes the role as the CLI would, caches it, and says so', async () => {
    const home = makeTempHome({ config: CONFIG });
    try {
      const environment = environmentOf(home);
      writeEntry(home, 'ASIAVERIFYNEARLY0001', 14);
      const mark = rig.proxy.requests.length;
      const identity = await verify(environment, 'role');
      assert.equal(identity.obtainedBy?.kind, 'assume-role');
      assert.match(identity.arn, new RegExp(`^arn:aws:sts::${MOTO_ACCOUNT_ID}:assumed-role/deploy/`));
      const entry = readCliCacheEntry(loadProfiles(environment).paths.cliCacheDir, assumeRoleCacheKey({ roleArn: ROLE_ARN }));
      assert.ok(entry && !isCacheProblem(entry));
      assert.notEqual(entry.credentials.accessKeyId, 'ASIAVERIFYNEARLY0001', 'the entry the CLI would skip was replaced');
      const signed = rig.proxy.requests.slice(mark).filter((request) => request.form.Action === 'GetCallerIdentity').map((request) => request.accessKeyId);
      assert.deepEqual(signed, [entry.credentials.accessKeyId]);
    } finally {
      home.cleanup();
    }
  });

  test('partial env keys fail before any call, as botocore does', async () => {
    const home = makeTempHome({ config: CONFIG });
    try {
      const mark = rig.proxy.requests.length;
      const failure = await rejection(verify(environmentOf(home, { AWS_ACCESS_KEY_ID: 'ASIAVERIFYPARTIAL01' }), null));
      assert.equal(failure.kind, 'config');
      assert.equal(failure.message, '`aws` without --profile fails: Partial credentials found in env, missing: AWS_SECRET_ACCESS_KEY');
      assert.equal(failure.fix, 'set AWS_SECRET_ACCESS_KEY as well, or clear the key id: unset AWS_ACCESS_KEY_ID');
      assert.equal(rig.proxy.requests.length, mark);
    } finally {
      home.cleanup();
    }
  });
});
