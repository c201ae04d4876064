import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { statSync } from 'node:fs';
import { request } from 'node:http';
import { connect, type Socket } from 'node:net';
import { after, before, describe, it } from 'node:test';
import type { AwsCredentials } from '../../../src/main/core/model/credentials';
import {
  EndpointTokenStore,
  startContainerEndpoint,
  type ContainerEndpoint,
  type EndpointRequestEvent,
  ENDPOINT_PROOF_PATH,
  HEADERS_DEADLINE_MS,
  MAX_CONNECTIONS,
} from '../../../src/main/core/always-fresh/container-endpoint';
import { probeEndpoint } from '../../../src/main/core/always-fresh/endpoint-discovery';
import { fromHttp } from '@aws-sdk/credential-provider-http';
import { MOTO_ACCOUNT_ID, startMoto, type Moto } from '../../helpers/moto';
import { makeTempHome, type TempHome } from '../../helpers/temp-home';

// Fake values in the shape of real ones; moto accepts any key.
const FAKE: AwsCredentials = {
  accessKeyId: 'AKIAIOSFODNN7EXAMPLE',
  secretAccessKey: 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY',
  sessionToken: 'FwoGZXIvYXdzEXAMPLESESSIONTOKEN',
  expiration: new Date(Date.UTC(2099, 0, 1, 12, 30, 45, 123)),
  accountId: MOTO_ACCOUNT_ID,
};

interface Reply {
  status: number;
  contentType: string | undefined;
  body: string;
}

function get(url: string, init: { method?: string; headers?: Record<string, string> } = {}): Promise<Reply> {
  return new Promise((resolve, reject) => {
    const req = request(url, { method: init.method ?? 'GET', headers: init.headers, agent: false }, (res) => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (chunk) => (body += chunk));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, contentType: res.headers['content-type'], body }));
    });
    req.on('error', reject);
    req.end();
  });
}

interface Fixture {
  home: TempHome;
  tokens: EndpointTokenStore;
  endpoint: ContainerEndpoint;
  events: EndpointRequestEvent[];
  memory: Map<string, AwsCredentials>;
}

async function fixture(): Promise<Fixture> {
  const home = makeTempHome();
  const tokens = new EndpointTokenStore(`${home.home}/.rolekeeper`);
  const events: EndpointRequestEvent[] = [];
  const memory = new Map<string, AwsCredentials>([['dev', FAKE]]);
  const endpoint = await startContainerEndpoint({
    tokens,
    getCredentials: (profile) => memory.get(profile),
    onRequest: (event) => events.push(event),
  });
  return { home, tokens, endpoint, events, memory };
}

async function teardown(f: Fixture): Promise<void> {
  await f.endpoint.close();
  f.home.cleanup();
}

