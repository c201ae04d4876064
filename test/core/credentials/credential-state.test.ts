import { test } from 'node:test';
import assert from 'node:assert/strict';
import { type TempHome, withTempHome } from '../../helpers/temp-home';
import { assumeRoleCacheKey } from '../../../src/main/core/caches/cli-cache-key';
import { ssoRoleCacheKey, ssoTokenCacheKey } from '../../../src/main/core/caches/sso-cache';
import { loadProfiles } from '../../../src/main/core/aws-config/profile-loader';
import { summarizeProfiles, statusForExpiry } from '../../../src/main/core/credentials/credential-state';
import { maskSecret } from '../../../src/shared/mask';
import type { ProfileSummary } from '../../../src/shared/profile-summary';
import { PASTED_KEY, SECRET, SEED_CREDENTIALS, TOKEN, USER1_KEY, seedConfig } from '../../helpers/seed-profiles';

const NOW = new Date('2030-06-01T12:00:00Z');
const ROLE_ARN = 'arn:aws:iam::123456789012:role/Prod-Role';

const SEED_CONFIG = seedConfig({ roleArn: ROLE_ARN, pastedExpiresAt: '2030-06-01T11:00:00Z' });

function minutesFromNow(minutes: number): string {
  return new Date(NOW.getTime() + minutes * 60_000).toISOString().replace(/\.\d{3}Z$/, 'Z');
}

function cacheEntry(expiration: string, extra: Record<string, unknown> = {}): string {
  return JSON.stringify({
    Credentials: { AccessKeyId: 'ASIACACHEDEXAMPLE7', SecretAccessKey: SECRET, SessionToken: TOKEN, Expiration: expiration },
    AssumedRoleUser: { AssumedRoleId: 'AROA:s', Arn: 'arn:aws:sts::123456789012:assumed-role/Prod-Role/s' },
    ...extra,
  });
}

function summaries(home: TempHome, extra: { managed?: string[] } = {}): Map<string, ProfileSummary> {
  const result = summarizeProfiles({
    profiles: loadProfiles(home.environment),
    environment: home.environment,
    now: NOW,
    managedProfiles: new Set(extra.managed ?? []),
  });
  return new Map(result.map((summary) => [summary.name, summary]));
}

const withHome = withTempHome;

test('a status is expired at or past the expiry, expiring within the lead time, valid before', () => {
  assert.equal(statusForExpiry(new Date(NOW.getTime() - 1), NOW), 'expired');
  assert.equal(statusForExpiry(NOW, NOW), 'expired');
  assert.equal(statusForExpiry(new Date(NOW.getTime() + 14 * 60_000), NOW), 'expiring');
  assert.equal(statusForExpiry(new Date(NOW.getTime() + 15 * 60_000), NOW), 'valid');
  assert.equal(statusForExpiry(new Date(NOW.getTime() + 20 * 60_000), NOW, 30 * 60_000), 'expiring');
});

test('static keys are valid with no expiry and name the file and line of the key id', () => {
  withHome({ config: SEED_CONFIG, credentials: SEED_CREDENTIALS }, (home) => {
    const user1 = summaries(home).get('user1')!;
    assert.equal(user1.type, 'static');
    assert.equal(user1.status, 'valid');
    assert.equal(user1.expiresAt, null);
    assert.deepEqual(user1.layers.map((layer) => [layer.kind, layer.location]), [['static-keys', `${home.credentialsFile}:2`]]);
  });
});

test('pasted session keys past their x_security_token_expires are expired, with that expiry', () => {
  withHome({ config: SEED_CONFIG, credentials: SEED_CREDENTIALS }, (home) => {
    const pasted = summaries(home).get('pasted')!;
    assert.equal(pasted.type, 'session');
    assert.equal(pasted.status, 'expired');
    assert.equal(pasted.expiresAt, '2030-06-01T11:00:00.000Z');
    assert.equal(pasted.layers[0].kind, 'session-keys');
    assert.match(pasted.layers[0].detail ?? '', /x_security_token_expires at .*config:11/);
  });
});

