// The simulator's clip looks like the request, end to end over real HTTP: the aspect ratio and
// length asked for at 24 fps with a short side of 360 px, shot boundaries visible, the start image
// as the first frame and the end image as the last, a tone when sound is on and no audio track when
// it is off, and an input video's length for an endpoint whose length follows its input video.
// Frames and samples are decoded by Debian's ffmpeg, the container is read by src/media.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import jpeg from 'jpeg-js';
import { PNG } from 'pngjs';
import { videoFacts, withVideo } from '../../../src/media/mp4';
import { makeClip } from '../../../src/simulator';
import { suiteSimulator } from '../../kit/simulator';
import { waitFor } from '../../kit/wait-for';

const AUTH = { authorization: 'Key k', 'content-type': 'application/json' };
const sim = suiteSimulator({ before, after });
const dir = mkdtempSync(join(tmpdir(), 'kling-clip-shape-'));
after(() => rmSync(dir, { recursive: true, force: true }));

type Rgb = [number, number, number];

function solidPng(w: number, h: number, [r, g, b]: Rgb): Buffer {
  const png = new PNG({ width: w, height: h });
  for (let i = 0; i < w * h; i++) png.data.set([r, g, b, 255], i * 4);
  return PNG.sync.write(png);
}
function solidJpeg(w: number, h: number, [r, g, b]: Rgb): Buffer {
  const data = Buffer.alloc(w * h * 4);
  for (let i = 0; i < w * h; i++) data.set([r, g, b, 255], i * 4);
  return jpeg.encode({ width: w, height: h, data }, 95).data;
}

interface Made {
  file: string;
  logs: string[];
}
let n = 0;
async function generate(endpoint: string, body: unknown): Promise<Made> {
  const r = await fetch(`${sim().url}/${endpoint}`, { method: 'POST', headers: AUTH, body: JSON.stringify(body) });
  assert.equal(r.status, 200, await r.clone().text());
  const job = (await r.json()) as { status_url: string; response_url: string };
  const logs = await waitFor(`${endpoint} to complete`, async () => {
    const s = (await (await fetch(`${job.status_url}?logs=1`, { headers: AUTH })).json()) as {
      status: string;
      logs: { message: string }[];
    };
    return s.status === 'COMPLETED' && s.logs.map(l => l.message);
  });
  const out = (await (await fetch(job.response_url, { headers: AUTH })).json()) as { video?: { url: string } };
  assert.ok(out.video, JSON.stringify(out));
  const file = join(dir, `clip-${++n}.mp4`);
  writeFileSync(file, Buffer.from(await (await fetch(out.video.url)).arrayBuffer()));
  return { file, logs };
}

async function facts(file: string) {
  return withVideo(file, 'mp4', async input => {
    const v = (await videoFacts(input, 1000))!;
    const audio = await input.getPrimaryAudioTrack();
    return { width: v.width, height: v.height, seconds: v.durationSeconds, fps: Math.round(v.fps!), audio: audio?.codec ?? null };
  });
}

function ffmpeg(args: string[]): Buffer {
  const r = spawnSync('ffmpeg', ['-v', 'error', ...args], { maxBuffer: 1 << 28 });
  assert.equal(r.status, 0, r.stderr?.toString());
  return r.stdout;
}

/** Frame `index` as RGB bytes. */
function frame(file: string, index: number): Buffer {
  const rgb = ffmpeg(['-i', file, '-vf', `select=eq(n\\,${index})`, '-frames:v', '1', '-f', 'rawvideo', '-pix_fmt', 'rgb24', '-']);
  assert.ok(rgb.length > 0, `frame ${index} of ${file}`);
  return rgb;
}

/** The RGB of frame `index` at `at` (x, y, the frame's width), or its mean over the whole frame. */
function pixel(file: string, index: number, at?: { x: number; y: number; width: number }): Rgb {
  const rgb = frame(file, index);
  if (at) {
    const i = (at.y * at.width + at.x) * 3;
    return [rgb[i]!, rgb[i + 1]!, rgb[i + 2]!];
  }
  const sum = [0, 0, 0];
  for (let i = 0; i < rgb.length; i += 3) for (let c = 0; c < 3; c++) sum[c]! += rgb[i + c]!;
  const px = rgb.length / 3;
  return sum.map(v => Math.round(v / px)) as Rgb;
}

function near(got: Rgb, want: Rgb, tolerance: number, what: string): void {
  assert.ok(
    got.every((v, i) => Math.abs(v - want[i]!) <= tolerance),
    `${what}: ${got.join(',')} is not within ${tolerance} of ${want.join(',')}`,
  );
}

/** Root mean square of the mono mix, in 16-bit sample units. */
function loudness(file: string): number {
  const pcm = ffmpeg(['-i', file, '-map', '0:a', '-ac', '1', '-f', 's16le', '-']);
  let sum = 0;
  for (let i = 0; i < pcm.length; i += 2) sum += pcm.readInt16LE(i) ** 2;
  return Math.sqrt(sum / (pcm.length / 2));
}

