#!/usr/bin/env node
'use strict';
// No stack trace ever reaches the terminal: a closed pipe ends quietly, anything uncaught is one line.
require('../dist/main/cli/process-guards.js').installProcessGuards();
// The AWS SDK warns on every run under Node 20; the warning is noise in a CLI's output.
process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';
// credential-process runs on every AWS call of every SDK: its path loads neither the argument
// parser nor the AWS SDK unless it has to refresh. Plain `list` and `export PROFILE [--shell S]`
// run without the argument parser too; any other form of them goes to the full program. Commands
// load the SDK only on a call. Each bundle loads with the V8 code cache the build wrote beside it.
const { requireBundle } = require('../dist/main/cli/code-cache-loader.js');
const args = process.argv.slice(2);
if (args[0] === 'credential-process') {
  requireBundle(require.resolve('../dist/main/cli/credential-process-entry.js')).main(args.slice(1));
} else {
  const ranWarm = (args[0] === 'list' || args[0] === 'export') && requireBundle(require.resolve('../dist/main/cli/warm-path-entry.js')).main(args);
  if (!ranWarm) requireBundle(require.resolve('../dist/main/cli/main.js')).main(process.argv);
}
