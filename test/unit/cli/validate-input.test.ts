// `kling validate` on files that are not shot files: a real process, a real FIFO, real big files.
// Each case ends in one clear JSON answer and no stack trace.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { promises as fs } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { klingSync } from '../../kit/cli';

let dir: string;

function validateJson(file: string) {
  // A FIFO that is opened blocks forever: the timeout turns that bug into a failure, not a hang.
  const r = klingSync(['validate', file, '--format', 'json'], { cwd: dir, timeoutMs: 60_000 });
  assert.equal(r.signal, null, `killed: ${r.signal}`);
  assert.doesNotMatch(r.err + r.out, /\n\s+at /, 'no stack trace');
  const out = JSON.parse(r.out) as { diagnostics: { severity: string; code: string; message: string }[] }[];
  return { code: r.code, diagnostics: out[0]!.diagnostics.map(d => [d.severity, d.code, d.message]) };
}

before(async () => {
  dir = await fs.realpath(await fs.mkdtemp(path.join(os.tmpdir(), 'kling-cli-input-')));
});
after(() => fs.rm(dir, { recursive: true, force: true }));

test('a FIFO is one error and is never waited on', async () => {
  const fifo = path.join(dir, 'pipe.kling.json');
  execFileSync('mkfifo', [fifo]);
  assert.deepEqual(validateJson(fifo), {
    code: 1,
    diagnostics: [['error', 'kling.not-a-file', `shot file ${fifo} is a FIFO (named pipe), not a regular file; it was not read.`]],
  });
});

test('a 27 MB file of unknown keys is one "larger than 5 MB" error', async () => {
  const big = path.join(dir, 'big.kling.json');
  const keys = Array.from({ length: 1_500_000 }, (_, i) => `"unknown_${i}":1`).join(',');
  await fs.writeFile(big, `{"prompt":"a",${keys}}`);
  const { size } = await fs.stat(big);
  assert.ok(size > 25 * 1024 * 1024);
  assert.deepEqual(validateJson(big), {
    code: 1,
    diagnostics: [['error', 'kling.too-large', `shot file ${big} is larger than 5 MB; it was not read.`]],
  });
});

test('UTF-16 is one error naming it; a UTF-8 BOM is fine', async () => {
  const u16 = path.join(dir, 'u16.kling.json');
  await fs.writeFile(u16, Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from('{ "prompt": "a fox", "duration": "5" }', 'utf16le')]));
  const r = validateJson(u16);
  assert.equal(r.code, 1);
  assert.equal(r.diagnostics.length, 1);
  assert.equal(r.diagnostics[0]![1], 'kling.encoding');
  assert.match(r.diagnostics[0]![2]!, /UTF-16 LE, not UTF-8/);
  const bom = path.join(dir, 'bom.kling.json');
  await fs.writeFile(bom, Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from('{ "prompt": "a fox", "duration": "5" }')]));
  assert.deepEqual(validateJson(bom), { code: 0, diagnostics: [] });
});

test('a file with thousands of problems lists 200 and one "and N more"', async () => {
  const many = path.join(dir, 'many.kling.json');
  await fs.writeFile(many, `{ "prompt": "a", ${Array.from({ length: 5000 }, (_, i) => `"k${i}": 1`).join(', ')} }`);
  const r = validateJson(many);
  assert.equal(r.code, 0, 'unknown keys are warnings');
  assert.equal(r.diagnostics.length, 201);
  assert.deepEqual(r.diagnostics[200]!.slice(0, 2), ['warning', 'kling.too-many']);
  assert.match(r.diagnostics[200]![2]!, /and 4800 more problems/);
});
