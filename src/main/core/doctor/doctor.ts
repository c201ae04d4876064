// `rolekeeper doctor`, offline: every cause of "ExpiredToken" and "profile not found" that can
// be told from the environment, the AWS files and the caches, each with its fix.
// `doctor --online` adds STS checks on top (doctor-online.ts).
import type { AwsEnvironment } from '../aws-config/aws-environment';
import { maskSecret } from '../../../shared/mask';
import { isoSeconds } from '../../../shared/duration';
import {
  environmentCredentials,
  managedProfileNames,
  readSsoTokenForProfile,
  statusForExpiry,
  viewCliCache,
  type CacheView,
} from '../credentials/credential-state';
import type { CliCacheScan } from '../caches/cli-cache';
import { fixWriter, type FixWriter } from './doctor-fixes';
import { checkEndpointVariables } from './endpoint-checks';
import { loadProfiles } from '../aws-config/profile-loader';
import { statSync } from 'node:fs';
import { dirname } from 'node:path';
import { findLeftoverTempFiles } from '../files/atomic-file';
import type { ConfigValue, ProfileSet, ResolvedProfile } from '../aws-config/profile-model';
import { readStore } from '../credentials/rolekeeper-store';
import { sessionKeyExpiry, sessionTokenOf } from '../credentials/profile-keys';
import { CLI_CACHE_MIN_VALID_MS } from '../credentials/validity-margins';
import type { Finding, Severity } from '../../../shared/profile-summary';
import { describeSsoSessions } from '../sso/sso-session-state';
import { missingCredentialProcessProgram } from '../credentials/credential-process-command';
import { rolekeeperProcessProfile } from '../credentials/credential-resolver';

export interface DoctorOptions {
  environment: AwsEnvironment;
  now: Date;
  /** Already-loaded profiles (loaded from the environment's files when absent). */
  profiles?: ProfileSet;
  cacheScan?: CliCacheScan;
  /** Time before expiry that counts as expiring; default 15 minutes. */
  leadMs?: number;
  /** Profiles whose keys Rolekeeper writes (read from its store when absent). */
  managedProfiles?: ReadonlySet<string>;
}

interface DoctorContext {
  environment: AwsEnvironment;
  env: AwsEnvironment['env'];
  now: Date;
  leadMs: number;
  profiles: ProfileSet;
  cache: CacheView;
  managed: ReadonlySet<string>;
  fix: FixWriter;
}

const SEVERITY_ORDER: Record<Severity, number> = { error: 0, warning: 1, info: 2 };

function finding(
  code: string,
  severity: Severity,
  message: string,
  fix: string | null,
  extra: { profile?: string | null; file?: string; line?: number } = {},
): Finding {
  const result: Finding = { code, severity, profile: extra.profile ?? null, message, fix };
  if (extra.file !== undefined) result.file = extra.file;
  if (extra.line !== undefined) result.line = extra.line;
  return result;
}

function at(value: ConfigValue): string {
  return `${value.file}:${value.line}`;
}

function quoteList(names: readonly string[]): string {
  return names.map((name) => `"${name}"`).join(', ');
}

/** The profile the AWS CLI v2 and the SDKs select from the environment (v1 prefers AWS_DEFAULT_PROFILE). */
function selectedProfileName(env: AwsEnvironment['env']): { name: string; variable: string | null } {
  if (env.AWS_PROFILE) return { name: env.AWS_PROFILE, variable: 'AWS_PROFILE' };
  if (env.AWS_DEFAULT_PROFILE) return { name: env.AWS_DEFAULT_PROFILE, variable: 'AWS_DEFAULT_PROFILE' };
  return { name: 'default', variable: null };
}

