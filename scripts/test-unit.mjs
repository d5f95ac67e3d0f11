// Layer 1 of `npm test`: pure-logic tests (core, client, simulator, cli) with node's test runner,
// each file compiled once by esbuild (scripts/unit-bundles.mjs) and run in plain node, its stack
// traces mapped back to the TypeScript. No `vscode` import is allowed anywhere under test/unit.
// The CLI tests run the shipped bundle (dist/cli.js, test/kit/cli.ts): it is built first when it is
// missing or older than src/. Files run two at a time (each in its own process, with its own temp
// folders and ports the system picks), which is what a 2-core machine can take.
// Usage: node scripts/test-unit.mjs [filter substring…]
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { bundleUnitTests } from './unit-bundles.mjs';

const root = fileURLToPath(new URL('..', import.meta.url));
const filters = process.argv.slice(2);

function walk(dir, keep) {
  return readdirSync(dir).flatMap(name => {
    const p = join(dir, name);
    return statSync(p).isDirectory() ? walk(p, keep) : keep(p) ? [p] : [];
  });
}
const files = walk(join(root, 'test/unit'), p => p.endsWith('.test.ts'))
  .map(f => relative(root, f))
  .filter(f => filters.length === 0 || filters.some(s => f.includes(s)))
  .sort();
if (files.length === 0) {
  console.error('no unit test files matched');
  process.exit(1);
}

const cli = join(root, 'dist/cli.js');
const newestSource = Math.max(...walk(join(root, 'src'), () => true).map(p => statSync(p).mtimeMs));
if (!existsSync(cli) || statSync(cli).mtimeMs < newestSource) {
  console.log(`dist/cli.js is ${existsSync(cli) ? 'older than src/' : 'missing'}: building`);
  const r = spawnSync(process.execPath, ['scripts/build.mjs'], { cwd: root, stdio: 'inherit' });
  if (r.status !== 0) {
    process.exit(r.status ?? 1);
  }
}

const t0 = Date.now();
const bundles = await bundleUnitTests(root, files);
const child = spawn(
  process.execPath,
  [
    '--enable-source-maps',
    '--test',
    `--test-concurrency=${process.env.KLING_UNIT_CONCURRENCY ?? 2}`,
    // A test, or a whole file, that hangs (say a server left listening keeps its process alive)
    // fails after 10 minutes instead of holding the layer. --test-force-exit would end such a file
    // sooner, but it also silences the summary reporter's closing line.
    '--test-timeout=600000',
    '--test-reporter',
    'spec',
    '--test-reporter-destination',
    'stdout',
    '--test-reporter',
    './scripts/summary-reporter.mjs',
    '--test-reporter-destination',
    'stdout',
    ...bundles,
  ],
  { cwd: root, stdio: 'inherit', env: { ...process.env, NODE_OPTIONS: '' } },
);
child.on('exit', code => {
  console.log(`unit layer: ${files.length} files in ${((Date.now() - t0) / 1000).toFixed(1)} s`);
  process.exit(code ?? 1);
});
