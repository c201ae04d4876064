// The engine between timers: with every kept profile fresh it should hold one scheduler timer (the
// next refresh, minutes away), its file watchers and the endpoint's listening socket, and no
// interval; nothing should wake it while idle. Also its resident memory, as users judge tray apps
// by idle memory. Credentials are seeded (process cache + AWS CLI cache), so no STS call happens.
import { createHook } from 'node:async_hooks';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { AwsEnvironment } from '../src/main/core/model/aws-environment';
import type { Clock, TimerHandle } from '../src/main/core/always-fresh/clock';
import { heading, ms, row } from './measure';

const KEPT = ['project1', 'project2', 'project3'];
const IDLE_WINDOW_MS = 3_000;
const SETTLE_MS = 500;
const MB = 1024 * 1024;

function benchEnvironment(): { environment: AwsEnvironment; home: string } {
  const home = mkdtempSync(join(tmpdir(), 'rolekeeper-bench-idle-'));
  mkdirSync(join(home, '.aws'), { recursive: true });
  writeFileSync(
    join(home, '.aws', 'config'),
    KEPT.map((name, i) => `[profile ${name}]\nrole_arn = arn:aws:iam::123456789012:role/role${i}\nsource_profile = base\n`).join('\n'),
  );
  writeFileSync(join(home, '.aws', 'credentials'), '[base]\naws_access_key_id = AKIAIOSFODNN7EXAMPLE\naws_secret_access_key = not-a-real-secret\n');
  const env: Record<string, string> = {};
  for (const [key, value] of Object.entries(process.env)) {
    if (value !== undefined && !key.startsWith('AWS_') && !key.startsWith('ROLEKEEPER_') && key !== 'XDG_CONFIG_HOME') env[key] = value;
  }
  Object.assign(env, {
    HOME: home,
    AWS_CONFIG_FILE: join(home, '.aws', 'config'),
    AWS_SHARED_CREDENTIALS_FILE: join(home, '.aws', 'credentials'),
    AWS_EC2_METADATA_DISABLED: 'true',
    // Nothing here may reach AWS: should a refresh happen after all, it fails on a closed loopback port.
    AWS_ENDPOINT_URL: 'http://127.0.0.1:9',
  });
  return { environment: { env, platform: process.platform, homeDir: home }, home };
}

/** The system clock, counting the timers the engine sets and the ones that fire. */
function countingClock(base: Clock): Clock & { set: number; fired: number; delays: number[] } {
  const clock = {
    set: 0,
    fired: 0,
    delays: [] as number[],
    now: () => base.now(),
    monotonic: () => base.monotonic(),
    setTimeout(callback: () => void, delayMs: number): TimerHandle {
      clock.set++;
      clock.delays.push(delayMs);
      return base.setTimeout(() => {
        clock.fired++;
        callback();
      }, delayMs);
    },
    clearTimeout: (handle: TimerHandle) => base.clearTimeout(handle),
  };
  return clock;
}

/** Every Node timer in the process (not only the engine's): live ones, intervals, and fires. */
interface TimerResource {
  _repeat?: number | null;
  _idleTimeout?: number;
  _onTimeout?: { name?: string };
}

function watchNodeTimers(): {
  live: Map<number, TimerResource>;
  fired: Set<number>;
  ignore: Set<number>;
  disable(): void;
} {
  const live = new Map<number, TimerResource>();
  const fired = new Set<number>();
  const ignore = new Set<number>();
  const hook = createHook({
    init(asyncId, type, _trigger, resource) {
      if (type !== 'Timeout') return;
      live.set(asyncId, resource as TimerResource);
    },
    before(asyncId) {
      if (live.has(asyncId) && !ignore.has(asyncId)) fired.add(asyncId);
    },
    destroy(asyncId) {
      live.delete(asyncId);
    },
  }).enable();
  return {
    live,
    fired,
    ignore,
    disable: () => hook.disable(),
  };
}

/** Sleeps on a timer the counters ignore (the hook sees its init synchronously). */
function sleepUnwatched(timers: ReturnType<typeof watchNodeTimers>, milliseconds: number): Promise<void> {
  return new Promise((resolve) => {
    const before = new Set(timers.live.keys());
    setTimeout(resolve, milliseconds);
    for (const id of timers.live.keys()) if (!before.has(id)) timers.ignore.add(id);
  });
}

