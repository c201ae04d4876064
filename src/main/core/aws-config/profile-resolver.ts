// Decides each profile's credential type, region, role settings and source chain the way botocore's
// provider chain would, and lists what is misconfigured — per profile, never stopping the others.
import { parsePythonInt } from './python-int';
import { phrase, type Phrase } from '../../../shared/i18n';
import { wordedText, type FixWords } from '../../../shared/finding-wording';
import type { ConfigValue, ResolvedProfile, RoleSettings } from './profile-model';
import type { Finding, ProfileType, Severity } from '../../../shared/profile-summary';
import { quoteNameForAnyShell } from '../shell/any-shell';
import { classifyProfile } from '../credentials/sources/sources';
import { isRoleProfile } from '../credentials/sources/role-chain';

/** A profile in botocore's merged view (config file, then the credentials file key by key on top). */
export interface ProfileDraft {
  name: string;
  values: Map<string, ConfigValue>;
  subSections: Map<string, Map<string, ConfigValue>>;
  definedIn: ResolvedProfile['definedIn'];
}

export interface ResolveContext {
  ssoSessions: ReadonlyMap<string, ReadonlyMap<string, ConfigValue>>;
  services: ReadonlyMap<string, unknown>;
  /** Decides how fix commands quote names (POSIX, or PowerShell on win32); default: this process's. */
  platform?: NodeJS.Platform;
}

export const CREDENTIAL_SOURCES: readonly string[] = ['Environment', 'Ec2InstanceMetadata', 'EcsContainer'];
export const MIN_DURATION_SECONDS = 900;
/**
 * How many source_profile hops Rolekeeper follows. botocore recurses per hop and hits Python's
 * recursion limit long before a chain this long; real chains are a few hops.
 */
export const MAX_SOURCE_CHAIN_DEPTH = 100;
export const MAX_DURATION_SECONDS = 43_200;

const ROLE_ARN = /^arn:aws(-[a-z]+)*:iam::\d{12}:role\/[\w+=,.@\-/]+$/;

export function isIamRoleArn(value: string): boolean {
  return ROLE_ARN.test(value);
}

const QUOTED_VALUE_MAX = 64;

/**
 * The first line of a value, capped: the lines after it are what botocore read as its continuation,
 * and those may be secrets (an indented `aws_secret_access_key = …` under `duration_seconds`).
 */
function firstLine(value: string): string {
  const line = value.split('\n', 1)[0]!;
  return line.length > QUOTED_VALUE_MAX ? `${line.slice(0, QUOTED_VALUE_MAX)}…` : line;
}

/** A value as a problem message may quote it: its first line, and how many lines continue it. */
function quotable(value: string): string {
  const more = value.split('\n').length - 1;
  return more > 0 ? `${firstLine(value)} (+${more} continuation line${more === 1 ? '' : 's'})` : firstLine(value);
}

function where(value: ConfigValue): string {
  return `${value.file}:${value.line}`;
}

/** The section header as the file must spell it: `[profile NAME]` in the config file, `[NAME]` elsewhere. */
export function headerAsWritten(name: string, fileKind: ConfigValue['fileKind']): string {
  return fileKind === 'config' && name !== 'default' ? `[profile ${name}]` : `[${name}]`;
}

function headerOf(name: string, at: { fileKind: ConfigValue['fileKind'] } | undefined): string {
  return headerAsWritten(name, at?.fileKind ?? 'config');
}

function finding(
  profile: string,
  code: string,
  severity: Severity,
  message: Phrase | string,
  fix: FixWords,
  at: ConfigValue | { file: string; line: number } | null,
): Finding {
  const located: Phrase | string = !at ? message : typeof message === 'string' ? `${at.file}:${at.line}: ${message}` : phrase('doctor.at', { at: `${at.file}:${at.line}`, text: message });
  return { code, severity, profile, ...wordedText(located, fix), ...(at ? { file: at.file, line: at.line } : {}) };
}

function hasStaticKeys(values: ReadonlyMap<string, ConfigValue>): boolean {
  return values.has('aws_access_key_id') || values.has('aws_secret_access_key');
}

