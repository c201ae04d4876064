// The `credential_process` line `rolekeeper setup credential-process` writes, and the check that a
// line's program still exists (doctor). A written command must survive: an `npm i -g` link or the
// packaged app's `rolekeeper` on PATH does; a path into a clone breaks when the clone moves.
import { existsSync, readFileSync, realpathSync, statSync } from 'node:fs';
import * as path from 'node:path';
import type { EnvVars } from '../model/aws-environment';
import { shlexSplit } from './ini-parser';
import { phrase, type Phrase } from '../../../shared/i18n';

const POSIX_SAFE = /^[A-Za-z0-9_@%+=:,./-]+$/;

/**
 * Quotes one argument so botocore's split of credential_process gives it back unchanged:
 * shlex.split (POSIX rules) everywhere but Windows, where it follows the MS C runtime's rules.
 */
export function quoteArgument(value: string, platform: NodeJS.Platform): string {
  if (platform === 'win32') {
    if (value !== '' && !/[\s"]/.test(value)) return value;
    // Backslashes are literal except before a quote: double those, and the ones before the closing quote.
    const escaped = value.replace(/(\\*)"/g, '$1$1\\"').replace(/(\\+)$/, '$1$1');
    return `"${escaped}"`;
  }
  if (POSIX_SAFE.test(value)) return value;
  return `'${value.replace(/'/g, `'\\''`)}'`;
}

/** This installation's root: the nearest folder above this file with Rolekeeper's package.json (src/, dist/ and the CLI bundle alike). */
export function installationRoot(from = __dirname): string | null {
  for (let dir = from; ; dir = path.dirname(dir)) {
    try {
      const manifest = JSON.parse(readFileSync(path.join(dir, 'package.json'), 'utf8')) as { name?: string };
      if (manifest.name === 'rolekeeper') return dir;
    } catch {
      // no package.json here: keep climbing
    }
    if (path.dirname(dir) === dir) return null;
  }
}

/** Where this installation's `bin/rolekeeper.js` is. */
export function rolekeeperBinPath(): string {
  return path.join(installationRoot() ?? path.resolve(__dirname, '..', '..', '..', '..'), 'bin', 'rolekeeper.js');
}

function isFile(file: string): boolean {
  try {
    return statSync(file).isFile();
  } catch {
    return false;
  }
}

function realpathOrSelf(file: string): string {
  try {
    return realpathSync(file);
  } catch {
    return file;
  }
}

function pathDirs(env: EnvVars, platform: NodeJS.Platform): string[] {
  const value = env.PATH ?? env.Path ?? '';
  return value.split(platform === 'win32' ? ';' : ':').filter((dir) => dir !== '');
}

function executableNames(name: string, env: EnvVars, platform: NodeJS.Platform): string[] {
  if (platform !== 'win32' || path.extname(name) !== '') return [name];
  const extensions = (env.PATHEXT ?? '.COM;.EXE;.BAT;.CMD').split(';').filter(Boolean);
  return extensions.map((extension) => `${name}${extension.toLowerCase()}`);
}

/** The first file named NAME on PATH (with PATHEXT on Windows), as an absolute path; null when none. */
export function findOnPath(name: string, env: EnvVars, platform: NodeJS.Platform): string | null {
  for (const dir of pathDirs(env, platform)) {
    for (const candidate of executableNames(name, env, platform)) {
      const file = path.join(dir, candidate);
      if (isFile(file)) return file;
    }
  }
  return null;
}

/**
 * Whether a `rolekeeper` found on PATH runs this installation: an npm link or the packaged app's
 * launcher resolving into it, or npm's Windows shim beside `node_modules/rolekeeper`.
 */
function runsThisInstallation(found: string, root: string): boolean {
  const realRoot = realpathOrSelf(root);
  const target = realpathOrSelf(found);
  if (target === path.join(realRoot, 'bin', 'rolekeeper.js') || target.startsWith(realRoot + path.sep)) return true;
  const shimTarget = path.join(path.dirname(found), 'node_modules', 'rolekeeper', 'bin', 'rolekeeper.js');
  return existsSync(shimTarget) && realpathOrSelf(shimTarget) === path.join(realRoot, 'bin', 'rolekeeper.js');
}

export interface SetupCommand {
  /** The whole credential_process value, quoted for botocore's split. */
  line: string;
  /** Why the line runs node with an absolute path instead of the `rolekeeper` on PATH; null when it does not. */
  absoluteReason: Phrase | null;
}

export interface RolekeeperCommand {
  /** The program and the arguments that run this installation's `rolekeeper`, every path absolute. */
  argv: string[];
  /** Why it runs node with an absolute path instead of the `rolekeeper` on PATH; null when it does not. */
  absoluteReason: Phrase | null;
}

/**
 * The command another program (an SDK's credential_process, the login manager starting the daemon)
 * runs this installation by: the `rolekeeper` on PATH, by its absolute path so a process started
 * with another PATH finds it too, when it runs this installation; otherwise node and this
 * installation's bin/rolekeeper.js, with the reason.
 */
export function rolekeeperCommand(options: { env: EnvVars; platform: NodeJS.Platform; node?: string; root?: string | null }): RolekeeperCommand {
  const root = options.root === undefined ? installationRoot() : options.root;
  const onPath = findOnPath('rolekeeper', options.env, options.platform);
  if (onPath && root && runsThisInstallation(onPath, root)) return { argv: [onPath], absoluteReason: null };
  const bin = path.join(root ?? path.resolve(__dirname, '..', '..', '..', '..'), 'bin', 'rolekeeper.js');
  const reason = onPath ? phrase('engine.absolute.otherInstallation', { path: onPath }) : phrase('engine.absolute.noneOnPath');
  return { argv: [options.node ?? process.execPath, bin], absoluteReason: reason };
}

/** The `credential_process` value: rolekeeperCommand's, quoted for botocore's split. */
export function setupCredentialProcessCommand(
  profile: string,
  options: { env: EnvVars; platform: NodeJS.Platform; node?: string; root?: string | null },
): SetupCommand {
  const command = rolekeeperCommand(options);
  const line = [...command.argv, 'credential-process', profile].map((part) => quoteArgument(part, options.platform)).join(' ');
  return { line, absoluteReason: command.absoluteReason };
}

/**
 * The program of a credential_process line that no longer exists: an absolute or relative path
 * that is gone, a bare name not on PATH, or the script node/electron was told to run. null when
 * every part checked exists (or the line cannot be split: a different finding).
 */
export function missingCredentialProcessProgram(commandLine: string, env: EnvVars, platform: NodeJS.Platform): string | null {
  const words = shlexSplit(commandLine);
  if (!words || words.length === 0) return null;
  const [program, ...args] = words;
  const hasDirectory = program.includes('/') || (platform === 'win32' && program.includes('\\'));
  if (hasDirectory ? !isFile(program) : pathDirs(env, platform).length > 0 && findOnPath(program, env, platform) === null) return program;
  const runtime = path.basename(program).replace(/\.exe$/i, '').toLowerCase();
  const script = args.find((arg) => !arg.startsWith('-'));
  if ((runtime === 'node' || runtime === 'nodejs') && script && /\.[cm]?js$/.test(script) && path.isAbsolute(script) && !isFile(script)) return script;
  return null;
}

/** The profile named by `rolekeeper credential-process NAME` (any path to the rolekeeper binary), else null. */
export function rolekeeperProcessProfile(command: string): string | null {
  const words = shlexSplit(command) ?? command.split(/\s+/);
  const at = words.indexOf('credential-process');
  if (at < 1 || at + 1 >= words.length) return null;
  const runner = words.slice(0, at).some((word) => /(^|[\\/])rolekeeper(\.js|\.exe|\.cmd)?$/i.test(word));
  return runner ? words[at + 1] : null;
}

/** node and this installation's bin/rolekeeper.js: the command when no `rolekeeper` on PATH runs this installation. */
export function credentialProcessCommand(profile: string, platform: NodeJS.Platform, node = process.execPath, bin = rolekeeperBinPath()): string {
  return [node, bin, 'credential-process', profile].map((part) => quoteArgument(part, platform)).join(' ');
}
