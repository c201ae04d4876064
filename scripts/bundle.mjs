// Bundles what tsc alone cannot ship: the Electron main process (electron-store is ESM-only),
// the sandboxed preload (must be one file) and the renderer page.
import { build } from 'esbuild';
import { cpSync, existsSync, mkdirSync } from 'node:fs';

const targets = [
  { entry: 'src/main/electron/main.ts', out: 'dist/electron/main.js', platform: 'node', format: 'cjs', external: ['electron'] },
  { entry: 'src/preload/preload.ts', out: 'dist/preload/preload.js', platform: 'node', format: 'cjs', external: ['electron'] },
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
    target: target.platform === 'browser' ? 'chrome120' : 'node20',
    external: target.external,
    logLevel: 'warning',
  });
}

if (existsSync('src/renderer/static')) {
  mkdirSync('dist/renderer', { recursive: true });
  cpSync('src/renderer/static', 'dist/renderer', { recursive: true });
}