/** Which profile the exported key id belongs to, from the files and the CLI cache. */
function ownerOfKeyId(context: DoctorContext, keyId: string): { profile: string; where: string } | null {
  for (const profile of context.profiles.profiles) {
    const own = profile.values.get('aws_access_key_id');
    if (own && own.value === keyId) return { profile: profile.name, where: at(own) };
  }
  for (const entry of context.cache.scan.entries) {
    if (entry.credentials.accessKeyId !== keyId) continue;
    const owners = context.cache.mapping.profilesByFile.get(entry.file);
    if (owners && owners.length > 0) return { profile: owners[0], where: `its cached role credentials, ${entry.file}` };
  }
  return null;
}

function checkEnvironmentCredentials(context: DoctorContext): Finding[] {
  const { env, fix } = context;
  const findings: Finding[] = [];
  const keyId = env.AWS_ACCESS_KEY_ID ?? '';
  const secret = env.AWS_SECRET_ACCESS_KEY ?? '';
  if (keyId && !secret) {
    findings.push(
      finding(
        'env-credentials-partial',
        'error',
        `AWS_ACCESS_KEY_ID (${maskSecret(keyId)}) is set without AWS_SECRET_ACCESS_KEY: every aws command fails with "Partial credentials found in env, missing: AWS_SECRET_ACCESS_KEY"`,
        fix.unsetCredentials(),
      ),
    );
  } else if (!keyId && secret) {
    findings.push(
      finding(
        'env-secret-without-key-id',
        'warning',
        'AWS_SECRET_ACCESS_KEY is set without AWS_ACCESS_KEY_ID: the AWS CLI and SDKs ignore it, a leftover of an old export',
        fix.unsetCredentials(),
      ),
    );
  } else if (!keyId && !secret && (env.AWS_SESSION_TOKEN || env.AWS_SECURITY_TOKEN)) {
    findings.push(
      finding(
        'env-token-without-keys',
        'info',
        'AWS_SESSION_TOKEN or AWS_SECURITY_TOKEN is set without keys: ignored, a leftover of an old export that would pair with the next keys you export',
        fix.unsetCredentials(),
      ),
    );
  }

  const creds = environmentCredentials(context.environment);
  if (!creds) return findings;

  const selected = selectedProfileName(env);
  const owner = ownerOfKeyId(context, creds.accessKeyId);
  // AWS_PROFILE says what the user asked for; the key id says where the exported keys came from.
  const requested = selected.variable && context.profiles.get(selected.name) ? selected.name : null;
  const meant = requested ?? owner?.profile ?? null;
  let message = `AWS_ACCESS_KEY_ID (${maskSecret(creds.accessKeyId)}) and AWS_SECRET_ACCESS_KEY are set: the AWS CLI and every SDK use them instead of any profile`;
  if (selected.variable) message += `, ${selected.variable}=${selected.name} only picks region and settings`;
  if (owner) message += `; they are the keys of profile "${owner.profile}" (${owner.where})`;
  if (requested && owner?.profile !== requested) message += `; you probably meant profile "${requested}"`;
  // botocore's credential chain takes AWS_ACCESS_KEY_ID before any profile's settings, so asking
  // for a profile by name can silently sign with other credentials.
  const asksForOtherProfile = selected.variable !== null && owner?.profile !== selected.name;
  let fixText = fix.unsetCredentials();
  if (!selected.variable && owner && owner.profile !== 'default') fixText += `\n${fix.set('AWS_PROFILE', owner.profile)}`;
  findings.push(
    finding('env-credentials-shadow-profiles', asksForOtherProfile ? 'error' : 'warning', message, fixText, { profile: meant }),
  );

  if (creds.expirationRaw && !creds.expiresAt) {
    findings.push(
      finding(
        'env-credential-expiration-invalid',
        'warning',
        'AWS_CREDENTIAL_EXPIRATION is not a timestamp: the AWS CLI fails to read the environment credentials',
        fix.unsetCredentials(),
      ),
    );
  } else if (creds.expiresAt) {
    const status = statusForExpiry(creds.expiresAt, context.now, context.leadMs);
    if (status === 'expired') {
      findings.push(
        finding(
          'env-credentials-expired',
          'error',
          `the credentials in AWS_ACCESS_KEY_ID (${maskSecret(creds.accessKeyId)}) expired at ${isoSeconds(creds.expiresAt)} (AWS_CREDENTIAL_EXPIRATION): every call fails until they are unset; exported variables never renew`,
          fix.unsetCredentials(),
          { profile: meant },
        ),
      );
    } else if (status === 'expiring') {
      findings.push(
        finding(
          'env-credentials-expiring',
          'warning',
          `the credentials in AWS_ACCESS_KEY_ID (${maskSecret(creds.accessKeyId)}) expire at ${isoSeconds(creds.expiresAt)} (AWS_CREDENTIAL_EXPIRATION) and exported variables never renew`,
          fix.unsetCredentials(),
          { profile: meant },
        ),
      );
    }
  }
  return findings;
}

