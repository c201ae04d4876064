// `setup credential-process` writes the line it prints, with a command that survives; doctor flags
// credential_process lines whose program is gone. Through the built CLI (`npm run build` first).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, mkdirSync, readdirSync, readFileSync, symlinkSync } from 'node:fs';
import { join } from 'node:path';
import { withTempHome, type TempHome } from '../helpers/temp-home';
import { ROLEKEEPER_BIN, runCli } from '../helpers/run-cli';

const CONFIG = '[profile project1]\nrole_arn = arn:aws:iam::123456789012:role/deploy\nsource_profile = base\nregion = eu-west-1\n';
const CREDENTIALS = '[base]\naws_access_key_id = AKIAEXAMPLEEXAMPLE12\naws_secret_access_key = not-a-real-secret-value\n';
const ENGLISH = { LANG: 'C', LC_ALL: '', LC_MESSAGES: '' };

function writtenLine(home: TempHome): string {
  const match = /credential_process = (.*)\n/.exec(readFileSync(home.configFile, 'utf8'));
  assert.ok(match, 'a credential_process line was written');
  return match[1];
}

test('setup credential-process writes the rolekeeper on PATH that runs this installation, and prints exactly that line', () => {
  withTempHome({ config: CONFIG, credentials: CREDENTIALS }, (home) => {
    const binDir = join(home.home, 'npm-global', 'bin');
    mkdirSync(binDir, { recursive: true });
    const link = join(binDir, 'rolekeeper');
    symlinkSync(ROLEKEEPER_BIN, link);
    const result = runCli(['setup', 'credential-process', 'project1'], { ...home.env, ...ENGLISH, PATH: `${binDir}:${home.env.PATH}` });
    assert.equal(result.code, 0, result.stderr);
    assert.equal(writtenLine(home), `${link} credential-process project1`);
    assert.ok(result.stdout.includes(`credential_process = ${link} credential-process project1\n`), result.stdout);
    assert.doesNotMatch(result.stderr, /absolute path/);
  });
});

test('without a rolekeeper on PATH, setup writes node and this bin/rolekeeper.js, prints that same line and says why', () => {
  withTempHome({ config: CONFIG, credentials: CREDENTIALS }, (home) => {
    const result = runCli(['setup', 'credential-process', 'project1'], { ...home.env, ...ENGLISH, PATH: '/usr/bin:/bin' });
    assert.equal(result.code, 0, result.stderr);
    const line = writtenLine(home);
    assert.equal(line, `${process.execPath} ${ROLEKEEPER_BIN} credential-process project1`);
    assert.ok(result.stdout.includes(`credential_process = ${line}\n`), result.stdout);
    assert.match(result.stderr, /absolute path because no rolekeeper on PATH/);
  });
});

test('doctor flags credential_process lines whose program or node script no longer exists, naming profile and file:line', () => {
  const config = [
    '[profile gone-binary]',
    'credential_process = /opt/removed/rolekeeper credential-process project1',
    '[profile gone-script]',
    `credential_process = ${process.execPath} /home/someone/moved-clone/bin/rolekeeper.js credential-process project1`,
    '[profile gone-bare]',
    'credential_process = no-such-helper-anywhere --profile x',
    '[profile fine]',
    `credential_process = ${process.execPath} ${ROLEKEEPER_BIN} credential-process project1`,
    '',
  ].join('\n');
  withTempHome({ config, credentials: CREDENTIALS }, (home) => {
    const result = runCli(['doctor', '--offline', '--json'], { ...home.env, ...ENGLISH });
    const { findings } = JSON.parse(result.stdout) as { findings: Array<{ code: string; profile: string | null; line?: number; message: string; fix: string | null }> };
    const missing = findings.filter((item) => item.code === 'credential-process-missing');
    assert.deepEqual(missing.map((item) => [item.profile, item.line]), [['gone-binary', 2], ['gone-script', 4], ['gone-bare', 6]]);
    assert.match(missing[0].message, /\/opt\/removed\/rolekeeper, which does not exist/);
    assert.match(missing[0].fix ?? '', /rolekeeper setup credential-process project1 --as NEW_NAME/);
    assert.match(missing[1].message, /moved-clone\/bin\/rolekeeper\.js, which does not exist/);
    assert.equal(result.code, 1);
  });
});

