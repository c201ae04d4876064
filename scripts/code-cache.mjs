// Writes the V8 code cache of each CLI bundle beside it (read by src/main/cli/code-cache-loader.ts).
// The cache matches this Node's V8; any other Node rejects it and compiles the bundle as usual.
// V8 caches the functions compiled so far: the warm-path bundle first runs its commands once over
// sample files (warmUp), so a warm run finds those functions compiled too, not only the top level.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync, existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';

const require = createRequire(import.meta.url);
const { compileBundle, CODE_CACHE_SUFFIX } = require('../dist/main/cli/code-cache-loader.js');

export const CACHED_BUNDLES = ['dist/main/cli/main.js', 'dist/main/cli/warm-path-entry.js', 'dist/main/cli/credential-process-entry.js'];

/** Made-up files like the seed's: a role on top of static keys, and pasted session keys. */
const SAMPLE_CONFIG = `[profile project1]
role_arn = arn:aws:iam::123456789012:role/sample
source_profile = user1
region = eu-west-1

[profile pasted]
region = eu-west-1
aws_access_key_id = ASIASAMPLESAMPLE0000
aws_secret_access_key = sample-secret-not-real
aws_session_token = sample-token-not-real
x_security_token_expires = 2099-01-01T00:00:00Z
`;
const SAMPLE_CREDENTIALS = '[user1]\naws_access_key_id = AKIASAMPLESAMPLE0000\naws_secret_access_key = sample-secret-not-real\n';

async function warmUpWarmPath(bundle) {
  const home = mkdtempSync(join(tmpdir(), 'rolekeeper-code-cache-'));
  try {
    mkdirSync(join(home, '.aws'));
    writeFileSync(join(home, '.aws', 'config'), SAMPLE_CONFIG);
    writeFileSync(join(home, '.aws', 'credentials'), SAMPLE_CREDENTIALS);
    await bundle.warmUp({ env: { HOME: home }, platform: process.platform, homeDir: home }, 'pasted');
  } finally {
    rmSync(home, { recursive: true, force: true });
  }
}

const WARM_UPS = { 'dist/main/cli/warm-path-entry.js': warmUpWarmPath };

/** Runs the bundle as requireBundle does, so its functions compile in this script. */
function runBundle(file, script) {
  const bundle = { exports: {} };
  script.runInThisContext().call(bundle.exports, bundle.exports, createRequire(join(process.cwd(), file)), bundle, file, dirname(file));
  return bundle.exports;
}

for (const file of CACHED_BUNDLES) {
  if (!existsSync(file)) continue;
  const script = compileBundle(file);
  const warmUp = WARM_UPS[file];
  if (warmUp) await warmUp(runBundle(file, script));
  writeFileSync(`${file}${CODE_CACHE_SUFFIX}`, script.createCachedData());
}
