// What the person chooses in Rolekeeper's store: the profiles kept fresh, the managed ones and the
// engine settings, as operations over the service (which re-reads the store after each change).
// Each change says why it was refused as data (a kind), and the faces word it. Kept out of the
// service's own module so the warm paths, which load the service, do not load these.
import type { AwsEnvironment } from '../model/aws-environment';
import type { ProfileSet } from '../aws-config/profile-model';
import type { RefreshResult } from './refresh-pipeline';
import type { RolekeeperService } from './rolekeeper-service';
import { profileNameProblem, regionProblem, settingValueProblem } from '../aws-config/writable-values';
import { changeStore, keptProfiles, readStore, type EngineSettings, type ManagedProfile, type StoreData } from '../credentials/rolekeeper-store';
import { revokeEndpointTokens } from '../credentials/endpoint-export';
import { looksLongTerm } from '../sinks/managed-keys';
import { AUTOMATIC_ENDPOINT_PORT, candidatePorts, perUserEndpointPort } from '../always-fresh/endpoint-discovery';
import type { MessageKey } from '../../../shared/i18n';

/** Keeps `names` fresh (the daemon's and the tray's job); resolves to every profile kept now. */
export async function keepProfiles(service: RolekeeperService, names: readonly string[]): Promise<string[]> {
  const store = await changeStore(service.environment, (data) => {
    data.kept = [...new Set([...data.kept, ...names])];
  });
  service.reload();
  return keptProfiles(store);
}

export type UnkeepOutcome =
  /** Managed profiles are always kept: `unmanage` them instead. */
  | { refused: 'managed'; profiles: string[] }
  | { refused: null; kept: string[]; revoked: string[] };

/** Stops keeping `names` fresh and revokes their endpoint tokens. */
export async function unkeepProfiles(service: RolekeeperService, names: readonly string[]): Promise<UnkeepOutcome> {
  const environment = service.environment;
  const managed = names.filter((name) => readStore(environment).managed[name]);
  if (managed.length > 0) return { refused: 'managed', profiles: managed };
  const store = await changeStore(environment, (data) => {
    data.kept = data.kept.filter((name) => !names.includes(name));
  });
  service.reload();
  return { refused: null, kept: keptProfiles(store), revoked: revokeEndpointTokens(environment, [...names]) };
}

/** What `manage` is asked: the role, its source and the optional settings, as given. */
export interface ManageRequest {
  roleArn: string;
  sourceProfile: string;
  /** Seconds, as typed. */
  duration?: string;
  mfaSerial?: string;
  externalId?: string;
  region?: string;
}

/** Why a profile cannot be managed as asked; a `usage` refusal is a mistake in the arguments. */
export type ManageRefusal =
  | { kind: 'bad-name'; usage: true; name: string; problem: MessageKey }
  | { kind: 'bad-value'; usage: true; field: 'sourceProfile' | 'mfaSerial' | 'externalId' | 'region'; value: string; problem: MessageKey }
  | { kind: 'bad-arn'; usage: true; arn: string }
  | { kind: 'source-self'; usage: true }
  | { kind: 'bad-duration'; usage: true }
  | { kind: 'cycle'; usage: true; chain: string[] }
  | { kind: 'source-missing'; usage: false }
  | { kind: 'is-role'; usage: false }
  | { kind: 'long-term-keys'; usage: false; at: string };

const ROLE_ARN = /^arn:aws[a-z-]*:iam::\d{12}:role\/[\w+=,.@\/-]+$/;

/** Names and values go into profiles.json and then into the AWS files on every refresh: refuse what those cannot hold. */
function unwritable(name: string, request: ManageRequest): ManageRefusal | null {
  const nameProblem = profileNameProblem(name);
  if (nameProblem) return { kind: 'bad-name', usage: true, name, problem: nameProblem };
  const sourceProblem = profileNameProblem(request.sourceProfile);
  if (sourceProblem) return { kind: 'bad-value', usage: true, field: 'sourceProfile', value: request.sourceProfile, problem: sourceProblem };
  for (const field of ['mfaSerial', 'externalId', 'region'] as const) {
    const value = request[field];
    const problem = value === undefined ? null : settingValueProblem(value);
    if (value !== undefined && problem) return { kind: 'bad-value', usage: true, field, value, problem };
  }
  const region = request.region === undefined ? null : regionProblem(request.region);
  if (region) return { kind: 'bad-value', usage: true, field: 'region', value: request.region as string, problem: region };
  return null;
}

function durationSeconds(text: string): number | null {
  const seconds = Number(text);
  return Number.isInteger(seconds) && seconds >= 900 && seconds <= 43_200 ? seconds : null;
}

/**
 * Why `name` cannot be managed as asked, or its definition. Managed keys are rewritten on every
 * refresh: a profile whose keys are someone's long-term access keys must never become one, nor one
 * its own source chain leads back to (both would hold only each other's sessions, and die within the hour).
 */
