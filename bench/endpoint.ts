// The loopback container-credentials endpoint as `rolekeeper daemon` serves it (a child process, so
// server and client do not share one event loop): median latency of sequential GETs and requests/s
// with a few keep-alive connections. Targets: under 1 ms, at least 5,000 requests/s.
import { spawn } from 'node:child_process';
import { Agent, request } from 'node:http';
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { endpointTokens } from '../src/main/core/credentials/endpoint-export';
import { benchHome, writeValidCliCacheEntry } from './bench-home';
import { heading, median, ms, percentile, row } from './measure';

const BIN = join(__dirname, '..', 'bin', 'rolekeeper.js');
const LATENCY_REQUESTS = 2_000;
const THROUGHPUT_REQUESTS = 20_000;
const CONNECTIONS = 8;

function get(agent: Agent, port: number, token: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const req = request(
      { host: '127.0.0.1', port, path: '/v1/credentials/project1', agent, headers: { authorization: token } },
      (response) => {
        response.resume();
        response.on('end', () => resolve(response.statusCode ?? 0));
      },
    );
    req.on('error', reject);
    req.end();
  });
}

export async function run(): Promise<void> {
  heading('Loopback credentials endpoint (rolekeeper daemon, keep-alive HTTP/1.1)');
  const { home, env } = await benchHome();
  const environment = { env, platform: process.platform, homeDir: home };
  writeValidCliCacheEntry(home);
  const token = endpointTokens(environment).ensure('project1');
  const daemon = spawn(process.execPath, [BIN, 'daemon', '--endpoint-port', '0'], { env, stdio: ['ignore', 'ignore', 'pipe'] });
  const agent = new Agent({ keepAlive: true, maxSockets: CONNECTIONS });
  try {
    const port = await new Promise<number>((resolve, reject) => {
      let log = '';
      const timer = setTimeout(() => reject(new Error(`the daemon did not start: ${log}`)), 15_000);
      daemon.stderr.setEncoding('utf8');
      daemon.stderr.on('data', (chunk: string) => {
        log += chunk;
        const match = /endpoint listening on http:\/\/127\.0\.0\.1:(\d+)/.exec(log);
        if (match) {
          clearTimeout(timer);
          resolve(Number(match[1]));
        }
      });
    });
    const first = await get(agent, port, token);
    if (first !== 200) throw new Error(`the endpoint answered ${first}`);
    for (let i = 0; i < 200; i++) await get(agent, port, token); // warm-up

    const latencies: number[] = [];
    for (let i = 0; i < LATENCY_REQUESTS; i++) {
      const started = process.hrtime.bigint();
      await get(agent, port, token);
      latencies.push(Number(process.hrtime.bigint() - started) / 1e6);
    }
    const latency = median(latencies);
    row(`median latency (${LATENCY_REQUESTS} sequential GETs)`, ms(latency), { target: '< 1 ms', met: latency < 1 });
    row('p99 latency', ms(percentile(latencies, 99)));

    let sent = 0;
    let failed = 0;
    const started = process.hrtime.bigint();
    await Promise.all(
      Array.from({ length: CONNECTIONS }, async () => {
        while (sent < THROUGHPUT_REQUESTS) {
          sent += 1;
          if ((await get(agent, port, token)) !== 200) failed += 1;
        }
      }),
    );
    const seconds = Number(process.hrtime.bigint() - started) / 1e9;
    const perSecond = THROUGHPUT_REQUESTS / seconds;
    row(`requests/s (${THROUGHPUT_REQUESTS} GETs, ${CONNECTIONS} connections)`, `${Math.round(perSecond)}`, { target: '>= 5000', met: perSecond >= 5000 && failed === 0 });
    if (failed > 0) row('non-200 answers', String(failed));
  } finally {
    agent.destroy();
    daemon.kill('SIGTERM');
    await new Promise((resolve) => daemon.once('exit', resolve));
    rmSync(home, { recursive: true, force: true });
  }
}
