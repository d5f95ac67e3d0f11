// When a clip is far enough from the length its request asked for to be noted.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { durationMismatch } from '../../../src/media/clip-duration';

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
