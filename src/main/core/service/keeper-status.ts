// What `rolekeeper status` and `keep` report: whether a daemon or the tray of this user runs (the
// discovery file, its pid alive and the identity probe answered), and for each kept profile when
// its held credentials expire and when the running keeper will refresh them, as that keeper
// plans it (keeper-state.json: its own lead, e.g. `daemon --lead 14m`, not the stored setting).
import { probeEndpoint, readEndpointDiscovery, type EndpointOwner } from '../always-fresh/endpoint-discovery';
import { readKeeperState } from '../always-fresh/keeper-state-file';
import { heldExpiry } from '../sinks/sink-registry';
import type { RolekeeperService } from './rolekeeper-service';

export interface RunningKeeper {
  owner: EndpointOwner;
  pid: number;
  url: string;
  startedAt: string;
  /** The lead the running keeper renews with; null when it publishes no plan. */
  leadSeconds: number | null;
}

export interface KeptProfileStatus {
  profile: string;
  /** When the credentials its sinks hold expire; null when they hold none (a refresh is due). */
  expiresAt: string | null;
  /** When the running keeper refreshes it, as it plans it; null when nothing runs or it plans none (it needs you). */
  nextRefreshAt: string | null;
}

export interface KeeperStatus {
  running: RunningKeeper | null;
  /** Why the discovery file was not taken as a running keeper; null when there is none or it runs. */
  staleReason: string | null;
  kept: KeptProfileStatus[];
}

function pidAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM: it exists, under another user (then the probe decides).
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** The running keeper of this user, or why the file that names one is stale. */
export async function runningKeeper(service: Pick<RolekeeperService, 'environment'>): Promise<{ running: RunningKeeper | null; staleReason: string | null; startId?: string }> {
  const discovery = readEndpointDiscovery(service.environment);
  if (discovery === null) return { running: null, staleReason: null };
  const owner = discovery.owner === 'tray' ? 'the tray app' : 'the daemon';
  if (!pidAlive(discovery.pid)) return { running: null, staleReason: `${owner} that wrote it (pid ${discovery.pid}) is gone` };
  const probe = await probeEndpoint(discovery);
  if (probe !== 'ours') return { running: null, staleReason: probe === 'none' ? `nothing answers on ${discovery.url}` : `another process answers on ${discovery.url}` };
  const leadSeconds = readKeeperState(service.environment, discovery.startId)?.leadSeconds ?? null;
  return { running: { owner: discovery.owner, pid: discovery.pid, url: discovery.url, startedAt: discovery.startedAt, leadSeconds }, staleReason: null, startId: discovery.startId };
}

export async function keeperStatus(service: RolekeeperService): Promise<KeeperStatus> {
  const { running, staleReason, startId } = await runningKeeper(service);
  const context = service.sinkContext();
  const now = service.now();
  const published = running && startId ? readKeeperState(service.environment, startId) : null;
  const plans = new Map((published?.profiles ?? []).map((row) => [row.profile, row]));
  const leadMs = (running?.leadSeconds ?? service.store().settings.refreshLeadSeconds) * 1000;
  const kept = service.keptProfiles().map((profile): KeptProfileStatus => {
    let expiry: Date | null;
    try {
      expiry = heldExpiry(profile, context);
    } catch {
      expiry = null;
    }
    const plan = plans.get(profile);
    if (running && plan) {
      // The keeper holds what it refreshed in memory too: its expiry is the later one when the files lag.
      const expiresAt = [expiry?.toISOString() ?? null, plan.expiresAt].filter((time): time is string => time !== null).sort().at(-1) ?? null;
      return { profile, expiresAt, nextRefreshAt: plan.nextRefreshAt };
    }
    // Kept after the keeper last planned: it plans this profile at its next look, with its lead.
    const due = expiry === null ? now : Math.max(now, expiry.getTime() - leadMs);
    return {
      profile,
      expiresAt: expiry ? expiry.toISOString() : null,
      nextRefreshAt: running ? new Date(due).toISOString() : null,
    };
  });
  return { running, staleReason, kept };
}
