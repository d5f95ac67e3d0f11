// Progress and cancel of an export, on real simulator clips in a temp folder: progress climbs to 1;
// an abort mid-way rejects, and neither the output nor a temp file is left.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtemp, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { assembleClips, findFfmpeg, type AssembleShot } from '../../../src/media/assemble';
import { makeClip } from '../../../src/simulator';

let dir: string;
let same: AssembleShot[];
let mixed: AssembleShot[];

before(async () => {
  dir = await mkdtemp(join(tmpdir(), 'kling-assemble-cancel-'));
  const wide = join(dir, 'wide.mp4'),
    square = join(dir, 'square.mp4');
  await writeFile(wide, (await makeClip({ durationS: 5, aspect: '16:9', shots: [5], audio: true })).data);
  await writeFile(square, (await makeClip({ durationS: 5, aspect: '1:1', shots: [5], audio: true })).data);
  same = [1, 2, 3].map(i => ({ name: `s${i}`, clipPath: wide }));
  mixed = [
    { name: 'a', clipPath: wide },
    { name: 'b', clipPath: square },
  ];
});
after(() => rm(dir, { recursive: true, force: true }));

const outputs = async () => (await readdir(dir)).filter(f => f.startsWith('out')).sort();

test('remux: progress rises to 1 and never falls', async () => {
  const seen: number[] = [];
  const r = await assembleClips(same, { outPath: join(dir, 'out-progress.mp4'), onProgress: f => seen.push(f) });
  assert.equal(r.method, 'remux');
  assert.equal(r.durationSeconds, 15);
  assert.ok(seen.length > 10);
  assert.equal(seen.at(-1), 1);
  assert.ok(
    seen.every((f, i) => i === 0 || f >= seen[i - 1]!),
    'monotonic',
  );
});

for (const path of ['remux', 'ffmpeg'] as const) {
  test(`${path}: an abort once progress began rejects and leaves no file behind`, async () => {
    const before = await outputs();
    const abort = new AbortController();
    const ffmpeg = path === 'ffmpeg' ? await findFfmpeg(undefined) : undefined;
    if (path === 'ffmpeg') assert.ok(ffmpeg, 'the test set-up installs ffmpeg');
    await assert.rejects(
      assembleClips(path === 'remux' ? same : mixed, {
        outPath: join(dir, `out-${path}.mp4`),
        ffmpeg,
        signal: abort.signal,
        onProgress: () => abort.abort(),
      }),
      (e: Error) => e.name === 'AbortError',
    );
    assert.deepEqual(await outputs(), before);
  });
}