test('show masks secrets inside a nested block (s3 = then indented keys)', () => {
  const nestedSecret = 'nested-secret-value-not-real-0001';
  const config = `[profile nested]\nregion = eu-west-1\ns3 =\n  aws_secret_access_key = ${nestedSecret}\n  max_concurrent_requests = 20\n`;
  withTempHome({ config }, (home) => {
    for (const args of [['show', 'nested'], ['show', 'nested', '--json']]) {
      const result = runCli(args, { ...home.env, ...ENGLISH });
      assert.equal(result.code, 0, result.stderr);
      assert.ok(!result.stdout.includes(nestedSecret), `${args.join(' ')} printed the nested secret`);
      assert.match(result.stdout, /s3\.aws_secret_access_key/);
      assert.match(result.stdout, /0001/, 'the last 4 characters identify it');
      assert.match(result.stdout, /max_concurrent_requests/);
    }
  });
});

test('control characters in profile names and values reach the terminal escaped, in list, show, doctor and errors', () => {
  const config = '[profile evil\u001b]0;pwned\u0007]\nregion = eu\u001b[2Jwest-1\n';
  withTempHome({ config }, (home) => {
    const outputs = [
      // Wide enough that no name is shortened to fit (terminal-fit.test.ts covers that).
      runCli(['list'], { ...home.env, ...ENGLISH, COLUMNS: '200' }),
      runCli(['show', 'evil\u001b]0;pwned\u0007'], { ...home.env, ...ENGLISH }),
      runCli(['doctor', '--offline'], { ...home.env, ...ENGLISH }),
      runCli(['show', 'missing\u001b[31m'], { ...home.env, ...ENGLISH }),
    ];
    for (const result of outputs) {
      assert.doesNotMatch(result.stdout + result.stderr, /[\u0007\u001b]/);
    }
    assert.match(outputs[0].stdout, /evil\\u001b\]0;pwned\\u0007/);
    assert.match(outputs[1].stdout, /eu\\u001b\[2Jwest-1/);
    assert.match(outputs[3].stderr, /missing\\u001b\[31m/);
    const json = runCli(['list', '--json'], { ...home.env, ...ENGLISH });
    assert.ok(JSON.stringify(JSON.parse(json.stdout)).includes('evil\\u001b]0;pwned\\u0007'), 'JSON stays valid and decodes to the real name');
  });
});

test('manage refuses names and values it cannot write, before profiles.json is touched', () => {
  withTempHome({ credentials: CREDENTIALS }, (home) => {
    const base = ['--role-arn', 'arn:aws:iam::123456789012:role/deploy', '--source-profile', 'base'];
    const cases: Array<[string[], RegExp]> = [
      [['manage', 'two\nlines', ...base], /profile name "two\\nlines": a profile name cannot hold a line break/],
      [['manage', 'br]acket', ...base], /cannot hold \[ or \]/],
      [['manage', ' padded', ...base], /cannot start or end with a space/],
      [['manage', 'fine', ...base, '--region', 'eu-west-1\n[profile x]'], /--region "eu-west-1\\n\[profile x\]": it holds a line break/],
      [['manage', 'fine', ...base, '--region', 'eu west 1'], /a region is letters, digits and dashes/],
      [['manage', 'fine', ...base, '--external-id', 'a\rb'], /--external-id "a\\rb": it holds a line break/],
    ];
    for (const [args, message] of cases) {
      const result = runCli(args, { ...home.env, ...ENGLISH });
      assert.equal(result.code, 2, `${JSON.stringify(args)}: ${result.stderr}`);
      assert.match(result.stderr, message);
    }
    assert.ok(!existsSync(join(home.home, '.config', 'rolekeeper', 'profiles.json')) && !readdirSync(home.home, { recursive: true }).some((file) => String(file).endsWith('profiles.json')), 'nothing was stored');
  });
});
