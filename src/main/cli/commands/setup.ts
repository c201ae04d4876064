// `rolekeeper setup credential-process PROFILE [--as NAME]`: adds a profile whose credential_process
// is `rolekeeper credential-process PROFILE`, so every SDK and the CLI get fresh credentials from
// Rolekeeper on each call. Only the new section is appended; every other byte stays as it was.
import type { Command } from 'commander';
import { quoteNameForAnyShell } from '../../core/service/wording-helpers';
import { setupCredentialProcess, setupDaemon, UnwritableLaunchError, type CredentialProcessSetup, type DaemonSetup } from '../../core/service/setup-operations';
import { say, type Translate } from '../../../shared/i18n';
import { CliError, type CliContext } from '../cli-context';
import { helpKey } from '../help-text';

/** What `setup credential-process` says: the refusal as an error, else the lines on stdout and stderr. */
function sayCredentialProcessSetup(outcome: CredentialProcessSetup, name: string, context: CliContext): void {
  const { t } = context;
  switch (outcome.kind) {
    case 'as-same':
      throw new CliError(t('cmd.setup.asSame'), 2);
    case 'as-bad':
      throw new CliError(t('cmd.setup.asBad', { name: outcome.name }), 2);
    case 'not-found':
      throw new CliError(t('cmd.setup.notFound', { profile: name }));
    case 'wrong-type':
      throw new CliError(t('cmd.setup.wrongType', { profile: name, type: outcome.type }));
    case 'exists':
      throw new CliError(outcome.file === null ? t('cmd.setup.exists', { profile: outcome.profile }) : t('cmd.setup.existsIn', { profile: outcome.profile, file: outcome.file }));
    case 'added': {
      const word = (value: string): string => quoteNameForAnyShell(context.environment.platform, value);
      // Exactly the line written, so what the person reads is what the SDKs will run.
      context.stdout(`${t('cmd.setup.added', { profile: outcome.profile, file: outcome.file, line: outcome.line })}\n`);
      if (outcome.absoluteReason) context.stderr(`rolekeeper: ${t('cmd.setup.absolute', { reason: say(t, outcome.absoluteReason) })}\n`);
      context.stdout(`${t('cmd.setup.keptTry', { profile: name, command: `aws sts get-caller-identity --profile ${word(outcome.profile)}` })}\n`);
    }
  }
}

function sayDaemonSetup(outcome: DaemonSetup, context: CliContext, t: Translate): void {
  const printed = (steps: string[]): string => steps.map((step) => `  ${step}\n`).join('');
  switch (outcome.kind) {
    case 'unknown-platform':
      throw new CliError(t('cmd.setup.unknownPlatform', { platform: outcome.platform }));
    case 'nothing-to-remove':
      context.stdout(`${t('cmd.setup.nothingToRemove', { file: outcome.file })}\n`);
      return;
    case 'removed':
      context.stdout(`${t('cmd.setup.removed', { mechanism: say(t, outcome.mechanism), file: outcome.file })}\n`);
      if (outcome.notStopped) context.stdout(`${t('cmd.setup.couldNotStop', { why: say(t, outcome.notStopped.why) })}\n${printed(outcome.notStopped.steps)}`);
      return;
    case 'installed':
      context.stdout(`${t(outcome.existed ? 'cmd.setup.updated' : 'cmd.setup.wrote', { mechanism: say(t, outcome.mechanism), file: outcome.file, command: outcome.command })}\n`);
      if (outcome.absoluteReason) context.stderr(`rolekeeper: ${t('cmd.setup.absolute', { reason: say(t, outcome.absoluteReason) })}\n`);
      if (outcome.lostVariables.length > 0) context.stderr(`rolekeeper: ${t('cmd.setup.lostVariables', { variables: outcome.lostVariables.join(', ') })}\n`);
      if (outcome.notEnabled) {
        context.stdout(`${t('cmd.setup.notEnabled', { why: say(t, outcome.notEnabled.why) })}\n${printed(outcome.notEnabled.steps)}`);
        return;
      }
      if (outcome.failed) throw new CliError(t('cmd.setup.stepFailed', { step: outcome.failed.step, why: outcome.failed.why }));
      context.stdout(`${t('cmd.setup.enabled')}\n`);
  }
}

async function runSetupDaemon(context: CliContext, remove: boolean): Promise<void> {
  let outcome: DaemonSetup;
  try {
    outcome = await setupDaemon(context.service(), remove);
  } catch (error) {
    if (error instanceof UnwritableLaunchError) throw new CliError(say(context.t, error.wording));
    throw error;
  }
  sayDaemonSetup(outcome, context, context.t);
}

export function registerSetup(program: Command, context: CliContext): void {
  const setup = program.command('setup').description(helpKey('help.setup'));
  setup
    .command('credential-process')
    .description(helpKey('help.setup.credentialProcess'))
    .argument('<profile>', helpKey('help.setup.credentialProcess.profile'))
    .option('--as <name>', helpKey('help.setup.credentialProcess.as'))
    .action(async (name: string, options: { as?: string }) => {
      sayCredentialProcessSetup(await setupCredentialProcess(context.service(), name, options.as), name, context);
    });

  setup
    .command('daemon')
    .description(helpKey('help.setup.daemon'))
    .option('--remove', helpKey('help.setup.daemon.remove'))
    .action((options: { remove?: boolean }) => runSetupDaemon(context, options.remove === true));
}
