// O3 video-to-video edit and reference: inference, the input video's limits (schema's as errors,
// the stricter prose as a warning), the "Maximum 4 total" prose as a warning, and the price on
// the input video's length.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { analyzeShot, BUILT_IN_PRICES_AS_OF, estimateCost, resolveEndpoint, validateRequestBody } from '../../../src/core';
import { clipFindings } from '../../../src/core/media/clip-limits';
import { O3_SOURCE_VIDEO } from '../../../src/core/registry/o3';
import type { MediaRef } from '../../../src/core';

const EDIT = 'fal-ai/kling-video/o3/pro/video-to-video/edit';
const ref: MediaRef = { path: ['video_url'], value: 'in.mp4', role: 'source_video', kind: 'video', isLocal: true, limits: O3_SOURCE_VIDEO };

test('a body with a video and no character image infers as video-to-video', () => {
  assert.equal(resolveEndpoint({ prompt: 'snow', video_url: 'https://example.com/a.mp4' }).id, EDIT);
  assert.equal(
    resolveEndpoint({ prompt: 'snow', video_url: 'https://example.com/a.mp4', duration: '5' }).id,
    'fal-ai/kling-video/o3/pro/video-to-video/reference',
  );
});

test('prompt and video_url are required', () => {
  assert.deepEqual(
    validateRequestBody(EDIT, {}).map(d => d.loc.join('.')),
    ['body.prompt', 'body.video_url'],
  );
});

test("the input video: 12 s is within fal's schema but beyond its prose, so a warning; 20 s is an error", () => {
  assert.deepEqual(
    clipFindings(ref, { kind: 'video', duration: 12, width: 1280, height: 720 }).map(f => f.code),
    ['kling.video-prose-limit'],
  );
  assert.deepEqual(
    clipFindings(ref, { kind: 'video', duration: 20, width: 1280, height: 720 }).map(f => f.code),
    ['kling.video-duration'],
  );
  assert.deepEqual(
    clipFindings(ref, { kind: 'video', duration: 8, width: 3000, height: 1700 }).map(f => f.code),
    ['kling.video-prose-limit'],
  );
  assert.deepEqual(
    clipFindings(ref, { kind: 'video', duration: 8, width: 640, height: 360 }).map(f => f.code),
    ['kling.video-dimensions'],
  );
  assert.deepEqual(clipFindings(ref, { kind: 'video', duration: 8, width: 1920, height: 1080 }), []);
});

test('more than 4 elements and images with a video is a warning naming why', () => {
  const text = JSON.stringify({
    endpoint: 'o3/pro/video-to-video/edit',
    prompt: '@Video1 with @Element1 @Element2 @Element3 in @Image1 and @Image2',
    video_url: 'https://example.com/a.mp4',
    image_urls: ['https://example.com/1.png', 'https://example.com/2.png'],
    elements: [1, 2, 3].map(i => ({
      frontal_image_url: `https://example.com/f${i}.png`,
      reference_image_urls: ['https://example.com/r.png'],
    })),
  });
  const d = analyzeShot(text).diagnostics.filter(x => x.code === 'kling.reference-total');
  assert.equal(d.length, 1);
  assert.equal(d[0]!.severity, 'warning');
  assert.match(d[0]!.message, /at most 4/);
});

test('edit is priced on the input video length; reference on its duration', () => {
  const edit = { id: EDIT, kind: 'video-to-video/edit', tier: 'pro', inferred: false } as const;
  assert.equal(estimateCost(edit, { prompt: 'a', video_url: 'x.mp4' }), undefined, 'no length without the probe');
  assert.deepEqual(estimateCost(edit, { prompt: 'a', video_url: 'x.mp4' }, undefined, { videoSeconds: 8 }), {
    usd: 2.688,
    seconds: 8,
    perSecond: 0.336,
    audio: false,
    source: { kind: 'built-in', asOf: BUILT_IN_PRICES_AS_OF },
  });
  const ref2 = {
    id: 'fal-ai/kling-video/o3/standard/video-to-video/reference',
    kind: 'video-to-video/reference',
    tier: 'standard',
    inferred: false,
  } as const;
  assert.equal(estimateCost(ref2, { prompt: 'a', video_url: 'x.mp4', duration: '10' })?.usd, 2.52);
});
