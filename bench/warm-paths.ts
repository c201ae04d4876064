// The commands a shell runs on every prompt or AWS call, each against `node -e 0` (target ≤ 1.2×):
// `export` of a profile whose keys need no STS call, `credential-process` served from its cache,
// and `list` on the seed's files.
import { rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { benchHome } from './bench-home';
import { alternate, heading, median, ms, row, timeCommand } from './measure';

const BIN = join(__dirname, '..', 'bin', 'rolekeeper.js');
const RUNS = 30;
const TARGET_RATIO = 1.2;

const WARM_COMMANDS: Array<{ label: string; args: string[] }> = [
  { label: 'export keys --shell bash', args: ['export', 'keys', '--shell', 'bash'] },
  { label: 'credential-process project1', args: ['credential-process', 'project1'] },
  { label: 'list', args: ['list'] },
];

export async function run(): Promise<void> {
  heading('warm paths vs node -e 0 (medians, alternating runs)');
  const { home, env } = await benchHome();
  // A profile with session keys valid for years: export prints them without any STS call.
  writeFileSync(
    join(home, '.aws', 'config'),
    '[profile project1]\nrole_arn = arn:aws:iam::123456789012:role/deploy\nsource_profile = base\nregion = eu-west-1\n\n' +
      '[profile keys]\nregion = eu-west-1\naws_access_key_id = ASIABENCHBENCHBENCH1\naws_secret_access_key = bench-secret-not-real\n' +
      'aws_session_token = bench-token-not-real\nx_security_token_expires = 2099-01-01T00:00:00Z\n',
  );
  try {
    for (const command of WARM_COMMANDS) {
      timeCommand(process.execPath, [BIN, ...command.args], env);
      const times = alternate(
        RUNS,
        () => timeCommand(process.execPath, [BIN, ...command.args], env),
        () => timeCommand(process.execPath, ['-e', '0'], env),
      );
      const ratio = median(times.a) / median(times.b);
      row(`${command.label}: ${ms(median(times.a))} vs ${ms(median(times.b))}`, `${ratio.toFixed(2)}×`, { target: `≤ ${TARGET_RATIO}×`, met: ratio <= TARGET_RATIO });
    }
  } finally {
    rmSync(home, { recursive: true, force: true });
  }
}
