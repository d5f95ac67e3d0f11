// readShotFile (through the read boundary) against real files in a real temp dir: a real FIFO (mkfifo), a directory, a device.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { promises as fs } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { readShotFile } from '../../../src/takes/shot-file';

let dir: string;
before(async () => {
  dir = await fs.mkdtemp(path.join(os.tmpdir(), 'kling-read-'));
});
after(() => fs.rm(dir, { recursive: true, force: true }));

const problem = async (p: string) => {
  const r = await readShotFile(p);
  assert.ok('diagnostic' in r, `expected a diagnostic for ${p}`);
  return [r.diagnostic.code, r.diagnostic.message];
};

test('a FIFO, a directory and a device get one error each, without being read', async () => {
  const fifo = path.join(dir, 'pipe.kling.json');
  execFileSync('mkfifo', [fifo]);
  // Nothing ever writes to the pipe: opening it for reading would block forever.
  assert.deepEqual(await problem(fifo), [
    'kling.not-a-file',
    `shot file ${fifo} is a FIFO (named pipe), not a regular file; it was not read.`,
  ]);
  assert.deepEqual(await problem(dir), ['kling.not-a-file', `shot file ${dir} is a directory, not a regular file; it was not read.`]);
  assert.deepEqual(await problem('/dev/zero'), [
    'kling.not-a-file',
    'shot file /dev/zero is a character device, not a regular file; it was not read.',
  ]);
});

test('a missing file, a huge file, UTF-16 and a BOM', async () => {
  assert.deepEqual(await problem(path.join(dir, 'nope.kling.json')), [
    'kling.io',
    `shot file ${path.join(dir, 'nope.kling.json')} does not exist.`,
  ]);
  const big = path.join(dir, 'big.kling.json');
  const h = await fs.open(big, 'w');
  await h.truncate(27 * 1024 * 1024);
  await h.close();
  assert.deepEqual(await problem(big), ['kling.too-large', `shot file ${big} is larger than 5 MB; it was not read.`]);
  const u16 = path.join(dir, 'u16.kling.json');
  await fs.writeFile(u16, Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from('{ "prompt": "a" }', 'utf16le')]));
  const [code, message] = await problem(u16);
  assert.equal(code, 'kling.encoding');
  assert.match(message!, /UTF-16 LE/);
  const bom = path.join(dir, 'bom.kling.json');
  await fs.writeFile(bom, Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from('{ "prompt": "a" }')]));
  assert.deepEqual(await readShotFile(bom), { text: '{ "prompt": "a" }' });
});
