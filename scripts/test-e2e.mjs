// Layer 3 of `npm test`: UI tests, playwright-core driving Debian Chromium against code-server.
// Two files at a time (KLING_E2E_CONCURRENCY), each with its own VS Code, user data, workspace and
// ports: the tests wait on state, never on a clock, so a second VS Code beside them only makes
// them wait longer, and the layer takes about 60% of the time it takes one file at a time.
// Screenshots: test-results/screenshots.
import { spawn } from 'node:child_process';
import { readdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const filters = process.argv.slice(2);
const files = readdirSync(`${root}/test/e2e`)
  .filter(f => f.endsWith('.e2e.ts'))
  .filter(f => filters.length === 0 || filters.some(s => f.includes(s)))
  .sort()
  .map(f => `test/e2e/${f}`);
const child = spawn(
  process.execPath,
  [
    '--import',
    'tsx',
    '--test',
    `--test-concurrency=${process.env.KLING_E2E_CONCURRENCY ?? 2}`,
    '--test-timeout=600000',
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
  { cwd: root, stdio: 'inherit' },
);
child.on('exit', code => process.exit(code ?? 1));
