// `setup credential-process` (a profile whose credential_process is Rolekeeper) and `setup daemon`
// (the login manager starts the daemon): what each writes and runs, and why it was refused, as data.
// Operations over the service, kept out of its own module so the per-platform autostart code is
// loaded only by the commands that set something up (the warm paths load the service).
import { spawnSync } from 'node:child_process';
import { existsSync, rmSync } from 'node:fs';
import { dirname } from 'node:path';
import type { AwsEnvironment } from '../model/aws-environment';
import { rolekeeperDataDir } from '../model/aws-environment';
import type { RolekeeperService } from './rolekeeper-service';
import { setupCredentialProcessCommand, rolekeeperCommand } from '../aws-config/credential-process-command';
import { changeStore, readStore } from '../credentials/rolekeeper-store';
import { editSection, readSection } from '../files/ini-editor';
import { updateFile } from '../files/safe-file-update';
import { writeFileAtomic } from '../files/atomic-file';
import { makePrivateFolder } from '../files/private-folder';
import { daemonAutostartFor, daemonLaunch, FILE_CHOOSING_VARIABLES, type AutostartStep } from '../always-fresh/daemon-autostart';
import { quoteNameForAnyShell } from '../shell/any-shell';
import type { Phrase } from '../../../shared/i18n';

/** A launch the login manager's file cannot hold (`setup daemon` says why). */
export { UnwritableLaunchError } from '../always-fresh/daemon-autostart';

export type CredentialProcessSetup =
  /** `--as` names the profile itself, or is no name a section header can hold (usage mistakes). */
  | { kind: 'as-same' }
  | { kind: 'as-bad'; name: string }
  | { kind: 'not-found' }
  | { kind: 'wrong-type'; type: string }
  /** The new name is a profile already (`file`: the one that has the section, when found while writing). */
  | { kind: 'exists'; profile: string; file: string | null }
  | { kind: 'added'; profile: string; file: string; line: string; absoluteReason: Phrase | null };

class SectionExists extends Error {}

/** Appends `[profile NEW]` with `credential_process = <rolekeeper> credential-process NAME` and keeps NAME fresh. */
export async function setupCredentialProcess(service: RolekeeperService, name: string, as?: string): Promise<CredentialProcessSetup> {
  const outcome = await addCredentialProcessProfile(service.environment, service, name, as);
  if (outcome.kind === 'added') service.reload();
  return outcome;
}

async function addCredentialProcessProfile(environment: AwsEnvironment, service: RolekeeperService, name: string, as?: string): Promise<CredentialProcessSetup> {
  const profiles = service.profiles();
  const newName = as ?? `${name}-rk`;
  if (newName === name) return { kind: 'as-same' };
  if (!/^[^\s[\]]+$/.test(newName)) return { kind: 'as-bad', name: newName };
  const store = readStore(environment);
  const profile = profiles.get(name);
  if (!profile && !store.managed[name]) return { kind: 'not-found' };
  if (!store.managed[name] && profile?.type !== 'role' && profile?.type !== 'sso') return { kind: 'wrong-type', type: String(profile?.type) };
  if (profiles.get(newName)) return { kind: 'exists', profile: newName, file: null };

  const command = setupCredentialProcessCommand(name, { env: environment.env, platform: environment.platform });
  const set: Array<[string, string]> = [['credential_process', command.line]];
  const region = store.managed[name]?.region ?? profile?.region?.value;
  if (region) set.push(['region', region]);
  const file = profiles.paths.configFile;
  const target = { profile: newName, fileKind: 'config' as const };
  try {
    await updateFile(
      file,
      (current) => {
        const text = current ?? '';
        if (readSection(text, target, { fileName: file }) !== null) throw new SectionExists();
        return editSection(text, target, { set, createSection: true }, { fileName: file });
      },
      { dataDir: rolekeeperDataDir(environment) },
    );
  } catch (error) {
    if (error instanceof SectionExists) return { kind: 'exists', profile: newName, file };
    throw error;
  }
  if (!store.managed[name]) {
    await changeStore(environment, (data) => {
      data.kept = [...new Set([...data.kept, name])];
    });
  }
  return { kind: 'added', profile: newName, file, line: command.line, absoluteReason: command.absoluteReason };
}

