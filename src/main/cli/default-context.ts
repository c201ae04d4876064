// The CliContext of a real run: this process's environment, stdout and stderr, the system clock.
import { fstatSync } from 'node:fs';
import { isatty } from 'node:tty';
import type { AwsEnvironment } from '../core/model/aws-environment';
import type { RolekeeperService } from '../core/service/rolekeeper-service';
import { currentEnvironment, serviceForThisProcess } from '../core/service/process-ports';
import type { CliContext } from './cli-context';
import { cliTranslator } from './cli-language';
import { terminalSafe, terminalSafeColored } from './terminal-text';
import { terminalWidth, wantsColor } from './terminal-layout';

/** Where a run's text goes, before terminalSafe (which the context applies). */
export interface CliOutput {
  stdout: (text: string) => void;
  stderr: (text: string) => void;
}

const STREAM_OUTPUT: CliOutput = {
  stdout: (text) => process.stdout.write(text),
  stderr: (text) => process.stderr.write(text),
};

/** One service per run, built when a command first asks for it. */
export function lazyService(environment: AwsEnvironment): () => RolekeeperService {
  let service: RolekeeperService | undefined;
  return () => (service ??= serviceForThisProcess(environment));
}

/**
 * isatty, without building process.stdout or loading node:tty (both load net and stream) when the
 * descriptor is a pipe or a file: a terminal is always a character device.
 */
function isTerminal(fd: number): boolean {
  try {
    if (!fstatSync(fd).isCharacterDevice()) return false;
  } catch {
    // Let isatty decide.
  }
  return isatty(fd);
}

export function defaultContext(output: CliOutput = STREAM_OUTPUT): CliContext {
  const environment = currentEnvironment();
  const stdoutIsTerminal = isTerminal(1);
  return {
    setExitCode: () => undefined,
    environment,
    service: lazyService(environment),
    stdout: (text) => output.stdout(terminalSafe(text)),
    stderr: (text) => output.stderr(terminalSafe(text)),
    stdoutColored: (text) => output.stdout(terminalSafeColored(text)),
    // A pipe (`eval "$(rolekeeper export …)"`) is never interactive.
    interactive: stdoutIsTerminal && isTerminal(0),
    terminal: {
      width: terminalWidth(environment.env, stdoutIsTerminal ? process.stdout.columns : undefined),
      color: wantsColor(process.argv, environment.env, stdoutIsTerminal),
    },
    now: () => new Date(),
    t: cliTranslator(environment.env, environment.platform),
  };
}
