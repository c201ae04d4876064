// Runs the real AWS CLIs against loopback only: v1 (`aws`, pip) and v2 (`/usr/bin/aws`, Debian 2.9).
// CLI v1 honours AWS_ENDPOINT_URL(_STS). Debian's CLI v2 predates those variables (added in 2.13)
// and would call real AWS, so its STS endpoint comes from a one-rule endpoint rule set loaded
// through AWS_DATA_PATH, and every other call needs --endpoint-url.
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runCommandAsync, type CliResult } from './run-cli';

export type AwsCliVersion = 1 | 2;

export interface AwsCliSpec {
  version: AwsCliVersion;
  name: string;
  binary: string;
}

export const AWS_CLIS: readonly AwsCliSpec[] = [
  { version: 1, name: 'AWS CLI v1', binary: 'aws' },
  { version: 2, name: 'AWS CLI v2', binary: '/usr/bin/aws' },
];

export interface AwsCliEnvOptions {
  version: AwsCliVersion;
  /** The environment to extend (a temp HOME's env). */
  base: Record<string, string>;
  /** Where every STS client of the CLI goes, the assume-role provider's included. */
  stsEndpoint: string;
  /** Where non-STS clients go (v1 only: v2 2.9 needs --endpoint-url for those). Default stsEndpoint. */
  defaultEndpoint?: string;
  /** Folder for v2's rule set; default `<HOME>/aws-data` (removed with the temp HOME). */
  dataDir?: string;
  region?: string;
  /** AWS_MAX_ATTEMPTS; default 1 so a closed port fails at once. */
  maxAttempts?: number;
}

/**
 * Writes `<dir>/sts/2011-06-15/endpoint-rule-set-1.json`: STS requests go to `url` unless the
 * client was given an endpoint (--endpoint-url).
 */
export function writeStsRuleSet(dir: string, url: string): string {
  return writeRuleSet(dir, 'sts', '2011-06-15', url);
}

/** The same one-rule set for SSO and SSO-OIDC, so CLI v2 2.9 (which ignores AWS_ENDPOINT_URL_SSO*) reaches `url`. */
export function writeSsoRuleSets(dir: string, url: string): string {
  writeRuleSet(dir, 'sso', '2019-06-10', url);
  return writeRuleSet(dir, 'sso-oidc', '2019-06-10', url);
}

function writeRuleSet(dir: string, service: string, apiVersion: string, url: string): string {
  const rulesDir = join(dir, service, apiVersion);
  mkdirSync(rulesDir, { recursive: true });
  writeFileSync(
    join(rulesDir, 'endpoint-rule-set-1.json'),
    JSON.stringify({
      version: '1.0',
      parameters: {
        Region: { builtIn: 'AWS::Region', required: false, documentation: 'region', type: 'String' },
        Endpoint: { builtIn: 'SDK::Endpoint', required: false, documentation: '--endpoint-url', type: 'String' },
      },
      rules: [
        // A command's own --endpoint-url still wins, as in the real rule set.
        {
          conditions: [{ fn: 'isSet', argv: [{ ref: 'Endpoint' }] }],
          endpoint: { url: { ref: 'Endpoint' }, properties: {}, headers: {} },
          type: 'endpoint',
        },
        { conditions: [], endpoint: { url, properties: {}, headers: {} }, type: 'endpoint' },
      ],
    }),
  );
  return dir;
}

/** The environment under which the chosen CLI sends all STS traffic to `stsEndpoint`, on loopback. */
export function awsCliEnv(options: AwsCliEnvOptions): Record<string, string> {
  const env: Record<string, string> = {
    ...options.base,
    AWS_DEFAULT_REGION: options.region ?? 'us-east-1',
    AWS_MAX_ATTEMPTS: String(options.maxAttempts ?? 1),
    AWS_PAGER: '',
  };
  if (options.version === 1) {
    env.AWS_ENDPOINT_URL = options.defaultEndpoint ?? options.stsEndpoint;
    env.AWS_ENDPOINT_URL_STS = options.stsEndpoint;
    return env;
  }
  // v2 2.9 ignores these; remove them so the environment says what really happens.
  delete env.AWS_ENDPOINT_URL;
  delete env.AWS_ENDPOINT_URL_STS;
  env.AWS_DATA_PATH = writeStsRuleSet(options.dataDir ?? (options.base.HOME ? join(options.base.HOME, 'aws-data') : mkdtempSync(join(tmpdir(), 'rolekeeper-aws-data-'))), options.stsEndpoint);
  return env;
}

export function awsBinary(version: AwsCliVersion): string {
  return version === 1 ? 'aws' : '/usr/bin/aws';
}

/**
 * Runs a real AWS CLI without blocking this process, so a proxy served from this process (the
 * fault proxy) can answer it. Resolves with the exit code and output; never rejects on failure.
 */
export function runAwsAsync(binary: string, args: string[], env: Record<string, string>, timeoutMs = 120_000): Promise<CliResult> {
  return runCommandAsync(binary, args, env, timeoutMs);
}
