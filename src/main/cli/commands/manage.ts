// `rolekeeper manage PROFILE --role-arn ARN --source-profile SRC` and `rolekeeper unmanage PROFILE`:
// a role assumed into plain keys of a profile, for tools that read only keys (no role_arn support).
// Rolekeeper rewrites the profile's keys where they stand on every refresh, and touches no other
// profile.
import type { Command } from 'commander';
import { loadProfiles } from '../../core/aws-config/profile-loader';
import { quoteNameForAnyShell } from '../../core/shell/any-shell';
import { revokeEndpointTokens } from '../../core/credentials/endpoint-export';
import { changeStore, readStore, type ManagedProfile, type StoreData } from '../../core/credentials/rolekeeper-store';
import { looksLongTerm } from '../../core/sinks/managed-keys';
import type { ProfileSet } from '../../core/aws-config/profile-model';
import { profileNameProblem, regionProblem, settingValueProblem } from '../../core/aws-config/writable-values';
import type { Translate } from '../../../shared/i18n';
import { CliError, EXIT_USAGE, type CliContext } from '../cli-context';
import { describeExpiry, describeFailure, mfaCodeProvider } from '../cli-support';
import { helpKey } from '../help-text';

interface ManageOptions {
  roleArn: string;
  sourceProfile: string;
  duration?: string;
  mfaSerial?: string;
  externalId?: string;
  region?: string;
  mfaCode?: string;
  dryRun?: boolean;
}

const ROLE_ARN = /^arn:aws[a-z-]*:iam::\d{12}:role\/[\w+=,.@\/-]+$/;

/** Names and values go into profiles.json and then into the AWS files on every refresh: refuse what those cannot hold, before anything is stored. */
function refuseUnwritable(name: string, options: ManageOptions, t: Translate): void {
  const nameProblem = profileNameProblem(name);
  if (nameProblem) throw new CliError(t('cmd.manage.badName', { name: JSON.stringify(name), problem: t(nameProblem) }), EXIT_USAGE);
  const sourceProblem = profileNameProblem(options.sourceProfile);
  if (sourceProblem) throw new CliError(`--source-profile ${JSON.stringify(options.sourceProfile)}: ${t(sourceProblem)}`, EXIT_USAGE);
  const values: Array<[string, string | undefined]> = [['--mfa-serial', options.mfaSerial], ['--external-id', options.externalId], ['--region', options.region]];
  for (const [flag, value] of values) {
    const problem = value === undefined ? null : settingValueProblem(value);
    if (problem) throw new CliError(`${flag} ${JSON.stringify(value)}: ${t(problem)}`, EXIT_USAGE);
  }
  const region = options.region === undefined ? null : regionProblem(options.region);
  if (region) throw new CliError(`--region ${JSON.stringify(options.region)}: ${t(region)}`, EXIT_USAGE);
}

function parseDurationSeconds(text: string | undefined, t: Translate): number | undefined {
  if (text === undefined) return undefined;
  const seconds = Number(text);
  if (!Number.isInteger(seconds) || seconds < 900 || seconds > 43_200) {
    throw new CliError(t('cmd.manage.duration'), EXIT_USAGE);
  }
  return seconds;
}

/**
 * Managed keys are rewritten on every refresh. A profile whose keys are someone's long-term access
 * keys must never become one, nor one its own source chain leads back to (both would hold only
 * each other's sessions, and die within the hour).
 */
function refuseToOverwriteKeys(name: string, sourceProfile: string, profiles: ProfileSet, store: StoreData, t: Translate): void {
  const profile = profiles.get(name);
  const keyId = profile?.values.get('aws_access_key_id');
  if (keyId && looksLongTerm(keyId.value, profile?.values.has('aws_session_token') ?? false)) {
    throw new CliError(t('cmd.manage.longTerm', { profile: name, at: `${keyId.file}:${keyId.line}` }));
  }
  const chain: string[] = [];
  for (let hop: string | undefined = sourceProfile; hop !== undefined && !chain.includes(hop); ) {
    chain.push(hop);
    if (hop === name) throw new CliError(t('cmd.manage.cycle', { source: sourceProfile, profile: name, chain: chain.join(' -> ') }), EXIT_USAGE);
    hop = store.managed[hop]?.sourceProfile ?? profiles.get(hop)?.role.sourceProfile?.value;
  }
}

