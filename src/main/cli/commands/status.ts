// `rolekeeper status [--json]`: whether a daemon or the tray keeps this user's profiles fresh, its
// endpoint, and per kept profile when its credentials expire and about when they are refreshed.
import type { Command } from 'commander';
import { START_ENDPOINT_HINT } from '../../core/always-fresh/endpoint-discovery';
import { keeperStatus, type KeeperStatus } from '../../core/service/keeper-status';
import { formatRemaining } from '../../../shared/duration';
import { printJson, type CliContext } from '../cli-context';

function seconds(iso: string): string {
  return iso.replace(/\.\d{3}Z$/, 'Z');
}

export function describeStatus(status: KeeperStatus, now: number): string {
  const lines: string[] = [];
  const running = status.running;
  if (running) {
    const who = running.owner === 'tray' ? 'the tray app' : 'the daemon';
    lines.push(`running: ${who} (pid ${running.pid}, since ${seconds(running.startedAt)}), endpoint ${running.url}`);
  } else {
    lines.push(`running: nothing keeps profiles fresh${status.staleReason ? ` (endpoint.json is stale: ${status.staleReason})` : ''}; ${START_ENDPOINT_HINT}`);
  }
  if (status.kept.length === 0) {
    lines.push('kept fresh: no profile (rolekeeper keep PROFILE)');
    return `${lines.join('\n')}\n`;
  }
  lines.push('kept fresh:');
  for (const kept of status.kept) {
    const expiry = kept.expiresAt === null
      ? 'no valid credentials held'
      : Date.parse(kept.expiresAt) <= now
        ? `expired at ${seconds(kept.expiresAt)}`
        : `valid until ${seconds(kept.expiresAt)} (${formatRemaining(Date.parse(kept.expiresAt) - now)} left)`;
    const next = kept.nextRefreshAt === null
      ? 'not refreshed until something runs'
      : Date.parse(kept.nextRefreshAt) <= now ? 'refresh due now' : `next refresh about ${seconds(kept.nextRefreshAt)}`;
    lines.push(`  ${kept.profile}: ${expiry}; ${next}`);
  }
  return `${lines.join('\n')}\n`;
}

export function registerStatus(program: Command, context: CliContext): void {
  program
    .command('status')
    .description('Show whether a daemon or the tray keeps profiles fresh, its endpoint, and each kept profile\'s expiry and next refresh')
    .option('--json', 'print the status as JSON')
    .action(async (options: { json?: boolean }) => {
      const status = await keeperStatus(context.service());
      if (options.json) printJson(context, status);
      else context.stdout(describeStatus(status, context.now().getTime()));
    });
}
