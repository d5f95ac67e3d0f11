#!/usr/bin/env node
// A stand-in "VS Code executable" for @vscode/test-electron's runTests({ vscodeExecutablePath }).
// VS Code desktop cannot be downloaded here, so this accepts the arguments test-electron passes
// (--extensionDevelopmentPath=, --extensionTestsPath=, a workspace folder, other flags ignored) and
// runs the same test module in code-server's extension host with headless Chromium.
'use strict';
require('tsx/cjs');
const fs = require('fs');
const path = require('path');
const { runExtensionTests } = require('./code-server.ts');

const dev = [];
let tests;
let workspace;
for (const a of process.argv.slice(2)) {
  let m;
  if ((m = /^--extensionDevelopmentPath=(.*)$/.exec(a))) {
    dev.push(m[1]);
  } else if ((m = /^--extensionTestsPath=(.*)$/.exec(a))) {
    tests = m[1];
  } else if (!a.startsWith('-') && fs.existsSync(a) && fs.statSync(a).isDirectory()) {
    workspace = a;
  }
}
if (!tests || !dev.length) {
  console.error('code-shim: need --extensionDevelopmentPath and --extensionTestsPath');
  process.exit(64);
}
if (fs.existsSync(tests) && fs.statSync(tests).isDirectory()) {
  tests = path.join(tests, 'index.js');
} else if (!fs.existsSync(tests) && fs.existsSync(tests + '.js')) {
  tests += '.js';
}
runExtensionTests({
  extensionDevelopmentPath: dev,
  extensionTestsPath: tests,
  workspace,
  timeoutMs: Number(process.env.KLING_TEST_TIMEOUT_MS) || undefined,
}).then(
  code => process.exit(code),
  e => {
    console.error('code-shim:', e);
    process.exit(3);
  },
);
