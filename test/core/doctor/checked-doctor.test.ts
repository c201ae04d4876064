// Doctor as the AWS CLI meets it, through the service's STS port (no network in unit tests): a
// key STS rejects becomes the one `credentials-rejected` finding that list shows too, with its
// repair steps; STS unreachable is said once and the offline findings still come.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { withTempHome } from '../../helpers/temp-home';
import { createRolekeeperService } from '../../../src/main/core/service/rolekeeper-service';
import { RefreshError } from '../../../src/main/core/model/credentials';
import type { StsPort } from '../../../src/main/core/sts/sts-port';

const KEYS = '[static]\naws_access_key_id = AKIAREJECTEDEXAMPLE1\naws_secret_access_key = secretEXAMPLEsecretEXAMPLEsecretEXAMPLE\n';

function port(answer: (keyId: string) => Error | null): StsPort & { calls: string[] } {
  const calls: string[] = [];
  return {
    calls,
    assumeRole: () => Promise.reject(new Error('not used')),
    getSessionToken: () => Promise.reject(new Error('not used')),
    getCallerIdentity: async ({ credentials }) => {
      calls.push(credentials.accessKeyId);
      const error = answer(credentials.accessKeyId);
      if (error) throw error;
      return { account: '123456789012', arn: 'arn:aws:iam::123456789012:user/u', userId: 'AIDA' };
    },
  };
}

test('a key STS rejects is the credentials-rejected finding, and list says expired, from the same place', async () => {
  await withTempHome({ config: '', credentials: KEYS, env: { SHELL: '/bin/bash' } }, async (home) => {
    const sts = port(() => new RefreshError('invalid-client-token', 'The security token included in the request is invalid', 'replace the keys', 'static'));
    const service = createRolekeeperService({ environment: home.environment, sts });
    const checked = await service.checkedDoctor();
    assert.equal(checked.sts, 'checked');
    assert.deepEqual(sts.calls, ['AKIAREJECTEDEXAMPLE1']);
    const rejected = checked.findings.filter((item) => item.profile === 'static');
    assert.deepEqual(rejected.map((item) => [item.code, item.severity]), [['credentials-rejected', 'error']]);
    assert.match(rejected[0].advice ?? '', /create a new access key/);
    assert.equal(rejected[0].fix, null, 'no command stands for what only IAM can do');
    assert.equal(service.summaryOf('static').status, 'expired');
    assert.ok(!JSON.stringify(checked).includes('AKIAREJECTEDEXAMPLE1'), 'the key id is masked');
    const offline = await service.checkedDoctor({ offline: true });
    assert.equal(offline.sts, 'skipped');
    assert.deepEqual(offline.findings.filter((item) => item.profile === 'static').map((item) => item.code), ['credentials-rejected'], 'offline doctor reads the same status');
  });
});

test('STS unreachable: said once, and the offline findings still come', async () => {
  await withTempHome({ config: '', credentials: KEYS, env: { SHELL: '/bin/bash', AWS_PROFILE: 'nope' } }, async (home) => {
    const down = Object.assign(new RefreshError('network', 'cannot reach STS (ECONNREFUSED)', 'check the network'), {});
    const sts: StsPort = { ...port(() => down), measureClockSkew: () => Promise.reject(down) };
    const service = createRolekeeperService({ environment: home.environment, sts });
    const checked = await service.checkedDoctor();
    assert.equal(checked.sts, 'unreachable');
    assert.equal(checked.findings.filter((item) => item.code === 'sts-unreachable').length, 1);
    assert.ok(checked.findings.some((item) => item.code === 'aws-profile-missing'), 'the offline findings are there');
  });
});
