// Doctor's findings about the container-credentials variables: a shell that exported Rolekeeper's
// endpoint keeps the URL and token after the daemon stopped, moved or revoked the token, and the
// AWS CLI then fails with "Could not connect to the endpoint URL" or a 403.
import type { AwsEnvironment } from '../model/aws-environment';
import { ENDPOINT_PATH_PREFIX, isLoopbackHost } from '../always-fresh/container-endpoint';
import { readEndpointDiscovery, type EndpointDiscovery } from '../always-fresh/endpoint-discovery';
import { endpointTokens } from '../credentials/endpoint-export';
import type { Finding } from '../../../shared/profile-summary';
import { finding, repair, type Repair } from './doctor-context';
import { phrase, type MessageKey, type Phrase } from '../../../shared/i18n';

const FULL_URI = 'AWS_CONTAINER_CREDENTIALS_FULL_URI';
const TOKEN = 'AWS_CONTAINER_AUTHORIZATION_TOKEN';
const RELATIVE_URI = 'AWS_CONTAINER_CREDENTIALS_RELATIVE_URI';

const ENDPOINT_OWNER_WORDS: Record<EndpointDiscovery['owner'], MessageKey> = {
  daemon: 'doctor.endpoint.owner.daemon',
  tray: 'doctor.endpoint.owner.tray',
};

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

function endpointFinding(code: string, message: Phrase, fix: Repair, profile: string | null): Finding {
  return finding(code, 'error', message, fix, { profile });
}

export function checkEndpointVariables(environment: AwsEnvironment): Finding[] {
  const env = environment.env;
  const findings: Finding[] = [];
  // In an ECS task the relative URI is the task's own credentials; elsewhere nothing answers it.
  if (env[RELATIVE_URI] && !env.ECS_CONTAINER_METADATA_URI_V4 && !env.ECS_CONTAINER_METADATA_URI) {
    findings.push(finding('container-relative-uri-outside-ecs', 'warning', phrase('doctor.endpoint.relativeOutsideEcs'), repair([{ kind: 'unset-variables', names: [RELATIVE_URI] }])));
  }
  const fullUri = env[FULL_URI];
  if (!fullUri) return findings;
  const target = parseRolekeeperEndpointUrl(fullUri);
  if (target === null) return findings;
  const { profile, port } = target;
  // A new URL and token come from `export --via-endpoint`, whose lines the user evaluates; the
  // variables themselves are the one thing a repair can always clear.
  const reexport = repair([{ kind: 'run-command', argv: ['rolekeeper', 'export', profile, '--via-endpoint'] }], phrase('doctor.endpoint.reexportFix'));
  const clearVariables = repair([{ kind: 'unset-variables', names: [FULL_URI, TOKEN] }], phrase('doctor.endpoint.notRunningFix'));
  const discovery: EndpointDiscovery | null = readEndpointDiscovery(environment);
  if (discovery === null || !processExists(discovery.pid)) {
    findings.push(
      endpointFinding(
        'container-endpoint-not-running',
        phrase('doctor.endpoint.notRunning', { port, profile }),
        clearVariables,
        profile,
      ),
    );
    return findings;
  }
  if (discovery.port !== port) {
    findings.push(
      endpointFinding(
        'container-endpoint-moved',
        phrase('doctor.endpoint.moved', { port, current: discovery.port, owner: phrase(ENDPOINT_OWNER_WORDS[discovery.owner]), pid: discovery.pid }),
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
    findings.push(endpointFinding('container-endpoint-token-missing', phrase('doctor.endpoint.tokenMissing'), reexport, profile));
  } else if (current === undefined || current !== token) {
    const why = phrase(current === undefined ? 'doctor.endpoint.tokenRevoked.revoked' : 'doctor.endpoint.tokenRevoked.rotated');
    findings.push(
      endpointFinding('container-endpoint-token-revoked', phrase('doctor.endpoint.tokenRevoked', { profile, why }), reexport, profile),
    );
  }
  return findings;
}