function roleSettings(values: ReadonlyMap<string, ConfigValue>): RoleSettings {
  const durationSecondsRaw = values.get('duration_seconds') ?? null;
  // botocore keeps what Python's int() makes of it and ignores the setting where int() refuses.
  const exact = durationSecondsRaw ? parsePythonInt(durationSecondsRaw.value) : null;
  const durationSeconds = exact === null ? null : Number(exact);
  return {
    roleArn: values.get('role_arn') ?? null,
    sourceProfile: values.get('source_profile') ?? null,
    credentialSource: values.get('credential_source') ?? null,
    externalId: values.get('external_id') ?? null,
    mfaSerial: values.get('mfa_serial') ?? null,
    durationSecondsRaw,
    durationSeconds,
    roleSessionName: values.get('role_session_name') ?? null,
  };
}

/** Problems of a profile's own settings (not of its source chain). */
function ownProblems(draft: ProfileDraft, type: ProfileType, context: ResolveContext): Finding[] {
  const { name, values } = draft;
  const problems: Finding[] = [];
  const keyId = values.get('aws_access_key_id');
  const secret = values.get('aws_secret_access_key');
  if ((keyId && !secret) || (!keyId && secret)) {
    const present = (keyId ?? secret)!;
    const missing = keyId ? 'aws_secret_access_key' : 'aws_access_key_id';
    problems.push(
      finding(name, 'static-keys-partial', 'error', phrase('doctor.staticKeysPartial', { profile: name, present: present === keyId ? 'aws_access_key_id' : 'aws_secret_access_key', missing }), phrase('doctor.staticKeysPartial.fix', { missing, header: headerOf(name, present) }), present),
    );
  }
  if (values.has('login_session') && type === 'none') {
    problems.push(
      finding(name, 'login-session', 'info', phrase('doctor.loginSession', { profile: name }), null, values.get('login_session')!),
    );
  }
  if (type === 'web-identity' && !values.has('role_arn')) {
    problems.push(
      finding(name, 'web-identity-role-arn-missing', 'error', phrase('doctor.webIdentityRoleArnMissing', { profile: name }), phrase('doctor.addRoleArnFix', { header: headerOf(name, values.get('web_identity_token_file')) }), values.get('web_identity_token_file')!),
    );
  }
  if (type === 'sso') problems.push(...ssoProblems(draft, context));
  const services = values.get('services');
  if (services && !context.services.has(services.value)) {
    problems.push(
      finding(name, 'services-section-missing', 'error', phrase('doctor.servicesSectionMissing', { value: quotable(services.value), name: firstLine(services.value) }), phrase('doctor.servicesSectionMissing.fix', { name: firstLine(services.value) }), services),
    );
  }
  if (values.has('role_arn')) problems.push(...roleProblems(draft));
  return problems;
}

function ssoProblems(draft: ProfileDraft, context: ResolveContext): Finding[] {
  const { name, values } = draft;
  const sessionRef = values.get('sso_session');
  let merged: ReadonlyMap<string, ConfigValue> = values;
  if (sessionRef) {
    const session = context.ssoSessions.get(sessionRef.value);
    if (!session) {
      return [
        finding(name, 'sso-session-missing', 'error', phrase('doctor.ssoSessionMissing', { value: quotable(sessionRef.value), name: firstLine(sessionRef.value) }), phrase('doctor.ssoSessionMissing.fix', { name: firstLine(sessionRef.value) }), sessionRef),
      ];
    }
    // botocore refuses a profile whose own value of any session key differs from the session's.
    for (const [key, value] of session) {
      const own = values.get(key);
      if (own === undefined || own.value === value.value) continue;
      return [
        finding(
          name,
          'sso-session-conflict',
          'error',
          phrase('doctor.ssoSessionConflict', { profile: name, key, own: quotable(own.value), session: firstLine(sessionRef.value), value: quotable(value.value) }),
          phrase('doctor.ssoSessionConflict.fix', { key, header: headerOf(name, own), at: where(own) }),
          own,
        ),
      ];
    }
    merged = new Map([...values, ...session]);
  }
  const missing = ['sso_start_url', 'sso_region', 'sso_role_name', 'sso_account_id'].filter((key) => !merged.has(key));
  if (missing.length === 0) return [];
  const at = values.get('sso_account_id') ?? values.get('sso_role_name')!;
  return [
    finding(name, 'sso-config-incomplete', 'error', phrase('doctor.ssoConfigIncomplete', { profile: name, missing: missing.join(', ') }), phrase('doctor.runFix', { command: `aws configure sso --profile ${quoteNameForAnyShell(context.platform ?? process.platform, name)}` }), at),
  ];
}

