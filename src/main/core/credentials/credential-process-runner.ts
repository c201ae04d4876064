// Runs a profile's credential_process the way botocore does: split without a shell, no expansion,
// JSON with Version 1 on stdout.
import { execFile, type ExecFileException } from 'node:child_process';
import type { EnvVars } from '../aws-config/aws-environment';
import { RefreshError, type AwsCredentials } from './credentials';
import { shlexSplit } from '../aws-config/ini-parser';

const TIMEOUT_MS = 60_000;

function howItFailed(error: ExecFileException): string {
  if (error.code === 'ERR_CHILD_PROCESS_STDIO_MAXBUFFER') return 'it printed more than 1 MB';
  if (error.signal) return error.killed ? `no answer within ${TIMEOUT_MS / 1000} s` : `killed by ${error.signal}`;
  if (typeof error.code === 'number') return `exit code ${error.code}`;
  return error.code ? `could not start: ${error.code}` : 'could not start';
}

export function runCredentialProcess(commandLine: string, options: { env: EnvVars; profile: string }): Promise<AwsCredentials> {
  const words = shlexSplit(commandLine);
  if (!words || words.length === 0) {
    return Promise.reject(new RefreshError('config', `The credential_process of profile "${options.profile}" cannot be split into words`, 'Check its quotes', options.profile));
  }
  const [command, ...args] = words;
  return new Promise((resolve, reject) => {
    execFile(command, args, { env: options.env as NodeJS.ProcessEnv, timeout: TIMEOUT_MS, maxBuffer: 1 << 20 }, (error, stdout) => {
      if (error) {
        // Never the helper's stderr: it may hold secrets, and this message reaches logs and notifications.
        reject(new RefreshError('expired-source', `The credential_process of profile "${options.profile}" failed (${howItFailed(error)})`, `Run the command by hand to see why: ${command}`, options.profile));
        return;
      }
      let parsed: Record<string, unknown>;
      try {
        parsed = JSON.parse(String(stdout)) as Record<string, unknown>;
      } catch {
        reject(new RefreshError('config', `The credential_process of profile "${options.profile}" did not print JSON`, 'It must print {"Version": 1, "AccessKeyId": …}', options.profile));
        return;
      }
      if (parsed.Version !== 1 || typeof parsed.AccessKeyId !== 'string' || typeof parsed.SecretAccessKey !== 'string') {
        reject(new RefreshError('config', `The credential_process of profile "${options.profile}" printed no Version 1 credentials`, 'It must print Version 1 with AccessKeyId and SecretAccessKey', options.profile));
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
