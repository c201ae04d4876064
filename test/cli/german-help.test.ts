// `--help` and commander's usage errors in the user's language: every description of every command
// is a key of the message table (none is left as English text in the code), German help through
// the built binary has German titles and descriptions, and commander's errors come out in German
// while LANG=C keeps commander's own English word for word. Needs `npm run build`.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { Command } from 'commander';
import { withTempHome } from '../helpers/temp-home';
import { runCli } from '../helpers/run-cli';
import { assertNoEnglish } from '../helpers/no-english';
import { buildProgram } from '../../src/main/cli/main';
import { defaultContext } from '../../src/main/cli/default-context';
import { parseHelpKey } from '../../src/main/cli/help-text';
import { commanderErrorText } from '../../src/main/cli/localized-help';
import { catalogOf, english, translator } from '../../src/shared/i18n';

const ENGLISH = { LANG: 'C', LC_ALL: '', LC_MESSAGES: '', SHELL: '/bin/bash' };
const GERMAN = { ...ENGLISH, LANG: 'de_DE.UTF-8' };

function everyCommand(command: Command): Command[] {
  return [command, ...command.commands.flatMap(everyCommand)];
}

/** Each command's path as typed after `rolekeeper`, e.g. ['setup', 'daemon']. */
function commandPath(command: Command): string[] {
  return command.parent === null ? [] : [...commandPath(command.parent), command.name()];
}

const program = buildProgram({ ...defaultContext(), t: translator('de') });
const commands = everyCommand(program);

test('every command, argument and option description is a key of the message table, not English text in the code', () => {
  const described: string[] = [];
  for (const command of commands) {
    described.push(command.description());
    for (const option of command.options) described.push(option.description);
    for (const argument of command.registeredArguments) if (argument.description) described.push(argument.description);
  }
  assert.ok(described.length > 80, `only ${described.length} descriptions found`);
  for (const text of described) {
    const parsed = parseHelpKey(text);
    assert.ok(parsed, `a description is English text, not a help key: ${JSON.stringify(text)}`);
    assert.ok(parsed.key in catalogOf('de'), `${parsed.key} is not in the table`);
  }
});

test('German --help of every command has German titles and descriptions, no key and no English sentence', () => {
  withTempHome({}, (home) => {
    for (const command of commands) {
      const path = commandPath(command);
      const result = runCli([...path, '--help'], { ...home.env, ...GERMAN });
      const what = `rolekeeper ${path.join(' ')} --help`;
      assert.equal(result.code, 0, `${what}: ${result.stderr}`);
      if (path[0] === 'credential-process') {
        // Its own fast entry answers, with the same words.
        assert.equal(result.stdout, 'Aufruf: rolekeeper credential-process PROFILE\nGibt frische Anmeldeinformationen für PROFILE im credential_process-Format (Version 1) aus.\n');
        continue;
      }
      assert.match(result.stdout, /^Aufruf: rolekeeper/, what);
      assert.match(result.stdout, /\nOptionen:\n/, what);
      assert.match(result.stdout, /-h, --help +Hilfe zum Befehl anzeigen/, what);
      assert.doesNotMatch(result.stdout, /\bhelp\.[a-z]/, `${what}: a raw key is shown`);
      assert.doesNotMatch(result.stdout, /Usage:|Options:|Arguments:|Commands:|display help/, what);
      // The term column (names, flags, placeholders) and the shapes of --json output are syntax, not sentences.
      const descriptions = result.stdout.replace(/^ {2}\S.*? {2,}/gm, '').replace(/\{[^}]*\}/g, '').replace(/<[^>]*>|\[[^\]]*\]/g, '');
      assertNoEnglish(descriptions, what);
    }
  });
});

test('German --help words the descriptions with their parameters: export lists its shells, sso populate its default template', () => {
  withTempHome({}, (home) => {
    const exportHelp = runCli(['export', '--help'], { ...home.env, ...GERMAN }).stdout.replace(/\s+/g, ' ');
    assert.match(exportHelp, /--shell <shell> eine von bash, [a-z, ]*fish[a-z, ]* \(Standard: aus der Umgebung erraten\)/);
    assert.match(exportHelp, /AWS_PROFILE \(wenn es rolekeeper-endpoint ist\)|AWS_PROFILE \(wenn es \S+ ist\)/);
    const populateHelp = runCli(['sso', 'populate', '--help'], { ...home.env, ...GERMAN }).stdout.replace(/\s+/g, ' ');
    assert.match(populateHelp, /\(Standard \{account_name\}-\{role_name\}\)/);
    const top = runCli(['--help'], { ...home.env, ...GERMAN }).stdout;
    assert.match(top, /\nBefehle:\n/);
    assert.match(top, /refresh \[options\] \[profiles\.\.\.\] +Die Rollen der Profile jetzt übernehmen/);
  });
});

