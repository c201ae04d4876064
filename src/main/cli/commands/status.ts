// `rolekeeper status [--json]`: whether a daemon or the tray keeps this user's profiles fresh, its
// endpoint, and per kept profile when its credentials expire and about when they are refreshed.
import type { Command } from 'commander';
import { keeperStatus, type KeeperStatus } from '../../core/service/keeper-status';
import { formatRemaining } from '../../../shared/duration';
import { printJson, type CliContext } from '../cli-context';
import { english, type Translate } from '../../../shared/i18n';
import { helpKey } from '../help-text';

function seconds(iso: string): string {
  return iso.replace(/\.\d{3}Z$/, 'Z');
}

/** A lead as people type it: 14m, 14m30s, 1h. */
function durationWords(totalSeconds: number): string {
  const hours = Math.floor(totalSeconds / 3600);
  const minutes = Math.floor((totalSeconds % 3600) / 60);
  const rest = Math.round(totalSeconds % 60);
  const text = `${hours > 0 ? `${hours}h` : ''}${minutes > 0 ? `${minutes}m` : ''}${rest > 0 ? `${rest}s` : ''}`;
  return text || '0s';
}

export function describeStatus(status: KeeperStatus, now: number, t: Translate = english): string {
  const lines: string[] = [];
  const running = status.running;
  if (running) {
    const facts = { pid: running.pid, since: seconds(running.startedAt), url: running.url };
    lines.push(t(running.owner === 'tray' ? 'cmd.status.trayRuns' : 'cmd.status.daemonRuns', facts));
    if (running.leadSeconds !== null) lines.push(t('cmd.status.lead', { lead: durationWords(running.leadSeconds) }));
  } else {
    const stale = status.staleReason ? t('cmd.status.stale', { reason: status.staleReason }) : '';
    lines.push(t('cmd.status.nothingRuns', { stale, hint: t('cmd.startHint') }));
  }
  if (status.kept.length === 0) {
    lines.push(t('cmd.status.keptNone'));
    return `${lines.join('\n')}\n`;
  }
  lines.push(t('cmd.status.kept'));
  for (const kept of status.kept) {
    const expiry = kept.expiresAt === null
      ? t('cmd.status.noCredentials')
      : Date.parse(kept.expiresAt) <= now
        ? t('cmd.status.expiredAt', { time: seconds(kept.expiresAt) })
        : t('cmd.status.validUntil', { time: seconds(kept.expiresAt), remaining: formatRemaining(Date.parse(kept.expiresAt) - now) });
    const next = kept.nextRefreshAt === null
      ? t('cmd.status.waits')
      : Date.parse(kept.nextRefreshAt) <= now ? t('cmd.status.due') : t('cmd.status.next', { time: seconds(kept.nextRefreshAt) });
    lines.push(`  ${kept.profile}: ${expiry}; ${next}`);
  }
  return `${lines.join('\n')}\n`;
}

export function registerStatus(program: Command, context: CliContext): void {
  program
    .command('status')
    .description(helpKey('help.status'))
    .option('--json', helpKey('help.status.json'))
    .action(async (options: { json?: boolean }) => {
      const status = await keeperStatus(context.service());
      if (options.json) printJson(context, status);
      else context.stdout(describeStatus(status, context.now().getTime(), context.t));
    });
}
