// Runs a profile's credential_process the way botocore does: split without a shell, no expansion,
// JSON with Version 1 on stdout.
import { execFile, type ExecFileException } from 'node:child_process';
import type { EnvVars } from '../model/aws-environment';
import { RefreshError, type AwsCredentials } from '../model/credentials';
import { shlexSplit } from '../aws-config/ini-parser';
import { phrase, type Phrase } from '../../../shared/i18n';

const TIMEOUT_MS = 60_000;

function howItFailed(error: ExecFileException): Phrase {
  if (error.code === 'ERR_CHILD_PROCESS_STDIO_MAXBUFFER') return phrase('engine.process.tooMuchOutput');
  if (error.signal) return error.killed ? phrase('engine.process.timeout', { seconds: TIMEOUT_MS / 1000 }) : phrase('engine.process.killed', { signal: error.signal });
  if (typeof error.code === 'number') return phrase('engine.process.exitCode', { code: error.code });
  return error.code ? phrase('engine.process.notStartedCode', { code: error.code }) : phrase('engine.process.notStarted');
}

export function runCredentialProcess(commandLine: string, options: { env: EnvVars; profile: string }): Promise<AwsCredentials> {
  const words = shlexSplit(commandLine);
  if (!words || words.length === 0) {
    return Promise.reject(RefreshError.worded('config', phrase('engine.process.split', { profile: options.profile }), phrase('engine.process.splitFix'), options.profile));
  }
  const [command, ...args] = words;
  return new Promise((resolve, reject) => {
    execFile(command, args, { env: options.env as NodeJS.ProcessEnv, timeout: TIMEOUT_MS, maxBuffer: 1 << 20 }, (error, stdout) => {
      if (error) {
        // Never the helper's stderr: it may hold secrets, and this message reaches logs and notifications.
        reject(RefreshError.worded('expired-source', phrase('engine.process.failed', { profile: options.profile, how: howItFailed(error) }), phrase('engine.process.failedFix', { command }), options.profile));
        return;
      }
      let parsed: Record<string, unknown>;
      try {
        parsed = JSON.parse(String(stdout)) as Record<string, unknown>;
      } catch {
        reject(RefreshError.worded('config', phrase('engine.process.notJson', { profile: options.profile }), phrase('engine.process.notJsonFix'), options.profile));
        return;
      }
      if (parsed.Version !== 1 || typeof parsed.AccessKeyId !== 'string' || typeof parsed.SecretAccessKey !== 'string') {
        reject(RefreshError.worded('config', phrase('engine.process.noVersion1', { profile: options.profile }), phrase('engine.process.noVersion1Fix'), options.profile));
        return;
      }
      const expiration = typeof parsed.Expiration === 'string' ? new Date(parsed.Expiration) : undefined;
      resolve({
        accessKeyId: parsed.AccessKeyId,
        secretAccessKey: parsed.SecretAccessKey,
        sessionToken: typeof parsed.SessionToken === 'string' ? parsed.SessionToken : undefined,
        expiration: expiration && !Number.isNaN(expiration.getTime()) ? expiration : undefined,
        accountId: typeof parsed.AccountId === 'string' ? parsed.AccountId : undefined,
      });
    });
  });
}