function roleProblems(draft: ProfileDraft): Finding[] {
  const { name, values } = draft;
  const problems: Finding[] = [];
  const role = roleSettings(values);
  const roleArn = role.roleArn!;
  if (!isIamRoleArn(roleArn.value)) {
    const shown = quotable(roleArn.value);
    problems.push(
      finding(name, 'role-arn-invalid', 'error', phrase('doctor.roleArnInvalid', { value: shown }), phrase('doctor.roleArnInvalid.fix', { header: headerOf(name, roleArn), at: where(roleArn) }), roleArn),
    );
  }
  if (role.durationSecondsRaw) {
    if (role.durationSeconds === null) {
      problems.push(
        finding(name, 'duration-seconds-not-integer', 'warning', phrase('doctor.durationNotInteger', { value: quotable(role.durationSecondsRaw.value) }), phrase('doctor.durationNotInteger.fix', { min: MIN_DURATION_SECONDS, max: MAX_DURATION_SECONDS }), role.durationSecondsRaw),
      );
    } else if (role.durationSeconds < MIN_DURATION_SECONDS || role.durationSeconds > MAX_DURATION_SECONDS) {
      problems.push(
        finding(name, 'duration-seconds-out-of-range', 'error', phrase('doctor.durationOutOfRange', { value: role.durationSeconds, min: MIN_DURATION_SECONDS, max: MAX_DURATION_SECONDS }), phrase('doctor.durationOutOfRange.fix', { min: MIN_DURATION_SECONDS, max: MAX_DURATION_SECONDS }), role.durationSecondsRaw),
      );
    }
  }
  if (!isRoleProfile(values)) return problems;
  if (role.sourceProfile && role.credentialSource) {
    problems.push(
      finding(name, 'role-source-conflict', 'error', phrase('doctor.roleSourceConflict', { profile: name }), phrase('doctor.roleSourceConflict.fix', { sourceLine: role.sourceProfile.line, credentialLine: role.credentialSource.line }), role.credentialSource),
    );
  } else if (!role.sourceProfile && !role.credentialSource) {
    problems.push(
      finding(name, 'role-source-missing', 'error', phrase('doctor.roleSourceMissing', { profile: name }), phrase('doctor.roleSourceMissing.fix', { header: headerOf(name, roleArn), at: where(roleArn) }), roleArn),
    );
  } else if (role.credentialSource && !CREDENTIAL_SOURCES.includes(role.credentialSource.value)) {
    problems.push(
      finding(name, 'credential-source-unknown', 'error', phrase('doctor.credentialSourceUnknown', { value: quotable(role.credentialSource.value), allowed: CREDENTIAL_SOURCES.join(', ') }), phrase('doctor.credentialSourceUnknown.fix', { allowed: CREDENTIAL_SOURCES.join(', ') }), role.credentialSource),
    );
  }
  return problems;
}

/**
 * What using a profile as a source_profile gives: itself, then the rest of the chain (shared between
 * all profiles that reach it, so resolving n profiles stays linear however long the chains are).
 */
interface Tail {
  name: string;
  rest: Tail | null;
  /** The profile holding the starting credentials (or where the chain breaks). */
  last: string;
  length: number;
  /** Set when the chain cannot give credentials: the message of the root cause. */
  broken: Phrase | string | null;
  cycle: boolean;
}

type Hop = { kind: 'end' } | { kind: 'broken'; message: Phrase | string } | { kind: 'next'; to: string };
const END: Hop = { kind: 'end' };

function chainArray(tail: Tail | null): string[] {
  const names: string[] = [];
  // Capped: a chain past the depth limit is a finding, and listing it whole would make n profiles cost n².
  for (let node = tail; node && names.length < MAX_SOURCE_CHAIN_DEPTH; node = node.rest) names.push(node.name);
  return names;
}

/** `a → b → c`, shortened in the middle for very long chains. */
function describeChain(first: string, tail: Tail): string {
  const names = [first];
  let node: Tail | null = tail;
  while (node && names.length < 5) {
    names.push(node.name);
    node = node.rest;
  }
  if (node) names.push('…', tail.last);
  return names.join(' → ');
}

const LAZY_CHAIN_LENGTH = 64;

/** The profile's `sourceChain`: a very long one is built on first read from the shared tail. */
function attachChain(profile: ResolvedProfile, tail: Tail | null): ResolvedProfile {
  if (!tail || tail.length <= LAZY_CHAIN_LENGTH) {
    profile.sourceChain = chainArray(tail);
    return profile;
  }
  let chain: string[] | null = null;
  return Object.defineProperty(profile, 'sourceChain', {
    enumerable: true,
    get: () => (chain ??= chainArray(tail)),
    set: (value: string[]) => {
      chain = value;
    },
  });
}

