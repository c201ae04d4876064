// `rolekeeper show PROFILE [--json]`: like `aws configure list --profile PROFILE`, but for every
// setting of the profile, with the file and line (or environment variable) each value comes from.
import { isSecretName, maskSecret } from '../../../shared/mask';
import type { Command } from 'commander';
import type { EnvVars } from '../../core/model/aws-environment';
import type { ConfigValue, ResolvedProfile } from '../../core/aws-config/profile-model';
import { closeMatches, looksLikeKey } from '../../core/service/wording-helpers';
import type { Finding } from '../../../shared/profile-summary';
import { CliError, EXIT_USAGE, printJson, type CliContext } from '../cli-context';
import { formatTable } from './list';
import { english, type Translate } from '../../../shared/i18n';
import { findingText } from '../../../shared/finding-wording';
import { helpKey } from '../help-text';

export type SettingType = 'config-file' | 'shared-credentials-file' | 'env';

export interface ShownSetting {
  name: string;
  /** Masked for keys and tokens: 16 `*` and the last 4 characters, as `aws configure list` does. */
  value: string;
  type: SettingType;
  /** `file:line` or the environment variable's name. */
  location: string;
}

export interface ShownProfile {
  name: string;
  type: ResolvedProfile['type'];
  region: string | null;
  sourceChain: string[];
  settings: ShownSetting[];
  environment: ShownSetting[];
  problems: Finding[];
}

/** Environment variables that change what the AWS CLI does with a profile, in the order shown. */
export const RELEVANT_ENV_VARS: readonly string[] = [
  'AWS_PROFILE',
  'AWS_DEFAULT_PROFILE',
  'AWS_REGION',
  'AWS_DEFAULT_REGION',
  'AWS_ACCESS_KEY_ID',
  'AWS_SECRET_ACCESS_KEY',
  'AWS_SESSION_TOKEN',
  'AWS_SECURITY_TOKEN',
  'AWS_CREDENTIAL_EXPIRATION',
  'AWS_ACCOUNT_ID',
  'AWS_CONFIG_FILE',
  'AWS_SHARED_CREDENTIALS_FILE',
  'AWS_ROLE_ARN',
  'AWS_ROLE_SESSION_NAME',
  'AWS_WEB_IDENTITY_TOKEN_FILE',
  'AWS_CONTAINER_CREDENTIALS_RELATIVE_URI',
  'AWS_CONTAINER_CREDENTIALS_FULL_URI',
  'AWS_CONTAINER_AUTHORIZATION_TOKEN',
  'AWS_ENDPOINT_URL',
  'AWS_ENDPOINT_URL_STS',
  'AWS_STS_REGIONAL_ENDPOINTS',
  'AWS_CA_BUNDLE',
];


/**
 * A value as `show` prints it: the first line only, as the lines after it are what botocore read as
 * its continuation, and those may be secrets (an indented `aws_secret_access_key = …`).
 */
function shownValue(value: string): string {
  const [first, ...more] = value.split('\n');
  return more.length > 0 ? `${first} (+${more.length} continuation line${more.length === 1 ? '' : 's'})` : first!;
}

function settingFrom(name: string, value: ConfigValue): ShownSetting {
  return {
    // A session token wrapped onto an unindented line is read as a key: do not print it.
    name: looksLikeKey(name.slice(name.lastIndexOf('.') + 1)) ? name : '(unreadable key)',
    // A nested block's keys (`s3 =` then `  aws_secret_access_key = …`) are named block.key.
    value: isSecretName(name) ? maskSecret(value.value) : shownValue(value.value),
    type: value.fileKind === 'credentials' ? 'shared-credentials-file' : 'config-file',
    location: `${value.file}:${value.line}`,
  };
}

/** `fileFindings`: findings about the files that name this profile (upper-case keys, inline comments…). */
export function describeProfile(profile: ResolvedProfile, env: EnvVars, fileFindings: readonly Finding[] = []): ShownProfile {
  const located: Array<{ setting: ShownSetting; value: ConfigValue }> = [];
  for (const [key, value] of profile.values) located.push({ setting: settingFrom(key, value), value });
  for (const [block, entries] of profile.subSections) {
    for (const [key, value] of entries) located.push({ setting: settingFrom(`${block}.${key}`, value), value });
  }
  located.sort((a, b) => (a.value.fileKind === b.value.fileKind ? a.value.line - b.value.line : a.value.fileKind === 'config' ? -1 : 1));
  const environment: ShownSetting[] = [];
  for (const variable of RELEVANT_ENV_VARS) {
    const value = env[variable];
    if (value === undefined || value === '') continue;
    environment.push({ name: variable, value: isSecretName(variable) ? maskSecret(value) : value, type: 'env', location: variable });
  }
  return {
    name: profile.name,
    type: profile.type,
    region: profile.region?.value ?? null,
    sourceChain: profile.sourceChain,
    settings: located.map((l) => l.setting),
    environment,
    problems: [...profile.problems, ...fileFindings.filter((f) => f.profile === profile.name)],
  };
}

function oneLine(value: string): string {
  return value.replace(/\r?\n/g, '\\n');
}

export function renderShown(shown: ShownProfile, t: Translate = english): string {
  const chain = shown.sourceChain.length > 0 ? t('cli.show.chain', { chain: shown.sourceChain.join(' → ') }) : '';
  let text = `${t('cli.show.header', { profile: shown.name, type: shown.type, chain })}\n\n`;
  const rows = [...shown.settings, ...shown.environment].map((s) => [s.name, oneLine(s.value), s.type, s.location]);
  text += rows.length > 0 ? formatTable(['NAME', 'VALUE', 'TYPE', 'LOCATION'], rows) : `${t('cli.show.noSettings')}\n`;
  for (const problem of shown.problems) {
    const { message, fix: command, advice } = findingText(problem, t);
    const fix = command ?? advice;
    text += `\n${t(`cli.show.severity.${problem.severity}`)}: ${message}\n`;
    if (fix) text += `  ${t('cli.doctor.fix')}: ${fix}\n`;
  }
  return text;
}

export function registerShow(program: Command, context: CliContext): void {
  program
    .command('show')
    .description(helpKey('help.show'))
    .argument('<profile>', helpKey('help.show.profile'))
    .option('--json', helpKey('help.show.json'))
    .action((name: string, options: { json?: boolean }) => {
      const profileSet = context.service().profiles();
      const profile = profileSet.get(name);
      if (!profile) {
        const matches = closeMatches(name, profileSet.profiles.map((p) => p.name));
        const { t } = context;
        const hint = matches.length > 0 ? t('engine.profileNotFound.similar', { names: matches.join(', ') }) : t('engine.profileNotFound.list');
        throw new CliError(t('engine.profileNotFound', { profile: name, config: profileSet.paths.configFile, credentials: profileSet.paths.credentialsFile, hint }), EXIT_USAGE);
      }
      const shown = describeProfile(profile, context.environment.env, profileSet.findings);
      if (options.json) printJson(context, shown);
      else context.stdout(renderShown(shown, context.t));
    });
}
