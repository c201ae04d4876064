// The shell lines that point every SDK and the CLI at Rolekeeper's loopback endpoint instead of
// handing out keys: a shell that never holds an expired token, and no secret in the clipboard.
import { mkdirSync } from 'node:fs';
import * as path from 'node:path';
import { rolekeeperDataDir, type AwsEnvironment } from '../model/aws-environment';
import { ENDPOINT_PATH_PREFIX, EndpointTokenStore } from '../always-fresh/container-endpoint';
import { runningEndpoint } from '../always-fresh/endpoint-discovery';
import { editSection, readSection } from '../files/ini-editor';
import { renderCredentialUnset, renderEndpointExport, renderEndpointUnset, WEB_IDENTITY_VARIABLES, type ExportFormat } from './env-export';
import { botoConfigKeepingEndpoint, EC2_CREDENTIAL_FILE_VARIABLE, noBotoConfig } from './legacy-credential-files';
import type { ProfileSet } from '../aws-config/profile-model';
import { updateFile } from '../files/safe-file-update';
import { phrase } from '../../../shared/i18n';
import { WordedError } from '../model/worded-error';

/**
 * Profile credentials come before the container provider in every SDK and the CLI: with keys in
 * [default] or AWS_PROFILE naming a profile with credentials, the endpoint would never be asked.
 * So the export points AWS_PROFILE at this credential-less profile, which Rolekeeper keeps.
 */
export const ENDPOINT_PROFILE = 'rolekeeper-endpoint';

export function endpointUrl(port: number, profile: string): string {
  return `http://127.0.0.1:${port}${ENDPOINT_PATH_PREFIX}${encodeURIComponent(profile)}`;
}

/** No daemon or tray of this user answers: an exported URL would point at nothing, or at someone else. */
export class EndpointNotRunningError extends WordedError {
  constructor() {
    // The hint is the one `status` and `keep` give.
    super(phrase('engine.endpointNotRunning', { hint: phrase('cmd.startHint') }));
    this.name = 'EndpointNotRunningError';
  }
}

/** Revokes the endpoint tokens of profiles no longer kept or managed; returns those that had one. */
export function revokeEndpointTokens(environment: AwsEnvironment, names: string[]): string[] {
  const tokens = endpointTokens(environment);
  return names.filter((name) => tokens.remove(name));
}

export function endpointTokens(environment: AwsEnvironment): EndpointTokenStore {
  return new EndpointTokenStore(rolekeeperDataDir(environment));
}

/**
 * Adds `[profile rolekeeper-endpoint]` (no credentials in it) to the config file if it is missing;
 * true when it was added.
 */
export async function ensureEndpointProfile(environment: AwsEnvironment, profiles: ProfileSet): Promise<boolean> {
  const file = profiles.paths.configFile;
  mkdirSync(path.dirname(file), { recursive: true, mode: 0o700 });
  const target = { profile: ENDPOINT_PROFILE, fileKind: 'config' as const };
  const result = await updateFile(
    file,
    (current) => {
      const text = current ?? '';
      return readSection(text, target, { fileName: file }) !== null
        ? text
        : editSection(text, target, { set: [], createSection: true }, { fileName: file });
    },
    { dataDir: rolekeeperDataDir(environment) },
  );
  return result.written;
}

export async function renderViaEndpoint(
  environment: AwsEnvironment,
  name: string,
  format: ExportFormat,
  profiles: ProfileSet,
): Promise<string> {
  // Refused before anything is written or issued: the lines also clear stale keys, which json cannot.
  if (format === 'json') throw new WordedError(phrase('engine.export.endpointNoJson'));
  // Print nothing that could send this user's token to another user's process on the port.
  const running = await runningEndpoint(environment);
  if (running === null) throw new EndpointNotRunningError();
  await ensureEndpointProfile(environment, profiles);
  const token = endpointTokens(environment).ensure(name);
  const region = profiles.get(name)?.region?.value;
  // Keys, web-identity variables or the EC2 tools' file left in the environment would win over the
  // endpoint: clear them in the same paste, and keep a boto2 config's keys out the same way.
  return (
    renderCredentialUnset(format, [...WEB_IDENTITY_VARIABLES, EC2_CREDENTIAL_FILE_VARIABLE]) +
    renderEndpointExport(
      { fullUri: endpointUrl(running.port, name), authorizationToken: token, profile: ENDPOINT_PROFILE, region, botoConfig: botoConfigKeepingEndpoint(environment) },
      format,
    )
  );
}

/**
 * Lines that undo `export --via-endpoint` in the shell they run in: AWS_PROFILE and BOTO_CONFIG
 * only when they still hold what that export set. The shell's variables reach this process only
 * when exported, which is also the only way they reach the AWS CLI: so this sees exactly what matters.
 */
export function renderViaEndpointUnset(environment: AwsEnvironment, format: ExportFormat): string {
  const env = environment.env;
  return renderEndpointUnset(format, env.AWS_PROFILE === ENDPOINT_PROFILE, env.AWS_PROFILE === ENDPOINT_PROFILE && env.BOTO_CONFIG === noBotoConfig(environment));
}
