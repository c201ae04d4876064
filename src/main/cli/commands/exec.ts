// `rolekeeper exec PROFILE [--env] [--] COMMAND [ARGS…]`: runs a command (terraform apply, cdk
// deploy) with credentials that stay fresh for its whole life. By default the child gets an
// endpoint of its own in this process, with a token that exists only for it and dies with it;
// `--env` gives plain keys (and AWS_CREDENTIAL_EXPIRATION) for tools without the container provider.
import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { constants } from 'node:os';
import type { Command, Option } from 'commander';
import { ENDPOINT_PROFILE, endpointUrl, ensureEndpointProfile } from '../../core/credentials/endpoint-export';
import { execChildEnvironment, type ChildCredentials } from '../../core/credentials/exec-environment';
import { chainAsksForMfa, roleFingerprint } from '../../core/credentials/role-fingerprint';
import { EXPORT_MIN_VALID_MS } from '../../core/model/validity-margins';
import { startKeeping, type Keeping } from '../../core/service/keeping';
import { guardEndpoint, type EndpointGuard } from '../../core/always-fresh/endpoint-guard';
import type { RolekeeperService } from '../../core/service/rolekeeper-service';
import type { AwsCredentials } from '../../core/model/credentials';
import type { MfaCodeProvider } from '../../core/credentials/credential-chain';
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
 * What the child starts with: a session of the role that outlasts the lead (held, Rolekeeper's or
 * the AWS CLI's cache) as it is, so running `exec` again calls nothing; else one refresh. A chain
 * that asks for an MFA code always gets a fresh session, once, before the child starts: the
 * keeper cannot ask later, so the child lives as long as that session. Only role, SSO and managed
 * profiles: the refresh says why any other cannot be kept fresh.
 */
async function firstCredentials(service: RolekeeperService, name: string, leadMs: number | undefined, mfaCode: MfaCodeProvider | undefined): Promise<AwsCredentials> {
  if (!service.refreshableProfiles().includes(name) || chainAsksForMfa(name, service.profiles(), service.store())) {
    const refreshed = await service.refresh(name, { mfaCode });
    return refreshed.credentials as AwsCredentials;
  }
  // Not due before the keeper's first refresh: a session with less left would be refreshed at once.
  const mustLastMs = Math.max(EXPORT_MIN_VALID_MS, leadMs ?? service.store().settings.refreshLeadSeconds * 1000);
  return service.credentialsNow(name, mustLastMs, mfaCode);
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
      const service = context.service();
      try {
        service.requireProfile(name);
      } catch (error) {
        throw asCliError(error, context.t);
      }
      if (options.minValid !== undefined && !options.env) throw new CliError(context.t('cmd.exec.minValidWithEnv'), EXIT_USAGE);
      const mfaCode = mfaCodeProvider(context, options.mfaCode);
      const region = service.profiles().get(name)?.region?.value ?? null;
      let keeping: Keeping | null = null;
      let given: ChildCredentials;
      try {
        if (options.env) {
          const minValidMs = options.minValid === undefined ? EXPORT_MIN_VALID_MS : durationOption(options.minValid, '--min-valid', context.t);
          given = { kind: 'keys', credentials: await service.credentialsNow(name, minValidMs, mfaCode) };
        } else {
          const leadMs = options.lead === undefined ? undefined : durationOption(options.lead, '--lead', context.t);
          service.held.startServing();
          service.held.set(name, await firstCredentials(service, name, leadMs, mfaCode), roleFingerprint(name, service.profiles(), service.store()));
          // The child's AWS_PROFILE names this empty profile: without it, [default]'s keys would win over the endpoint.
          if (await ensureEndpointProfile(context.environment, service.profiles())) {
            context.stderr(`rolekeeper: ${context.t('cmd.exec.addedEndpointProfile', { profile: ENDPOINT_PROFILE, file: service.profiles().paths.configFile })}\n`);
          }
          const token = randomBytes(32).toString('base64url');
          keeping = await startKeeping(service, {
            scopedToken: { profile: name, token },
            endpoint: false,
            watch: false,
            leadMs,
            minIntervalMs: options.minInterval === undefined ? undefined : durationOption(options.minInterval, '--min-interval', context.t),
          });
          given = { kind: 'endpoint', url: endpointUrl((keeping.endpoint as NonNullable<Keeping['endpoint']>).port, name), token };
        }
      } catch (error) {
        await keeping?.stop();
        throw asCliError(error, context.t);
      }
      let guard: EndpointGuard | null = null;
      // If this process is killed with SIGKILL, the guard answers the child's next request with why.
      const guardChild = (pid: number): void => void (guard = keeping?.endpoint ? guardEndpoint(keeping.endpoint.listeningFd(), pid) : null);
      try {
        context.setExitCode(await runChild(command, args, execChildEnvironment(context.environment, given, region), context.t, guardChild));
      } finally {
        (guard as EndpointGuard | null)?.release();
        // The child's token lived only in this process: it is gone with it.
        await keeping?.stop();
      }
    });
}
