// The simulator's clips sound like Kling's: an AAC-LC track (a tone) when generate_audio is true (the
// default), none when it is false; and the clip cache keeps the two apart.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { BufferSource, Input, MP4 } from 'mediabunny';
import { clipSpecFor, makeClip } from '../../../src/simulator';

async function tracks(data: Buffer) {
  const input = new Input({ source: new BufferSource(data), formats: [MP4] });
  try {
    const video = (await input.getPrimaryVideoTrack())!;
    const audio = await input.getPrimaryAudioTrack();
    return {
      video: await video.computeDuration(),
      audio: audio && { codec: await audio.getCodec(), rate: await audio.getSampleRate(), duration: await audio.computeDuration() },
    };
  } finally {
    input.dispose();
  }
}

test('generate_audio decides the sound: on by default, off when false', () => {
  assert.equal(clipSpecFor({ prompt: 'x' }).audio, true);
  assert.equal(clipSpecFor({ prompt: 'x', generate_audio: true }).audio, true);
  assert.equal(clipSpecFor({ prompt: 'x', generate_audio: false }).audio, false);
});

test('a clip with sound has an AAC track as long as the picture (within one AAC frame); without, none', async () => {
  const loud = await makeClip(clipSpecFor({ prompt: 'x', duration: '3' }));
  const mute = await makeClip(clipSpecFor({ prompt: 'x', duration: '3', generate_audio: false }));
  assert.notEqual(loud.sha256, mute.sha256);
  const t = await tracks(loud.data);
  assert.equal(t.video, 3);
  assert.deepEqual({ codec: t.audio?.codec, rate: t.audio?.rate }, { codec: 'aac', rate: 48000 });
  assert.ok(t.audio!.duration <= 3 && t.audio!.duration > 3 - 1024 / 48000, `audio ${t.audio!.duration}`);
  assert.equal((await tracks(mute.data)).audio, null);
  // Cached: the same request gives the same bytes.
  assert.equal((await makeClip(clipSpecFor({ prompt: 'y', duration: '3' }))).data, loud.data);
});

test('ffmpeg decodes the sound without an error', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'kling-sim-audio-'));
  try {
    const file = join(dir, 'clip.mp4');
    writeFileSync(file, (await makeClip(clipSpecFor({ prompt: 'x', duration: '3' }))).data);
    const r = spawnSync('ffmpeg', ['-v', 'error', '-i', file, '-map', '0:a', '-f', 'null', '-'], { encoding: 'utf8' });
    assert.equal(r.status, 0, r.stderr);
    assert.equal(r.stderr.trim(), '');
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
