// Bundles what tsc alone cannot ship: the Electron main process (electron-store is ESM-only),
// the sandboxed preload (must be one file) and the renderer page. The CLI's entry points are
// bundled over tsc's output of the same name: a warm `export` or `list` starts within 1.2× of a bare
// `node`, which a hundred separate module files do not allow. The AWS SDK stays outside (loaded by
// the first AWS call), and so do credential-process's refresh path and its usage text (bundles of
// their own, loaded only off the fast path).
import { build } from 'esbuild';
import { cpSync, existsSync, mkdirSync } from 'node:fs';
import { resolve } from 'node:path';
import { LAZY_BUILTINS, lazyBuiltins } from './lazy-builtins.mjs';
import { sharedBuiltins } from './shared-builtins.mjs';
import { unusedInApp } from './unused-in-app.mjs';

/**
 * The message tables (English and German, ~190 KB) ship once, in cli-language.js, which re-exports
 * shared/i18n: the other CLI bundles require it instead of carrying a copy each.
 */
function wordsFromCliLanguage() {
  return {
    name: 'words-from-cli-language',
    setup(build) {
      const i18n = resolve('src/shared/i18n');
      build.onResolve({ filter: /(^|\/)i18n$/ }, (args) => (resolve(args.resolveDir, args.path) === i18n ? { path: './cli-language', external: true } : undefined));
    },
  };
}

const targets = [
  { entry: 'src/main/electron/main.ts', out: 'dist/electron/main.js', platform: 'node', format: 'cjs', external: ['electron', '@napi-rs/keyring', './auto-updater'] },
  // The updater only where a feed is configured (updates.ts requires it then).
  { entry: 'src/main/electron/auto-updater.ts', out: 'dist/electron/auto-updater.js', platform: 'node', format: 'cjs', external: ['electron'] },
  { entry: 'src/preload/preload.ts', out: 'dist/preload/preload.js', platform: 'node', format: 'cjs', external: ['electron', '@napi-rs/keyring'] },
  { entry: 'src/main/cli/main.ts', out: 'dist/main/cli/main.js', platform: 'node', format: 'cjs', external: ['@aws-sdk/*', 'electron', '@napi-rs/keyring', './cli-language'], sharedWords: true },
  { entry: 'src/main/cli/warm-path-entry.ts', out: 'dist/main/cli/warm-path-entry.js', platform: 'node', format: 'cjs', external: ['@aws-sdk/*', 'electron', '@napi-rs/keyring', './cli-language'], sharedWords: true },
  {
    entry: 'src/main/cli/credential-process-entry.ts',
    out: 'dist/main/cli/credential-process-entry.js',
    platform: 'node',
    format: 'cjs',
    external: ['@aws-sdk/*', 'electron', '@napi-rs/keyring', './credential-process-refresh', './cli-language'],
    // Its fast path needs os only when HOME is unset, and module only to turn the compile cache on.
    lazy: [...LAZY_BUILTINS, 'os', 'module'],
  },
  // credential-process's refresh path and its words, and the process guards bin/ loads first: bundled
  // too, so the npm package ships these six files and none of tsc's module tree.
  { entry: 'src/main/cli/credential-process-refresh.ts', out: 'dist/main/cli/credential-process-refresh.js', platform: 'node', format: 'cjs', external: ['@aws-sdk/*', 'electron', '@napi-rs/keyring', './cli-language'], sharedWords: true },
  { entry: 'src/main/cli/cli-language.ts', out: 'dist/main/cli/cli-language.js', platform: 'node', format: 'cjs', external: [] },
  { entry: 'src/main/cli/process-guards.ts', out: 'dist/main/cli/process-guards.js', platform: 'node', format: 'cjs', external: [] },
  { entry: 'src/renderer/popover.ts', out: 'dist/renderer/popover.js', platform: 'browser', format: 'iife', external: [] },
];

for (const target of targets) {
  if (!existsSync(target.entry)) continue;
  await build({
    entryPoints: [target.entry],
    outfile: target.out,
    bundle: true,
    platform: target.platform,
    format: target.format,
    target: target.platform === 'browser' ? 'chrome120' : 'node22',
    external: target.external,
    logLevel: 'warning',
    allowOverwrite: true,
    // The CLI bundles keep their names (stack traces under ROLEKEEPER_DEBUG); the app's are minified.
    minifyWhitespace: target.out.startsWith('dist/main/cli/'),
    minify: !target.out.startsWith('dist/main/cli/'),
    keepNames: !target.out.startsWith('dist/main/cli/'),
    legalComments: 'none',
    plugins: target.out.startsWith('dist/main/cli/') ? [lazyBuiltins(target.lazy), sharedBuiltins(), ...(target.sharedWords ? [wordsFromCliLanguage()] : [])] : target.out.startsWith('dist/electron/') ? [unusedInApp()] : [],
  });
}

if (existsSync('src/renderer/static')) {
  mkdirSync('dist/renderer', { recursive: true });
  cpSync('src/renderer/static', 'dist/renderer', { recursive: true });
}

