// German CLI output beyond doctor's offline findings, through the built binary: the INI reader's
// sentences, refresh/export/verify failures from STS and from the profile chain, unknown profiles,
// and doctor --online. Each area is checked for concrete German text and for no English sentence
// left over; codes, commands, paths and AWS's own error text stay as they are. Needs `npm run build`.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { withTempHome, type TempHome } from '../helpers/temp-home';
import { runCli } from '../helpers/run-cli';
import { SECRET, USER1_KEY } from '../helpers/seed-profiles';
import { catalogOf, type MessageKey } from '../../src/shared/i18n';
import { cliWordsDe, cliWordsEn } from '../../src/shared/cli-words';
import { chainWordsDe, chainWordsEn } from '../../src/shared/chain-words';
import { failureWordsDe, failureWordsEn } from '../../src/shared/failure-words';
import { iniWordsDe, iniWordsEn } from '../../src/shared/ini-words';
import { onlineWordsDe, onlineWordsEn } from '../../src/shared/online-words';
import { stsWordsDe, stsWordsEn } from '../../src/shared/sts-words';
import { verifyWordsDe, verifyWordsEn } from '../../src/shared/verify-words';
import type { Finding } from '../../src/shared/profile-summary';
import { assertNoEnglish } from '../helpers/no-english';

const ROLE_ARN = 'arn:aws:iam::123456789012:role/Prod-Role';
/** A port nothing listens on: every STS call fails at once with ECONNREFUSED. */
const CLOSED_STS = 'http://127.0.0.1:1';

const CONFIG = `[profile r1]
role_arn = ${ROLE_ARN}
source_profile = user1
region = eu-west-1

[profile nosrc]
role_arn = ${ROLE_ARN}

[profile loop1]
role_arn = ${ROLE_ARN}
source_profile = loop2

[profile loop2]
role_arn = ${ROLE_ARN}
source_profile = loop1

[profile upper]
Region: eu-west-1
output = json # comment
`;
const CREDENTIALS = `[user1]\naws_access_key_id = ${USER1_KEY}\naws_secret_access_key = ${SECRET}\n`;

function env(home: TempHome, lang: string): Record<string, string> {
  return { ...home.env, SHELL: '/bin/bash', LC_ALL: '', LC_MESSAGES: '', LANG: lang, AWS_ENDPOINT_URL_STS: CLOSED_STS, AWS_DEFAULT_REGION: 'us-east-1' };
}

function home<T>(body: (home: TempHome) => T): T {
  return withTempHome({ config: CONFIG, credentials: CREDENTIALS }, body);
}

