// `rolekeeper doctor`, offline: every cause of "ExpiredToken" and "profile not found" that can
// be told from the environment, the AWS files, the caches and the startup files, each with its
// repair (steps, and the command lines for the paste shell). The checks are listed in
// doctor-checks.ts; STS is asked in doctor-online.ts.
import type { AwsEnvironment } from '../model/aws-environment';
import { managedProfileNames, viewCliCache } from '../credentials/credential-state';
import type { CliCacheScan } from '../caches/cli-cache';
import { fixWriter } from './doctor-fixes';
import { loadProfiles } from '../aws-config/profile-loader';
import type { ProfileSet } from '../aws-config/profile-model';
import { CLI_CACHE_MIN_VALID_MS } from '../model/validity-margins';
import type { Finding, Severity } from '../../../shared/profile-summary';
import type { PersistedOrigin } from '../../../shared/repair-steps';
import type { ShellKind } from '../../../shared/ipc-contract';
import { findPersistedCredentials } from '../persisted-env/persisted-env';
import { pasteShellFor, type PasteShell } from '../repair/paste-shell';
import { commandLines } from '../repair/repair-commands';
import { CHECKS } from './doctor-checks';
import type { DoctorContext } from './doctor-context';

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
  /** Persisted credential variables (found from the environment when absent). */
  persisted?: readonly PersistedOrigin[];
  /** The shell the fix lines are for, when the person named it; else guessed and quoted for any shell. */
  shell?: ShellKind;
}

const SEVERITY_ORDER: Record<Severity, number> = { error: 0, warning: 1, info: 2 };

/** Writes each finding's `fix` from its steps, for the paste shell; findings without steps keep theirs. */
export function withCommandLines(findings: readonly Finding[], paste: PasteShell): Finding[] {
  return findings.map((item) => (item.repair && item.repair.length > 0 ? { ...item, fix: commandLines(item.repair, paste) } : item));
}

export function sortFindings(findings: readonly Finding[]): Finding[] {
  return findings
    .map((item, index) => ({ item, index }))
    .sort((a, b) => SEVERITY_ORDER[a.item.severity] - SEVERITY_ORDER[b.item.severity] || a.index - b.index)
    .map(({ item }) => item);
}

/** Every offline finding, errors first; never throws on a corrupt cache or file. */
export function runDoctor(options: DoctorOptions): Finding[] {
  const profiles = options.profiles ?? loadProfiles(options.environment);
  const paste = pasteShellFor(options.environment, options.shell);
  const context: DoctorContext = {
    environment: options.environment,
    env: options.environment.env,
    now: options.now,
    leadMs: options.leadMs ?? CLI_CACHE_MIN_VALID_MS,
    profiles,
    cache: viewCliCache(profiles, options.cacheScan),
    managed: options.managedProfiles ?? managedProfileNames(options.environment),
    persisted: options.persisted ?? findPersistedCredentials(options.environment),
    paste,
    fix: fixWriter(options.environment, options.shell),
    checkStore: !options.managedProfiles,
  };
  return sortFindings(withCommandLines(CHECKS.flatMap((check) => check.run(context)), paste));
}
