import assert from 'node:assert/strict';
import { test } from 'node:test';
import { brokenLabel } from '../../../src/webview/shot-editor/broken-label';

test('a media card that cannot draw its image says why, never "Not found" for a file that exists', () => {
  assert.equal(brokenLabel(['kling.image-format']), 'Not an image');
  assert.equal(brokenLabel(['kling.media-empty']), 'Empty file');
  assert.equal(brokenLabel(['kling.media-missing']), 'Not found');
  assert.equal(brokenLabel(['kling.media-outside-workspace']), 'Outside the workspace');
  assert.equal(brokenLabel([]), 'Cannot be shown');
});
