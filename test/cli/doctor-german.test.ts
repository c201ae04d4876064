// `rolekeeper doctor` in German through the built CLI, on the seed's files with every cause the
// seed article names: German sentences under LANG=de_DE.UTF-8, English under LANG=C, and `--json`
// the same (English, same codes) in both. Needs `npm run build` first.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { withTempHome, type TempHome } from '../helpers/temp-home';
import { runCli } from '../helpers/run-cli';
import { PASTED_KEY, SECRET, SEED_CREDENTIALS, TOKEN, USER1_KEY, seedConfig } from '../helpers/seed-profiles';
import { assumeRoleCacheKey } from '../../src/main/core/caches/cli-cache-key';
import type { Finding } from '../../src/shared/profile-summary';
import { clockSkewReport } from '../../src/main/core/sts/clock-skew';
import { clockSkewWords } from '../../src/main/core/doctor/doctor-online';
import { english, say, translator } from '../../src/shared/i18n';

const ROLE_ARN = 'arn:aws:iam::123456789012:role/Prod-Role';
const ENV_KEY = 'ASIAENVEXAMPLE0001';
const STALE_SECURITY_TOKEN = 'IQoJb3JpZ2luX2VjSTALESECURITYTOKEN';
const CACHED_KEY = 'ASIACACHEDEXAMPLE7';

/** The seed's files plus a role whose source_profile is misspelt and an SSO profile never signed in. */
const CONFIG = `${seedConfig({ roleArn: ROLE_ARN, pastedExpiresAt: '2021-03-04T05:06:07Z' })}
[profile misspelt]
role_arn = arn:aws:iam::123456789012:role/Other-Role
source_profile = usr1

[profile sso-dev]
sso_start_url = https://example.awsapps.com/start
sso_region = eu-west-1
sso_account_id = 123456789012
sso_role_name = Developer
region = eu-west-1
`;

function cacheEntry(expiration: string, roleName: string): string {
  return JSON.stringify({
    Credentials: { AccessKeyId: CACHED_KEY, SecretAccessKey: SECRET, SessionToken: TOKEN, Expiration: expiration },
    AssumedRoleUser: { AssumedRoleId: 'AROA:s', Arn: `arn:aws:sts::123456789012:assumed-role/${roleName}/s` },
  });
}

/** A shell that exported keys (now expired) over AWS_PROFILE, a stale AWS_SECURITY_TOKEN and an endpoint URL whose daemon is gone. */
function messyShell(home: TempHome, language: Record<string, string>): Record<string, string> {
  return {
    ...home.env,
    SHELL: '/bin/bash',
    LC_ALL: '',
    LC_MESSAGES: '',
    ...language,
    AWS_PROFILE: 'project1',
    AWS_ACCESS_KEY_ID: ENV_KEY,
    AWS_SECRET_ACCESS_KEY: SECRET,
    AWS_SESSION_TOKEN: TOKEN,
    AWS_SECURITY_TOKEN: STALE_SECURITY_TOKEN,
    AWS_CREDENTIAL_EXPIRATION: '2021-01-01T00:00:00Z',
    AWS_CONTAINER_CREDENTIALS_FULL_URI: 'http://127.0.0.1:1/v1/credentials/project1',
    AWS_CONTAINER_AUTHORIZATION_TOKEN: 'not-a-real-endpoint-token',
  };
}

function seedWithCaches<T>(body: (home: TempHome) => T): T {
  return withTempHome({ config: CONFIG, credentials: SEED_CREDENTIALS }, (home) => {
    home.write(`.aws/cli/cache/${assumeRoleCacheKey({ roleArn: ROLE_ARN })}.json`, cacheEntry('2021-05-06T07:08:09Z', 'Prod-Role'));
    home.write('.aws/cli/cache/0123456789abcdef0123456789abcdef01234567.json', '{"Credentials": {"AccessKeyId"');
    home.write('.aws/cli/cache/fedcba9876543210fedcba9876543210fedcba98.json', cacheEntry('2021-02-03T04:05:06Z', 'Gone-Role'));
    return body(home);
  });
}

function assertNoSecrets(text: string): void {
  for (const secret of [SECRET, TOKEN, USER1_KEY, PASTED_KEY, ENV_KEY, STALE_SECURITY_TOKEN, CACHED_KEY]) {
    assert.ok(!text.includes(secret), `output holds ${secret.slice(0, 4)}…`);
  }
}

