// German CLI output of the commands' own lines, through the built binary against moto: verify's
// rejected credentials (and doctor --online's finding for them), refresh, keep, status, clear-cache,
// endpoint, settings, manage, setup, exec, daemon and sso usage lines. Each is checked for concrete
// German text and for no English sentence left over; `--json` and LANG=C stay English.
// Needs `npm run build`.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { makeTempHome, type TempHome } from '../helpers/temp-home';
import { runCli, runCliAsync, type CliResult } from '../helpers/run-cli';
import { startMoto, MOTO_ACCOUNT_ID, type Moto } from '../helpers/moto';
import { startFaultProxy, type FaultProxy } from '../helpers/fault-proxy';
import { assumeRoleCacheKey } from '../../src/main/core/caches/cli-cache-key';
import { SECRET, TOKEN, USER1_KEY } from '../helpers/seed-profiles';
import { assertNoEnglish } from '../helpers/no-english';
import { catalogOf, type MessageKey } from '../../src/shared/i18n';
import { cliCommandWordsDe, cliCommandWordsEn } from '../../src/shared/cli-command-words';
import type { Finding } from '../../src/shared/profile-summary';

const ROLE_ARN = `arn:aws:iam::${MOTO_ACCOUNT_ID}:role/Prod-Role`;
const CACHED_KEY = 'ASIACACHEDEXAMPLE7';
const EXPIRED = 'The security token included in the request is expired';

const CONFIG = `[profile r1]
role_arn = ${ROLE_ARN}
source_profile = user1
region = eu-west-1
`;
const CREDENTIALS = `[user1]\naws_access_key_id = ${USER1_KEY}\naws_secret_access_key = ${SECRET}\n`;

let moto: Moto;
let proxy: FaultProxy;
before(async () => {
  moto = await startMoto();
  proxy = await startFaultProxy(moto.url);
});
after(async () => {
  await proxy?.stop();
  await moto?.stop();
});

function env(home: TempHome, lang: string): Record<string, string> {
  return { ...home.env, SHELL: '/bin/bash', LC_ALL: '', LC_MESSAGES: '', LANG: lang, AWS_ENDPOINT_URL_STS: proxy.url, AWS_DEFAULT_REGION: 'us-east-1', AWS_MAX_ATTEMPTS: '1' };
}

function assertNoSecret(...results: CliResult[]): void {
  for (const result of results) {
    for (const secret of [SECRET, TOKEN, USER1_KEY, CACHED_KEY]) {
      assert.ok(!result.stdout.includes(secret) && !result.stderr.includes(secret), `output holds ${secret.slice(0, 4)}…`);
    }
  }
}

async function inHome(body: (home: TempHome) => Promise<void> | void): Promise<void> {
  const home = makeTempHome({ config: CONFIG, credentials: CREDENTIALS });
  try {
    await body(home);
  } finally {
    proxy.setFault({ type: 'pass' });
    home.cleanup();
  }
}

function cacheEntry(): string {
  return JSON.stringify({
    Credentials: { AccessKeyId: CACHED_KEY, SecretAccessKey: SECRET, SessionToken: TOKEN, Expiration: new Date(Date.now() + 50 * 60_000).toISOString() },
    AssumedRoleUser: { AssumedRoleId: 'AROA:s', Arn: `arn:aws:sts::${MOTO_ACCOUNT_ID}:assumed-role/Prod-Role/s` },
  });
}

test('verify says in German which credentials STS rejected and what fixes it; --json and LANG=C stay English', async () => {
  await inHome(async (home) => {
    proxy.setFault({ type: 'sts-error', status: 403, code: 'ExpiredToken', message: EXPIRED });
    const german = await runCliAsync(['verify', 'user1'], env(home, 'de_DE.UTF-8'));
    assert.equal(german.code, 1);
    assert.equal(german.stdout, '');
    const [message, fix, ...rest] = german.stderr.trimEnd().split('\n');
    assert.deepEqual(rest, []);
    assert.match(
      message,
      /^rolekeeper: GetCallerIdentity für Profil "user1" fehlgeschlagen: ExpiredToken: The security token included in the request is expired; abgelehnt: \S+credentials:2 \(Schlüssel \S+\); damit signiert `aws --profile user1`$/,
    );
    assert.match(fix, /^ {2}Lösung: die Schlüssel von \[user1\] in \S+credentials:2 durch ein aktives Zugriffsschlüsselpaar ersetzen \(IAM-Konsole → Sicherheitsanmeldeinformationen\)$/);
    assertNoEnglish(german.stderr, 'verify', [EXPIRED]);

    const english = await runCliAsync(['verify', 'user1'], env(home, 'C'));
    assert.match(english.stderr, /; rejected: \S+credentials:2 \(key \S+\), which `aws --profile user1` signs with\n {2}fix: replace the keys of \[user1\] at \S+credentials:2 with an active access key pair/);
    assertNoSecret(german, english);
  });
});

