// `rolekeeper sso login [PROFILE | --session NAME] [--use-device-code] [--no-browser]` and
// `rolekeeper sso status`: sign in to IAM Identity Center, writing the token where the AWS CLI
// reads it, and show each sign-in's state.
import type { Command } from 'commander';
import { CliError, EXIT_USAGE, printJson, type CliContext } from '../cli-context';
import { describeFailure } from '../cli-support';
import type { SsoLoginPrompt } from '../../core/sso/sso-login';
import { checkTemplate, DEFAULT_POPULATE_TEMPLATE } from '../../core/sso/sso-populate';

interface LoginOptions {
  session?: string;
  useDeviceCode?: boolean;
}

function printPrompt(context: CliContext, prompt: SsoLoginPrompt): void {
  const lead = prompt.browserOpened ? 'Your browser was opened. If it did not open, go to:' : 'Open this URL in a browser to sign in:';
  context.stderr(`${lead}\n\n${prompt.url}\n\n`);
  if (prompt.userCode) context.stderr(`Then enter the code:\n\n${prompt.userCode}\n\n`);
}

export function registerSso(program: Command, context: CliContext): void {
  const sso = program.command('sso').description('IAM Identity Center: sign in once, renewed silently, shared with the AWS CLI');
  sso
    .command('login')
    .description("Sign in to IAM Identity Center; the token goes to ~/.aws/sso/cache, where the AWS CLI reads it")
    .argument('[profile]', 'an SSO profile whose sign-in to use (default: the default profile)')
    .option('--session <name>', 'the [sso-session NAME] to sign in to')
    .option('--use-device-code', 'sign in with a device code instead of a browser redirect to this machine')
    .action(async (profile: string | undefined, options: LoginOptions) => {
      if (profile !== undefined && options.session !== undefined) throw new CliError('give PROFILE or --session, not both', EXIT_USAGE);
      const service = context.service();
      try {
        const result = await service.ssoLogin(
          { profile, session: options.session },
          { flow: options.useDeviceCode ? 'device' : 'pkce', onPrompt: (prompt) => printPrompt(context, prompt) },
        );
        const renew = result.renewable ? '; Rolekeeper renews it silently' : '; it cannot be renewed silently (legacy sso_start_url profile)';
        context.stdout(`Successfully logged into Start URL: ${result.session.startUrl}\nToken valid until ${result.expiresAt.toISOString()}${renew}\n`);
      } catch (error) {
        throw new CliError(describeFailure(error, context.t));
      }
    });
  sso
    .command('populate')
    .description('Add a profile to ~/.aws/config for every account and role the sign-in may use; existing profiles are left alone')
    .option('--session <name>', 'the [sso-session NAME] whose accounts and roles to add')
    .option('--profile <name>', 'an SSO profile whose sign-in to use; a legacy one (sso_start_url, no sso-session) gets profiles in its legacy form')
    .option('--template <template>', `profile names from {account_name}, {account_id}, {role_name}, {email}, {session} (default ${DEFAULT_POPULATE_TEMPLATE})`)
    .option('--region <region>', 'the region of each new profile')
    .option('--dry-run', 'print the change to ~/.aws/config without writing it')
    .action(async (options: { session?: string; profile?: string; template?: string; region?: string; dryRun?: boolean }) => {
      if ((options.session === undefined) === (options.profile === undefined)) throw new CliError('give --session NAME or --profile NAME (one of them)', EXIT_USAGE);
      if (options.template !== undefined) {
        try {
          checkTemplate(options.template);
        } catch (error) {
          throw new CliError(`--template: ${(error as Error).message}`, EXIT_USAGE);
        }
      }
      const source = options.session !== undefined ? { session: options.session } : { profile: options.profile as string };
      const signIn = options.session !== undefined ? `sso-session ${options.session}` : `the sign-in of profile ${options.profile}`;
      let result;
      try {
        result = await context.service().ssoPopulate({ ...source, template: options.template, region: options.region, dryRun: options.dryRun });
      } catch (error) {
        throw new CliError(describeFailure(error, context.t));
      }
      if (options.dryRun) {
        context.stdout(result.diff === '' ? `Nothing to add: every account and role of ${signIn} has a profile\n` : result.diff);
        return;
      }
      for (const entry of result.added) context.stdout(`added profile ${entry.profile} (account ${entry.accountName ?? entry.accountId} ${entry.accountId}, role ${entry.roleName})\n`);
      const already = result.alreadyConfigured.length;
      context.stdout(`${result.added.length === 0 ? 'Nothing to add' : `${result.added.length} added to ${result.configFile}`}${already > 0 ? `; ${already} already configured` : ''}\n`);
    });
  sso
    .command('status')
    .description('Each IAM Identity Center sign-in of the config: token state, end time, whether it renews silently')
    .option('--json', 'print as JSON')
    .action((options: { json?: boolean }) => {
      const sessions = context.service().ssoSessions();
      if (options.json) {
        printJson(context, sessions);
        return;
      }
      for (const state of sessions) {
        const name = state.session !== null ? `sso-session ${state.session}` : state.startUrl;
        const until = state.expiresAt ? ` until ${state.expiresAt}` : '';
        const renew = state.renewableUntil ? `, renewable until ${state.renewableUntil}` : state.notRenewableBecause ? ` (${state.notRenewableBecause})` : '';
        context.stdout(`${name}: ${state.status}${until}${renew}${state.fix ? `; fix: ${state.fix}` : ''}\n`);
      }
      if (sessions.some((state) => state.status === 'expired' || state.status === 'signed-out' || state.status === 'invalid')) context.setExitCode(1);
    });
}