function checkSecurityToken(context: DoctorContext): Finding[] {
  const { env, fix } = context;
  if (!env.AWS_SECURITY_TOKEN || env.AWS_SECURITY_TOKEN === env.AWS_SESSION_TOKEN) return [];
  const withKeys = Boolean(env.AWS_ACCESS_KEY_ID && env.AWS_SECRET_ACCESS_KEY);
  const which = env.AWS_SESSION_TOKEN ? 'differs from AWS_SESSION_TOKEN' : 'is set without AWS_SESSION_TOKEN';
  return [
    finding(
      'env-security-token-stale',
      withKeys ? 'warning' : 'info',
      `AWS_SECURITY_TOKEN ${which}: the AWS CLI and boto3 send AWS_SECURITY_TOKEN first, the JS SDK only AWS_SESSION_TOKEN, so they use different credentials (a stale one fails with ExpiredToken or InvalidClientTokenId)`,
      fix.unset(['AWS_SECURITY_TOKEN']),
    ),
  ];
}

function similarProfile(profiles: ProfileSet, name: string): string | null {
  const lower = name.toLowerCase();
  return profiles.profiles.find((profile) => profile.name.toLowerCase() === lower)?.name ?? null;
}

function checkProfileVariables(context: DoctorContext): Finding[] {
  const { env, fix, profiles } = context;
  const findings: Finding[] = [];
  const codes: Record<'AWS_PROFILE' | 'AWS_DEFAULT_PROFILE', string> = {
    AWS_PROFILE: 'aws-profile-missing',
    AWS_DEFAULT_PROFILE: 'aws-default-profile-missing',
  };
  for (const variable of ['AWS_PROFILE', 'AWS_DEFAULT_PROFILE'] as const) {
    const name = env[variable];
    // botocore treats a missing `default` as an empty profile, not as an error.
    if (!name || name === 'default' || profiles.get(name)) continue;
    const similar = similarProfile(profiles, name);
    const readers = variable === 'AWS_PROFILE' ? 'every aws command and SDK' : 'every aws command of CLI v1 and boto3';
    let message = `${variable}=${name} names a profile that is in neither ${profiles.paths.configFile} nor ${profiles.paths.credentialsFile}: ${readers} fails with "The config profile (${name}) could not be found"`;
    if (similar) message += `; profile names are case-sensitive, did you mean "${similar}"?`;
    findings.push(
      finding(codes[variable], 'error', message, similar ? fix.set(variable, similar) : fix.unset([variable]), { profile: name }),
    );
  }
  if (env.AWS_PROFILE && env.AWS_DEFAULT_PROFILE && env.AWS_PROFILE !== env.AWS_DEFAULT_PROFILE) {
    findings.push(
      finding(
        'aws-profile-variables-disagree',
        'warning',
        `AWS_PROFILE=${env.AWS_PROFILE} but AWS_DEFAULT_PROFILE=${env.AWS_DEFAULT_PROFILE}: AWS CLI v2 and the SDKs use "${env.AWS_PROFILE}", AWS CLI v1 and boto3 use "${env.AWS_DEFAULT_PROFILE}"`,
        fix.unset(['AWS_DEFAULT_PROFILE']),
        { profile: env.AWS_PROFILE },
      ),
    );
  }
  return findings;
}

