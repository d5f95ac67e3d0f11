// new_shot's one implementation (src/takes/new-shot.ts), for `kling mcp` and VS Code alike: the file
// is the input less its path, written only when it validates, and never over a file.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtemp, readFile, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { newShotText, writeNewShot } from '../../../src/takes';

let dir: string;
before(async () => {
  dir = await mkdtemp(join(tmpdir(), 'kling-new-shot-'));
});
after(() => rm(dir, { recursive: true, force: true }));

const input = { path: 'x.kling.json', endpoint: 'text-to-video', prompt: 'a fox', duration: '5', aspect_ratio: undefined };

test('the text is the input less its path, absent fields left out', () => {
  assert.equal(newShotText(input), '{\n  "endpoint": "text-to-video",\n  "prompt": "a fox",\n  "duration": "5"\n}\n');
});

test('writes a shot that validates, and names its endpoint', async () => {
  const file = join(dir, 'fox.kling.json');
  const r = await writeNewShot(file, input, { roots: [dir] });
  assert.equal(r.kind, 'written');
  assert.match(r.kind === 'written' ? r.endpoint : '', /text-to-video$/);
  assert.equal(await readFile(file, 'utf8'), newShotText(input));
});

test('never over a file that exists: it is left as it was', async () => {
  const file = join(dir, 'mine.kling.json');
  await writeFile(file, 'mine\n');
  assert.deepEqual(await writeNewShot(file, input, { roots: [dir] }), { kind: 'exists' });
  assert.equal(await readFile(file, 'utf8'), 'mine\n');
});

test('a shot with errors (a duration the endpoint refuses, a missing start image) is not written', async () => {
  const file = join(dir, 'bad.kling.json');
  const r = await writeNewShot(file, { ...input, duration: '99' }, { roots: [dir] });
  assert.equal(r.kind, 'invalid');
  const img = await writeNewShot(
    join(dir, 'img.kling.json'),
    { ...input, endpoint: 'image-to-video', start_image_url: 'gone.png' },
    { roots: [dir] },
  );
  assert.equal(img.kind, 'invalid');
  assert.deepEqual(
    (await readdir(dir)).filter(n => n.startsWith('bad') || n.startsWith('img')),
    [],
  );
});
