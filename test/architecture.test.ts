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
  const text = readFileSync(file, 'utf8');
  const specifiers: string[] = [];
  const pattern = /(?:import|export)\s[^'"]*?from\s+['"]([^'"]+)['"]|import\(\s*['"]([^'"]+)['"]\s*\)|require\(\s*['"]([^'"]+)['"]\s*\)/g;
  for (const match of text.matchAll(pattern)) specifiers.push(match[1] ?? match[2] ?? match[3]);
  return specifiers;
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
