// `npm run bench`: every speed target of the project, measured side by side in one run.
// Figures, not pass/fail tests: these machines are noisy. Each section runs in a process of its
// own, so memory and timers of one (Chromium, moto, a daemon) never show up in another.
// `npm run bench -- warm-paths sso` runs only the sections named.
import { spawnSync } from 'node:child_process';

const SECTIONS = ['sizes', 'profiles', 'list-vs-aws', 'credential-process', 'sso', 'warm-paths', 'endpoint', 'exec', 'cli-cache', 'popover', 'engine-idle', 'daemon-memory', 'week'];

const chosen = process.argv.slice(2);
const unknown = chosen.filter((name) => !SECTIONS.includes(name));
if (unknown.length > 0) {
  process.stderr.write(`unknown bench section: ${unknown.join(', ')} (sections: ${SECTIONS.join(', ')})\n`);
  process.exit(2);
}

let failed = 0;
for (const section of chosen.length > 0 ? SECTIONS.filter((name) => chosen.includes(name)) : SECTIONS) {
  const result = spawnSync(process.execPath, ['--import', 'tsx', '-e', `require('./bench/${section}.ts').run().catch((e) => { console.error(e); process.exitCode = 1; })`], {
    stdio: 'inherit',
    env: { ...process.env, AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true' },
  });
  if (result.status !== 0) {
    failed += 1;
    process.stdout.write(`\n== ${section}: could not be measured (exit ${result.status})\n`);
  }
}
process.exitCode = failed > 0 ? 1 : 0;
