// A loopback HTTP proxy in front of a real server (moto) that can misbehave on purpose: add
// latency, answer 5xx or an STS error, reset the connection, lie about the time in `Date`; and
// records every request it saw.
import { request as httpRequest, createServer, type IncomingHttpHeaders, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { after, before } from 'node:test';
import { startMoto, type Moto } from './moto';

export type Fault =
  /** Forward unchanged. */
  | { type: 'pass' }
  /** Wait, then forward. */
  | { type: 'latency'; ms: number }
  /** Answer this status with a non-XML body (as a load balancer would). */
  | { type: 'status'; status: number; body?: string }
  /** Answer an STS-style XML error; `dateOffsetMs` shifts the `Date` header of that answer. */
  | { type: 'sts-error'; status: number; code: string; message: string; dateOffsetMs?: number }
  /** STS's own throttling answer: 400 Sender/Throttling "Rate exceeded". */
  | { type: 'throttle' }
  /** Close the connection without answering (the client sees ECONNRESET / socket hang up). */
  | { type: 'reset' }
  /** Forward, but shift the answer's `Date` header by offsetMs (positive: the server is ahead). */
  | { type: 'skew'; offsetMs: number };

export interface RecordedRequest {
  method: string;
  url: string;
  headers: IncomingHttpHeaders;
  body: string;
  /** Form fields of an `application/x-www-form-urlencoded` body (STS query protocol). */
  form: Record<string, string>;
  receivedAt: number;
  /** The access key id that signed it (from the SigV4 `Authorization` header), or null. */
  accessKeyId: string | null;
  /** The fault applied to it. */
  fault: Fault['type'];
}

export interface FaultOptions {
  /** Apply the fault to this many requests, then pass through again. Default: until changed. */
  times?: number;
}

export interface FaultProxy {
  url: string;
  setFault(fault: Fault, options?: FaultOptions): void;
  /**
   * Applies `fault` to every request signed with `accessKeyId` (before the general fault), as STS
   * answers for one expired or revoked key while the others work; `{ type: 'pass' }` lifts it.
   */
  setFaultForKey(accessKeyId: string, fault: Fault): void;
  readonly requests: RecordedRequest[];
  /** Requests whose form `Action` is this STS action. */
  requestsFor(action: string): RecordedRequest[];
  stop(): Promise<void>;
}

const PASS: Fault = { type: 'pass' };

export function stsErrorXml(type: 'Sender' | 'Receiver', code: string, message: string): string {
  const escape = (text: string) => text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
  return (
    '<ErrorResponse xmlns="https://sts.amazonaws.com/doc/2011-06-15/">' +
    `<Error><Type>${type}</Type><Code>${escape(code)}</Code><Message>${escape(message)}</Message></Error>` +
    `<RequestId>${'0'.repeat(8)}-fault-proxy</RequestId></ErrorResponse>`
  );
}

function readBody(request: IncomingMessage): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => resolve(Buffer.concat(chunks)));
    request.on('error', reject);
  });
}

function sendXmlError(response: ServerResponse, status: number, xml: string, dateOffsetMs = 0): void {
  response.writeHead(status, {
    'content-type': 'text/xml',
    'content-length': Buffer.byteLength(xml),
    date: new Date(Date.now() + dateOffsetMs).toUTCString(),
  });
  response.end(xml);
}

/** `AWS4-HMAC-SHA256 Credential=AKID/20240101/us-east-1/sts/aws4_request, …` → AKID. */
export function signingKeyId(authorization: string | undefined): string | null {
  return /Credential=([^/,\s]+)\//.exec(authorization ?? '')?.[1] ?? null;
}

