// inspectClip on real files in a temp dir: the simulator's H.264 clip, an HTML page, an empty file,
// and an MP4 container without a video track.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { inspectClip } from '../../../src/media/inspect-clip';
import { makeClip } from '../../../src/simulator';

let dir: string;
before(async () => {
  dir = await mkdtemp(join(tmpdir(), 'kling-media-test-'));
});
after(() => rm(dir, { recursive: true, force: true }));

test('a real clip: its duration and size', async () => {
  const p = join(dir, 'clip.mp4');
  await writeFile(p, (await makeClip({ durationS: 4, aspect: '9:16', shots: [4] })).data);
  const r = await inspectClip(p);
  assert.ok(r.ok, JSON.stringify(r));
  assert.equal(r.durationSeconds, 4);
  assert.deepEqual([r.width, r.height, r.codec], [360, 640, 'avc']);
});

test('not an MP4: an HTML page, an empty file', async () => {
  const html = join(dir, 'page.mp4');
  await writeFile(html, '<html><p>Sorry</p></html>');
  assert.deepEqual(await inspectClip(html), { ok: false, reason: 'not an MP4 file' });
  const empty = join(dir, 'empty.mp4');
  await writeFile(empty, '');
  assert.equal((await inspectClip(empty)).ok, false);
});

test('an MP4 box structure with no video track is not a clip', async () => {
  // ftyp + an empty moov: a valid MP4 header, nothing in it.
  const box = (type: string, body: Buffer) => {
    const h = Buffer.alloc(8);
    h.writeUInt32BE(8 + body.length);
    h.write(type, 4, 'latin1');
    return Buffer.concat([h, body]);
  };
  const ftyp = box('ftyp', Buffer.from('isom\0\0\x02\0isomiso2mp41', 'latin1'));
  const mvhd = Buffer.alloc(100);
  mvhd.writeUInt32BE(1000, 12); // timescale
  const p = join(dir, 'empty-moov.mp4');
  await writeFile(p, Buffer.concat([ftyp, box('moov', box('mvhd', mvhd))]));
  assert.deepEqual(await inspectClip(p), { ok: false, reason: 'an MP4 without a video track' });
});
