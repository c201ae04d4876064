// The CLI's words and edges through the built binary: closed pipes, deep chains, exit codes,
// getting started, fixes that name their profile, shadowing warnings, German. Needs `npx tsc -p tsconfig.json` first.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { withTempHome, type TempHome } from '../helpers/temp-home';
import { ROLEKEEPER_BIN, runCli } from '../helpers/run-cli';
import { PASTED_KEY, SECRET, SEED_CREDENTIALS, TOKEN, USER1_KEY, seedConfig } from '../helpers/seed-profiles';
import { catalogOf } from '../../src/shared/i18n';
import { doctorWordsDe, doctorWordsEn } from '../../src/shared/doctor-words';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ntpFix } from '../../src/main/core/doctor/doctor-online';
import { MAX_SOURCE_CHAIN_DEPTH } from '../../src/main/core/aws-config/profile-resolver';

const ROLE_ARN = 'arn:aws:iam::123456789012:role/Prod-Role';
const SEED_CONFIG = seedConfig({ roleArn: ROLE_ARN, pastedExpiresAt: '2021-03-04T05:06:07Z' });
const ENGLISH = { LANG: 'C', LC_ALL: '', LC_MESSAGES: '', SHELL: '/bin/bash' };
const NO_STACK = /\n\s+at |node:internal|Error: write EPIPE/;

function seedHome<T>(body: (home: TempHome) => T): T {
  return withTempHome({ config: SEED_CONFIG, credentials: SEED_CREDENTIALS }, body);
}

function assertNoSecrets(text: string): void {
  for (const secret of [SECRET, TOKEN, USER1_KEY, PASTED_KEY]) assert.ok(!text.includes(secret), `output holds ${secret.slice(0, 4)}…`);
}

/** Runs the CLI through `sh -c "… | reader"`, so the reader closes the pipe early, as `head -1` does. */
function piped(args: string, reader: string, env: Record<string, string>): { stderr: string; status: number | null } {
  const result = spawnSync('sh', ['-c', `"${process.execPath}" "${ROLEKEEPER_BIN}" ${args} | ${reader}; echo "exit=\${PIPESTATUS:-$?}" >&2`], { env, encoding: 'utf8' });
  return { stderr: result.stderr, status: result.status };
}

test('a reader that closes the pipe early ends the run quietly, without a stack trace', () => {
  seedHome((home) => {
    const env = { ...home.env, ...ENGLISH };
    for (const [args, reader] of [['list', 'head -c 1'], ['list', 'grep -q NAME'], ['doctor', '--offline', 'true'], ['doctor --json', 'head -c 1']]) {
      const { stderr } = piped(args, reader, env);
      assert.doesNotMatch(stderr, NO_STACK, `${args} | ${reader}: ${stderr}`);
      assert.doesNotMatch(stderr, /rolekeeper: unexpected/, `${args} | ${reader}`);
    }
  });
});

function deepChainConfig(depth: number): string {
  const parts: string[] = [];
  for (let i = 0; i < depth; i++) parts.push(`[profile p${i}]\nrole_arn = ${ROLE_ARN}\nsource_profile = p${i + 1}\n`);
  parts.push(`[profile p${depth}]\naws_access_key_id = ${USER1_KEY}\naws_secret_access_key = ${SECRET}\n`);
  return parts.join('');
}

