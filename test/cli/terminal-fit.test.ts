// The CLI in a terminal: list and --help fit 80 columns over the project's fixtures, wide
// characters measured as the terminal draws them, values shortened in the middle (whole in --json),
// colour by the NO_COLOR / FORCE_COLOR / --no-color rules, one exit code for an unknown profile, and
// the completion scripts run in real bash, zsh and fish, completing a profile name from the files.
// Needs `npm run build` first.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import stringWidth from 'string-width';
import { ROLEKEEPER_BIN, runCli } from '../helpers/run-cli';
import { withTempHome, type TempHome } from '../helpers/temp-home';
import { displayWidth, formatTable, shortenMiddle, wantsColor, wrapText } from '../../src/main/cli/terminal-layout';

const FIXTURES = join(__dirname, '..', 'fixtures', 'profiles');
const FIXTURE_PAIRS: Array<[string, string]> = [
  ['seed-config', 'seed-credentials'],
  ['tricky-config', 'tricky-credentials'],
  ['bom-config', 'seed-credentials'],
  ['crlf-config', 'seed-credentials'],
  ['duplicate-key-config', 'seed-credentials'],
  ['duplicate-section-config', 'seed-credentials'],
];
const LONG_ARN = 'arn:aws:iam::123456789012:role/platform-engineering/deployment/very-long-role-name-for-the-production-pipeline';
const WIDE_CONFIG = `[profile 本番環境-デプロイ]
role_arn = ${LONG_ARN}
source_profile = base-user-with-a-rather-long-name-indeed
region = ap-northeast-1

[profile a-profile-name-that-goes-on-and-on-and-on-for-a-while]
role_arn = arn:aws:iam::123456789012:role/short
source_profile = base-user-with-a-rather-long-name-indeed
region = eu-west-1
`;
const WIDE_CREDENTIALS = '[base-user-with-a-rather-long-name-indeed]\naws_access_key_id = AKIAWIDEWIDEWIDE0001\naws_secret_access_key = wide-secret\n';

function cli(args: string[], env: Record<string, string>): { status: number | null; stdout: string; stderr: string } {
  return spawnSync(process.execPath, [ROLEKEEPER_BIN, ...args], { env, encoding: 'utf8' });
}

function overWidth(text: string, width: number): string[] {
  return text.split('\n').filter((line) => stringWidth(line) > width);
}

function fixtureEnv(home: TempHome, config: string, credentials: string, extra: Record<string, string> = {}): Record<string, string> {
  return { ...home.env, AWS_CONFIG_FILE: join(FIXTURES, config), AWS_SHARED_CREDENTIALS_FILE: join(FIXTURES, credentials), LANG: 'C', COLUMNS: '80', ...extra };
}

const HELP_FORMS = [['--help'], ['help'], ...['list', 'show', 'doctor', 'refresh', 'verify', 'clear-cache', 'export', 'manage', 'keep', 'daemon', 'status', 'exec', 'credential-process', 'setup', 'settings', 'sso', 'completion', 'init', 'man'].map((command) => ['help', command])];

test('COLUMNS=80: every line of list over the fixtures and of every --help is at most 80 columns, in English and German', () => {
  withTempHome({}, (home) => {
    for (const [config, credentials] of FIXTURE_PAIRS) {
      const listed = cli(['list'], fixtureEnv(home, config, credentials));
      assert.ok(listed.stdout.length > 0, `${config}: ${listed.stderr}`);
      assert.deepEqual(overWidth(listed.stdout, 80), [], `list over ${config}`);
    }
    for (const lang of ['C', 'de_DE.UTF-8']) {
      for (const form of HELP_FORMS) {
        const help = cli(form, fixtureEnv(home, 'seed-config', 'seed-credentials', { LANG: lang }));
        assert.equal(help.status, 0, `${form.join(' ')}: ${help.stderr}`);
        assert.deepEqual(overWidth(help.stdout, 80), [], `${lang} rolekeeper ${form.join(' ')}`);
      }
    }
  });
});

