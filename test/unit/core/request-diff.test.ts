// diffRequests: what differs between two takes' requests, for the compare view.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { diffRequests } from '../../../src/core';

const T2V = 'fal-ai/kling-video/v3/pro/text-to-video';
const I2V = 'fal-ai/kling-video/v3/pro/image-to-video';

describe('diffRequests', () => {
  test('the same request: nothing differs', () => {
    const r = { endpointId: T2V, body: { prompt: 'a boat', duration: '5' } };
    assert.deepEqual(diffRequests(r, structuredClone(r)), { settings: [], media: [] });
  });

  test('prompt words: what only the first has, only the second, and both', () => {
    const d = diffRequests(
      { endpointId: T2V, body: { prompt: 'a red paper boat at dusk' } },
      { endpointId: T2V, body: { prompt: 'a blue paper boat at dusk' } },
    );
    assert.deepEqual(
      d.prompt?.filter(p => p.in !== 'both').map(p => [p.in, p.text.trim()]),
      [
        ['a', 'red'],
        ['b', 'blue'],
      ],
    );
    // Put back together, each side is its own prompt.
    assert.equal(
      d.prompt
        ?.filter(p => p.in !== 'b')
        .map(p => p.text)
        .join(''),
      'a red paper boat at dusk',
    );
    assert.equal(
      d.prompt
        ?.filter(p => p.in !== 'a')
        .map(p => p.text)
        .join(''),
      'a blue paper boat at dusk',
    );
  });

  test('settings side by side: changed, only in one, values as text', () => {
    const d = diffRequests(
      { endpointId: T2V, body: { prompt: 'x', duration: '5', cfg_scale: 0.5, negative_prompt: 'blur', generate_audio: true } },
      { endpointId: T2V, body: { prompt: 'x', duration: '10', cfg_scale: 0.5, generate_audio: false, aspect_ratio: '9:16' } },
    );
    assert.equal(d.prompt, undefined);
    assert.deepEqual(d.settings, [
      { key: 'duration', a: '5', b: '10' },
      { key: 'negative_prompt', a: 'blur' },
      { key: 'generate_audio', a: 'true', b: 'false' },
      { key: 'aspect_ratio', b: '9:16' },
    ]);
  });

  test('media by path, elements compared without their URLs, endpoint and storyboard shots', () => {
    const d = diffRequests(
      {
        endpointId: I2V,
        body: {
          start_image_url: 'https://x/a.png',
          multi_prompt: [{ prompt: 'one', duration: '3' }],
          elements: [{ frontal_image_url: 'https://x/f1.png', reference_image_urls: ['https://x/r.png'] }],
        },
      },
      {
        endpointId: T2V,
        body: {
          start_image_url: 'https://x/b.png',
          multi_prompt: [{ prompt: 'one', duration: '4' }],
          elements: [{ frontal_image_url: 'https://x/f2.png', reference_image_urls: ['https://x/r.png'] }],
        },
      },
    );
    assert.deepEqual(d.endpoint, { a: I2V, b: T2V });
    assert.ok(d.prompt?.some(p => p.in === 'a' && p.text.includes('3')));
    // Only the first is image-to-video: its media are listed, the second sent none an endpoint reads.
    assert.deepEqual(d.media, [
      { key: 'start_image_url', a: 'https://x/a.png' },
      { key: 'elements[0].frontal_image_url', a: 'https://x/f1.png' },
      { key: 'elements[0].reference_image_urls[0]', a: 'https://x/r.png' },
    ]);
    assert.deepEqual(d.settings, [], 'the elements differ only in media');
  });

  test('two image-to-video takes: the changed image only', () => {
    const d = diffRequests(
      { endpointId: I2V, body: { prompt: 'p', start_image_url: 'https://x/a.png', elements: [{ frontal_image_url: 'https://x/f.png' }] } },
      { endpointId: I2V, body: { prompt: 'p', start_image_url: 'https://x/b.png', elements: [{ frontal_image_url: 'https://x/f.png' }] } },
    );
    assert.deepEqual(d, { settings: [], media: [{ key: 'start_image_url', a: 'https://x/a.png', b: 'https://x/b.png' }] });
  });
});
