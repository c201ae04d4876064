// The refresh pipeline (chain → STS port → sinks) through the service, with a recording STS port:
// what is asked of STS, what each sink holds afterwards, and what is never touched.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { withTempHome, type TempHome } from '../../helpers/temp-home';
import { CONFIG, CREDENTIALS } from '../../fixtures/role-profiles';
import { recordingSts } from '../../helpers/recording-sts';
import { createRolekeeperService } from '../../../src/main/core/service/rolekeeper-service';
import { changeStore } from '../../../src/main/core/credentials/rolekeeper-store';
import { readProcessCache } from '../../../src/main/core/caches/process-cache';
import { cacheKeyForProfile } from '../../../src/main/core/caches/cli-cache';
import { heldExpiry } from '../../../src/main/core/sinks/sink-registry';

function cliCacheFile(home: TempHome, service: ReturnType<typeof createRolekeeperService>, profile: string): string {
  const resolved = service.profiles().get(profile);
  assert.ok(resolved);
  return join(home.home, '.aws', 'cli', 'cache', `${cacheKeyForProfile(resolved)}.json`);
}

test('a role profile is assumed once from its source keys and published to the AWS CLI cache and the process cache', async () => {
  await withTempHome({ config: CONFIG, credentials: CREDENTIALS }, async (home) => {
    const sts = recordingSts();
    const service = createRolekeeperService({ environment: home.environment, sts });
    const { outcome, credentials } = await service.refresh('deploy');
    assert.equal(sts.calls.length, 1);
    const call = sts.calls[0];
    assert.equal(call.operation, 'AssumeRole');
    if (call.operation === 'AssumeRole') {
      assert.equal(call.input.roleArn, 'arn:aws:iam::111111111111:role/deploy');
      assert.equal(call.input.roleSessionName, 'pipeline');
      assert.equal(call.input.sourceCredentials.accessKeyId, 'AKIABASEBASEBASE0001');
    }
    assert.deepEqual(outcome.sinks.map((sink) => sink.kind), ['cli-cache', 'process-cache']);
    const entry = JSON.parse(readFileSync(cliCacheFile(home, service, 'deploy'), 'utf8'));
    assert.equal(entry.Credentials.AccessKeyId, credentials?.accessKeyId);
    assert.equal(readProcessCache(home.environment, 'deploy')?.output.AccessKeyId, credentials?.accessKeyId);
    assert.equal(readFileSync(home.credentialsFile, 'utf8'), CREDENTIALS, 'the files are not touched for a role profile');
  });
});

test('with --min-valid, credentials every sink still holds long enough are not refreshed; a shorter hold is', async () => {
  await withTempHome({ config: CONFIG, credentials: CREDENTIALS }, async (home) => {
    const sts = recordingSts();
    const service = createRolekeeperService({ environment: home.environment, sts });
    await service.refresh('deploy');
    const again = await service.refresh('deploy', { minValidMs: 30 * 60_000 });
    assert.equal(again.outcome.refreshed, false);
    assert.equal(sts.calls.length, 1);
    const longer = await service.refresh('deploy', { minValidMs: 90 * 60_000 }).catch((error: { kind?: string }) => error);
    assert.equal(sts.calls.length, 2, 'a hold shorter than asked is refreshed');
    assert.equal((longer as { kind?: string }).kind, 'duration-too-long', 'and the one-hour session still cannot give 90 minutes');
  });
});

test('a managed profile gets its keys rewritten where they stand, and no AWS CLI cache entry', async () => {
  await withTempHome({ config: CONFIG, credentials: CREDENTIALS }, async (home) => {
    await changeStore(home.environment, (data) => {
      data.managed.ops = { roleArn: 'arn:aws:iam::222222222222:role/ops', sourceProfile: 'base' };
    });
    const sts = recordingSts();
    const service = createRolekeeperService({ environment: home.environment, sts });
    const { outcome, credentials } = await service.refresh('ops');
    assert.deepEqual(outcome.sinks.map((sink) => sink.kind), ['managed-keys', 'process-cache']);
    const text = readFileSync(home.credentialsFile, 'utf8');
    assert.ok(text.startsWith('[base]\naws_access_key_id = AKIABASEBASEBASE0001\naws_secret_access_key = base-secret\n\n[ops]\n'));
    assert.ok(text.includes(`aws_access_key_id = ${credentials?.accessKeyId}\n`));
    assert.equal(existsSync(join(home.home, '.aws', 'cli', 'cache')), false);
    service.reload();
    assert.equal(heldExpiry('ops', service.sinkContext())?.getTime(), Math.floor((credentials?.expiration?.getTime() ?? 0) / 1000) * 1000);
  });
});

test('a dry run calls nothing and writes nothing, and says where it would write', async () => {
  await withTempHome({ config: CONFIG, credentials: CREDENTIALS }, async (home) => {
    const sts = recordingSts();
    const service = createRolekeeperService({ environment: home.environment, sts });
    const { outcome } = await service.refresh('deploy', { dryRun: true });
    assert.equal(sts.calls.length, 0);
    assert.deepEqual(outcome.sinks.map((sink) => sink.kind), ['cli-cache']);
    assert.equal(existsSync(outcome.sinks[0].location), false);
    assert.equal(readProcessCache(home.environment, 'deploy'), undefined);
  });
});

test('an aborted refresh publishes nothing even when STS already answered', async () => {
  await withTempHome({ config: CONFIG, credentials: CREDENTIALS }, async (home) => {
    const sts = recordingSts();
    const service = createRolekeeperService({ environment: home.environment, sts });
    const controller = new AbortController();
    const original = sts.assumeRole;
    sts.assumeRole = async (input) => {
      const answer = await original(input);
      controller.abort();
      return answer;
    };
    await assert.rejects(service.refresh('deploy', { signal: controller.signal }), /was stopped/);
    assert.equal(existsSync(join(home.home, '.aws', 'cli', 'cache')), false);
    assert.equal(readProcessCache(home.environment, 'deploy'), undefined);
  });
});

test('an MFA code handed in reaches STS for that refresh only', async () => {
  await withTempHome({ config: CONFIG, credentials: CREDENTIALS }, async (home) => {
    const sts = recordingSts();
    const service = createRolekeeperService({ environment: home.environment, sts });
    await assert.rejects(service.refresh('guarded'), (error: { kind?: string }) => error.kind === 'mfa-required');
    await service.refresh('guarded', { mfaCode: '246810' });
    const last = sts.calls.at(-1);
    assert.equal(last?.operation === 'AssumeRole' ? last.input.mfaCode : null, '246810');
    await assert.rejects(service.refresh('guarded'), (error: { kind?: string }) => error.kind === 'mfa-required');
  });
});

test('every operation reports a missing profile the same way: kind unknown-profile, the name and both files', async () => {
  await withTempHome({ config: CONFIG, credentials: CREDENTIALS }, async (home) => {
    const service = createRolekeeperService({ environment: home.environment, sts: recordingSts() });
    const checks: Array<() => Promise<unknown>> = [
      () => service.refresh('ghost'),
      () => service.refreshNow('ghost'),
      () => service.verify('ghost'),
      () => service.exportText('ghost', 'bash', 'keys'),
      () => service.clearCache('ghost'),
    ];
    for (const check of checks) {
      await assert.rejects(check(), (error: { kind?: string; message: string }) =>
        error.kind === 'unknown-profile' && error.message.includes('"ghost"') && error.message.includes(home.configFile) && error.message.includes(home.credentialsFile),
      );
    }
  });
});
