// `rolekeeper clear-cache [PROFILE... | --all]`: removes AWS CLI cache entries and prints them.
import type { Command } from 'commander';
import type { RolekeeperService } from '../../core/service/rolekeeper-service';
import type { CacheSelection } from '../../core/caches/cache-cleaner';
import { say, type Translate } from '../../../shared/i18n';
import { CliError, printJson, type CliContext } from '../cli-context';
import { asCliError, requireNamesOrAll } from '../cli-support';
import { helpKey } from '../help-text';

interface ClearCacheOptions {
  all?: boolean;
  json?: boolean;
}

function keysForProfiles(names: string[], service: RolekeeperService, t: Translate): string[] {
  return names.map((name) => {
    let key: string | null | undefined;
    try {
      key = service.cliCacheKeyOf(name);
    } catch (error) {
      throw asCliError(error, t);
    }
    if (key === undefined) throw new CliError(t('cmd.clear.managed', { profile: name }));
    if (key === null) throw new CliError(t('cmd.clear.noEntry', { profile: name, type: String(service.profiles().get(name)?.type) }));
    return key;
  });
}

export function registerClearCache(program: Command, context: CliContext): void {
  program
    .command('clear-cache')
    .description(helpKey('help.clearCache'))
    .argument('[profiles...]', helpKey('help.clearCache.profiles'))
    .option('--all', helpKey('help.clearCache.all'))
    .option('--json', helpKey('help.clearCache.json'))
    .action((profiles: string[], options: ClearCacheOptions) => {
      requireNamesOrAll(context, profiles, options.all);
      const service = context.service();
      const selection: CacheSelection = options.all ? { all: true } : { keys: keysForProfiles(profiles, service, context.t) };
      const result = service.clearCliCacheEntries(selection);
      if (options.json) {
        // The English reasons only, as ever: the phrases are for the person.
        printJson(context, { ...result, skipped: result.skipped.map(({ path, reason }) => ({ path, reason })) });
        return;
      }
      const { t } = context;
      for (const file of result.removed) context.stdout(`${t('cmd.clear.removed', { file })}\n`);
      for (const item of result.skipped) context.stderr(`${t('cmd.clear.skipped', { path: item.path, reason: say(t, item.reasonWording) })}\n`);
      if (result.removed.length === 0) context.stdout(`${t('cmd.clear.nothing', { dir: result.dir })}\n`);
    });
}
