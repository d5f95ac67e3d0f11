import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { MediaRef } from '../../../src/core';
import { isInside } from '../../../src/core';
import { bodyWithUploadPlaceholders, replaceAtPaths } from '../../../src/extension/generation/local-media';

const ref = (value: string, p: (string | number)[] = ['start_image_url']): MediaRef => ({
  path: p,
  value,
  role: 'start_image',
  kind: 'image',
  isLocal: !/^https?:/.test(value),
});

test('isInside', () => {
  assert.ok(isInside('/a/b', '/a/b/c.png'));
  assert.ok(isInside('/a/b', '/a/b'));
  assert.ok(!isInside('/a/b', '/a/bc/d.png'));
  assert.ok(!isInside('/a/b', '/a/b/../c.png'));
});

test('replaceAtPaths copies the body and swaps values at JSON paths; placeholders for Show Request Body', () => {
  const body = {
    start_image_url: './a.png',
    elements: [{ frontal_image_url: './f.png', reference_image_urls: ['./r1.png', 'https://x/r2.png'] }],
  };
  const out = replaceAtPaths(body, [{ path: ['elements', 0, 'reference_image_urls', 0], value: 'https://cdn/r1' }]);
  assert.deepEqual((out.elements as { reference_image_urls: string[] }[])[0]!.reference_image_urls, ['https://cdn/r1', 'https://x/r2.png']);
  assert.equal(body.elements[0]!.reference_image_urls[0], './r1.png', 'the input is untouched');
  const shown = bodyWithUploadPlaceholders(body, [
    ref('./a.png'),
    ref('./f.png', ['elements', 0, 'frontal_image_url']),
    ref('https://x/r2.png', ['elements', 0, 'reference_image_urls', 1]),
  ]);
  assert.equal(shown.start_image_url, '<uploaded to fal storage on submit: ./a.png>');
  assert.equal((shown.elements as { frontal_image_url: string }[])[0]!.frontal_image_url, '<uploaded to fal storage on submit: ./f.png>');
  assert.equal((shown.elements as { reference_image_urls: string[] }[])[0]!.reference_image_urls[1], 'https://x/r2.png');
});
