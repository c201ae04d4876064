// Reading and resolving many profiles: 10,000 with source_profile chains under 300 ms, growing linearly.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadProfiles } from '../src/main/core/aws-config/profile-loader';
import { heading, median, ms, row, timeSync } from './measure';

/** `count` profiles: a tenth hold keys, the rest assume roles in chains of up to three hops. */
export function generate(count: number): { config: string; credentials: string } {
  const config: string[] = [];
  const credentials: string[] = [];
  for (let i = 0; i < count; i++) {
    if (i % 10 === 0) {
      credentials.push(`[user${i}]`, `aws_access_key_id = AKIAEXAMPLE${String(i).padStart(9, '0')}`, 'aws_secret_access_key = not-a-secret-example-value', '');
      config.push(`[profile user${i}]`, 'region = eu-west-1', '');
    } else {
      const source = i % 10 === 1 ? `user${i - 1}` : `role${i - 1}`;
      config.push(
        `[profile role${i}]`,
        `role_arn = arn:aws:iam::123456789012:role/Role${i}`,
        `source_profile = ${source}`,
        '# a comment line',
        'region = us-east-1',
        '',
      );
    }
  }
  // Profiles named roleN where N % 10 === 0 do not exist; name them userN above.
  return { config: config.join('\n').replace(/source_profile = role(\d*0)\b/g, 'source_profile = user$1'), credentials: credentials.join('\n') };
}

export async function run(): Promise<void> {
  heading('Reading and resolving profiles (loadProfiles, in process)');
  const home = mkdtempSync(join(tmpdir(), 'rolekeeper-bench-profiles-'));
  try {
    const perCount = new Map<number, number>();
    for (const count of [1_000, 5_000, 10_000]) {
      const files = generate(count);
      const configFile = join(home, `config-${count}`);
      const credentialsFile = join(home, `credentials-${count}`);
      writeFileSync(configFile, files.config);
      writeFileSync(credentialsFile, files.credentials);
      const environment = { env: { HOME: home, AWS_CONFIG_FILE: configFile, AWS_SHARED_CREDENTIALS_FILE: credentialsFile }, platform: process.platform, homeDir: home };
      const check = loadProfiles(environment);
      if (check.profiles.length !== count) throw new Error(`expected ${count} profiles, read ${check.profiles.length}`);
      const times: number[] = [];
      for (let i = 0; i < 7; i++) times.push(timeSync(() => loadProfiles(environment)));
      perCount.set(count, median(times));
      row(`${count.toLocaleString('en')} profiles (median of 7)`, ms(median(times)), count === 10_000 ? { target: '< 300 ms', met: median(times) < 300 } : undefined);
    }
    const ratio = (perCount.get(10_000) as number) / (perCount.get(1_000) as number);
    row('growth 1,000 → 10,000 profiles (10× the input)', `${ratio.toFixed(1)}×`, { target: 'about 10× (linear)', met: ratio < 15 });
  } finally {
    rmSync(home, { recursive: true, force: true });
  }
}
