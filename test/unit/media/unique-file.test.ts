// writeUniqueFile in a real temp folder: first name, the next free one beside a different file,
// reuse of an identical file, no temp file left behind, and two writers at once get two names.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtemp, readdir, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { writeUniqueFile } from '../../../src/media/unique-file';

const name = (n: number) => `a.last-frame${n > 1 ? `-${n}` : ''}.png`;

test('a new name, never overwriting a different file; identical bytes are reused', async () => {
  const dir = await mkdtemp(join(tmpdir(), 'kling-unique-'));
  const one = await writeUniqueFile(dir, name, Buffer.from('first'));
  assert.deepEqual(one, { path: join(dir, 'a.last-frame.png'), reused: false });
  const two = await writeUniqueFile(dir, name, Buffer.from('second'));
  assert.deepEqual(two, { path: join(dir, 'a.last-frame-2.png'), reused: false });
  assert.equal(await readFile(one.path, 'utf8'), 'first');
  assert.equal(await readFile(two.path, 'utf8'), 'second');
  const again = await writeUniqueFile(dir, name, Buffer.from('second'));
  assert.deepEqual(again, { path: two.path, reused: true });
  await writeFile(join(dir, 'a.last-frame-3.png'), 'someone else');
  const four = await writeUniqueFile(dir, name, Buffer.from('third'));
  assert.equal(four.path, join(dir, 'a.last-frame-4.png'));
  assert.equal(await readFile(join(dir, 'a.last-frame-3.png'), 'utf8'), 'someone else');
  assert.deepEqual((await readdir(dir)).sort(), ['a.last-frame-2.png', 'a.last-frame-3.png', 'a.last-frame-4.png', 'a.last-frame.png']);
});

test('two writers at once with different bytes get two files', async () => {
  const dir = await mkdtemp(join(tmpdir(), 'kling-unique-'));
  const [a, b] = await Promise.all([writeUniqueFile(dir, name, Buffer.from('A')), writeUniqueFile(dir, name, Buffer.from('B'))]);
  assert.notEqual(a.path, b.path);
  assert.deepEqual([await readFile(a.path, 'utf8'), await readFile(b.path, 'utf8')].sort(), ['A', 'B']);
  assert.equal((await readdir(dir)).length, 2);
});