function dependents(profiles: ProfileSet, name: string): string[] {
  return profiles.profiles.filter((profile) => profile.sourceChain.includes(name)).map((profile) => profile.name);
}

function keyLines(profile: ResolvedProfile): string {
  const lines = ['aws_access_key_id', 'aws_secret_access_key', 'aws_session_token', 'aws_security_token']
    .map((key) => profile.values.get(key))
    .filter((value): value is ConfigValue => value !== undefined);
  const file = lines[0]?.file ?? '';
  const sameFile = lines.filter((value) => value.file === file).map((value) => value.line);
  return `${file} line${sameFile.length === 1 ? '' : 's'} ${sameFile.join(', ')}`;
}

/** The profile a `manage` fix can take as source: the only one with long-term keys, or `default` among several. */
function guessLongTermSource(profiles: ProfileSet, except: string): string | null {
  const candidates = profiles.profiles.filter((candidate) => candidate.name !== except && candidate.type === 'static');
  if (candidates.length === 1) return candidates[0].name;
  return candidates.find((candidate) => candidate.name === 'default')?.name ?? null;
}

/**
 * Deleting pasted keys leaves the profile with nothing; `rolekeeper manage` renews them where they
 * stand, so it comes first whenever a source profile can be guessed.
 */
function renewPastedKeysFix(context: DoctorContext, profile: ResolvedProfile): string {
  const source = guessLongTermSource(context.profiles, profile.name);
  const paste = `or paste fresh keys over ${keyLines(profile)}`;
  if (!source) {
    return `${paste.slice(3)}; or let Rolekeeper renew them: ${context.fix.command((word) => `rolekeeper manage ${word(profile.name)} --role-arn arn:aws:iam::ACCOUNT:role/NAME --source-profile PROFILE_WITH_KEYS`)}`;
  }
  const command = context.fix.command((word) => `rolekeeper manage ${word(profile.name)} --role-arn arn:aws:iam::ACCOUNT:role/NAME --source-profile ${word(source)}`);
  return `let Rolekeeper renew them from "${source}"'s keys (ACCOUNT and NAME: the role these keys came from):\n${command}\n${paste}`;
}

function checkSessionKeys(context: DoctorContext, profile: ResolvedProfile): Finding[] {
  const keyId = profile.values.get('aws_access_key_id');
  if (!keyId?.value || sessionTokenOf(profile) === undefined) return [];
  const managed = context.managed.has(profile.name);
  const users = dependents(context.profiles, profile.name);
  const usedBy = users.length > 0 ? `; ${quoteList(users)} take${users.length === 1 ? 's' : ''} credentials from it` : '';
  const replace = managed
    ? `${context.fix.command((word) => `rolekeeper refresh ${word(profile.name)}`)}   (Rolekeeper writes these keys)`
    : renewPastedKeysFix(context, profile);
  const expiry = sessionKeyExpiry(profile);
  if (!expiry) {
    return [
      finding(
        'session-keys-expiry-unknown',
        'info',
        `profile "${profile.name}" holds session keys (${maskSecret(keyId.value)}) at ${at(keyId)} with no recorded expiry: nothing can tell when they stop working${usedBy}`,
        `add x_security_token_expires = <expiry, e.g. 2030-01-01T00:00:00Z> under the keys in ${keyId.file}, or let Rolekeeper manage the profile`,
        { profile: profile.name, file: keyId.file, line: keyId.line },
      ),
    ];
  }
  const location = { profile: profile.name, file: expiry.setting.file, line: expiry.setting.line };
  if (!expiry.expiresAt) {
    return [
      finding(
        'session-keys-expiry-unreadable',
        'warning',
        `profile "${profile.name}": ${expiry.key} at ${at(expiry.setting)} is not a timestamp with a time zone`,
        `edit ${at(expiry.setting)} to a time like 2030-01-01T00:00:00Z`,
        location,
      ),
    ];
  }
  const status = statusForExpiry(expiry.expiresAt, context.now, context.leadMs);
  const when = isoSeconds(expiry.expiresAt);
  if (status === 'expired') {
    return [
      finding(
        'session-keys-expired',
        'error',
        `profile "${profile.name}": its session keys (${maskSecret(keyId.value)}) expired at ${when} (${expiry.key} at ${at(expiry.setting)}); every call with them fails with ExpiredToken${usedBy}`,
        replace,
        location,
      ),
    ];
  }
  if (status === 'expiring') {
    return [
      finding(
        'session-keys-expiring',
        'warning',
        `profile "${profile.name}": its session keys (${maskSecret(keyId.value)}) expire at ${when} (${expiry.key} at ${at(expiry.setting)})${usedBy}`,
        replace,
        location,
      ),
    ];
  }
  return [];
}

