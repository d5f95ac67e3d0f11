// O3, V3 turbo and Kling 4.0 through the simulator's queue: fal's example input is accepted
// and the clip has sound only where the endpoint makes it.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { BufferSource, Input, MP4 } from 'mediabunny';
import { suiteSimulator } from '../../kit/simulator';
import { waitFor } from '../../kit/wait-for';

const AUTH = { authorization: 'Key k', 'content-type': 'application/json' };
const sim = suiteSimulator({ before, after });

async function generate(endpoint: string, body: unknown): Promise<{ duration: number; audio: boolean }> {
  const r = await fetch(`${sim().url}/${endpoint}`, { method: 'POST', headers: AUTH, body: JSON.stringify(body) });
  assert.equal(r.status, 200, await r.clone().text());
  const job = (await r.json()) as { status_url: string; response_url: string };
  await waitFor(`${endpoint} to complete`, async () => {
    const s = (await (await fetch(job.status_url, { headers: AUTH })).json()) as { status: string };
    return s.status === 'COMPLETED' || undefined;
  });
  const res = await fetch(job.response_url, { headers: AUTH });
  const out = (await res.json()) as { video: { url: string } };
  assert.ok(out.video, JSON.stringify(out));
  const input = new Input({ source: new BufferSource(Buffer.from(await (await fetch(out.video.url)).arrayBuffer())), formats: [MP4] });
  try {
    return {
      duration: await (await input.getPrimaryVideoTrack())!.computeDuration(),
      audio: (await input.getPrimaryAudioTrack()) !== null,
    };
  } finally {
    input.dispose();
  }
}

test('O3 pro reference-to-video: fal example accepted, silent by default, with sound when asked', async () => {
  const id = 'fal-ai/kling-video/o3/pro/reference-to-video';
  const body = {
    prompt: '@Element1 plays with the ball on @Image1',
    image_urls: ['https://example.com/table.png'],
    elements: [{ frontal_image_url: 'https://example.com/a.png', reference_image_urls: ['https://example.com/b.png'] }],
    multi_prompt: null,
    duration: '3',
  };
  assert.deepEqual(await generate(id, body), { duration: 3, audio: false });
  assert.equal((await generate(id, { ...body, generate_audio: true })).audio, true);
});

test('V3 turbo image-to-video: fal example accepted, never has sound', async () => {
  const id = 'fal-ai/kling-video/v3/turbo/standard/image-to-video';
  assert.deepEqual(
    await generate(id, { prompt: 'she smiles', image_url: 'https://example.com/a.png', multi_prompt: null, duration: '3' }),
    {
      duration: 3,
      audio: false,
    },
  );
});

test('O3 video-to-video edit and reference: fal examples accepted and answered with a clip', async () => {
  const edit = {
    prompt: 'Change environment to be fully snow as @Image1',
    video_url: 'https://example.com/in.mp4',
    image_urls: ['https://example.com/snow.png'],
    keep_audio: true,
    elements: null,
  };
  assert.equal((await generate('fal-ai/kling-video/o3/pro/video-to-video/edit', edit)).audio, false);
  const ref = { prompt: 'The street of @Video1 at night', video_url: 'https://example.com/in.mp4', aspect_ratio: 'auto', duration: '4' };
  assert.equal((await generate('fal-ai/kling-video/o3/standard/video-to-video/reference', ref)).duration, 4);
});

test("Kling 4.0 text-to-video: a clip past O3's 15 s with sound, as long as a storyboard of integer shots", async () => {
  assert.deepEqual(await generate('kling/v4/text-to-video', { prompt: 'a long take', duration: 16, resolution: '1080p' }), {
    duration: 16,
    audio: true,
  });
  const shots = {
    multi_prompt: [
      { prompt: 'dawn', duration: 2 },
      { prompt: 'noon', duration: 4 },
    ],
    duration: 6,
  };
  assert.equal((await generate('fal-ai/kling-video/v4/text-to-video', shots)).duration, 6);
});

test('Kling 4.0 reference-to-video and edit: fal examples accepted and answered with a clip', async () => {
  const ref = {
    prompt: '@Element1 and @Element2 are having dinner at the table in @Image1',
    image_urls: ['https://example.com/table.png'],
    video_urls: null,
    elements: [
      { frontal_image_url: 'https://example.com/a.png', reference_image_urls: ['https://example.com/b.png'] },
      { frontal_image_url: 'https://example.com/b.png', reference_image_urls: ['https://example.com/a.png'] },
    ],
    duration: 7,
  };
  assert.deepEqual(await generate('kling/v4/reference-to-video', ref), { duration: 7, audio: true });
  const edit = {
    prompt: 'Change the background to a tropical island at sunset.',
    video_url: 'https://example.com/in.mp4',
    image_urls: null,
  };
  assert.ok((await generate('fal-ai/kling-video/v4/video-to-video/edit', edit)).duration > 0);
});
