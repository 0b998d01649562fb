#!/usr/bin/env node
// The `conductor` command. Registers tsx so that the CLI and the user's
// app (apps/main.ts) run as TypeScript without a build step.
'use strict';
require('tsx/cjs/api').register();
const { main } = require('../lib/cli/main.ts');
main(process.argv.slice(2)).then((code) => {
  process.exitCode = code;
});
