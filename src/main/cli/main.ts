// The `rolekeeper` command line: parses arguments with commander and runs one command.
import { Command, CommanderError } from 'commander';
import { currentEnvironment, type AwsEnvironment } from '../core/aws-config/aws-environment';
import { createRolekeeperService, type RolekeeperService } from '../core/service/rolekeeper-service';
import { systemBrowserOpener } from '../core/sso/browser-opener';
import { CliError, EXIT_USAGE, type CliContext } from './cli-context';
import { commandRegistrars } from './commands';

export function buildProgram(context: CliContext): Command {
  const program = new Command('rolekeeper')
    .description('Keeps AWS role credentials fresh where the AWS CLI and SDKs read them.')
    .exitOverride()
    .showHelpAfterError(false)
    .configureOutput({
      writeOut: (text) => context.stdout(text),
      writeErr: (text) => context.stderr(text),
      outputError: (text, write) => write(text.startsWith('error:') ? `rolekeeper: ${text}` : text),
    });
  for (const register of commandRegistrars) register(program, context);
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
    stdout: (text) => process.stdout.write(text),
    stderr: (text) => process.stderr.write(text),
    interactive: Boolean(process.stdin.isTTY && process.stdout.isTTY),
    now: () => new Date(),
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
    context.stderr(`rolekeeper: ${message}\n`);
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
      process.stderr.write(`rolekeeper: ${error instanceof Error ? error.message : String(error)}\n`);
      process.exitCode = 1;
    },
  );
}
