// The layer rule as a test: who may import whom (see the README's layer table).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative, resolve, dirname } from 'node:path';

const root = resolve(__dirname, '..');

function sourceFiles(dir: string): string[] {
  const full = join(root, dir);
  const found: string[] = [];
  let names: string[];
  try {
    names = readdirSync(full);
  } catch {
    return found;
  }
  for (const name of names) {
    const path = join(full, name);
    if (statSync(path).isDirectory()) found.push(...sourceFiles(relative(root, path)));
    else if (/\.(ts|tsx|mts|js)$/.test(name)) found.push(path);
  }
  return found;
}

function importsOf(file: string): string[] {
  return importStatements(file).map((found) => found.specifier);
}

/** Every import of a file, and whether it is erased at compile time (`import type`, or only `type` names). */
function importStatements(file: string): Array<{ specifier: string; typeOnly: boolean }> {
  const text = readFileSync(file, 'utf8');
  const found: Array<{ specifier: string; typeOnly: boolean }> = [];
  const pattern = /(?:import|export)\s([^'"]*?)from\s+['"]([^'"]+)['"]|(typeof\s+)?import\(\s*['"]([^'"]+)['"]\s*\)|require\(\s*['"]([^'"]+)['"]\s*\)/g;
  for (const match of text.matchAll(pattern)) {
    if (match[2] !== undefined) found.push({ specifier: match[2], typeOnly: typeOnlyClause(match[1]) });
    else if (match[4] !== undefined) found.push({ specifier: match[4], typeOnly: match[3] !== undefined });
    else found.push({ specifier: match[5], typeOnly: false });
  }
  return found;
}

/** `type { A }`, or `{ type A, type B }`: names the compiler erases. */
function typeOnlyClause(clause: string): boolean {
  const trimmed = clause.trim();
  if (/^type\s/.test(trimmed)) return true;
  const braces = /^\{([^}]*)\}$/.exec(trimmed);
  if (!braces) return false;
  const names = braces[1].split(',').map((name) => name.trim()).filter((name) => name.length > 0);
  return names.length > 0 && names.every((name) => /^type\s/.test(name));
}

function layerOf(file: string, specifier: string): string {
  if (!specifier.startsWith('.')) return specifier;
  return relative(root, resolve(dirname(file), specifier));
}

const rules: Array<{ folder: string; forbidden: (target: string) => boolean; why: string }> = [
  {
    folder: 'src/shared',
    forbidden: (target) => target === 'electron' || target.startsWith('node:') || (target.startsWith('src/') && !target.startsWith('src/shared')),
    why: 'src/shared runs anywhere and imports nothing but itself',
  },
  {
    folder: 'src/main/core',
    forbidden: (target) => target === 'electron' || target.startsWith('electron/') || /^src\/(main\/(cli|electron)|renderer|preload)/.test(target),
    why: 'the engine is plain Node: never electron, never an adapter',
  },
  {
    folder: 'src/main/cli',
    forbidden: (target) => target === 'electron' || /^src\/(main\/electron|renderer|preload)/.test(target),
    why: 'the CLI adapter runs without Electron',
  },
  {
    folder: 'src/renderer',
    forbidden: (target) => target === 'electron' || target.startsWith('node:') || /^src\/(main|preload)/.test(target),
    why: 'the renderer is a sandboxed page: the DOM and src/shared only',
  },
];

for (const rule of rules) {
  test(`files in ${rule.folder} import only what their layer allows`, () => {
    const violations: string[] = [];
    for (const file of sourceFiles(rule.folder)) {
      for (const specifier of importsOf(file)) {
        if (rule.forbidden(layerOf(file, specifier))) violations.push(`${relative(root, file)} imports ${specifier}`);
      }
    }
    assert.deepEqual(violations, [], rule.why);
  });
}

