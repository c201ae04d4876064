// Runs a profile's credential_process the way botocore does: split without a shell, no expansion,
// JSON with Version 1 on stdout.
import { execFile } from 'node:child_process';
import type { EnvVars } from '../aws-config/aws-environment';
import { RefreshError, type AwsCredentials } from './credentials';
import { shlexSplit } from '../aws-config/ini-parser';

const TIMEOUT_MS = 60_000;

export function runCredentialProcess(commandLine: string, options: { env: EnvVars; profile: string }): Promise<AwsCredentials> {
  const words = shlexSplit(commandLine);
  if (!words || words.length === 0) {
    return Promise.reject(new RefreshError('config', `The credential_process of profile "${options.profile}" cannot be split into words`, 'Check its quotes', options.profile));
  }
  const [command, ...args] = words;
  return new Promise((resolve, reject) => {
    execFile(command, args, { env: options.env as NodeJS.ProcessEnv, timeout: TIMEOUT_MS, maxBuffer: 1 << 20 }, (error, stdout, stderr) => {
      if (error) {
        const detail = String(stderr).trim().split('\n').pop() ?? '';
        reject(new RefreshError('expired-source', `The credential_process of profile "${options.profile}" failed${detail ? `: ${detail.slice(0, 300)}` : ''}`, `Run the command by hand to see why: ${command}`, options.profile));
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
