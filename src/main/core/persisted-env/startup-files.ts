// Credential variables assigned in the files shells and sessions read at start (~/.bashrc,
// ~/.zshrc, fish's config and universal variables, environment.d): each line found, by file and
// line, so doctor can name it and `fix` can remove exactly it. Values are never kept.
import { readdirSync, readFileSync } from 'node:fs';
import * as path from 'node:path';
import type { AwsEnvironment } from '../model/aws-environment';
import type { PersistedOrigin } from '../../../shared/repair-steps';

/** How a file assigns variables: as sh does, as fish does, fish's universal variable store, or systemd's KEY=VALUE. */
export type StartupFileSyntax = 'sh' | 'fish' | 'fish-universal' | 'environment.d';

export interface StartupFile {
  file: string;
  syntax: StartupFileSyntax;
}

const VALUE = `(?:"[^"\\n]*"|'[^'\\n]*'|[^\\s;&|#'"\`$()]*)`;
const TRAILER = '[ \\t]*(?:#.*)?$';

function escaped(name: string): string {
  return name.replace(/[^A-Za-z0-9_]/g, '');
}

/**
 * The pattern of a line that does nothing but assign `name` (with at most a comment): lines that
 * do more are left alone, since removing them would remove more than the credential.
 */
export function assignmentPattern(syntax: StartupFileSyntax, name: string): RegExp {
  const variable = escaped(name);
  switch (syntax) {
    case 'sh':
      return new RegExp(`^[ \\t]*(?:export[ \\t]+)?${variable}=${VALUE}${TRAILER}`);
    case 'fish':
      // `set -gx NAME value`, `set -Ux NAME value`, `set --export NAME value`, or fish's `export NAME=value`.
      return new RegExp(
        `^[ \\t]*(?:set[ \\t]+(?:-[A-Za-z]*x[A-Za-z]*|-[A-Za-z]+[ \\t]+-x|--export(?:[ \\t]+--[a-z]+)*|--[a-z]+[ \\t]+--export)[ \\t]+${variable}(?:[ \\t]+${VALUE})*|export[ \\t]+${variable}=${VALUE})${TRAILER}`,
      );
    case 'fish-universal':
      return new RegExp(`^SETUVAR[ \\t]+--export[ \\t]+${variable}:`);
    case 'environment.d':
      return new RegExp(`^[ \\t]*${variable}=`);
  }
}

function listed(dir: string, suffix: string): string[] {
  try {
    return readdirSync(dir)
      .filter((name) => name.endsWith(suffix))
      .sort()
      .map((name) => path.join(dir, name));
  } catch {
    return [];
  }
}

/** Every startup file a shell or the session reads for this user, that Rolekeeper may look at. */
export function startupFiles(environment: AwsEnvironment): StartupFile[] {
  const env = environment.env;
  const home = env.HOME ?? env.USERPROFILE;
  if (!home) return [];
  const config = env.XDG_CONFIG_HOME && path.isAbsolute(env.XDG_CONFIG_HOME) ? env.XDG_CONFIG_HOME : path.join(home, '.config');
  const zdot = env.ZDOTDIR && path.isAbsolute(env.ZDOTDIR) ? env.ZDOTDIR : home;
  const sh = (file: string): StartupFile => ({ file, syntax: 'sh' });
  const fishDir = path.join(config, 'fish');
  return [
    ...['.bashrc', '.bash_profile', '.bash_login', '.profile'].map((name) => sh(path.join(home, name))),
    ...['.zshenv', '.zprofile', '.zshrc', '.zlogin'].map((name) => sh(path.join(zdot, name))),
    { file: path.join(fishDir, 'config.fish'), syntax: 'fish' },
    ...listed(path.join(fishDir, 'conf.d'), '.fish').map((file): StartupFile => ({ file, syntax: 'fish' })),
    { file: path.join(fishDir, 'fish_variables'), syntax: 'fish-universal' },
    ...listed(path.join(config, 'environment.d'), '.conf').map((file): StartupFile => ({ file, syntax: 'environment.d' })),
  ];
}

/** Lines split with their terminators kept, so joining them gives back every byte. */
export function splitKeepingEnds(text: string): string[] {
  return text.match(/[^\r\n]*(?:\r\n|\n|\r)|[^\r\n]+$/g) ?? [];
}

function withoutEnd(line: string): string {
  return line.replace(/(?:\r\n|\n|\r)$/, '');
}

/** The assignments of `variables` in one file's text (1-based lines). */
export function assignmentsIn(text: string, startup: StartupFile, variables: readonly string[]): PersistedOrigin[] {
  const found: PersistedOrigin[] = [];
  const patterns = variables.map((variable) => ({ variable, pattern: assignmentPattern(startup.syntax, variable) }));
  splitKeepingEnds(text).forEach((raw, index) => {
    const line = withoutEnd(raw);
    for (const { variable, pattern } of patterns) {
      if (pattern.test(line)) found.push({ kind: 'file', variable, file: startup.file, line: index + 1 });
    }
  });
  return found;
}

export function findStartupFileAssignments(environment: AwsEnvironment, variables: readonly string[]): PersistedOrigin[] {
  const found: PersistedOrigin[] = [];
  for (const startup of startupFiles(environment)) {
    let text: string;
    try {
      text = readFileSync(startup.file, 'utf8');
    } catch {
      continue;
    }
    found.push(...assignmentsIn(text, startup, variables));
  }
  return found;
}

/**
 * `text` without the given lines (1-based), each removed only when it still assigns its variable:
 * every other byte stays as it was.
 */
export function removeAssignmentLines(text: string, syntax: StartupFileSyntax, lines: ReadonlyArray<{ line: number; variable: string }>): string {
  const parts = splitKeepingEnds(text);
  const drop = new Set<number>();
  for (const { line, variable } of lines) {
    const raw = parts[line - 1];
    if (raw !== undefined && assignmentPattern(syntax, variable).test(withoutEnd(raw))) drop.add(line - 1);
  }
  return parts.filter((_, index) => !drop.has(index)).join('');
}
