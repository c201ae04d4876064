// `rolekeeper sso login [PROFILE | --session NAME] [--use-device-code] [--no-browser]` and
// `rolekeeper sso status`: sign in to IAM Identity Center, writing the token where the AWS CLI
// reads it, and show each sign-in's state.
import type { Command } from 'commander';
import { CliError, EXIT_USAGE, printJson, type CliContext } from '../cli-context';
import { describeFailure } from '../cli-support';
import type { SsoLoginPrompt } from '../../core/sso/sso-login';
import { checkTemplate, DEFAULT_POPULATE_TEMPLATE } from '../../core/service/wording-helpers';
import { ssoSessionJson } from '../../core/service/wording-helpers';
import { RefreshError, failureText } from '../../core/service/service-errors';
import { say } from '../../../shared/i18n';
import { helpKey } from '../help-text';

interface LoginOptions {
  session?: string;
  useDeviceCode?: boolean;
}

function printPrompt(context: CliContext, prompt: SsoLoginPrompt): void {
  const lead = context.t(prompt.browserOpened ? 'cmd.sso.browserOpened' : 'cmd.sso.openUrl');
  context.stderr(`${lead}\n\n${prompt.url}\n\n`);
  if (prompt.userCode) context.stderr(`${context.t('cmd.sso.enterCode')}\n\n${prompt.userCode}\n\n`);
}

export function registerSso(program: Command, context: CliContext): void {
  const sso = program.command('sso').description(helpKey('help.sso'));
  sso
    .command('login')
    .description(helpKey('help.sso.login'))
    .argument('[profile]', helpKey('help.sso.login.profile'))
    .option('--session <name>', helpKey('help.sso.login.session'))
    .option('--use-device-code', helpKey('help.sso.login.useDeviceCode'))
    .action(async (profile: string | undefined, options: LoginOptions) => {
      if (profile !== undefined && options.session !== undefined) throw new CliError(context.t('cmd.sso.profileOrSession'), EXIT_USAGE);
      const service = context.service();
      try {
        const result = await service.ssoLogin(
          { profile, session: options.session },
          { flow: options.useDeviceCode ? 'device' : 'pkce', onPrompt: (prompt) => printPrompt(context, prompt) },
        );
        const { t } = context;
        const renew = t(result.renewable ? 'cmd.sso.renews' : 'cmd.sso.noRenew');
        context.stdout(`${t('cmd.sso.loggedIn', { url: result.session.startUrl })}\n${t('cmd.sso.tokenValid', { time: result.expiresAt.toISOString(), renew })}\n`);
      } catch (error) {
        throw new CliError(describeFailure(error, context.t));
      }
    });
  sso
    .command('populate')
    .description(helpKey('help.sso.populate'))
    .option('--session <name>', helpKey('help.sso.populate.session'))
    .option('--profile <name>', helpKey('help.sso.populate.profile'))
    .option('--template <template>', helpKey('help.sso.populate.template', { template: DEFAULT_POPULATE_TEMPLATE }))
    .option('--region <region>', helpKey('help.sso.populate.region'))
    .option('--dry-run', helpKey('help.sso.populate.dryRun'))
    .action(async (options: { session?: string; profile?: string; template?: string; region?: string; dryRun?: boolean }) => {
      if ((options.session === undefined) === (options.profile === undefined)) throw new CliError(context.t('cmd.sso.sessionOrProfile'), EXIT_USAGE);
      if (options.template !== undefined) {
        try {
          checkTemplate(options.template);
        } catch (error) {
          const message = error instanceof RefreshError ? failureText(error, context.t).message : (error as Error).message;
          throw new CliError(`--template: ${message}`, EXIT_USAGE);
        }
      }
      const source = options.session !== undefined ? { session: options.session } : { profile: options.profile as string };
      const signIn = options.session !== undefined
        ? context.t('cmd.sso.ofSession', { session: options.session })
        : context.t('cmd.sso.ofProfile', { profile: options.profile as string });
      let result;
      try {
        result = await context.service().ssoPopulate({ ...source, template: options.template, region: options.region, dryRun: options.dryRun });
      } catch (error) {
        throw new CliError(describeFailure(error, context.t));
      }
      if (options.dryRun) {
        context.stdout(result.diff === '' ? `${context.t('cmd.sso.allConfigured', { signIn })}\n` : result.diff);
        return;
      }
      const { t } = context;
      for (const entry of result.added) {
        context.stdout(`${t('cmd.sso.added', { profile: entry.profile, name: entry.accountName ?? entry.accountId, id: entry.accountId, role: entry.roleName })}\n`);
      }
      const already = result.alreadyConfigured.length;
      const added = result.added.length === 0 ? t('cmd.sso.nothingToAdd') : t('cmd.sso.addedCount', { count: result.added.length, file: result.configFile });
      context.stdout(`${added}${already > 0 ? t('cmd.sso.already', { count: already }) : ''}\n`);
    });
  sso
    .command('status')
    .description(helpKey('help.sso.status'))
    .option('--json', helpKey('help.sso.status.json'))
    .action((options: { json?: boolean }) => {
      const sessions = context.service().ssoSessions();
      if (options.json) {
        printJson(context, sessions.map(ssoSessionJson));
        return;
      }
      for (const state of sessions) {
        const name = state.session !== null ? `sso-session ${state.session}` : state.startUrl;
        const { t } = context;
        const until = state.expiresAt ? t(state.status === 'expired' ? 'sso.status.endedAt' : 'cmd.sso.until', { time: state.expiresAt }) : '';
        const because = state.notRenewableWording ? t('sso.status.because', { reason: say(t, state.notRenewableWording) }) : '';
        const renew = state.renewableUntil ? t('cmd.sso.renewableUntil', { time: state.renewableUntil }) : because;
        const status = t(`sso.status.${state.status}`);
        context.stdout(`${name}: ${status}${until}${renew}${state.fix ? t('cmd.sso.fix', { fix: state.fix }) : ''}\n`);
      }
      if (sessions.some((state) => state.status === 'expired' || state.status === 'signed-out' || state.status === 'invalid')) context.setExitCode(1);
    });
}
