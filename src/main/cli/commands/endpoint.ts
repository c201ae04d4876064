// `rolekeeper endpoint rotate [PROFILE]`: issues new endpoint tokens; every shell holding the old
// one gets 403 at once and must run `rolekeeper export --via-endpoint` again.
import type { Command } from 'commander';
import { CliError, type CliContext } from '../cli-context';
import { asCliError } from '../cli-support';
import { helpKey } from '../help-text';

export function registerEndpoint(program: Command, context: CliContext): void {
  const endpoint = program.command('endpoint').description(helpKey('help.endpoint'));
  endpoint
    .command('rotate')
    .description(helpKey('help.endpoint.rotate'))
    .argument('[profile]')
    .action((name: string | undefined) => {
      const service = context.service();
      if (name === undefined) {
        const rotated = service.rotateEndpointTokens();
        context.stdout(`${rotated.length > 0 ? context.t('cmd.endpoint.newTokens', { profiles: rotated.join(', ') }) : context.t('cmd.endpoint.noTokens')}\n`);
      } else {
        let rotated: boolean;
        try {
          rotated = service.rotateEndpointToken(name);
        } catch (error) {
          throw asCliError(error, context.t);
        }
        if (!rotated) throw new CliError(context.t('cmd.endpoint.noToken', { profile: name, command: `rolekeeper export ${name} --via-endpoint` }));
        context.stdout(`${context.t('cmd.endpoint.newToken', { profile: name })}\n`);
      }
      context.stdout(`${context.t('cmd.endpoint.exportAgain')}\n`);
    });
}
