// Every `fix` in `doctor --json` is command lines of its shell: over the fixture corpus (and the
// seed's broken shell), each parses with `bash -n`, `zsh -n` or `fish --no-execute`; words live in
// `advice`, never where a command goes.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { makeTempHome } from '../helpers/temp-home';
import { runCli } from '../helpers/run-cli';
import type { Finding } from '../../src/shared/profile-summary';

const CORPUS = join(process.cwd(), 'test', 'fixtures', 'profiles');
const SHELLS = ['bash', 'zsh', 'fish'] as const;
type Shell = (typeof SHELLS)[number];
const SHELL_PATHS: Record<Shell, string> = { bash: '/bin/bash', zsh: '/usr/bin/zsh', fish: '/usr/bin/fish' };

/** The seed's broken shell: expired keys exported, a stale AWS_SECURITY_TOKEN, AWS_PROFILE naming nothing. */
const BROKEN_SHELL = {
  AWS_ACCESS_KEY_ID: 'ASIAEXPORTEDPARSE001',
  AWS_SECRET_ACCESS_KEY: 'exportedsecret/parse0000000000000000000',
  AWS_SESSION_TOKEN: 'FwoGZXIvYXdzSessionParse',
  AWS_SECURITY_TOKEN: 'FwoGZXIvYXdzOlderParse',
  AWS_CREDENTIAL_EXPIRATION: '2020-01-01T00:00:00Z',
  AWS_PROFILE: "it's $(touch PWNED)",
};

function parses(shell: Shell, text: string): { ok: boolean; stderr: string } {
  const args = shell === 'fish' ? ['--no-execute', '-c', text] : ['-n', '-c', text];
  const result = spawnSync(shell, args, { encoding: 'utf8', env: { PATH: process.env.PATH ?? '/usr/bin:/bin', HOME: '/nonexistent' } });
  return { ok: result.status === 0, stderr: result.stderr };
}

function corpus(): Array<{ name: string; config: string; credentials: string }> {
  const files = readdirSync(CORPUS);
  const credentials = files.filter((file) => file.endsWith('-credentials')).map((file) => readFileSync(join(CORPUS, file), 'utf8')).join('\n');
  return files.filter((file) => file.endsWith('-config')).map((file) => ({ name: file, config: readFileSync(join(CORPUS, file), 'utf8'), credentials }));
}

test('every fix line doctor prints over the fixture corpus parses in its shell, named or guessed', () => {
  let checked = 0;
  for (const fixture of corpus()) {
    const home = makeTempHome({ config: fixture.config, credentials: fixture.credentials });
    try {
      home.write('.bashrc', 'export AWS_SESSION_TOKEN=FwoGZXIvYXdzBashrcParse\n');
      home.write('.config/fish/fish_variables', '# VERSION: 3.0\nSETUVAR --export AWS_ACCESS_KEY_ID:ASIAFISHPARSE0000001\n');
      home.write('.aws/cli/cache/0123456789abcdef0123456789abcdef01234567.json', '{not json');
      for (const shell of SHELLS) {
        for (const named of [true, false]) {
          const args = ['doctor', '--offline', '--json', ...(named ? ['--shell', shell] : [])];
          const result = runCli(args, { ...home.env, ...BROKEN_SHELL, SHELL: SHELL_PATHS[shell] });
          const findings = (JSON.parse(result.stdout) as { findings: Finding[] }).findings;
          assert.ok(findings.length > 0, fixture.name);
          for (const finding of findings) {
            if (finding.fix === null) {
              // No command: then the words are elsewhere (advice), never lost.
              if ((finding.repair ?? []).length === 0) continue;
              assert.ok(finding.advice, `${fixture.name} ${finding.code}: steps without a line need advice`);
              continue;
            }
            const parsed = parses(shell, finding.fix);
            assert.ok(parsed.ok, `${fixture.name} ${finding.code} (${named ? 'named' : 'guessed'} ${shell}): ${JSON.stringify(finding.fix)}\n${parsed.stderr}`);
            checked += 1;
          }
        }
      }
    } finally {
      home.cleanup();
    }
  }
  assert.ok(checked > 50, `checked ${checked} fix strings`);
});
