// An esbuild plugin for the CLI bundles: `import * as fs from 'node:fs'` would become a copy of
// all the module's properties (esbuild's __toESM, a getter for each of fs's hundred names), a
// measurable part of a warm run's start-up. Here each built-in is a module of one constant per name,
// read once when the bundle loads, and esbuild keeps only the names a bundle uses, so a namespace
// import costs what its used properties cost. Default imports of these modules are not supported
// (none is written).
import { createRequire } from 'node:module';

export const SHARED_BUILTINS = ['fs', 'path', 'os'];

const require = createRequire(import.meta.url);

const IDENTIFIER = /^[A-Za-z_$][\w$]*$/;

function constants(name) {
  const names = Object.getOwnPropertyNames(require(`node:${name}`)).filter((key) => key !== 'default' && IDENTIFIER.test(key));
  // Marked pure so esbuild drops every name no code of the bundle reads.
  return [`const real = require('node:${name}');`, ...names.map((key) => `export const ${key} = /* @__PURE__ */ (() => real.${key})();`)].join('\n');
}

export function sharedBuiltins() {
  const pattern = new RegExp(`^(node:)?(${SHARED_BUILTINS.join('|')})$`);
  return {
    name: 'shared-builtins',
    setup(build) {
      build.onResolve({ filter: pattern }, (args) => {
        // The stand-in's own require is the real built-in, and so is a bundled CommonJS
        // dependency's (commander's): it wants the whole module object, not a list of constants.
        if (args.namespace === 'shared-builtin' || args.kind === 'require-call') return undefined;
        return { path: args.path.replace(/^node:/, ''), namespace: 'shared-builtin' };
      });
      build.onLoad({ filter: /.*/, namespace: 'shared-builtin' }, (args) => ({ contents: constants(args.path), loader: 'js' }));
    },
  };
}
