// `rolekeeper verify [PROFILE]`: what `aws sts get-caller-identity [--profile PROFILE]` answers,
// signed with exactly the credentials the AWS CLI would use now (see core/credentials/verify-profile.ts).
import type { Command } from 'commander';
import { quoteNameForAnyShell } from '../../core/service/wording-helpers';
import { printJson, type CliContext } from '../cli-context';
import { asCliError, mfaCodeProvider, warnIfShadowed } from '../cli-support';
import { helpKey } from '../help-text';

export function registerVerify(program: Command, context: CliContext): void {
  program
    .command('verify')
    .description(helpKey('help.verify'))
    .argument('[profile]')
    .option('--mfa-code <code>', helpKey('help.verify.mfaCode'))
    .option('--json', helpKey('help.verify.json'))
    .action(async (name: string | undefined, options: { json?: boolean; mfaCode?: string }) => {
      const environment = context.environment;
      if (name !== undefined) warnIfShadowed(context, name);
      try {
        const identity = await context.service().verify(name ?? null, mfaCodeProvider(context, options.mfaCode));
        if (options.json) printJson(context, { Account: identity.account, Arn: identity.arn, UserId: identity.userId });
        else context.stdout(`Account  ${identity.account}\nArn      ${identity.arn}\nUserId   ${identity.userId}\n`);
        if (identity.obtainedBy?.kind === 'assume-role') {
          const word = quoteNameForAnyShell(environment.platform, identity.resolution.profile);
          context.stderr(`${context.t('verify.assumedNote', { profile: word })}\n`);
        }
      } catch (error) {
        throw asCliError(error, context.t);
      }
    });
}
