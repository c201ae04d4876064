// German output of the engine's own sentences through the built binary against moto: a failing
// credential_process, clear-cache's skip reasons, a second keeper stepping aside, setup's
// absolute-path reason and autostart mechanism, show of a missing profile and the notice of a
// chained MFA session. Each is checked for concrete German and no English sentence left over;
// `--json` and LANG=C stay English. Needs `npm run build`.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { chmodSync, mkdirSync, readdirSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { makeTempHome, type TempHome } from '../helpers/temp-home';
import { runCli, runCliAsync } from '../helpers/run-cli';
import { startMoto, MOTO_ACCOUNT_ID, type Moto } from '../helpers/moto';
import { SECRET, USER1_KEY } from '../helpers/seed-profiles';
import { assertNoEnglish } from '../helpers/no-english';
import { catalogOf, translator, type MessageKey } from '../../src/shared/i18n';
import { FileLockTimeoutError } from '../../src/main/core/files/file-lock';
import { errorText } from '../../src/main/core/model/worded-error';
import { engineWordsDe, engineWordsEn } from '../../src/shared/engine-words';
import { startDaemon } from '../helpers/daemon';

const ROLE_ARN = `arn:aws:iam::${MOTO_ACCOUNT_ID}:role/Prod-Role`;
const MFA_SERIAL = `arn:aws:iam::${MOTO_ACCOUNT_ID}:mfa/alice`;

function mfaRole(name: string): string {
  return `[profile ${name}]\nrole_arn = ${ROLE_ARN}\nsource_profile = user1\nmfa_serial = ${MFA_SERIAL}\nduration_seconds = 7200\n\n`;
}

const CONFIG = `[profile r1]
role_arn = ${ROLE_ARN}
source_profile = user1
region = eu-west-1

[profile helper]
credential_process = false

[profile via-helper]
role_arn = ${ROLE_ARN}
source_profile = helper

${mfaRole('m1')}${mfaRole('m2')}${mfaRole('m3')}`;
const CREDENTIALS = `[user1]\naws_access_key_id = ${USER1_KEY}\naws_secret_access_key = ${SECRET}\n`;

let moto: Moto;
before(async () => {
  moto = await startMoto();
});
after(async () => {
  await moto?.stop();
});

function env(home: TempHome, lang: string): Record<string, string> {
  return { ...home.env, SHELL: '/bin/bash', LC_ALL: '', LC_MESSAGES: '', LANG: lang, AWS_ENDPOINT_URL_STS: moto.url, AWS_DEFAULT_REGION: 'us-east-1', AWS_MAX_ATTEMPTS: '1' };
}

async function inHome(body: (home: TempHome) => Promise<void> | void): Promise<void> {
  const home = makeTempHome({ config: CONFIG, credentials: CREDENTIALS });
  try {
    await body(home);
  } finally {
    home.cleanup();
  }
}

test('a failing credential_process is said in German with its fix; --json and LANG=C stay English', async () => {
  await inHome(async (home) => {
    const german = await runCliAsync(['refresh', 'via-helper'], env(home, 'de_DE.UTF-8'));
    assert.equal(german.code, 1);
    assert.equal(
      german.stderr,
      'rolekeeper: via-helper: Der credential_process von Profil "helper" ist fehlgeschlagen (Exit-Code 1)\n' +
        '  Lösung: Führe den Befehl von Hand aus, um den Grund zu sehen: false\n',
    );
    assertNoEnglish(german.stderr, 'credential_process');
    const json = JSON.parse((await runCliAsync(['refresh', 'via-helper', '--json'], env(home, 'de_DE.UTF-8'))).stdout) as Array<{ error: string }>;
    assert.equal(json[0].error, 'The credential_process of profile "helper" failed (exit code 1)\n  fix: Run the command by hand to see why: false');
    const english = await runCliAsync(['refresh', 'via-helper'], env(home, 'C'));
    assert.match(english.stderr, /^rolekeeper: via-helper: The credential_process of profile "helper" failed \(exit code 1\)\n {2}fix: Run the command by hand to see why: false\n$/);
  });
});

test("clear-cache's skip reasons for a symbolic link and a folder are German; --json keeps the English reasons", async () => {
  await inHome((home) => {
    const cache = join(home.home, '.aws', 'cli', 'cache');
    mkdirSync(join(cache, 'folder.json'), { recursive: true });
    writeFileSync(join(home.home, 'elsewhere.json'), '{}');
    symlinkSync(join(home.home, 'elsewhere.json'), join(cache, 'link.json'));
    const german = runCli(['clear-cache', '--all'], env(home, 'de_DE.UTF-8'));
    assert.equal(german.code, 0, german.stderr);
    assert.equal(
      german.stderr,
      `übersprungen: ${join(cache, 'folder.json')}: keine gewöhnliche Datei\nübersprungen: ${join(cache, 'link.json')}: ein symbolischer Link; wird nicht verfolgt\n`,
    );
    assertNoEnglish(german.stderr, 'clear-cache');
    const json = JSON.parse(runCli(['clear-cache', '--all', '--json'], env(home, 'de_DE.UTF-8')).stdout) as { skipped: unknown[] };
    assert.deepEqual(json.skipped, [
      { path: join(cache, 'folder.json'), reason: 'not a regular file' },
      { path: join(cache, 'link.json'), reason: 'a symbolic link; not followed' },
    ]);
    const english = runCli(['clear-cache', '--all'], env(home, 'C'));
    assert.match(english.stderr, /: a symbolic link; not followed\n$/);
  });
});