test('a source_profile chain 20,000 deep is one clear finding in list, refresh and export, never a crash', () => {
  withTempHome({ config: deepChainConfig(20_000) }, (home) => {
    const env = { ...home.env, ...ENGLISH };
    // The JSON of 20,001 rows is larger than spawnSync's default buffer.
    const spawned = spawnSync(process.execPath, [ROLEKEEPER_BIN, 'list', '--json'], { env, encoding: 'utf8', maxBuffer: 512 * 1024 * 1024 });
    const list = { code: spawned.status, stdout: spawned.stdout, stderr: spawned.stderr };
    assert.equal(list.code, 0, list.stderr);
    const rows = JSON.parse(list.stdout) as Array<{ name: string; sourceChain: string[]; error: string | null }>;
    const top = rows.find((row) => row.name === 'p0')!;
    assert.equal(top.sourceChain.length, MAX_SOURCE_CHAIN_DEPTH);
    assert.match(top.error ?? '', /is 20000 profiles deep; Rolekeeper follows at most 100/);
    assert.equal(rows.find((row) => row.name === `p${20_000 - MAX_SOURCE_CHAIN_DEPTH}`)!.error, null);
    for (const args of [['refresh', 'p0'], ['export', 'p0', '--shell', 'bash']]) {
      const result = runCli(args, env);
      assert.equal(result.code, 1, args.join(' '));
      assert.doesNotMatch(result.stderr, /Maximum call stack|\n\s+at /);
      assert.match(result.stderr, /fix: shorten the chain: set source_profile of \[profile p0\] \(.*config:3\)/);
      assertNoSecrets(result.stdout + result.stderr);
    }
  });
});

test('exit codes: --version 0, an unknown command 2, export --unset --shell json 2', () => {
  seedHome((home) => {
    const env = { ...home.env, ...ENGLISH };
    const version = runCli(['--version'], env);
    assert.equal(version.code, 0);
    assert.match(version.stdout, /^\d+\.\d+\.\d+\n$/);
    const unknown = runCli(['lst'], env);
    assert.equal(unknown.code, 2);
    assert.equal(unknown.stderr, "rolekeeper: unknown command 'lst' (did you mean list?); see rolekeeper --help\n");
    const json = runCli(['export', '--unset', '--shell', 'json'], env);
    assert.equal(json.code, 2);
    assert.equal(json.stderr.split('\n').length, 2, json.stderr);
  });
});

test('list exits 1 on a file the AWS CLI refuses (a BOM) and still lists what it read', () => {
  withTempHome({ config: `\uFEFF[profile a]\nregion = eu-west-1\n`, credentials: SEED_CREDENTIALS }, (home) => {
    const result = runCli(['list'], { ...home.env, ...ENGLISH });
    assert.equal(result.code, 1);
    assert.match(result.stdout, /^user1 /m);
    assert.match(result.stderr, /config/);
  });
});

test('rolekeeper alone says where it looked, honouring AWS_CONFIG_FILE, and how to begin', () => {
  withTempHome({}, (home) => {
    const elsewhere = `${home.home}/elsewhere/config`;
    const result = runCli([], { ...home.env, AWS_ENDPOINT_URL_STS: 'http://127.0.0.1:9', ...ENGLISH, AWS_CONFIG_FILE: elsewhere });
    assert.equal(result.code, 0, result.stderr);
    assert.ok(result.stdout.includes(`${elsewhere} (does not exist), set by AWS_CONFIG_FILE`), result.stdout);
    assert.ok(result.stdout.includes(`${home.credentialsFile} (does not exist)`), result.stdout);
    assert.match(result.stdout, /No AWS profiles found\.\nTo begin.*\n {2}aws configure --profile my-user\n/);
    const list = runCli(['list'], { ...home.env, ...ENGLISH });
    assert.match(list.stdout, /Rolekeeper looked in:/);
  });
  seedHome((home) => {
    const result = runCli([], { ...home.env, AWS_ENDPOINT_URL_STS: 'http://127.0.0.1:9', ...ENGLISH });
    assert.match(result.stdout, /\(2 profiles\).*\n.*\(1 profile\)/);
    assert.match(result.stdout, /Problems: 1 error, 0 warnings\.\n\nNext: .*\n {2}rolekeeper doctor\n/);
  });
});