test('long names and role ARNs are shortened in the middle to fit, wide characters line up, and --json keeps every value whole', () => {
  withTempHome({ config: WIDE_CONFIG, credentials: WIDE_CREDENTIALS }, (home) => {
    for (const columns of ['80', '60']) {
      const listed = cli(['list'], { ...home.env, LANG: 'C', COLUMNS: columns });
      assert.equal(listed.status, 0, listed.stderr);
      assert.deepEqual(overWidth(listed.stdout, Number(columns)), [], `COLUMNS=${columns}`);
      const lines = listed.stdout.split('\n');
      const header = lines[0]!;
      const wideRow = lines.find((line) => line.startsWith('本番'))!;
      assert.ok(wideRow, listed.stdout);
      // The TYPE column starts at the same terminal column in the header and in the CJK row.
      const typeColumn = stringWidth(header.slice(0, header.indexOf('TYPE')));
      assert.equal(stringWidth(wideRow.slice(0, wideRow.indexOf('role'))), typeColumn);
      assert.match(listed.stdout, /a-profile-name…|…/);
    }
    const json = JSON.parse(cli(['list', '--json'], { ...home.env, COLUMNS: '40' }).stdout) as Array<{ name: string; sourceChain: string[] }>;
    assert.ok(json.some((row) => row.name === 'a-profile-name-that-goes-on-and-on-and-on-for-a-while'));
    const shown = cli(['show', '本番環境-デプロイ', '--json'], { ...home.env, COLUMNS: '40' });
    assert.ok(shown.stdout.includes(LONG_ARN), 'show --json keeps the role ARN whole');
  });
});

test('a table shows control characters in a cell as \\uXXXX and measures what it shows', () => {
  const table = formatTable(['NAME', 'REGION'], [['evil\u001b]0;owned\u0007', 'eu-west-1'], ['ok', 'us-east-1']]);
  assert.doesNotMatch(table, /[\u0000-\u0008\u000b-\u001f]/);
  const [header, evil, ok] = table.split('\n');
  assert.equal(evil, 'evil\\u001b]0;owned\\u0007  eu-west-1');
  // Columns line up: the escaped cell is measured as printed.
  assert.equal(header!.indexOf('REGION'), evil!.indexOf('eu-west-1'));
  assert.equal(ok!.indexOf('us-east-1'), evil!.indexOf('eu-west-1'));
});

test('middle shortening keeps the same ends whether a text is one column per character or not', () => {
  // The same text in one-column letters and with one wide letter at its far end (which the slow
  // path measures): the head is the same, and the shortened text fits the width either way.
  for (const text of ['arn:aws:iam::123456789012:role/Deploy-Production', 'role1 → role2 → role3 → user0', 'ab', 'abc']) {
    for (let width = 0; width <= text.length + 1; width++) {
      const short = shortenMiddle(text, width);
      assert.ok(displayWidth(short) <= width || width === 0, `${text} in ${width}: ${short}`);
      if (text.length <= width) assert.equal(short, text);
      else if (width > 1) {
        const room = width - 1;
        assert.equal(short, `${text.slice(0, Math.ceil(room / 2))}…${text.slice(text.length - Math.floor(room / 2))}`);
        const wide = shortenMiddle(`${text}本`, width + 1);
        assert.ok(displayWidth(wide) <= width + 1, wide);
      }
    }
  }
});

test('terminal layout: widths as drawn, middle shortening, wrapping, tables that give up columns', () => {
  assert.equal(displayWidth('本番'), 4);
  assert.equal(displayWidth('e\u0301'), 1);
  assert.equal(shortenMiddle('abcdefghij', 5), 'ab…ij');
  assert.equal(displayWidth(shortenMiddle('本番環境-デプロイ-環境', 9)), 9);
  assert.equal(shortenMiddle('short', 10), 'short');
  assert.equal(wrapText('  one two three four', 10), '  one two\n    three\n    four');
  const table = formatTable(['NAME', 'CHAIN'], [['x', 'a → b → c → d → e → f → g']], { width: 16, shrink: { 1: 6 } });
  assert.deepEqual(table.split('\n').filter((line) => displayWidth(line) > 16), []);
  assert.match(table, /^x {5}a → b… → g$/m);
});

