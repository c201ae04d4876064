// A private Secret Service for tests: its own D-Bus session bus and gnome-keyring's secrets
// component on it, unlocked, with its keyring files in a temp folder. Processes given `env` (the
// CLI, the engine's keychain) talk to it and never to the desktop's keyring.
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export interface SecretService {
  /** Variables to add to a child's environment (DBUS_SESSION_BUS_ADDRESS). */
  env: Record<string, string>;
  stop(): Promise<void>;
}

function firstLine(child: ChildProcess, what: string, timeoutMs = 10_000): Promise<string> {
  return new Promise((resolve, reject) => {
    let text = '';
    const timer = setTimeout(() => reject(new Error(`${what} printed nothing within ${timeoutMs} ms`)), timeoutMs);
    child.stdout!.on('data', (chunk: Buffer) => {
      text += chunk.toString('utf8');
      const end = text.indexOf('\n');
      if (end >= 0) {
        clearTimeout(timer);
        resolve(text.slice(0, end).trim());
      }
    });
    child.on('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`${what} exited with ${code}`));
    });
  });
}

function ended(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => child.once('exit', () => resolve()));
}

export async function startSecretService(): Promise<SecretService> {
  const dir = mkdtempSync(join(tmpdir(), 'rolekeeper-keyring-'));
  const bus = spawn('dbus-daemon', ['--session', '--nofork', '--nopidfile', '--print-address=1'], { stdio: ['ignore', 'pipe', 'ignore'] });
  const address = await firstLine(bus, 'dbus-daemon');
  const base = { ...process.env, DBUS_SESSION_BUS_ADDRESS: address, HOME: dir, XDG_DATA_HOME: join(dir, 'data'), XDG_RUNTIME_DIR: dir };
  const keyring = spawn('gnome-keyring-daemon', ['--foreground', '--unlock', '--replace', '--components=secrets'], { env: base, stdio: ['pipe', 'pipe', 'ignore'] });
  keyring.stdin!.end('test-keyring-password');
  await firstLine(keyring, 'gnome-keyring-daemon');
  return {
    env: { DBUS_SESSION_BUS_ADDRESS: address },
    async stop() {
      keyring.kill('SIGTERM');
      await ended(keyring);
      bus.kill('SIGTERM');
      await ended(bus);
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