/** Per code: what the finding says in German and in English (a line of `doctor`'s text output). */
const SEED_FINDINGS: Array<{ code: string; german: RegExp; english: RegExp }> = [
  {
    code: 'session-keys-expired',
    german: /\[session-keys-expired\] Profil "pasted": seine Sitzungsschlüssel \(\*+\w{4}\) sind am 2021-03-04T05:06:07Z abgelaufen \(x_security_token_expires in .*config:\d+\); jeder Aufruf damit scheitert mit ExpiredToken\n {4}Zu tun: Rolekeeper die Schlüssel mit denen von "user1" erneuern lassen, mit dem Befehl unter „Lösung" \(ACCOUNT und NAME: die Rolle, von der diese Schlüssel stammen\), oder frische Schlüssel über \S*config Zeilen \d+, \d+, \d+ einfügen\n {4}Lösung: rolekeeper manage pasted --role-arn arn:aws:iam::ACCOUNT:role\/NAME --source-profile user1\n/,
    english: /\[session-keys-expired\] profile "pasted": its session keys \(\*+\w{4}\) expired at 2021-03-04T05:06:07Z .*\n {4}to do: let Rolekeeper renew them from "user1"'s keys/,
  },
  {
    code: 'env-credentials-shadow-profiles',
    german: /\[env-credentials-shadow-profiles\] AWS_ACCESS_KEY_ID \(\*+\w{4}\) und AWS_SECRET_ACCESS_KEY sind gesetzt: die AWS CLI und jedes SDK verwenden sie statt eines Profils, AWS_PROFILE=project1 wählt nur Region und Einstellungen; gemeint war wohl das Profil "project1"\n {4}Lösung: unset AWS_ACCESS_KEY_ID\n/,
    english: /\[env-credentials-shadow-profiles\] AWS_ACCESS_KEY_ID \(\*+\w{4}\) and AWS_SECRET_ACCESS_KEY are set: .*; you probably meant profile "project1"\n {4}fix: unset AWS_ACCESS_KEY_ID\n/,
  },
  {
    code: 'env-credentials-expired',
    german: /\[env-credentials-expired\] die Anmeldeinformationen in AWS_ACCESS_KEY_ID \(\*+\w{4}\) sind am 2021-01-01T00:00:00Z abgelaufen \(AWS_CREDENTIAL_EXPIRATION\): jeder Aufruf scheitert, bis sie entfernt sind; exportierte Umgebungsvariablen werden nie erneuert\n {4}Lösung: dieselbe wie bei \[env-credentials-shadow-profiles\] oben\n/,
    english: /\[env-credentials-expired\] the credentials in AWS_ACCESS_KEY_ID \(\*+\w{4}\) expired at 2021-01-01T00:00:00Z .*\n {4}fix: the same as for \[env-credentials-shadow-profiles\] above\n/,
  },
  {
    code: 'env-security-token-stale',
    german: /\[env-security-token-stale\] AWS_SECURITY_TOKEN weicht von AWS_SESSION_TOKEN ab: die AWS CLI und boto3 senden zuerst AWS_SECURITY_TOKEN, das JS-SDK nur AWS_SESSION_TOKEN, .*\n {4}Lösung: unset AWS_SECURITY_TOKEN\n/,
    english: /\[env-security-token-stale\] AWS_SECURITY_TOKEN differs from AWS_SESSION_TOKEN: the AWS CLI and boto3 send/,
  },
  {
    code: 'source-profile-missing',
    german: /\[source-profile-missing\] \S*config:\d+: das im Profil "misspelt" angegebene source_profile "usr1" existiert nicht \(war "user1" gemeint\?\)\n {4}Zu tun: einen Abschnitt \[usr1\] mit Schlüsseln in der credentials-Datei anlegen oder source_profile in \S*config:\d+ korrigieren\n/,
    english: /\[source-profile-missing\] \S*config:\d+: the source_profile "usr1" referenced in the profile "misspelt" does not exist \(did you mean "user1"\?\)\n {4}to do: add a \[usr1\] section/,
  },
  {
    code: 'sso-login-needed',
    german: /\[sso-login-needed\] Profil "sso-dev": kein SSO-Anmeldetoken \(\S+\); aws-Befehle mit diesem Profil scheitern, bis du dich anmeldest\n {4}Lösung: rolekeeper sso login sso-dev\n/,
    english: /\[sso-login-needed\] profile "sso-dev": no SSO login token \(\S+\); aws commands with this profile fail until you sign in\n {4}fix: rolekeeper sso login sso-dev\n/,
  },
  {
    code: 'cli-cache-expired',
    german: /\[cli-cache-expired\] die zwischengespeicherten Anmeldeinformationen der AWS CLI für "project1" sind am 2021-05-06T07:08:09.000Z abgelaufen \(\S+\.json\); der nächste aws-Befehl ruft STS erneut auf\n {4}Lösung: rm /,
    english: /\[cli-cache-expired\] the AWS CLI's cached credentials for "project1" expired at 2021-05-06T07:08:09.000Z/,
  },
  {
    code: 'cli-cache-corrupt',
    german: /\[cli-cache-corrupt\] \S+0123456789abcdef01234567\.json: kein gültiges JSON; die AWS CLI scheitert an jedem Befehl, der die Datei liest, bis sie gelöscht ist \(kein Profil liest sie\)\n {4}Lösung: rm /,
    english: /\[cli-cache-corrupt\] \S+\.json: not valid JSON; .* \(no profile reads it\)\n {4}fix: rm /,
  },
  {
    code: 'cli-cache-orphaned',
    german: /\[cli-cache-orphaned\] \S+fedcba98\.json: zwischengespeicherte Anmeldeinformationen für arn:aws:sts::123456789012:assumed-role\/Gone-Role\/s \(abgelaufen am 2021-02-03T04:05:06.000Z\), die kein Profil mehr liest/,
    english: /\[cli-cache-orphaned\] \S+\.json: cached credentials for \S+ \(expired at 2021-02-03T04:05:06.000Z\) that no profile reads any more/,
  },
  {
    code: 'container-endpoint-not-running',
    german: /\[container-endpoint-not-running\] AWS_CONTAINER_CREDENTIALS_FULL_URI zeigt auf den Rolekeeper-Endpunkt auf Port 1 für Profil "project1", aber für diesen Benutzer läuft weder der Rolekeeper-Daemon noch das Tray: .*\n {4}Zu tun: die Zeilen unter „Lösung" entfernen die toten Variablen; für den Endpunkt starte wieder `rolekeeper daemon` \(oder die Tray-App\) und führe die Zeilen von `rolekeeper export PROFIL --via-endpoint` aus\n {4}Lösung: unset AWS_CONTAINER_CREDENTIALS_FULL_URI\n {12}unset AWS_CONTAINER_AUTHORIZATION_TOKEN\n/,
    english: /\[container-endpoint-not-running\] AWS_CONTAINER_CREDENTIALS_FULL_URI points at Rolekeeper's endpoint on port 1 .*\n {4}to do: the lines under "fix" clear the dead variables; for the endpoint again, start `rolekeeper daemon`.*\n {4}fix: unset AWS_CONTAINER_CREDENTIALS_FULL_URI\n/,
  },
  {
    code: 'container-endpoint-shadowed',
    german: /\[container-endpoint-shadowed\] AWS_CONTAINER_CREDENTIALS_FULL_URI ist gesetzt, aber AWS_ACCESS_KEY_ID und AWS_SECRET_ACCESS_KEY kommen in jedem SDK und in der AWS CLI zuerst: der Endpunkt wird nie gefragt\n/,
    english: /\[container-endpoint-shadowed\] AWS_CONTAINER_CREDENTIALS_FULL_URI is set, but AWS_ACCESS_KEY_ID/,
  },
];

