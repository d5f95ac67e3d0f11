// Layer 2 of `npm test`: mocha suites inside a real extension host, launched through
// @vscode/test-electron's runTests. Offline (no VS Code download possible) runTests gets a
// vscodeExecutablePath that runs the suite in code-server + headless Chromium (test/harness).
//   --desktop                 let test-electron download and run desktop VS Code (online machines)
//   KLING_VSCODE_EXECUTABLE   a desktop VS Code binary to use instead
import { runTests } from '@vscode/test-electron';
import { cpSync, mkdtempSync, rmSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const desktop = process.argv.includes('--desktop');
const executable = process.env.KLING_VSCODE_EXECUTABLE || (desktop ? undefined : join(root, 'test/harness/code-shim.js'));

// The suites edit files: give them a throw-away copy of examples/ as the workspace.
const workspace = mkdtempSync(join(tmpdir(), 'kling-ws-'));
cpSync(join(root, 'examples'), workspace, { recursive: true });
const testsPath = join(root, 'out/test/vscode/index.js');
if (!existsSync(testsPath)) {
  console.error('in-host suites are not built: run `npm run build` first');
  process.exit(1);
}

let code = 0;
try {
  await runTests({
    ...(executable ? { vscodeExecutablePath: executable } : {}),
    extensionDevelopmentPath: root,
    extensionTestsPath: testsPath,
    launchArgs: [workspace, '--disable-extensions', '--disable-workspace-trust', '--skip-welcome'],
    extensionTestsEnv: {
      KLING_TEST_WORKSPACE: workspace,
      KLING_TEST_FAIL: process.env.KLING_TEST_FAIL ?? '',
      KLING_TEST_GREP: process.env.KLING_TEST_GREP ?? '',
    },
  });
} catch (e) {
  // The marker `npm test` repeats under its summary (scripts/test.mjs): with the tests' own
  // FAILED TEST lines above it, or alone when the host failed before mocha could report.
  console.error(`FAILED TEST: in-host run: ${e instanceof Error ? e.message : e}`);
  code = 1;
} finally {
  rmSync(workspace, { recursive: true, force: true });
}
process.exit(code);
