// `rolekeeper keep PROFILE...` / `rolekeeper unkeep PROFILE...`: which role and SSO profiles the
// daemon and the tray keep fresh (managed profiles always are).
import type { Command } from 'commander';
import { START_ENDPOINT_HINT } from '../../core/always-fresh/endpoint-discovery';
import { runningKeeper } from '../../core/service/keeper-status';
import { revokeEndpointTokens } from '../../core/credentials/endpoint-export';
import { changeStore, keptProfiles, readStore } from '../../core/credentials/rolekeeper-store';
import { CliError, type CliContext } from '../cli-context';
import { asCliError, warnIfShadowed } from '../cli-support';

export function registerKeep(program: Command, context: CliContext): void {
  program
    .command('keep')
    .description('Keep role and SSO profiles fresh whenever the daemon or the tray runs (managed profiles always are)')
    .argument('<profiles...>')
    .action(async (names: string[]) => {
      const environment = context.environment;
      const service = context.service();
      const profiles = service.profiles();
      for (const name of names) {
        try {
          service.requireProfile(name);
        } catch (error) {
          throw asCliError(error, context.t);
        }
        const profile = profiles.get(name);
        if (profile && profile.type !== 'role' && profile.type !== 'sso') throw new CliError(`profile "${name}" is of type ${profile.type}: only role and SSO profiles can be kept fresh (see \`rolekeeper manage\`)`);
      }
      const store = await changeStore(environment, (data) => {
        data.kept = [...new Set([...data.kept, ...names])];
      });
      context.stdout(`kept fresh: ${keptProfiles(store).join(', ')}\n`);
      const { running } = await runningKeeper(service);
      // Only a running daemon or tray refreshes: say which, or that nothing will until one starts.
      context.stdout(
        running
          ? `the ${running.owner === 'tray' ? 'tray app' : 'daemon'} (pid ${running.pid}) runs and keeps them fresh\n`
          : `nothing runs that keeps them fresh yet: ${START_ENDPOINT_HINT}\n`,
      );
      for (const name of names) warnIfShadowed(context, name);
    });

  program
    .command('unkeep')
    .description('Stop keeping profiles fresh')
    .argument('<profiles...>')
    .action(async (names: string[]) => {
      const environment = context.environment;
      const before = readStore(environment);
      const managed = names.filter((name) => before.managed[name]);
      if (managed.length > 0) throw new CliError(`${managed.join(', ')} managed by Rolekeeper: use \`rolekeeper unmanage\``);
      const store = await changeStore(environment, (data) => {
        data.kept = data.kept.filter((name) => !names.includes(name));
      });
      const kept = keptProfiles(store);
      context.stdout(kept.length > 0 ? `kept fresh: ${kept.join(', ')}\n` : 'no profile is kept fresh\n');
      const revoked = revokeEndpointTokens(environment, names);
      if (revoked.length > 0) context.stdout(`endpoint token revoked: ${revoked.join(', ')}\n`);
    });
}
