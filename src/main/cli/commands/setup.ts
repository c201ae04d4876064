// `rolekeeper setup credential-process PROFILE [--as NAME]`: adds a profile whose credential_process
// is `rolekeeper credential-process PROFILE`, so every SDK and the CLI get fresh credentials from
// Rolekeeper on each call. Only the new section is appended; every other byte stays as it was.
import type { Command } from 'commander';
import { rolekeeperDataDir, type AwsEnvironment } from '../../core/aws-config/aws-environment';
import { editSection, readSection } from '../../core/files/ini-editor';
import { loadProfiles } from '../../core/aws-config/profile-loader';
import { quoteArgument, rolekeeperBinPath, setupCredentialProcessCommand } from '../../core/credentials/credential-process-command';
import { changeStore, readStore } from '../../core/credentials/rolekeeper-store';
import { updateFile } from '../../core/files/safe-file-update';
import { quoteNameForAnyShell } from '../../core/shell/any-shell';
import { CliError, type CliContext } from '../cli-context';

export { quoteArgument, rolekeeperBinPath } from '../../core/credentials/credential-process-command';

/** node and this installation's bin/rolekeeper.js: the command when no `rolekeeper` on PATH runs this installation. */
export function credentialProcessCommand(profile: string, platform: NodeJS.Platform, node = process.execPath, bin = rolekeeperBinPath()): string {
  return [node, bin, 'credential-process', profile].map((part) => quoteArgument(part, platform)).join(' ');
}

async function addProfileSection(environment: AwsEnvironment, file: string, name: string, set: Array<[string, string]>): Promise<void> {
  const target = { profile: name, fileKind: 'config' as const };
  await updateFile(
    file,
    (current) => {
      const text = current ?? '';
      if (readSection(text, target, { fileName: file }) !== null) {
        throw new CliError(`profile "${name}" already exists in ${file}; pick another name with --as NAME`);
      }
      return editSection(text, target, { set, createSection: true }, { fileName: file });
    },
    { dataDir: rolekeeperDataDir(environment) },
  );
}

export function registerSetup(program: Command, context: CliContext): void {
  const setup = program.command('setup').description('Add profiles that take their credentials from Rolekeeper');
  setup
    .command('credential-process')
    .description(
      'Add profile NAME (default PROFILE-rk) with credential_process = rolekeeper credential-process PROFILE, and keep PROFILE fresh',
    )
    .argument('<profile>', 'the role or managed profile whose credentials the new profile serves')
    .option('--as <name>', 'the name of the new profile (default: PROFILE-rk)')
    .action(async (name: string, options: { as?: string }) => {
      const environment = context.environment;
      const newName = options.as ?? `${name}-rk`;
      if (newName === name) throw new CliError('--as must name a new profile, not PROFILE itself', 2);
      if (!/^[^\s[\]]+$/.test(newName)) throw new CliError(`--as "${newName}": a profile name has no spaces or brackets`, 2);
      const profiles = loadProfiles(environment);
      const store = readStore(environment);
      const profile = profiles.get(name);
      if (!profile && !store.managed[name]) throw new CliError(`profile "${name}" not found; see \`rolekeeper list\``);
      if (!store.managed[name] && profile?.type !== 'role' && profile?.type !== 'sso') {
        throw new CliError(`profile "${name}" is of type ${profile?.type}: only role, SSO and managed profiles can be served (see \`rolekeeper manage\`)`);
      }
      if (profiles.get(newName)) throw new CliError(`profile "${newName}" already exists; pick another name with --as NAME`);

      const command = setupCredentialProcessCommand(name, { env: environment.env, platform: environment.platform });
      const set: Array<[string, string]> = [['credential_process', command.line]];
      const region = store.managed[name]?.region ?? profile?.region?.value;
      if (region) set.push(['region', region]);
      const file = profiles.paths.configFile;
      await addProfileSection(environment, file, newName, set);
      if (!store.managed[name]) {
        await changeStore(environment, (data) => {
          data.kept = [...new Set([...data.kept, name])];
        });
      }
      const word = (value: string): string => quoteNameForAnyShell(environment.platform, value);
      // Exactly the line written, so what the person reads is what the SDKs will run.
      context.stdout(`added [profile ${newName}] to ${file}: credential_process = ${command.line}\n`);
      if (command.absoluteReason) context.stderr(`rolekeeper: the command is an absolute path because ${command.absoluteReason}\n`);
      context.stdout(`${name} is kept fresh whenever \`rolekeeper daemon\` or the tray runs; try: aws sts get-caller-identity --profile ${word(newName)}\n`);
    });
}
