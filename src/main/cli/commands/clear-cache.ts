// `rolekeeper clear-cache [PROFILE... | --all]`: removes AWS CLI cache entries and prints them.
import type { Command } from 'commander';
import { awsPaths } from '../../core/aws-config/aws-environment';
import type { RolekeeperService } from '../../core/service/rolekeeper-service';
import { clearCliCache, type CacheSelection } from '../../core/caches/cache-cleaner';
import { cacheKeyForProfile } from '../../core/caches/cli-cache';
import { CliError, EXIT_USAGE, printJson, type CliContext } from '../cli-context';
import { asCliError } from '../cli-support';

interface ClearCacheOptions {
  all?: boolean;
  json?: boolean;
}

function keysForProfiles(names: string[], service: RolekeeperService): string[] {
  return names.map((name) => {
    try {
      service.requireProfile(name);
    } catch (error) {
      throw asCliError(error);
    }
    const profile = service.profiles().get(name);
    if (!profile) throw new CliError(`profile "${name}" is managed by Rolekeeper and has no AWS CLI cache entry`);
    const key = cacheKeyForProfile(profile);
    if (!key) throw new CliError(`profile "${name}" (type ${profile.type}) has no AWS CLI cache entry`);
    return key;
  });
}

export function registerClearCache(program: Command, context: CliContext): void {
  program
    .command('clear-cache')
    .description("Remove AWS CLI cache entries (~/.aws/cli/cache): a profile's, or all of them")
    .argument('[profiles...]', 'profiles whose cache entry to remove')
    .option('--all', 'remove every entry')
    .option('--json', 'print { dir, removed, skipped } as JSON')
    .action((profiles: string[], options: ClearCacheOptions) => {
      if (options.all && profiles.length > 0) throw new CliError('give PROFILE names or --all, not both', EXIT_USAGE);
      if (!options.all && profiles.length === 0) throw new CliError('give PROFILE names or --all', EXIT_USAGE);
      const selection: CacheSelection = options.all
        ? { all: true }
        : { keys: keysForProfiles(profiles, context.service()) };
      const result = clearCliCache(awsPaths(context.environment).cliCacheDir, selection);
      if (options.json) {
        printJson(context, result);
        return;
      }
      for (const file of result.removed) context.stdout(`removed ${file}\n`);
      for (const item of result.skipped) context.stderr(`skipped ${item.path}: ${item.reason}\n`);
      if (result.removed.length === 0) context.stdout(`nothing to remove in ${result.dir}\n`);
    });
}
