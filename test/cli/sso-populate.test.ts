// `rolekeeper sso populate` through the built CLI against the SSO stand-in (pages of 2, so every list
// is paginated): profiles appended byte-preservingly, what botocore reads from the result, re-runs
// that add only what is new and leave the user's profiles and edits alone, --dry-run, name rules.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, statSync, writeFileSync } from 'node:fs';
import { storeFilePath } from '../../src/main/core/model/aws-environment';
import { makeTempHome, type TempHome } from '../helpers/temp-home';
import { runCliAsync } from '../helpers/run-cli';
import { startSsoStandIn, standInEnv, type SsoStandIn } from '../helpers/sso-stand-in';
import { readWithBotocore } from '../helpers/botocore';

const START_URL = 'https://d-1234567890.awsapps.com/start';
// The user's own profile for prod/ReadOnly (another name, a comment, odd spacing) and a profile
// that happens to hold the name the template gives dev/Developer.
const CONFIG = `# my AWS config\r
[profile my-prod]\r
sso_session=corp\r
sso_account_id = 111111111111   \r
sso_role_name = ReadOnly\r
\r
[profile dev-Developer]\r
region = us-east-2\r
\r
[sso-session corp]\r
sso_start_url = ${START_URL}\r
sso_region = us-east-1\r
`;

let standIn: SsoStandIn;
before(async () => {
  standIn = await startSsoStandIn({ pageSize: 2 });
});
after(() => standIn.close());

async function signedInHome(): Promise<TempHome> {
  const home = makeTempHome({ config: CONFIG, env: standInEnv(standIn) });
  const login = await runCliAsync(['sso', 'login', '--session', 'corp', '--use-device-code'], { ...home.env, BROWSER: '' });
  assert.equal(login.code, 0, login.stderr);
  return home;
}

test('populate appends one profile per new account and role, keeps every byte before them, and botocore reads them; a re-run restores only what is missing', async () => {
  const home = await signedInHome();
  try {
    const listCalls = standIn.operations('ListAccounts').length;
    const dryRun = await runCliAsync(['sso', 'populate', '--session', 'corp', '--dry-run'], home.env);
    assert.equal(dryRun.code, 0, dryRun.stderr);
    assert.equal(readFileSync(home.configFile, 'utf8'), CONFIG, '--dry-run writes nothing');
    assert.match(dryRun.stdout, /^\+\[profile prod-Admin\]\r?$/m);
    assert.ok(!/accessToken|refreshToken/.test(dryRun.stdout + dryRun.stderr));
    assert.ok(standIn.operations('ListAccounts').length - listCalls >= 2, 'ListAccounts was paged');

    const run = await runCliAsync(['sso', 'populate', '--session', 'corp', '--region', 'eu-west-1'], home.env);
    assert.equal(run.code, 0, run.stderr);
    assert.match(run.stdout, /5 added to .*config; 1 already configured/);
    const written = readFileSync(home.configFile, 'utf8');
    assert.ok(written.startsWith(CONFIG), 'the user’s bytes stand unchanged before the new sections');
    assert.ok(!/\n(?<!\r\n)/.test(written.replace(/\r\n/g, '')), 'new lines take the file’s CRLF');

    const [view] = readWithBotocore([{ path: home.configFile, kind: 'config' }]);
    assert.ok(view.ok);
    if (!view.ok) return;
    assert.deepEqual(Object.keys(view.profiles).sort(), ['dev-Developer', 'dev-Developer-2', 'my-prod', 'prod-Admin', 'sandbox-Admin', 'sandbox-Developer', 'sandbox-ReadOnly']);
    assert.deepEqual(view.profiles['dev-Developer-2'], { sso_session: 'corp', sso_account_id: '222222222222', sso_role_name: 'Developer', region: 'eu-west-1' });
    assert.deepEqual(view.profiles['dev-Developer'], { region: 'us-east-2' }, 'a name in use is not taken over');

    // The user edits one generated profile and deletes another: a re-run adds back only the deleted one.
    const edited = written.replace(/(\[profile sandbox-Admin\]\r\n(?:.*\r\n)*?region = )eu-west-1/, '$1ap-south-1').replace(/\[profile sandbox-Developer\]\r\n(?:[a-z_]+ = .*\r\n)+\r?\n?/, '');
    assert.notEqual(edited, written);
    writeFileSync(home.configFile, edited);
    const again = await runCliAsync(['sso', 'populate', '--session', 'corp'], home.env);
    assert.equal(again.code, 0, again.stderr);
    assert.match(again.stdout, /^added profile sandbox-Developer \(account sandbox 333333333333, role Developer\)$/m);
    assert.match(again.stdout, /1 added to .*; 5 already configured/);
    const final = readFileSync(home.configFile, 'utf8');
    assert.ok(final.startsWith(edited));
    const [after] = readWithBotocore([{ path: home.configFile, kind: 'config' }]);
    assert.ok(after.ok && (after.profiles['sandbox-Admin'] as Record<string, string>).region === 'ap-south-1');

    const nothing = await runCliAsync(['sso', 'populate', '--session', 'corp', '--dry-run'], home.env);
    assert.match(nothing.stdout, /^Nothing to add/);
  } finally {
    home.cleanup();
  }
});