test('expired pasted session keys offer rolekeeper manage with the guessed source, not deleting them', () => {
  seedHome((home) => {
    const result = runCli(['doctor', '--offline'], { ...home.env, ...ENGLISH });
    assert.equal(result.code, 1);
    assert.match(result.stdout, /to do: let Rolekeeper renew them from "user1"'s keys/);
    assert.match(result.stdout, /\n {4}fix: rolekeeper manage pasted --role-arn arn:aws:iam::ACCOUNT:role\/NAME --source-profile user1\n/);
    assert.doesNotMatch(result.stdout, /delete those lines/);
    assert.match(result.stdout, /expired at 2021-03-04T05:06:07Z /);
    assertNoSecrets(result.stdout + result.stderr);
  });
});

test('fixes name the header as written and the place a chain breaks', () => {
  const config = `[profile badarn]\nrole_arn = not-an-arn\nsource_profile = user1\n\n[profile top]\nrole_arn = ${ROLE_ARN}\nsource_profile = empty\n\n[profile empty]\nregion = eu-west-1\n\n[profile commented]\nrole_arn = ${ROLE_ARN}\nsource_profile = user1 # the main account\n`;
  withTempHome({ config, credentials: SEED_CREDENTIALS }, (home) => {
    const result = runCli(['doctor', '--offline', '--json'], { ...home.env, ...ENGLISH });
    const findings = (JSON.parse(result.stdout) as { findings: Array<{ profile: string | null; fix: string | null; advice?: string | null }> }).findings;
    // These fixes are edits of the files: words, so they are advice (no command line).
    const fixOf = (profile: string) => findings.find((finding) => finding.profile === profile)?.advice ?? '';
    assert.match(fixOf('badarn'), /in \[profile badarn\] \(.*config:2\)/);
    assert.match(fixOf('top'), /^fix \[profile empty\] at .*config:9, where the chain ends$/);
    assert.match(fixOf('commented'), /^remove the comment after source_profile at .*config:14: .* write source_profile = user1 /);
  });
});

test('identical fix blocks print once; later findings refer to the first', () => {
  const env = { AWS_ACCESS_KEY_ID: 'ASIAENVEXAMPLE0001', AWS_SECRET_ACCESS_KEY: SECRET, AWS_SESSION_TOKEN: TOKEN, AWS_CREDENTIAL_EXPIRATION: '2021-01-01T00:00:00Z' };
  seedHome((home) => {
    const result = runCli(['doctor', '--offline'], { ...home.env, ...ENGLISH, ...env, AWS_PROFILE: 'project1' });
    assertNoSecrets(result.stdout + result.stderr);
    assert.equal(result.stdout.split('unset AWS_ACCESS_KEY_ID').length - 1, 1, result.stdout);
    assert.match(result.stdout, /\[env-credentials-expired\] .*\n {4}fix: the same as for \[env-credentials-shadow-profiles\] above\n/);
  });
});

test('refresh, keep, export and verify warn when credential variables in this shell shadow the profile', () => {
  seedHome((home) => {
    const env = { ...home.env, ...ENGLISH, AWS_ACCESS_KEY_ID: 'ASIAENVEXAMPLE0001', AWS_SECRET_ACCESS_KEY: SECRET };
    for (const args of [['refresh', 'project1'], ['keep', 'project1'], ['export', 'pasted', '--shell', 'bash'], ['verify', 'project1']]) {
      const result = runCli(args, env);
      assert.match(result.stderr, /rolekeeper: warning: AWS_ACCESS_KEY_ID, AWS_SECRET_ACCESS_KEY in this shell shadow profile "(project1|pasted)"/, args.join(' '));
      assert.match(result.stderr, /\n {2}unset AWS_ACCESS_KEY_ID\n/, args.join(' '));
      assertNoSecrets(result.stdout + result.stderr);
    }
    const quiet = runCli(['keep', 'project1'], { ...home.env, ...ENGLISH });
    assert.doesNotMatch(quiet.stderr, /shadow/);
  });
});

test('root gets the clock fix without sudo; others with it; Windows says how to elevate', () => {
  assert.equal(ntpFix('linux', true), 'timedatectl set-ntp true');
  assert.equal(ntpFix('linux', false), 'sudo timedatectl set-ntp true');
  assert.equal(ntpFix('darwin', true), 'sntp -sS time.apple.com');
  assert.match(ntpFix('win32', false), /^w32tm \/resync .*administrator/);
});

test('German locale variables give German CLI sentences; LC_ALL wins over LANG; codes stay English', () => {
  seedHome((home) => {
    const german = runCli(['doctor', '--offline'], { ...home.env, ...ENGLISH, LANG: 'de_DE.UTF-8' });
    // user1's IAM keys add the note that offers the keychain, in German too.
    assert.match(german.stdout, /^1 Fehler, 0 Warnungen, 1 Hinweis\n\nFehler\n {2}\[session-keys-expired\] /);
    assert.match(german.stdout, /\n {4}Zu tun: verschiebe sie mit dem Befehl unter „Lösung" in den Schlüsselbund des Systems\n {4}Lösung: rolekeeper vault move user1\n/);
    assert.match(german.stdout, /\n {4}Lösung: /);
    const overridden = runCli(['doctor', '--offline'], { ...home.env, ...ENGLISH, LANG: 'de_DE.UTF-8', LC_ALL: 'en_US.UTF-8' });
    assert.match(overridden.stdout, /^1 error, 0 warnings, 1 note\n/);
    const messages = runCli([], { ...home.env, AWS_ENDPOINT_URL_STS: 'http://127.0.0.1:9', ...ENGLISH, LC_MESSAGES: 'de_AT.UTF-8' });
    assert.match(messages.stdout, /^Rolekeeper hat hier gesucht:\n/);
    const json = runCli(['doctor', '--offline', '--json'], { ...home.env, ...ENGLISH, LANG: 'de_DE.UTF-8' });
    assert.match(JSON.parse(json.stdout).findings[0].code, /^session-keys-expired$/);
  });
});

test('the English and German tables have the same keys, no empty text and the same placeholders', () => {
  const placeholders = (text: string) => [...text.matchAll(/\{(\w+)\}/g)].map((match) => match[1]).sort().join(',');
  const CATALOGS = { en: catalogOf('en'), de: catalogOf('de') };
  const englishKeys = Object.keys(CATALOGS.en).sort();
  assert.deepEqual(Object.keys(CATALOGS.de).sort(), englishKeys);
  for (const key of englishKeys) {
    const en = CATALOGS.en[key as keyof typeof CATALOGS.en];
    const de = CATALOGS.de[key as keyof typeof CATALOGS.de];
    assert.ok(en.trim() !== '' && de.trim() !== '', key);
    assert.equal(placeholders(de), placeholders(en), key);
  }
});

/** Every TypeScript file under src, as text. */
function sourceTexts(dir = join(__dirname, '..', '..', 'src')): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return sourceTexts(path);
    return entry.name.endsWith('.ts') ? [readFileSync(path, 'utf8')] : [];
  });
}