test('English --help (LANG=C) reads as before: commander titles and the English descriptions', () => {
  withTempHome({}, (home) => {
    const refresh = runCli(['refresh', '--help'], { ...home.env, ...ENGLISH });
    assert.equal(refresh.code, 0);
    assert.match(refresh.stdout, /^Usage: rolekeeper refresh \[options\] \[profiles\.\.\.\]\n\nAssume the profiles' roles now and publish fresh credentials to their sinks\n/);
    assert.match(refresh.stdout, /\nArguments:\n {2}profiles +role or managed profiles to refresh\n/);
    assert.match(refresh.stdout, /\nOptions:\n {2}--all +every role profile and every managed profile\n/);
    assert.match(refresh.stdout, /-h, --help +display help for command/);
    assert.doesNotMatch(refresh.stdout, /\bhelp\.[a-z]/);
    const top = runCli(['help'], { ...home.env, ...ENGLISH });
    assert.match(top.stdout, /\nCommands:\n/);
    assert.match(top.stdout, /help \[command\] +display help for command/);
  });
});

/** Usage errors as commander words them, with what German says instead. */
const USAGE_ERRORS: Array<{ args: string[]; english: string; german: string; hint?: { english: string; german: string } }> = [
  {
    args: ['refresh', '--alll'],
    english: "rolekeeper: error: unknown option '--alll'\n(Did you mean --all?)\n",
    german: "rolekeeper: Fehler: unbekannte Option '--alll'\n(Meintest du --all?)\n",
  },
  {
    args: ['refresh', '--zzz'],
    english: "rolekeeper: error: unknown option '--zzz'\n",
    german: "rolekeeper: Fehler: unbekannte Option '--zzz'\n",
    hint: {
      english: 'rolekeeper: a profile name that starts with "-" goes after "--": rolekeeper refresh -- --zzz\n',
      german: 'rolekeeper: ein Profilname, der mit "-" beginnt, gehört hinter "--": rolekeeper refresh -- --zzz\n',
    },
  },
  { args: ['show'], english: "rolekeeper: error: missing required argument 'profile'\n", german: "rolekeeper: Fehler: das Argument 'profile' fehlt\n" },
  {
    args: ['show', 'a', 'b'],
    english: "rolekeeper: error: too many arguments for 'show'. Expected 1 argument but got 2.\n",
    german: "rolekeeper: Fehler: zu viele Argumente für 'show'. Erwartet: 1 Argument, erhalten: 2.\n",
  },
  {
    args: ['refresh', '--min-valid'],
    english: "rolekeeper: error: option '--min-valid <duration>' argument missing\n",
    german: "rolekeeper: Fehler: der Option '--min-valid <duration>' fehlt ihr Wert\n",
  },
  {
    args: ['manage', 'p', '--source-profile', 'src'],
    english: "rolekeeper: error: required option '--role-arn <arn>' not specified\n",
    german: "rolekeeper: Fehler: die Option '--role-arn <arn>' ist erforderlich\n",
  },
  {
    args: ['sso', 'logon'],
    english: "rolekeeper: error: unknown command 'logon'\n(Did you mean login?)\n",
    german: "rolekeeper: Fehler: unbekannter Befehl 'logon'\n(Meintest du login?)\n",
  },
  { args: ['endpoint', 'zz'], english: "rolekeeper: error: unknown command 'zz'\n", german: "rolekeeper: Fehler: unbekannter Befehl 'zz'\n" },
  {
    args: ['lst'],
    english: "rolekeeper: unknown command 'lst' (did you mean list?); see rolekeeper --help\n",
    german: "rolekeeper: unbekannter Befehl 'lst' (meintest du list?); siehe rolekeeper --help\n",
  },
];

test('usage errors: German under a German locale, commander\'s own English under LANG=C, exit code 2 in both', () => {
  withTempHome({}, (home) => {
    for (const { args, english: englishText, german, hint } of USAGE_ERRORS) {
      const inEnglish = runCli(args, { ...home.env, ...ENGLISH });
      assert.equal(inEnglish.code, 2, args.join(' '));
      assert.equal(inEnglish.stderr, englishText + (hint?.english ?? ''), args.join(' '));
      const inGerman = runCli(args, { ...home.env, ...GERMAN });
      assert.equal(inGerman.code, 2, args.join(' '));
      assert.equal(inGerman.stderr, german + (hint?.german ?? ''), args.join(' '));
    }
  });
});

test('commander texts the table does not know pass through unchanged; known ones round-trip in English', () => {
  const unknown = "error: option '--x' cannot be used with option '--y'\n";
  assert.equal(commanderErrorText(unknown, translator('de')), unknown);
  for (const text of [
    "error: unknown option '--a'\n(Did you mean one of --all, --as?)\n",
    "error: unknown command 'x'\n",
    "error: too many arguments. Expected 0 arguments but got 3.\n",
    "error: too many arguments for 'keep'. Expected 2 arguments but got 3.\n",
  ]) {
    assert.equal(commanderErrorText(text, english), text);
    assert.notEqual(commanderErrorText(text, translator('de')), text);
  }
  assert.equal(commanderErrorText("error: unknown option '--a'\n(Did you mean one of --all, --as?)\n", translator('de')), "Fehler: unbekannte Option '--a'\n(Meintest du eines von --all, --as?)\n");
});