/** A credential_process whose program is gone fails on every call, long before any token expires. */
function checkCredentialProcessProgram(context: DoctorContext, profile: ResolvedProfile): Finding[] {
  const setting = profile.values.get('credential_process');
  if (!setting?.value) return [];
  const missing = missingCredentialProcessProgram(setting.value, context.env, context.environment.platform);
  if (missing === null) return [];
  const served = rolekeeperProcessProfile(setting.value);
  const fix = served
    ? `point credential_process at a rolekeeper that exists: ${context.fix.command((word) => `rolekeeper setup credential-process ${word(served)} --as NEW_NAME`)} writes a working line to copy, or edit ${at(setting)}`
    : `edit credential_process at ${at(setting)} to a program that exists`;
  return [
    finding(
      'credential-process-missing',
      'error',
      `profile "${profile.name}": credential_process at ${at(setting)} runs ${missing}, which does not exist; every call with this profile fails`,
      fix,
      { profile: profile.name, file: setting.file, line: setting.line },
    ),
  ];
}

function checkSsoToken(context: DoctorContext, profile: ResolvedProfile): Finding[] {
  if (profile.type !== 'sso') return [];
  const read = readSsoTokenForProfile(context.profiles, profile);
  if (!read) return [];
  const entry = context.cache.mapping.byProfile.get(profile.name);
  const roleUsable = entry ? statusForExpiry(entry.credentials.expiration, context.now, context.leadMs) !== 'expired' : false;
  const session = profile.values.get('sso_session')?.value;
  const login = context.fix.command((word) => (session !== undefined ? `rolekeeper sso login --session ${word(session)}` : `rolekeeper sso login ${word(profile.name)}`));
  if (read.status === 'invalid') {
    return [finding('sso-token-invalid', 'warning', `profile "${profile.name}": ${read.message}`, login, { profile: profile.name, file: read.file })];
  }
  if (read.status === 'missing') {
    if (roleUsable) return [];
    return [
      finding('sso-login-needed', 'info', `profile "${profile.name}": no SSO login token (${read.file}); aws commands with this profile fail until you sign in`, login, {
        profile: profile.name,
      }),
    ];
  }
  const status = statusForExpiry(read.token.expiresAt, context.now, context.leadMs);
  if (status !== 'expired') return [];
  const roleNote = roleUsable && entry
    ? `; its role credentials (${entry.file}) still work until ${entry.credentials.expiration.toISOString()}, a separate expiry`
    : '';
  const renew = read.token.refreshable ? '; Rolekeeper (for kept profiles) and the AWS CLI renew it with its refresh token while that is valid' : '';
  return [
    finding(
      'sso-token-expired',
      read.token.refreshable || roleUsable ? 'info' : 'warning',
      `profile "${profile.name}": the SSO login token expired at ${read.token.expiresAt.toISOString()} (${read.file})${roleNote}${renew}`,
      login,
      { profile: profile.name, file: read.file },
    ),
  ];
}

