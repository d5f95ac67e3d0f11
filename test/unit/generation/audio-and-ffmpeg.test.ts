import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { makeClip } from '../../../src/simulator';
import { audioUnsupported } from '../../../src/extension/takes/audio-codec';
import { audioCodecOf } from '../../../src/media/mp4';
import { findFfmpeg } from '../../../src/media/find-ffmpeg';
import { freshMp3Copy, makeMp3Copy, mp3CopyPath } from '../../../src/extension/takes/mp3-copy';

const AAC = path.join(__dirname, 'fixtures', 'aac-tone.mp4');

test("the audio codec is read from the MP4 header: AAC, and none for the simulator's silent clip", async () => {
  assert.equal(await audioCodecOf(AAC), 'aac');
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kling-audio-'));
  try {
    const clip = await makeClip({ durationS: 3, aspect: '16:9', shots: [3] });
    const file = path.join(dir, 'silent.mp4');
    fs.writeFileSync(file, clip.data);
    assert.equal(await audioCodecOf(file), null);
    fs.writeFileSync(path.join(dir, 'junk.mp4'), 'not a video');
    await assert.rejects(audioCodecOf(path.join(dir, 'junk.mp4')));
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
});

test('AAC is unsupported only on desktop VS Code; MP3/Opus play everywhere; no audio is no problem', () => {
  assert.equal(audioUnsupported('aac', true), true);
  assert.equal(audioUnsupported('aac', false), false);
  assert.equal(audioUnsupported('mp3', true), false);
  assert.equal(audioUnsupported('opus', true), false);
  assert.equal(audioUnsupported(null, true), false);
  assert.equal(audioUnsupported('ac3', true), true);
});

test('ffmpeg: the setting wins when it exists; otherwise PATH; undefined when neither', async () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kling-ff-'));
  try {
    const fake = path.join(dir, 'ffmpeg');
    fs.writeFileSync(fake, '#!/bin/sh\n', { mode: 0o755 });
    assert.equal(await findFfmpeg(undefined, { PATH: `/nonexistent${path.delimiter}${dir}` }), fake);
    assert.equal(await findFfmpeg(fake, { PATH: '' }), fake);
    assert.equal(await findFfmpeg(path.join(dir, 'missing'), { PATH: dir }), undefined, 'a wrong setting is not silently replaced');
    assert.equal(await findFfmpeg(undefined, { PATH: '/nonexistent' }), undefined);
    fs.chmodSync(fake, 0o644);
    assert.equal(await findFfmpeg(undefined, { PATH: dir }), undefined, 'not executable');
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
});

test('an MP3-audio copy is made beside the take with the video stream copied, and reused while fresh', async () => {
  const ffmpeg = await findFfmpeg(undefined);
  // scripts/setup-tools.sh (run by `npm test`) installs Debian's ffmpeg so this always runs.
  assert.ok(ffmpeg, 'ffmpeg is not on PATH: run scripts/setup-tools.sh');
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kling-mp3-'));
  try {
    const clip = path.join(dir, 'hero.20260314-091502.mp4');
    fs.copyFileSync(AAC, clip);
    assert.equal(await freshMp3Copy(clip), undefined);
    const out = await makeMp3Copy(ffmpeg, clip);
    assert.equal(out, mp3CopyPath(clip));
    assert.equal(out, path.join(dir, 'hero.20260314-091502.mp3audio.mp4'));
    assert.equal(await audioCodecOf(out), 'mp3');
    assert.equal(await freshMp3Copy(clip), out);
    assert.deepEqual(
      fs.readdirSync(dir).filter(f => f.includes('.tmp') || f.includes('.partial.')),
      [],
      'no temp file left',
    );
    const later = new Date(Date.now() + 5000);
    fs.utimesSync(clip, later, later);
    assert.equal(await freshMp3Copy(clip), undefined, 'a newer clip makes the copy stale');
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
});