test("the INI reader's problems read in German in doctor and show, English under LANG=C and in --json", () => {
  home((h) => {
    const german = runCli(['doctor', '--offline'], env(h, 'de_DE.UTF-8'));
    assert.match(german.stdout, /\[ini-colon-delimiter\] \S+config:18: Schlüssel "region" ist mit ":" gesetzt; die AWS CLI akzeptiert das, das JS-SDK liest nur "Schlüssel = Wert"\n {4}Zu tun: Schlüssel = Wert schreiben\n/);
    assert.match(german.stdout, /\[ini-upper-case-key\] \S+config:18: Schlüssel "Region" enthält Großbuchstaben; die AWS CLI liest ihn als "region", das JS-SDK nicht\n {4}Zu tun: den Schlüssel kleinschreiben\n/);
    assert.match(german.stdout, /\[ini-inline-comment\] \S+config:19: der Wert von Schlüssel "output" enthält " #" oder " ;": .*\n {4}Zu tun: den Kommentar in eine eigene Zeile verschieben\n/);
    assert.match(german.stdout, /\[source-profile-cycle\] \S+config:11: die Quellkette loop1 → loop2 → loop1 liefert keine Anmeldeinformationen: die source_profile-Kette dreht sich im Kreis: loop2 → loop1 → loop2\n/);
    assertNoEnglish(german.stdout, 'doctor');

    const shown = runCli(['show', 'upper'], env(h, 'de_DE.UTF-8'));
    assert.match(shown.stdout, /^Profil upper \(none\)\n/);
    assert.match(shown.stdout, /\nWarnung: \S+config:18: Schlüssel "region" ist mit ":" gesetzt; .*\n {2}Lösung: Schlüssel = Wert schreiben\n/);
    assertNoEnglish(shown.stdout.split('\n').filter((line) => /^(Warnung|Fehler|Profil| {2}Lösung)/.test(line)).join('\n'), 'show');

    const english = runCli(['show', 'upper'], env(h, 'C'));
    assert.match(english.stdout, /\nwarning: \S+config:18: key "region" is set with ":"; the AWS CLI accepts it, the JS SDK only reads "key = value"\n {2}fix: write key = value\n/);
    const json = JSON.parse(runCli(['doctor', '--offline', '--json'], env(h, 'de_DE.UTF-8')).stdout) as { findings: Finding[] };
    const colon = json.findings.find((item) => item.code === 'ini-colon-delimiter');
    assert.match(colon?.message ?? '', /key "region" is set with ":"/);
    assert.equal(colon?.fix, null, 'words are no command');
    assert.equal(colon?.advice, 'write key = value');
  });
});

test('a file the AWS CLI refuses is said in German, with the fix command unchanged', () => {
  withTempHome({ config: '[profile a]\nregion = eu-west-1\n[profile a]\nregion = us-east-1\n' }, (h) => {
    const german = runCli(['doctor', '--offline'], env(h, 'de_DE.UTF-8'));
    assert.match(german.stdout, /\[ini-duplicate-section\] \S+config:3: Abschnitt \[profile a\] kommt zweimal vor \(zuerst in Zeile 1\); die AWS CLI verweigert die ganze Datei \("Unable to parse config file"\); ihre Profile sind nicht verfügbar\n {4}Zu tun: die beiden Abschnitte zu einem zusammenführen und die zweite Überschrift löschen\n/);
    const list = runCli(['list'], env(h, 'de_DE.UTF-8'));
    assert.equal(list.code, 1);
  });
});

test('refresh, export and verify failures from STS and from the profile chain are German; --json stays English', () => {
  home((h) => {
    const de = env(h, 'de_DE.UTF-8');
    const refresh = runCli(['refresh', 'r1'], de);
    assert.equal(refresh.code, 1);
    assert.equal(
      refresh.stderr,
      'rolekeeper: r1: AssumeRole von arn:aws:iam::123456789012:role/Prod-Role für Profil "r1" fehlgeschlagen: 127.0.0.1:1 ist nicht erreichbar (ECONNREFUSED)\n' +
        '  Lösung: STS bei 127.0.0.1:1 ist nicht erreichbar: AWS_ENDPOINT_URL_STS / AWS_ENDPOINT_URL / endpoint_url prüfen, dann erneut versuchen.\n',
    );
    const exported = runCli(['export', 'r1'], de);
    assert.match(exported.stderr, /^rolekeeper: AssumeRole von \S+ für Profil "r1" fehlgeschlagen: 127\.0\.0\.1:1 ist nicht erreichbar \(ECONNREFUSED\)\n {2}Lösung: STS bei/);
    const verify = runCli(['verify', 'user1'], de);
    assert.match(verify.stderr, /^rolekeeper: GetCallerIdentity für Profil "user1" fehlgeschlagen: 127\.0\.0\.1:1 ist nicht erreichbar \(ECONNREFUSED\)\n {2}Lösung: /);
    const unknown = runCli(['refresh', 'nope'], de);
    assert.match(unknown.stderr, /^rolekeeper: nope: Profil "nope" steht weder in \S+ noch in \S+\n {2}Lösung: Den Namen mit `rolekeeper list` prüfen\n$/);
    const noSource = runCli(['refresh', 'nosrc'], de);
    assert.match(noSource.stderr, /Profil "nosrc" hat role_arn, aber weder source_profile noch credential_source\n {2}Lösung: /);
    for (const [what, result] of [['refresh', refresh], ['export', exported], ['verify', verify], ['unknown', unknown], ['no source', noSource]] as const) {
      assertNoEnglish(result.stderr, what);
    }

    const json = runCli(['refresh', 'r1', '--json'], de);
    const report = JSON.parse(json.stdout) as Array<{ error: string }>;
    assert.match(report[0].error, /^AssumeRole of \S+ for profile "r1" failed: cannot reach 127\.0\.0\.1:1 \(ECONNREFUSED\)\n {2}fix: STS at 127\.0\.0\.1:1 is unreachable: /);
    const english = runCli(['refresh', 'r1'], env(h, 'C'));
    assert.match(english.stderr, /^rolekeeper: r1: AssumeRole of \S+ for profile "r1" failed: cannot reach 127\.0\.0\.1:1 \(ECONNREFUSED\)\n {2}fix: STS at 127\.0\.0\.1:1 is unreachable: check AWS_ENDPOINT_URL_STS/);
  });
});

