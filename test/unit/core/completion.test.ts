import { test } from 'node:test';
import assert from 'node:assert/strict';
import { completionsAt } from '../../../src/core';

const at = (text: string, marker = '|') => {
  const offset = text.indexOf(marker);
  return completionsAt(text.slice(0, offset) + text.slice(offset + 1), offset);
};

test('keys: the missing fields of the endpoint, with defaults or choices, and required ones preselected', () => {
  const items = at('{\n  "prompt": "x",\n  |\n}');
  const labels = items.map(i => i.label);
  assert.deepEqual(labels, [
    'multi_prompt',
    'duration',
    'generate_audio',
    'shot_type',
    'aspect_ratio',
    'negative_prompt',
    'cfg_scale',
    'endpoint',
  ]);
  assert.equal(items.find(i => i.label === 'cfg_scale')!.insertText, '"cfg_scale": ${1:0.5}');
  assert.equal(items.find(i => i.label === 'aspect_ratio')!.insertText, '"aspect_ratio": "${1|16:9,9:16,1:1|}"');
  assert.match(items.find(i => i.label === 'duration')!.documentation!, /Default: `"5"`/);
  const i2v = at('{\n  "endpoint": "image-to-video",\n  "|"\n}');
  const start = i2v.find(i => i.label === 'start_image_url')!;
  assert.equal(start.preselect, true);
  assert.deepEqual(start.replace, { offset: 36, length: 2 }, 'replaces the typed quotes');
  assert.ok(!i2v.some(i => i.label === 'aspect_ratio'), 'image-to-video has no aspect_ratio');
});

test('keys inside a storyboard shot and an element', () => {
  assert.deepEqual(
    at('{ "multi_prompt": [ { "prompt": "x", | } ] }').map(i => i.label),
    ['duration'],
  );
  assert.deepEqual(
    at('{ "start_image_url": "a.png", "elements": [ { | } ] }').map(i => i.label),
    ['frontal_image_url', 'reference_image_urls', 'video_url', 'voice_id'],
  );
});

test('values: enum values, booleans, endpoint names', () => {
  assert.deepEqual(
    at('{ "prompt": "x", "shot_type": "|" }').map(i => [i.label, i.preselect]),
    [
      ['"customize"', true],
      ['"intelligent"', false],
    ],
  );
  assert.deepEqual(
    at('{ "prompt": "x", "generate_audio": | }').map(i => i.label),
    ['true', 'false'],
  );
  assert.ok(at('{ "endpoint": "|" }').some(i => i.label === 'fal-ai/kling-video/v3/pro/motion-control'));
  assert.deepEqual(at('{ "prompt": "|" }'), []);
});

test('never throws on broken text', () => {
  for (const t of ['', '{', '[|', '{ "a": [ { "b": |', '"|']) assert.ok(Array.isArray(at(t.includes('|') ? t : `${t}|`)));
});
