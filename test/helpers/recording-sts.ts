// A recording STS port for unit tests of the engine service: every call is kept (without secrets'
// values being asserted anywhere but where a test means to), answers are made up from the inputs or
// scripted failures. End-to-end tests use the real SDK against moto instead.
import type { AssumeRoleInput, AssumeRoleResult, CallerIdentity, GetSessionTokenInput, SessionTokenResult } from '../../src/main/core/sts/sts-gateway';
import type { CallerIdentityInput, StsPort } from '../../src/main/core/sts/sts-port';
import { RefreshError } from '../../src/main/core/model/credentials';

export type RecordedStsCall =
  | { operation: 'AssumeRole'; input: AssumeRoleInput }
  | { operation: 'GetSessionToken'; input: GetSessionTokenInput }
  | { operation: 'GetCallerIdentity'; input: CallerIdentityInput };

export interface RecordingSts extends StsPort {
  readonly calls: RecordedStsCall[];
  /** The next calls fail with these errors, in order. */
  failNext(...errors: Error[]): void;
  /** Lifetime of the sessions it hands out. */
  lifetimeMs: number;
}

const ACCOUNT = '123456789012';
/** The one MFA code the recording STS refuses. */
export const REJECTED_MFA_CODE = '000000';

export function recordingSts(options: { now?: () => number; lifetimeMs?: number } = {}): RecordingSts {
  const now = options.now ?? Date.now;
  const failures: Error[] = [];
  let serial = 0;
  const issued = new Map<string, { account: string; arn: string }>();
  const nextKeyId = (): string => `ASIARECORDED${String(++serial).padStart(8, '0')}`;
  const take = (): void => {
    const failure = failures.shift();
    if (failure) throw failure;
  };
  const sts: RecordingSts = {
    calls: [],
    lifetimeMs: options.lifetimeMs ?? 3600_000,
    failNext: (...errors) => void failures.push(...errors),

    async assumeRole(input): Promise<AssumeRoleResult> {
      sts.calls.push({ operation: 'AssumeRole', input });
      take();
      if (input.mfaSerial && !input.mfaCode) {
        throw new RefreshError('mfa-required', `Profile "${input.profile}" needs an MFA code`, `Run: rolekeeper refresh ${input.profile}`, input.profile ?? null);
      }
      if (input.mfaSerial && input.mfaCode === REJECTED_MFA_CODE) {
        throw new RefreshError('mfa-invalid', `STS refused the MFA code for profile "${input.profile}"`, 'Type the current code', input.profile ?? null);
      }
      const expiration = new Date(Math.floor((now() + sts.lifetimeMs) / 1000) * 1000);
      const roleName = input.roleArn.split('/').pop() ?? 'role';
      const sessionName = input.roleSessionName ?? 'rolekeeper-test';
      const accessKeyId = nextKeyId();
      const credentials = { accessKeyId, secretAccessKey: `secret-${accessKeyId}`, sessionToken: `token-${accessKeyId}`, expiration };
      const account = /^arn:[^:]+:iam::(\d{12}):/.exec(input.roleArn)?.[1] ?? ACCOUNT;
      const arn = `arn:aws:sts::${account}:assumed-role/${roleName}/${sessionName}`;
      issued.set(accessKeyId, { account, arn });
      return {
        credentials,
        assumedRoleUser: { arn, assumedRoleId: `AROARECORDED:${sessionName}` },
        roleSessionName: sessionName,
        durationSeconds: input.durationSeconds ?? undefined,
        notices: [],
        response: {
          Credentials: { AccessKeyId: accessKeyId, SecretAccessKey: credentials.secretAccessKey, SessionToken: credentials.sessionToken, Expiration: expiration.toISOString().replace(/\.\d{3}Z$/, 'Z') },
          AssumedRoleUser: { AssumedRoleId: `AROARECORDED:${sessionName}`, Arn: arn },
          ResponseMetadata: { HTTPStatusCode: 200, RetryAttempts: 0 },
        },
      };
    },

    async getSessionToken(input): Promise<SessionTokenResult> {
      sts.calls.push({ operation: 'GetSessionToken', input });
      take();
      const accessKeyId = nextKeyId();
      const durationSeconds = input.durationSeconds ?? 43_200;
      return {
        credentials: { accessKeyId, secretAccessKey: `secret-${accessKeyId}`, sessionToken: `token-${accessKeyId}`, expiration: new Date(now() + durationSeconds * 1000) },
        durationSeconds,
      };
    },

    async getCallerIdentity(input): Promise<CallerIdentity> {
      sts.calls.push({ operation: 'GetCallerIdentity', input });
      take();
      const known = issued.get(input.credentials.accessKeyId);
      return { account: known?.account ?? ACCOUNT, arn: known?.arn ?? `arn:aws:iam::${ACCOUNT}:user/recorded`, userId: `AIDARECORDED:${input.credentials.accessKeyId}` };
    },
  };
  return sts;
}
