// The shipped bundle expands a glob: that is where an ESM-only dependency breaks (import.meta.url is
// empty in esbuild's CommonJS output).
import assert from 'node:assert/strict';
import { it } from 'node:test';
import { klingSync, REPO } from '../../kit/cli';

it('the built kling bundle validates the examples and expands a glob', () => {
  const r = klingSync(['validate', 'examples/*.kling.json', '--format', 'json'], { cwd: REPO });
  assert.equal(r.err, '');
  assert.equal(r.code, 0);
  const files = (JSON.parse(r.out) as { file: string }[]).map(f => f.file);
  assert.ok(files.length >= 5, `expected the examples, got ${files.join(', ')}`);
  assert.ok(files.every(f => f.startsWith('examples/') && f.endsWith('.kling.json')));
});
