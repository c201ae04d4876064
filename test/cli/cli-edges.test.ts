// The CLI's last edges through the built binary: `show` masks every secret-like setting (nested
// blocks too), a profile name starting with "-" goes after "--", and `keep` / `rolekeeper` alone
// count what can be kept fresh (role, SSO, managed). Needs `npm run build` first.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { withTempHome } from '../helpers/temp-home';
import { runCli } from '../helpers/run-cli';
import { SECRET, TOKEN, USER1_KEY } from '../helpers/seed-profiles';
import { storeFilePath } from '../../src/main/core/model/aws-environment';
import { isSecretName } from '../../src/shared/mask';

const ENGLISH = { LANG: 'C', LC_ALL: '', LC_MESSAGES: '', SHELL: '/bin/bash' };
const GERMAN = { ...ENGLISH, LANG: 'de_DE.UTF-8' };
const ROLE_ARN = 'arn:aws:iam::123456789012:role/Prod-Role';

const SSO_ACCESS_TOKEN = 'aoaSSOACCESSTOKENneverprinted0001';
const PASSWORD = 'hunter2-but-longer-PASSWORD';
const CLIENT_SECRET = 'CLIENTSECRETneverprinted77';
const NESTED_SECRET = 'NESTEDs3SECRETneverprinted99';

test('show masks every secret-like setting, also inside a nested s3 block, and leaves expiry times and file paths readable', () => {
  const config = `[profile messy]
region = eu-west-1
aws_access_key_id = ${USER1_KEY}
aws_secret_access_key = ${SECRET}
aws_security_token = ${TOKEN}
x_security_token_expires = 2030-01-01T00:00:00Z
sso_access_token = ${SSO_ACCESS_TOKEN}
proxy_password = ${PASSWORD}
oidc_client_secret = ${CLIENT_SECRET}
web_identity_token_file = /var/run/token
s3 =
  aws_secret_access_key = ${NESTED_SECRET}
  max_concurrent_requests = 20
`;
  withTempHome({ config }, (home) => {
    const env = { ...home.env, ...ENGLISH, MY_TOKEN: 'x', AWS_CONTAINER_AUTHORIZATION_TOKEN: 'containerTOKENneverprinted42' };
    for (const args of [['show', 'messy'], ['show', 'messy', '--json']]) {
      const result = runCli(args, env);
      assert.equal(result.code, 0, result.stderr);
      const all = result.stdout + result.stderr;
      for (const secret of [SECRET, TOKEN, SSO_ACCESS_TOKEN, PASSWORD, CLIENT_SECRET, NESTED_SECRET, 'containerTOKENneverprinted42', USER1_KEY]) {
        assert.ok(!all.includes(secret), `${args.join(' ')} prints ${secret.slice(0, 8)}…`);
      }
    }
    const shown = JSON.parse(runCli(['show', 'messy', '--json'], env).stdout) as { settings: Array<{ name: string; value: string }> };
    const value = (name: string) => shown.settings.find((setting) => setting.name === name)?.value;
    assert.equal(value('s3.aws_secret_access_key'), `${'*'.repeat(16)}ed99`);
    assert.equal(value('sso_access_token'), `${'*'.repeat(16)}0001`);
    assert.equal(value('proxy_password'), `${'*'.repeat(16)}WORD`);
    assert.equal(value('s3.max_concurrent_requests'), '20');
    assert.equal(value('x_security_token_expires'), '2030-01-01T00:00:00Z');
    assert.equal(value('web_identity_token_file'), '/var/run/token');
  });
});

test('which names count as secret: keys, tokens, secrets, passwords; not their files, URLs or expiry times', () => {
  for (const name of ['aws_access_key_id', 'aws_secret_access_key', 'aws_session_token', 'aws_security_token', 's3.aws_secret_access_key', 'sso_access_token', 'refreshToken', 'client_secret', 'db_password', 'AWS_CONTAINER_AUTHORIZATION_TOKEN']) {
    assert.equal(isSecretName(name), true, name);
  }
  for (const name of ['region', 'x_security_token_expires', 'web_identity_token_file', 'sso_start_url', 'role_arn', 'AWS_WEB_IDENTITY_TOKEN_FILE', 'AWS_CREDENTIAL_EXPIRATION', 'sso_registration_scopes']) {
    assert.equal(isSecretName(name), false, name);
  }
});

