// Start at login on Linux: an XDG autostart `.desktop` file in $XDG_CONFIG_HOME/autostart, written
// and removed atomically, started with `--hidden` so a login start shows no window.
import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import type { EnvVars } from '../model/aws-environment';

export const HIDDEN_ARG = '--hidden';
export const AUTOSTART_FILE_NAME = 'rolekeeper.desktop';

export interface LinuxAutostartOptions {
  env: EnvVars;
  homeDir: string;
  /** The program to start: the AppImage ($APPIMAGE) or the installed binary. */
  executable: string;
  /** Arguments before `--hidden` (the app folder when run from source). */
  args?: string[];
}

export function autostartDir(env: EnvVars, homeDir: string): string {
  // The XDG spec says a relative XDG_CONFIG_HOME is invalid and must be ignored.
  const configHome = env.XDG_CONFIG_HOME && path.isAbsolute(env.XDG_CONFIG_HOME) ? env.XDG_CONFIG_HOME : path.join(homeDir, '.config');
  return path.join(configHome, 'autostart');
}

export function autostartFile(options: Pick<LinuxAutostartOptions, 'env' | 'homeDir'>): string {
  return path.join(autostartDir(options.env, options.homeDir), AUTOSTART_FILE_NAME);
}

/**
 * Quotes one Exec argument as the Desktop Entry spec asks (then escapes for the string type).
 * Throws on a control character: a line break would end the Exec line and start a new key.
 */
export function quoteExecArg(arg: string): string {
  if (/[\u0000-\u001f\u007f]/.test(arg)) {
    throw new Error(`cannot write ${JSON.stringify(arg)} into the autostart Exec line: it contains a control character (a line break or tab); move the program to a path without one`);
  }
  if (!/[\s"'\\><~|&;$*?#()`%=]/.test(arg) && arg !== '') return arg;
  const quoted = `"${arg.replace(/(["`$\\])/g, '\\$1')}"`;
  // A literal % must be doubled; the .desktop string escaping doubles every backslash again.
  return quoted.replace(/%/g, '%%').replace(/\\/g, '\\\\');
}

export function execLine(options: Pick<LinuxAutostartOptions, 'executable' | 'args'>): string {
  return [options.executable, ...(options.args ?? []), HIDDEN_ARG].map(quoteExecArg).join(' ');
}

export function desktopEntry(options: Pick<LinuxAutostartOptions, 'executable' | 'args'>): string {
  return [
    '[Desktop Entry]',
    'Type=Application',
    'Version=1.0',
    'Name=Rolekeeper',
    'Comment=Keeps AWS IAM role credentials fresh',
    `Exec=${execLine(options)}`,
    'Icon=rolekeeper',
    'Terminal=false',
    'Categories=Utility;Development;',
    'X-GNOME-Autostart-enabled=true',
    '',
  ].join('\n');
}

async function writeAtomically(file: string, content: string): Promise<void> {
  await fs.mkdir(path.dirname(file), { recursive: true });
  const temp = `${file}.${process.pid}.${Date.now()}.tmp`;
  try {
    await fs.writeFile(temp, content, { mode: 0o644 });
    await fs.rename(temp, file);
  } catch (error) {
    await fs.rm(temp, { force: true });
    throw error;
  }
}

export async function enableLinuxAutostart(options: LinuxAutostartOptions): Promise<string> {
  const file = autostartFile(options);
  await writeAtomically(file, desktopEntry(options));
  return file;
}

export async function disableLinuxAutostart(options: Pick<LinuxAutostartOptions, 'env' | 'homeDir'>): Promise<void> {
  const file = autostartFile(options);
  // Rename first so no session manager ever reads a half-removed file; then delete.
  const doomed = `${file}.${process.pid}.${Date.now()}.removed`;
  try {
    await fs.rename(file, doomed);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return;
    throw error;
  }
  await fs.rm(doomed, { force: true });
}

function desktopValue(content: string, key: string): string | null {
  let inEntry = false;
  for (const raw of content.split(/\r?\n/)) {
    const line = raw.trim();
    if (line.startsWith('[')) inEntry = line === '[Desktop Entry]';
    else if (inEntry && line.startsWith(`${key}=`)) return line.slice(key.length + 1).trim();
  }
  return null;
}

/** Reads the file back: present, not hidden, not disabled by the desktop, and starting us. */
export async function isLinuxAutostartEnabled(options: Pick<LinuxAutostartOptions, 'env' | 'homeDir'>): Promise<boolean> {
  let content: string;
  try {
    content = await fs.readFile(autostartFile(options), 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return false;
    throw error;
  }
  if (desktopValue(content, 'Hidden') === 'true') return false;
  if (desktopValue(content, 'X-GNOME-Autostart-enabled') === 'false') return false;
  const exec = desktopValue(content, 'Exec');
  return exec !== null && exec.length > 0;
}