/** Commands the person can run instead, typed as for a shell of the platform. */
export interface PrintedSteps {
  why: Phrase;
  steps: string[];
}

export type DaemonSetup =
  | { kind: 'unknown-platform'; platform: NodeJS.Platform }
  | { kind: 'nothing-to-remove'; file: string }
  | { kind: 'removed'; mechanism: Phrase; file: string; notStopped: PrintedSteps | null }
  | {
      kind: 'installed';
      mechanism: Phrase;
      file: string;
      existed: boolean;
      /** The daemon's launch as the login manager runs it. */
      command: string;
      absoluteReason: Phrase | null;
      /** File-choosing variables set here that the login manager will not pass on. */
      lostVariables: string[];
      /** Not enabled: where the login manager cannot be reached from here. */
      notEnabled: PrintedSteps | null;
      /** The first step that failed, and its message. */
      failed: { step: string; why: string } | null;
    };

/** A step as the person would type it, for a shell of the platform. */
function printedStep(step: AutostartStep, platform: NodeJS.Platform): string {
  return step.argv.map((word) => quoteNameForAnyShell(platform, word)).join(' ');
}

/** Runs the steps in order; the message of the first that fails (one that may fail is skipped), or null. */
function runSteps(steps: AutostartStep[], environment: AwsEnvironment): { step: AutostartStep; why: string } | null {
  for (const step of steps) {
    const [program, ...args] = step.argv;
    const result = spawnSync(program, args, { env: environment.env, encoding: 'utf8', timeout: 60_000 });
    if (result.status === 0 || step.mayFail) continue;
    const output = `${result.stderr ?? ''}\n${result.stdout ?? ''}`.split('\n').map((line) => line.trim()).find((line) => line !== '');
    const why = result.error ? result.error.message : output ?? `exit ${result.status ?? result.signal}`;
    return { step, why };
  }
  return null;
}

/** Writes and enables (or removes) the login manager's entry that starts `rolekeeper daemon`. */
export async function setupDaemon(service: RolekeeperService, remove: boolean): Promise<DaemonSetup> {
  const environment = service.environment;
  const platform = environment.platform;
  const autostart = daemonAutostartFor(platform);
  if (!autostart) return { kind: 'unknown-platform', platform };
  const file = autostart.file(environment);
  const unreachable = autostart.unreachable(environment);
  const printed = (steps: AutostartStep[]): string[] => steps.map((step) => printedStep(step, platform));

  if (remove) {
    if (!existsSync(file)) return { kind: 'nothing-to-remove', file };
    const steps = autostart.uninstall(file, environment);
    if (unreachable === null) runSteps(steps, environment);
    rmSync(file, { force: true });
    return { kind: 'removed', mechanism: autostart.mechanism, file, notStopped: unreachable === null ? null : { why: unreachable, steps: printed(steps) } };
  }

  const command = rolekeeperCommand({ env: environment.env, platform });
  const launch = daemonLaunch(command.argv, environment.env);
  // An UnwritableLaunchError (a launch the login manager's file cannot hold) goes to the face as it is.
  const text = autostart.render(launch, environment);
  // Another user who could write here could add units or agents that run as this user.
  makePrivateFolder(dirname(file));
  for (const folder of autostart.foldersToCreate?.(environment) ?? []) makePrivateFolder(folder);
  const existed = existsSync(file);
  // Not a secret (no key in it); never written through a symlink someone left in its place.
  await writeFileAtomic(file, autostart.encode ? autostart.encode(text) : text, { mode: 0o644, followSymlinks: false });
  const steps = autostart.install(file, environment);
  const failed = unreachable === null ? runSteps(steps, environment) : null;
  return {
    kind: 'installed',
    mechanism: autostart.mechanism,
    file,
    existed,
    command: launch.argv.map((word) => quoteNameForAnyShell(platform, word)).join(' '),
    absoluteReason: command.absoluteReason,
    lostVariables: autostart.carriesEnvironment ? [] : FILE_CHOOSING_VARIABLES.filter((name) => environment.env[name]),
    notEnabled: unreachable === null ? null : { why: unreachable, steps: printed(steps) },
    failed: failed ? { step: printedStep(failed.step, platform), why: failed.why } : null,
  };
}