export async function startFaultProxy(targetUrl: string): Promise<FaultProxy> {
  const target = new URL(targetUrl);
  const keyFaults = new Map<string, Fault>();
  let fault: Fault = PASS;
  let remaining = Infinity;
  const requests: RecordedRequest[] = [];
  const sockets = new Set<Socket>();

  const takeFault = (): Fault => {
    if (remaining <= 0) fault = PASS;
    const current = fault;
    if (current.type !== 'pass') remaining -= 1;
    return current;
  };

  const forward = (incoming: IncomingMessage, body: Buffer, response: ServerResponse, dateOffsetMs: number): void => {
    const headers = { ...incoming.headers, host: target.host };
    const upstream = httpRequest(
      { host: target.hostname, port: target.port, method: incoming.method, path: incoming.url, headers },
      (answer) => {
        const answerHeaders = { ...answer.headers };
        if (dateOffsetMs !== 0) {
          const base = answerHeaders.date ? Date.parse(answerHeaders.date) : Date.now();
          answerHeaders.date = new Date(base + dateOffsetMs).toUTCString();
        }
        response.writeHead(answer.statusCode ?? 502, answerHeaders);
        answer.pipe(response);
      },
    );
    upstream.on('error', () => {
      if (!response.headersSent) response.writeHead(502);
      response.end();
    });
    upstream.end(body);
  };

  const server = createServer((incoming, response) => {
    void (async () => {
      const body = await readBody(incoming);
      const accessKeyId = signingKeyId(incoming.headers.authorization);
      const applied = (accessKeyId ? keyFaults.get(accessKeyId) : undefined) ?? takeFault();
      const text = body.toString('utf8');
      requests.push({
        method: incoming.method ?? 'GET',
        url: incoming.url ?? '/',
        headers: incoming.headers,
        body: text,
        form: Object.fromEntries(new URLSearchParams(text)),
        receivedAt: Date.now(),
        accessKeyId,
        fault: applied.type,
      });
      switch (applied.type) {
        case 'pass':
          return forward(incoming, body, response, 0);
        case 'latency':
          await new Promise((resolve) => setTimeout(resolve, applied.ms));
          if (!incoming.socket.destroyed) forward(incoming, body, response, 0);
          return;
        case 'status': {
          const payload = applied.body ?? `<html><body>${applied.status} fault-proxy</body></html>`;
          response.writeHead(applied.status, { 'content-type': 'text/html', 'content-length': Buffer.byteLength(payload), date: new Date().toUTCString() });
          response.end(payload);
          return;
        }
        case 'sts-error':
          return sendXmlError(
            response,
            applied.status,
            stsErrorXml(applied.status >= 500 ? 'Receiver' : 'Sender', applied.code, applied.message),
            applied.dateOffsetMs,
          );
        case 'throttle':
          return sendXmlError(response, 400, stsErrorXml('Sender', 'Throttling', 'Rate exceeded'));
        case 'reset':
          incoming.socket.resetAndDestroy();
          return;
        case 'skew':
          return forward(incoming, body, response, applied.offsetMs);
      }
    })().catch(() => {
      if (!response.headersSent) response.writeHead(500);
      response.end();
    });
  });
  server.on('connection', (socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  const { port } = server.address() as AddressInfo;

  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    setFault(next, options = {}) {
      fault = next;
      remaining = options.times ?? Infinity;
    },
    setFaultForKey(accessKeyId, keyFault) {
      if (keyFault.type === 'pass') keyFaults.delete(accessKeyId);
      else keyFaults.set(accessKeyId, keyFault);
    },
    requestsFor(action) {
      return requests.filter((recorded) => recorded.form.Action === action);
    },
    stop: () =>
      new Promise<void>((resolve) => {
        for (const socket of sockets) socket.destroy();
        server.close(() => resolve());
      }),
  };
}

/**
 * A URL whose host can never resolve, and whose lookup never leaves the machine: the `.invalid`
 * TLD alone still sends a query to the configured DNS server, but a label longer than 63 octets
 * is refused by the resolver library before any packet is built (getaddrinfo → ENOTFOUND).
 */
export const UNRESOLVABLE_URL = `http://${'x'.repeat(64)}.rolekeeper.invalid`;

/**
 * moto_server with a fault proxy in front, started before the file's tests and stopped after
 * them. Read `.moto` and `.proxy` inside tests (they are set once `before` has run).
 */
export function motoBehindProxy(): { moto: Moto; proxy: FaultProxy } {
  const rig = {} as { moto: Moto; proxy: FaultProxy };
  before(async () => {
    rig.moto = await startMoto();
    rig.proxy = await startFaultProxy(rig.moto.url);
  });
  after(async () => {
    await rig.proxy?.stop();
    await rig.moto?.stop();
  });
  return rig;
}
