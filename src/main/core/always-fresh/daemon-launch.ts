// The shapes `setup daemon` works with, shared by the per-platform files of daemon-autostart.
import { existsSync } from 'node:fs';
import type { AwsEnvironment } from '../model/aws-environment';
import { findOnPath } from '../aws-config/credential-process-command';
import { phrase, type Phrase } from '../../../shared/i18n';
import { WordedError } from '../model/worded-error';

/** What the login manager runs: the program and its arguments, and the variables it sets. */
export interface DaemonLaunch {
  argv: string[];
  environment: Array<[string, string]>;
}

/** One command `setup daemon` runs; one that may fail clears something that may not be there. */
export interface AutostartStep {
  argv: string[];
  mayFail?: boolean;
}

export interface DaemonAutostart {
  readonly platform: NodeJS.Platform;
  /** In words, for the output: "systemd user unit". */
  readonly mechanism: Phrase;
  /** Where the unit, agent or task definition is written. */
  file(environment: AwsEnvironment): string;
  /** The file's text; throws UnwritableLaunchError for a value the format cannot carry. */
  render(launch: DaemonLaunch, environment: AwsEnvironment): string;
  /** Folders the login manager needs and does not create (launchd's log folder). */
  foldersToCreate?(environment: AwsEnvironment): string[];
  /** The file's bytes (Task Scheduler reads UTF-16); UTF-8 when absent. */
  encode?(text: string): Uint8Array;
  /** The commands that register the written file and start the daemon now. */
  install(file: string, environment: AwsEnvironment): AutostartStep[];
  /** The commands that stop the daemon and unregister it, before the file is removed. */
  uninstall(file: string, environment: AwsEnvironment): AutostartStep[];
  /** Why the commands cannot run here (no user manager, no launchctl); null when they can. */
  unreachable(environment: AwsEnvironment): Phrase | null;
  /** Variables the daemon does not get from the login manager, so they must be in the file (or warned about). */
  readonly carriesEnvironment: boolean;
}

export class UnwritableLaunchError extends WordedError {
  constructor(format: Phrase, value: string, why: Phrase) {
    super(phrase('engine.unwritable', { value: JSON.stringify(value), format, why }), 'unwritable-launch');
    this.name = 'UnwritableLaunchError';
  }
}

export function programOnPath(name: string, environment: AwsEnvironment): string | null {
  return findOnPath(name, environment.env, environment.platform);
}

export function exists(file: string): boolean {
  return existsSync(file);
}

/** Text for XML (a plist <string>, a task's <Command>): XML-escaped; XML 1.0 cannot carry most control characters at all. */
export function xmlText(value: string, format: Phrase): string {
  // eslint-disable-next-line no-control-regex
  if (/[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]/.test(value)) throw new UnwritableLaunchError(format, value, phrase('engine.why.xmlControl'));
  return value.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&apos;');
}