test("a second daemon says in German that another keeper runs and exits; the first one's endpoint and needs-you lines are German too", { timeout: 90_000 }, async () => {
  await inHome(async (home) => {
    const de = env(home, 'de_DE.UTF-8');
    assert.equal(runCli(['keep', 'r1', 'via-helper'], de).code, 0);
    const first = await startDaemon(de, { waitFor: /via-helper braucht dich: .*\n/ });
    try {
      assert.match(first.log(), /Endpunkt lauscht auf http:\/\/127\.0\.0\.1:\d+\n/);
      const needsYou = /^\S+ (via-helper braucht dich: .*)$/m.exec(first.log())?.[1] ?? '';
      assert.equal(needsYou, 'via-helper braucht dich: Der credential_process von Profil "helper" ist fehlgeschlagen (Exit-Code 1) — Lösung: Führe den Befehl von Hand aus, um den Grund zu sehen: false');
      assertNoEnglish(needsYou, "daemon's needs-you line");
      const second = await runCliAsync(['daemon'], de);
      assert.equal(second.code, 0, second.stderr);
      assert.match(second.stderr, /der Daemon \(PID \d+\) hält die Profile schon frisch und stellt den Endpunkt auf http:\/\/127\.0\.0\.1:\d+ bereit; dieser Daemon wird nicht gebraucht und beendet sich\n$/);
      assertNoEnglish(second.stderr.replace(/^\S+ /gm, ''), 'second daemon');
      const english = await runCliAsync(['daemon'], env(home, 'C'));
      assert.match(english.stderr, /the daemon \(pid \d+\) already keeps profiles fresh and serves the endpoint on http:\/\/127\.0\.0\.1:\d+; this daemon is not needed and exits\n$/);
      // Refused as a usage error before anything is written: no endpoint profile, no token.
      const configBefore = readFileSync(home.configFile, 'utf8');
      const json = runCli(['export', 'r1', '--via-endpoint', '--shell', 'json'], de);
      assert.equal(json.code, 2);
      assert.equal(json.stderr, 'rolekeeper: Den Endpunkt-Export gibt es nicht als json; wähle eine Shell\n');
      assert.equal(readFileSync(home.configFile, 'utf8'), configBefore);
      assert.equal(runCli(['export', 'r1', '--via-endpoint', '--shell', 'json'], env(home, 'C')).stderr, 'rolekeeper: The endpoint export has no json form; pick a shell\n');
    } finally {
      await first.stop();
    }
    const none = runCli(['export', 'r1', '--via-endpoint', '--shell', 'bash'], de);
    assert.equal(none.stderr, 'rolekeeper: für diesen Benutzer läuft kein Rolekeeper-Endpunkt; starte einen mit `rolekeeper daemon` (oder der Tray-App) oder bei jeder Anmeldung mit `rolekeeper setup daemon`\n');
    assertNoEnglish(none.stderr, 'export without an endpoint');
  });
});

test("setup says in German why the command is an absolute path and which autostart it wrote", { skip: process.platform !== 'linux' }, async () => {
  await inHome((home) => {
    const bin = join(home.home, 'bin');
    mkdirSync(bin);
    writeFileSync(join(bin, 'systemctl'), '#!/bin/sh\nexit 0\n');
    chmodSync(join(bin, 'systemctl'), 0o755);
    const de = { ...env(home, 'de_DE.UTF-8'), PATH: `${bin}:/usr/bin:/bin`, XDG_RUNTIME_DIR: join(home.home, 'no-runtime') };
    const setup = runCli(['setup', 'credential-process', 'r1'], de);
    assert.equal(setup.code, 0, setup.stderr);
    assert.equal(
      setup.stderr,
      'rolekeeper: der Befehl ist ein absoluter Pfad, denn: kein rolekeeper im PATH (installiere es mit `npm i -g` oder als gepackte App, damit der Befehl ein Verschieben dieses Ordners übersteht)\n',
    );
    assertNoEnglish(setup.stderr, 'setup credential-process');
    const daemon = runCli(['setup', 'daemon'], de);
    assert.equal(daemon.code, 0, daemon.stderr);
    assert.match(daemon.stdout, /^geschrieben: systemd-Benutzer-Unit \S+rolekeeper\.service; startet /);
    assert.match(daemon.stdout, /\nnoch nicht aktiviert: von dieser Sitzung aus ist kein systemd-Benutzerdienst erreichbar \(XDG_RUNTIME_DIR\/systemd\/private\); /);
    assertNoEnglish(daemon.stdout.split('\n').filter((line) => !line.startsWith('  ')).join('\n'), 'setup daemon');
    const english = runCli(['setup', 'daemon'], { ...de, LANG: 'C' });
    assert.match(english.stdout, /^updated the systemd user unit \S+: it runs /);
    assert.match(english.stdout, /\nnot enabled yet: no systemd user manager is reachable from this session/);
  });
});

