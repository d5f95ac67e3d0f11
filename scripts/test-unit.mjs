// Layer 1 of `npm test`: pure-logic tests (core, client, simulator, cli) with node's test runner,
// TypeScript loaded through tsx. No `vscode` import is allowed anywhere under test/unit.
// Usage: node scripts/test-unit.mjs [filter substring…]
import { spawn } from 'node:child_process';
import { readdirSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const filters = process.argv.slice(2);

function walk(dir) {
  return readdirSync(dir).flatMap(name => {
    const p = join(dir, name);
    return statSync(p).isDirectory() ? walk(p) : p.endsWith('.test.ts') ? [p] : [];
  });
}
const files = walk(join(root, 'test/unit'))
  .map(f => relative(root, f))
  .filter(f => filters.length === 0 || filters.some(s => f.includes(s)))
  .sort();
if (files.length === 0) {
  console.error('no unit test files matched');
  process.exit(1);
}

const child = spawn(
  process.execPath,
  [
    '--import',
    'tsx',
    '--test',
    '--test-reporter',
    'spec',
    '--test-reporter-destination',
    'stdout',
    '--test-reporter',
    './scripts/summary-reporter.mjs',
    '--test-reporter-destination',
    'stdout',
    ...files,
  ],
  { cwd: root, stdio: 'inherit', env: { ...process.env, NODE_OPTIONS: '' } },
);
child.on('exit', code => process.exit(code ?? 1));
