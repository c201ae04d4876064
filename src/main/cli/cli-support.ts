// Pieces several commands share: turning engine errors into one clear line, asking for MFA codes.
import { createInterface } from 'node:readline';
import type { MfaCodeProvider } from '../core/credentials/credential-chain';
import { RefreshError, failureText } from '../core/service/service-errors';
import { english, type Translate } from '../../shared/i18n';
import { CliError, EXIT_USAGE, type CliContext } from './cli-context';
import { formatRemaining, isoSeconds, parseDuration } from '../../shared/duration';
import { CREDENTIAL_VARIABLES, renderCredentialUnset } from '../core/service/wording-helpers';
import { guessShell } from '../core/service/wording-helpers';
import { errorText } from '../core/service/service-errors';

/**
 * A RefreshError (or any error) as the one-line message plus its fix, in the translator's language
 * (English by default: `--json` and logs).
 */
export function describeFailure(error: unknown, t: Translate = english): string {
  if (error instanceof RefreshError) {
    const { message, fix } = failureText(error, t);
    return `${message}\n  ${t('cli.doctor.fix')}: ${fix}`;
  }
  return errorText(error, t);
}

/** The exit code a failure ends a run with: a name that is not a profile is a usage error (2). */
export function failureExitCode(error: unknown): number {
  if (error instanceof CliError) return error.exitCode;
  return error instanceof RefreshError && error.kind === 'unknown-profile' ? EXIT_USAGE : 1;
}

export function asCliError(error: unknown, t: Translate = english): CliError {
  if (error instanceof CliError) return error;
  // A name that is not a profile is a mistake in the command line: one line, usage exit code.
  if (error instanceof RefreshError && error.kind === 'unknown-profile') {
    const { message, fix } = failureText(error, t);
    return new CliError(t('engine.inlineFix', { message, loweredFix: `${fix.charAt(0).toLowerCase()}${fix.slice(1)}` }), EXIT_USAGE);
  }
  return new CliError(describeFailure(error, t));
}

export function durationOption(text: string, flag: string, t: Translate = english): number {
  try {
    return parseDuration(text);
  } catch {
    throw new CliError(t('cmd.notDuration', { flag, text }), EXIT_USAGE);
  }
}

const MFA_CODE = /^\d{6}$/;

/**
 * Where MFA codes come from: --mfa-code, else a prompt on the terminal, else nowhere (the refresh
 * then fails at once with a message saying how to give a code).
 */
export function mfaCodeProvider(context: CliContext, given: string | undefined): MfaCodeProvider | undefined {
  if (given !== undefined) {
    if (!MFA_CODE.test(given)) throw new CliError(context.t('cmd.mfaCodeFormat'), 2);
    return async () => given;
  }
  if (!context.interactive) return undefined;
  return (serial, profile) => askHidden(context.t('cmd.mfaPrompt', { serial, profile }), context.t);
}

/** How a question on the terminal ended: an answer, Ctrl-C, or the end of input (Ctrl-D). */
export type TerminalAnswer = { answer: string } | { ended: 'interrupt' | 'end' };

/**
 * One line from the terminal, the question on stderr; `hidden` echoes nothing of what is typed
 * (as the AWS CLI's getpass does for secrets).
 */
export function askOnTerminal(question: string, hidden: boolean): Promise<TerminalAnswer> {
  return new Promise((resolve) => {
    let muted = false;
    // node:stream loads here, on a prompt, not on every run: the warm path never builds a stream.
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const { Writable } = require('node:stream') as typeof import('node:stream');
    const output = new Writable({
      write(chunk: Buffer | string, _encoding, done) {
        if (!muted) process.stderr.write(chunk);
        done();
      },
    });
    const prompt = createInterface({ input: process.stdin, output, terminal: true });
    let settled = false;
    const finish = (result: TerminalAnswer) => {
      if (settled) return;
      settled = true;
      if (hidden) process.stderr.write('\n');
      prompt.close();
      resolve(result);
    };
    prompt.on('SIGINT', () => finish({ ended: 'interrupt' }));
    prompt.on('close', () => finish({ ended: 'end' }));
    prompt.question(question, (answer) => finish({ answer }));
    muted = hidden;
  });
}

/** An MFA code from the terminal, unechoed; Ctrl-C or Ctrl-D reject instead of hanging or exiting silently. */
async function askHidden(question: string, t: Translate): Promise<string> {
  const result = await askOnTerminal(question, true);
  if ('ended' in result) throw new CliError(t(result.ended === 'interrupt' ? 'cmd.mfaCancelled' : 'cmd.mfaNone'));
  const code = result.answer.trim();
  if (!MFA_CODE.test(code)) throw new CliError(t('cmd.mfaDigits'));
  return code;
}

export function describeExpiry(expiresAt: Date | null, now: Date, t: Translate = english): string {
  if (!expiresAt) return t('cmd.noExpiry');
  return t('cmd.validUntil', { time: isoSeconds(expiresAt), remaining: formatRemaining(expiresAt.getTime() - now.getTime()) });
}

/** `PROFILE... | --all`: one of the two, never both nor neither (a usage error otherwise). */
export function requireNamesOrAll(context: CliContext, names: readonly string[], all: boolean | undefined): void {
  if (all && names.length > 0) throw new CliError(context.t('cmd.namesOrAllBoth'), EXIT_USAGE);
  if (!all && names.length === 0) throw new CliError(context.t('cmd.namesOrAll'), EXIT_USAGE);
}

/** The credential variables set in this shell: they win over any profile the SDKs are pointed at. */
export function shadowingVariables(env: CliContext['environment']['env']): string[] {
  return CREDENTIAL_VARIABLES.filter((name) => Boolean(env[name]));
}

/**
 * The seed's trap: fresh credentials for PROFILE are useless while exported keys in this shell come
 * first. Says so on stderr, with the lines that clear them in the user's shell.
 */
export function warnIfShadowed(context: CliContext, profile: string): void {
  const variables = shadowingVariables(context.environment.env);
  if (variables.length === 0) return;
  const unsetLines = renderCredentialUnset(guessShell(context.environment))
    .split('\n')
    .filter(Boolean)
    .map((line) => `  ${line}\n`)
    .join('');
  context.stderr(`rolekeeper: ${context.t('cli.shadowed', { variables: variables.join(', '), profile })}\n${unsetLines}`);
}
