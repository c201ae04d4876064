// `rolekeeper credential-process PROFILE`: runs on every AWS call of every SDK, so its common path
// is one file read. It loads the argument parser and the AWS SDK only when it has to refresh.
// bin/ loads this bundle first and alone: it installs the process guards itself, and turns on
// Node's compile cache only off the fast path (for this small bundle the cache costs more than
// the compile it saves; for the half-megabyte refresh bundle it is the other way round).
import { enableCompileCache } from 'node:module';
import { currentEnvironment } from '../core/model/aws-environment';
import { definitionsUnchangedSince, isFreshEnough, readProcessCache } from '../core/caches/process-cache';
import { terminalSafe } from './terminal-text';
import { directOutput } from './direct-output';
import { installProcessGuards } from './process-guards';
import { CLI_CACHE_MIN_VALID_MS } from '../core/model/validity-margins';

/** The AWS CLI re-runs credential_process when fewer than 15 minutes remain: serve more than that. */
export const PROCESS_MIN_VALID_MS = CLI_CACHE_MIN_VALID_MS + 60_000;

export function main(args: string[]): void {
  installProcessGuards();
  if (args.length !== 1 || args[0].startsWith('-')) {
    enableCompileCache();
    const help = args[0] === '--help' || args[0] === '-h';
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const { cliTranslator } = require('./cli-language') as typeof import('./cli-language');
    const t = cliTranslator(process.env, process.platform);
    (help ? process.stdout : process.stderr).write(`${t('help.credentialProcessUsage')}\n`);
    process.exitCode = help ? 0 : 2;
    return;
  }
  const direct = directOutput(process.platform);
  const printOutput = direct?.stdout ?? ((text: string) => process.stdout.write(text));
  const profile = args[0];
  const environment = currentEnvironment();
  const cached = readProcessCache(environment, profile);
  // Served as is only when no file that defines roles changed since it was written; otherwise the
  // slow path checks that it still belongs to the profile's role settings.
  if (cached && isFreshEnough(cached, Date.now(), PROCESS_MIN_VALID_MS) && definitionsUnchangedSince(environment, cached)) {
    printOutput(`${JSON.stringify(cached.output, null, 2)}\n`);
    // All of it went out with write(2) and nothing else is under way: end here, without the
    // runtime's teardown (~3 % of a call that runs on every AWS CLI call). Had the pipe taken less,
    // the stream holds the rest and the run ends as usual once it is written.
    if (direct?.allWritten()) process.exit();
    return;
  }
  enableCompileCache();
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { refreshForProcess } = require('./credential-process-refresh') as typeof import('./credential-process-refresh');
  refreshForProcess(environment, profile, PROCESS_MIN_VALID_MS).then(
    (output) => printOutput(`${JSON.stringify(output, null, 2)}\n`),
    (error: unknown) => {
      process.stderr.write(terminalSafe(`rolekeeper credential-process: ${error instanceof Error ? error.message : String(error)}\n`));
      // 2 for a name that is not a profile, as every command ends (credential-process-refresh.ts).
      process.exitCode = (error as { exitCode?: number }).exitCode ?? 1;
    },
  );
}
