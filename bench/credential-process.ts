// `rolekeeper credential-process` runs on every AWS call of every SDK: its median, served from
// Rolekeeper's process cache, against `node -e 0` on the same machine (goal: at most 1.1×, issue 19).
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { benchHome } from './bench-home';
import { alternate, heading, median, ms, row, timeCommand } from './measure';

const BIN = join(__dirname, '..', 'bin', 'rolekeeper.js');
const RUNS = 40;
const TARGET_RATIO = 1.1;

export async function run(): Promise<void> {
  heading('rolekeeper credential-process (served from the process cache) vs node -e 0');
  const { home, env } = await benchHome();
  try {
    // Warm the file system cache for both.
    timeCommand(process.execPath, [BIN, 'credential-process', 'project1'], env);
    timeCommand(process.execPath, ['-e', '0'], env);
    const times = alternate(
      RUNS,
      () => timeCommand(process.execPath, [BIN, 'credential-process', 'project1'], env),
      () => timeCommand(process.execPath, ['-e', '0'], env),
    );
    const ours = median(times.a);
    const baseline = median(times.b);
    const ratio = ours / baseline;
    row(`credential-process median (${RUNS} runs, alternating)`, ms(ours));
    row(`node -e 0 median (${RUNS} runs, alternating)`, ms(baseline));
    row('ratio', `${ratio.toFixed(2)}×`, { target: `≤ ${TARGET_RATIO}×`, met: ratio <= TARGET_RATIO });
  } finally {
    rmSync(home, { recursive: true, force: true });
  }
}
