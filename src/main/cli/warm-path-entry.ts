// `rolekeeper list [--json]` and `rolekeeper export PROFILE [--shell SHELL]` run on shell prompts
// and in scripts many times a day: in those plain forms they run from this bundle, without
// commander and the other commands' code. Every other form (help, other options, mistakes) goes to
// the full program, so what it prints stays commander's.
import { english } from '../../shared/i18n';
import type { AwsEnvironment } from '../core/model/aws-environment';
import type { CliContext } from './cli-context';
import { endProcessWith, reportFailure } from './cli-outcome';
import { exportProfile } from './commands/export';
import { listProfiles } from './commands/list';
import { defaultContext, lazyService } from './default-context';
import { directOutput } from './direct-output';

export type WarmCommand = (context: CliContext) => void | Promise<void>;

/** An argument commander would take as a value as is: anything not starting with a dash. */
function plainWord(word: string | undefined): word is string {
  return word !== undefined && !word.startsWith('-');
}

/** The command of a plain warm form of `args` (argv after the script), or null for the full program. */
export function warmCommand(args: readonly string[]): WarmCommand | null {
  const [command, ...rest] = args;
  if (command === 'list') {
    if (rest.length === 0) return (context) => listProfiles(context, {});
    if (rest.length === 1 && rest[0] === '--json') return (context) => listProfiles(context, { json: true });
    return null;
  }
  if (command === 'export') {
    const [first, second, third] = rest;
    if (rest.length === 1 && plainWord(first)) return (context) => exportProfile(context, first, {});
    if (rest.length !== 3) return null;
    if (plainWord(first) && second === '--shell' && plainWord(third)) return (context) => exportProfile(context, first, { shell: third });
    if (first === '--shell' && plainWord(second) && plainWord(third)) return (context) => exportProfile(context, third, { shell: second });
  }
  return null;
}

/** Runs a warm command as main.ts's run() runs a parsed one, and returns its exit code. */
export async function runWarm(command: WarmCommand, baseContext: CliContext = defaultContext(directOutput(process.platform))): Promise<number> {
  let exitCode = 0;
  const context: CliContext = { ...baseContext, setExitCode: (code) => (exitCode = code) };
  try {
    await command(context);
    return exitCode;
  } catch (error) {
    return reportFailure(error, context);
  }
}

/** Runs `args` when they are a plain warm form and returns true; false leaves them to the full program. */
export function main(args: string[]): boolean {
  const command = warmCommand(args);
  if (command === null) return false;
  endProcessWith(runWarm(command));
  return true;
}

/**
 * Runs each warm form once over `environment`'s files, printing nothing. The build calls it before
 * writing this bundle's code cache, so the cache holds the functions a warm run compiles too.
 */
export async function warmUp(environment: AwsEnvironment, profile: string): Promise<void> {
  const quiet = (): void => undefined;
  const forms = [['list'], ['list', '--json'], ['export', profile, '--shell', 'bash']];
  for (const form of forms) {
    const context: CliContext = {
      environment,
      stdout: quiet,
      stderr: quiet,
      interactive: false,
      now: () => new Date(),
      t: english,
      service: lazyService(environment),
      setExitCode: quiet,
    };
    await runWarm(warmCommand(form) as WarmCommand, context);
  }
}
