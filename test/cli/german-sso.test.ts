// German IAM Identity Center sentences through the built CLI against the SSO stand-in: `sso status`
// (signed out, a legacy sign-in that is never renewed, a registration that ended), an expired token
// on `refresh` and `export`, a device sign-in nobody approved, `sso populate --template`, a missing
// or incomplete `[sso-session]`. Concrete German and no English sentence of ours; LANG=C and
// `--json` stay English. Needs `npm run build`.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { makeTempHome, type TempHome } from '../helpers/temp-home';
import { runCliAsync, type CliResult } from '../helpers/run-cli';
import { startSsoStandIn, standInEnv, type SsoStandIn } from '../helpers/sso-stand-in';
import { assertNoEnglish } from '../helpers/no-english';
import { writeSsoTokenFile } from '../../src/main/core/sso/sso-token-file';

const LEGACY_URL = 'https://legacy.awsapps.com/start';
const CONFIG = `[profile prod-ro]
sso_session = corp
sso_account_id = 111111111111
sso_role_name = ReadOnly

[profile legacy]
sso_start_url = ${LEGACY_URL}
sso_region = us-east-1
sso_account_id = 111111111111
sso_role_name = ReadOnly

[profile contractor-dev]
sso_session = contractor
sso_account_id = 222222222222
sso_role_name = Developer

[profile broken]
sso_session = missing
sso_account_id = 222222222222
sso_role_name = Developer

[sso-session corp]
sso_start_url = https://d-1234567890.awsapps.com/start
sso_region = us-east-1

[sso-session contractor]
sso_start_url = https://contractor.awsapps.com/start
sso_region = eu-west-1

[sso-session half]
sso_start_url = https://half.awsapps.com/start
`;
const HOUR = 3600_000;
const SECRETS = ['tok-legacy', 'tok-contractor', 'csecret-contractor', 'rtok-contractor'];
/** Times written into the token files, so assertions can name them. */
const NOW = Math.floor(Date.now() / 1000) * 1000;
const LEGACY_ENDS = new Date(NOW + 2 * HOUR).toISOString();
const CONTRACTOR_ENDED = new Date(NOW - HOUR).toISOString();
const REGISTRATION_ENDED = new Date(NOW - HOUR / 2).toISOString();

let standIn: SsoStandIn;
before(async () => {
  standIn = await startSsoStandIn();
});
after(() => standIn.close());

/** corp: never signed in; legacy: a valid token without a refresh token; contractor: expired, its registration ended. */
async function withHome(body: (home: TempHome) => Promise<void>): Promise<void> {
  const home = makeTempHome({ config: CONFIG, env: standInEnv(standIn) });
  const cache = join(home.home, '.aws', 'sso', 'cache');
  const none = { clientId: null, clientSecret: null, registrationExpiresAt: null, refreshToken: null };
  await writeSsoTokenFile(cache, { startUrl: LEGACY_URL }, { startUrl: LEGACY_URL, region: 'us-east-1', accessToken: 'tok-legacy', expiresAt: new Date(LEGACY_ENDS), ...none });
  await writeSsoTokenFile(cache, { ssoSession: 'contractor' }, {
    startUrl: 'https://contractor.awsapps.com/start',
    region: 'eu-west-1',
    accessToken: 'tok-contractor',
    expiresAt: new Date(CONTRACTOR_ENDED),
    clientId: 'cid-contractor',
    clientSecret: 'csecret-contractor',
    registrationExpiresAt: new Date(REGISTRATION_ENDED),
    refreshToken: 'rtok-contractor',
  });
  try {
    await body(home);
  } finally {
    home.cleanup();
  }
}

function env(home: TempHome, lang: string): Record<string, string> {
  return { ...home.env, LC_ALL: '', LC_MESSAGES: '', LANG: lang, BROWSER: '' };
}

function assertNoSecret(...results: CliResult[]): void {
  for (const result of results) {
    for (const secret of SECRETS) assert.ok(!result.stdout.includes(secret) && !result.stderr.includes(secret), `output holds ${secret}`);
  }
}

