// A real STS/IAM emulator on loopback: moto_server, started on a free port for a test file
// (or shared when .ci/run exported ROLEKEEPER_TEST_MOTO_URL).
import { spawn, type ChildProcess } from 'node:child_process';
import { createServer } from 'node:net';

export interface Moto {
  url: string;
  stop(): Promise<void>;
}

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

async function waitUntilUp(url: string, child: ChildProcess | null, deadlineMs: number): Promise<void> {
  const started = Date.now();
  let lastError: unknown;
  while (Date.now() - started < deadlineMs) {
    if (child && child.exitCode !== null) throw new Error(`moto_server exited with code ${child.exitCode}`);
    try {
      const response = await fetch(`${url}/moto-api/`);
      if (response.status < 500) return;
    } catch (error) {
      lastError = error;
    }
    await new Promise((r) => setTimeout(r, 150));
  }
  throw new Error(`moto_server did not answer at ${url}: ${String(lastError)}`);
}

export async function startMoto(): Promise<Moto> {
  const shared = process.env.ROLEKEEPER_TEST_MOTO_URL;
  if (shared) {
    await waitUntilUp(shared, null, 20_000);
    return { url: shared, stop: async () => undefined };
  }
  const port = await freePort();
  const child = spawn('moto_server', ['-H', '127.0.0.1', '-p', String(port)], { stdio: 'ignore' });
  const url = `http://127.0.0.1:${port}`;
  await waitUntilUp(url, child, 30_000);
  return {
    url,
    stop: () =>
      new Promise((resolve) => {
        if (child.exitCode !== null) return resolve();
        child.once('exit', () => resolve());
        child.kill('SIGTERM');
      }),
  };
}

/** Moto accepts any access key; these are the conventional fake ones (never real secrets). */
export const MOTO_ACCOUNT_ID = '123456789012';
