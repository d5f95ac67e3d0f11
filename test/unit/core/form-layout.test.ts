// The shot editor's form comes from the registry: which cards, lists, references and settings each
// endpoint yields, and hovers that name each field's limits and default. Every entry is read, so an
// endpoint added to the registry is held to the same rules without a line here.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { ENDPOINTS, endpointLabel, entryFor, fieldInfo, fieldMarkdown, fieldsOf, formLayout, hoverInfo, limits } from '../../../src/core';

const form = (name: string) => formLayout(entryFor(name)!);

test('O3 reference-to-video: start and end image cards, the image list, elements with video, @Element and @Image', () => {
  const f = form('o3/pro/reference-to-video');
  assert.deepEqual(
    f.media.map(m => [m.key, m.kind, m.list, m.required, m.reference ?? '-']),
    [
      ['start_image_url', 'image', false, false, '-'],
      ['end_image_url', 'image', false, false, '-'],
      ['image_urls', 'image', true, false, 'Image'],
    ],
  );
  assert.deepEqual(f.elements, { video: true, max: 3 });
  assert.deepEqual(f.references, ['Element', 'Image']);
  assert.deepEqual(f.settings, ['duration', 'aspect_ratio', 'generate_audio', 'shot_type']);
  assert.equal(f.prompt && f.storyboard, true);
});

test('each kind gets its own form: V3, motion control, O3 image-to-video, turbo', () => {
  const t2v = form('text-to-video');
  assert.deepEqual([t2v.media, t2v.elements, t2v.references], [[], undefined, []]);
  assert.deepEqual(t2v.settings, ['duration', 'aspect_ratio', 'generate_audio', 'shot_type', 'cfg_scale', 'negative_prompt']);

  const i2v = form('image-to-video');
  assert.deepEqual(
    i2v.media.map(m => m.key),
    ['start_image_url', 'end_image_url'],
  );
  assert.deepEqual([i2v.elements, i2v.references], [{ video: true, max: 3 }, ['Element']]);

  const mc = form('motion-control');
  assert.deepEqual(
    mc.media.map(m => [m.key, m.kind, m.reference ?? '-']),
    [
      ['image_url', 'image', '-'],
      ['video_url', 'video', '-'],
    ],
    'the motion video lends its motion; the prompt does not name it',
  );
  assert.deepEqual([mc.elements, mc.storyboard, mc.lengthFromVideo], [{ video: false, max: 1 }, false, true]);
  assert.deepEqual(mc.settings, ['keep_original_sound', 'character_orientation']);

  const o3i2v = form('o3/standard/image-to-video');
  assert.deepEqual(
    o3i2v.media.map(m => [m.key, m.required]),
    [
      ['image_url', true],
      ['end_image_url', false],
    ],
  );
  assert.equal(o3i2v.elements, undefined);

  const turbo = form('turbo/pro/image-to-video');
  assert.deepEqual([turbo.media.map(m => m.key), turbo.settings], [['image_url'], ['duration']]);
});

test('every registry entry yields a form the editor can draw', () => {
  for (const e of ENDPOINTS) {
    const f = formLayout(e);
    const keys = new Set(fieldsOf(e.id).map(x => x.key));
    for (const m of f.media) assert.ok(keys.has(m.key), `${e.id}: media card ${m.key} is a field`);
    for (const s of f.settings) {
      const info = fieldInfo(e.id, s)!;
      assert.ok(info, `${e.id}: setting ${s} is a field`);
      assert.notEqual(info.media, 'image', `${e.id}: ${s} is media, not a setting`);
      assert.ok(!['array', 'object'].includes(info.type), `${e.id}: ${s} has a control`);
    }
    // Every top-level field shows somewhere: the prompt section, a card, the elements or a setting.
    const shown = new Set([...f.media.map(m => m.key), ...f.settings, 'prompt', 'multi_prompt', 'elements']);
    const missing = fieldsOf(e.id).filter(x => !x.key.includes('.') && !x.key.includes('[]') && !shown.has(x.key) && x.type !== 'object');
    assert.deepEqual(
      missing.map(x => x.key),
      [],
      `${e.id}: fields without a control`,
    );
    assert.equal(f.references.includes('Element'), f.elements !== undefined, `${e.id}: @Element exactly when it takes elements`);
    assert.doesNotMatch(endpointLabel(e), /undefined/);
  }
  const labels = ENDPOINTS.map(endpointLabel);
  assert.equal(new Set(labels).size, labels.length, `the endpoint picker tells every entry apart: ${labels.join(' | ')}`);
});

test('media fields carry their role: the list and its items, element files', () => {
  const list = fieldInfo('o3/pro/reference-to-video', 'image_urls')!;
  const item = fieldInfo('o3/pro/reference-to-video', 'image_urls[]')!;
  assert.deepEqual([list.role, list.media, item.role, item.media], ['image', undefined, 'image', 'image']);
  assert.equal(fieldInfo('image-to-video', ['elements', 0, 'video_url'])!.role, 'element_video');
  assert.equal(fieldInfo('motion-control', 'video_url')!.media, 'video');
  assert.equal(fieldInfo('text-to-video', 'duration')!.role, undefined);
});

test('hovers name the limits and default of each field, and the file limits of media', () => {
  const at = (text: string, key: string) => hoverInfo(text, text.indexOf(`"${key}"`) + 1)!.markdown;
  const r2v =
    '{ "endpoint": "o3/pro/reference-to-video", "prompt": "@Image1", "image_urls": ["./a.png"], "start_image_url": "./b.png", "duration": "5" }';
  const images = at(r2v, 'image_urls');
  assert.match(images, /Reference images/);
  assert.match(images, /Each item: File: JPG, PNG, WEBP; at most 10 MB; at least 300 px per side; aspect ratio 0\.4–2\.5/);
  assert.match(at(r2v, 'start_image_url'), /^File: JPG, PNG, WEBP; at most 10 MB/m);
  assert.match(at(r2v, 'duration'), /Default: `"5"`/);
  assert.match(at(r2v, 'duration'), /Allowed: `"3"`, `"4"`/);

  const mc = '{ "endpoint": "motion-control", "video_url": "./d.mp4", "image_url": "./a.png", "character_orientation": "video" }';
  assert.match(at(mc, 'video_url'), /a video of 3–30 s \(3–10 s with character_orientation "image"\); at most 200 MB/);

  const t2v = '{ "prompt": "a", "cfg_scale": 0.5, "negative_prompt": "x" }';
  assert.match(at(t2v, 'cfg_scale'), /Range: 0–1 · Default: `0\.5` · Optional/);
  assert.match(at(t2v, 'negative_prompt'), new RegExp(`Max length: ${limits.PROMPT_MAX} characters`));
  assert.match(at(t2v, 'prompt'), /Max length: 2500 characters · Optional/);
  assert.doesNotMatch(at(t2v, 'prompt'), /File:/, 'a text field names no file limits');

  const item = fieldInfo('o3/pro/reference-to-video', 'image_urls[]')!;
  assert.match(fieldMarkdown(item, 'x'), /^File: /m);
});

test('a whole-number field says so, and its range', () => {
  const f = {
    key: 'duration',
    name: 'duration',
    label: 'Duration',
    description: '',
    type: 'number',
    integer: true,
    required: false,
    minimum: 3,
    maximum: 30,
    default: 5,
  } as const;
  assert.match(fieldMarkdown(f, 'v4'), /Range: 3–30 · Whole numbers · Default: `5` · Optional/);
});
