// Writes the V8 code cache of each CLI bundle beside it (read by src/main/cli/code-cache-loader.ts).
// The cache matches this Node's V8; any other Node rejects it and compiles the bundle as usual.
import { writeFileSync, existsSync } from 'node:fs';
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
const { compileBundle, CODE_CACHE_SUFFIX } = require('../dist/main/cli/code-cache-loader.js');

export const CACHED_BUNDLES = ['dist/main/cli/main.js', 'dist/main/cli/warm-path-entry.js', 'dist/main/cli/credential-process-entry.js'];

for (const file of CACHED_BUNDLES) {
  if (!existsSync(file)) continue;
  writeFileSync(`${file}${CODE_CACHE_SUFFIX}`, compileBundle(file).createCachedData());
}
