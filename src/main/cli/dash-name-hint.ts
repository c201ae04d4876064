// A profile name that starts with `-` reads as an option to commander; `--` ends the options.
// When commander refuses an unknown option, say how to pass such a name.
import type { Command } from 'commander';
import type { Translate } from '../../shared/i18n';
import { quoteNameForAnyShell } from '../core/service/wording-helpers';

const UNKNOWN_OPTION = /unknown option '(-[^']*)'/;

/**
 * Remembers which subcommand commander is parsing, and returns what to add to an error text: the
 * `--` form of the same command for an unknown option, nothing for other errors or when commander
 * already suggests a close option (a typo of a flag, not a name).
 */
export function dashNameHint(program: Command, t: Translate, platform: NodeJS.Platform): (errorText: string) => string {
  let command: string | null = null;
  program.hook('preSubcommand', (_program, subcommand) => {
    command = subcommand.name();
  });
  return (errorText) => {
    const flag = UNKNOWN_OPTION.exec(errorText)?.[1];
    if (!flag || command === null || errorText.includes('(Did you mean')) return '';
    // exec's options end where its command begins: an unknown one there belongs to the command.
    if (command === 'exec') return `rolekeeper: ${t('cmd.exec.putDashDash')}\n`;
    return `rolekeeper: ${t('cli.dashName', { command: `rolekeeper ${command} -- ${quoteNameForAnyShell(platform, flag)}` })}\n`;
  };
}