function doctorJson(env: Record<string, string>): Finding[] {
  const result = runCli(['doctor', '--offline', '--json'], env);
  assertNoSecrets(result.stdout + result.stderr);
  assert.equal(result.code, 1);
  return (JSON.parse(result.stdout) as { findings: Finding[] }).findings;
}

test('doctor on the seed\'s causes speaks German under LANG=de_DE.UTF-8 and English under LANG=C; --json is the same English in both', () => {
  seedWithCaches((home) => {
    const german = runCli(['doctor', '--offline'], messyShell(home, { LANG: 'de_DE.UTF-8' }));
    const englishRun = runCli(['doctor', '--offline'], messyShell(home, { LANG: 'C' }));
    assertNoSecrets(german.stdout + german.stderr + englishRun.stdout + englishRun.stderr);
    assert.equal(german.code, 1);
    assert.equal(englishRun.code, 1);
    assert.match(german.stdout, /^\d+ Fehler, \d+ Warnungen?, \d+ Hinweise?\n/);
    for (const expected of SEED_FINDINGS) {
      assert.match(german.stdout, expected.german, `${expected.code} in German:\n${german.stdout}`);
      assert.match(englishRun.stdout, expected.english, `${expected.code} in English:\n${englishRun.stdout}`);
    }

    const germanJson = doctorJson(messyShell(home, { LANG: 'de_DE.UTF-8' }));
    const englishJson = doctorJson(messyShell(home, { LANG: 'C' }));
    assert.deepEqual(germanJson.map((item) => item.code), englishJson.map((item) => item.code));
    assert.deepEqual(germanJson, englishJson);
    assert.deepEqual(
      SEED_FINDINGS.map((expected) => expected.code).filter((code) => !germanJson.some((item) => item.code === code)),
      [],
    );
    for (const item of germanJson) {
      assert.ok(item.wording, `${item.code} has no phrase, so it cannot be said in German`);
      assert.doesNotMatch(item.message, /[äöüß]| Profil | ist |abgelaufen/, `${item.code}: --json stays English`);
    }
    const english = germanJson.find((item) => item.code === 'session-keys-expired');
    assert.match(english?.message ?? '', /^profile "pasted": its session keys/);
  });
});