export async function run(): Promise<void> {
  heading(`Engine at idle (${KEPT.length} kept profiles with fresh credentials, endpoint on, watchers on)`);
  process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED = 'true';
  const { environment, home } = benchEnvironment();
  const before = process.memoryUsage();
  // Loaded here so the memory before counts the process without the engine's modules.
  const { createRolekeeperService } = await import('../src/main/core/service/rolekeeper-service');
  const { startKeeping } = await import('../src/main/core/service/keeping');
  const { systemClock } = await import('../src/main/core/always-fresh/clock');
  const { writeProcessCache } = await import('../src/main/core/sinks/process-cache');
  const { cliCacheEntryContent } = await import('../src/main/core/caches/cli-cache');
  const { cacheKeyForProfile } = await import('../src/main/core/caches/cli-cache');
  const { loadProfiles } = await import('../src/main/core/aws-config/profile-loader');
  const { changeStore, readStore } = await import('../src/main/core/credentials/rolekeeper-store');
  const { roleFingerprint } = await import('../src/main/core/credentials/role-fingerprint');
  const { freePort } = await import('../test/helpers/moto');

  // Fresh for 55 more minutes everywhere a refresh would write: the next refresh is ~35 min away.
  const expiration = new Date(Math.floor(Date.now() / 1000) * 1000 + 55 * 60_000);
  const cacheDir = join(home, '.aws', 'cli', 'cache');
  mkdirSync(cacheDir, { recursive: true });
  const profiles = loadProfiles(environment);
  for (const [i, name] of KEPT.entries()) {
    const credentials = { accessKeyId: `ASIABENCHIDLE0000${i}00`, secretAccessKey: 'bench-secret-not-real', sessionToken: 'bench-token-not-real', expiration };
    await writeProcessCache(environment, name, credentials, roleFingerprint(name, profiles, readStore(environment)));
    const profile = profiles.get(name);
    const key = profile ? cacheKeyForProfile(profile) : null;
    if (!key) throw new Error(`no AWS CLI cache key for ${name}`);
    writeFileSync(
      join(cacheDir, `${key}.json`),
      cliCacheEntryContent({ Credentials: { AccessKeyId: credentials.accessKeyId, SecretAccessKey: credentials.secretAccessKey, SessionToken: credentials.sessionToken, Expiration: expiration } }),
    );
  }
  const port = await freePort();
  await changeStore(environment, (data) => {
    data.kept = [...KEPT];
    data.settings.endpointPort = port;
  });

  const timers = watchNodeTimers();
  const clock = countingClock(systemClock);
  const resourcesBefore = process.getActiveResourcesInfo();
  const service = createRolekeeperService({ environment, clock });
  const engine = await startKeeping(service, { endpoint: true });
  try {
    await sleepUnwatched(timers, SETTLE_MS);
    const refreshing = service.state.all().filter((state) => state.refreshing || state.lastError).map((state) => state.profile);
    const resources = process.getActiveResourcesInfo();
    const added = diffCounts(resources, resourcesBefore);
    const liveTimers = [...timers.live.entries()].filter(([id]) => !timers.ignore.has(id));
    const intervals = liveTimers.filter(([, resource]) => resource._repeat !== null && resource._repeat !== undefined);
    // Node's http.Server keeps a `checkConnections` interval; the endpoint sets it to the longest
    // delay Node has (2^31-1 ms, 24.8 days), so it never wakes an idle process in practice.
    const waking = intervals.filter(([, resource]) => (resource._idleTimeout ?? 0) < 2 ** 31 - 1);
    const memory = process.memoryUsage();

    row('profiles refreshing or failed after start (all seeded fresh)', refreshing.length === 0 ? 'none' : refreshing.join(', '), { target: 'none', met: refreshing.length === 0 });
    row('timers set through the Clock port while starting', String(clock.set));
    row('  the next planned wake-up', clock.delays.length > 0 ? `in ${(Math.max(...clock.delays) / 60_000).toFixed(1)} min` : 'none');
    row('active resources the engine added', Object.entries(added).map(([type, n]) => `${type}×${n}`).join(', ') || 'none');
    row('  (Timeout = scheduler timer; FSEventWrap/StatWatcher = file watchers; TCPServerWrap = endpoint)', '');
    row('live Node timers (any module) / intervals that fire within 24 days', `${liveTimers.length} / ${waking.length}`, { target: 'no interval', met: waking.length === 0 });
    for (const [, interval] of intervals) {
      row(`  interval every ${ms(interval._idleTimeout ?? 0)}`, interval._onTimeout?.name || '(anonymous)');
    }

    const setBefore = clock.set;
    const firedBefore = clock.fired;
    timers.fired.clear();
    const started = process.hrtime.bigint();
    await sleepUnwatched(timers, IDLE_WINDOW_MS);
    const window = Number(process.hrtime.bigint() - started) / 1e6;
    const wakeups = timers.fired.size;
    row(`timer wake-ups during a ${ms(window)} idle window (Node, any module)`, String(wakeups), { target: '0', met: wakeups === 0 });
    row('  of them engine timers fired / set (Clock port)', `${clock.fired - firedBefore} / ${clock.set - setBefore}`);

    row('resident memory (rss) of the process, engine idle', `${(memory.rss / MB).toFixed(1)} MB`);
    row('  rss added by loading and starting the engine', `${((memory.rss - before.rss) / MB).toFixed(1)} MB`);
    row('V8 heap used, engine idle', `${(memory.heapUsed / MB).toFixed(1)} MB`);
    row('  heap added by loading and starting the engine', `${((memory.heapUsed - before.heapUsed) / MB).toFixed(1)} MB`);
    row('  (one Node process, tsx loader included; the tray adds Electron on top)', '');
  } finally {
    timers.disable();
    await engine.stop();
    rmSync(home, { recursive: true, force: true });
  }
}

function diffCounts(after: string[], before: string[]): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const type of after) counts[type] = (counts[type] ?? 0) + 1;
  for (const type of before) counts[type] = (counts[type] ?? 0) - 1;
  for (const [type, n] of Object.entries(counts)) if (n <= 0) delete counts[type];
  return counts;
}
