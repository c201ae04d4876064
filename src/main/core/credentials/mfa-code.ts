// MFA codes from a command (`mfa_process`, as aws-vault has it: `op item get … --otp`,
// `ykman oath accounts code -s …`): split without a shell, stopped at a timeout with everything it
// started, its output accepted only as six digits. Neither the code nor the command's output is
// ever put in a message.
import { spawn } from 'node:child_process';
import { shlexSplit } from '../aws-config/ini-parser';
import type { EnvVars } from '../model/aws-environment';
import { RefreshError } from '../model/credentials';
import { phrase, type Phrase } from '../../../shared/i18n';

export const MFA_PROCESS_TIMEOUT_MS = 30_000;
const MAX_OUTPUT = 4096;

export interface MfaProcessOptions {
  profile: string;
  env: EnvVars;
  platform: NodeJS.Platform;
  timeoutMs?: number;
}

function failure(profile: string, command: string, message: Phrase): RefreshError {
  return RefreshError.worded('config', message, phrase('mfa.process.fix', { command }), profile);
}

/** The current code the profile's mfa_process prints. */
export function mfaCodeFor(commandLine: string, options: MfaProcessOptions): Promise<string> {
  const { profile } = options;
  const words = shlexSplit(commandLine);
  if (!words || words.length === 0) {
    return Promise.reject(RefreshError.worded('config', phrase('mfa.process.unparseable', { profile }), phrase('mfa.process.fix', { command: commandLine }), profile));
  }
  const [program, ...args] = words;
  const timeoutMs = options.timeoutMs ?? MFA_PROCESS_TIMEOUT_MS;
  return new Promise((resolve, reject) => {
    // Its own process group on POSIX, so a timeout stops what it started too (a shell script's children).
    const child = spawn(program, args, { env: options.env as NodeJS.ProcessEnv, stdio: ['ignore', 'pipe', 'ignore'], detached: options.platform !== 'win32', windowsHide: true });
    let output = '';
    let settled = false;
    const settle = (run: () => void): void => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      run();
    };
    const stop = (): void => {
      try {
        if (options.platform !== 'win32' && child.pid) process.kill(-child.pid, 'SIGKILL');
        else child.kill('SIGKILL');
      } catch {
        // already gone
      }
    };
    const timer = setTimeout(() => {
      stop();
      settle(() => reject(failure(profile, program, phrase('mfa.process.timeout', { profile, seconds: Math.round(timeoutMs / 100) / 10 }))));
    }, timeoutMs);
    child.stdout.setEncoding('utf8');
    child.stdout.on('data', (chunk: string) => {
      output += chunk;
      if (output.length > MAX_OUTPUT) {
        stop();
        settle(() => reject(failure(profile, program, phrase('mfa.process.notCode', { profile }))));
      }
    });
    child.on('error', (error: NodeJS.ErrnoException) => {
      settle(() => reject(failure(profile, program, phrase('mfa.process.failed', { profile, reason: error.code ?? 'spawn' }))));
    });
    child.on('close', (code, signal) => {
      settle(() => {
        if (code !== 0) {
          reject(failure(profile, program, phrase('mfa.process.failed', { profile, reason: signal ? `signal ${signal}` : `exit code ${code}` })));
          return;
        }
        const code6 = output.trim();
        if (!/^[0-9]{6}$/.test(code6)) {
          reject(failure(profile, program, phrase('mfa.process.notCode', { profile })));
          return;
        }
        resolve(code6);
      });
    });
  });
}
