// The length a request asks for, and when a clip is far enough from it to be noted.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { durationMismatch, requestedSeconds } from '../../../src/media/clip-duration';

const T2V = 'fal-ai/kling-video/v3/pro/text-to-video';

test('requested length: duration, else the storyboard sum, else 5 s; none for motion control', () => {
  assert.equal(requestedSeconds(T2V, { duration: '10' }), 10);
  assert.equal(requestedSeconds(T2V, { duration: 7 }), 7);
  assert.equal(requestedSeconds(T2V, { multi_prompt: [{ prompt: 'a', duration: '2' }, { prompt: 'b' }] }), 7);
  assert.equal(requestedSeconds(T2V, { multi_prompt: [{ prompt: 'a', duration: 'long' }] }), undefined);
  assert.equal(requestedSeconds(T2V, { prompt: 'x', duration: null }), 5);
  assert.equal(requestedSeconds('fal-ai/kling-video/v3/pro/motion-control', { duration: '5' }), undefined);
});

test('a mismatch is more than a second off, either way', () => {
  assert.equal(durationMismatch(5, 5.04), undefined);
  assert.equal(durationMismatch(5, 6), undefined);
  assert.equal(durationMismatch(undefined, 30), undefined);
  assert.deepEqual(durationMismatch(10, 5.041), {
    requestedSeconds: 10,
    actualSeconds: 5.04,
    message: 'The clip is 5.04 s long but 10 s were requested; it was kept.',
  });
  assert.equal(durationMismatch(5, 3.9)?.actualSeconds, 3.9);
});