test('a template names profiles from its fields, sanitized to one shell word; an unknown field is a usage error; without a sign-in the fix is rolekeeper sso login', async () => {
  const home = await signedInHome();
  try {
    const named = await runCliAsync(['sso', 'populate', '--session', 'corp', '--dry-run', '--template', '{account_id} {role_name}/{session}'], home.env);
    assert.equal(named.code, 0, named.stderr);
    assert.match(named.stdout, /^\+\[profile 333333333333-Admin-corp\]\r?$/m);
    const bad = await runCliAsync(['sso', 'populate', '--session', 'corp', '--template', '{acount_name}'], home.env);
    assert.equal(bad.code, 2);
    assert.match(bad.stderr, /unknown field \{acount_name\}/);
    assert.equal(readFileSync(home.configFile, 'utf8'), CONFIG);
  } finally {
    home.cleanup();
  }
  const signedOut = makeTempHome({ config: CONFIG, env: standInEnv(standIn) });
  try {
    const result = await runCliAsync(['sso', 'populate', '--session', 'corp'], signedOut.env);
    assert.equal(result.code, 1);
    assert.match(result.stderr, /rolekeeper sso login --session corp/);
  } finally {
    signedOut.cleanup();
  }
});

const LEGACY_CONFIG = `[profile legacy]
sso_start_url = ${START_URL}
sso_region = us-east-1
sso_account_id = 111111111111
sso_role_name = ReadOnly
region = eu-west-1
`;

test('populate --profile of a legacy sign-in writes profiles in the legacy form botocore reads, and list shows the account names it learnt', async () => {
  const home = makeTempHome({ config: LEGACY_CONFIG, env: standInEnv(standIn) });
  try {
    const login = await runCliAsync(['sso', 'login', 'legacy', '--use-device-code'], { ...home.env, BROWSER: '' });
    assert.equal(login.code, 0, login.stderr);
    const run = await runCliAsync(['sso', 'populate', '--profile', 'legacy'], home.env);
    assert.equal(run.code, 0, run.stderr);
    assert.match(run.stdout, /5 added to .*config; 1 already configured/);
    assert.ok(!/accessToken|refreshToken|clientSecret/.test(run.stdout + run.stderr));
    const written = readFileSync(home.configFile, 'utf8');
    assert.ok(written.startsWith(LEGACY_CONFIG));
    assert.ok(!written.includes('sso_session'), 'no [sso-session] the user did not have');
    // The keys in the order `aws configure sso` writes them for a legacy profile.
    assert.match(written, /\[profile dev-Developer\]\nsso_start_url = https:\/\/d-1234567890\.awsapps\.com\/start\nsso_region = us-east-1\nsso_account_id = 222222222222\nsso_role_name = Developer\n/);
    const [view] = readWithBotocore([{ path: home.configFile, kind: 'config' }]);
    assert.ok(view.ok);
    if (!view.ok) return;
    assert.deepEqual(view.profiles['sandbox-Admin'], { sso_start_url: START_URL, sso_region: 'us-east-1', sso_account_id: '333333333333', sso_role_name: 'Admin' });

    const list = await runCliAsync(['list', '--json'], home.env);
    assert.equal(list.code, 0, list.stderr);
    const rows = JSON.parse(list.stdout) as Array<{ name: string; accountName?: string; type: string }>;
    assert.equal(rows.find((row) => row.name === 'legacy')?.accountName, 'prod', 'the user’s own profile gets the name of its account too');
    assert.equal(rows.find((row) => row.name === 'dev-Developer')?.accountName, 'dev');
    // Wide enough that no account is shortened to fit (terminal-fit.test.ts covers that).
    const table = await runCliAsync(['list'], { ...home.env, COLUMNS: '200' });
    assert.match(table.stdout, /^NAME\s+TYPE\s+REGION\s+ACCOUNT\s+STATUS\s+EXPIRES\s+SOURCE CHAIN$/m);
    assert.match(table.stdout, /^sandbox-Admin\s+sso\s+-\s+sandbox \(333333333333\)\s/m);
    const store = JSON.parse(readFileSync(storeFilePath(home.environment), 'utf8')) as { accountNames: Record<string, string> };
    assert.deepEqual(store.accountNames, { '111111111111': 'prod', '222222222222': 'dev', '333333333333': 'sandbox' });
    assert.equal(statSync(storeFilePath(home.environment)).mode & 0o777, 0o600);
    assert.ok(!/accessToken|refreshToken|clientSecret/.test(JSON.stringify(store)), 'the store holds names, no token');
  } finally {
    home.cleanup();
  }
});

test('populate takes --session or --profile, exactly one: both or neither is a usage error (exit 2) that writes nothing', async () => {
  const home = makeTempHome({ config: LEGACY_CONFIG, env: standInEnv(standIn) });
  try {
    for (const args of [['--session', 'corp', '--profile', 'legacy'], []]) {
      const result = await runCliAsync(['sso', 'populate', ...args], home.env);
      assert.equal(result.code, 2, result.stderr);
      assert.match(result.stderr, /give --session NAME or --profile NAME \(one of them\)/);
    }
    assert.equal(readFileSync(home.configFile, 'utf8'), LEGACY_CONFIG);
  } finally {
    home.cleanup();
  }
});
