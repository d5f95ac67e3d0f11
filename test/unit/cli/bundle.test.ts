// The other CLI tests run src/cli through tsx; this one runs the shipped bundle, which is where an
// ESM-only dependency breaks (import.meta.url is empty in esbuild's CommonJS output).
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { it } from 'node:test';

const root = join(__dirname, '../../..');
const cli = join(root, 'dist/cli.js');

it('the built kling bundle validates the examples and expands a glob', () => {
  assert.ok(existsSync(cli), 'dist/cli.js is missing: run `npm run build` first (npm test does)');
  const r = spawnSync(process.execPath, [cli, 'validate', 'examples/*.kling.json', '--format', 'json'], { cwd: root, encoding: 'utf8' });
  assert.equal(r.stderr, '');
  assert.equal(r.status, 0);
  const files = (JSON.parse(r.stdout) as { file: string }[]).map(f => f.file);
  assert.ok(files.length >= 5, `expected the examples, got ${files.join(', ')}`);
  assert.ok(files.every(f => f.startsWith('examples/') && f.endsWith('.kling.json')));
});
