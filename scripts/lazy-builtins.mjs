// An esbuild plugin for the CLI bundles: Node built-ins that only some commands use load on their
// first call instead of at start-up. Each import of one resolves to a stand-in module whose
// functions call the real module's; the names come from the real module at build time. Only
// functions stand in: importing anything else from these modules (a class to extend, a constant)
// fails the build, so nothing silently changes meaning.
import { createRequire } from 'node:module';

/** Built-ins `export` and `list` do not need on a warm run (each costs start-up time when required). */
export const LAZY_BUILTINS = ['crypto', 'http', 'https', 'child_process', 'readline', 'net', 'dgram', 'tty'];

const require = createRequire(import.meta.url);

const IDENTIFIER = /^[A-Za-z_$][\w$]*$/;

function standIn(name) {
  const real = require(`node:${name}`);
  const functions = Object.getOwnPropertyNames(real).filter(
    (key) => key !== 'default' && IDENTIFIER.test(key) && typeof real[key] === 'function',
  );
  return [
    `let real;`,
    `const load = () => (real ??= require('node:${name}'));`,
    ...functions.map((key) => `export function ${key}(...args) { return load().${key}(...args); }`),
  ].join('\n');
}

export function lazyBuiltins(names = LAZY_BUILTINS) {
  const pattern = new RegExp(`^(node:)?(${names.join('|')})$`);
  return {
    name: 'lazy-builtins',
    setup(build) {
      build.onResolve({ filter: pattern }, (args) => {
        // Bundled dependencies too (commander requires child_process for subcommands we never run);
        // the stand-in's own require stays as it is.
        if (args.namespace === 'lazy-builtin') return undefined;
        return { path: args.path.replace(/^node:/, ''), namespace: 'lazy-builtin' };
      });
      build.onLoad({ filter: /.*/, namespace: 'lazy-builtin' }, (args) => ({ contents: standIn(args.path), loader: 'js' }));
    },
  };
}