test('the clock-skew phrase says in English exactly what the clock report says, and German names the direction', () => {
  const t = translator('de_DE.UTF-8');
  for (const offsetMs of [-7 * 60_000 - 20_000, 10 * 60_000, -4 * 60_000, 3 * 60_000 + 5_000]) {
    const report = clockSkewReport({ sentAt: 0, receivedAt: 0, serverTime: offsetMs, offsetMs });
    assert.notEqual(report.severity, 'ok');
    if (report.severity === 'ok') continue;
    assert.equal(say(english, clockSkewWords(report.severity, offsetMs)), report.message);
  }
  assert.equal(
    say(t, clockSkewWords('error', 10 * 60_000)),
    'Die Uhr dieses Computers geht 10 min 0 s nach: AWS lehnt Anfragen ab, deren Signatur mehr als 5 Minuten abweicht. Automatische Zeit (NTP) einschalten und erneut versuchen.',
  );
  assert.match(say(t, clockSkewWords('warning', -4 * 60_000)), /^Die Uhr dieses Computers geht 4 min 0 s vor; ab 5 Minuten lehnt AWS Anfragen ab\./);
});

test("the AWS files' own findings (a key in both files, a config section that is no profile) are German too, their fixes as well", () => {
  const config = '[profile split]\nregion = eu-west-1\n\n[oops]\nregion = eu-west-1\n';
  const credentials = `${SEED_CREDENTIALS}\n[split]\nregion = us-east-1\n`;
  withTempHome({ config, credentials }, (home) => {
    const env = { ...home.env, SHELL: '/bin/bash', LC_ALL: '', LC_MESSAGES: '', LANG: 'de_DE.UTF-8' };
    const german = runCli(['doctor', '--offline'], env);
    assert.match(german.stdout, /\[key-in-both-files\] \S+:\d+: region von Profil "split" ist auch in \S+:\d+ mit einem anderen Wert gesetzt: die AWS CLI nimmt diesen hier, das JS-SDK den aus der config-Datei\n {4}Zu tun: region nur in einer Datei behalten\n/);
    assert.match(german.stdout, /\[section-not-a-profile\] \S+config:4: \[oops\] in der config-Datei ist für die AWS CLI und die SDKs kein Profil\n {4}Zu tun: in der config-Datei \[profile oops\] schreiben \(die credentials-Datei nimmt \[oops\]\)\n/);
    const json = runCli(['doctor', '--offline', '--json'], env);
    const codes = (JSON.parse(json.stdout) as { findings: Finding[] }).findings.map((item) => [item.code, item.message.includes('in the config file is not a profile') || item.message.includes('is also set in')]);
    assert.deepEqual(codes.filter(([code]) => code === 'key-in-both-files' || code === 'section-not-a-profile').map(([, english]) => english), [true, true]);
  });
});