test('session keys with aws_expiration or expiration are read too, and without any expiry are unknown', () => {
  const config = `[profile a]
aws_access_key_id = ASIAAAAAAAAAAAAAAAAA
aws_secret_access_key = ${SECRET}
aws_session_token = ${TOKEN}
aws_expiration = ${minutesFromNow(10)}

[profile b]
aws_access_key_id = ASIABBBBBBBBBBBBBBBB
aws_secret_access_key = ${SECRET}
aws_session_token = ${TOKEN}
expiration = ${minutesFromNow(120)}

[profile c]
aws_access_key_id = ASIACCCCCCCCCCCCCCCC
aws_secret_access_key = ${SECRET}
aws_session_token = ${TOKEN}
`;
  withHome({ config }, (home) => {
    const all = summaries(home);
    assert.equal(all.get('a')!.status, 'expiring');
    assert.equal(all.get('b')!.status, 'valid');
    assert.equal(all.get('b')!.expiresAt, new Date(NOW.getTime() + 120 * 60_000).toISOString());
    assert.equal(all.get('c')!.status, 'unknown');
    assert.equal(all.get('c')!.expiresAt, null);
  });
});

test('keys Rolekeeper manages show as a managed-keys layer', () => {
  withHome({ config: SEED_CONFIG, credentials: SEED_CREDENTIALS }, (home) => {
    assert.equal(summaries(home, { managed: ['pasted'] }).get('pasted')!.layers[0].kind, 'managed-keys');
  });
});

test('a role profile takes its status and expiry from the CLI cache entry mapped to it by the CLI cache key', () => {
  withHome({ config: SEED_CONFIG, credentials: SEED_CREDENTIALS }, (home) => {
    const key = assumeRoleCacheKey({ roleArn: ROLE_ARN });
    const file = home.write(`.aws/cli/cache/${key}.json`, cacheEntry(minutesFromNow(50)));
    const project1 = summaries(home).get('project1')!;
    assert.equal(project1.type, 'role');
    assert.equal(project1.status, 'valid');
    assert.equal(project1.expiresAt, new Date(NOW.getTime() + 50 * 60_000).toISOString());
    assert.deepEqual(project1.layers.map((layer) => [layer.kind, layer.location]), [['cli-cache', file]]);
    assert.deepEqual(project1.sourceChain, ['user1']);
    assert.equal(project1.accountId, '123456789012');
    assert.equal(project1.roleArn, ROLE_ARN);
    assert.equal(project1.region, 'eu-west-1');
  });
});

test('a role cache entry with under 15 minutes left is expiring, a past one expired, none at all unknown', () => {
  const key = assumeRoleCacheKey({ roleArn: ROLE_ARN });
  withHome({ config: SEED_CONFIG, credentials: SEED_CREDENTIALS }, (home) => {
    assert.equal(summaries(home).get('project1')!.status, 'unknown');
    home.write(`.aws/cli/cache/${key}.json`, cacheEntry(minutesFromNow(14)));
    assert.equal(summaries(home).get('project1')!.status, 'expiring');
    home.write(`.aws/cli/cache/${key}.json`, cacheEntry(minutesFromNow(-1)));
    assert.equal(summaries(home).get('project1')!.status, 'expired');
  });
});

test('a corrupt cache entry for a role profile does not throw and leaves the profile unknown', () => {
  withHome({ config: SEED_CONFIG, credentials: SEED_CREDENTIALS }, (home) => {
    home.write(`.aws/cli/cache/${assumeRoleCacheKey({ roleArn: ROLE_ARN })}.json`, '{"Credentials": ');
    assert.equal(summaries(home).get('project1')!.status, 'unknown');
  });
});

