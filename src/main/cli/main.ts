// The `rolekeeper` command line: parses arguments with commander and runs one command.
import { Command, CommanderError } from 'commander';
import { CliError, EXIT_USAGE, type CliContext } from './cli-context';
import { endProcessWith, reportFailure } from './cli-outcome';
import { defaultContext } from './default-context';
import { commandRegistrars } from './commands';
import { greet } from './commands/getting-started';
import { closeMatches } from '../core/service/wording-helpers';
import { dashNameHint } from './dash-name-hint';
import { separateExecCommand } from './commands/exec';
import { helpKey } from './help-text';
import { commanderErrorText, localizedHelp } from './localized-help';
import { registerCompletion } from './commands/completion';
import { registerInit } from './commands/init';
import { commandReference, manPage, registerMan } from './commands/man';
import { english } from '../../shared/i18n';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

/** This CLI's version, from the package.json shipped beside dist/ (npm package and packaged app alike). */
export function cliVersion(): string {
  const manifest = JSON.parse(readFileSync(join(__dirname, '..', '..', '..', 'package.json'), 'utf8')) as { version: string };
  return manifest.version;
}

export function buildProgram(context: CliContext): Command {
  const program = new Command('rolekeeper')
    .description(helpKey('help.rolekeeper'))
    .usage('[options] [command]')
    .version(cliVersion(), '-V, --version', helpKey('help.version'))
    .helpOption('-h, --help', helpKey('help.help'))
    .helpCommand('help [command]', helpKey('help.helpCommand'))
    .exitOverride()
    .showHelpAfterError(false)
    .configureHelp(localizedHelp(context.t))
    .configureOutput({
      getOutHelpWidth: () => context.terminal?.width ?? 80,
      getErrHelpWidth: () => context.terminal?.width ?? 80,
      writeOut: (text) => context.stdout(text),
      writeErr: (text) => context.stderr(text),
      outputError: (text, write) => write(`${text.startsWith('error:') ? `rolekeeper: ${commanderErrorText(text, context.t)}` : text}${hint(text)}`),
    });
  const hint = dashNameHint(program, context.t, context.environment.platform);
  program.option('--no-color', helpKey('help.noColor'));
  for (const register of commandRegistrars) register(program, context);
  // After every other command, so their scripts and the manual page cover them all.
  registerCompletion(program, context);
  registerInit(program, context);
  registerMan(program, context, cliVersion());
  program.argument('[command]').action(async (unknown: string | undefined) => {
    if (unknown === undefined) return context.stdout(await greet(context));
    const known = program.commands.map((command) => command.name());
    const [suggestion] = closeMatches(unknown, known, 1);
    const words = suggestion === undefined ? context.t('help.unknownCommand', { command: unknown }) : context.t('help.unknownCommandLike', { command: unknown, suggestion });
    throw new CliError(words, EXIT_USAGE);
  });
  return program;
}

/** The manual page and docs/commands.md in English, as the build and the docs script write them. */
export function referenceTexts(): { manPage: string; commandReference: string } {
  const program = buildProgram({ ...defaultContext(), t: english, terminal: undefined });
  return { manPage: manPage(program, cliVersion()), commandReference: commandReference(program) };
}

/** Runs the CLI and returns its exit code (does not call process.exit itself). */
export async function run(argv: string[], baseContext: CliContext = defaultContext()): Promise<number> {
  let exitCode = 0;
  const context: CliContext = { ...baseContext, setExitCode: (code) => (exitCode = code) };
  const program = buildProgram(context);
  try {
    await program.parseAsync(separateExecCommand(program, argv));
    return exitCode;
  } catch (error) {
    if (error instanceof CommanderError) {
      // Help and version are "errors" to commander; everything else is a usage error.
      if (error.code === 'commander.helpDisplayed' || error.code === 'commander.version') return 0;
      if (error.code === 'commander.help') return 0;
      return EXIT_USAGE;
    }
    return reportFailure(error, context);
  }
}

export function main(argv: string[]): void {
  endProcessWith(run(argv));
}
