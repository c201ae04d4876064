// `npm run bench`: every speed target of the project, measured side by side in one run.
// Figures, not pass/fail tests: these machines are noisy.
import { run as profiles } from './profiles';

const sections: Array<[string, () => Promise<{ run: () => Promise<void> }>]> = [
  ['credential-process', () => import('./credential-process')],
  ['endpoint', () => import('./endpoint')],
  ['cli-cache', () => import('./cli-cache')],
  ['popover', () => import('./popover')],
  ['engine-idle', () => import('./engine-idle')],
];

async function main(): Promise<void> {
  process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED = 'true';
  await profiles();
  for (const [name, load] of sections) {
    let section: { run: () => Promise<void> };
    try {
      section = await load();
    } catch (error) {
      process.stdout.write(`\n== ${name}: not measured (${(error as Error).message.split('\n')[0]})\n`);
      continue;
    }
    await section.run();
  }
}

main().catch((error: unknown) => {
  process.stderr.write(`bench failed: ${error instanceof Error ? error.stack : String(error)}\n`);
  process.exitCode = 1;
});
