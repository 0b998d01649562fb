#!/usr/bin/env node
// The `conductor` command. tsx runs the user's app (apps/main.ts) as
// TypeScript without a build step. In a checkout of the library the CLI
// runs from its source (lib/); the packed library (npm pack) has no lib/
// and runs the compiled build/.
'use strict';
const fs = require('fs');
const path = require('path');
require('tsx/cjs/api').register();
const source = path.join(__dirname, '..', 'lib', 'cli', 'main.ts');
const entry = fs.existsSync(source) ? source : path.join(__dirname, '..', 'build', 'cli', 'main.js');
require(entry).main(process.argv.slice(2)).then((code) => {
  process.exitCode = code;
});
