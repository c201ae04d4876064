// `rolekeeper daemon [--lead 14m30s] [--no-endpoint] [--endpoint-port N]`: the engine headless (Linux
// without a tray, servers, WSL). Logs state changes to stderr, one readable line each, never a secret.
import type { Command } from 'commander';
import { AnotherKeeperRunsError } from '../../core/service/service-errors';
import { startKeeping, type Keeping } from '../../core/service/keeping';
import type { EngineChange, EngineError, EngineNotification, ProfileEngineState } from '../../../shared/engine-events';
import { english, say, type Translate } from '../../../shared/i18n';
import { notificationText } from '../../../shared/notification-text';
import { CliError, EXIT_USAGE, type CliContext } from '../cli-context';
import { asCliError, durationOption } from '../cli-support';
import { helpKey } from '../help-text';

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

function shortTime(iso: string | null, t: Translate): string {
  return iso ? iso.replace(/\.\d{3}Z$/, 'Z') : t('cmd.daemon.none');
}

/** One line per meaningful change of a profile's state; null when nothing worth a line changed. */
/** The scheduler's last error in the translator's language where it has phrases; its English text otherwise. */
function engineErrorText(error: EngineError, t: Translate): { message: string; fix: string | null } {
  if (!error.wording) return { message: error.message, fix: error.fix };
  const { message, fix } = error.wording;
  return { message: say(t, message), fix: typeof fix === 'string' ? fix || null : say(t, fix) };
}

export function describeChange(previous: ProfileEngineState | undefined, next: ProfileEngineState, t: Translate = english): string | null {
  const profile = next.profile;
  const until = shortTime(next.expiresAt, t);
  const nextAt = shortTime(next.nextRefreshAt, t);
  if (next.lastRefreshedAt && next.lastRefreshedAt !== previous?.lastRefreshedAt) {
    const sinks = next.sinks.length > 0 ? `; ${next.sinks.join(', ')}` : '';
    return t('cmd.daemon.refreshed', { profile, until, next: nextAt, sinks });
  }
  if (next.status === previous?.status && next.lastError?.message === previous?.lastError?.message) return null;
  switch (next.status) {
    case 'needs-you': {
      const error = next.lastError ? engineErrorText(next.lastError, t) : null;
      return t('cmd.daemon.needsYou', { profile, message: error?.message ?? t('cmd.daemon.refreshFailed'), fix: error?.fix ? t('cmd.daemon.fix', { fix: error.fix }) : '' });
    }
    case 'retrying':
      return t('cmd.daemon.retrying', { profile, kind: next.lastError?.kind ?? 'unknown', message: next.lastError ? engineErrorText(next.lastError, t).message : '', time: nextAt });
    case 'expired':
      return t('cmd.daemon.expired', { profile, time: until });
    case 'fresh':
    case 'expiring':
      if (previous === undefined || previous.status === 'unknown') {
        return t('cmd.daemon.state', { profile, status: t(next.status === 'fresh' ? 'status.valid' : 'status.expiring'), until, next: nextAt });
      }
      return null;
    case 'unknown':
      return previous === undefined ? t('cmd.daemon.noCredentialsYet', { profile }) : null;
  }
}

/** The log line of an engine notification: its title (the state line already says the rest). */
export function describeNotification(notification: EngineNotification, t: Translate = english): string {
  const run = notification.ssoSession ? t('cmd.daemon.run', { command: notification.ssoSession.command }) : '';
  return t('cmd.daemon.notice', { title: notificationText(notification, t).title, run });
}

export function registerDaemon(program: Command, context: CliContext): void {
  program
    .command('daemon')
    .description(helpKey('help.daemon'))
    .option('--lead <duration>', helpKey('help.daemon.lead'))
    .option('--jitter <duration>', helpKey('help.daemon.jitter'))
    .option('--min-interval <duration>', helpKey('help.daemon.minInterval'))
    .option('--no-endpoint', helpKey('help.daemon.noEndpoint'))
    .option('--endpoint-port <port>', helpKey('help.daemon.endpointPort'))
    .action(async (options: DaemonOptions) => {
      const leadMs = options.lead === undefined ? undefined : durationOption(options.lead, '--lead', context.t);
      const jitterMs = options.jitter === undefined ? undefined : durationOption(options.jitter, '--jitter', context.t);
      const minIntervalMs = options.minInterval === undefined ? undefined : durationOption(options.minInterval, '--min-interval', context.t);
      let port: number | undefined;
      if (options.endpointPort !== undefined) {
        port = Number(options.endpointPort);
        if (!Number.isInteger(port) || port < 0 || port > 65_535) throw new CliError(context.t('cmd.daemon.port'), EXIT_USAGE);
        if (!options.endpoint) throw new CliError(context.t('cmd.daemon.portWithoutEndpoint'), EXIT_USAGE);
      }
      const line = (text: string): void => context.stderr(`${stamp(context.now().getTime())} ${text}\n`);
      const { t } = context;

      const service = context.service();
      let keeping: Keeping;
      try {
        keeping = await startKeeping(service, {
          leadMs,
          jitterMs,
          minIntervalMs,
          endpoint: options.endpoint ? (port === undefined ? true : { port }) : false,
          log: (said) => line(typeof said === 'string' ? said : say(t, said)),
        });
      } catch (error) {
        // Two keepers of one user would refresh every profile twice: the second one steps aside.
        if (error instanceof AnotherKeeperRunsError) {
          line(t('cmd.daemon.notNeeded', { message: say(t, error.wording) }));
          return;
        }
        const code = (error as NodeJS.ErrnoException).code;
        if (code === 'EADDRINUSE') {
          throw new CliError(t('cmd.daemon.portInUse'));
        }
        throw asCliError(error, context.t);
      }

      const seen = new Map<string, ProfileEngineState>();
      const pending = new Set<string>();
      service.state.onDidChange((change: EngineChange) => {
        if (change.type === 'clock-jumped') {
          line(t('cmd.daemon.clockJumped', { seconds: Math.round(change.deltaMs / 1000) }));
          return;
        }
        if (change.type === 'profile-removed') {
          seen.delete(change.profile);
          line(t('cmd.daemon.removed', { profile: change.profile }));
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
          const text = describeChange(seen.get(change.profile), state, t);
          seen.set(change.profile, state);
          if (text) line(text);
        });
      });
      service.onNotification((notification: EngineNotification) => line(describeNotification(notification, t)));

      const kept = keeping.keptProfiles();
      const endpointText = keeping.endpoint ? t('cmd.daemon.endpoint', { url: `http://127.0.0.1:${keeping.endpoint.port}` }) : '';
      line(t('cmd.daemon.started', { pid: process.pid, profiles: kept.length > 0 ? kept.join(', ') : t('cmd.daemon.noProfile'), endpoint: endpointText }));
      if (kept.length === 0) line(t('cmd.daemon.nothingToDo'));

      await new Promise<void>((resolve) => {
        const stop = (signal: NodeJS.Signals): void => {
          process.off('SIGINT', stop);
          process.off('SIGTERM', stop);
          line(t('cmd.daemon.stopping', { signal }));
          keeping.stop().then(resolve, resolve);
        };
        process.on('SIGINT', stop);
        process.on('SIGTERM', stop);
      });
      line(t('cmd.daemon.stopped'));
    });
}
