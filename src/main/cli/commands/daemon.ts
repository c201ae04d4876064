// `rolekeeper daemon [--lead 14m30s] [--no-endpoint] [--endpoint-port N]`: the engine headless (Linux
// without a tray, servers, WSL). Logs state changes to stderr, one readable line each, never a secret.
import type { Command } from 'commander';
import { AnotherKeeperRunsError } from '../../core/always-fresh/endpoint-discovery';
import { startKeeping, type Keeping } from '../../core/service/keeping';
import type { EngineChange, EngineNotification, ProfileEngineState } from '../../../shared/engine-events';
import { notificationText, translator } from '../../../shared/i18n';
import { CliError, EXIT_USAGE, type CliContext } from '../cli-context';
import { asCliError, durationOption } from '../cli-support';

interface DaemonOptions {
  lead?: string;
  jitter?: string;
  minInterval?: string;
  endpoint: boolean;
  endpointPort?: string;
}

function stamp(ms: number): string {
  return new Date(ms).toISOString().replace(/\.\d{3}Z$/, 'Z');
}

function shortTime(iso: string | null): string {
  return iso ? iso.replace(/\.\d{3}Z$/, 'Z') : 'none';
}

/** One line per meaningful change of a profile's state; null when nothing worth a line changed. */
export function describeChange(previous: ProfileEngineState | undefined, next: ProfileEngineState): string | null {
  const profile = next.profile;
  if (next.lastRefreshedAt && next.lastRefreshedAt !== previous?.lastRefreshedAt) {
    const sinks = next.sinks.length > 0 ? `; ${next.sinks.join(', ')}` : '';
    return `${profile} refreshed, valid until ${shortTime(next.expiresAt)} (next refresh ${shortTime(next.nextRefreshAt)})${sinks}`;
  }
  if (next.status === previous?.status && next.lastError?.message === previous?.lastError?.message) return null;
  switch (next.status) {
    case 'needs-you': {
      const error = next.lastError;
      return `${profile} needs you: ${error?.message ?? 'refreshing failed'}${error?.fix ? ` — fix: ${error.fix}` : ''}`;
    }
    case 'retrying':
      return `${profile} refresh failed (${next.lastError?.kind ?? 'unknown'}): ${next.lastError?.message ?? ''}; retrying at ${shortTime(next.nextRefreshAt)}`;
    case 'expired':
      return `${profile} expired at ${shortTime(next.expiresAt)}`;
    case 'fresh':
    case 'expiring':
      if (previous === undefined || previous.status === 'unknown') {
        return `${profile} ${next.status}, valid until ${shortTime(next.expiresAt)} (next refresh ${shortTime(next.nextRefreshAt)})`;
      }
      return null;
    case 'unknown':
      return previous === undefined ? `${profile} kept fresh; no valid credentials yet, refreshing now` : null;
  }
}

const english = translator('en');

/** The log line of an engine notification: its English title (the state line already says the rest). */
export function describeNotification(notification: EngineNotification): string {
  const sso = notification.ssoSession ? `; run: ${notification.ssoSession.command}` : '';
  return `notice: ${notificationText(notification, english).title}${sso}`;
}

export function registerDaemon(program: Command, context: CliContext): void {
  program
    .command('daemon')
    .description('Keep the kept-fresh and managed profiles fresh and serve the credentials endpoint, without a tray (stop with Ctrl-C)')
    .option('--lead <duration>', "refresh when this much validity remains, e.g. 14m30s (default: the store's setting, 20m)")
    .option('--jitter <duration>', 'refresh up to this much earlier at random, so clients do not synchronise (default: min(30s, lead/20))')
    .option('--min-interval <duration>', 'least time between two scheduled refreshes of one profile (default 1m)')
    .option('--no-endpoint', 'do not serve the loopback container-credentials endpoint')
    .option('--endpoint-port <port>', "the endpoint's loopback port (default: the store's setting, a port of this user's own; 0 = any free port)")
    .action(async (options: DaemonOptions) => {
      const leadMs = options.lead === undefined ? undefined : durationOption(options.lead, '--lead');
      const jitterMs = options.jitter === undefined ? undefined : durationOption(options.jitter, '--jitter');
      const minIntervalMs = options.minInterval === undefined ? undefined : durationOption(options.minInterval, '--min-interval');
      let port: number | undefined;
      if (options.endpointPort !== undefined) {
        port = Number(options.endpointPort);
        if (!Number.isInteger(port) || port < 0 || port > 65_535) throw new CliError('--endpoint-port takes a port number from 0 to 65535', EXIT_USAGE);
        if (!options.endpoint) throw new CliError('--endpoint-port and --no-endpoint do not go together', EXIT_USAGE);
      }
      const line = (text: string): void => context.stderr(`${stamp(context.now().getTime())} ${text}\n`);

      const service = context.service();
      let keeping: Keeping;
      try {
        keeping = await startKeeping(service, {
          leadMs,
          jitterMs,
          minIntervalMs,
          endpoint: options.endpoint ? (port === undefined ? true : { port }) : false,
          log: line,
        });
      } catch (error) {
        // Two keepers of one user would refresh every profile twice: the second one steps aside.
        if (error instanceof AnotherKeeperRunsError) {
          line(`${error.message}; this daemon is not needed and exits`);
          return;
        }
        const code = (error as NodeJS.ErrnoException).code;
        if (code === 'EADDRINUSE') {
          throw new CliError(`the endpoint port is in use (another daemon or the tray runs?); pick one with --endpoint-port, or --no-endpoint`);
        }
        throw asCliError(error, context.t);
      }

      const seen = new Map<string, ProfileEngineState>();
      const pending = new Set<string>();
      service.state.onDidChange((change: EngineChange) => {
        if (change.type === 'clock-jumped') {
          line(`the wall clock jumped by ${Math.round(change.deltaMs / 1000)}s (sleep or clock change); re-planned`);
          return;
        }
        if (change.type === 'profile-removed') {
          seen.delete(change.profile);
          line(`${change.profile} no longer kept fresh`);
          return;
        }
        // The scheduler writes a refresh's outcome in several updates within one turn: describe
        // the state once it has settled.
        if (pending.has(change.profile)) return;
        pending.add(change.profile);
        setImmediate(() => {
          pending.delete(change.profile);
          const state = service.state.get(change.profile);
          if (!state) return;
          const text = describeChange(seen.get(change.profile), state);
          seen.set(change.profile, state);
          if (text) line(text);
        });
      });
      service.onNotification((notification: EngineNotification) => line(describeNotification(notification)));

      const kept = keeping.keptProfiles();
      const endpointText = keeping.endpoint ? `; endpoint on http://127.0.0.1:${keeping.endpoint.port}` : '';
      line(`daemon started (pid ${process.pid}); keeping ${kept.length > 0 ? kept.join(', ') : 'no profile'} fresh${endpointText}`);
      if (kept.length === 0) line('nothing to do until a profile is kept: rolekeeper keep PROFILE, or rolekeeper manage PROFILE …');

      await new Promise<void>((resolve) => {
        const stop = (signal: NodeJS.Signals): void => {
          process.off('SIGINT', stop);
          process.off('SIGTERM', stop);
          line(`${signal}: stopping`);
          keeping.stop().then(resolve, resolve);
        };
        process.on('SIGINT', stop);
        process.on('SIGTERM', stop);
      });
      line('daemon stopped');
    });
}