export function manageDefinition(service: RolekeeperService, name: string, request: ManageRequest): ManageRefusal | { kind: 'ok'; definition: ManagedProfile } {
  return definitionFor(name, request, service.profiles(), readStore(service.environment));
}

function definitionFor(name: string, request: ManageRequest, profiles: ProfileSet, store: StoreData): ManageRefusal | { kind: 'ok'; definition: ManagedProfile } {
  const refusal = unwritable(name, request);
  if (refusal) return refusal;
  if (!ROLE_ARN.test(request.roleArn)) return { kind: 'bad-arn', usage: true, arn: request.roleArn };
  if (request.sourceProfile === name) return { kind: 'source-self', usage: true };
  if (!profiles.get(request.sourceProfile)) return { kind: 'source-missing', usage: false };
  if (profiles.get(name)?.type === 'role') return { kind: 'is-role', usage: false };
  const profile = profiles.get(name);
  const keyId = profile?.values.get('aws_access_key_id');
  if (keyId && looksLongTerm(keyId.value, profile?.values.has('aws_session_token') ?? false)) {
    return { kind: 'long-term-keys', usage: false, at: `${keyId.file}:${keyId.line}` };
  }
  const chain: string[] = [];
  for (let hop: string | undefined = request.sourceProfile; hop !== undefined && !chain.includes(hop); ) {
    chain.push(hop);
    if (hop === name) return { kind: 'cycle', usage: true, chain };
    hop = store.managed[hop]?.sourceProfile ?? profiles.get(hop)?.role.sourceProfile?.value;
  }
  const duration = request.duration === undefined ? undefined : durationSeconds(request.duration);
  if (duration === null) return { kind: 'bad-duration', usage: true };
  return {
    kind: 'ok',
    definition: {
      roleArn: request.roleArn,
      sourceProfile: request.sourceProfile,
      ...(duration !== undefined ? { durationSeconds: duration } : {}),
      ...(request.mfaSerial ? { mfaSerial: request.mfaSerial } : {}),
      ...(request.externalId ? { externalId: request.externalId } : {}),
      ...(request.region ? { region: request.region } : {}),
    },
  };
}

/** Stores a managed profile; the first refresh (`service.refresh`) writes its keys. */
export async function manageProfile(service: RolekeeperService, name: string, definition: ManagedProfile): Promise<void> {
  await changeStore(service.environment, (data) => {
    data.managed[name] = definition;
  });
  service.reload();
}

/** What managing `name` would change in the files (`manage --dry-run`); writes and calls nothing. */
export function previewManage(service: RolekeeperService, name: string, definition: ManagedProfile): Promise<RefreshResult> {
  const store = readStore(service.environment);
  store.managed[name] = definition;
  return service.previewRefresh(name, store);
}

/** Forgets a managed profile; false when it was not managed. Its endpoint token is revoked (`revoked`). */
export async function unmanageProfile(service: RolekeeperService, name: string): Promise<{ managed: boolean; revoked: boolean }> {
  const environment = service.environment;
  if (!readStore(environment).managed[name]) return { managed: false, revoked: false };
  await changeStore(environment, (data) => {
    delete data.managed[name];
    delete data.sinks[name];
    data.kept = data.kept.filter((kept) => kept !== name);
  });
  service.reload();
  return { managed: true, revoked: revokeEndpointTokens(environment, [name]).length > 0 };
}

/** A change of the engine settings; the endpoint port may be `auto` (a free per-user port). */
export type SettingsChange = Partial<Omit<EngineSettings, 'endpointPort'>> & { endpointPort?: number | 'auto' };

/** Stores a change of the engine settings (none: reads them); resolves to the settings as stored now. */
export async function changeSettings(service: RolekeeperService, change: SettingsChange): Promise<EngineSettings> {
  const environment = service.environment;
  const { endpointPort, ...rest } = change;
  const settings: Partial<EngineSettings> = { ...rest, ...(endpointPort !== undefined ? { endpointPort: endpointPort === 'auto' ? AUTOMATIC_ENDPOINT_PORT : endpointPort } : {}) };
  if (Object.keys(settings).length === 0) return readStore(environment).settings;
  const stored = (await changeStore(environment, (data) => Object.assign(data.settings, settings))).settings;
  service.reload();
  return stored;
}

/** The endpoint port as configured: one fixed port, or the per-user port the keeper tries first. */
export function endpointPortSetting(service: RolekeeperService, settings: EngineSettings): { automatic: boolean; port: number } {
  const environment: AwsEnvironment = service.environment;
  if (candidatePorts(settings.endpointPort, null, environment).length === 1) return { automatic: false, port: settings.endpointPort };
  return { automatic: true, port: perUserEndpointPort(environment) };
}
