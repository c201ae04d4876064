// `rolekeeper daemon` as a user leaves it running: one kept profile refreshed against moto_server on
// loopback and the endpoint listening. Its resident memory (VmRSS from /proc, as `ps` and `top`
// show it) 5 s after the first refresh and 20 s after (V8's memory reducer gives back the start's
// young generation after about 10 s of quiet), right after a burst of endpoint requests, and 20 s
// later; beside it `node` itself idling, the floor. Goal: ≤ 50 MB idle (issue 19).
import { spawn, type ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { Agent, request } from 'node:http';
import { join } from 'node:path';
import { changeStore } from '../src/main/core/credentials/rolekeeper-store';
import { endpointTokens } from '../src/main/core/credentials/endpoint-export';
import { freePort, startMoto, MOTO_ACCOUNT_ID } from '../test/helpers/moto';
import { makeTempHome } from '../test/helpers/temp-home';
import { heading, row } from './measure';

const BIN = join(__dirname, '..', 'bin', 'rolekeeper.js');
const IDLE_GOAL_MB = 50;
const BURST_REQUESTS = 5_000;
const CONNECTIONS = 8;
const EARLY_MS = 5_000;
const SETTLE_MS = 20_000;

/** VmRSS and VmHWM (peak) of a process, in MB. */
function residentMb(pid: number): { rss: number; peak: number } {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const kb = (field: string): number => Number(new RegExp(`^${field}:\\s+(\\d+) kB`, 'm').exec(status)?.[1] ?? NaN);
  return { rss: kb('VmRSS') / 1024, peak: kb('VmHWM') / 1024 };
}

const mb = (value: number): string => `${value.toFixed(1)} MB`;
const sleep = (delayMs: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, delayMs));

function get(agent: Agent, port: number, token: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port, path: '/v1/credentials/project1', agent, headers: { authorization: token } }, (response) => {
      response.resume();
      response.on('end', () => resolve(response.statusCode ?? 0));
    });
    req.on('error', reject);
    req.end();
  });
}

async function stop(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null) return;
  const exited = new Promise((resolve) => child.once('exit', resolve));
  child.kill('SIGTERM');
  await exited;
}

export async function run(): Promise<void> {
  heading('rolekeeper daemon resident memory (one kept profile, endpoint on; VmRSS)');
  if (process.platform !== 'linux') {
    row('daemon memory', 'measured from /proc on Linux only');
    return;
  }
  // The floor: node with nothing loaded, kept alive by one timer.
  const bare = spawn(process.execPath, ['-e', 'setInterval(() => {}, 1 << 30)'], { stdio: 'ignore' });
  await sleep(EARLY_MS);
  const floor = residentMb(bare.pid!);
  await stop(bare);

  const moto = await startMoto();
  const config = ['[profile base]', 'region = us-east-1', '', '[profile project1]', `role_arn = arn:aws:iam::${MOTO_ACCOUNT_ID}:role/deploy`, 'source_profile = base', ''].join('\n');
  const home = makeTempHome({
    config,
    credentials: '[base]\naws_access_key_id = AKIAIOSFODNN7EXAMPLE\naws_secret_access_key = not-a-real-secret\n',
    env: { AWS_ENDPOINT_URL_STS: moto.url, AWS_DEFAULT_REGION: 'us-east-1', AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true' },
  });
  const port = await freePort();
  await changeStore(home.environment, (data) => {
    data.settings.endpointPort = port;
    data.kept = ['project1'];
  });
  const daemon = spawn(process.execPath, [BIN, 'daemon'], { env: home.env, stdio: ['ignore', 'ignore', 'pipe'] });
  const agent = new Agent({ keepAlive: true, maxSockets: CONNECTIONS });
  let log = '';
  daemon.stderr!.setEncoding('utf8');
  daemon.stderr!.on('data', (chunk: string) => (log += chunk));
  try {
    const started = Date.now();
    while (!/project1 refreshed/.test(log) && daemon.exitCode === null && Date.now() - started < 30_000) await sleep(100);
    if (!/project1 refreshed/.test(log)) throw new Error(`the daemon did not refresh project1: ${log}`);
    await sleep(EARLY_MS);
    const early = residentMb(daemon.pid!);
    await sleep(SETTLE_MS - EARLY_MS);
    const idle = residentMb(daemon.pid!);
    // Read after the start: a keeper issues new tokens when it starts.
    const token = endpointTokens(home.environment).ensure('project1');

    const first = await get(agent, port, token);
    if (first !== 200) throw new Error(`the endpoint answered ${first}: ${log}`);
    let sent = 0;
    let failed = 0;
    await Promise.all(
      Array.from({ length: CONNECTIONS }, async () => {
        while (sent < BURST_REQUESTS) {
          sent += 1;
          if ((await get(agent, port, token)) !== 200) failed += 1;
        }
      }),
    );
    const afterBurst = residentMb(daemon.pid!);
    agent.destroy();
    await sleep(SETTLE_MS);
    const settled = residentMb(daemon.pid!);

    row('node itself, idle (the floor)', mb(floor.rss));
    row(`daemon ${EARLY_MS / 1000} s after its first refresh`, mb(early.rss));
    row(`daemon idle, ${SETTLE_MS / 1000} s after its first refresh`, `${mb(idle.rss)} (+${mb(idle.rss - floor.rss)} on node)`, { target: `≤ ${IDLE_GOAL_MB} MB`, met: idle.rss <= IDLE_GOAL_MB });
    row(`right after ${BURST_REQUESTS.toLocaleString('en')} endpoint requests (${CONNECTIONS} connections)`, `${mb(afterBurst.rss)} (peak ${mb(afterBurst.peak)})`);
    row(`${SETTLE_MS / 1000} s later`, mb(settled.rss));
    if (failed > 0) row('non-200 answers', String(failed));
  } finally {
    agent.destroy();
    await stop(daemon);
    home.cleanup();
    await moto.stop();
  }
}
