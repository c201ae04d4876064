// `rolekeeper setup credential-process PROFILE [--as NAME]`: adds a profile whose credential_process
// is `rolekeeper credential-process PROFILE`, so every SDK and the CLI get fresh credentials from
// Rolekeeper on each call. Only the new section is appended; every other byte stays as it was.
import type { Command } from 'commander';
import * as path from 'node:path';
import { rolekeeperDataDir, type AwsEnvironment } from '../../core/aws-config/aws-environment';
import { editSection, readSection } from '../../core/files/ini-editor';
import { loadProfiles } from '../../core/aws-config/profile-loader';
import { quoteNameForAnyShell } from '../../core/shell/any-shell';
import { changeStore, readStore } from '../../core/credentials/rolekeeper-store';
import { updateFile } from '../../core/files/safe-file-update';
import { CliError, type CliContext } from '../cli-context';

/** Where this installation's `bin/rolekeeper.js` is (dist/main/cli/commands → repository root). */
export function rolekeeperBinPath(): string {
  return path.resolve(__dirname, '..', '..', '..', '..', 'bin', 'rolekeeper.js');
}

const POSIX_SAFE = /^[A-Za-z0-9_@%+=:,./-]+$/;

/**
 * Quotes one argument so botocore's split of credential_process gives it back unchanged:
 * shlex.split (POSIX rules) everywhere but Windows, where it follows the MS C runtime's rules.
 */
export function quoteArgument(value: string, platform: NodeJS.Platform): string {
  if (platform === 'win32') {
    if (value !== '' && !/[\s"]/.test(value)) return value;
    // Backslashes are literal except before a quote: double those, and the ones before the closing quote.
    const escaped = value.replace(/(\\*)"/g, '$1$1\\"').replace(/(\\+)$/, '$1$1');
    return `"${escaped}"`;
  }
  if (POSIX_SAFE.test(value)) return value;
  return `'${value.replace(/'/g, `'\\''`)}'`;
}

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

      const set: Array<[string, string]> = [['credential_process', credentialProcessCommand(name, environment.platform)]];
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
      context.stdout(`added [profile ${newName}] to ${file}: credential_process = rolekeeper credential-process ${word(name)}\n`);
      context.stdout(`${name} is kept fresh whenever \`rolekeeper daemon\` or the tray runs; try: aws sts get-caller-identity --profile ${word(newName)}\n`);
    });
}
