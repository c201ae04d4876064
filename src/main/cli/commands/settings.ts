// `rolekeeper settings [--lead D] [--notify-lead D] [--mfa-session on|off] …`: shows and changes the
// engine settings in the one store the CLI, the daemon and the tray share.
import type { Command } from 'commander';
import { AUTOMATIC_ENDPOINT_PORT, candidatePorts, perUserEndpointPort } from '../../core/always-fresh/endpoint-discovery';
import type { AwsEnvironment } from '../../core/aws-config/aws-environment';
import { changeStore, readStore, type EngineSettings } from '../../core/credentials/rolekeeper-store';
import { CliError, EXIT_USAGE, printJson, type CliContext } from '../cli-context';
import { durationOption } from '../cli-support';
import { formatRemaining } from '../../../shared/duration';

interface SettingsOptions {
  lead?: string;
  notifyLead?: string;
  mfaSession?: string;
  mfaSessionDuration?: string;
  endpointPort?: string;
  json?: boolean;
}

function secondsWithin(text: string, flag: string, minSeconds: number, maxSeconds: number): number {
  const seconds = Math.round(durationOption(text, flag) / 1000);
  if (seconds < minSeconds || seconds > maxSeconds) {
    throw new CliError(`${flag} must be between ${formatRemaining(minSeconds * 1000)} and ${formatRemaining(maxSeconds * 1000)}`, EXIT_USAGE);
  }
  return seconds;
}

function changesFrom(options: SettingsOptions): Partial<EngineSettings> {
  const changes: Partial<EngineSettings> = {};
  // The AWS CLI ignores cache entries with under 15 minutes left; a shorter lead is allowed (a
  // short-lived role needs it) but the CLI then calls STS itself near the end of each session.
  if (options.lead !== undefined) changes.refreshLeadSeconds = secondsWithin(options.lead, '--lead', 60, 12 * 3600);
  if (options.notifyLead !== undefined) changes.notifyLeadSeconds = secondsWithin(options.notifyLead, '--notify-lead', 60, 12 * 3600);
  if (options.mfaSession !== undefined) {
    if (options.mfaSession !== 'on' && options.mfaSession !== 'off') throw new CliError('--mfa-session takes on or off', EXIT_USAGE);
    changes.useMfaSession = options.mfaSession === 'on';
  }
  // GetSessionToken allows 900 s to 36 h for IAM users.
  if (options.mfaSessionDuration !== undefined) {
    changes.mfaSessionSeconds = secondsWithin(options.mfaSessionDuration, '--mfa-session-duration', 900, 129_600);
  }
  if (options.endpointPort !== undefined) {
    const port = options.endpointPort === 'auto' ? AUTOMATIC_ENDPOINT_PORT : Number(options.endpointPort);
    if (port !== AUTOMATIC_ENDPOINT_PORT && (!Number.isInteger(port) || port < 1024 || port > 65_535)) {
      throw new CliError('--endpoint-port takes auto or a port from 1024 to 65535', EXIT_USAGE);
    }
    changes.endpointPort = port;
  }
  return changes;
}

function describePort(settings: EngineSettings, environment: AwsEnvironment): string {
  if (candidatePorts(settings.endpointPort, null, environment).length === 1) return String(settings.endpointPort);
  return `auto (this user's port ${perUserEndpointPort(environment)}, or the one the last endpoint used)`;
}

function describe(settings: EngineSettings, environment: AwsEnvironment): string {
  return [
    `refresh lead        ${formatRemaining(settings.refreshLeadSeconds * 1000)} before expiry`,
    `notify lead         ${formatRemaining(settings.notifyLeadSeconds * 1000)} before expiry`,
    `MFA session         ${settings.useMfaSession ? `on, ${formatRemaining(settings.mfaSessionSeconds * 1000)} per code` : 'off (a code per role session)'}`,
    `endpoint port       ${describePort(settings, environment)}`,
  ].join('\n') + '\n';
}

export function registerSettings(program: Command, context: CliContext): void {
  program
    .command('settings')
    .description('Show or change the settings the daemon, the tray and the CLI share')
    .option('--lead <duration>', 'refresh this long before expiry (default 20m)')
    .option('--notify-lead <duration>', 'warn this long before a profile that is not kept fresh expires (default 10m)')
    .option('--mfa-session <on|off>', 'type an MFA code once per source user (GetSessionToken), not once per role session')
    .option('--mfa-session-duration <duration>', 'how long one MFA session lasts (default 12h)')
    .option('--endpoint-port <port>', "loopback port of the credentials endpoint, or auto: a port of this user's own (the default)")
    .option('--json', 'print the settings as JSON')
    .action(async (options: SettingsOptions) => {
      const changes = changesFrom(options);
      const settings = Object.keys(changes).length > 0
        ? (await changeStore(context.environment, (data) => Object.assign(data.settings, changes))).settings
        : readStore(context.environment).settings;
      if (options.json) printJson(context, settings);
      else context.stdout(describe(settings, context.environment));
    });
}