test('sso status says each sign-in’s state and why it cannot renew in German; LANG=C and --json stay English', async () => {
  await withHome(async (home) => {
    const de = await runCliAsync(['sso', 'status'], env(home, 'de_DE.UTF-8'));
    assert.equal(de.code, 1, de.stderr);
    const lines = de.stdout.trimEnd().split('\n');
    assert.deepEqual(lines, [
      'sso-session corp: abgemeldet (nicht angemeldet); Lösung: rolekeeper sso login --session corp',
      `${LEGACY_URL}: angemeldet bis ${LEGACY_ENDS} (ältere Anmeldungen mit sso_start_url werden nie erneuert (nutze eine [sso-session]))`,
      `sso-session contractor: Anmeldung beendet seit ${CONTRACTOR_ENDED} (die Client-Registrierung ist am ${REGISTRATION_ENDED} abgelaufen); Lösung: rolekeeper sso login --session contractor`,
    ]);
    assertNoEnglish(de.stdout, 'sso status');

    const c = await runCliAsync(['sso', 'status'], env(home, 'C'));
    assert.deepEqual(c.stdout.trimEnd().split('\n'), [
      'sso-session corp: signed-out (not signed in); fix: rolekeeper sso login --session corp',
      `${LEGACY_URL}: valid until ${LEGACY_ENDS} (legacy sso_start_url sign-ins are never renewed (use an [sso-session]))`,
      `sso-session contractor: expired at ${CONTRACTOR_ENDED} (the client registration ended at ${REGISTRATION_ENDED}); fix: rolekeeper sso login --session contractor`,
    ]);

    const json = await runCliAsync(['sso', 'status', '--json'], env(home, 'de_DE.UTF-8'));
    const states = JSON.parse(json.stdout) as Array<Record<string, unknown>>;
    assert.deepEqual(states.map((state) => [state.status, state.notRenewableBecause]), [
      ['signed-out', 'not signed in'],
      ['valid', 'legacy sso_start_url sign-ins are never renewed (use an [sso-session])'],
      ['expired', `the client registration ended at ${REGISTRATION_ENDED}`],
    ]);
    assert.ok(states.every((state) => !('notRenewableWording' in state)), '--json keeps its English shape');

    // list's SSO table says how to sign in, in the reader's language.
    const listed = await runCliAsync(['list'], env(home, 'de_DE.UTF-8'));
    assert.match(listed.stdout, /\ncorp: anmelden mit rolekeeper sso login --session corp\n/);
    const listedC = await runCliAsync(['list'], env(home, 'C'));
    assert.match(listedC.stdout, /\ncorp: sign in with rolekeeper sso login --session corp\n/);
    assertNoSecret(de, c, json, listed, listedC);
  });
});

test('an expired token that cannot renew, and no token at all, fail refresh and export in German with the sign-in command', async () => {
  await withHome(async (home) => {
    const de = env(home, 'de_DE.UTF-8');
    const refresh = await runCliAsync(['refresh', 'contractor-dev'], de);
    assert.equal(refresh.code, 1);
    assert.equal(
      refresh.stderr,
      `rolekeeper: contractor-dev: Das SSO-Token für SSO-Sitzung "contractor" ist am ${CONTRACTOR_ENDED} abgelaufen und lässt sich nicht erneuern: die Client-Registrierung ist am ${REGISTRATION_ENDED} abgelaufen\n  Lösung: rolekeeper sso login --session contractor\n`,
    );
    const exported = await runCliAsync(['export', 'contractor-dev'], de);
    assert.equal(exported.code, 1);
    assert.match(exported.stderr, /Das SSO-Token für SSO-Sitzung "contractor" ist am \S+ abgelaufen und lässt sich nicht erneuern/);
    assert.equal(exported.stdout, '');
    const signedOut = await runCliAsync(['refresh', 'prod-ro'], de);
    assert.match(signedOut.stderr, /^rolekeeper: prod-ro: Kein SSO-Token für SSO-Sitzung "corp" \(\S+\.json gibt es nicht\)\n {2}Lösung: rolekeeper sso login --session corp\n$/);
    for (const [result, what] of [[refresh, 'refresh'], [exported, 'export'], [signedOut, 'refresh signed out']] as const) assertNoEnglish(result.stderr, what);

    const c = await runCliAsync(['refresh', 'contractor-dev'], env(home, 'C'));
    assert.match(c.stderr, /The SSO token of SSO session "contractor" expired at \S+ and cannot be renewed: the client registration ended at /);
    assert.match(c.stderr, /\n {2}fix: rolekeeper sso login --session contractor\n$/);
    assertNoSecret(refresh, exported, signedOut, c);
  });
});

