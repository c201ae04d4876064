// Doctor's findings about the container-credentials variables: a shell that exported Rolekeeper's
// endpoint keeps the URL and token after the daemon stopped, moved or revoked the token, and the
// AWS CLI then fails with "Could not connect to the endpoint URL" or a 403.
import type { AwsEnvironment } from '../aws-config/aws-environment';
import { ENDPOINT_PATH_PREFIX, isLoopbackHost } from '../always-fresh/container-endpoint';
import { readEndpointDiscovery, START_ENDPOINT_HINT, type EndpointDiscovery } from '../always-fresh/endpoint-discovery';
import { endpointTokens } from '../credentials/endpoint-export';
import type { Finding } from '../../../shared/profile-summary';
import type { FixWriter } from './doctor-fixes';

const FULL_URI = 'AWS_CONTAINER_CREDENTIALS_FULL_URI';
const TOKEN = 'AWS_CONTAINER_AUTHORIZATION_TOKEN';
const RELATIVE_URI = 'AWS_CONTAINER_CREDENTIALS_RELATIVE_URI';

/** Whether a process with this id exists (EPERM: it does, but belongs to someone else). */
function processExists(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** The profile and port of a URL Rolekeeper printed, or null for any other URL (another tool's endpoint). */
export function parseRolekeeperEndpointUrl(value: string): { port: number; profile: string } | null {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    return null;
  }
  if (url.protocol !== 'http:' || !isLoopbackHost(url.host) || !url.pathname.startsWith(ENDPOINT_PATH_PREFIX)) return null;
  let profile: string;
  try {
    profile = decodeURIComponent(url.pathname.slice(ENDPOINT_PATH_PREFIX.length));
  } catch {
    return null;
  }
  if (profile === '') return null;
  return { port: Number(url.port || 80), profile };
}

function endpointFinding(code: string, message: string, fix: string, profile: string | null): Finding {
  return { code, severity: 'error', profile, message, fix };
}

export function checkEndpointVariables(environment: AwsEnvironment, fix: FixWriter): Finding[] {
  const env = environment.env;
  const findings: Finding[] = [];
  // In an ECS task the relative URI is the task's own credentials; elsewhere nothing answers it.
  if (env[RELATIVE_URI] && !env.ECS_CONTAINER_METADATA_URI_V4 && !env.ECS_CONTAINER_METADATA_URI) {
    findings.push({
      code: 'container-relative-uri-outside-ecs',
      severity: 'warning',
      profile: null,
      message: `${RELATIVE_URI} is set outside an ECS task: the AWS CLI then asks 169.254.170.2, which answers only inside ECS, and ignores ${FULL_URI}`,
      fix: fix.unset([RELATIVE_URI]),
    });
  }
  const fullUri = env[FULL_URI];
  if (!fullUri) return findings;
  const target = parseRolekeeperEndpointUrl(fullUri);
  if (target === null) return findings;
  const { profile, port } = target;
  const reexport = `${fix.command((word) => `rolekeeper export ${word(profile)} --via-endpoint`)}  (and run the lines it prints), or clear the variables:\n${fix.unset([FULL_URI, TOKEN])}`;
  const discovery: EndpointDiscovery | null = readEndpointDiscovery(environment);
  if (discovery === null || !processExists(discovery.pid)) {
    findings.push(
      endpointFinding(
        'container-endpoint-not-running',
        `${FULL_URI} points at Rolekeeper's endpoint on port ${port} for profile "${profile}", but no Rolekeeper daemon or tray runs for this user: the AWS CLI fails with "Could not connect to the endpoint URL" (or reaches whatever else listens there)`,
        `${START_ENDPOINT_HINT.replace(/^start one/, 'start the endpoint')}; then ${reexport}`,
        profile,
      ),
    );
    return findings;
  }
  if (discovery.port !== port) {
    findings.push(
      endpointFinding(
        'container-endpoint-moved',
        `${FULL_URI} points at port ${port}, but this user's Rolekeeper endpoint now serves on port ${discovery.port} (the ${discovery.owner}, pid ${discovery.pid}): the exported URL went stale and reaches another process or nothing`,
        reexport,
        profile,
      ),
    );
    return findings;
  }
  const token = env[TOKEN];
  let current: string | undefined;
  try {
    current = endpointTokens(environment).get(profile);
  } catch {
    current = undefined;
  }
  if (!token) {
    findings.push(endpointFinding('container-endpoint-token-missing', `${FULL_URI} is set but ${TOKEN} is not: the endpoint refuses every request with 403`, reexport, profile));
  } else if (current === undefined || current !== token) {
    const why = current === undefined ? 'was revoked (the profile was unkept or unmanaged)' : 'was rotated';
    findings.push(
      endpointFinding('container-endpoint-token-revoked', `${TOKEN} for profile "${profile}" ${why}: the endpoint answers 403 and the AWS CLI fails`, reexport, profile),
    );
  }
  return findings;
}
