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

/**
 * Calls `attach` with process[name] as soon as Node builds that stream, and not before: building
 * stdout or stderr for a pipe loads net and stream, which the warm path does without.
 */
function whenBuilt(name: 'stdout' | 'stderr', attach: (stream: NodeJS.WriteStream) => void): void {
  const descriptor = Object.getOwnPropertyDescriptor(process, name);
  const build = descriptor?.get;
  if (!descriptor || !build || !descriptor.configurable) {
    attach(process[name]);
    return;
  }
  Object.defineProperty(process, name, {
    configurable: true,
    enumerable: descriptor.enumerable,
    get() {
      // Node's own getter builds the stream once and keeps it: put it back, then attach.
      Object.defineProperty(process, name, descriptor);
      const stream = build.call(process) as NodeJS.WriteStream;
      attach(stream);
      return stream;
    },
  });
}

export function installProcessGuards(): void {
  // Nobody reads further: nothing more to say, and saying it on stderr could hit the same wall.
  const quietExit = (error: unknown): void => {
    if (!isClosedPipe(error)) throw error;
    process.exit(typeof process.exitCode === 'number' ? process.exitCode : 0);
  };
  whenBuilt('stdout', (stream) => stream.on('error', quietExit));
  whenBuilt('stderr', (stream) => stream.on('error', quietExit));
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