test('a profile name starting with "-" works after "--", and without it the error says to use "--"', () => {
  const config = `[profile -odd]\nrole_arn = ${ROLE_ARN}\nsource_profile = user1\n`;
  const credentials = `[user1]\naws_access_key_id = ${USER1_KEY}\naws_secret_access_key = ${SECRET}\n`;
  withTempHome({ config, credentials }, (home) => {
    const dashed = runCli(['refresh', '--dry-run', '--', '-odd'], { ...home.env, ...ENGLISH });
    assert.equal(dashed.code, 0, dashed.stderr);
    assert.match(dashed.stdout, /^-odd: would write \S+\.json\n/);
    const shown = runCli(['show', '--', '-odd'], { ...home.env, ...ENGLISH });
    assert.match(shown.stdout, /^profile -odd \(role, source chain user1\)/);

    const bare = runCli(['refresh', '-odd'], { ...home.env, ...ENGLISH });
    assert.equal(bare.code, 2);
    assert.equal(bare.stderr, `rolekeeper: error: unknown option '-odd'\nrolekeeper: a profile name that starts with "-" goes after "--": rolekeeper refresh -- -odd\n`);
    const german = runCli(['export', '-odd'], { ...home.env, ...GERMAN });
    assert.equal(german.code, 2);
    assert.match(german.stderr, /\nrolekeeper: ein Profilname, der mit "-" beginnt, gehört hinter "--": rolekeeper export -- -odd\n$/);
    // Other usage errors get no such hint.
    const missing = runCli(['refresh', '--min-valid'], { ...home.env, ...ENGLISH });
    assert.equal(missing.code, 2);
    assert.doesNotMatch(missing.stderr, /goes after/);
  });
});

test('keep says it keeps role and SSO profiles; rolekeeper alone counts role, SSO and managed profiles as keepable', () => {
  const config = `[profile role1]
role_arn = ${ROLE_ARN}
source_profile = user1

[profile sso1]
sso_start_url = https://example.awsapps.com/start
sso_region = eu-west-1
sso_account_id = 123456789012
sso_role_name = Developer
region = eu-west-1
`;
  const credentials = `[user1]\naws_access_key_id = ${USER1_KEY}\naws_secret_access_key = ${SECRET}\n\n[managed1]\naws_access_key_id = ASIAMANAGEDEXAMPLE\naws_secret_access_key = ${SECRET}\naws_session_token = ${TOKEN}\n`;
  withTempHome({ config, credentials }, (home) => {
    const help = runCli(['keep', '--help'], { ...home.env, ...ENGLISH });
    assert.match(help.stdout.replace(/\s+/g, ' '), /Keep role and SSO profiles fresh whenever the daemon or the tray runs \(managed profiles always are\)/);
    assert.doesNotMatch(runCli(['--help'], { ...home.env, ...ENGLISH }).stdout, /Keep role profiles fresh/);

    home.write(
      storeFilePath(home.environment).slice(home.home.length + 1),
      JSON.stringify({ version: 1, managed: { managed1: { roleArn: ROLE_ARN, sourceProfile: 'user1' } }, kept: ['role1'], sinks: {} }),
    );
    const english = runCli([], { ...home.env, AWS_ENDPOINT_URL_STS: 'http://127.0.0.1:9', ...ENGLISH });
    assert.equal(english.code, 0, english.stderr);
    // user1, managed1, role1, sso1: four profiles; role1, sso1 and managed1 can be kept fresh.
    assert.match(english.stdout, /\nAWS profiles: 4, of them Rolekeeper can keep fresh \(role, SSO, managed\): 3\.\n/);
    const german = runCli([], { ...home.env, AWS_ENDPOINT_URL_STS: 'http://127.0.0.1:9', ...GERMAN });
    assert.match(german.stdout, /\nAWS-Profile: 4, davon kann Rolekeeper frisch halten \(Rolle, SSO, verwaltet\): 3\.\n/);
  });
});