export function resolveProfiles(drafts: readonly ProfileDraft[], context: ResolveContext): ResolvedProfile[] {
  const byName = new Map<string, ProfileDraft>();
  for (const draft of drafts) byName.set(draft.name, draft);
  const types = new Map<string, ProfileType>();
  const own = new Map<string, Finding[]>();
  for (const draft of drafts) {
    const type = classifyProfile(draft.values, draft.name);
    types.set(draft.name, type);
    own.set(draft.name, ownProblems(draft, type, context));
  }
  const tails = new Map<string, Tail>();
  hintBudget = 20;

  // botocore, _resolve_credentials_from_profile: static keys win, then a profile without role_arn
  // must give credentials by itself, else the role is assumed from its own source (role chaining).
  const hop = (name: string): Hop => {
    const draft = byName.get(name)!;
    const firstError = own.get(name)!.find((p) => p.severity === 'error');
    // The root cause in the user's language when the finding has its phrase.
    const firstWords = firstError && (firstError.wording?.message ?? firstError.message);
    if (hasStaticKeys(draft.values)) {
      if (draft.values.has('aws_access_key_id') && draft.values.has('aws_secret_access_key')) return END;
      return { kind: 'broken', message: firstWords ?? phrase('chain.partialKeys', { profile: name }) };
    }
    if (!isRoleProfile(draft.values)) {
      if (types.get(name) === 'none') return { kind: 'broken', message: phrase('chain.sourceNeedsCredentials', { profile: name }) };
      return firstWords ? { kind: 'broken', message: firstWords } : END;
    }
    if (firstWords) return { kind: 'broken', message: firstWords };
    const source = draft.values.get('source_profile');
    if (!source) return END; // credential_source: the chain starts outside the files
    if (!byName.has(source.value)) {
      return { kind: 'broken', message: phrase('doctor.at', { at: where(source), text: phrase('chain.sourceMissing', { source: source.value, profile: name }) }) };
    }
    return { kind: 'next', to: source.value };
  };

  const tailOf = (start: string): Tail => {
    const known = tails.get(start);
    if (known) return known;
    const path: string[] = [start];
    const onPath = new Set(path);
    let after: Tail | null = null;
    let broken: Phrase | string | null = null;
    let cycle = false;
    for (;;) {
      const current = path[path.length - 1];
      const step = hop(current);
      if (step.kind === 'broken') broken = step.message;
      if (step.kind !== 'next') break;
      if (onPath.has(step.to)) {
        const loop = [...path.slice(path.indexOf(step.to)), step.to];
        const shown = loop.length > 6 ? [...loop.slice(0, 3), '…', ...loop.slice(-2)] : loop;
        broken = phrase('doctor.sourceChainLoops', { chain: shown.join(' → ') });
        cycle = true;
        break;
      }
      const memo = tails.get(step.to);
      if (memo) {
        after = memo;
        break;
      }
      path.push(step.to);
      onPath.add(step.to);
    }
    if (after) ({ broken, cycle } = after);
    for (let i = path.length - 1; i >= 0; i--) {
      const node: Tail = { name: path[i], rest: after, last: after ? after.last : path[i], length: after ? after.length + 1 : 1, broken, cycle };
      tails.set(path[i], node);
      after = node;
    }
    return after!;
  };

  return drafts.map((draft): ResolvedProfile => {
    const { name, values } = draft;
    const type = types.get(name)!;
    // The profile's own findings, copied only when a chain finding joins them (most profiles get none).
    const ownFindings = own.get(name)!;
    let problems = ownFindings;
    const addProblem = (problem: Finding): void => {
      if (problems === ownFindings) problems = [...ownFindings];
      problems.push(problem);
    };
    let tail: Tail | null = null;
    let self = false;
    const source = values.get('source_profile');
    if (type === 'role' && source && !values.has('credential_source')) {
      if (source.value === name) {
        if (hasStaticKeys(values)) self = true;
        else addProblem(finding(name, 'source-profile-cycle', 'error', phrase('doctor.sourceProfileSelf', { profile: name }), phrase('doctor.sourceProfileSelf.fix'), source));
      } else if (!byName.has(source.value)) {
        addProblem(finding(name, 'source-profile-missing', 'error', phrase('doctor.sourceProfileMissing', { source: source.value, profile: name, hint: closeMatchHint(source.value, byName) }), missingSourceFix(source), source));
      } else {
        tail = tailOf(source.value);
        // The walk from here starts with this profile visited: ending back on it is a loop too.
        if (tail.last === name && !tail.broken) {
          addProblem(finding(name, 'source-profile-cycle', 'error', phrase('doctor.sourceChainLoops', { chain: describeChain(name, tail) }), phrase('doctor.sourceChainLoops.fix'), source));
        } else if (tail.broken) {
          addProblem(finding(name, tail.cycle ? 'source-profile-cycle' : 'source-chain-broken', 'error', phrase('doctor.sourceChainBroken', { chain: describeChain(name, tail), reason: tail.broken }), fixOfBrokenChain(tail, byName), source));
        } else if (tail.length > MAX_SOURCE_CHAIN_DEPTH) {
          addProblem(finding(name, 'source-chain-too-deep', 'error', phrase('doctor.sourceChainTooDeep', { chain: describeChain(name, tail), length: tail.length, max: MAX_SOURCE_CHAIN_DEPTH }), phrase('doctor.sourceChainTooDeep.fix', { header: headerOf(name, source), at: where(source) }), source));
        }
      }
    }
    const profile: ResolvedProfile = {
      name,
      type,
      region: values.get('region') ?? null,
      sourceChain: self ? [name] : [],
      role: roleSettings(values),
      values,
      subSections: draft.subSections,
      definedIn: draft.definedIn,
      problems,
    };
    return self ? profile : attachChain(profile, tail);
  });
}

