// How a run ends: a CliError is its own one line and exit code; anything else is one "unexpected"
// line (its stack only under ROLEKEEPER_DEBUG) and exit code 1. Shared by the full program and the
// warm path, so both end alike.
import { CliError, type CliContext } from './cli-context';
import { terminalSafe } from './terminal-text';
import { WordedError } from '../core/service/service-errors';
import { say } from '../../shared/i18n';
import { failureExitCode } from './cli-support';

/** Writes the failure's line to stderr and returns the exit code the run ends with. */
export function reportFailure(error: unknown, context: CliContext): number {
  if (error instanceof CliError) {
    context.stderr(`rolekeeper: ${error.message}\n`);
    return error.exitCode;
  }
  // The engine said what went wrong (a store it cannot read, another keeper): not unexpected.
  if (error instanceof WordedError) {
    context.stderr(`rolekeeper: ${say(context.t, error.wording)}\n`);
    return failureExitCode(error);
  }
  const message = error instanceof Error ? error.message : String(error);
  context.stderr(`rolekeeper: ${context.t('cli.unexpected', { message: message.split('\n', 1)[0] })}\n`);
  if (context.environment.env.ROLEKEEPER_DEBUG && error instanceof Error && error.stack) {
    context.stderr(`${error.stack}\n`);
  }
  return 1;
}

/** Sets the process's exit code from a run's result (does not call process.exit itself). */
export function endProcessWith(result: Promise<number>): void {
  result.then(
    (code) => {
      process.exitCode = code;
    },
    (error: unknown) => {
      process.stderr.write(terminalSafe(`rolekeeper: ${error instanceof Error ? error.message : String(error)}\n`));
      process.exitCode = 1;
    },
  );
}
