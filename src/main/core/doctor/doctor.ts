// `rolekeeper doctor`, offline: every cause of "ExpiredToken" and "profile not found" that can
// be told from the environment, the AWS files and the caches, each with its fix.
// `doctor --online` adds STS checks on top (doctor-online.ts).
import type { AwsEnvironment } from '../model/aws-environment';
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
import { wordedText, type FixWords } from '../../../shared/finding-wording';
import { phrase, type Phrase } from '../../../shared/i18n';
import { checkEndpointVariables } from './endpoint-checks';
import { checkShortSessions } from './short-session-check';
import { loadProfiles } from '../aws-config/profile-loader';
import { statSync } from 'node:fs';
import { dirname } from 'node:path';
import { findLeftoverTempFiles } from '../files/atomic-file';
import type { ConfigValue, ProfileSet, ResolvedProfile } from '../aws-config/profile-model';
import { readStore } from '../credentials/rolekeeper-store';
import { sessionKeyExpiry, sessionTokenOf } from '../credentials/profile-keys';
import { CLI_CACHE_MIN_VALID_MS } from '../model/validity-margins';
import type { Finding, Severity } from '../../../shared/profile-summary';
import { describeSsoSessions } from '../sso/sso-session-state';
import { missingCredentialProcessProgram } from '../aws-config/credential-process-command';
import { rolekeeperProcessProfile } from '../aws-config/credential-process-command';
import { WordedError } from '../model/worded-error';
import { checkPlainKeys } from './plain-keys-check';
import { checkMfaProcess } from './mfa-process-check';

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
  message: Phrase | string,
  fix: FixWords,
  extra: { profile?: string | null; file?: string; line?: number } = {},
): Finding {
  const result: Finding = { code, severity, profile: extra.profile ?? null, ...wordedText(message, fix) };
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
function ownerOfKeyId(context: DoctorContext, keyId: string): { profile: string; where: Phrase | string } | null {
  for (const profile of context.profiles.profiles) {
    const own = profile.values.get('aws_access_key_id');
    if (own && own.value === keyId) return { profile: profile.name, where: at(own) };
  }
  for (const entry of context.cache.scan.entries) {
    if (entry.credentials.accessKeyId !== keyId) continue;
    const owners = context.cache.mapping.profilesByFile.get(entry.file);
    if (owners && owners.length > 0) return { profile: owners[0], where: phrase('doctor.envShadow.ownerCache', { file: entry.file }) };
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
        phrase('doctor.envPartial', { key: maskSecret(keyId) }),
        fix.unsetCredentials(),
      ),
    );
  } else if (!keyId && secret) {
    findings.push(
      finding(
        'env-secret-without-key-id',
        'warning',
        phrase('doctor.envSecretWithoutKeyId'),
        fix.unsetCredentials(),
      ),
    );
  } else if (!keyId && !secret && (env.AWS_SESSION_TOKEN || env.AWS_SECURITY_TOKEN)) {
    findings.push(
      finding(
        'env-token-without-keys',
        'info',
        phrase('doctor.envTokenWithoutKeys'),
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
  const message = phrase('doctor.envShadow', {
    key: maskSecret(creds.accessKeyId),
    selected: selected.variable ? phrase('doctor.envShadow.selected', { variable: selected.variable, name: selected.name }) : '',
    owner: owner ? phrase('doctor.envShadow.owner', { profile: owner.profile, where: owner.where }) : '',
    meant: requested && owner?.profile !== requested ? phrase('doctor.envShadow.meant', { profile: requested }) : '',
  });
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
        phrase('doctor.envExpirationInvalid'),
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
          phrase('doctor.envExpired', { key: maskSecret(creds.accessKeyId), time: isoSeconds(creds.expiresAt) }),
          fix.unsetCredentials(),
          { profile: meant },
        ),
      );
    } else if (status === 'expiring') {
      findings.push(
        finding(
          'env-credentials-expiring',
          'warning',
          phrase('doctor.envExpiring', { key: maskSecret(creds.accessKeyId), time: isoSeconds(creds.expiresAt) }),
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
  const which = phrase(env.AWS_SESSION_TOKEN ? 'doctor.securityTokenStale.differs' : 'doctor.securityTokenStale.alone');
  return [
    finding(
      'env-security-token-stale',
      withKeys ? 'warning' : 'info',
      phrase('doctor.securityTokenStale', { which }),
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
    const message = phrase('doctor.profileVariableMissing', {
      variable,
      name,
      config: profiles.paths.configFile,
      credentials: profiles.paths.credentialsFile,
      readers: phrase(variable === 'AWS_PROFILE' ? 'doctor.profileVariableMissing.readersV2' : 'doctor.profileVariableMissing.readersV1'),
      similar: similar ? phrase('doctor.profileVariableMissing.similar', { similar }) : '',
    });
    findings.push(
      finding(codes[variable], 'error', message, similar ? fix.set(variable, similar) : fix.unset([variable]), { profile: name }),
    );
  }
  if (env.AWS_PROFILE && env.AWS_DEFAULT_PROFILE && env.AWS_PROFILE !== env.AWS_DEFAULT_PROFILE) {
    findings.push(
      finding(
        'aws-profile-variables-disagree',
        'warning',
        phrase('doctor.profileVariablesDisagree', { profile: env.AWS_PROFILE, defaultProfile: env.AWS_DEFAULT_PROFILE }),
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

function keyLines(profile: ResolvedProfile): Phrase {
  const lines = ['aws_access_key_id', 'aws_secret_access_key', 'aws_session_token', 'aws_security_token']
    .map((key) => profile.values.get(key))
    .filter((value): value is ConfigValue => value !== undefined);
  const file = lines[0]?.file ?? '';
  const sameFile = lines.filter((value) => value.file === file).map((value) => value.line);
  return phrase(sameFile.length === 1 ? 'doctor.keyLines.one' : 'doctor.keyLines.other', { file, lines: sameFile.join(', ') });
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
function renewPastedKeysFix(context: DoctorContext, profile: ResolvedProfile): Phrase {
  const source = guessLongTermSource(context.profiles, profile.name);
  const lines = keyLines(profile);
  if (!source) {
    const command = context.fix.command((word) => `rolekeeper manage ${word(profile.name)} --role-arn arn:aws:iam::ACCOUNT:role/NAME --source-profile PROFILE_WITH_KEYS`);
    return phrase('doctor.sessionKeys.pasteFix', { lines, command });
  }
  const command = context.fix.command((word) => `rolekeeper manage ${word(profile.name)} --role-arn arn:aws:iam::ACCOUNT:role/NAME --source-profile ${word(source)}`);
  return phrase('doctor.sessionKeys.renewFix', { source, command, lines });
}

function checkSessionKeys(context: DoctorContext, profile: ResolvedProfile): Finding[] {
  const keyId = profile.values.get('aws_access_key_id');
  if (!keyId?.value || sessionTokenOf(profile) === undefined) return [];
  const managed = context.managed.has(profile.name);
  const users = dependents(context.profiles, profile.name);
  const usedBy = users.length > 0 ? phrase(users.length === 1 ? 'doctor.usedBy.one' : 'doctor.usedBy.other', { profiles: quoteList(users) }) : '';
  const replace = managed
    ? phrase('doctor.sessionKeys.managedFix', { command: context.fix.command((word) => `rolekeeper refresh ${word(profile.name)}`) })
    : renewPastedKeysFix(context, profile);
  const expiry = sessionKeyExpiry(profile);
  if (!expiry) {
    return [
      finding(
        'session-keys-expiry-unknown',
        'info',
        phrase('doctor.sessionKeys.expiryUnknown', { profile: profile.name, key: maskSecret(keyId.value), at: at(keyId), usedBy }),
        phrase('doctor.sessionKeys.expiryUnknownFix', { file: keyId.file }),
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
        phrase('doctor.sessionKeys.expiryUnreadable', { profile: profile.name, setting: expiry.key, at: at(expiry.setting) }),
        phrase('doctor.sessionKeys.expiryUnreadableFix', { at: at(expiry.setting) }),
        location,
      ),
    ];
  }
  const status = statusForExpiry(expiry.expiresAt, context.now, context.leadMs);
  const sessionKeyWords = { profile: profile.name, key: maskSecret(keyId.value), time: isoSeconds(expiry.expiresAt), setting: expiry.key, at: at(expiry.setting) };
  if (status === 'expired') {
    return [
      finding(
        'session-keys-expired',
        'error',
        phrase('doctor.sessionKeys.expired', { ...sessionKeyWords, usedBy }),
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
        phrase('doctor.sessionKeys.expiring', { ...sessionKeyWords, usedBy }),
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
    ? phrase('doctor.credentialProcessMissing.rolekeeperFix', { command: context.fix.command((word) => `rolekeeper setup credential-process ${word(served)} --as NEW_NAME`), at: at(setting) })
    : phrase('doctor.credentialProcessMissing.editFix', { at: at(setting) });
  return [
    finding(
      'credential-process-missing',
      'error',
      phrase('doctor.credentialProcessMissing', { profile: profile.name, at: at(setting), program: missing }),
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
    return [finding('sso-token-invalid', 'warning', phrase('doctor.profileSays', { profile: profile.name, detail: read.wording }), login, { profile: profile.name, file: read.file })];
  }
  if (read.status === 'missing') {
    if (roleUsable) return [];
    return [
      finding('sso-login-needed', 'info', phrase('doctor.ssoLoginNeeded', { profile: profile.name, file: read.file }), login, {
        profile: profile.name,
      }),
    ];
  }
  const status = statusForExpiry(read.record.expiresAt, context.now, context.leadMs);
  if (status !== 'expired') return [];
  const roleNote = roleUsable && entry
    ? phrase('doctor.ssoTokenExpired.roleNote', { file: entry.file, time: entry.credentials.expiration.toISOString() })
    : '';
  const renewable = read.record.refreshToken !== null;
  const renew = renewable ? phrase('doctor.ssoTokenExpired.renew') : '';
  return [
    finding(
      'sso-token-expired',
      renewable || roleUsable ? 'info' : 'warning',
      phrase('doctor.ssoTokenExpired', { profile: profile.name, time: read.record.expiresAt.toISOString(), file: read.file, roleNote, renew }),
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
    const name = state.session !== null ? phrase('doctor.ssoSession.named', { session: state.session }) : phrase('doctor.ssoSession.startUrl', { startUrl: state.startUrl });
    const login = context.fix.command((word) => (state.session !== null ? `rolekeeper sso login --session ${word(state.session)}` : `rolekeeper sso login ${word(state.profiles[0])}`));
    const used = phrase('doctor.ssoSession.usedBy', { profiles: quoteList(state.profiles) });
    if (state.status === 'renewable') {
      findings.push(finding('sso-session-renewable', 'info', phrase('doctor.ssoSession.renewable', { name, until: state.expiresAt, renewableUntil: state.renewableUntil ?? '', used }), null, { file: state.tokenFile }));
    } else if (state.status === 'valid') {
      findings.push(finding('sso-session-ends', 'info', phrase('doctor.ssoSession.ends', { name, until: state.expiresAt, reason: state.notRenewableWording ?? '', used }), login, { file: state.tokenFile }));
    } else if (state.status === 'expiring') {
      findings.push(finding('sso-session-ending', 'warning', phrase('doctor.ssoSession.ending', { name, until: state.expiresAt, reason: state.notRenewableWording ?? '', used }), login, { file: state.tokenFile }));
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
    const described = problem.wording ?? problem.message;
    const message = owner ? phrase('doctor.cliCache.corruptRead', { problem: described, profile: owner.name }) : phrase('doctor.cliCache.corruptUnread', { problem: described });
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
        phrase('doctor.cliCache.expired', {
          profiles: quoteList(names),
          time: entry.credentials.expiration.toISOString(),
          file,
          mfa: needsMfa(profiles, names) ? phrase('doctor.cliCache.expired.mfa') : '',
        }),
        fix.removeFile(file),
        { profile: names[0], file },
      ),
    );
  }
  for (const entry of cache.mapping.orphans) {
    const role = entry.assumedRoleArn ? phrase('doctor.cliCache.orphaned.role', { arn: entry.assumedRoleArn }) : '';
    const time = entry.credentials.expiration.toISOString();
    const state = phrase(entry.credentials.expiration.getTime() > now.getTime() ? 'doctor.cliCache.orphaned.valid' : 'doctor.cliCache.orphaned.expired', { time });
    findings.push(
      finding(
        'cli-cache-orphaned',
        'info',
        phrase('doctor.cliCache.orphaned', { file: entry.file, role, state }),
        fix.removeFile(entry.file),
        { file: entry.file },
      ),
    );
  }
  return findings;
}

function cacheKeyMatches(context: DoctorContext, profile: ResolvedProfile, key: string): boolean {
  return context.cache.keyOf(profile.name) === key;
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
        phrase('doctor.containerShadowed.byKeys', { variable }),
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
  const where = firstKey ? `${firstKey.file}:${firstKey.line}` : phrase('doctor.containerShadowed.awsFiles');
  if (selected.variable) {
    return [
      finding(
        'container-endpoint-shadowed',
        'warning',
        phrase('doctor.containerShadowed.bySelected', { variable, selected: selected.variable, name: selected.name, type: profile.type, where }),
        pointElsewhere ?? fix.unset([selected.variable]),
        { profile: selected.name },
      ),
    ];
  }
  const fixText = pointElsewhere
    ? phrase('doctor.containerShadowed.defaultFixOr', { where, command: pointElsewhere })
    : phrase('doctor.containerShadowed.defaultFix', { where });
  return [
    finding(
      'container-endpoint-shadowed',
      'warning',
      phrase('doctor.containerShadowed.byDefault', { variable, type: profile.type, where }),
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
      finding('rolekeeper-store-unreadable', 'warning', error instanceof WordedError ? error.wording : (error as Error).message, phrase('doctor.storeUnreadableFix')),
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
        phrase(leftovers.length === 1 ? 'doctor.leftoverTempFiles.one' : 'doctor.leftoverTempFiles.other', { count: leftovers.length, folder }),
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
    const who = phrase(mode & 0o007 ? 'doctor.keyFileReadable.everyone' : 'doctor.keyFileReadable.group');
    const chmod = context.fix.command((word) => `chmod 600 ${word(file)}`);
    // An IAM user's keys can leave the file altogether (`vault move`); session keys end by themselves.
    const movable = names.filter((name) => context.profiles.get(name)?.type === 'static');
    findings.push(
      finding(
        'key-file-readable',
        'warning',
        phrase('doctor.keyFileReadable', { file, profiles: quoteList(names), who, mode: mode.toString(8).padStart(3, '0') }),
        movable.length > 0 ? phrase('vault.keyFileFix', { chmod, command: context.fix.command((word) => `rolekeeper vault move ${word(movable[0])}`) }) : chmod,
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
    findings.push(...checkPlainKeys(context, profile));
    findings.push(...checkMfaProcess(context, profile));
  }
  findings.push(...checkSsoSessions(context));
  findings.push(...checkCliCache(context));
  findings.push(...checkLeftoverTempFiles(context));
  findings.push(...checkKeyFilePermissions(context));
  findings.push(...checkShortSessions(context));
  if (!options.managedProfiles) findings.push(...checkStore(options.environment));
  return findings
    .map((item, index) => ({ item, index }))
    .sort((a, b) => SEVERITY_ORDER[a.item.severity] - SEVERITY_ORDER[b.item.severity] || a.index - b.index)
    .map(({ item }) => item);
}
