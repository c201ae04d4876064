// `rolekeeper exec PROFILE [--env] [--] COMMAND [ARGS…]`: runs a command (terraform apply, cdk
// deploy) with credentials that stay fresh for its whole life. By default the child gets an
// endpoint of its own in this process, with a token that exists only for it and dies with it;
// `--env` gives plain keys (and AWS_CREDENTIAL_EXPIRATION) for tools without the container provider.
import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { constants } from 'node:os';
import type { Command } from 'commander';
import { endpointUrl, ensureEndpointProfile } from '../../core/credentials/endpoint-export';
import { execChildEnvironment, type ChildCredentials } from '../../core/credentials/exec-environment';
import { roleFingerprint } from '../../core/credentials/role-fingerprint';
import { EXPORT_MIN_VALID_MS } from '../../core/credentials/validity-margins';
import { startKeeping, type Keeping } from '../../core/service/keeping';
import { CliError, EXIT_USAGE, type CliContext } from '../cli-context';
import { asCliError, durationOption, mfaCodeProvider } from '../cli-support';

interface ExecOptions {
  env?: boolean;
  minValid?: string;
  mfaCode?: string;
  lead?: string;
  minInterval?: string;
}

const FORWARDED_SIGNALS: NodeJS.Signals[] = ['SIGINT', 'SIGTERM', 'SIGHUP'];

/** Runs the child to its end; resolves to the exit code this process should end with. */
function runChild(command: string, args: string[], env: Record<string, string>): Promise<number> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { env, stdio: 'inherit' });
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
      reject(new CliError(error.code === 'ENOENT' ? `${command}: command not found` : `cannot run ${command}: ${error.message}`, 127));
    });
    child.once('exit', (code, signal) => {
      done();
      // A shell reports a child killed by signal N as 128+N; so does exec.
      resolve(code ?? 128 + (signal ? (constants.signals[signal] ?? 0) : 0));
    });
  });
}

export function registerExec(program: Command, context: CliContext): void {
  program
    .command('exec')
    .description('Run COMMAND with credentials of PROFILE that stay fresh for its whole life (through an endpoint of its own; --env: plain keys); put -- before COMMAND')
    .argument('<profile>')
    .argument('<command>')
    .argument('[args...]')
    .option('--env', 'give the child plain keys and AWS_CREDENTIAL_EXPIRATION instead of the endpoint (they do not refresh)')
    .option('--min-valid <duration>', 'with --env: refresh first when less than this remains (default 15m)')
    .option('--mfa-code <code>', 'the current code of the MFA device, if a refresh needs one (otherwise asked once, before the command starts)')
    .option('--lead <duration>', "refresh when this much validity remains (default: the store's setting)")
    .option('--min-interval <duration>', 'least time between two refreshes (default 1m)')
    .action(async (name: string, command: string, args: string[], options: ExecOptions) => {
      const service = context.service();
      try {
        service.requireProfile(name);
      } catch (error) {
        throw asCliError(error, context.t);
      }
      if (options.minValid !== undefined && !options.env) throw new CliError('--min-valid goes with --env', EXIT_USAGE);
      const mfaCode = mfaCodeProvider(context, options.mfaCode);
      const region = service.profiles().get(name)?.region?.value ?? null;
      let keeping: Keeping | null = null;
      let given: ChildCredentials;
      try {
        if (options.env) {
          const minValidMs = options.minValid === undefined ? EXPORT_MIN_VALID_MS : durationOption(options.minValid, '--min-valid');
          given = { kind: 'keys', credentials: await service.credentialsNow(name, minValidMs, mfaCode) };
        } else {
          // The first refresh asks for the MFA code, once, before the child starts.
          service.held.startServing();
          const first = await service.refresh(name, { mfaCode });
          if (first.credentials) service.held.set(name, first.credentials, roleFingerprint(name, service.profiles(), service.store()));
          await ensureEndpointProfile(context.environment, service.profiles());
          const token = randomBytes(32).toString('base64url');
          keeping = await startKeeping(service, {
            scopedToken: { profile: name, token },
            endpoint: false,
            watch: false,
            leadMs: options.lead === undefined ? undefined : durationOption(options.lead, '--lead'),
            minIntervalMs: options.minInterval === undefined ? undefined : durationOption(options.minInterval, '--min-interval'),
          });
          given = { kind: 'endpoint', url: endpointUrl((keeping.endpoint as NonNullable<Keeping['endpoint']>).port, name), token };
        }
      } catch (error) {
        await keeping?.stop();
        throw asCliError(error, context.t);
      }
      try {
        context.setExitCode(await runChild(command, args, execChildEnvironment(context.environment.env, given, region)));
      } finally {
        // The child's token lived only in this process: it is gone with it.
        await keeping?.stop();
      }
    });
}