describe('container credentials endpoint', () => {
  it('answers GET with the right token with the container-credentials JSON', async () => {
    const f = await fixture();
    try {
      const reply = await get(f.endpoint.urlFor('dev'), { headers: { Authorization: f.endpoint.tokenFor('dev') } });
      assert.equal(reply.status, 200);
      assert.equal(reply.contentType, 'application/json');
      assert.deepEqual(JSON.parse(reply.body), {
        AccessKeyId: FAKE.accessKeyId,
        SecretAccessKey: FAKE.secretAccessKey,
        Token: FAKE.sessionToken,
        Expiration: '2099-01-01T12:30:45Z',
        AccountId: MOTO_ACCOUNT_ID,
      });
      assert.match(f.endpoint.urlFor('dev'), /^http:\/\/127\.0\.0\.1:\d+\/v1\/credentials\/dev$/);
    } finally {
      await teardown(f);
    }
  });

  it('answers a missing token, a wrong token and an unknown profile with the same 403 and body, without secrets', async () => {
    const f = await fixture();
    try {
      const url = f.endpoint.urlFor('dev');
      const right = f.endpoint.tokenFor('dev');
      const replies = [
        await get(url),
        await get(url, { headers: { Authorization: right.slice(0, -1) + (right.endsWith('A') ? 'B' : 'A') } }),
        await get(url, { headers: { Authorization: 'x' } }),
        await get(f.endpoint.urlFor('no-such-profile'), { headers: { Authorization: right } }),
        await get(f.endpoint.urlFor('no-such-profile')),
        await get(`http://127.0.0.1:${f.endpoint.port}/`, { headers: { Authorization: right } }),
      ];
      for (const reply of replies) {
        assert.equal(reply.status, 403);
        assert.equal(reply.body, replies[0].body, 'one body for every refusal: no profile names can be probed');
        assert.deepEqual(Object.keys(JSON.parse(reply.body)), ['Code', 'Message']);
        assert.ok(!reply.body.includes(FAKE.secretAccessKey) && !reply.body.includes(right) && !reply.body.includes('dev'));
      }
    } finally {
      await teardown(f);
    }
  });

  it('refuses a revoked token with 403 at once', async () => {
    const f = await fixture();
    try {
      const token = f.endpoint.tokenFor('dev');
      assert.equal((await get(f.endpoint.urlFor('dev'), { headers: { Authorization: token } })).status, 200);
      assert.equal(f.tokens.remove('dev'), true);
      assert.equal((await get(f.endpoint.urlFor('dev'), { headers: { Authorization: token } })).status, 403);
      assert.equal(new EndpointTokenStore(f.tokens.folder).get('dev'), undefined, 'revoked in the file too');
    } finally {
      await teardown(f);
    }
  });

  it('proves its identity only with the proof key it was started with, and sends no token to do so', async () => {
    const home = makeTempHome();
    const tokens = new EndpointTokenStore(`${home.home}/.rolekeeper`);
    const endpoint = await startContainerEndpoint({ tokens, getCredentials: () => FAKE, proofKey: 'the-right-key' });
    try {
      assert.equal(await probeEndpoint({ port: endpoint.port, proofKey: 'the-right-key' }), 'ours');
      assert.equal(await probeEndpoint({ port: endpoint.port, proofKey: 'another-users-key' }), 'not-ours');
      const bad = await get(`http://127.0.0.1:${endpoint.port}${ENDPOINT_PROOF_PATH}?nonce=short`);
      assert.equal(bad.status, 403);
    } finally {
      await endpoint.close();
    }
    assert.equal(await probeEndpoint({ port: endpoint.port, proofKey: 'the-right-key' }), 'none');
    home.cleanup();
  });

  it("does not accept one profile's token on another profile's path", async () => {
    const f = await fixture();
    try {
      f.memory.set('ops', FAKE);
      f.endpoint.tokenFor('ops');
      const reply = await get(f.endpoint.urlFor('ops'), { headers: { Authorization: f.endpoint.tokenFor('dev') } });
      assert.equal(reply.status, 403);
    } finally {
      await teardown(f);
    }
  });

  it('refuses a foreign Host header even with the right token (DNS rebinding)', async () => {
    const f = await fixture();
    try {
      const token = f.endpoint.tokenFor('dev');
      const url = f.endpoint.urlFor('dev');
      for (const host of ['evil.example', 'evil.example:80', '127.0.0.1.nip.io', '10.0.0.1', '169.254.170.2']) {
        const reply = await get(url, { headers: { Authorization: token, Host: host } });
        assert.equal(reply.status, 403, host);
      }
      for (const host of ['localhost', `localhost:${f.endpoint.port}`, '127.0.0.1', '127.1.2.3:9', '[::1]', `[::1]:${f.endpoint.port}`]) {
        const reply = await get(url, { headers: { Authorization: token, Host: host } });
        assert.equal(reply.status, 200, host);
      }
    } finally {
      await teardown(f);
    }
  });

  it('allows only GET (405) and only known paths (403, like a wrong token)', async () => {
    const f = await fixture();
    try {
      const token = f.endpoint.tokenFor('dev');
      for (const method of ['POST', 'PUT', 'DELETE', 'HEAD']) {
        const reply = await get(f.endpoint.urlFor('dev'), { method, headers: { Authorization: token } });
        assert.equal(reply.status, 405, method);
      }
      assert.equal((await get(f.endpoint.urlFor('nobody'), { headers: { Authorization: token } })).status, 403);
      assert.equal((await get(`http://127.0.0.1:${f.endpoint.port}/`, { headers: { Authorization: token } })).status, 403);
    } finally {
      await teardown(f);
    }
  });

  it('answers 503 with Code and Message when no fresh credentials are in memory', async () => {
    const f = await fixture();
    try {
      const token = f.endpoint.tokenFor('dev');
      f.memory.set('dev', { ...FAKE, expiration: new Date(Date.now() - 1000) });
      const expired = await get(f.endpoint.urlFor('dev'), { headers: { Authorization: token } });
      assert.equal(expired.status, 503);
      f.memory.delete('dev');
      const none = await get(f.endpoint.urlFor('dev'), { headers: { Authorization: token } });
      assert.equal(none.status, 503);
      assert.equal(JSON.parse(none.body).Code, 'CredentialsUnavailable');
      assert.ok(!none.body.includes(FAKE.accessKeyId));
    } finally {
      await teardown(f);
    }
  });

  it('keeps tokens in a 0600 file, 32 random bytes each, and rotation invalidates the old token', async () => {
    const f = await fixture();
    try {
      const old = f.endpoint.tokenFor('dev');
      assert.equal(Buffer.from(old, 'base64url').length, 32);
      assert.equal(statSync(f.tokens.file).mode & 0o777, 0o600);
      assert.equal(new EndpointTokenStore(f.tokens.folder).get('dev'), old, 'persisted');
      const fresh = f.endpoint.rotateToken('dev');
      assert.notEqual(fresh, old);
      assert.equal(statSync(f.tokens.file).mode & 0o777, 0o600);
      assert.equal((await get(f.endpoint.urlFor('dev'), { headers: { Authorization: old } })).status, 403);
      assert.equal((await get(f.endpoint.urlFor('dev'), { headers: { Authorization: fresh } })).status, 200);
    } finally {
      await teardown(f);
    }
  });
});