test('doctor --online says in German that STS could not be reached, and why', () => {
  home((h) => {
    const german = runCli(['doctor', '--online'], env(h, 'de_DE.UTF-8'));
    assert.match(german.stdout, /\n {2}\[sts-unreachable\] STS war nicht erreichbar: GetCallerIdentity fehlgeschlagen: 127\.0\.0\.1:1 ist nicht erreichbar \(ECONNREFUSED\)\n {4}Zu tun: STS bei 127\.0\.0\.1:1 ist nicht erreichbar: AWS_ENDPOINT_URL_STS \/ AWS_ENDPOINT_URL \/ endpoint_url prüfen, dann erneut versuchen\.\n/);
    assertNoEnglish(german.stdout.split('\n').filter((line) => line.includes('sts-unreachable') || line.includes('STS bei')).join('\n'), 'doctor --online');
    const json = JSON.parse(runCli(['doctor', '--online', '--json'], env(h, 'de_DE.UTF-8')).stdout) as { findings: Finding[] };
    assert.equal(json.findings.find((item) => item.code === 'sts-unreachable')?.message, 'STS could not be reached: GetCallerIdentity failed: cannot reach 127.0.0.1:1 (ECONNREFUSED)');
  });
});

test('the CLI words are in both tables with German text wherever the English has words', () => {
  const tables: Array<[Record<string, string>, Record<string, string>]> = [
    [cliWordsEn(), cliWordsDe()],
    [chainWordsEn(), chainWordsDe()],
    [failureWordsEn(), failureWordsDe()],
    [iniWordsEn(), iniWordsDe()],
    [onlineWordsEn(), onlineWordsDe()],
    [stsWordsEn(), stsWordsDe()],
    [verifyWordsEn(), verifyWordsDe()],
  ];
  for (const [en, de] of tables) assert.deepEqual(Object.keys(de).sort(), Object.keys(en).sort());
  const keys = tables.flatMap(([en]) => Object.keys(en)).sort();
  const words = (text: string) => text.replace(/\{\w+\}/g, '').replace(/[^A-Za-zÄÖÜäöüß]/g, '');
  // Same in both languages on purpose: only placeholders and punctuation, or names of things.
  const sameOnPurpose = new Set(['sts.failedWith', 'online.failure', 'sso.fix.checkStartUrl.in', 'cli.show.severity.info']);
  for (const key of keys) {
    const en = catalogOf('en')[key as MessageKey];
    const de = catalogOf('de')[key as MessageKey];
    assert.ok(en && de, `${key} missing from a catalog`);
    if (words(en) !== '' && !sameOnPurpose.has(key)) assert.notEqual(de, en, `${key} is not translated`);
  }
});
