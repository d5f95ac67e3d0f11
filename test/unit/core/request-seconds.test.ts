// The length a request asks for: one answer for the price, the take list, the clip check and billing.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { estimateCost, requestSeconds, resolveEndpoint } from '../../../src/core';

const T2V = 'fal-ai/kling-video/v3/pro/text-to-video';
const MC = 'fal-ai/kling-video/v3/pro/motion-control';

test('duration, else the storyboard sum, else 5 s', () => {
  assert.equal(requestSeconds(T2V, { duration: '10' }), 10);
  assert.equal(requestSeconds(T2V, { multi_prompt: [{ prompt: 'a', duration: '2' }, { prompt: 'b' }] }), 7);
  assert.equal(requestSeconds(T2V, { multi_prompt: [{ prompt: 'a', duration: '4' }], duration: '4' }), 4);
  assert.equal(requestSeconds(T2V, { prompt: 'x', duration: null }), 5);
  assert.equal(requestSeconds(T2V, { prompt: 'x' }), 5);
  assert.equal(requestSeconds('text-to-video', { duration: '15' }), 15, 'an endpoint kind is enough');
});

test('a length fal would refuse is no length', () => {
  assert.equal(requestSeconds(T2V, { duration: 7 }), undefined, 'a number, not a string');
  assert.equal(requestSeconds(T2V, { duration: '20' }), undefined);
  assert.equal(requestSeconds(T2V, { multi_prompt: [{ prompt: 'a', duration: 'long' }] }), undefined);
});

test('motion control follows its reference video', () => {
  assert.equal(requestSeconds(MC, { duration: '5' }), undefined);
  assert.equal(requestSeconds(MC, {}, 8.5), 8.5);
  assert.equal(requestSeconds('motion-control', {}, 0), undefined);
});

test('the price counts the seconds the request asks for', () => {
  const storyboard = { multi_prompt: [{ prompt: 'a', duration: '3' }, { prompt: 'b' }] };
  assert.equal(estimateCost(resolveEndpoint(storyboard), storyboard)?.seconds, requestSeconds(T2V, storyboard));
  const motion = { image_url: 'i', video_url: 'v', character_orientation: 'image' };
  assert.equal(estimateCost(resolveEndpoint(motion), motion, undefined, { videoSeconds: 6 })?.seconds, 6);
});
