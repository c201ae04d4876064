// The CliContext of a real run: this process's environment, stdout and stderr, the system clock.
import { isatty } from 'node:tty';
import { currentEnvironment, type AwsEnvironment } from '../core/aws-config/aws-environment';
import { createRolekeeperService, type RolekeeperService } from '../core/service/rolekeeper-service';
import { systemBrowserOpener } from '../core/sso/browser-opener';
import type { CliContext } from './cli-context';
import { cliTranslator } from './cli-language';
import { terminalSafe } from './terminal-text';

/** One service per run, built when a command first asks for it. */
export function lazyService(environment: AwsEnvironment): () => RolekeeperService {
  let service: RolekeeperService | undefined;
  return () => (service ??= createRolekeeperService({ environment, openBrowser: systemBrowserOpener(environment.env, environment.platform) }));
}

export function defaultContext(): CliContext {
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
