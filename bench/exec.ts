// `rolekeeper exec PROFILE -- COMMAND` against running COMMAND directly: what a user waits for
// before the command starts and after it ends: directly and through exec --env, alternating so
// noise hits both alike.
// The child is `node -e 0`, and `aws --version` when the AWS CLI v2 is installed.
import { existsSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { benchHome, writeValidCliCacheEntry } from './bench-home';
import { heading, median, ms, row, timeCommand } from './measure';

const BIN = join(__dirname, '..', 'bin', 'rolekeeper.js');
const RUNS = 15;

function measure(label: string, child: string[], env: NodeJS.ProcessEnv): void {
  const ways: Array<[string, () => number]> = [
    [`${label} directly`, () => timeCommand(child[0], child.slice(1), env)],
    ['  through rolekeeper exec --env', () => timeCommand(process.execPath, [BIN, 'exec', '--env', 'project1', '--', ...child], env)],
  ];
  const times = ways.map(() => [] as number[]);
  for (let run = 0; run < RUNS; run++) ways.forEach(([, time], index) => times[index].push(time()));
  const direct = median(times[0]);
  ways.forEach(([name], index) => {
    const value = median(times[index]);
    row(`${name} median (${RUNS} runs)`, index === 0 ? ms(value) : `${ms(value)}  (+${ms(value - direct)})`);
  });
}

export async function run(): Promise<void> {
  heading('rolekeeper exec vs the command directly (credentials from the process cache; no STS call)');
  const { home, env } = await benchHome();
  writeValidCliCacheEntry(home);
  try {
    const children: Array<[string, string[]]> = [['node -e 0', [process.execPath, '-e', '0']]];
    if (existsSync('/usr/bin/aws')) children.push(['aws --version', ['/usr/bin/aws', '--version']]);
    // exec through the endpoint (the default) calls STS before the child starts, daemon or not, so
    // it is not measured against a closed STS port here; --env is served from the cache.
    for (const [label, child] of children) measure(label, child, env);
  } finally {
    rmSync(home, { recursive: true, force: true });
  }
}
