// Pieces several commands share: turning engine errors into one clear line, asking for MFA codes.
import { createInterface } from 'node:readline';
import type { MfaCodeProvider } from '../core/credential-chain';
import { RefreshError } from '../core/credentials';
import { CliError, type CliContext } from './cli-context';
import { formatRemaining, parseDuration } from '../../shared/duration';

/** A RefreshError (or any error) as the one-line message plus its fix. */
export function describeFailure(error: unknown): string {
  if (error instanceof RefreshError) return `${error.message}\n  fix: ${error.fix}`;
  return error instanceof Error ? error.message : String(error);
}

export function asCliError(error: unknown): CliError {
  if (error instanceof CliError) return error;
  return new CliError(describeFailure(error));
}

export function durationOption(text: string, flag: string): number {
  try {
    return parseDuration(text);
  } catch (error) {
    throw new CliError(`${flag}: ${(error as Error).message}`, 2);
  }
}

const MFA_CODE = /^\d{6}$/;

/**
 * Where MFA codes come from: --mfa-code, else a prompt on the terminal, else nowhere (the refresh
 * then fails at once with a message saying how to give a code).
 */
export function mfaCodeProvider(context: CliContext, given: string | undefined): MfaCodeProvider | undefined {
  if (given !== undefined) {
    if (!MFA_CODE.test(given)) throw new CliError('--mfa-code takes the 6 digits your MFA device shows', 2);
    return async () => given;
  }
  if (!context.interactive) return undefined;
  return (serial, profile) =>
    new Promise((resolve, reject) => {
      const prompt = createInterface({ input: process.stdin, output: process.stderr, terminal: true });
      prompt.question(`Enter MFA code for ${serial} (profile ${profile}): `, (answer) => {
        prompt.close();
        const code = answer.trim();
        if (MFA_CODE.test(code)) resolve(code);
        else reject(new CliError('an MFA code is 6 digits'));
      });
    });
}

export function describeExpiry(expiresAt: Date | null, now: Date): string {
  if (!expiresAt) return 'no expiry';
  return `valid until ${expiresAt.toISOString().replace(/\.\d{3}Z$/, 'Z')} (${formatRemaining(expiresAt.getTime() - now.getTime())})`;
}
