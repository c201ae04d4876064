#!/usr/bin/env node
'use strict';
// No stack trace ever reaches the terminal: a closed pipe ends quietly, anything uncaught is one line.
require('../dist/main/cli/process-guards.js').installProcessGuards();
// The AWS SDK warns on every run under Node 20; the warning is noise in a CLI's output.
process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';
// credential-process runs on every AWS call of every SDK: its path loads neither the argument
// parser nor the AWS SDK unless it has to refresh. The other commands load the SDK only on a call.
// Both bundles load with the V8 code cache the build wrote beside them (no parse and compile per run).
const { requireBundle } = require('../dist/main/cli/code-cache-loader.js');
if (process.argv[2] === 'credential-process') {
  requireBundle(require.resolve('../dist/main/cli/credential-process-entry.js')).main(process.argv.slice(3));
} else {
  requireBundle(require.resolve('../dist/main/cli/main.js')).main(process.argv);
}
