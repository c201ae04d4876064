// `rolekeeper` with no command: what it found (the files, honouring AWS_CONFIG_FILE and
// AWS_SHARED_CREDENTIALS_FILE, the profile count, problems) and the one command to run next.
import { existsSync } from 'node:fs';
import type { ProfileSet } from '../../core/aws-config/profile-model';
import type { CliContext } from '../cli-context';
import { counted } from '../../../shared/i18n';
import { quoteNameForAnyShell } from '../../core/service/wording-helpers';
import type { CheckedDoctor } from '../../core/service/rolekeeper-service';

interface LookedAt {
  file: string;
  variable: string | null;
  fileKind: 'config' | 'credentials';
}

function lookedAt(context: CliContext, profiles: ProfileSet): LookedAt[] {
  const { env } = context.environment;
  return [
    { file: profiles.paths.configFile, variable: env.AWS_CONFIG_FILE ? 'AWS_CONFIG_FILE' : null, fileKind: 'config' },
    { file: profiles.paths.credentialsFile, variable: env.AWS_SHARED_CREDENTIALS_FILE ? 'AWS_SHARED_CREDENTIALS_FILE' : null, fileKind: 'credentials' },
  ];
}

function describeFile(context: CliContext, profiles: ProfileSet, place: LookedAt): string {
  const { t } = context;
  const count = profiles.profiles.filter((profile) => profile.definedIn.some((at) => at.file === place.file)).length;
  const line = !existsSync(place.file)
    ? t('cli.fileMissing', { file: place.file })
    : count === 0
      ? t('cli.fileEmpty', { file: place.file })
      : t('cli.fileFound', { file: place.file, count: counted(t, count, 'profile') });
  return place.variable ? `${line}, ${t('cli.fromVariable', { variable: place.variable })}` : line;
}

/**
 * `rolekeeper` alone: the greeting, after asking STS whether the credentials in use work (as plain
 * `doctor` does), so it never says all is well while `aws` fails.
 */
export async function greet(context: CliContext): Promise<string> {
  const service = context.service();
  if (service.profiles().profiles.length === 0) return renderGettingStarted(context);
  return renderGettingStarted(context, await service.checkedDoctor());
}

/** What `rolekeeper` alone prints; `checked`: doctor's findings with STS asked (offline findings when absent). */
export function renderGettingStarted(context: CliContext, checked?: CheckedDoctor): string {
  const { t } = context;
  const service = context.service();
  const profiles = service.profiles();
  const word = (name: string): string => quoteNameForAnyShell(context.environment.platform, name);
  let text = `${t('cli.lookedIn')}\n`;
  for (const place of lookedAt(context, profiles)) text += `  ${describeFile(context, profiles, place)}\n`;
  text += '\n';
  if (profiles.profiles.length === 0) {
    text += `${t('cli.noProfiles')}\n${t('cli.howToBegin')}\n  aws configure --profile my-user\n`;
    text += `${t('cli.thenRole')}\n  aws configure set --profile my-role role_arn arn:aws:iam::123456789012:role/NAME\n`;
    text += '  aws configure set --profile my-role source_profile my-user\n  rolekeeper keep my-role\n';
    return `${text}\n${t('cli.moreHelp')}\n`;
  }
  // What Rolekeeper can keep fresh: role and SSO profiles, and the ones it manages (the same list `refresh --all` takes).
  const keepable = service.refreshableProfiles();
  text += `${t('cli.profileCount', { count: profiles.profiles.length, roles: keepable.length })}\n`;
  const findings = (checked?.findings ?? service.doctor()).filter((finding) => finding.code !== 'sts-unreachable');
  if (checked?.sts === 'unreachable') text += `${t('cli.stsNotChecked')}\n`;
  const errors = findings.filter((finding) => finding.severity === 'error').length;
  const warnings = findings.filter((finding) => finding.severity === 'warning').length;
  if (errors + warnings > 0) {
    text += `${t('cli.problemCount', { errors: counted(t, errors, 'error'), warnings: counted(t, warnings, 'warning') })}\n\n${t('cli.nextDoctor')}\n  rolekeeper doctor\n`;
  } else {
    text += `\n${t('cli.nextList')}\n  rolekeeper list\n`;
    // `keep` takes role and SSO profiles (managed ones are kept anyway); suggest one not kept yet.
    const kept = new Set(service.keptProfiles());
    const firstKeepable = profiles.profiles.find((profile) => (profile.type === 'role' || profile.type === 'sso') && !kept.has(profile.name));
    if (firstKeepable) text += `${t('cli.nextKeep')}\n  rolekeeper keep ${word(firstKeepable.name)}\n`;
  }
  return `${text}\n${t('cli.moreHelp')}\n`;
}
