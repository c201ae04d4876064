#!/usr/bin/env node
'use strict';
// credential-process runs on every AWS call of every SDK: its path is one small bundle that installs
// the process guards itself and loads neither the argument parser nor the AWS SDK unless it has to
// refresh. Plain `list` and `export PROFILE [--shell S]` run without the argument parser too; any
// other form of them goes to the full program. Commands load the SDK only on a call.
const args = process.argv.slice(2);
if (args[0] === 'credential-process') {
  require('../dist/main/cli/credential-process-entry.js').main(args.slice(1));
} else {
  // Node keeps V8's compiled code of the bundles below between runs (in NODE_COMPILE_CACHE, else the
  // temp folder), so a warm `export` or `list` does not compile half a megabyte of JavaScript each time.
  require('node:module').enableCompileCache?.();
  // No stack trace ever reaches the terminal: a closed pipe ends quietly, anything uncaught is one line.
  require('../dist/main/cli/process-guards.js').installProcessGuards();
  const ranWarm = (args[0] === 'list' || args[0] === 'export') && require('../dist/main/cli/warm-path-entry.js').main(args);
  if (!ranWarm) require('../dist/main/cli/main.js').main(process.argv);
}
