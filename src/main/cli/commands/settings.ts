// `rolekeeper settings [--lead D] [--notify-lead D] [--mfa-session on|off] …`: shows and changes the
// engine settings in the one store the CLI, the daemon and the tray share.
import type { Command } from 'commander';
import type { EngineSettings } from '../../core/model/store-data';
import type { RolekeeperService } from '../../core/service/rolekeeper-service';
import { changeSettings, endpointPortSetting, type SettingsChange } from '../../core/service/store-changes';
import { CliError, EXIT_USAGE, printJson, type CliContext } from '../cli-context';
import { durationOption } from '../cli-support';
import { formatRemaining } from '../../../shared/duration';
import type { Translate } from '../../../shared/i18n';
import { helpKey } from '../help-text';

interface SettingsOptions {
  lead?: string;
  notifyLead?: string;
  mfaSession?: string;
  mfaSessionDuration?: string;
  endpointPort?: string;
  json?: boolean;
}

function secondsWithin(text: string, flag: string, minSeconds: number, maxSeconds: number, t: Translate): number {
  const seconds = Math.round(durationOption(text, flag, t) / 1000);
  if (seconds < minSeconds || seconds > maxSeconds) {
    throw new CliError(t('cmd.settings.between', { flag, min: formatRemaining(minSeconds * 1000), max: formatRemaining(maxSeconds * 1000) }), EXIT_USAGE);
  }
  return seconds;
}

function changesFrom(options: SettingsOptions, t: Translate): SettingsChange {
  const changes: SettingsChange = {};
  // The AWS CLI ignores cache entries with under 15 minutes left; a shorter lead is allowed (a
  // short-lived role needs it) but the CLI then calls STS itself near the end of each session.
  if (options.lead !== undefined) changes.refreshLeadSeconds = secondsWithin(options.lead, '--lead', 60, 12 * 3600, t);
  if (options.notifyLead !== undefined) changes.notifyLeadSeconds = secondsWithin(options.notifyLead, '--notify-lead', 60, 12 * 3600, t);
  if (options.mfaSession !== undefined) {
    if (options.mfaSession !== 'on' && options.mfaSession !== 'off') throw new CliError(t('cmd.settings.mfaOnOff'), EXIT_USAGE);
    changes.useMfaSession = options.mfaSession === 'on';
  }
  // GetSessionToken allows 900 s to 36 h for IAM users.
  if (options.mfaSessionDuration !== undefined) {
    changes.mfaSessionSeconds = secondsWithin(options.mfaSessionDuration, '--mfa-session-duration', 900, 129_600, t);
  }
  if (options.endpointPort !== undefined) {
    const port = options.endpointPort === 'auto' ? 'auto' : Number(options.endpointPort);
    if (port !== 'auto' && (!Number.isInteger(port) || port < 1024 || port > 65_535)) {
      throw new CliError(t('cmd.settings.port'), EXIT_USAGE);
    }
    changes.endpointPort = port;
  }
  return changes;
}

function describePort(settings: EngineSettings, service: RolekeeperService, t: Translate): string {
  const port = endpointPortSetting(service, settings);
  return port.automatic ? t('cmd.settings.autoPort', { port: port.port }) : String(port.port);
}

function describe(settings: EngineSettings, service: RolekeeperService, t: Translate): string {
  const rows: Array<[string, string]> = [
    [t('cmd.settings.refreshLead'), t('cmd.settings.beforeExpiry', { value: formatRemaining(settings.refreshLeadSeconds * 1000) })],
    [t('cmd.settings.notifyLead'), t('cmd.settings.beforeExpiry', { value: formatRemaining(settings.notifyLeadSeconds * 1000) })],
    [t('cmd.settings.mfaSession'), settings.useMfaSession ? t('cmd.settings.mfaOn', { value: formatRemaining(settings.mfaSessionSeconds * 1000) }) : t('cmd.settings.mfaOff')],
    [t('cmd.settings.endpointPort'), describePort(settings, service, t)],
  ];
  // The values start in one column, at least where the English table has always had them.
  const width = Math.max(20, ...rows.map(([label]) => label.length + 2));
  return rows.map(([label, value]) => `${label.padEnd(width)}${value}`).join('\n') + '\n';
}

export function registerSettings(program: Command, context: CliContext): void {
  program
    .command('settings')
    .description(helpKey('help.settings'))
    .option('--lead <duration>', helpKey('help.settings.lead'))
    .option('--notify-lead <duration>', helpKey('help.settings.notifyLead'))
    .option('--mfa-session <on|off>', helpKey('help.settings.mfaSession'))
    .option('--mfa-session-duration <duration>', helpKey('help.settings.mfaSessionDuration'))
    .option('--endpoint-port <port>', helpKey('help.settings.endpointPort'))
    .option('--json', helpKey('help.settings.json'))
    .action(async (options: SettingsOptions) => {
      const changes = changesFrom(options, context.t);
      const service = context.service();
      const settings = await changeSettings(service, changes);
      if (options.json) printJson(context, settings);
      else context.stdout(describe(settings, service, context.t));
    });
}
