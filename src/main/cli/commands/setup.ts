// `rolekeeper setup credential-process PROFILE [--as NAME]`: adds a profile whose credential_process
// is `rolekeeper credential-process PROFILE`, so every SDK and the CLI get fresh credentials from
// Rolekeeper on each call. Only the new section is appended; every other byte stays as it was.
import { spawnSync } from 'node:child_process';
import { existsSync, rmSync } from 'node:fs';
import { dirname } from 'node:path';
import type { Command } from 'commander';
import {
  daemonAutostartFor,
  daemonLaunch,
  FILE_CHOOSING_VARIABLES,
  UnwritableLaunchError,
  type AutostartStep,
} from '../../core/always-fresh/daemon-autostart';
import { writeFileAtomic } from '../../core/files/atomic-file';
import { makePrivateFolder } from '../../core/files/private-folder';
import { rolekeeperDataDir, type AwsEnvironment } from '../../core/model/aws-environment';
import { editSection, readSection } from '../../core/files/ini-editor';
import { loadProfiles } from '../../core/aws-config/profile-loader';
import { quoteArgument, rolekeeperBinPath, rolekeeperCommand, setupCredentialProcessCommand } from '../../core/aws-config/credential-process-command';
import { changeStore, readStore } from '../../core/credentials/rolekeeper-store';
import { updateFile } from '../../core/files/safe-file-update';
import { quoteNameForAnyShell } from '../../core/service/wording-helpers';
import { say, type Translate } from '../../../shared/i18n';
import { CliError, type CliContext } from '../cli-context';
import { helpKey } from '../help-text';

export { quoteArgument, rolekeeperBinPath } from '../../core/aws-config/credential-process-command';

/** node and this installation's bin/rolekeeper.js: the command when no `rolekeeper` on PATH runs this installation. */
export function credentialProcessCommand(profile: string, platform: NodeJS.Platform, node = process.execPath, bin = rolekeeperBinPath()): string {
  return [node, bin, 'credential-process', profile].map((part) => quoteArgument(part, platform)).join(' ');
}

async function addProfileSection(environment: AwsEnvironment, file: string, name: string, set: Array<[string, string]>, t: Translate): Promise<void> {
  const target = { profile: name, fileKind: 'config' as const };
  await updateFile(
    file,
    (current) => {
      const text = current ?? '';
      if (readSection(text, target, { fileName: file }) !== null) {
        throw new CliError(t('cmd.setup.existsIn', { profile: name, file }));
      }
      return editSection(text, target, { set, createSection: true }, { fileName: file });
    },
    { dataDir: rolekeeperDataDir(environment) },
  );
}

/** A step as the person would type it, for a shell of the platform. */
function printedStep(step: AutostartStep, platform: NodeJS.Platform): string {
  return step.argv.map((word) => quoteNameForAnyShell(platform, word)).join(' ');
}

/** Runs the steps in order; the message of the first that fails (one that may fail is skipped), or null. */
function runSteps(steps: AutostartStep[], context: CliContext): { step: AutostartStep; why: string } | null {
  for (const step of steps) {
    const [program, ...args] = step.argv;
    const result = spawnSync(program, args, { env: context.environment.env, encoding: 'utf8', timeout: 60_000 });
    if (result.status === 0 || step.mayFail) continue;
    const output = `${result.stderr ?? ''}\n${result.stdout ?? ''}`.split('\n').map((line) => line.trim()).find((line) => line !== '');
    const why = result.error ? result.error.message : output ?? `exit ${result.status ?? result.signal}`;
    return { step, why };
  }
  return null;
}

