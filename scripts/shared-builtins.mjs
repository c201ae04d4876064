// An esbuild plugin for the CLI bundles: each `import * as fs from 'node:fs'` in a bundle becomes a
// copy of the module's properties (esbuild's __toESM), thirty of them for fs, path and os, a
// measurable part of a warm run's start-up. Here they all share one namespace per built-in,
// copied once. Default imports of these modules are not supported (none is written).
export const SHARED_BUILTINS = ['fs', 'path', 'os'];

export function sharedBuiltins() {
  const pattern = new RegExp(`^(node:)?(${SHARED_BUILTINS.join('|')})$`);
  return {
    name: 'shared-builtins',
    setup(build) {
      build.onResolve({ filter: pattern }, (args) => {
        // The namespace module's own import is the real built-in.
        if (args.namespace === 'shared-builtin') return undefined;
        return { path: args.path.replace(/^node:/, ''), namespace: 'shared-builtin' };
      });
      build.onLoad({ filter: /.*/, namespace: 'shared-builtin' }, (args) => ({ contents: `export * from 'node:${args.path}';`, loader: 'js' }));
    },
  };
}
