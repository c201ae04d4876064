// `rolekeeper exec PROFILE [--env] [--] COMMAND [ARGS…]`: runs a command (terraform apply, cdk
// deploy) with credentials that stay fresh for its whole life. By default the child gets an
// endpoint of its own in this process, with a token that exists only for it and dies with it;
// `--env` gives plain keys (and AWS_CREDENTIAL_EXPIRATION) for tools without the container provider.
import { spawn } from 'node:child_process';
import { constants } from 'node:os';
import type { Command, Option } from 'commander';
import { startExecSession, type ExecSession } from '../../core/service/exec-session';
import type { Translate } from '../../../shared/i18n';
import { CliError, EXIT_USAGE, type CliContext } from '../cli-context';
import { asCliError, durationOption, mfaCodeProvider } from '../cli-support';
import { helpKey } from '../help-text';

interface ExecOptions {
  env?: boolean;
  minValid?: string;
  mfaCode?: string;
  lead?: string;
  minInterval?: string;
}

const FORWARDED_SIGNALS: NodeJS.Signals[] = ['SIGINT', 'SIGTERM', 'SIGHUP'];

/** Runs the child to its end; resolves to the exit code this process should end with. */
function runChild(command: string, args: string[], env: Record<string, string>, t: Translate, onSpawn?: (pid: number) => void): Promise<number> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { env, stdio: 'inherit' });
    if (child.pid !== undefined) onSpawn?.(child.pid);
    // Ctrl-C reaches the child through the terminal too; forwarding covers `kill` and systemd.
    const forward = (signal: NodeJS.Signals): void => {
      if (child.exitCode === null) child.kill(signal);
    };
    for (const signal of FORWARDED_SIGNALS) process.on(signal, forward);
    const done = (): void => {
      for (const signal of FORWARDED_SIGNALS) process.off(signal, forward);
    };
    child.once('error', (error: NodeJS.ErrnoException) => {
      done();
      reject(new CliError(error.code === 'ENOENT' ? t('cmd.exec.notFound', { command }) : t('cmd.exec.cannotRun', { command, message: error.message }), 127));
    });
    child.once('exit', (code, signal) => {
      done();
      // A shell reports a child killed by signal N as 128+N; so does exec.
      resolve(code ?? 128 + (signal ? (constants.signals[signal] ?? 0) : 0));
    });
  });
}

/**
 * `exec PROFILE aws sts get-caller-identity --output text` means what it says: exec's own options
 * end where its command begins, so `--` is put before the command when it is missing (commander
 * would otherwise read `--output` as an option of exec). Other argument lists pass unchanged.
 */
export function separateExecCommand(program: Command, argv: readonly string[]): string[] {
  const args = [...argv];
  // argv[0] is node, argv[1] the script; the program's own options (-V, -h) come before the command name.
  let index = 2;
  while (index < args.length && args[index].startsWith('-') && args[index] !== '--') index++;
  const exec = program.commands.find((command) => command.name() === 'exec');
  if (!exec || args[index] !== 'exec') return args;
  const takesValue = new Set(exec.options.filter((option: Option) => option.required || option.optional).map((option: Option) => option.long));
  let operands = 0;
  for (index += 1; index < args.length; index++) {
    const word = args[index];
    if (word === '--') return args;
    if (word.startsWith('-') && word !== '-') {
      if (takesValue.has(word)) index++;
      continue;
    }
    operands++;
    if (operands === 2) {
      args.splice(index, 0, '--');
      return args;
    }
  }
  return args;
}

export function registerExec(program: Command, context: CliContext): void {
  program
    .command('exec')
    .description(helpKey('help.exec'))
    .argument('<profile>')
    .argument('<command>')
    .argument('[args...]')
    .option('--env', helpKey('help.exec.env'))
    .option('--min-valid <duration>', helpKey('help.exec.minValid'))
    .option('--mfa-code <code>', helpKey('help.exec.mfaCode'))
    .option('--lead <duration>', helpKey('help.exec.lead'))
    .option('--min-interval <duration>', helpKey('help.exec.minInterval'))
    .action(async (name: string, command: string, args: string[], options: ExecOptions) => {
      if (options.minValid !== undefined && !options.env) throw new CliError(context.t('cmd.exec.minValidWithEnv'), EXIT_USAGE);
      const duration = (text: string | undefined, flag: string): number | undefined => (text === undefined ? undefined : durationOption(text, flag, context.t));
      const minValidMs = duration(options.minValid, '--min-valid');
      const leadMs = duration(options.lead, '--lead');
      const minIntervalMs = duration(options.minInterval, '--min-interval');
      let session: ExecSession;
      try {
        session = await startExecSession(context.service(), name, {
          ...(options.env ? { keys: { minValidMs } } : {}),
          leadMs,
          minIntervalMs,
          mfaCode: mfaCodeProvider(context, options.mfaCode),
        });
      } catch (error) {
        throw asCliError(error, context.t);
      }
      if (session.addedProfileTo !== null) {
        context.stderr(`rolekeeper: ${context.t('cmd.exec.addedEndpointProfile', { profile: session.endpointProfile, file: session.addedProfileTo })}\n`);
      }
      try {
        context.setExitCode(await runChild(command, args, session.env, context.t, session.guardChild));
      } finally {
        await session.stop();
      }
    });
}
