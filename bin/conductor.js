#!/usr/bin/env node
// The `conductor` command. tsx runs the user's app (apps/main.ts) as
// TypeScript without a build step. In a checkout of the library the CLI
// runs from its source (lib/); the packed library (npm pack) has no lib/
// and runs the compiled build/.
'use strict';
const fs = require('fs');
const path = require('path');
// Performance: the commands that render load cdk8s-plus-27, cdk8s and yaml
// before tsx's require hook is installed. Under the hook Node reads and
// scans every file of theirs for ESM syntax: about a third of the wall time
// of a small synth. They are CommonJS, which tsx loads unchanged anyway; if
// this fails, they load later as before. (`help` and `init` load none.)
if (['synth', 'check', 'diff', 'graph', 'deploy', 'status'].includes(process.argv[2])) {
  try {
    require('cdk8s-plus-27');
    require('yaml');
  } catch {
    // Loaded later, through tsx.
  }
}
require('tsx/cjs/api').register();
const source = path.join(__dirname, '..', 'lib', 'cli', 'main.ts');
const fromCheckout = fs.existsSync(source);
if (fromCheckout) {
  // In a checkout, the app's `import ... from 'cdk8s-conductor'` is these
  // sources, from any working directory: the package's `exports` point at
  // build/, which a checkout does not need, and tsconfig `paths` reach tsx
  // only from the repository root. The app and the CLI then share one copy
  // of the library. Only this exact name is mapped.
  const Module = require('module');
  const resolve = Module._resolveFilename;
  const index = path.join(__dirname, '..', 'lib', 'index.ts');
  Module._resolveFilename = function (request, ...rest) {
    return resolve.call(this, request === 'cdk8s-conductor' ? index : request, ...rest);
  };
}
const entry = fromCheckout ? source : path.join(__dirname, '..', 'build', 'cli', 'main.js');
require(entry).main(process.argv.slice(2)).then((code) => {
  process.exitCode = code;
});