test("doctor --online's finding for a rejected cache entry is German, its --json English", async () => {
  await inHome(async (home) => {
    const entry = home.write(`.aws/cli/cache/${assumeRoleCacheKey({ roleArn: ROLE_ARN })}.json`, cacheEntry());
    proxy.setFaultForKey(CACHED_KEY, { type: 'sts-error', status: 400, code: 'ExpiredToken', message: EXPIRED });
    try {
      const german = await runCliAsync(['doctor', '--online'], env(home, 'de_DE.UTF-8'));
      assert.equal(german.code, 1, german.stdout + german.stderr);
      const lines = german.stdout.split('\n');
      const at = lines.findIndex((line) => line.includes('[sts-expired-source]'));
      assert.ok(at >= 0, german.stdout);
      assert.equal(
        lines[at].replace(/ bis \S+$/, ' bis ZEIT'),
        `  [sts-expired-source] Profil "r1" (Eintrag im AWS-CLI-Cache ${entry}): GetCallerIdentity für Profil "r1" fehlgeschlagen: ExpiredToken: ${EXPIRED}; ` +
          `abgelehnt: der Eintrag ${entry} im AWS-CLI-Cache (Schlüssel ${lines[at].match(/\(Schlüssel (\S+)\)/)?.[1]}); damit signiert \`aws --profile r1\` bis ZEIT`,
      );
      assert.equal(lines[at + 1], '    Lösung: rolekeeper refresh r1 (oder rolekeeper clear-cache r1; danach übernimmt die AWS CLI die Rolle bei ihrem nächsten Aufruf selbst)');
      assertNoEnglish(lines.slice(at, at + 2).join('\n'), 'doctor --online', [EXPIRED]);

      const json = JSON.parse((await runCliAsync(['doctor', '--online', '--json'], env(home, 'de_DE.UTF-8'))).stdout) as { findings: Finding[] };
      const rejected = json.findings.find((item) => item.code === 'sts-expired-source');
      assert.match(rejected?.message ?? '', /; rejected: the AWS CLI cache entry \S+ \(key \S+\), which `aws --profile r1` signs with until /);
      assert.match(rejected?.fix ?? '', /^rolekeeper refresh r1 \(or rolekeeper clear-cache r1, after which the AWS CLI assumes the role itself/);
      assertNoSecret(german);
    } finally {
      proxy.setFaultForKey(CACHED_KEY, { type: 'pass' });
    }
  });
});

test('refresh says what it did in German: dry run, refreshed, still valid, a session too short; --json stays English', async () => {
  await inHome(async (home) => {
    const de = env(home, 'de_DE.UTF-8');
    const dry = await runCliAsync(['refresh', 'r1', '--dry-run'], de);
    assert.match(dry.stdout, /^r1: würde \S+\/\.aws\/cli\/cache\/\S+\.json schreiben\n/);
    const refreshed = await runCliAsync(['refresh', 'r1'], de);
    assert.equal(refreshed.code, 0, refreshed.stderr);
    assert.match(refreshed.stdout, /^r1: erneuert, gültig bis \d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ \(\d+m \d\ds\)\n {2}cli-cache: /);
    const still = await runCliAsync(['refresh', 'r1', '--min-valid', '10m'], de);
    assert.match(still.stdout, /^r1: noch gültig bis \S+ \(\d+m \d\ds\); nicht erneuert\n$/);
    const short = await runCliAsync(['refresh', 'r1', '--min-valid', '2h'], de);
    assert.equal(short.code, 1);
    assert.match(
      short.stderr,
      /^rolekeeper: r1: Profil "r1" wurde erneuert, aber seine Sitzungen dauern nur \d+m \d\ds, weniger als die verlangten 2h 00m\n {2}Lösung: duration_seconds von "r1" erhöhen \(bis zur MaxSessionDuration der Rolle; verkettete Rollen sind auf 1 Stunde begrenzt\) oder weniger verlangen\n$/,
    );
    for (const [what, result] of [['dry run', dry], ['refreshed', refreshed], ['still', still], ['too short', short]] as const) {
      assertNoEnglish(result.stdout + result.stderr, `refresh ${what}`);
    }
    const json = JSON.parse((await runCliAsync(['refresh', 'r1', '--min-valid', '2h', '--json'], de)).stdout) as Array<{ error: string }>;
    assert.match(json[0].error, /^Profile "r1" was refreshed, but its sessions last only \S+ \S+, less than the 2h 00m asked for\n {2}fix: Raise duration_seconds/);
    const english = await runCliAsync(['refresh', 'r1'], env(home, 'C'));
    assert.match(english.stdout, /^r1: refreshed, valid until \S+ \(\d+m \d\ds\)\n/);
    assertNoSecret(dry, refreshed, still, short, english);
  });
});

test('keep, unkeep, status, clear-cache and endpoint rotate speak German', async () => {
  await inHome((home) => {
    const de = env(home, 'de_DE.UTF-8');
    const keep = runCli(['keep', 'r1'], de);
    assert.equal(
      keep.stdout,
      'frisch gehalten: r1\n' +
        'noch läuft nichts, das sie frisch hält: starte einen mit `rolekeeper daemon` (oder der Tray-App) oder bei jeder Anmeldung mit `rolekeeper setup daemon`\n',
    );
    const wrongType = runCli(['keep', 'user1'], de);
    assert.equal(wrongType.stderr, 'rolekeeper: Profil "user1" ist vom Typ static: nur Rollen- und SSO-Profile können frisch gehalten werden (siehe `rolekeeper manage`)\n');
    const status = runCli(['status'], de);
    assert.match(status.stdout, /^läuft: nichts, das Profile frisch hält; starte einen mit /);
    assert.match(status.stdout, /\nfrisch gehalten:\n {2}r1: keine gültigen Anmeldeinformationen vorhanden; wird erst erneuert, wenn etwas läuft\n$/);
    const unkeep = runCli(['unkeep', 'r1'], de);
    assert.equal(unkeep.stdout, 'kein Profil wird frisch gehalten\n');
    const clearNothing = runCli(['clear-cache', 'r1'], de);
    assert.match(clearNothing.stdout, /^nichts zu löschen in \S+\n$/);
    const clearUsage = runCli(['clear-cache'], de);
    assert.deepEqual([clearUsage.code, clearUsage.stderr], [2, 'rolekeeper: PROFILE-Namen oder --all angeben\n']);
    const clearStatic = runCli(['clear-cache', 'user1'], de);
    assert.equal(clearStatic.stderr, 'rolekeeper: Profil "user1" (Typ static) hat keinen Eintrag im AWS-CLI-Cache\n');
    const rotate = runCli(['endpoint', 'rotate'], de);
    assert.equal(rotate.stdout, 'kein Profil hat ein Endpunkt-Token\nin Shells, die das alte Token exportiert haben, `rolekeeper export PROFILE --via-endpoint` erneut ausführen\n');
    const rotateOne = runCli(['endpoint', 'rotate', 'r1'], de);
    assert.equal(rotateOne.stderr, 'rolekeeper: Profil "r1" hat kein Endpunkt-Token; `rolekeeper export r1 --via-endpoint` stellt eines aus\n');
    const results = { keep, wrongType, status, unkeep, clearNothing, clearUsage, clearStatic, rotate, rotateOne };
    for (const [what, result] of Object.entries(results)) assertNoEnglish(result.stdout + result.stderr, what);

    const english = runCli(['keep', 'r1'], env(home, 'C'));
    assert.match(english.stdout, /^kept fresh: r1\nnothing runs that keeps them fresh yet: start one with `rolekeeper daemon`/);
    const json = JSON.parse(runCli(['status', '--json'], de).stdout) as { kept: Array<{ profile: string }> };
    assert.deepEqual(json.kept.map((kept) => kept.profile), ['r1']);
  });
});

test('settings, manage, unmanage, setup, exec, daemon and sso say their lines and refusals in German', async () => {
  await inHome(async (home) => {
    const de = env(home, 'de_DE.UTF-8');
    const settings = runCli(['settings'], de);
    assert.match(settings.stdout, /^Erneuerungsvorlauf {8}20m 00s vor Ablauf\nBenachrichtigungsvorlauf {2}10m 00s vor Ablauf\nMFA-Sitzung {15}aus \(ein Code pro Rollensitzung\)\nEndpunkt-Port {13}auto \(Port \d+ dieses Benutzers oder der des letzten Endpunkts\)\n$/);
    const lead = runCli(['settings', '--lead', '1s'], de);
    assert.deepEqual([lead.code, lead.stderr], [2, 'rolekeeper: --lead muss zwischen 1m 00s und 12h 00m liegen\n']);
    const badArn = runCli(['manage', 'm1', '--role-arn', 'bad', '--source-profile', 'user1'], de);
    assert.deepEqual([badArn.code, badArn.stderr], [2, 'rolekeeper: --role-arn "bad" ist kein ARN einer IAM-Rolle (arn:aws:iam::<account>:role/<name>)\n']);
    const longTerm = runCli(['manage', 'user1', '--role-arn', ROLE_ARN, '--source-profile', 'r1'], de);
    assert.match(longTerm.stderr, /^rolekeeper: Profil "user1" enthält langfristige Zugriffsschlüssel \(\S+credentials:2\); es zu verwalten würde sie endgültig überschreiben\. Verwalte stattdessen einen neuen Profilnamen, mit diesem als --source-profile\n$/);
    const isRole = runCli(['manage', 'r1', '--role-arn', ROLE_ARN, '--source-profile', 'user1'], de);
    assert.equal(isRole.stderr, 'rolekeeper: Profil "r1" übernimmt schon über die AWS CLI eine Rolle; mit `rolekeeper keep r1` frisch halten\n');
    const managed = await runCliAsync(['manage', 'm1', '--role-arn', ROLE_ARN, '--source-profile', 'user1'], de);
    assert.equal(managed.code, 0, managed.stderr);
    assert.match(managed.stdout, /^m1: verwaltet; Schlüssel erneuert, gültig bis \S+ \(\d+m \d\ds\)\n/);
    const unmanaged = runCli(['unmanage', 'm1'], de);
    assert.equal(unmanaged.stdout, 'm1: nicht mehr verwaltet; seine Schlüssel in der Datei bleiben, wie sie sind\n');
    const notManaged = runCli(['unmanage', 'm1'], de);
    assert.equal(notManaged.stderr, 'rolekeeper: Profil "m1" wird nicht von Rolekeeper verwaltet\n');
    const setupType = runCli(['setup', 'credential-process', 'user1'], de);
    assert.equal(setupType.stderr, 'rolekeeper: Profil "user1" ist vom Typ static: nur Rollen-, SSO- und verwaltete Profile lassen sich so bereitstellen (siehe `rolekeeper manage`)\n');
    const setupAs = runCli(['setup', 'credential-process', 'r1', '--as', 'r1'], de);
    assert.deepEqual([setupAs.code, setupAs.stderr], [2, 'rolekeeper: --as muss ein neues Profil nennen, nicht PROFILE selbst\n']);
    const execUsage = runCli(['exec', 'r1', '--min-valid', '5m', '--', 'true'], de);
    assert.deepEqual([execUsage.code, execUsage.stderr], [2, 'rolekeeper: --min-valid gibt es nur zusammen mit --env\n']);
    const execMissing = await runCliAsync(['exec', 'r1', '--', 'rolekeeper-no-such-command'], de);
    // The first exec adds the endpoint profile to the config file and says so, in German too.
    assert.equal(execMissing.code, 127);
    assert.match(execMissing.stderr, /^rolekeeper: leeres \[profile rolekeeper-endpoint\] zu \S+ hinzugefügt \(einmalig, Sicherung angelegt\): .*\nrolekeeper: rolekeeper-no-such-command: Befehl nicht gefunden\n$/);
    const daemon = runCli(['daemon', '--no-endpoint', '--endpoint-port', '5'], de);
    assert.deepEqual([daemon.code, daemon.stderr], [2, 'rolekeeper: --endpoint-port und --no-endpoint schließen sich aus\n']);
    const sso = runCli(['sso', 'login', 'r1', '--session', 'x'], de);
    assert.deepEqual([sso.code, sso.stderr], [2, 'rolekeeper: PROFILE oder --session angeben, nicht beides\n']);
    const mfa = runCli(['refresh', 'r1', '--mfa-code', '12'], de);
    assert.deepEqual([mfa.code, mfa.stderr], [2, 'rolekeeper: --mfa-code erwartet die 6 Ziffern, die dein MFA-Gerät anzeigt\n']);
    const duration = runCli(['refresh', 'r1', '--min-valid', 'xx'], de);
    assert.deepEqual([duration.code, duration.stderr], [2, 'rolekeeper: --min-valid: "xx" ist keine Dauer: Formen wie 45m, 14m30s, 1h oder eine Anzahl Sekunden verwenden\n']);
    const badName = runCli(['manage', 'a]', '--role-arn', ROLE_ARN, '--source-profile', 'user1'], de);
    assert.deepEqual([badName.code, badName.stderr], [2, 'rolekeeper: Profilname "a]": ein Profilname darf weder [ noch ] enthalten\n']);
    const results = { settings, lead, duration, badName, badArn, longTerm, isRole, managed, unmanaged, notManaged, setupType, setupAs, execUsage, execMissing, daemon, sso, mfa };
    for (const [what, result] of Object.entries(results)) assertNoEnglish(result.stdout + result.stderr, what);
    assertNoSecret(...Object.values(results));

    const english = runCli(['settings'], env(home, 'C'));
    assert.match(english.stdout, /^refresh lead {8}20m 00s before expiry\nnotify lead {9}10m 00s before expiry\nMFA session {9}off \(a code per role session\)\n/);
  });
});

test("export's refusals and list's lines about a file the AWS CLI refuses speak German (warm path and full program alike)", () => {
  const home = makeTempHome({ config: '\uFEFF[profile a]\nregion = eu-west-1\n' });
  try {
    const de = env(home, 'de_DE.UTF-8');
    const refused = runCli(['list'], de);
    assert.equal(refused.code, 1);
    assert.match(refused.stderr, /die Datei beginnt mit einer UTF-8-Bytereihenfolgemarke \(BOM\)/);
    assert.match(refused.stderr, /\n {2}Lösung: .* als UTF-8 ohne Bytereihenfolgemarke speichern/);
    assertNoEnglish(refused.stderr, 'list', ['Unable to parse config file']);
    const cases: Array<[string[], RegExp]> = [
      [['export', 'a', '--shell', 'tcsh'], /--shell muss eines von bash, zsh, fish, powershell, cmd, json sein/],
      [['export', '--unset', '--shell', 'json'], /json hat keine: wähle mit --shell eine Shell/],
      [['export', '--unset', 'a'], /--unset nimmt kein PROFIL und kein --via-endpoint/],
      [['export', '--shell', 'bash'], /gib ein PROFIL zum Exportieren an, oder --unset/],
    ];
    for (const [args, expected] of cases) {
      const result = runCli(args, de);
      assert.equal(result.code, 2, args.join(' '));
      assert.match(result.stderr, expected, args.join(' '));
      assertNoEnglish(result.stderr, args.join(' '));
    }
    const english = runCli(['export', 'a', '--shell', 'tcsh'], env(home, 'C.UTF-8'));
    assert.match(english.stderr, /--shell must be one of bash/);
  } finally {
    home.cleanup();
  }
});

test("list's line under the table about a broken profile speaks German; --json keeps the English error", () => {
  const home = makeTempHome({ config: '[profile top]\nrole_arn = arn:aws:iam::123456789012:role/T\nsource_profile = gone\n' });
  try {
    const german = runCli(['list'], env(home, 'de_DE.UTF-8'));
    const line = german.stdout.split('\n').find((text) => text.startsWith('top: '));
    assert.ok(line, german.stdout);
    assert.match(line, /das im Profil "top" angegebene source_profile "gone" existiert nicht/);
    assertNoEnglish(line, 'list error line');
    const json = runCli(['list', '--json'], env(home, 'de_DE.UTF-8'));
    const rows = JSON.parse(json.stdout) as Array<{ name: string; error: string | null }>;
    assert.match(rows.find((row) => row.name === 'top')?.error ?? '', /does not exist/);
  } finally {
    home.cleanup();
  }
});

test("the commands' words are in both tables, German wherever the English has words", () => {
  const keys = Object.keys(cliCommandWordsEn()).sort();
  assert.deepEqual(Object.keys(cliCommandWordsDe()).sort(), keys);
  const placeholders = (text: string) => (text.match(/\{\w+\}/g) ?? []).sort();
  for (const key of keys) {
    const en = catalogOf('en')[key as MessageKey];
    const de = catalogOf('de')[key as MessageKey];
    assert.ok(en && de, `${key} missing from a catalog`);
    assert.notEqual(de, en, `${key} is not translated`);
    assert.deepEqual(placeholders(de), placeholders(en), `${key}: German and English take the same placeholders`);
  }
});
