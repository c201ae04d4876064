// The STS calls the engine makes, as a port: the service is built with one. `awsSdkSts` is the real
// one (@aws-sdk/client-sts through sts-gateway); unit tests pass a recording one.
import type { AwsCredentials } from '../model/credentials';
import type { ClockSkewReport } from './clock-skew';
import {
  assumeRole,
  getCallerIdentity,
  getSessionToken,
  measureClockSkew,
  type AssumeRoleInput,
  type AssumeRoleResult,
  type CallerIdentity,
  type GetSessionTokenInput,
  type SessionTokenResult,
  type StsCallContext,
} from './sts-gateway';

export interface CallerIdentityInput extends StsCallContext {
  credentials: AwsCredentials;
}

export interface StsPort {
  assumeRole(input: AssumeRoleInput): Promise<AssumeRoleResult>;
  getSessionToken(input: GetSessionTokenInput): Promise<SessionTokenResult>;
  getCallerIdentity(input: CallerIdentityInput): Promise<CallerIdentity>;
  /** How far this computer's clock is from STS's (doctor); a port without it skips the clock check. */
  measureClockSkew?(input: Parameters<typeof measureClockSkew>[0]): Promise<ClockSkewReport>;
}

export const awsSdkSts: StsPort = {
  assumeRole,
  getSessionToken,
  getCallerIdentity: ({ credentials, region, env, ...context }) => getCallerIdentity(credentials, region, env, context),
  measureClockSkew,
};