test('colour: on a terminal, never with --no-color or NO_COLOR, always with FORCE_COLOR (0 turns it off)', () => {
  assert.equal(wantsColor([], {}, true), true);
  assert.equal(wantsColor([], {}, false), false);
  assert.equal(wantsColor([], { TERM: 'dumb' }, true), false);
  assert.equal(wantsColor(['--no-color'], { FORCE_COLOR: '1' }, true), false);
  assert.equal(wantsColor([], { NO_COLOR: '1' }, true), false);
  assert.equal(wantsColor([], { NO_COLOR: '' }, true), true);
  assert.equal(wantsColor([], { FORCE_COLOR: '1' }, false), true);
  assert.equal(wantsColor([], { FORCE_COLOR: '0' }, true), false);
  withTempHome({}, (home) => {
    const env = fixtureEnv(home, 'seed-config', 'seed-credentials');
    const forced = cli(['list'], { ...env, FORCE_COLOR: '1' });
    assert.match(forced.stdout, /\u001b\[32mvalid\u001b\[39m/, 'valid in green');
    // Colour codes take no columns: the table still fits.
    assert.deepEqual(overWidth(forced.stdout, 80), []);
    assert.doesNotMatch(cli(['list'], env).stdout, /\u001b/, 'a pipe gets no colour');
    assert.doesNotMatch(cli(['list', '--no-color'], { ...env, FORCE_COLOR: '1' }).stdout, /\u001b/);
    assert.doesNotMatch(cli(['--no-color', 'list'], { ...env, FORCE_COLOR: '1' }).stdout, /\u001b/);
    assert.doesNotMatch(cli(['list', '--json'], { ...env, FORCE_COLOR: '1' }).stdout, /\u001b/, '--json is never coloured');
  });
});

test('a name that is not a profile exits 2 in every command that takes one, as the README says', () => {
  withTempHome({}, (home) => {
    const env = fixtureEnv(home, 'seed-config', 'seed-credentials', { AWS_ENDPOINT_URL_STS: 'http://127.0.0.1:9' });
    for (const args of [['show', 'nope'], ['refresh', 'nope'], ['export', 'nope'], ['verify', 'nope'], ['clear-cache', 'nope'], ['keep', 'nope'], ['credential-process', 'nope'], ['exec', 'nope', '--', 'true']]) {
      const run = runCli(args, env);
      assert.equal(run.code, 2, `${args.join(' ')}: ${run.stderr}`);
      assert.match(run.stderr, /nope/);
    }
    const readme = readFileSync(join(__dirname, '..', '..', 'README.md'), 'utf8') + readFileSync(join(__dirname, '..', '..', 'docs', 'commands.md'), 'utf8');
    assert.match(readme, /2 a usage error, also a name that is not a profile|2 usage\s+error \(also a name that is not a profile\)/);
  });
});

/** Runs `script` in a real shell with the completion loaded, and returns what it printed. */
function inShell(shell: 'bash' | 'zsh' | 'fish', completion: string, script: string, env: Record<string, string>): string {
  const dir = env.HOME!;
  const file = join(dir, `completion.${shell}`);
  writeFileSync(file, completion);
  const invocation: Record<typeof shell, string[]> = { bash: ['bash', '--norc', '--noprofile', '-c'], zsh: ['zsh', '-f', '-c'], fish: ['fish', '--no-config', '-c'] };
  const [command, ...args] = invocation[shell];
  const result = spawnSync(command!, [...args, script.replaceAll('COMPLETION', file)], { env, encoding: 'utf8' });
  assert.equal(result.status, 0, `${shell}: ${result.stderr}`);
  return result.stdout;
}

const SHELL_CONFIG = '[default]\nregion = eu-west-1\n\n[profile prod-admin]\nrole_arn = arn:aws:iam::123456789012:role/admin\nsource_profile = base\n\n[profile with space]\nregion = eu-west-1\n\n[sso-session corp]\nsso_start_url = https://example.awsapps.com/start\n';

test('completion scripts complete commands, options, profile names from the files and shells in real bash, zsh and fish', () => {
  withTempHome({ config: SHELL_CONFIG, credentials: '[base]\naws_access_key_id = AKIABASE\naws_secret_access_key = x\n' }, (home) => {
    const env = { ...home.env, LANG: 'C' };
    const script = (shell: string): string => {
      const run = cli(['completion', shell], env);
      assert.equal(run.status, 0, run.stderr);
      return run.stdout;
    };
    const bashAsk = (words: string[]): string[] =>
      inShell('bash', script('bash'), `source COMPLETION; COMP_WORDS=(${words.map((w) => `'${w}'`).join(' ')}); COMP_CWORD=${words.length - 1}; _rolekeeper; printf '%s\\n' "\${COMPREPLY[@]}"`, env)
        .split('\n')
        .filter(Boolean);
    assert.deepEqual(bashAsk(['rolekeeper', 'show', 'pro']), ['prod-admin']);
    assert.deepEqual(bashAsk(['rolekeeper', 'refresh', 'b']), ['base']);
    assert.ok(bashAsk(['rolekeeper', 'ex']).includes('export') && bashAsk(['rolekeeper', 'ex']).includes('exec'));
    assert.deepEqual(bashAsk(['rolekeeper', 'export', '--shell', 'fi']), ['fish']);
    assert.deepEqual(bashAsk(['rolekeeper', 'list', '--j']), ['--json']);
    assert.deepEqual(bashAsk(['rolekeeper', 'sso', 'l']), ['login']);
    assert.deepEqual(bashAsk(['rolekeeper', 'init', 'z']), ['zsh']);
    assert.ok(bashAsk(['rolekeeper', 'show', 'w']).includes('with space'));
    assert.ok(!bashAsk(['rolekeeper', 'show', '']).includes('corp'), 'an sso-session is not a profile');

    // zsh: compadd is the completion system's builtin; outside a Tab press a function stands in for it.
    const zshAsk = (words: string[]): string[] =>
      inShell('zsh', script('zsh'), `compdef() { :; }; compadd() { [[ $1 == -- ]] && shift; print -l -- "$@"; }; source COMPLETION; words=(${words.map((w) => `'${w}'`).join(' ')}); CURRENT=${words.length}; _rolekeeper`, env)
        .split('\n')
        .filter((word) => word.startsWith(words[words.length - 1]!) && word !== '');
    assert.deepEqual(zshAsk(['rolekeeper', 'show', 'pro']), ['prod-admin']);
    assert.deepEqual(zshAsk(['rolekeeper', 'export', '--shell', 'po']), ['powershell']);
    assert.ok(zshAsk(['rolekeeper', 'k']).includes('keep'));

    // fish answers `complete -C` exactly as it would on Tab.
    const fishAsk = (line: string): string[] =>
      inShell('fish', script('fish'), `source COMPLETION; complete -C '${line}'`, env)
        .split('\n')
        .filter(Boolean)
        .map((entry) => entry.split('\t')[0]!);
    assert.deepEqual(fishAsk('rolekeeper show pro'), ['prod-admin']);
    assert.ok(fishAsk('rolekeeper ex').includes('export'));
    assert.deepEqual(fishAsk('rolekeeper export --shell fi'), ['fish']);
    assert.ok(fishAsk('rolekeeper list --').includes('--json'));
  });
});

test('init prints completions, a function through which `use` changes the shell, and a prompt segment', () => {
  withTempHome({ config: '[profile keys]\nregion = eu-west-1\naws_access_key_id = ASIAINITINITINIT0001\naws_secret_access_key = init-secret\naws_session_token = init-token\nx_security_token_expires = 2099-01-01T00:00:00Z\n' }, (home) => {
    const env = { ...home.env, LANG: 'C', PATH: `${join(home.home, 'bin')}:${process.env.PATH}` };
    // `rolekeeper` on PATH is this build.
    home.write('bin/rolekeeper', `#!/bin/sh\nexec "${process.execPath}" "${ROLEKEEPER_BIN}" "$@"\n`);
    spawnSync('chmod', ['+x', join(home.home, 'bin', 'rolekeeper')]);
    for (const shell of ['bash', 'zsh'] as const) {
      const init = cli(['init', shell], env).stdout;
      const out = inShell(shell, init.replace(/^compdef .*$/m, ':').replace(/^if \(\( ! \$\+functions\[compdef\] \)\).*$/m, ':'), 'source COMPLETION; rolekeeper use keys; echo "key=$AWS_ACCESS_KEY_ID"; echo "prompt=$(rolekeeper_prompt)"', env);
      assert.match(out, /^key=ASIAINITINITINIT0001$/m, shell);
      assert.match(out, /^prompt=\[keys \d+m\] $/m, shell);
    }
    const fishInit = cli(['init', 'fish'], env).stdout;
    const fishOut = inShell('fish', fishInit, 'source COMPLETION; rolekeeper use keys; echo "key=$AWS_ACCESS_KEY_ID"; echo "prompt="(rolekeeper_prompt)', env);
    assert.match(fishOut, /^key=ASIAINITINITINIT0001$/m);
    assert.match(fishOut, /^prompt=\[keys \d+m\] $/m);
    const powershell = cli(['init', 'powershell'], env).stdout;
    assert.match(powershell, /Register-ArgumentCompleter -Native -CommandName rolekeeper/);
    assert.match(powershell, /function rolekeeper_prompt/);
    assert.equal(cli(['init', 'cmd'], env).status, 2);
  });
});

test('the man page and docs/commands.md are made from the help text, and the checked-in reference matches', () => {
  withTempHome({}, (home) => {
    const env = { ...home.env, LANG: 'C' };
    const man = cli(['man'], env).stdout;
    assert.match(man, /^\.TH ROLEKEEPER 1 /);
    const listHelp = cli(['help', 'list'], env).stdout;
    const description = /\n\n(.+)\n/.exec(listHelp)?.[1] ?? '';
    assert.ok(description.length > 10 && man.includes(description.replace(/-/g, '\\-')), 'list\'s description is in the man page');
    const built = readFileSync(join(__dirname, '..', '..', 'dist', 'man', 'rolekeeper.1'), 'utf8');
    assert.equal(built, man, 'dist/man/rolekeeper.1 is what `rolekeeper man` prints');
    const checkedIn = readFileSync(join(__dirname, '..', '..', 'docs', 'commands.md'), 'utf8');
    const generated = spawnSync(process.execPath, ['-e', `process.stdout.write(require(${JSON.stringify(join(__dirname, '..', '..', 'dist', 'main', 'cli', 'main.js'))}).referenceTexts().commandReference)`], { env, encoding: 'utf8' }).stdout;
    assert.equal(checkedIn, generated, 'docs/commands.md is stale: run npm run docs:commands');
    assert.ok(checkedIn.includes(description));
  });
});
