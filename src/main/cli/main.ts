// The `rolekeeper` command line: parses arguments with commander and runs one command.
import { isatty } from 'node:tty';
import { Command, CommanderError } from 'commander';
import { currentEnvironment, type AwsEnvironment } from '../core/aws-config/aws-environment';
import { createRolekeeperService, type RolekeeperService } from '../core/service/rolekeeper-service';
import { systemBrowserOpener } from '../core/sso/browser-opener';
import { CliError, EXIT_USAGE, type CliContext } from './cli-context';
import { commandRegistrars } from './commands';
import { renderGettingStarted } from './commands/getting-started';
import { closeMatches } from '../core/aws-config/profile-resolver';
import { cliTranslator } from './cli-language';
import { terminalSafe } from './terminal-text';
import { dashNameHint } from './dash-name-hint';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

/** This CLI's version, from the package.json shipped beside dist/ (npm package and packaged app alike). */
export function cliVersion(): string {
  const manifest = JSON.parse(readFileSync(join(__dirname, '..', '..', '..', 'package.json'), 'utf8')) as { version: string };
  return manifest.version;
}

export function buildProgram(context: CliContext): Command {
  const program = new Command('rolekeeper')
    .description('Keeps AWS role credentials fresh where the AWS CLI and SDKs read them.')
    .usage('[options] [command]')
    .version(cliVersion(), '-V, --version', 'print the version')
    .exitOverride()
    .showHelpAfterError(false)
    .configureOutput({
      writeOut: (text) => context.stdout(text),
      writeErr: (text) => context.stderr(text),
      outputError: (text, write) => write(`${text.startsWith('error:') ? `rolekeeper: ${text}` : text}${hint(text)}`),
    });
  const hint = dashNameHint(program, context.t, context.environment.platform);
  for (const register of commandRegistrars) register(program, context);
  program.argument('[command]').action((unknown: string | undefined) => {
    if (unknown === undefined) return context.stdout(renderGettingStarted(context));
    const known = program.commands.map((command) => command.name());
    const hint = closeMatches(unknown, known, 1);
    throw new CliError(`unknown command '${unknown}'${hint.length > 0 ? ` (did you mean ${hint[0]}?)` : ''}; see rolekeeper --help`, EXIT_USAGE);
  });
  return program;
}

/** One service per run, built when a command first asks for it. */
export function lazyService(environment: AwsEnvironment): () => RolekeeperService {
  let service: RolekeeperService | undefined;
  return () => (service ??= createRolekeeperService({ environment, openBrowser: systemBrowserOpener(environment.env, environment.platform) }));
}

function defaultContext(): CliContext {
  const environment = currentEnvironment();
  return {
    setExitCode: () => undefined,
    environment,
    service: lazyService(environment),
    stdout: (text) => process.stdout.write(terminalSafe(text)),
    stderr: (text) => process.stderr.write(terminalSafe(text)),
    // stdout first, and isatty for stdin: building process.stdin costs start-up time, and a pipe
    // (`eval "$(rolekeeper export …)"`) is never interactive anyway.
    interactive: Boolean(process.stdout.isTTY) && isatty(0),
    now: () => new Date(),
    t: cliTranslator(environment.env, environment.platform),
  };
}

/** Runs the CLI and returns its exit code (does not call process.exit itself). */
export async function run(argv: string[], baseContext: CliContext = defaultContext()): Promise<number> {
  let exitCode = 0;
  const context: CliContext = { ...baseContext, setExitCode: (code) => (exitCode = code) };
  const program = buildProgram(context);
  try {
    await program.parseAsync(argv);
    return exitCode;
  } catch (error) {
    if (error instanceof CommanderError) {
      // Help and version are "errors" to commander; everything else is a usage error.
      if (error.code === 'commander.helpDisplayed' || error.code === 'commander.version') return 0;
      if (error.code === 'commander.help') return 0;
      return EXIT_USAGE;
    }
    if (error instanceof CliError) {
      context.stderr(`rolekeeper: ${error.message}\n`);
      return error.exitCode;
    }
    const message = error instanceof Error ? error.message : String(error);
    context.stderr(`rolekeeper: ${context.t('cli.unexpected', { message: message.split('\n', 1)[0] })}\n`);
    if (context.environment.env.ROLEKEEPER_DEBUG && error instanceof Error && error.stack) {
      context.stderr(`${error.stack}\n`);
    }
    return 1;
  }
}

export function main(argv: string[]): void {
  run(argv).then(
    (code) => {
      process.exitCode = code;
    },
    (error: unknown) => {
      process.stderr.write(terminalSafe(`rolekeeper: ${error instanceof Error ? error.message : String(error)}\n`));
      process.exitCode = 1;
    },
  );
}