describe('the endpoint under slow and flooding clients', () => {
  function openSocket(port: number): Promise<Socket> {
    return new Promise((resolve, reject) => {
      const socket = connect(port, '127.0.0.1', () => resolve(socket));
      socket.on('error', reject);
    });
  }
  const closed = (socket: Socket): Promise<void> => new Promise((resolve) => (socket.destroyed ? resolve() : socket.once('close', () => resolve())));

  it('closes 200 slowloris connections (one header line per second) once the headers deadline passes, while normal requests keep working', { timeout: 60_000 }, async () => {
    const f = await fixture();
    const sockets: Socket[] = [];
    const trickles: NodeJS.Timeout[] = [];
    try {
      const token = f.endpoint.tokenFor('dev');
      const openedAt = Date.now();
      for (let i = 0; i < 200; i += 1) {
        const socket = await openSocket(f.endpoint.port);
        socket.on('error', () => undefined);
        socket.write(`GET /v1/credentials/dev HTTP/1.1\r\nHost: 127.0.0.1\r\n`);
        // Each line comes well inside the idle timeout, so only a deadline on the whole header can end it.
        trickles.push(setInterval(() => socket.destroyed || socket.write(`X-Slow-${i}: 1\r\n`), 1_000));
        sockets.push(socket);
      }
      const allClosed = Promise.all(sockets.map(closed));
      let normalAnswers = 0;
      while (sockets.some((socket) => !socket.destroyed) && Date.now() - openedAt < 40_000) {
        const reply = await get(f.endpoint.urlFor('dev'), { headers: { Authorization: token } });
        assert.equal(reply.status, 200, 'a normal request is answered during the attack');
        normalAnswers += 1;
        await new Promise((resolve) => setTimeout(resolve, 500));
      }
      await allClosed;
      const closedAfterMs = Date.now() - openedAt;
      assert.ok(normalAnswers >= 3, `normal requests were answered during the attack (${normalAnswers})`);
      // The deadline is 10 s; the bound allows for opening 200 sockets on a loaded 2-core machine.
      assert.ok(closedAfterMs < HEADERS_DEADLINE_MS + 15_000, `all slowloris connections closed after ${closedAfterMs} ms`);
      assert.ok(HEADERS_DEADLINE_MS <= 10_000);
    } finally {
      for (const trickle of trickles) clearInterval(trickle);
      for (const socket of sockets) socket.destroy();
      await teardown(f);
    }
  });

  it(`beyond ${MAX_CONNECTIONS} connections sheds the oldest that sent no request, never a newcomer first, and answers normally throughout`, { timeout: 60_000 }, async () => {
    const f = await fixture();
    const sockets: Socket[] = [];
    try {
      const token = f.endpoint.tokenFor('dev');
      for (let i = 0; i < MAX_CONNECTIONS + 50; i += 1) {
        const socket = await openSocket(f.endpoint.port);
        socket.on('error', () => undefined);
        sockets.push(socket);
      }
      const oldest = sockets.slice(0, 50);
      await Promise.race([
        Promise.all(oldest.map(closed)),
        new Promise((_, reject) => setTimeout(() => reject(new Error('the oldest silent connections were not shed')), 20_000)),
      ]);
      await new Promise((resolve) => setTimeout(resolve, 200));
      assert.ok(sockets.slice(50).every((socket) => !socket.destroyed), 'the newer connections stay');
      const reply = await get(f.endpoint.urlFor('dev'), { headers: { Authorization: token } });
      assert.equal(reply.status, 200, 'a request that arrives whole is answered while the flood holds the cap');
    } finally {
      for (const socket of sockets) socket.destroy();
      await teardown(f);
    }
  });

  it('600 trickling connections do not starve real SDK requests with a valid token', { timeout: 120_000 }, async () => {
    const f = await fixture();
    const sockets: Socket[] = [];
    const trickles: NodeJS.Timeout[] = [];
    try {
      const token = f.endpoint.tokenFor('dev');
      for (let i = 0; i < 600; i += 1) {
        const socket = await openSocket(f.endpoint.port);
        socket.on('error', () => undefined);
        socket.write('GET /v1/credentials/dev HTTP/1.1\r\nHost: 127.0.0.1\r\n');
        trickles.push(setInterval(() => socket.destroyed || socket.write(`X-Slow-${i}: 1\r\n`), 1_000));
        sockets.push(socket);
      }
      // The JS SDK's container provider, as any SDK client in the user's shell runs it: no retry, so a reset fails it.
      const provider = fromHttp({ awsContainerCredentialsFullUri: f.endpoint.urlFor('dev'), awsContainerAuthorizationToken: token, maxRetries: 1, timeout: 5_000 });
      const results: string[] = [];
      const startedAt = Date.now();
      const within = <T,>(promise: Promise<T>, ms: number): Promise<T | 'late'> => Promise.race([promise, new Promise<'late'>((resolve) => setTimeout(() => resolve('late'), ms))]);
      for (let round = 0; round < 28 && Date.now() - startedAt < 30_000; round += 1) {
        // Keep the flood at 600: a shed trickler reconnects, as an attacker's would.
        for (let i = 0; i < sockets.length; i += 1) {
          if (!sockets[i]!.destroyed) continue;
          const socket = await within(openSocket(f.endpoint.port).catch(() => sockets[i]!), 1_000);
          if (socket === 'late' || socket.destroyed) continue;
          socket.on('error', () => undefined);
          socket.write('GET /v1/credentials/dev HTTP/1.1\r\nHost: 127.0.0.1\r\n');
          sockets[i] = socket;
        }
        results.push(await provider().then((credentials) => credentials.accessKeyId, (error: Error) => `failed: ${error.message}`));
        await new Promise((resolve) => setTimeout(resolve, 100));
      }
      assert.deepEqual(results.filter((result) => result !== FAKE.accessKeyId), [], 'every SDK request got the credentials');
      assert.equal(results.length, 28);
    } finally {
      for (const trickle of trickles) clearInterval(trickle);
      for (const socket of sockets) socket.destroy();
      await teardown(f);
    }
  });
});

