// `rolekeeper console PROFILE [--service S] [--region R] [--print]`: the AWS console, signed in with
// the profile's role session (core/console). The address is printed only when asked (--print): it
// signs in whoever holds it, so it goes to stdout alone and the warning to stderr.
import type { Command } from 'commander';
import type { CliContext } from '../cli-context';
import { asCliError, warnIfShadowed } from '../cli-support';
import { helpKey } from '../help-text';

interface ConsoleFlags {
  service?: string;
  region?: string;
  print?: boolean;
}

export function registerConsole(program: Command, context: CliContext): void {
  program
    .command('console')
    .description(helpKey('help.console'))
    .argument('<profile>')
    .option('--service <service>', helpKey('help.console.service'))
    .option('--region <region>', helpKey('help.console.region'))
    .option('--print', helpKey('help.console.print'))
    .action(async (name: string, flags: ConsoleFlags) => {
      warnIfShadowed(context, name);
      const { t } = context;
      const options = { ...(flags.service !== undefined ? { service: flags.service } : {}), ...(flags.region !== undefined ? { region: flags.region } : {}) };
      try {
        if (flags.print) {
          const signIn = await context.service().consoleSignIn(name, options);
          context.stdout(`${signIn.url}\n`);
          context.stderr(`${t('console.printed', { profile: name })}\n`);
          return;
        }
        const result = await context.service().openConsole(name, options);
        if (!result.opened) {
          context.stderr(`${t('console.notOpened', { profile: name })}\n`);
          context.setExitCode(1);
          return;
        }
        context.stderr(`${t('console.opened', { profile: name, destination: result.destination })}\n`);
      } catch (error) {
        throw asCliError(error, t);
      }
    });
}