// The service is the only door (issue 20): the CLI and the tray word and wire, the engine decides.
// At runtime they reach the engine only through src/main/core/service (types may come from anywhere).
const ENGINE_DOORS: Record<string, { doors: RegExp; why: string }> = {
  'src/main/cli': { doors: /^src\/main\/core\/service\//, why: 'the CLI runs engine operations through the service only' },
  // core/tray holds the tray's decisions as plain functions over the service's answers (the menu,
  // notification policy, IPC handler table): the layer table names it as the tray's own part of the engine.
  'src/main/electron': { doors: /^src\/main\/core\/(service|tray)\//, why: 'the tray runs engine operations through the service (and its decisions in core/tray) only' },
};

/**
 * The warm fast paths exist so that `credential_process` with a fresh cache never loads the service
 * or the AWS SDK (their speed is measured in `npm run bench`): these exact imports stay allowed.
 */
const FAST_PATH_IMPORTS: Record<string, string[]> = {
  'src/main/cli/credential-process-entry.ts': ['src/main/core/model/aws-environment', 'src/main/core/caches/process-cache', 'src/main/core/model/validity-margins'],
  'src/main/cli/credential-process-refresh.ts': ['src/main/core/files/file-lock', 'src/main/core/caches/process-cache', 'src/main/core/sinks/process-cache'],
};

function engineDoorViolations(folder: string): string[] {
  const { doors } = ENGINE_DOORS[folder];
  const violations: string[] = [];
  for (const file of sourceFiles(folder)) {
    const name = relative(root, file);
    for (const { specifier, typeOnly } of importStatements(file)) {
      const target = layerOf(file, specifier);
      if (typeOnly || !target.startsWith('src/main/core/') || doors.test(target)) continue;
      if (FAST_PATH_IMPORTS[name]?.includes(target)) continue;
      violations.push(`${name} imports ${specifier}`);
    }
  }
  return violations;
}

for (const [folder, { why }] of Object.entries(ENGINE_DOORS)) {
  test(`files in ${folder} reach the engine at runtime only through the service`, () => {
    assert.deepEqual(engineDoorViolations(folder), [], why);
  });
}

test("the service's collaborators are reached only inside core/service (service-parts.ts)", () => {
  const reachers = [...sourceFiles('src'), ...sourceFiles('bench'), ...sourceFiles('test')]
    .filter((file) => !relative(root, file).startsWith('src/main/core/service/') && file !== __filename)
    .filter((file) => importsOf(file).some((specifier) => layerOf(file, specifier) === 'src/main/core/service/service-parts'))
    .map((file) => relative(root, file));
  assert.deepEqual(reachers, []);
});

test('the door rule sees a runtime import of an engine file and lets type-only imports pass', () => {
  assert.equal(typeOnlyClause('type { A } '), true);
  assert.equal(typeOnlyClause('{ type A, type B } '), true);
  assert.equal(typeOnlyClause('{ A, type B } '), false);
  assert.equal(typeOnlyClause('* as path '), false);
  const sample = join(root, 'test', 'architecture.test.ts');
  assert.ok(importStatements(sample).some((found) => found.specifier === 'node:fs' && !found.typeOnly));
});

test('errors are told apart by the typed kind of the one error root, never by reading an untyped kind', () => {
  // RolekeeperError (src/main/core/model/rolekeeper-error.ts) carries `kind: ErrorKind`: `instanceof` and a switch.
  const handRead = /'kind' in error|as \{ kind\??: unknown|typeof [\w.?]*\.kind === 'string'/;
  const readers = sourceFiles('src').filter((file) => handRead.test(readFileSync(file, 'utf8'))).map((file) => relative(root, file));
  assert.deepEqual(readers, []);
});

test('only the Electron adapter and the preload import electron', () => {
  const importers = [...sourceFiles('src'), ...sourceFiles('bin')]
    .filter((file) => importsOf(file).some((s) => s === 'electron'))
    .map((file) => relative(root, file));
  for (const file of importers) assert.match(file, /^src\/(main\/electron|preload)\//);
});

test('the import scanner finds the imports of a known file', () => {
  // Guards the guard: a scanner that matched nothing would pass every rule above.
  const sample = join(root, 'test', 'architecture.test.ts');
  assert.ok(importsOf(sample).includes('node:test'));
});

test('tests mirror the engine: one test folder per src/main/core folder, no test file loose in test/core', () => {
  const folders = (dir: string): string[] => readdirSync(join(root, dir)).filter((name) => statSync(join(root, dir, name)).isDirectory()).sort();
  const engine = folders('src/main/core');
  const tests = folders('test/core');
  assert.deepEqual(engine.filter((folder) => !tests.includes(folder)), [], 'engine folders without tests');
  assert.deepEqual(tests.filter((folder) => !engine.includes(folder)), [], 'test folders with no engine folder');
  assert.deepEqual(readdirSync(join(root, 'test/core')).filter((name) => name.endsWith('.ts')), []);
});
