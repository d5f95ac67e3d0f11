// Kling 4.0: both of fal's ids, integer durations up to 30 s, and the price by resolution with its
// video-input rate (input plus output seconds, at least twice the output).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { analyzeShot, estimateCost, lookupEndpoint, requestSeconds, validateRequestBody } from '../../../src/core';

const validateShotText = (text: string) => analyzeShot(text).diagnostics;

const T2V = 'kling/v4/text-to-video';
const at = (id: string) => ({ id, kind: lookupEndpoint(id)!.kind, tier: null, inferred: false });

test('Kling 4.0 answers to kling/v4/…, fal-ai/kling-video/v4/… and v4/…', () => {
  for (const kind of ['text-to-video', 'image-to-video']) {
    const entry = lookupEndpoint(`kling/v4/${kind}`);
    assert.equal(entry?.family, 'v4');
    assert.equal(entry?.tier, null);
    assert.equal(lookupEndpoint(`fal-ai/kling-video/v4/${kind}`), entry);
    assert.equal(lookupEndpoint(`v4/${kind}`), entry);
  }
});

test('720p and 1080p are priced at their own per-second figures, sound always on', () => {
  const c720 = estimateCost(at(T2V), { prompt: 'rain', duration: 10 });
  assert.deepEqual(c720 && { usd: c720.usd, perSecond: c720.perSecond, seconds: c720.seconds, audio: c720.audio }, {
    usd: 1.57,
    perSecond: 0.157,
    seconds: 10,
    audio: true,
  });
  const c1080 = estimateCost(at(T2V), { prompt: 'rain', duration: 10, resolution: '1080p' });
  assert.equal(c1080?.perSecond, 0.235);
  assert.equal(c1080?.usd, 2.35);
  assert.equal(
    estimateCost(at(T2V), { prompt: 'rain', duration: 10, resolution: '4k' }),
    undefined,
    'no price for a resolution fal has not',
  );
});

test('a duration runs 3…30 whole seconds as a number; a V3-style string is an error that says so', () => {
  assert.equal(requestSeconds(T2V, { duration: 30 }), 30);
  assert.equal(requestSeconds(T2V, { duration: 31 }), undefined);
  assert.equal(requestSeconds(T2V, { duration: '5' }), undefined);
  assert.equal(requestSeconds(T2V, {}), 5);
  assert.equal(requestSeconds('fal-ai/kling-video/v3/pro/text-to-video', { duration: '30' }), undefined, 'V3 keeps its 15 s');
  assert.deepEqual(validateRequestBody(T2V, { prompt: 'a long take', duration: 30 }), []);
  const d = validateShotText(JSON.stringify({ endpoint: T2V, prompt: 'x', duration: '5' }));
  const dur = d.find(x => x.code === 'kling.duration');
  assert.ok(dur, JSON.stringify(d));
  assert.match(dur.message, /whole number.*write 5 instead of "5"/);
});

test('a storyboard of integer shots sums to the clip, up to 30 s', () => {
  const shots = [
    { prompt: 'dawn', duration: 12 },
    { prompt: 'dusk', duration: 14 },
  ];
  assert.equal(requestSeconds(T2V, { multi_prompt: shots }), 26);
  assert.deepEqual(validateRequestBody(T2V, { multi_prompt: shots, duration: 26 }), []);
  const off = validateShotText(JSON.stringify({ endpoint: T2V, multi_prompt: shots, duration: 20 }));
  assert.ok(
    off.some(x => x.code === 'kling.shot-duration-sum'),
    JSON.stringify(off),
  );
  const long = validateShotText(JSON.stringify({ endpoint: T2V, multi_prompt: [...shots, { prompt: 'night', duration: 8 }] }));
  assert.ok(
    long.some(x => x.code === 'kling.shot-total-range' && /3–30/.test(x.message)),
    JSON.stringify(long),
  );
});

test('image-to-video: start_image_url is required and at most 8 keyframes go between', () => {
  const id = 'kling/v4/image-to-video';
  assert.deepEqual(
    validateRequestBody(id, { prompt: 'walk' }).map(d => d.loc.join('.')),
    ['body.start_image_url'],
  );
  const nine = Array.from({ length: 9 }, (_, i) => `https://example.com/k${i}.png`);
  assert.deepEqual(
    validateRequestBody(id, { prompt: 'walk', start_image_url: 'https://example.com/a.png', middle_image_urls: nine }).map(d =>
      d.loc.join('.'),
    ),
    ['body.middle_image_urls'],
  );
});

test('reference-to-video and edit answer to all three names', () => {
  for (const kind of ['reference-to-video', 'video-to-video/edit']) {
    const entry = lookupEndpoint(`kling/v4/${kind}`);
    assert.equal(entry?.kind, kind);
    assert.equal(lookupEndpoint(`fal-ai/kling-video/v4/${kind}`), entry);
    assert.equal(lookupEndpoint(`v4/${kind}`), entry);
  }
});

test('reference-to-video: text and images at the generate figure, a reference video at the video-input figure', () => {
  const id = 'kling/v4/reference-to-video';
  const images = { prompt: 'dinner in @Image1', image_urls: ['https://example.com/a.png'], duration: 10 };
  assert.equal(estimateCost(at(id), images)?.perSecond, 0.157);
  const video = { prompt: '@Video1 at night', video_urls: ['https://example.com/in.mp4'], duration: 10, resolution: '1080p' };
  const probed = estimateCost(at(id), video, undefined, { videoSeconds: 4 });
  assert.deepEqual(probed && { perSecond: probed.perSecond, billed: probed.billedSeconds, usd: probed.usd }, {
    perSecond: 0.141,
    billed: 20,
    usd: 2.82,
  });
  const element = { prompt: '@Element1 waves', elements: [{ video_url: 'https://example.com/e.mp4' }], duration: 5 };
  assert.equal(estimateCost(at(id), element, undefined, { videoSeconds: 12 })?.billedSeconds, 17, 'input plus output');
});

test('edit: as long as its input video, billed at least twice that', () => {
  const id = 'kling/v4/video-to-video/edit';
  const body = { prompt: 'snow on @Video1', video_url: 'https://example.com/in.mp4' };
  assert.deepEqual(validateRequestBody(id, body), []);
  assert.equal(requestSeconds(id, body, 12), 12);
  const cost = estimateCost(at(id), body, undefined, { videoSeconds: 12 });
  assert.deepEqual(cost && { seconds: cost.seconds, billed: cost.billedSeconds, perSecond: cost.perSecond }, {
    seconds: 12,
    billed: 24,
    perSecond: 0.094,
  });
  assert.deepEqual(
    validateRequestBody(id, { prompt: 'snow' }).map(d => d.loc.join('.')),
    ['body.video_url'],
  );
});

test("O3's cap of 4 elements and images with a video does not apply to Kling 4.0", () => {
  const images = Array.from({ length: 5 }, (_, i) => `https://example.com/i${i}.png`);
  const prompt = images.map((_, i) => `@Image${i + 1}`).join(' ') + ' with @Element1';
  const body = { prompt, image_urls: images, elements: [{ video_url: 'https://example.com/e.mp4' }], duration: 5 };
  const codes = (endpoint: string) => validateShotText(JSON.stringify({ endpoint, ...body })).map(d => d.code);
  assert.ok(!codes('kling/v4/reference-to-video').includes('kling.reference-total'));
  assert.ok(codes('o3/pro/reference-to-video').includes('kling.reference-total'), 'O3 keeps it');
});
