// SSO profile → credentials, through `rolekeeper credential-process` (what CLI v1 and the SDKs run
// on every call): cold (no cached role credentials: the SSO token file, GetRoleCredentials at the
// loopback SSO stand-in through the real SDK client, both caches written) and warm (served from
// Rolekeeper's process cache), against `node -e 0`. Commands run asynchronously: the stand-in
// answers from this process.
import { spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startSsoStandIn, standInEnv } from '../test/helpers/sso-stand-in';
import { createRolekeeperService } from '../src/main/core/service/rolekeeper-service';
import { processCacheDir } from '../src/main/core/caches/process-cache';
import { isolatedEnv } from './bench-home';
import { heading, median, ms, row } from './measure';

const BIN = join(__dirname, '..', 'bin', 'rolekeeper.js');
const RUNS = 15;

function timeCommandAsync(command: string, args: string[], env: NodeJS.ProcessEnv): Promise<number> {
  const started = process.hrtime.bigint();
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { env, stdio: ['ignore', 'ignore', 'pipe'] });
    let stderr = '';
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString('utf8')));
    child.on('error', reject);
    child.on('close', (code) => {
      if (code !== 0) reject(new Error(`${command} ${args.join(' ')} failed (${code}): ${stderr}`));
      else resolve(Number(process.hrtime.bigint() - started) / 1e6);
    });
  });
}

export async function run(): Promise<void> {
  heading('SSO profile → credentials (rolekeeper credential-process), warm and cold, vs node -e 0');
  const standIn = await startSsoStandIn();
  const home = mkdtempSync(join(tmpdir(), 'rolekeeper-bench-sso-'));
  try {
    mkdirSync(join(home, '.aws'), { recursive: true });
    writeFileSync(
      join(home, '.aws', 'config'),
      '[profile prod-ro]\nsso_session = corp\nsso_account_id = 111111111111\nsso_role_name = ReadOnly\n\n[sso-session corp]\nsso_start_url = https://d-1234567890.awsapps.com/start\nsso_region = us-east-1\n',
    );
    const env = isolatedEnv(home, { AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true', ...standInEnv(standIn) });
    const environment = { env: env as Record<string, string>, platform: process.platform, homeDir: home };
    const service = createRolekeeperService({ environment });
    await service.ssoLogin({ session: 'corp' }, { flow: 'device', onPrompt: () => undefined, sleep: async () => undefined });
    const args = [BIN, 'credential-process', 'prod-ro'];
    const forgetRoleCredentials = (): void => {
      rmSync(processCacheDir(environment), { recursive: true, force: true });
      rmSync(join(home, '.aws', 'cli', 'cache'), { recursive: true, force: true });
    };

    forgetRoleCredentials();
    await timeCommandAsync(process.execPath, args, env);
    await timeCommandAsync(process.execPath, ['-e', '0'], env);
    const cold: number[] = [];
    const warm: number[] = [];
    const baseline: number[] = [];
    const callsBefore = standIn.operations('GetRoleCredentials').length;
    for (let index = 0; index < RUNS; index += 1) {
      forgetRoleCredentials();
      cold.push(await timeCommandAsync(process.execPath, args, env));
      warm.push(await timeCommandAsync(process.execPath, args, env));
      baseline.push(await timeCommandAsync(process.execPath, ['-e', '0'], env));
    }
    const calls = standIn.operations('GetRoleCredentials').length - callsBefore;
    row(`cold: GetRoleCredentials + caches written (median of ${RUNS})`, ms(median(cold)));
    row(`warm: from the process cache (median of ${RUNS})`, ms(median(warm)));
    row(`node -e 0 (median of ${RUNS})`, ms(median(baseline)));
    row('warm / node -e 0', `${(median(warm) / median(baseline)).toFixed(2)}×`);
    row('GetRoleCredentials calls (cold runs only)', `${calls} for ${RUNS} cold + ${RUNS} warm runs`, { target: `${RUNS}`, met: calls === RUNS });
  } finally {
    await standIn.close();
    rmSync(home, { recursive: true, force: true });
  }
}
