// `rolekeeper keep PROFILE...` / `rolekeeper unkeep PROFILE...`: which role and SSO profiles the
// daemon and the tray keep fresh (managed profiles always are).
import type { Command } from 'commander';
import { runningKeeper } from '../../core/service/keeper-status';
import { CliError, type CliContext } from '../cli-context';
import { asCliError, warnIfShadowed } from '../cli-support';
import { helpKey } from '../help-text';
import { keepProfiles, unkeepProfiles } from '../../core/service/store-changes';
import { say } from '../../../shared/i18n';

export function registerKeep(program: Command, context: CliContext): void {
  program
    .command('keep')
    .description(helpKey('help.keep'))
    .argument('<profiles...>')
    .action(async (names: string[]) => {
      const service = context.service();
      const profiles = service.profiles();
      for (const name of names) {
        try {
          service.requireProfile(name);
        } catch (error) {
          throw asCliError(error, context.t);
        }
        const profile = profiles.get(name);
        if (profile && profile.type !== 'role' && profile.type !== 'sso') throw new CliError(context.t('cmd.keep.wrongType', { profile: name, type: profile.type }));
      }
      const kept = await keepProfiles(service, names);
      context.stdout(`${context.t('cmd.keep.kept', { profiles: kept.join(', ') })}\n`);
      const { running } = await runningKeeper(service);
      // Only a running daemon or tray refreshes: say which, or that nothing will until one starts.
      const said = running
        ? context.t(running.owner === 'tray' ? 'cmd.keep.trayRuns' : 'cmd.keep.daemonRuns', { pid: running.pid })
        : context.t('cmd.keep.nothingRuns', { hint: context.t('cmd.startHint') });
      context.stdout(`${said}\n`);
      // Sessions the AWS CLI's cache cannot serve: say so, with what does (at the running keeper's lead).
      const leadMs = running?.leadSeconds != null ? running.leadSeconds * 1000 : undefined;
      for (const found of service.shortSessions(names, leadMs)) context.stdout(`${say(context.t, found.wording)}\n`);
      for (const name of names) warnIfShadowed(context, name);
    });

  program
    .command('unkeep')
    .description(helpKey('help.unkeep'))
    .argument('<profiles...>')
    .action(async (names: string[]) => {
      const outcome = await unkeepProfiles(context.service(), names);
      if (outcome.refused === 'managed') throw new CliError(context.t('cmd.unkeep.managed', { profiles: outcome.profiles.join(', ') }));
      const { kept, revoked } = outcome;
      context.stdout(`${kept.length > 0 ? context.t('cmd.keep.kept', { profiles: kept.join(', ') }) : context.t('cmd.keep.none')}\n`);
      if (revoked.length > 0) context.stdout(`${context.t('cmd.tokensRevoked', { profiles: revoked.join(', ') })}\n`);
    });
}
