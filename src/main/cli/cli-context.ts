// What every CLI command receives: the process facts and where to write.
import type { AwsEnvironment } from '../core/model/aws-environment';
import type { RolekeeperService } from '../core/service/rolekeeper-service';
import type { Translate } from '../../shared/i18n';
import type { TerminalFacts } from './terminal-layout';

export interface CliContext {
  environment: AwsEnvironment;
  stdout: (text: string) => void;
  stderr: (text: string) => void;
  /** True when stdin and stdout are a terminal a person can answer prompts on. */
  interactive: boolean;
  now: () => Date;
  /** The CLI's sentences in the user's language (codes, commands and JSON stay English). */
  t: Translate;
  /** The engine service over this environment, built on first use (commands that only print need none). */
  service: () => RolekeeperService;
  /** Sets the exit code the command ends with when it returns normally (e.g. doctor's 1). */
  setExitCode: (code: number) => void;
  /** Writes text the CLI coloured (its own colour codes pass); absent, colour is never written. */
  stdoutColored?: (text: string) => void;
  /** The width to fit and whether to colour; absent, text is neither fitted nor coloured. */
  terminal?: TerminalFacts;
}

/** An error the user caused or can fix: printed as one line, never with a stack trace. */
export class CliError extends Error {
  constructor(
    message: string,
    readonly exitCode: number = 1,
  ) {
    super(message);
    this.name = 'CliError';
  }
}

export const EXIT_USAGE = 2;

export function printJson(context: CliContext, value: unknown): void {
  context.stdout(`${JSON.stringify(value, null, 2)}\n`);
}
