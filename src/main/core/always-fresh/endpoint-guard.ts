// What `exec`'s child meets when `exec` itself is killed with SIGKILL: Node cannot ask the kernel
// to take the child down with it (no PR_SET_PDEATHSIG), so the child runs on. A small guard
// process shares the endpoint's listening socket without accepting on it; when `exec` dies without
// saying goodbye, it answers every request on that port at once with a clear 503 (so the child
// fails fast, and no other local user can take the port and answer the child with their keys),
// and exits when the child does.
import { spawn, type ChildProcess } from 'node:child_process';

/** The body of every answer once `exec` is gone (English, like the endpoint's other answers). */
export function execEndedMessage(execPid: number): string {
  return `rolekeeper exec (pid ${execPid}), which served credentials to this command, was killed; no credentials are served any more. Run the command again under rolekeeper exec.`;
}

// Runs as `node -e`: fd 3 is the endpoint's listening socket, stdin the line to `exec`.
const GUARD_SCRIPT = `
const http = require('node:http');
for (const signal of ['SIGINT', 'SIGHUP', 'SIGTERM']) process.on(signal, () => undefined);
const [childPid, body] = [Number(process.argv[1]), process.argv[2]];
let goodbye = false;
process.stdin.on('data', (chunk) => { if (String(chunk).includes('done')) goodbye = true; });
process.stdin.on('end', () => {
  if (goodbye) process.exit(0);
  const server = http.createServer((request, response) => {
    response.writeHead(503, { 'Content-Type': 'application/json', 'Cache-Control': 'no-store', Connection: 'close' });
    response.end(JSON.stringify({ Code: 'RolekeeperExecEnded', Message: body }));
  });
  server.listen({ fd: 3 });
  const alive = () => { try { process.kill(childPid, 0); return true; } catch (error) { return error.code === 'EPERM'; } };
  setInterval(() => { if (!alive()) process.exit(0); }, 1000);
});
`;

export interface EndpointGuard {
  /** `exec` ends normally: the guard goes without ever answering. */
  release(): void;
}

/**
 * Starts the guard for an endpoint listening on `listeningFd` whose only client is `childPid`.
 * Null where the platform gives no socket descriptor to share (Windows): there the child's
 * requests fail with "connection refused".
 */
export function guardEndpoint(listeningFd: number | null, childPid: number, execPid: number = process.pid): EndpointGuard | null {
  if (listeningFd === null || process.platform === 'win32') return null;
  let guard: ChildProcess;
  try {
    guard = spawn(process.execPath, ['-e', GUARD_SCRIPT, String(childPid), execEndedMessage(execPid)], {
      stdio: ['pipe', 'ignore', 'ignore', listeningFd],
      // Its own process group: Ctrl-C or a closed terminal reaches exec and the child, not the guard.
      detached: true,
      env: { ELECTRON_RUN_AS_NODE: '1', PATH: process.env.PATH ?? '' },
    });
  } catch {
    return null;
  }
  guard.on('error', () => undefined);
  guard.stdin?.on('error', () => undefined);
  guard.unref();
  return {
    release: () => {
      guard.stdin?.end('done\n');
    },
  };
}
