import { test } from 'node:test';
import assert from 'node:assert/strict';
import { resolveEndpoint, ENDPOINT_IDS, ENDPOINT_ALIASES, analyzeShot } from '../../../src/core';

test('endpoint ids cover V3 t2v/i2v (pro, standard, 4k) and motion-control (pro, standard), O3 (9 + 4 video-to-video), turbo (4), Kling 4.0 and create-voice', () => {
  assert.equal(ENDPOINT_IDS.length, 8 + 9 + 4 + 4 + 4 + 1);
  assert.ok(ENDPOINT_IDS.includes('fal-ai/kling-video/v3/4k/image-to-video'));
  assert.ok(!ENDPOINT_IDS.some(id => id.includes('4k/motion-control')));
  assert.equal(ENDPOINT_ALIASES['text-to-video'], 'fal-ai/kling-video/v3/pro/text-to-video');
  assert.equal(ENDPOINT_ALIASES['v3/standard/image-to-video'], 'fal-ai/kling-video/v3/standard/image-to-video');
  assert.equal(ENDPOINT_ALIASES['standard/motion-control'], 'fal-ai/kling-video/v3/standard/motion-control');
});

test('explicit endpoint: full id and aliases', () => {
  assert.deepEqual(resolveEndpoint({ endpoint: 'fal-ai/kling-video/v3/standard/text-to-video' }), {
    id: 'fal-ai/kling-video/v3/standard/text-to-video',
    kind: 'text-to-video',
    tier: 'standard',
    inferred: false,
  });
  assert.deepEqual(resolveEndpoint({ endpoint: '4k/image-to-video' }), {
    id: 'fal-ai/kling-video/v3/4k/image-to-video',
    kind: 'image-to-video',
    tier: '4k',
    inferred: false,
  });
});

test('inference from fields', () => {
  assert.equal(resolveEndpoint({ prompt: 'a' }).kind, 'text-to-video');
  assert.equal(resolveEndpoint({ start_image_url: 'x' }).kind, 'image-to-video');
  assert.equal(resolveEndpoint({ character_orientation: 'video' }).kind, 'motion-control');
  assert.equal(resolveEndpoint({ image_url: 'a', video_url: 'b' }).kind, 'motion-control');
  assert.equal(resolveEndpoint({ image_url: 'a' }).kind, 'text-to-video');
  const r = resolveEndpoint({ endpoint: 'nope', start_image_url: 'x' });
  assert.deepEqual(r, { id: 'fal-ai/kling-video/v3/pro/image-to-video', kind: 'image-to-video', tier: 'pro', inferred: true });
  assert.equal(resolveEndpoint(undefined).kind, 'text-to-video');
  assert.equal(analyzeShot('{"start_image_url": "https://a/b.png", "prompt": "x"}').endpoint.inferred, true);
});
