// The repair plan (every step once, in an order that works) and its application: files only where
// they belong, startup files only inside HOME, a symlink leading out of it left alone with a note.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { withTempHome } from '../../helpers/temp-home';
import { planRepair, shellLines } from '../../../src/main/core/repair/repair-plan';
import { applyRepairSteps } from '../../../src/main/core/repair/repair-apply';
import type { Finding } from '../../../src/shared/profile-summary';
import type { RepairStep } from '../../../src/shared/repair-steps';

function finding(code: string, repair: RepairStep[]): Finding {
  return { code, severity: 'error', profile: null, message: code, fix: null, repair };
}

test('a plan holds each step once, the shell variables merged, persisted lines and caches before refreshes, the person\'s commands last', () => {
  const plan = planRepair([
    finding('a', [{ kind: 'unset-variables', names: ['AWS_SECURITY_TOKEN'] }, { kind: 'run-command', argv: ['rolekeeper', 'sso', 'login', 'x'] }]),
    finding('b', [{ kind: 'refresh-profile', profile: 'p' }, { kind: 'remove-cache-entry', file: '/c/1.json' }]),
    finding('c', [{ kind: 'unset-variables', names: ['AWS_ACCESS_KEY_ID', 'AWS_SECURITY_TOKEN'] }, { kind: 'refresh-profile', profile: 'p' }]),
    finding('d', [{ kind: 'remove-persisted-variable', origin: { kind: 'file', variable: 'AWS_SESSION_TOKEN', file: '/h/.bashrc', line: 3 } }]),
    finding('e', []),
  ]);
  assert.deepEqual(plan.steps.map((step) => step.kind), ['remove-persisted-variable', 'remove-cache-entry', 'refresh-profile', 'unset-variables', 'run-command']);
  assert.deepEqual(plan.steps[3], { kind: 'unset-variables', names: ['AWS_ACCESS_KEY_ID', 'AWS_SECURITY_TOKEN'] });
  assert.deepEqual(plan.findings.map((item) => item.code), ['a', 'b', 'c', 'd']);
  assert.equal(shellLines(plan, { kind: 'bash', known: true, platform: 'linux' }), 'unset AWS_ACCESS_KEY_ID\nunset AWS_SECURITY_TOKEN\n');
  assert.equal(shellLines(plan, { kind: 'fish', known: true, platform: 'linux' }), 'set -e AWS_ACCESS_KEY_ID\nset -e AWS_SECURITY_TOKEN\n');
});

test('a startup file that is a symlink out of HOME is left alone and said so; one inside HOME is edited through the link', async () => {
  const outside = mkdtempSync(join(tmpdir(), 'rolekeeper-dotfiles-'));
  try {
    await withTempHome({ config: '' }, async (home) => {
      const target = join(outside, 'bashrc');
      writeFileSync(target, 'export AWS_SESSION_TOKEN=x\nalias a=b\n');
      symlinkSync(target, join(home.home, '.bashrc'));
      const inside = home.write('dotfiles/zshrc', 'alias a=b\nexport AWS_ACCESS_KEY_ID=ASIA\n');
      symlinkSync(inside, join(home.home, '.zshrc'));
      const outcomes = await applyRepairSteps(
        [
          { kind: 'remove-persisted-variable', origin: { kind: 'file', variable: 'AWS_SESSION_TOKEN', file: join(home.home, '.bashrc'), line: 1 } },
          { kind: 'remove-persisted-variable', origin: { kind: 'file', variable: 'AWS_ACCESS_KEY_ID', file: join(home.home, '.zshrc'), line: 2 } },
        ],
        { environment: home.environment, refresh: async () => undefined },
      );
      assert.equal(outcomes[0].status, 'refused');
      assert.match(outcomes[0].detail ?? '', /outside your home folder/);
      assert.equal(readFileSync(target, 'utf8'), 'export AWS_SESSION_TOKEN=x\nalias a=b\n', 'the file outside HOME is untouched');
      assert.equal(outcomes[1].status, 'done');
      assert.equal(readFileSync(inside, 'utf8'), 'alias a=b\n');
    });
  } finally {
    rmSync(outside, { recursive: true, force: true });
  }
});

test('files are removed only inside their own folders, and only startup files are edited', async () => {
  await withTempHome({ config: '' }, async (home) => {
    const stranger = home.write('notes.txt', 'export AWS_SESSION_TOKEN=x\n');
    const entry = home.write('.aws/cli/cache/abc.json', '{}');
    let refreshed = '';
    const outcomes = await applyRepairSteps(
      [
        { kind: 'remove-cache-entry', file: stranger },
        { kind: 'remove-cache-entry', file: entry },
        { kind: 'remove-persisted-variable', origin: { kind: 'file', variable: 'AWS_SESSION_TOKEN', file: stranger, line: 1 } },
        { kind: 'refresh-profile', profile: 'p' },
        { kind: 'unset-variables', names: ['AWS_PROFILE'] },
      ],
      { environment: home.environment, refresh: async (profile) => void (refreshed = profile) },
    );
    assert.deepEqual(outcomes.map((outcome) => outcome.status), ['refused', 'done', 'refused', 'done', 'not-automatic']);
    assert.ok(existsSync(stranger));
    assert.equal(readFileSync(stranger, 'utf8'), 'export AWS_SESSION_TOKEN=x\n');
    assert.ok(!existsSync(entry));
    assert.equal(refreshed, 'p');
  });
});
