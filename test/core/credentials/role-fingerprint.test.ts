import { test } from 'node:test';
import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { createHash } from 'node:crypto';
import { makeTempHome } from '../../helpers/temp-home';
import { loadProfiles } from '../../../src/main/core/aws-config/profile-loader';
import { readStore, type StoreData } from '../../../src/main/core/credentials/rolekeeper-store';
import { fingerprintChain, roleFingerprint, settingsFingerprint } from '../../../src/main/core/credentials/role-fingerprint';

const CONFIG = `[profile base]
region = eu-west-1

[profile hop]
role_arn = arn:aws:iam::111111111111:role/hop
source_profile = base
`;

function managedStore(environment: Parameters<typeof readStore>[0]): StoreData {
  const store = readStore(environment);
  return { ...store, managed: { app: { roleArn: 'arn:aws:iam::222222222222:role/app', sourceProfile: 'hop' } } };
}

test('a managed profile chains through its Rolekeeper source and that source chain', (t) => {
  const home = makeTempHome({ config: CONFIG, credentials: '[base]\naws_access_key_id = AKIAEXAMPLE\naws_secret_access_key = secret\n' });
  t.after(() => home.cleanup());
  const profiles = loadProfiles(home.environment);
  assert.deepEqual(fingerprintChain('app', profiles, managedStore(home.environment)), ['app', 'hop', 'base']);
});

test('rewriting the keys Rolekeeper manages changes neither fingerprint; editing a setting two hops down changes the settings one', (t) => {
  const home = makeTempHome({ config: CONFIG, credentials: '[base]\naws_access_key_id = AKIAEXAMPLE\naws_secret_access_key = secret\n' });
  t.after(() => home.cleanup());
  const store = managedStore(home.environment);
  const before = loadProfiles(home.environment);
  const settings = settingsFingerprint('app', before, store);
  const role = roleFingerprint('app', before, store);

  writeFileSync(
    home.credentialsFile,
    '[base]\naws_access_key_id = AKIAEXAMPLE\naws_secret_access_key = secret\n\n[app]\naws_access_key_id = ASIAFRESH\naws_secret_access_key = s\naws_session_token = t\nx_security_token_expires = 2030-01-01T00:00:00Z\n',
  );
  const rewritten = loadProfiles(home.environment);
  assert.equal(settingsFingerprint('app', rewritten, store), settings);
  assert.equal(roleFingerprint('app', rewritten, store), role);

  writeFileSync(home.configFile, CONFIG.replace('region = eu-west-1', 'region = us-east-1'));
  const edited = loadProfiles(home.environment);
  assert.notEqual(settingsFingerprint('app', edited, store), settings);
  assert.equal(roleFingerprint('app', edited, store), role);
});

const SSO_CONFIG = `[profile sso]
sso_session = corp
sso_account_id = 111111111111
sso_role_name = Admin

[sso-session corp]
sso_start_url = https://d-1.awsapps.com/start
sso_region = us-east-1
`;

test("an SSO profile's role fingerprint changes with its account, its role and its session's start URL", (t) => {
  const home = makeTempHome({ config: SSO_CONFIG });
  t.after(() => home.cleanup());
  const store = readStore(home.environment);
  const fingerprintOf = (config: string): string => {
    writeFileSync(home.configFile, config);
    return roleFingerprint('sso', loadProfiles(home.environment), store);
  };
  const original = fingerprintOf(SSO_CONFIG);
  const edits = [
    SSO_CONFIG.replace('sso_account_id = 111111111111', 'sso_account_id = 222222222222'),
    SSO_CONFIG.replace('sso_role_name = Admin', 'sso_role_name = ReadOnly'),
    SSO_CONFIG.replace('https://d-1.awsapps.com/start', 'https://d-2.awsapps.com/start'),
  ];
  for (const edited of edits) assert.notEqual(fingerprintOf(edited), original, edited);
  assert.equal(fingerprintOf(`${SSO_CONFIG}\n[profile other]\nregion = eu-west-1\n`), original, 'another profile is no change');
});

test('a chain without SSO settings keeps the fingerprint it had before SSO settings counted (its caches stay valid)', (t) => {
  const home = makeTempHome({ config: CONFIG });
  t.after(() => home.cleanup());
  const store = readStore(home.environment);
  const roleValues = ['arn:aws:iam::111111111111:role/hop', 'base', null, null, null, null, null];
  const before = createHash('sha256').update(JSON.stringify({ managed: null, hops: [['hop', roleValues], ['base', roleValues.map(() => null)]] })).digest('hex').slice(0, 32);
  assert.equal(roleFingerprint('hop', loadProfiles(home.environment), store), before);
});