test('show of a missing profile says in German where it looked and what was meant; LANG=C stays English', async () => {
  await inHome((home) => {
    const close = runCli(['show', 'r2'], env(home, 'de_DE.UTF-8'));
    assert.equal(close.code, 2, "a name that is not a profile is a usage error");
    assert.match(close.stderr, /^rolekeeper: Profil "r2" steht weder in \S+config noch in \S+credentials; meinst du m2, r1, m1\?\n$/);
    const far = runCli(['show', 'nothing-like-it'], env(home, 'de_DE.UTF-8'));
    assert.match(far.stderr, /; `rolekeeper list` zeigt alle Profile\n$/);
    assertNoEnglish(close.stderr + far.stderr.replace(/"nothing-like-it"/, ''), 'show');
    const english = runCli(['show', 'r2'], env(home, 'C'));
    assert.match(english.stderr, /^rolekeeper: profile "r2" not found in \S+ or \S+; did you mean m2, r1, m1\?\n$/);
  });
});

test('the notice of a role chained on an MFA session is German; --json and LANG=C keep the English notice', async () => {
  await inHome(async (home) => {
    const de = env(home, 'de_DE.UTF-8');
    assert.equal(runCli(['settings', '--mfa-session', 'on'], de).code, 0);
    const german = await runCliAsync(['refresh', 'm1', '--mfa-code', '123456'], de);
    assert.equal(german.code, 0, german.stderr);
    assert.match(german.stdout, /\n {2}Hinweis: Verkettete Rollen sind auf 1 Stunde begrenzt: 7200 s angefragt, 3600 s verwendet\.\n$/);
    assertNoEnglish(german.stdout.split('\n').filter((line) => line.includes('Hinweis')).join('\n'), 'MFA-session notice');
    const json = JSON.parse((await runCliAsync(['refresh', 'm2', '--mfa-code', '123456', '--json'], de)).stdout) as Array<{ notices: string[] }>;
    assert.deepEqual(json[0].notices, ['Role chaining caps sessions at 1 hour: asked for 7200 s, using 3600 s.']);
    const english = await runCliAsync(['refresh', 'm3', '--mfa-code', '123456'], env(home, 'C'));
    assert.match(english.stdout, /\n {2}note: Role chaining caps sessions at 1 hour: asked for 7200 s, using 3600 s\.\n$/);
  });
});

test("the engine's words are in both tables, German wherever the English has words, and each is used in src", () => {
  const keys = Object.keys(engineWordsEn()).sort();
  assert.deepEqual(Object.keys(engineWordsDe()).sort(), keys);
  const placeholders = (text: string) => (text.match(/\{\w+\}/g) ?? []).sort();
  const onlyPlaceholders = (text: string) => text.replace(/\{\w+\}|[\s;]/g, '') === '';
  const sources = sourceTexts(join(__dirname, '..', '..', 'src')).join('\n');
  for (const key of keys) {
    const en = catalogOf('en')[key as MessageKey];
    const de = catalogOf('de')[key as MessageKey];
    if (!onlyPlaceholders(en)) assert.notEqual(de, en, `${key} is not translated`);
    assert.deepEqual(placeholders(de), placeholders(en), `${key}: German and English take the same placeholders`);
    assert.ok(sources.includes(`'${key}'`), `${key} is used nowhere in src`);
  }
});

function sourceTexts(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = join(dir, entry.name);
    if (entry.isDirectory()) return sourceTexts(full);
    return entry.name.endsWith('.ts') && entry.name !== 'engine-words.ts' ? [readFileSync(full, 'utf8')] : [];
  });
}

test('a lock that is not given up in time says in German who holds it and what to delete; its message stays English', () => {
  const error = new FileLockTimeoutError('/home/a/.aws/config', '/home/a/.aws/config.rolekeeper.lock', { pid: 42, hostname: 'box', createdAt: 0, token: 't' }, 5000);
  assert.equal(
    error.message,
    'Timed out after 5000 ms waiting to edit /home/a/.aws/config: it is held by process 42 on box since 1970-01-01T00:00:00.000Z. If no Rolekeeper process is running, delete /home/a/.aws/config.rolekeeper.lock.',
  );
  const german = errorText(error, translator('de'));
  assert.equal(
    german,
    'Nach 5000 ms Warten auf das Bearbeiten von /home/a/.aws/config aufgegeben: die Datei ist gesperrt von Prozess 42 auf box seit 1970-01-01T00:00:00.000Z. Läuft kein Rolekeeper-Prozess, lösche /home/a/.aws/config.rolekeeper.lock.',
  );
  assertNoEnglish(german, 'file lock');
});