function setupDaemon(context: CliContext, remove: boolean): Promise<void> | void {
  const environment = context.environment;
  const { t } = context;
  const autostart = daemonAutostartFor(environment.platform);
  if (!autostart) throw new CliError(t('cmd.setup.unknownPlatform', { platform: environment.platform }));
  const file = autostart.file(environment);
  const unreachable = autostart.unreachable(environment);
  const platform = environment.platform;
  const printed = (steps: AutostartStep[]): string => steps.map((step) => `  ${printedStep(step, platform)}\n`).join('');

  if (remove) {
    if (!existsSync(file)) {
      context.stdout(`${t('cmd.setup.nothingToRemove', { file })}\n`);
      return;
    }
    const steps = autostart.uninstall(file, environment);
    if (unreachable === null) runSteps(steps, context);
    rmSync(file, { force: true });
    context.stdout(`${t('cmd.setup.removed', { mechanism: say(t, autostart.mechanism), file })}\n`);
    if (unreachable !== null) context.stdout(`${t('cmd.setup.couldNotStop', { why: say(t, unreachable) })}\n${printed(steps)}`);
    return;
  }

  const command = rolekeeperCommand({ env: environment.env, platform });
  const launch = daemonLaunch(command.argv, environment.env);
  let text: string;
  try {
    text = autostart.render(launch, environment);
  } catch (error) {
    if (error instanceof UnwritableLaunchError) throw new CliError(say(t, error.wording));
    throw error;
  }
  return (async () => {
    // Another user who could write here could add units or agents that run as this user.
    makePrivateFolder(dirname(file));
    for (const folder of autostart.foldersToCreate?.(environment) ?? []) makePrivateFolder(folder);
    const existed = existsSync(file);
    // Not a secret (no key in it); never written through a symlink someone left in its place.
    await writeFileAtomic(file, autostart.encode ? autostart.encode(text) : text, { mode: 0o644, followSymlinks: false });
    const started = launch.argv.map((word) => quoteNameForAnyShell(platform, word)).join(' ');
    context.stdout(`${t(existed ? 'cmd.setup.updated' : 'cmd.setup.wrote', { mechanism: say(t, autostart.mechanism), file, command: started })}\n`);
    if (command.absoluteReason) context.stderr(`rolekeeper: ${t('cmd.setup.absolute', { reason: say(t, command.absoluteReason) })}\n`);
    if (!autostart.carriesEnvironment) {
      const lost = FILE_CHOOSING_VARIABLES.filter((name) => environment.env[name]);
      if (lost.length > 0) context.stderr(`rolekeeper: ${t('cmd.setup.lostVariables', { variables: lost.join(', ') })}\n`);
    }
    const steps = autostart.install(file, environment);
    if (unreachable !== null) {
      context.stdout(`${t('cmd.setup.notEnabled', { why: say(t, unreachable) })}\n${printed(steps)}`);
      return;
    }
    const failed = runSteps(steps, context);
    if (failed) throw new CliError(t('cmd.setup.stepFailed', { step: printedStep(failed.step, platform), why: failed.why }));
    context.stdout(`${t('cmd.setup.enabled')}\n`);
  })();
}

export function registerSetup(program: Command, context: CliContext): void {
  const setup = program.command('setup').description(helpKey('help.setup'));
  setup
    .command('credential-process')
    .description(helpKey('help.setup.credentialProcess'))
    .argument('<profile>', helpKey('help.setup.credentialProcess.profile'))
    .option('--as <name>', helpKey('help.setup.credentialProcess.as'))
    .action(async (name: string, options: { as?: string }) => {
      const environment = context.environment;
      const { t } = context;
      const newName = options.as ?? `${name}-rk`;
      if (newName === name) throw new CliError(t('cmd.setup.asSame'), 2);
      if (!/^[^\s[\]]+$/.test(newName)) throw new CliError(t('cmd.setup.asBad', { name: newName }), 2);
      const profiles = loadProfiles(environment);
      const store = readStore(environment);
      const profile = profiles.get(name);
      if (!profile && !store.managed[name]) throw new CliError(t('cmd.setup.notFound', { profile: name }));
      if (!store.managed[name] && profile?.type !== 'role' && profile?.type !== 'sso') {
        throw new CliError(t('cmd.setup.wrongType', { profile: name, type: String(profile?.type) }));
      }
      if (profiles.get(newName)) throw new CliError(t('cmd.setup.exists', { profile: newName }));

      const command = setupCredentialProcessCommand(name, { env: environment.env, platform: environment.platform });
      const set: Array<[string, string]> = [['credential_process', command.line]];
      const region = store.managed[name]?.region ?? profile?.region?.value;
      if (region) set.push(['region', region]);
      const file = profiles.paths.configFile;
      await addProfileSection(environment, file, newName, set, t);
      if (!store.managed[name]) {
        await changeStore(environment, (data) => {
          data.kept = [...new Set([...data.kept, name])];
        });
      }
      const word = (value: string): string => quoteNameForAnyShell(environment.platform, value);
      // Exactly the line written, so what the person reads is what the SDKs will run.
      context.stdout(`${t('cmd.setup.added', { profile: newName, file, line: command.line })}\n`);
      if (command.absoluteReason) context.stderr(`rolekeeper: ${t('cmd.setup.absolute', { reason: say(t, command.absoluteReason) })}\n`);
      context.stdout(`${t('cmd.setup.keptTry', { profile: name, command: `aws sts get-caller-identity --profile ${word(newName)}` })}\n`);
    });

  setup
    .command('daemon')
    .description(helpKey('help.setup.daemon'))
    .option('--remove', helpKey('help.setup.daemon.remove'))
    .action((options: { remove?: boolean }) => setupDaemon(context, options.remove === true));
}
