// `rolekeeper verify PROFILE`: what `aws sts get-caller-identity --profile PROFILE` answers, with
// the credentials the profile yields now.
import type { Command } from 'commander';
import { printJson, type CliContext } from '../cli-context';
import { asCliError, mfaCodeProvider } from '../cli-support';

export function registerVerify(program: Command, context: CliContext): void {
  program
    .command('verify')
    .description('Call STS GetCallerIdentity with the credentials the profile yields now')
    .argument('<profile>')
    .option('--mfa-code <code>', 'the current code of the MFA device, if a refresh needs one')
    .option('--json', 'print { Account, Arn, UserId } as JSON')
    .action(async (name: string, options: { json?: boolean; mfaCode?: string }) => {
      try {
        const identity = await context.service().verify(name, mfaCodeProvider(context, options.mfaCode));
        if (options.json) printJson(context, { Account: identity.account, Arn: identity.arn, UserId: identity.userId });
        else context.stdout(`Account  ${identity.account}\nArn      ${identity.arn}\nUserId   ${identity.userId}\n`);
      } catch (error) {
        throw asCliError(error);
      }
    });
}
