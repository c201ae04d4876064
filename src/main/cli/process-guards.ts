// What keeps a stack trace off the user's terminal, whatever happens: a reader that closes the pipe
// early (`rolekeeper list | head -1`) ends the run quietly, and anything nobody caught becomes one
// line and exit code 1. Loaded before anything else, so it also covers `credential-process`.
import { terminalSafe } from './terminal-text';

const CLOSED_PIPE_CODES: ReadonlySet<string> = new Set(['EPIPE', 'ERR_STREAM_DESTROYED', 'ERR_STREAM_WRITE_AFTER_END']);
export const EXIT_FAILURE = 1;

function isClosedPipe(error: unknown): boolean {
  return typeof error === 'object' && error !== null && CLOSED_PIPE_CODES.has(String((error as { code?: unknown }).code));
}

/** The one line a last-resort error becomes; the stack only when ROLEKEEPER_DEBUG is set. */
export function lastResortLine(error: unknown, debug: boolean): string {
  const message = error instanceof Error ? error.message : String(error);
  const firstLine = message.split('\n', 1)[0] || 'unknown error';
  const line = `rolekeeper: unexpected error: ${firstLine} (set ROLEKEEPER_DEBUG=1 to see where)\n`;
  return debug && error instanceof Error && error.stack ? `${line}${error.stack}\n` : line;
}

export function installProcessGuards(): void {
  // Nobody reads further: nothing more to say, and saying it on stderr could hit the same wall.
  const quietExit = (error: unknown): void => {
    if (!isClosedPipe(error)) throw error;
    process.exit(typeof process.exitCode === 'number' ? process.exitCode : 0);
  };
  process.stdout.on('error', quietExit);
  process.stderr.on('error', quietExit);
  const lastResort = (error: unknown): void => {
    if (isClosedPipe(error)) process.exit(typeof process.exitCode === 'number' ? process.exitCode : 0);
    try {
      process.stderr.write(terminalSafe(lastResortLine(error, Boolean(process.env.ROLEKEEPER_DEBUG))));
    } finally {
      process.exit(EXIT_FAILURE);
    }
  };
  process.on('uncaughtException', lastResort);
  process.on('unhandledRejection', lastResort);
}
