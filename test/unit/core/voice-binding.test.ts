// Issue 24 item 3: fal binds voices (`elements[].voice_id`) on V3 image-to-video and O3
// reference-to-video only; O3 video-to-video edit and reference elements have no voice_id.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { ENDPOINTS } from '../../../src/core';

function elementKeys(id: string): string[] | undefined {
  const entry = ENDPOINTS.find(e => e.id === id)!;
  const schema = entry.schema.toJSONSchema() as { properties?: Record<string, { items?: { properties?: Record<string, unknown> } }> };
  const items = schema.properties?.elements?.items;
  return items?.properties ? Object.keys(items.properties) : undefined;
}

test('elements[].voice_id exists where fal binds voices, and nowhere else', () => {
  const withVoice = ENDPOINTS.filter(e => elementKeys(e.id)?.includes('voice_id')).map(e => `${e.family} ${e.kind}`);
  assert.deepEqual([...new Set(withVoice)].sort(), ['o3 reference-to-video', 'v3 image-to-video']);
  for (const id of ['fal-ai/kling-video/o3/pro/video-to-video/edit', 'fal-ai/kling-video/o3/standard/video-to-video/reference']) {
    const keys = elementKeys(id);
    assert.ok(keys?.includes('frontal_image_url'), `${id} has image elements`);
    assert.ok(!keys?.includes('voice_id'), `${id} elements have no voice_id`);
  }
});
