// `rolekeeper verify PROFILE`: what `aws sts get-caller-identity --profile PROFILE` answers, with
// the credentials the profile yields now.
import type { Command } from 'commander';
import { loadProfiles } from '../../core/aws-config/profile-loader';
import { currentCredentials } from '../../core/credentials/refresh-service';
import { stsProfileSettingsFrom } from '../../core/sts/sts-client-factory';
import { getCallerIdentity } from '../../core/sts/sts-gateway';
import { CliError, printJson, type CliContext } from '../cli-context';
import { asCliError, mfaCodeProvider } from '../cli-support';

export function registerVerify(program: Command, context: CliContext): void {
  program
    .command('verify')
    .description('Call STS GetCallerIdentity with the credentials the profile yields now')
    .argument('<profile>')
    .option('--mfa-code <code>', 'the current code of the MFA device, if a refresh needs one')
    .option('--json', 'print { Account, Arn, UserId } as JSON')
    .action(async (name: string, options: { json?: boolean; mfaCode?: string }) => {
      const environment = context.environment;
      const profiles = loadProfiles(environment);
      const profile = profiles.get(name);
      if (!profile) throw new CliError(`profile "${name}" not found; see \`rolekeeper list\``);
      try {
        const credentials = await currentCredentials(environment, name, {
          minValidMs: 60_000,
          profiles,
          mfaCode: mfaCodeProvider(context, options.mfaCode),
        });
        const identity = await getCallerIdentity(credentials, null, environment.env, {
          profile: name,
          profileValues: stsProfileSettingsFrom(profile, profiles),
        });
        if (options.json) printJson(context, { Account: identity.account, Arn: identity.arn, UserId: identity.userId });
        else context.stdout(`Account  ${identity.account}\nArn      ${identity.arn}\nUserId   ${identity.userId}\n`);
      } catch (error) {
        throw asCliError(error);
      }
    });
}
