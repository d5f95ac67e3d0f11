// Layer 3 of `npm test`: UI tests, playwright-core driving Debian Chromium against code-server.
// One file at a time (2 cores; each file starts its own VS Code). KLING_E2E_CONCURRENCY=2 runs two
// (each with its own VS Code, user data, workspace and ports) in about 60% of the time, but the
// review test's two window reloads then left the restored takes panel blank in 2 of 3 full runs.
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
    `--test-concurrency=${process.env.KLING_E2E_CONCURRENCY ?? 1}`,
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
