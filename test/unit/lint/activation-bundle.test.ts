// Activation evaluates dist/extension.js: its production (minified) build must stay within 1 MiB.
// `build.mjs --check-size` builds that entry in memory, as --production would, and says its size.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';

const root = join(__dirname, '../../..');

test('the production dist/extension.js is at most 1 MiB', () => {
  const r = spawnSync(process.execPath, ['scripts/build.mjs', '--check-size'], { cwd: root, encoding: 'utf8' });
  const size = /dist\/extension\.js \(production\): (\d+) bytes/.exec(r.stdout);
  assert.ok(size, `build.mjs --check-size reported no size:\n${r.stdout}${r.stderr}`);
  assert.ok(Number(size[1]) <= 1024 * 1024, `dist/extension.js would be ${size[1]} bytes`);
  assert.equal(r.status, 0, r.stderr);
});