/**
 * One line per IAM Identity Center sign-in that works: until when, and whether it renews silently.
 * Signed-out, expired and unreadable tokens are the per-profile findings above.
 */
function checkSsoSessions(context: DoctorContext): Finding[] {
  const findings: Finding[] = [];
  for (const state of describeSsoSessions(context.profiles, context.environment.platform, context.now.getTime(), context.leadMs)) {
    if (state.profiles.length === 0 || state.expiresAt === null) continue;
    const name = state.session !== null ? `SSO session "${state.session}"` : `SSO sign-in for ${state.startUrl}`;
    const login = context.fix.command((word) => (state.session !== null ? `rolekeeper sso login --session ${word(state.session)}` : `rolekeeper sso login ${word(state.profiles[0])}`));
    const used = `used by ${state.profiles.map((profile) => `"${profile}"`).join(', ')}`;
    if (state.status === 'renewable') {
      findings.push(finding('sso-session-renewable', 'info', `${name}: token valid until ${state.expiresAt}, renewed silently with its refresh token until ${state.renewableUntil} (${used})`, null, { file: state.tokenFile }));
    } else if (state.status === 'valid') {
      findings.push(finding('sso-session-ends', 'info', `${name}: token valid until ${state.expiresAt}, then a sign-in is needed: ${state.notRenewableBecause} (${used})`, login, { file: state.tokenFile }));
    } else if (state.status === 'expiring') {
      findings.push(finding('sso-session-ending', 'warning', `${name} ends at ${state.expiresAt} and cannot be renewed silently: ${state.notRenewableBecause} (${used})`, login, { file: state.tokenFile }));
    }
  }
  return findings;
}

function checkCliCache(context: DoctorContext): Finding[] {
  const { cache, fix, now, profiles } = context;
  const findings: Finding[] = [];
  for (const problem of cache.scan.problems) {
    if (problem.file === cache.scan.dir) {
      findings.push(finding('cli-cache-unreadable', 'warning', problem.message, `check the owner and permissions of ${cache.scan.dir}`, { file: problem.file }));
      continue;
    }
    // Only the profile whose cache key names this file fails on it; others never open it.
    const key = problem.file.replace(/^.*[\\/]/, '').replace(/\.json$/, '');
    const owner = profiles.profiles.find((profile) => cacheKeyMatches(context, profile, key));
    const message = owner ? `${problem.message}; profile "${owner.name}" reads this file` : `${problem.message} (no profile reads it)`;
    findings.push(
      finding('cli-cache-corrupt', owner ? 'error' : 'warning', message, fix.removeFile(problem.file), {
        profile: owner?.name ?? null,
        file: problem.file,
      }),
    );
  }
  for (const [file, names] of cache.mapping.profilesByFile) {
    const entry = cache.scan.entries.find((candidate) => candidate.file === file);
    if (!entry || entry.credentials.expiration.getTime() > now.getTime()) continue;
    findings.push(
      finding(
        'cli-cache-expired',
        'info',
        `the AWS CLI's cached credentials for ${quoteList(names)} expired at ${entry.credentials.expiration.toISOString()} (${file}); the next aws command calls STS again${needsMfa(profiles, names) ? ' and asks for an MFA code' : ''}`,
        fix.removeFile(file),
        { profile: names[0], file },
      ),
    );
  }
  for (const entry of cache.mapping.orphans) {
    const role = entry.assumedRoleArn ? ` for ${entry.assumedRoleArn}` : '';
    const state = entry.credentials.expiration.getTime() > now.getTime()
      ? `valid until ${entry.credentials.expiration.toISOString()}`
      : `expired at ${entry.credentials.expiration.toISOString()}`;
    findings.push(
      finding(
        'cli-cache-orphaned',
        'info',
        `${entry.file}: cached credentials${role} (${state}) that no profile reads any more (its role settings changed or the profile was removed)`,
        fix.removeFile(entry.file),
        { file: entry.file },
      ),
    );
  }
  return findings;
}

