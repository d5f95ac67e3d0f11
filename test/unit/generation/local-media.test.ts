import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import type { MediaRef } from '../../../src/core';
import { isInside } from '../../../src/core';
import {
  bodyWithUploadPlaceholders,
  MediaOutsideWorkspaceError,
  replaceAtPaths,
  resolveLocalMedia,
} from '../../../src/extension/generation/local-media';

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

test('local media resolve against the shot file; symlinks leaving the workspace are refused', async () => {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'kling-media-'));
  const ws = path.join(root, 'ws');
  const outside = path.join(root, 'secret.png');
  fs.mkdirSync(path.join(ws, 'refs'), { recursive: true });
  fs.writeFileSync(path.join(ws, 'refs', 'a.png'), 'x');
  fs.writeFileSync(outside, 'secret');
  fs.symlinkSync(outside, path.join(ws, 'refs', 'link.png'));
  const shot = path.join(ws, 'hero.kling.json');
  try {
    const ok = await resolveLocalMedia(shot, [ref('./refs/a.png'), ref('https://example.com/x.png')], [ws]);
    assert.equal(ok.length, 1, 'URLs are not local media');
    assert.equal(ok[0]!.realPath, fs.realpathSync(path.join(ws, 'refs', 'a.png')));
    await assert.rejects(resolveLocalMedia(shot, [ref('./refs/link.png')], [ws]), MediaOutsideWorkspaceError);
    await assert.rejects(resolveLocalMedia(shot, [ref('../secret.png')], [ws]), MediaOutsideWorkspaceError);
    await assert.rejects(resolveLocalMedia(shot, [ref('./refs/missing.png')], [ws]), /ENOENT/);
  } finally {
    fs.rmSync(root, { recursive: true, force: true });
  }
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
