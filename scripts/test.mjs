// `npm test`: set-up (idempotent), build, type-check, lint, then the three test layers in order:
//   1. unit (node:test, no vscode)  2. in-extension-host (mocha via @vscode/test-electron)
//   3. UI (playwright-core + Debian Chromium against code-server)
// Every layer runs even when an earlier one failed, so one run shows everything; the exit code is
// non-zero if any step failed.
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const steps = [
  ['set-up', 'bash', ['scripts/setup-tools.sh']],
  ['build', process.execPath, ['scripts/build.mjs']],
  ['type-check', process.execPath, ['node_modules/typescript/bin/tsc', '--noEmit', '-p', '.']],
  ['type-check webview', process.execPath, ['node_modules/typescript/bin/tsc', '--noEmit', '-p', 'src/webview']],
  ['lint', process.execPath, ['node_modules/eslint/bin/eslint.js', '.']],
  ['format check', process.execPath, ['node_modules/prettier/bin/prettier.cjs', '--check', '.', '--log-level', 'warn']],
  ['unit tests', process.execPath, ['scripts/test-unit.mjs']],
  ['in-host tests', process.execPath, ['scripts/test-vscode.mjs']],
  ['UI tests', process.execPath, ['scripts/test-e2e.mjs']],
];
const mustPass = new Set(['set-up', 'build']);
const results = [];
const t0 = Date.now();
for (const [name, cmd, args] of steps) {
  console.log(`\n━━ ${name}`);
  const t = Date.now();
  const r = spawnSync(cmd, args, { cwd: root, stdio: 'inherit' });
  const ok = r.status === 0;
  results.push({ name, ok, s: ((Date.now() - t) / 1000).toFixed(1) });
  if (!ok && mustPass.has(name)) {
    break;
  }
}
console.log('\n━━ summary');
for (const r of results) {
  console.log(`${r.ok ? 'ok  ' : 'FAIL'} ${r.name} (${r.s} s)`);
}
const failed = results.filter(r => !r.ok).length;
console.log(`total ${((Date.now() - t0) / 1000).toFixed(0)} s`);
process.exit(failed || results.length < steps.length ? 1 : 0);
