// `rolekeeper exec PROFILE COMMAND`: the credentials a child process runs with. By default the child
// gets an endpoint of its own in this process, with a token that exists only for it and dies with
// it; `keys` gives plain keys (and AWS_CREDENTIAL_EXPIRATION) for tools without the container
// provider. The face spawns the child; this decides what it gets and keeps it fresh.
import { randomBytes } from 'node:crypto';
import { ENDPOINT_PROFILE, endpointUrl, ensureEndpointProfile } from '../credentials/endpoint-export';
import { execChildEnvironment, type ChildCredentials } from '../credentials/exec-environment';
import { chainAsksForMfa } from '../credentials/role-fingerprint';
import type { MfaCodeProvider } from '../credentials/credential-chain';
import type { AwsCredentials } from '../model/credentials';
import { EXPORT_MIN_VALID_MS } from '../model/validity-margins';
import { guardEndpoint, type EndpointGuard } from '../always-fresh/endpoint-guard';
import { startKeeping, type Keeping } from './keeping';
import type { RolekeeperService } from './rolekeeper-service';

export interface ExecOptions {
  /** Plain keys with at least `minValidMs` left (default: an export's margin), no endpoint. */
  keys?: { minValidMs?: number };
  leadMs?: number;
  minIntervalMs?: number;
  mfaCode?: MfaCodeProvider;
}

export interface ExecSession {
  /** The child's whole environment: the parent's, without what would shadow these credentials. */
  env: Record<string, string>;
  /** The config file the endpoint's empty profile was added to, when it had to be. */
  addedProfileTo: string | null;
  /** The endpoint profile's name, as the child's AWS_PROFILE names it. */
  endpointProfile: string;
  /** Once the child runs: if this process is killed with SIGKILL, its next request is answered with why. */
  guardChild(pid: number): void;
  /** The child ended: its token lived only in this process and goes with it. */
  stop(): Promise<void>;
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

export async function startExecSession(service: RolekeeperService, name: string, options: ExecOptions = {}): Promise<ExecSession> {
  service.requireProfile(name);
  const environment = service.environment;
  const region = service.profiles().get(name)?.region?.value ?? null;
  const session = (given: ChildCredentials, keeping: Keeping | null, addedProfileTo: string | null): ExecSession => {
    let guard: EndpointGuard | null = null;
    return {
      env: execChildEnvironment(environment, given, region),
      addedProfileTo,
      endpointProfile: ENDPOINT_PROFILE,
      guardChild: (pid) => void (guard = keeping?.endpoint ? guardEndpoint(keeping.endpoint.listeningFd(), pid) : null),
      stop: async () => {
        (guard as EndpointGuard | null)?.release();
        await keeping?.stop();
      },
    };
  };
  if (options.keys) {
    const credentials = await service.credentialsNow(name, options.keys.minValidMs ?? EXPORT_MIN_VALID_MS, options.mfaCode);
    return session({ kind: 'keys', credentials }, null, null);
  }
  let keeping: Keeping | null = null;
  try {
    const credentials = await firstCredentials(service, name, options.leadMs, options.mfaCode);
    // The child's AWS_PROFILE names this empty profile: without it, [default]'s keys would win over the endpoint.
    const added = await ensureEndpointProfile(environment, service.profiles());
    const token = randomBytes(32).toString('base64url');
    keeping = await startKeeping(service, { scopedToken: { profile: name, token, credentials }, endpoint: false, watch: false, leadMs: options.leadMs, minIntervalMs: options.minIntervalMs });
    const url = endpointUrl((keeping.endpoint as NonNullable<Keeping['endpoint']>).port, name);
    return session({ kind: 'endpoint', url, token }, keeping, added ? service.profiles().paths.configFile : null);
  } catch (error) {
    await keeping?.stop();
    throw error;
  }
}
