// `rolekeeper console` and the tray's "Open AWS console": a federation sign-in URL from the
// profile's current role session. Long-term keys are refused before any call: the federation
// endpoint takes temporary credentials only. The URL holds a SigninToken (a credential for 15
// minutes): it goes to the browser or to stdout when asked, never to a log or an error.
import { phrase } from '../../../shared/i18n';
import type { ProfileSummary } from '../../../shared/profile-summary';
import type { AwsCredentials } from '../model/credentials';
import { WordedError } from '../model/worded-error';
import { consoleDestination, consoleLoginUrl, federationEndpoint, isConsoleService, isRegionName, partitionOf, type Partition } from './console-url';
import type { FederationPort } from './federation-port';

export interface ConsoleOptions {
  /** A console service path (`ec2`, `s3`, `cloudformation`); the console home when absent. */
  service?: string;
  /** The region the page opens in; the profile's region when absent. */
  region?: string;
}

export interface ConsoleSignIn {
  /** Holds the SigninToken: for the browser or the user's own stdout only. */
  url: string;
  partition: Partition;
  /** The page the URL lands on (no secret). */
  destination: string;
  /** When the role session behind it ends, or null. */
  sessionExpiresAt: string | null;
}

export interface ConsoleDeps {
  summary: ProfileSummary;
  /** Whether Rolekeeper refreshes the profile (role, SSO, managed): its keys are a role session. */
  refreshable: boolean;
  /** The profile's current credentials, refreshed if needed. */
  credentials(): Promise<AwsCredentials>;
  federation: FederationPort;
  /** ROLEKEEPER_FEDERATION_ENDPOINT: where getSigninToken goes instead of the partition's host. */
  endpointOverride?: string;
}

const NO_CREDENTIALS: ReadonlySet<ProfileSummary['type']> = new Set(['none', 'web-identity']);

export async function consoleSignIn(options: ConsoleOptions, deps: ConsoleDeps): Promise<ConsoleSignIn> {
  const { summary } = deps;
  const profile = summary.name;
  if (options.service !== undefined && !isConsoleService(options.service)) throw new WordedError(phrase('console.badService', { service: options.service }));
  if (options.region !== undefined && !isRegionName(options.region)) throw new WordedError(phrase('console.badRegion', { region: options.region }));
  if (NO_CREDENTIALS.has(summary.type)) throw new WordedError(phrase('console.noCredentials', { profile }));
  if (summary.type === 'static' && !deps.refreshable) throw new WordedError(phrase('console.longTermKeys', { profile }));
  const credentials = await deps.credentials();
  if (!credentials.sessionToken) throw new WordedError(phrase('console.longTermKeys', { profile }));
  const region = options.region ?? summary.region;
  const partition = partitionOf(summary.roleArn, region);
  const token = await deps.federation.getSigninToken({
    endpoint: federationEndpoint(partition, deps.endpointOverride),
    session: { sessionId: credentials.accessKeyId, sessionKey: credentials.secretAccessKey, sessionToken: credentials.sessionToken },
  });
  const destination = consoleDestination(partition, { service: options.service, region });
  return { url: consoleLoginUrl(partition, token, destination), partition, destination, sessionExpiresAt: credentials.expiration?.toISOString() ?? null };
}
