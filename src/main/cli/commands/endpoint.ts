// `rolekeeper endpoint rotate [PROFILE]`: issues new endpoint tokens; every shell holding the old
// one gets 403 at once and must run `rolekeeper export --via-endpoint` again.
import type { Command } from 'commander';
import { endpointTokens } from '../../core/credentials/endpoint-export';
import { CliError, type CliContext } from '../cli-context';
import { asCliError } from '../cli-support';

export function registerEndpoint(program: Command, context: CliContext): void {
  const endpoint = program.command('endpoint').description("Manage the loopback endpoint's tokens");
  endpoint
    .command('rotate')
    .description('Issue a new token for PROFILE (or for every profile that has one); the old one stops working at once')
    .argument('[profile]')
    .action((name: string | undefined) => {
      const tokens = endpointTokens(context.environment);
      if (name === undefined) {
        const rotated = tokens.rotateAll();
        context.stdout(rotated.length > 0 ? `new endpoint tokens: ${rotated.join(', ')}\n` : 'no profile has an endpoint token\n');
      } else {
        try {
          context.service().requireProfile(name);
        } catch (error) {
          throw asCliError(error, context.t);
        }
        if (tokens.get(name) === undefined) throw new CliError(`profile "${name}" has no endpoint token; \`rolekeeper export ${name} --via-endpoint\` issues one`);
        tokens.rotate(name);
        context.stdout(`new endpoint token: ${name}\n`);
      }
      context.stdout('shells that exported the old token: run `rolekeeper export PROFILE --via-endpoint` again\n');
    });
}
