// What every doctor check reads (the environment, the files, the CLI cache, the clock) and how it
// states a finding: a phrase for what is wrong, and a repair as typed steps plus advice in words.
import type { AwsEnvironment } from '../model/aws-environment';
import type { ConfigValue, ProfileSet, ResolvedProfile } from '../aws-config/profile-model';
import type { CacheView } from '../credentials/credential-state';
import { CREDENTIAL_VARIABLES } from '../credentials/env-export';
import { wordedText, type FixWords } from '../../../shared/finding-wording';
import type { Phrase } from '../../../shared/i18n';
import type { Finding, Severity } from '../../../shared/profile-summary';
import type { PersistedOrigin, RepairStep } from '../../../shared/repair-steps';
import type { FixWriter } from './doctor-fixes';
import type { PasteShell } from '../repair/paste-shell';

/** A repair: the steps, and words for what the steps cannot say (null: the steps say it all). */
export interface Repair {
  steps: RepairStep[];
  advice: FixWords;
}

export function repair(steps: RepairStep[], advice: FixWords = null): Repair {
  return { steps, advice };
}

/** Repairs done one after the other; the last advice given wins. */
export function combined(...repairs: Repair[]): Repair {
  const advice = [...repairs].reverse().find((item) => item.advice !== null)?.advice ?? null;
  return { steps: repairs.flatMap((item) => item.steps), advice };
}

/** Builders of the common steps. */
export const steps = {
  unsetCredentials: (): Repair => repair([{ kind: 'unset-variables', names: [...CREDENTIAL_VARIABLES] }]),
  unset: (names: readonly string[]): Repair => repair([{ kind: 'unset-variables', names: [...names] }]),
  set: (name: string, value: string): Repair => repair([{ kind: 'set-variable', name, value }]),
  removeCacheEntry: (file: string): Repair => repair([{ kind: 'remove-cache-entry', file }]),
  removeFile: (file: string): Repair => repair([{ kind: 'remove-file', file }]),
  refresh: (profile: string): Repair => repair([{ kind: 'refresh-profile', profile }]),
  run: (argv: string[], advice: FixWords = null): Repair => repair([{ kind: 'run-command', argv }], advice),
};

export interface DoctorContext {
  environment: AwsEnvironment;
  env: AwsEnvironment['env'];
  now: Date;
  leadMs: number;
  profiles: ProfileSet;
  cache: CacheView;
  managed: ReadonlySet<string>;
  /** Where credential variables are persisted for new shells (startup files, registry, launchd). */
  persisted: readonly PersistedOrigin[];
  /** The shell the fix lines are written for. */
  paste: PasteShell;
  /** Command text for the few checks still worded around a command line (endpoint-checks.ts). */
  fix: FixWriter;
  /** Whether to look at Rolekeeper's store (not when the caller passed the managed profiles). */
  checkStore: boolean;
}

/** One check: the findings it has about the context. Listed in doctor-checks.ts. */
export interface DoctorCheck {
  readonly id: string;
  run(context: DoctorContext): Finding[];
}

/** A check that looks at each profile on its own. */
export function perProfile(id: string, check: (context: DoctorContext, profile: ResolvedProfile) => Finding[]): DoctorCheck {
  return { id, run: (context) => context.profiles.profiles.flatMap((profile) => check(context, profile)) };
}

function isRepair(value: Repair | FixWords): value is Repair {
  return value !== null && typeof value === 'object' && 'steps' in value;
}

/** A finding; its `fix` command lines are written from the steps once every check ran (doctor.ts). */
export function finding(
  code: string,
  severity: Severity,
  message: Phrase | string,
  fix: Repair | FixWords,
  extra: { profile?: string | null; file?: string; line?: number } = {},
): Finding {
  const given = isRepair(fix) ? fix : repair([], fix);
  const result: Finding = { code, severity, profile: extra.profile ?? null, ...wordedText(message, given.advice), repair: given.steps };
  if (extra.file !== undefined) result.file = extra.file;
  if (extra.line !== undefined) result.line = extra.line;
  return result;
}

export function at(value: ConfigValue): string {
  return `${value.file}:${value.line}`;
}

export function quoteList(names: readonly string[]): string {
  return names.map((name) => `"${name}"`).join(', ');
}

/** The profile the AWS CLI v2 and the SDKs select from the environment (v1 prefers AWS_DEFAULT_PROFILE). */
export function selectedProfileName(env: AwsEnvironment['env']): { name: string; variable: string | null } {
  if (env.AWS_PROFILE) return { name: env.AWS_PROFILE, variable: 'AWS_PROFILE' };
  if (env.AWS_DEFAULT_PROFILE) return { name: env.AWS_DEFAULT_PROFILE, variable: 'AWS_DEFAULT_PROFILE' };
  return { name: 'default', variable: null };
}
