// `rolekeeper refresh PROFILE... | --all [--min-valid 45m]`: assume the roles now and publish the
// credentials to each profile's sinks.
import type { Command } from 'commander';
import type { RefreshOutcome } from '../../core/service/refresh-pipeline';
import { printJson, type CliContext } from '../cli-context';
import { english, say } from '../../../shared/i18n';
import { describeExpiry, describeFailure, durationOption, failureExitCode, mfaCodeProvider, requireNamesOrAll, warnIfShadowed } from '../cli-support';
import { helpKey } from '../help-text';

interface RefreshOptions {
  all?: boolean;
  minValid?: string;
  mfaCode?: string;
  dryRun?: boolean;
  json?: boolean;
}

interface RefreshReport {
  profile: string;
  refreshed: boolean;
  expiresAt: string | null;
  sinks: RefreshOutcome['sinks'];
  notices: string[];
  error: string | null;
}

export function registerRefresh(program: Command, context: CliContext): void {
  program
    .command('refresh')
    .description(helpKey('help.refresh'))
    .argument('[profiles...]', helpKey('help.refresh.profiles'))
    .option('--all', helpKey('help.refresh.all'))
    .option('--min-valid <duration>', helpKey('help.refresh.minValid'))
    .option('--mfa-code <code>', helpKey('help.refresh.mfaCode'))
    .option('--dry-run', helpKey('help.refresh.dryRun'))
    .option('--json', helpKey('help.refresh.json'))
    .action(async (names: string[], options: RefreshOptions) => {
      requireNamesOrAll(context, names, options.all);
      const minValidMs = options.minValid === undefined ? undefined : durationOption(options.minValid, '--min-valid', context.t);
      const service = context.service();
      const targets = options.all ? service.refreshableProfiles() : names;
      const mfaCode = mfaCodeProvider(context, options.mfaCode);
      const reports: RefreshReport[] = [];
      let exitCode = 0;
      if (!options.all) for (const name of names) warnIfShadowed(context, name);
      for (const name of targets) {
        try {
          const { outcome } = await service.refresh(name, { minValidMs, mfaCode, dryRun: options.dryRun });
          reports.push({ ...outcome, expiresAt: outcome.expiresAt?.toISOString() ?? null, notices: outcome.notices.map((notice) => say(english, notice)), error: null });
          if (!options.json) printOutcome(context, outcome, Boolean(options.dryRun));
        } catch (error) {
          exitCode = Math.max(exitCode, failureExitCode(error));
          reports.push({ profile: name, refreshed: false, expiresAt: null, sinks: [], notices: [], error: describeFailure(error) });
          if (!options.json) context.stderr(`rolekeeper: ${name}: ${describeFailure(error, context.t)}\n`);
        }
      }
      if (options.json) printJson(context, reports);
      if (exitCode !== 0) context.setExitCode(exitCode);
    });
}

function printOutcome(context: CliContext, outcome: RefreshOutcome, dryRun: boolean): void {
  const now = context.now();
  const { t } = context;
  const profile = outcome.profile;
  if (dryRun) {
    const locations = outcome.sinks.map((sink) => sink.location).join(', ');
    context.stdout(`${locations ? t('cmd.refresh.wouldWrite', { profile, locations }) : t('cmd.refresh.wouldWriteNothing', { profile })}\n`);
    for (const diff of outcome.diffs) context.stdout(diff.endsWith('\n') ? diff : `${diff}\n`);
    return;
  }
  if (!outcome.refreshed) {
    context.stdout(`${t('cmd.refresh.still', { profile, expiry: describeExpiry(outcome.expiresAt, now, t) })}\n`);
    return;
  }
  context.stdout(`${t('cmd.refresh.done', { profile, expiry: describeExpiry(outcome.expiresAt, now, t) })}\n`);
  for (const sink of outcome.sinks) context.stdout(`  ${sink.kind}: ${sink.location}\n`);
  for (const notice of outcome.notices) context.stdout(`  ${t('cmd.note', { notice: say(t, notice) })}\n`);
}