export function registerManage(program: Command, context: CliContext): void {
  program
    .command('manage')
    .description(helpKey('help.manage'))
    .argument('<profile>')
    .requiredOption('--role-arn <arn>', helpKey('help.manage.roleArn'))
    .requiredOption('--source-profile <profile>', helpKey('help.manage.sourceProfile'))
    .option('--duration <seconds>', helpKey('help.manage.duration'))
    .option('--mfa-serial <arn>', helpKey('help.manage.mfaSerial'))
    .option('--external-id <id>', helpKey('help.manage.externalId'))
    .option('--region <region>', helpKey('help.manage.region'))
    .option('--mfa-code <code>', helpKey('help.manage.mfaCode'))
    .option('--dry-run', helpKey('help.manage.dryRun'))
    .action(async (name: string, options: ManageOptions) => {
      const { t } = context;
      refuseUnwritable(name, options, t);
      if (!ROLE_ARN.test(options.roleArn)) throw new CliError(t('cmd.manage.badArn', { arn: options.roleArn }), EXIT_USAGE);
      if (options.sourceProfile === name) throw new CliError(t('cmd.manage.sourceSelf'), EXIT_USAGE);
      const environment = context.environment;
      const profiles = loadProfiles(environment);
      if (!profiles.get(options.sourceProfile)) throw new CliError(t('cmd.manage.sourceMissing', { source: options.sourceProfile }));
      if (profiles.get(name)?.type === 'role') {
        throw new CliError(t('cmd.manage.isRole', { profile: name, command: `rolekeeper keep ${quoteNameForAnyShell(environment.platform, name)}` }));
      }
      refuseToOverwriteKeys(name, options.sourceProfile, profiles, readStore(environment), t);
      const definition: ManagedProfile = {
        roleArn: options.roleArn,
        sourceProfile: options.sourceProfile,
        ...(options.duration !== undefined ? { durationSeconds: parseDurationSeconds(options.duration, t) } : {}),
        ...(options.mfaSerial ? { mfaSerial: options.mfaSerial } : {}),
        ...(options.externalId ? { externalId: options.externalId } : {}),
        ...(options.region ? { region: options.region } : {}),
      };
      if (options.dryRun) {
        const store = readStore(environment);
        store.managed[name] = definition;
        const { outcome } = await context.service().previewRefresh(name, store);
        context.stdout(`${t('cmd.manage.wouldManage', { profile: name, arn: definition.roleArn, source: definition.sourceProfile })}\n`);
        for (const diff of outcome.diffs) context.stdout(diff.endsWith('\n') ? diff : `${diff}\n`);
        return;
      }
      await changeStore(environment, (data) => {
        data.managed[name] = definition;
      });
      try {
        const service = context.service();
        service.reload();
        const { outcome } = await service.refresh(name, { mfaCode: mfaCodeProvider(context, options.mfaCode) });
        context.stdout(`${t('cmd.manage.managed', { profile: name, expiry: describeExpiry(outcome.expiresAt, context.now(), t) })}\n`);
        for (const sink of outcome.sinks) context.stdout(`  ${sink.kind}: ${sink.location}\n`);
      } catch (error) {
        context.stderr(`rolekeeper: ${t('cmd.manage.firstFailed', { profile: name, failure: describeFailure(error, t) })}\n`);
        context.setExitCode(1);
      }
    });

  program
    .command('unmanage')
    .description(helpKey('help.unmanage'))
    .argument('<profile>')
    .action(async (name: string) => {
      const environment = context.environment;
      if (!readStore(environment).managed[name]) throw new CliError(context.t('cmd.unmanage.notManaged', { profile: name }));
      await changeStore(environment, (data) => {
        delete data.managed[name];
        delete data.sinks[name];
        data.kept = data.kept.filter((kept) => kept !== name);
      });
      context.stdout(`${context.t('cmd.unmanage.done', { profile: name })}\n`);
      if (revokeEndpointTokens(environment, [name]).length > 0) context.stdout(`${context.t('cmd.unmanage.revoked', { profile: name })}\n`);
    });
}