const INLINE_COMMENT = /\s[#;]/;

/** botocore keeps ` # note` after a value as part of it, so the fix for such a name is removing the comment. */
function missingSourceFix(source: ConfigValue): Phrase {
  const comment = INLINE_COMMENT.exec(source.value);
  if (comment) {
    const meant = source.value.slice(0, comment.index).trim();
    return phrase('doctor.sourceProfileMissing.commentFix', { at: where(source), meant });
  }
  return phrase('doctor.sourceProfileMissing.addFix', { name: firstLine(source.value), at: where(source) });
}

/** The fix for a chain that gives no credentials, naming the profile where it breaks and where it stands. */
function fixOfBrokenChain(tail: Tail, byName: ReadonlyMap<string, ProfileDraft>): Phrase {
  const last = byName.get(tail.last);
  const at = last?.definedIn[0];
  const place = at
    ? phrase('doctor.chainPlace.header', { header: headerAsWritten(tail.last, at.fileKind), at: `${at.file}:${at.line}` })
    : phrase('doctor.chainPlace.profile', { profile: tail.last });
  return phrase(tail.cycle ? 'doctor.sourceChainBroken.cycleFix' : 'doctor.sourceChainBroken.endFix', { place });
}

/** Edit distance, for "did you mean" hints on profile names. */
export function editDistance(a: string, b: string): number {
  const row = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    let diagonal = row[0];
    row[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const above = row[j];
      row[j] = Math.min(row[j] + 1, row[j - 1] + 1, diagonal + (a[i - 1] === b[j - 1] ? 0 : 1));
      diagonal = above;
    }
  }
  return row[b.length];
}

/** Names close to `wanted` (typos, case, prefixes), closest first. */
export function closeMatches(wanted: string, names: Iterable<string>, limit = 3): string[] {
  const lower = wanted.toLowerCase();
  const scored: Array<[string, number]> = [];
  for (const name of names) {
    const candidate = name.toLowerCase();
    let score = editDistance(lower, candidate);
    if (candidate.includes(lower) || lower.includes(candidate)) score = Math.min(score, 1);
    if (score <= Math.max(2, Math.floor(wanted.length / 3))) scored.push([name, score]);
  }
  return scored.sort((x, y) => x[1] - y[1] || x[0].localeCompare(y[0])).slice(0, limit).map(([name]) => name);
}

let hintBudget = 0;

/** A "did you mean" suffix; edit distances are costly, so only the first few per resolve get one. */
function closeMatchHint(wanted: string, byName: ReadonlyMap<string, unknown>): Phrase | '' {
  if (hintBudget <= 0 || byName.size > 5000) return '';
  hintBudget--;
  const matches = closeMatches(wanted, byName.keys());
  return matches.length > 0 ? phrase('doctor.sourceProfileMissing.hint', { names: matches.map((m) => `"${m}"`).join(', ') }) : '';
}
