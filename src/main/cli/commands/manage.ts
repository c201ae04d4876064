// `rolekeeper manage PROFILE --role-arn ARN --source-profile SRC` and `rolekeeper unmanage PROFILE`:
// a role assumed into plain keys of a profile, for tools that read only keys (no role_arn support).
// Rolekeeper rewrites the profile's keys where they stand on every refresh, and touches no other
// profile.
import type { Command } from 'commander';
import { quoteNameForAnyShell } from '../../core/service/wording-helpers';
import { manageDefinition, manageProfile, previewManage, unmanageProfile, type ManageRefusal, type ManageRequest } from '../../core/service/store-changes';
import type { Translate } from '../../../shared/i18n';
import { CliError, EXIT_USAGE, type CliContext } from '../cli-context';
import { describeExpiry, describeFailure, mfaCodeProvider } from '../cli-support';
import { helpKey } from '../help-text';

interface ManageOptions extends ManageRequest {
  mfaCode?: string;
  dryRun?: boolean;
}

const FLAGS: Record<Extract<ManageRefusal, { kind: 'bad-value' }>['field'], string> = {
  sourceProfile: '--source-profile',
  mfaSerial: '--mfa-serial',
  externalId: '--external-id',
  region: '--region',
};

/** The engine's refusal in the person's words; a mistake in the arguments exits with the usage code. */
function refusalError(refusal: ManageRefusal, name: string, options: ManageOptions, platform: NodeJS.Platform, t: Translate): CliError {
  const exitCode = refusal.usage ? EXIT_USAGE : undefined;
  switch (refusal.kind) {
    case 'bad-name':
      return new CliError(t('cmd.manage.badName', { name: JSON.stringify(refusal.name), problem: t(refusal.problem) }), exitCode);
    case 'bad-value':
      return new CliError(`${FLAGS[refusal.field]} ${JSON.stringify(refusal.value)}: ${t(refusal.problem)}`, exitCode);
    case 'bad-arn':
      return new CliError(t('cmd.manage.badArn', { arn: refusal.arn }), exitCode);
    case 'source-self':
      return new CliError(t('cmd.manage.sourceSelf'), exitCode);
    case 'bad-duration':
      return new CliError(t('cmd.manage.duration'), exitCode);
    case 'cycle':
      return new CliError(t('cmd.manage.cycle', { source: options.sourceProfile, profile: name, chain: refusal.chain.join(' -> ') }), exitCode);
    case 'source-missing':
      return new CliError(t('cmd.manage.sourceMissing', { source: options.sourceProfile }));
    case 'is-role':
      return new CliError(t('cmd.manage.isRole', { profile: name, command: `rolekeeper keep ${quoteNameForAnyShell(platform, name)}` }));
    case 'long-term-keys':
      return new CliError(t('cmd.manage.longTerm', { profile: name, at: refusal.at }));
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
      const service = context.service();
      const checked = manageDefinition(service, name, options);
      if (checked.kind !== 'ok') throw refusalError(checked, name, options, context.environment.platform, t);
      const { definition } = checked;
      if (options.dryRun) {
        const { outcome } = await previewManage(service, name, definition);
        context.stdout(`${t('cmd.manage.wouldManage', { profile: name, arn: definition.roleArn, source: definition.sourceProfile })}\n`);
        for (const diff of outcome.diffs) context.stdout(diff.endsWith('\n') ? diff : `${diff}\n`);
        return;
      }
      await manageProfile(service, name, definition);
      try {
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
      const { managed, revoked } = await unmanageProfile(context.service(), name);
      if (!managed) throw new CliError(context.t('cmd.unmanage.notManaged', { profile: name }));
      context.stdout(`${context.t('cmd.unmanage.done', { profile: name })}\n`);
      if (revoked) context.stdout(`${context.t('cmd.unmanage.revoked', { profile: name })}\n`);
    });
}