test('text-to-video: the aspect ratio and storyboard length asked for, at 24 fps with a short side of 360 px', async () => {
  const { file } = await generate('fal-ai/kling-video/v3/pro/text-to-video', {
    multi_prompt: [
      { prompt: 'a', duration: '3' },
      { prompt: 'b', duration: '4' },
    ],
    shot_type: 'customize',
    duration: '7',
    aspect_ratio: '9:16',
    generate_audio: false,
  });
  assert.deepEqual(await facts(file), { width: 360, height: 640, seconds: 7, fps: 24, audio: null });
  // The cut after 3 of 7 seconds (frame 72 of 168) changes the shot's colour; within a shot it stays.
  const border = (i: number) => pixel(file, i, { x: 2, y: 320, width: 360 });
  near(border(70), border(71), 12, 'within the first shot');
  const before = border(71),
    afterCut = border(72);
  assert.ok(Math.abs(before[2] - afterCut[2]) > 60, `border ${before.join(',')} → ${afterCut.join(',')} shows no cut`);
  // And the picture moves within a shot (the sweeping bar, the frame counter).
  assert.ok(!frame(file, 10).equals(frame(file, 60)), 'frames 10 and 60 are the same picture');

  const square = await generate('fal-ai/kling-video/o3/standard/text-to-video', { prompt: 'x', duration: '4', aspect_ratio: '1:1' });
  assert.deepEqual(await facts(square.file), { width: 360, height: 360, seconds: 4, fps: 24, audio: null });
});

test('image-to-video: the start image is the first frame and the end image the last, framed by the image', async () => {
  const orange: Rgb = [230, 120, 30],
    teal: Rgb = [20, 150, 140];
  const start = sim().addBuffer(solidPng(600, 900, orange), { fileName: 'start.png', contentType: 'image/png' });
  // The end image from another server on this machine, as a JPEG.
  const server = createServer((_req, res) => res.end(solidJpeg(600, 900, teal)));
  await new Promise<void>(r => server.listen(0, '127.0.0.1', r));
  try {
    const endUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}/end.jpg`;
    const { file, logs } = await generate('fal-ai/kling-video/v3/standard/image-to-video', {
      prompt: 'x',
      start_image_url: start.url,
      end_image_url: endUrl,
      duration: '5',
      generate_audio: false,
    });
    assert.deepEqual(await facts(file), { width: 360, height: 640, seconds: 5, fps: 24, audio: null });
    near(pixel(file, 0), orange, 10, 'first frame');
    near(pixel(file, 119), teal, 10, 'last frame');
    const middle = pixel(file, 60);
    assert.ok(middle[0] > teal[0] + 40 && middle[0] < orange[0] - 40, `the middle ${middle.join(',')} is between the two`);
    assert.deepEqual(
      logs.filter(l => /does without/.test(l)),
      [],
    );
  } finally {
    server.close();
  }
});

test('an image the simulator cannot decode or will not fetch is said in the logs, and the clip is made without it', async () => {
  const garbage = sim().addBuffer(Buffer.from('RIFF....WEBPVP8 not really'), { fileName: 'a.webp', contentType: 'image/webp' });
  const { file, logs } = await generate('fal-ai/kling-video/v3/pro/image-to-video', {
    prompt: 'x',
    start_image_url: garbage.url,
    end_image_url: 'https://example.com/end.png',
    duration: '3',
    generate_audio: false,
  });
  assert.equal((await facts(file)).seconds, 3);
  assert.ok(
    logs.some(l => /^start_image_url: it is neither a PNG nor a JPEG/.test(l)),
    logs.join('\n'),
  );
  assert.ok(
    logs.some(l => /^end_image_url: https:\/\/example\.com\/end\.png was not fetched/.test(l)),
    logs.join('\n'),
  );
});

test('sound: a tone when audio is on (V3 by default), no audio track when it is off or O3 is not asked', async () => {
  const loud = await generate('fal-ai/kling-video/v3/pro/text-to-video', { prompt: 'x', duration: '3' });
  assert.equal((await facts(loud.file)).audio, 'aac');
  const rms = loudness(loud.file);
  assert.ok(rms > 1000, `the tone is ${rms} RMS`);
  const off = await generate('fal-ai/kling-video/v3/pro/text-to-video', { prompt: 'x', duration: '3', generate_audio: false });
  assert.equal((await facts(off.file)).audio, null);
  const o3 = await generate('fal-ai/kling-video/o3/pro/text-to-video', { prompt: 'x', duration: '3' });
  assert.equal((await facts(o3.file)).audio, null);
});

test('video-to-video: the clip is as long as the input video and framed like it', async () => {
  const input = await makeClip({ durationS: 7, aspect: '9:16', shots: [7], audio: false });
  const video = sim().addBuffer(input.data, { fileName: 'motion.mp4', contentType: 'video/mp4' });
  const image = sim().addBuffer(solidPng(400, 700, [90, 90, 200]), { fileName: 'who.png', contentType: 'image/png' });
  const { file } = await generate('fal-ai/kling-video/v3/pro/motion-control', {
    image_url: image.url,
    video_url: video.url,
    character_orientation: 'video',
    keep_original_sound: false,
  });
  assert.deepEqual(await facts(file), { width: 360, height: 640, seconds: 7, fps: 24, audio: null });
});