test('a device sign-in nobody approved in time fails in German; in English it keeps its words', async () => {
  await withHome(async (home) => {
    standIn.failNext('CreateToken', 400, 'ExpiredTokenException');
    const de = await runCliAsync(['sso', 'login', '--session', 'corp', '--use-device-code'], env(home, 'de_DE.UTF-8'));
    assert.equal(de.code, 1);
    assert.equal(
      de.stderr,
      'rolekeeper: Die ausstehende Autorisierung für ein SSO-Token ist abgelaufen: niemand hat den Code rechtzeitig bestätigt\n  Lösung: Die Anmeldung neu starten und den Code im Browser bestätigen\n',
    );
    assertNoEnglish(de.stderr, 'sso login');
    standIn.failNext('CreateToken', 400, 'ExpiredTokenException');
    const c = await runCliAsync(['sso', 'login', '--session', 'corp', '--use-device-code'], env(home, 'C'));
    assert.match(c.stderr, /The pending authorization to retrieve an SSO token has expired: nobody approved the code in time\n {2}fix: Run the sign-in again/);
  });
});

test('a missing or incomplete [sso-session], an unknown profile and a bad --template are German; English keeps botocore’s words', async () => {
  await withHome(async (home) => {
    const de = env(home, 'de_DE.UTF-8');
    const missing = await runCliAsync(['sso', 'login', 'broken'], de);
    assert.equal(missing.code, 1);
    assert.match(missing.stderr, /^rolekeeper: Die angegebene sso-session gibt es nicht: "missing"\n {2}Lösung: \[sso-session missing\] mit sso_start_url und sso_region in \S+config anlegen\n$/);
    const half = await runCliAsync(['sso', 'login', '--session', 'half'], de);
    assert.match(half.stderr, /^rolekeeper: In der sso-session "half" fehlen nötige Einstellungen: sso_region\n {2}Lösung: sso_region in \S+config zu \[sso-session half\] hinzufügen\n$/);
    const unknown = await runCliAsync(['sso', 'login', 'nope'], de);
    assert.match(unknown.stderr, /^rolekeeper: Profil "nope" steht nicht in \S+config\n {2}Lösung: Den Namen mit `rolekeeper list` prüfen oder --session NAME angeben\n$/);
    const template = await runCliAsync(['sso', 'populate', '--session', 'corp', '--template', '{acount}'], de);
    assert.equal(template.code, 2);
    assert.equal(template.stderr, 'rolekeeper: --template: unbekanntes Feld {acount} in der Vorlage; erlaubt sind {account_name}, {account_id}, {role_name}, {email}, {session}\n');
    for (const [result, what] of [[missing, 'missing session'], [half, 'incomplete session'], [unknown, 'unknown profile'], [template, '--template']] as const) assertNoEnglish(result.stderr, what);

    const c = env(home, 'C');
    assert.match((await runCliAsync(['sso', 'login', 'broken'], c)).stderr, /^rolekeeper: The specified sso-session does not exist: "missing"\n/);
    assert.match((await runCliAsync(['sso', 'login', '--session', 'half'], c)).stderr, /^rolekeeper: The sso-session "half" is missing required configuration: sso_region\n {2}fix: Add sso_region to \[sso-session half\]/);
    assert.match((await runCliAsync(['sso', 'populate', '--session', 'corp', '--template', '{acount}'], c)).stderr, /--template: unknown field \{acount\} in the template; use \{account_name\}/);
  });
});
