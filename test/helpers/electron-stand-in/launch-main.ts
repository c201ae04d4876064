// Runs the real built bundle dist/electron/main.js in a child Node process with the electron
// stand-in, over a temp HOME, and drives it the way a user and the OS would.
import { fork, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';
import type { TempHome } from '../temp-home';
import type { Command, Reply } from './protocol';
import type { StandInPlatform } from './platform-rules';

export const MAIN_BUNDLE = join(process.cwd(), 'dist', 'electron', 'main.js');
export const PRELOAD_BUNDLE = join(process.cwd(), 'dist', 'preload', 'preload.js');
const REGISTER = join(process.cwd(), 'test', 'helpers', 'electron-stand-in', 'register.ts');

export interface LaunchOptions {
  home: TempHome;
  args?: string[];
  platform?: StandInPlatform;
  env?: Record<string, string>;
  /** Run another bundle (e.g. one extracted from a package). */
  main?: string;
}

export interface RunningMain {
  child: ChildProcess;
  output(): string;
  send<T = unknown>(command: Command): Promise<T>;
  record(): Promise<StandInRecord>;
  /** Polls the record until `check` holds; fails with the last record after `timeoutMs`. */
  waitFor(check: (record: StandInRecord) => boolean, what: string, timeoutMs?: number): Promise<StandInRecord>;
  exited(): Promise<number | null>;
  stop(): Promise<void>;
}

type MenuShape = Array<{ label?: string; enabled?: boolean; submenu?: MenuShape }>;
export interface StandInRecord {
  ready: boolean;
  name: string;
  appUserModelId: string | null;
  privilegedSchemes: string[];
  errorBoxes: Array<{ title: string; content: string }>;
  messageBoxes: Array<{ message: string; detail?: string; buttons?: string[] }>;
  openedPaths: string[];
  openedUrls: string[];
  notifications: Array<{ id: number; title: string; body: string; shown: boolean; closed: boolean }>;
  collectedNotifications: number[];
  contextMenusOpened: number;
  trayEvents: string[];
  sent: Array<{ channel: string; payload: unknown }>;
  positions: Array<{ x: number; y: number }>;
  ignoredPositions: number;
  rendererLoads: Array<{ url: string; status: number; csp: string | null }>;
  clipboard: string;
  rejections: string[];
  handlers: string[];
  /** Channels with an ipcMain.on listener (ipcMain.handle's are in handlers). */
  listeners: string[];
  tray: { tooltip: string; title: string; image: string; hasContextMenu: boolean; menu: MenuShape } | null;
  windows: Array<{ visible: boolean; url: string; options: { frame?: boolean; movable?: boolean; skipTaskbar?: boolean; width?: number; height?: number; preload?: string }; centered: boolean }>;
  popoverVisible: boolean;
}

export function launchMain(options: LaunchOptions): RunningMain {
  let output = '';
  // ROLEKEEPER_STAND_IN_MAIN runs the same tests against another build (e.g. one from before a fix).
  const child = fork(options.main ?? process.env.ROLEKEEPER_STAND_IN_MAIN ?? MAIN_BUNDLE, options.args ?? [], {
    execArgv: ['--expose-gc', '--require', 'tsx/cjs', '--require', REGISTER],
    env: {
      ...options.home.env,
      XDG_CONFIG_HOME: join(options.home.home, '.config'),
      ...(options.platform ? { STAND_IN_PLATFORM: options.platform } : {}),
      ...options.env,
    },
    stdio: ['ignore', 'pipe', 'pipe', 'ipc'],
  });
  child.stdout?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const exit = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));

  let nextId = 1;
  const pending = new Map<number, { resolve: (value: unknown) => void; reject: (error: Error) => void }>();
  child.on('message', (reply: Reply) => {
    const waiter = pending.get(reply.id);
    pending.delete(reply.id);
    if (reply.ok) waiter?.resolve(reply.value);
    else waiter?.reject(new Error(reply.error));
  });
  void exit.then(() => {
    for (const waiter of pending.values()) waiter.reject(new Error(`the app exited:\n${output}`));
    pending.clear();
  });

  const send = <T>(command: Command): Promise<T> =>
    new Promise<T>((resolve, reject) => {
      if (!child.connected) return reject(new Error(`the app is not running:\n${output}`));
      const id = nextId++;
      pending.set(id, { resolve: resolve as (value: unknown) => void, reject });
      child.send({ id, command });
    });

  const record = () => send<StandInRecord>({ type: 'record' });
  return {
    child,
    output: () => output,
    send,
    record,
    async waitFor(check, what, timeoutMs = 15_000) {
      const started = Date.now();
      let last: StandInRecord | null = null;
      while (Date.now() - started < timeoutMs) {
        last = await record();
        if (check(last)) return last;
        await new Promise((resolve) => setTimeout(resolve, 50));
      }
      throw new Error(`timed out waiting for ${what}; last record: ${JSON.stringify(last, null, 1).slice(0, 3000)}\noutput:\n${output}`);
    },
    exited: () => exit,
    async stop() {
      if (child.exitCode !== null || child.signalCode !== null) return;
      child.kill('SIGKILL');
      await exit;
    },
  };
}