function cacheKeyMatches(context: DoctorContext, profile: ResolvedProfile, key: string): boolean {
  return context.cache.keysByProfile.get(profile.name) === key;
}

function needsMfa(profiles: ProfileSet, names: readonly string[]): boolean {
  return names.some((name) => Boolean(profiles.get(name)?.role.mfaSerial));
}

function holdsCredentials(profile: ResolvedProfile): boolean {
  // A role fed by the container endpoint itself uses it on purpose.
  if (profile.role.credentialSource?.value === 'EcsContainer') return false;
  return profile.type !== 'none';
}

function checkContainerShadowing(context: DoctorContext): Finding[] {
  const { env, fix, profiles } = context;
  const variable = env.AWS_CONTAINER_CREDENTIALS_FULL_URI
    ? 'AWS_CONTAINER_CREDENTIALS_FULL_URI'
    : env.AWS_CONTAINER_CREDENTIALS_RELATIVE_URI
      ? 'AWS_CONTAINER_CREDENTIALS_RELATIVE_URI'
      : null;
  if (!variable) return [];
  if (env.AWS_ACCESS_KEY_ID && env.AWS_SECRET_ACCESS_KEY) {
    return [
      finding(
        'container-endpoint-shadowed',
        'warning',
        `${variable} is set, but AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY come first in every SDK and the AWS CLI: the endpoint is never asked`,
        fix.unsetCredentials(),
      ),
    ];
  }
  const selected = selectedProfileName(env);
  const profile = profiles.get(selected.name);
  if (!profile || !holdsCredentials(profile)) return [];
  const credentialLess = profiles.profiles.find((candidate) => candidate.type === 'none' && candidate.name !== 'default');
  const pointElsewhere = credentialLess ? fix.set('AWS_PROFILE', credentialLess.name) : null;
  const firstKey = profile.values.get('aws_access_key_id') ?? profile.role.roleArn ?? profile.definedIn[0];
  const where = firstKey ? `${firstKey.file}:${firstKey.line}` : 'the AWS files';
  if (selected.variable) {
    return [
      finding(
        'container-endpoint-shadowed',
        'warning',
        `${variable} is set, but ${selected.variable}=${selected.name} selects a profile with its own credentials (${profile.type}, ${where}); profile credentials come before the container endpoint in every SDK and the AWS CLI, so the endpoint is never asked`,
        pointElsewhere ?? fix.unset([selected.variable]),
        { profile: selected.name },
      ),
    ];
  }
  const fixText = [`remove the credential settings of [default] at ${where}`, pointElsewhere ? `or: ${pointElsewhere}` : null]
    .filter((line): line is string => line !== null)
    .join('\n');
  return [
    finding(
      'container-endpoint-shadowed',
      'warning',
      `${variable} is set, but the default profile holds credentials (${profile.type}, ${where}); profile credentials come before the container endpoint in every SDK and the AWS CLI, so the endpoint is never asked`,
      fixText,
      { profile: 'default', file: firstKey?.file, line: firstKey?.line },
    ),
  ];
}

function checkStore(environment: AwsEnvironment): Finding[] {
  try {
    readStore(environment);
    return [];
  } catch (error) {
    return [
      finding('rolekeeper-store-unreadable', 'warning', (error as Error).message, 'fix or remove the file named above; Rolekeeper then forgets its managed and kept profiles'),
    ];
  }
}