describe('the real AWS CLI through the endpoint', () => {
  let moto: Moto;
  before(async () => {
    moto = await startMoto();
  });
  after(async () => {
    await moto.stop();
  });

  // Debian's CLI v2 (2.9) predates AWS_ENDPOINT_URL (2.13), so the endpoint is also passed as a flag.
  function runAws(binary: string, env: Record<string, string>): Promise<{ code: number; stdout: string; stderr: string }> {
    const args = ['sts', 'get-caller-identity', '--output', 'json', '--endpoint-url', moto.url];
    return new Promise((resolve) => {
      execFile(binary, args, { env, timeout: 60_000 }, (error, stdout, stderr) => {
        const code = error ? (typeof error.code === 'number' ? error.code : -1) : 0;
        resolve({ code, stdout, stderr });
      });
    });
  }

  for (const [label, binary] of [
    ['v1', 'aws'],
    ['v2', '/usr/bin/aws'],
  ] as const) {
    it(`lets AWS CLI ${label} authenticate with the served credentials, and fail with a wrong token`, async () => {
      const f = await fixture();
      try {
        const env = {
          ...f.home.env,
          AWS_CONTAINER_CREDENTIALS_FULL_URI: f.endpoint.urlFor('dev'),
          AWS_CONTAINER_AUTHORIZATION_TOKEN: f.endpoint.tokenFor('dev'),
          AWS_ENDPOINT_URL: moto.url,
          AWS_DEFAULT_REGION: 'us-east-1',
        };
        const ok = await runAws(binary, env);
        assert.equal(ok.code, 0, ok.stderr);
        assert.equal(JSON.parse(ok.stdout).Account, MOTO_ACCOUNT_ID);
        assert.ok(f.events.some((event) => event.profile === 'dev' && event.status === 200), 'the endpoint served the CLI');

        f.events.length = 0;
        const denied = await runAws(binary, { ...env, AWS_CONTAINER_AUTHORIZATION_TOKEN: 'not-the-token' });
        assert.notEqual(denied.code, 0);
        assert.ok(f.events.length > 0 && f.events.every((event) => event.status === 403));
        assert.ok(!denied.stderr.includes(FAKE.secretAccessKey));
      } finally {
        await teardown(f);
      }
    });
  }
});
