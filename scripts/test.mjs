// `npm test`: set-up (idempotent), build, type-check, lint, then the three test layers in order:
//   1. unit (node:test, no vscode)  2. in-extension-host (mocha via @vscode/test-electron, run in code-server)
//   3. UI (playwright-core + Debian Chromium against code-server)
// Every layer runs even when an earlier one failed, so one run shows everything; the exit code is
// non-zero if any step failed.
// Each step has a time limit, and the whole run one too (CI allows 90 minutes): a step that hangs
// is killed with everything it started (its own process group), reported as timed out, and the
// remaining steps still run, so a hang costs one step, never the run's result.
// The test layers print one "FAILED TEST:" line per failure; they are repeated under the summary,
// because a CI log is often read from its end.
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const MIN = 60_000;
const steps = [
  ['set-up', 'bash', ['scripts/setup-tools.sh'], 20 * MIN],
  ['build', process.execPath, ['scripts/build.mjs'], 5 * MIN],
  ['type-check', process.execPath, ['node_modules/typescript/bin/tsc', '--noEmit', '-p', '.'], 5 * MIN],
  ['type-check webview', process.execPath, ['node_modules/typescript/bin/tsc', '--noEmit', '-p', 'src/webview'], 5 * MIN],
  ['lint', process.execPath, ['node_modules/eslint/bin/eslint.js', '.'], 10 * MIN],
  ['format check', process.execPath, ['node_modules/prettier/bin/prettier.cjs', '--check', '.', '--log-level', 'warn'], 5 * MIN],
  ['unit tests', process.execPath, ['scripts/test-unit.mjs'], 15 * MIN],
  ['in-host tests', process.execPath, ['scripts/test-vscode.mjs'], 15 * MIN],
  ['UI tests', process.execPath, ['scripts/test-e2e.mjs'], 25 * MIN],
];
const RUN_LIMIT_MS = 80 * MIN;
const mustPass = new Set(['set-up', 'build']);

const failedTests = [];

/** Passes a step's output through as it comes, keeping its "FAILED TEST:" lines. */
function relay(stream, out) {
  let partial = '';
  stream.on('data', chunk => {
    out.write(chunk);
    const lines = (partial + chunk.toString('utf8')).split('\n');
    partial = lines.pop() ?? '';
    for (const line of lines) {
      if (line.startsWith('FAILED TEST: ')) {
        failedTests.push(line.slice('FAILED TEST: '.length));
      }
    }
  });
}

/** Runs one step in its own process group; resolves with 'ok', 'failed' or 'timed out'. */
function run(cmd, args, limitMs) {
  return new Promise(resolve => {
    const child = spawn(cmd, args, { cwd: root, stdio: ['inherit', 'pipe', 'pipe'], detached: true });
    relay(child.stdout, process.stdout);
    relay(child.stderr, process.stderr);
    let timedOut = false;
    const timer = setTimeout(() => {
      timedOut = true;
      try {
        process.kill(-child.pid, 'SIGKILL');
      } catch {
        // already gone
      }
    }, limitMs);
    child.on('error', () => {
      clearTimeout(timer);
      resolve('failed');
    });
    // The outcome waits for the output's end ('close'), so every FAILED TEST line is read; but a
    // process the step left running may hold the pipe open, so after the step's own exit that wait
    // is cut to 5 s.
    const done = code => {
      clearTimeout(timer);
      resolve(timedOut ? 'timed out' : code === 0 ? 'ok' : 'failed');
    };
    child.on('close', done);
    child.on('exit', code => setTimeout(() => done(code), 5000).unref());
  });
}

const results = [];
const t0 = Date.now();
for (const [name, cmd, args, limitMs] of steps) {
  const left = RUN_LIMIT_MS - (Date.now() - t0);
  if (left <= 0) {
    results.push({ name, outcome: 'not run (time limit)', s: '0.0' });
    continue;
  }
  console.log(`\n━━ ${name}`);
  const t = Date.now();
  const outcome = await run(cmd, args, Math.min(limitMs, left));
  results.push({ name, outcome, s: ((Date.now() - t) / 1000).toFixed(1) });
  if (outcome === 'timed out') {
    console.log(`\n${name}: killed after ${Math.round(Math.min(limitMs, left) / 1000)} s`);
  }
  if (outcome !== 'ok' && mustPass.has(name)) {
    break;
  }
}
console.log('\n━━ summary');
for (const r of results) {
  console.log(
    `${r.outcome === 'ok' ? 'ok  ' : 'FAIL'} ${r.name} (${r.s} s)${r.outcome === 'ok' || r.outcome === 'failed' ? '' : ` ${r.outcome}`}`,
  );
}
const failed = results.filter(r => r.outcome !== 'ok').length;
console.log(`total ${((Date.now() - t0) / 1000).toFixed(0)} s`);
if (failedTests.length > 0) {
  console.log(`\nfailed tests (${failedTests.length}):`);
  for (const t of failedTests.slice(0, 20)) {
    console.log(`  ${t}`);
  }
}
process.exit(failed || results.length < steps.length ? 1 : 0);
