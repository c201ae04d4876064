// Builds STS clients from explicit inputs only: credentials, region and endpoint are resolved here
// from the environment value the engine was given, and every setting the SDK would otherwise look
// up in process.env or the real ~/.aws files is passed explicitly, so the SDK reads neither.
import type { STSClient } from '@aws-sdk/client-sts';
import type { EnvVars } from '../model/aws-environment';
import { clockSampleFrom, type ClockSample } from './clock-skew';
import type { AwsCredentials } from '../model/credentials';
import type { ProfileSet, ResolvedProfile } from '../aws-config/profile-model';

/** The endpoint-related settings of the profile in use, as the config files give them. */
export interface StsProfileSettings {
  /** The profile's `region`. */
  region?: string | null;
  /** The profile's `endpoint_url`. */
  endpointUrl?: string | null;
  /** `endpoint_url` under `sts =` in the `[services NAME]` section the profile names. */
  servicesEndpointUrl?: string | null;
  /** The profile's `ignore_configured_endpoint_urls = true`. */
  ignoreConfiguredEndpointUrls?: boolean;
}

export interface StsCallOptions {
  /** Total attempts including the first (SDK retry for throttling, 5xx, network). Default 3. */
  maxAttempts?: number;
  /** Time allowed to open the connection. Default 5 s. */
  connectTimeoutMs?: number;
  /** Time allowed for the whole answer once connected. Default 15 s. */
  requestTimeoutMs?: number;
}

export interface StsClientOptions extends StsCallOptions {
  credentials: AwsCredentials;
  /** An explicit region (e.g. `--region`); wins over the environment and the profile. */
  region?: string | null;
  env: EnvVars;
  profileValues?: StsProfileSettings;
}

export interface StsConnection {
  client: STSClient;
  region: string;
  /** The endpoint URL in use, or null for the SDK's regional `sts.<region>.amazonaws.com`. */
  endpoint: string | null;
  /** The last `Date` header seen on this client, whatever the outcome of the call. */
  lastClockSample(): ClockSample | undefined;
  /** Sign the next requests with local time + offsetMs (the SDK's systemClockOffset). */
  setClockOffset(offsetMs: number): void;
}

export const DEFAULT_STS_REGION = 'us-east-1';

function nonEmpty(value: string | null | undefined): string | undefined {
  const trimmed = value?.trim();
  return trimmed ? trimmed : undefined;
}

/** CLI v2 order: explicit, AWS_REGION, AWS_DEFAULT_REGION, the profile's region, then us-east-1. */
export function resolveStsRegion(explicit: string | null | undefined, env: EnvVars, profileValues?: StsProfileSettings): string {
  return (
    nonEmpty(explicit) ??
    nonEmpty(env.AWS_REGION) ??
    nonEmpty(env.AWS_DEFAULT_REGION) ??
    nonEmpty(profileValues?.region) ??
    DEFAULT_STS_REGION
  );
}

/**
 * The configured endpoint, in botocore's order: AWS_ENDPOINT_URL_STS, AWS_ENDPOINT_URL, the
 * services section, the profile's endpoint_url; none of them when
 * AWS_IGNORE_CONFIGURED_ENDPOINT_URLS (or the profile's setting) is true. null means the SDK's
 * own regional endpoint.
 */
export function resolveStsEndpoint(env: EnvVars, profileValues?: StsProfileSettings): string | null {
  const envIgnore = env.AWS_IGNORE_CONFIGURED_ENDPOINT_URLS?.trim().toLowerCase();
  const ignore = envIgnore !== undefined && envIgnore !== '' ? envIgnore === 'true' : profileValues?.ignoreConfiguredEndpointUrls === true;
  if (ignore) return null;
  return (
    nonEmpty(env.AWS_ENDPOINT_URL_STS) ??
    nonEmpty(env.AWS_ENDPOINT_URL) ??
    nonEmpty(profileValues?.servicesEndpointUrl) ??
    nonEmpty(profileValues?.endpointUrl) ??
    null
  );
}

/** Reads the STS-related settings of a resolved profile (for callers that have a ProfileSet). */
export function stsProfileSettingsFrom(profile: ResolvedProfile, profiles: Pick<ProfileSet, 'services'>): StsProfileSettings {
  const servicesName = profile.values.get('services')?.value;
  const servicesEndpointUrl = servicesName
    ? profiles.services.get(servicesName)?.get('sts')?.get('endpoint_url')?.value ?? null
    : null;
  return {
    region: profile.region?.value ?? null,
    endpointUrl: profile.values.get('endpoint_url')?.value ?? null,
    servicesEndpointUrl,
    ignoreConfiguredEndpointUrls: profile.values.get('ignore_configured_endpoint_urls')?.value.trim().toLowerCase() === 'true',
  };
}

function headerValue(headers: Record<string, string | undefined> | undefined, name: string): string | undefined {
  if (!headers) return undefined;
  for (const [key, value] of Object.entries(headers)) {
    if (key.toLowerCase() === name) return value;
  }
  return undefined;
}

/**
 * The SDK costs more to load than a warm `export` or `list` takes in all: it is loaded by the first
 * STS call, not by importing this module.
 */
export function loadStsSdk(): typeof import('@aws-sdk/client-sts') {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  return require('@aws-sdk/client-sts') as typeof import('@aws-sdk/client-sts');
}

export function createStsClient(options: StsClientOptions): StsConnection {
  const region = resolveStsRegion(options.region, options.env, options.profileValues);
  const endpoint = resolveStsEndpoint(options.env, options.profileValues);
  const { accessKeyId, secretAccessKey, sessionToken, expiration, accountId } = options.credentials;
  const { STSClient } = loadStsSdk();
  const client = new STSClient({
    region,
    ...(endpoint ? { endpoint } : {}),
    credentials: { accessKeyId, secretAccessKey, sessionToken, expiration, accountId },
    maxAttempts: options.maxAttempts ?? 3,
    retryMode: 'standard',
    requestHandler: {
      connectionTimeout: options.connectTimeoutMs ?? 5_000,
      requestTimeout: options.requestTimeoutMs ?? 15_000,
      // Without it the SDK only logs a warning when requestTimeout passes, and keeps waiting.
      throwOnRequestTimeout: true,
    },
    // Each of these, left unset, makes the SDK consult process.env and the real ~/.aws files.
    ignoreConfiguredEndpointUrls: true,
    defaultsMode: 'standard',
    useFipsEndpoint: false,
    useDualstackEndpoint: false,
    useGlobalEndpoint: false,
    userAgentAppId: 'rolekeeper',
    authSchemePreference: [],
    sigv4aSigningRegionSet: [],
    disableClockSkewCorrection: false,
  } as ConstructorParameters<typeof STSClient>[0] & { disableClockSkewCorrection: boolean });

  let lastSample: ClockSample | undefined;
  // Innermost in the deserialize step: sees the raw HTTP answer, error statuses included,
  // before the SDK turns it into a result or an exception.
  client.middlewareStack.add(
    (next) => async (args) => {
      const sentAt = Date.now();
      const output = await next(args);
      const response = (output as { response?: { headers?: Record<string, string | undefined> } }).response;
      lastSample = clockSampleFrom(headerValue(response?.headers, 'date'), sentAt, Date.now()) ?? lastSample;
      return output;
    },
    { step: 'deserialize', priority: 'low', name: 'rolekeeperClockSample' },
  );

  return {
    client,
    region,
    endpoint,
    lastClockSample: () => lastSample,
    setClockOffset: (offsetMs) => {
      client.config.systemClockOffset = offsetMs;
    },
  };
}
