// Writes what is generated from the CLI's help text: dist/man/rolekeeper.1 (the npm package's man
// page) always, and docs/commands.md with --docs. Run after the bundles are built.
import { mkdirSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
const { referenceTexts } = require('../dist/main/cli/main.js');
const texts = referenceTexts();
mkdirSync('dist/man', { recursive: true });
writeFileSync('dist/man/rolekeeper.1', texts.manPage);
if (process.argv.includes('--docs')) writeFileSync('docs/commands.md', texts.commandReference);
