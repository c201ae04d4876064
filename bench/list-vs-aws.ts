// `rolekeeper list` over 10,000 profiles against AWS CLI v2's `aws configure list-profiles` over the
// same files (goal: ≤ 0.3× of it, issue 19). `credential-process` against `node -e 0` is in
// credential-process.ts, the daemon's memory in daemon-memory.ts.
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { generate } from './profiles';
import { alternate, heading, median, ms, row, timeCommand } from './measure';

const BIN = join(__dirname, '..', 'bin', 'rolekeeper.js');
const AWS_V2 = '/usr/bin/aws';
const RUNS = 11;
const LIST_GOAL = 0.3;

export async function run(): Promise<void> {
  heading('list over 10,000 profiles vs AWS CLI v2 configure list-profiles (medians, alternating runs)');
  if (!existsSync(AWS_V2)) {
    row('AWS CLI v2', `not at ${AWS_V2}`);
    return;
  }
  const home = mkdtempSync(join(tmpdir(), 'rolekeeper-bench-list-'));
  try {
    const files = generate(10_000);
    writeFileSync(join(home, 'config'), files.config);
    writeFileSync(join(home, 'credentials'), files.credentials);
    const env = { PATH: process.env.PATH, HOME: home, LANG: 'C', AWS_CONFIG_FILE: join(home, 'config'), AWS_SHARED_CREDENTIALS_FILE: join(home, 'credentials') };
    timeCommand(process.execPath, [BIN, 'list'], env);
    const times = alternate(
      RUNS,
      () => timeCommand(process.execPath, [BIN, 'list'], env),
      () => timeCommand(AWS_V2, ['configure', 'list-profiles'], env),
    );
    const ratio = median(times.a) / median(times.b);
    row(`list: ${ms(median(times.a))} vs ${ms(median(times.b))}`, `${ratio.toFixed(2)}×`, { target: `≤ ${LIST_GOAL}×`, met: ratio <= LIST_GOAL });
  } finally {
    rmSync(home, { recursive: true, force: true });
  }
}