test('an SSO profile shows the login token and the role credentials as two layers with their own expiries', () => {
  const config = `[profile dev]
sso_session = corp
sso_account_id = 111122223333
sso_role_name = Dev
region = eu-central-1

[sso-session corp]
sso_start_url = https://corp.awsapps.com/start
sso_region = eu-central-1
`;
  withHome({ config }, (home) => {
    const roleKey = ssoRoleCacheKey({ accountId: '111122223333', roleName: 'Dev', sessionName: 'corp' });
    const roleFile = home.write(`.aws/cli/cache/${roleKey}.json`, cacheEntry(minutesFromNow(45), { ProviderType: 'sso', AssumedRoleUser: undefined }));
    const tokenFile = home.write(
      `.aws/sso/cache/${ssoTokenCacheKey({ ssoSession: 'corp' })}.json`,
      JSON.stringify({ accessToken: 'sso-access-token-secret', expiresAt: minutesFromNow(-30), refreshToken: 'r' }),
    );
    const dev = summaries(home).get('dev')!;
    assert.equal(dev.type, 'sso');
    assert.deepEqual(
      dev.layers.map((layer) => [layer.kind, layer.status, layer.location]),
      [
        ['cli-cache', 'valid', roleFile],
        ['sso-token', 'expired', tokenFile],
      ],
    );
    // The role credentials still work: they decide the headline, not the token.
    assert.equal(dev.status, 'valid');
    assert.equal(dev.accountId, '111122223333');
    assert.ok(!JSON.stringify(dev).includes('sso-access-token-secret'));
  });
});

test('an SSO profile without usable role credentials takes the token status as its headline', () => {
  const config = `[profile legacy]
sso_start_url = https://corp.awsapps.com/start
sso_region = us-east-1
sso_account_id = 111122223333
sso_role_name = Dev
`;
  withHome({ config }, (home) => {
    assert.equal(summaries(home).get('legacy')!.status, 'unknown');
    home.write(
      `.aws/sso/cache/${ssoTokenCacheKey({ startUrl: 'https://corp.awsapps.com/start' })}.json`,
      JSON.stringify({ accessToken: 'x', expiresAt: minutesFromNow(-5) }),
    );
    const legacy = summaries(home).get('legacy')!;
    assert.equal(legacy.status, 'expired');
    assert.equal(legacy.expiresAt, new Date(NOW.getTime() - 5 * 60_000).toISOString());
  });
});

test('a misconfigured profile has status error and its first error problem as error', () => {
  const config = `[profile broken]
role_arn = ${ROLE_ARN}
source_profile = nowhere
`;
  withHome({ config }, (home) => {
    const broken = summaries(home).get('broken')!;
    assert.equal(broken.status, 'error');
    assert.match(broken.error ?? '', /nowhere/);
  });
});

test('AWS_* credential variables appear as an environment layer on every profile, with AWS_CREDENTIAL_EXPIRATION', () => {
  withHome(
    {
      config: SEED_CONFIG,
      credentials: SEED_CREDENTIALS,
      env: {
        AWS_ACCESS_KEY_ID: 'ASIAENVEXAMPLE0001',
        AWS_SECRET_ACCESS_KEY: SECRET,
        AWS_SESSION_TOKEN: TOKEN,
        AWS_CREDENTIAL_EXPIRATION: minutesFromNow(-2),
      },
    },
    (home) => {
      const all = summaries(home);
      for (const summary of all.values()) {
        assert.equal(summary.layers[0].kind, 'environment');
        assert.equal(summary.layers[0].status, 'expired');
        assert.equal(summary.layers[0].location, 'AWS_ACCESS_KEY_ID');
      }
      // The profile's own headline stays its own (the env layer is shown, not merged).
      assert.equal(all.get('user1')!.status, 'valid');
      const text = JSON.stringify([...all.values()]);
      assert.ok(!text.includes(SECRET) && !text.includes(TOKEN) && !text.includes('ASIAENVEXAMPLE0001'));
      assert.ok(text.includes(maskSecret('ASIAENVEXAMPLE0001')));
    },
  );
});

test('no summary ever holds a secret key, session token or unmasked key id', () => {
  withHome({ config: SEED_CONFIG, credentials: SEED_CREDENTIALS }, (home) => {
    home.write(`.aws/cli/cache/${assumeRoleCacheKey({ roleArn: ROLE_ARN })}.json`, cacheEntry(minutesFromNow(50)));
    const text = JSON.stringify([...summaries(home).values()]);
    for (const secret of [SECRET, TOKEN, PASTED_KEY, USER1_KEY, 'ASIACACHEDEXAMPLE7']) {
      assert.ok(!text.includes(secret), secret);
    }
  });
});