test("doctor's words are in both tables, German where the English has words, and each is used by the engine", () => {
  const CATALOGS = { en: catalogOf('en'), de: catalogOf('de') };
  const DOCTOR_WORDS_EN = doctorWordsEn();
  const DOCTOR_WORDS_DE = doctorWordsDe();
  const doctorKeys = Object.keys(DOCTOR_WORDS_EN).sort();
  assert.ok(doctorKeys.length > 80, `only ${doctorKeys.length} doctor keys`);
  assert.deepEqual(Object.keys(DOCTOR_WORDS_DE).sort(), doctorKeys);
  const words = (text: string) => text.replace(/\{\w+\}/g, '').replace(/[^A-Za-zÄÖÜäöüß]/g, '');
  const sources = sourceTexts().filter((text) => !text.includes('export function doctorWordsEn'));
  for (const key of doctorKeys) {
    const en = CATALOGS.en[key as keyof typeof CATALOGS.en];
    const de = CATALOGS.de[key as keyof typeof CATALOGS.de];
    assert.equal(en, DOCTOR_WORDS_EN[key as keyof typeof DOCTOR_WORDS_EN], key);
    assert.equal(de, DOCTOR_WORDS_DE[key as keyof typeof DOCTOR_WORDS_DE], key);
    if (words(en) !== '') assert.notEqual(de, en, `${key} is not translated`);
    assert.ok(sources.some((text) => text.includes(`'${key}'`)), `${key} is used nowhere in src`);
  }
});