/** Every offline finding, errors first; never throws on a corrupt cache or file. */
/** Temp files an interrupted Rolekeeper write left: copies of credentials nothing will ever read. */
function checkLeftoverTempFiles(context: DoctorContext): Finding[] {
  const paths = context.profiles.paths;
  const folders = [...new Set([paths.cliCacheDir, dirname(paths.configFile), dirname(paths.credentialsFile)])];
  const findings: Finding[] = [];
  for (const folder of folders) {
    const leftovers = findLeftoverTempFiles(folder, { now: context.now.getTime() });
    if (leftovers.length === 0) continue;
    findings.push(
      finding(
        'leftover-temp-files',
        'warning',
        `${leftovers.length === 1 ? 'a temp file' : `${leftovers.length} temp files`} in ${folder} left by an interrupted Rolekeeper write; ${leftovers.length === 1 ? 'it' : 'they'} may hold credentials (the next write there removes ${leftovers.length === 1 ? 'it' : 'them'})`,
        leftovers.map((file) => context.fix.removeFile(file)).join('\n'),
        { file: leftovers[0] },
      ),
    );
  }
  return findings;
}

const SECRET_KEYS = ['aws_secret_access_key', 'aws_session_token', 'aws_security_token'];

/**
 * Keys in a file other users may read. Rolekeeper keeps a file's permissions when it writes keys
 * into it (the user chose them), so it says so here instead. POSIX only: Windows' mode bits do not
 * show its ACLs.
 */
function checkKeyFilePermissions(context: DoctorContext): Finding[] {
  if (context.environment.platform === 'win32') return [];
  const holders = new Map<string, string[]>();
  for (const profile of context.profiles.profiles) {
    for (const key of SECRET_KEYS) {
      const value = profile.values.get(key);
      if (value?.value) holders.set(value.file, [...new Set([...(holders.get(value.file) ?? []), profile.name])]);
    }
  }
  const findings: Finding[] = [];
  for (const [file, names] of holders) {
    let mode: number;
    try {
      mode = statSync(file).mode & 0o777;
    } catch {
      continue;
    }
    if ((mode & 0o077) === 0) continue;
    const who = mode & 0o007 ? 'every user of this computer' : 'its group';
    findings.push(
      finding(
        'key-file-readable',
        'warning',
        `${file} holds the keys of ${quoteList(names)} and ${who} can read it (mode ${mode.toString(8).padStart(3, '0')})`,
        context.fix.command((word) => `chmod 600 ${word(file)}`),
        { file },
      ),
    );
  }
  return findings;
}

export function runDoctor(options: DoctorOptions): Finding[] {
  const profiles = options.profiles ?? loadProfiles(options.environment);
  const context: DoctorContext = {
    environment: options.environment,
    env: options.environment.env,
    now: options.now,
    leadMs: options.leadMs ?? CLI_CACHE_MIN_VALID_MS,
    profiles,
    cache: viewCliCache(profiles, options.cacheScan),
    managed: options.managedProfiles ?? managedProfileNames(options.environment),
    fix: fixWriter(options.environment),
  };
  const findings: Finding[] = [
    ...checkEnvironmentCredentials(context),
    ...checkSecurityToken(context),
    ...checkProfileVariables(context),
    ...checkContainerShadowing(context),
    ...checkEndpointVariables(context.environment, context.fix),
    ...profiles.findings,
  ];
  for (const profile of profiles.profiles) {
    findings.push(...profile.problems.map((problem) => ({ ...problem, profile: problem.profile ?? profile.name })));
    findings.push(...checkSessionKeys(context, profile));
    findings.push(...checkSsoToken(context, profile));
    findings.push(...checkCredentialProcessProgram(context, profile));
  }
  findings.push(...checkSsoSessions(context));
  findings.push(...checkCliCache(context));
  findings.push(...checkLeftoverTempFiles(context));
  findings.push(...checkKeyFilePermissions(context));
  if (!options.managedProfiles) findings.push(...checkStore(options.environment));
  return findings
    .map((item, index) => ({ item, index }))
    .sort((a, b) => SEVERITY_ORDER[a.item.severity] - SEVERITY_ORDER[b.item.severity] || a.index - b.index)
    .map(({ item }) => item);
}
