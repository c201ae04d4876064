// `rolekeeper verify [PROFILE]`: what `aws sts get-caller-identity [--profile PROFILE]` answers,
// signed with exactly the credentials the AWS CLI would use now (see core/credentials/verify-profile.ts).
import type { Command } from 'commander';
import { quoteNameForAnyShell } from '../../core/shell/any-shell';
import { printJson, type CliContext } from '../cli-context';
import { asCliError, mfaCodeProvider, warnIfShadowed } from '../cli-support';

export function registerVerify(program: Command, context: CliContext): void {
  program
    .command('verify')
    .description('Call STS GetCallerIdentity with the credentials `aws --profile PROFILE` would use now (without PROFILE: as plain `aws`, env variables first)')
    .argument('[profile]')
    .option('--mfa-code <code>', 'the current code of the MFA device, if the AWS CLI would have to assume the role first')
    .option('--json', 'print { Account, Arn, UserId } as JSON')
    .action(async (name: string | undefined, options: { json?: boolean; mfaCode?: string }) => {
      const environment = context.environment;
      if (name !== undefined) warnIfShadowed(context, name);
      try {
        const identity = await context.service().verify(name ?? null, mfaCodeProvider(context, options.mfaCode));
        if (options.json) printJson(context, { Account: identity.account, Arn: identity.arn, UserId: identity.userId });
        else context.stdout(`Account  ${identity.account}\nArn      ${identity.arn}\nUserId   ${identity.userId}\n`);
        if (identity.obtainedBy?.kind === 'assume-role') {
          const word = quoteNameForAnyShell(environment.platform, identity.resolution.profile);
          context.stderr(`note: the AWS CLI had no usable cached session for ${word}; Rolekeeper assumed the role as the CLI would have\n`);
        }
      } catch (error) {
        throw asCliError(error, context.t);
      }
    });
}
