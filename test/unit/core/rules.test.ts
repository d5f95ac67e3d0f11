// Every rule: a passing and a failing case, asserting code, path and the exact source range.
import { test, describe } from 'node:test';
import assert from 'node:assert/strict';
import { analyzeShot } from '../../../src/core';
import { expectDiag, expectNo, expectClean, codes } from './helpers/expect';

const T2V = `{
  "prompt": "A fox runs through snow",
  "duration": "5",
  "aspect_ratio": "16:9"
}`;
const SHOTS = `{
  "multi_prompt": [
    { "prompt": "Wide: a harbour at dawn", "duration": "4" },
    { "prompt": "Close: a gull lands", "duration": "3" }
  ],
  "duration": "7"
}`;
const I2V = `{
  "start_image_url": "https://example.com/start.png",
  "prompt": "@Element1 waves at @Element2",
  "elements": [
    { "frontal_image_url": "https://example.com/a.png", "reference_image_urls": ["https://example.com/a2.png"] },
    { "video_url": "https://example.com/b.mp4" }
  ]
}`;
const MC = `{
  "image_url": "https://example.com/dancer.png",
  "video_url": "https://example.com/dance.mp4",
  "character_orientation": "video",
  "prompt": "@Element1 dances",
  "elements": [{ "frontal_image_url": "https://example.com/face.png" }]
}`;

describe('valid bases are clean', () => {
  for (const [name, text] of Object.entries({ T2V, SHOTS, I2V, MC })) test(name, () => expectClean(text));
});

describe('prompt rules', () => {
  test('kling.prompt-xor', () => {
    const bad = T2V.replace('"duration": "5"', '"multi_prompt": [{ "prompt": "a", "duration": "5" }],\n  "duration": "5"');
    expectDiag(bad, 'kling.prompt-xor', ['prompt'], '"prompt"');
    expectNo(T2V, 'kling.prompt-xor');
  });
  test('kling.prompt-required (neither)', () => {
    const bad = `{\n  "duration": "5"\n}`;
    expectDiag(bad, 'kling.prompt-required', [], '{');
    expectNo(T2V, 'kling.prompt-required');
  });
  test('kling.prompt-required (empty prompt)', () => {
    expectDiag(T2V.replace('"A fox runs through snow"', '"  "'), 'kling.prompt-required', ['prompt'], '"  "');
  });
  test('kling.prompt-length', () => {
    const long = 'x'.repeat(2501);
    expectDiag(T2V.replace('A fox runs through snow', long), 'kling.prompt-length', ['prompt'], `"${long}"`);
    expectNo(T2V.replace('A fox runs through snow', 'x'.repeat(2500)), 'kling.prompt-length');
    const neg = T2V.replace('"duration"', `"negative_prompt": "${long}",\n  "duration"`);
    expectDiag(neg, 'kling.prompt-length', ['negative_prompt'], `"${long}"`);
  });
  test('kling.shot-type warns on intelligent with multi_prompt', () => {
    const bad = SHOTS.replace('"duration": "7"', '"duration": "7",\n  "shot_type": "intelligent"');
    expectDiag(bad, 'kling.shot-type', ['shot_type'], '"intelligent"');
    expectNo(SHOTS.replace('"duration": "7"', '"duration": "7",\n  "shot_type": "customize"'), 'kling.shot-type');
  });
});

describe('duration', () => {
  test('kling.duration-type (number) with fix data', () => {
    const d = expectDiag(T2V.replace('"duration": "5"', '"duration": 5'), 'kling.duration-type', ['duration'], '5');
    assert.deepEqual(d.data, { value: '5' });
    assert.equal(d.severity, 'error');
  });
  test('kling.duration (out of enum)', () => {
    expectDiag(T2V.replace('"duration": "5"', '"duration": "16"'), 'kling.duration', ['duration'], '"16"');
    expectNo(T2V.replace('"duration": "5"', '"duration": "15"'), 'kling.duration');
  });
  test('kling.duration-type on a shot', () => {
    const d = expectDiag(SHOTS.replace('"duration": "4"', '"duration": 4'), 'kling.duration-type', ['multi_prompt', 0, 'duration'], '4');
    assert.deepEqual(d.data, { value: '4' });
  });
  test('kling.shot-duration (out of enum)', () => {
    expectDiag(SHOTS.replace('"duration": "4"', '"duration": "0"'), 'kling.shot-duration', ['multi_prompt', 0, 'duration'], '"0"');
  });
});

describe('storyboard', () => {
  test('kling.shot-duration-sum', () => {
    const bad = SHOTS.replace('"duration": "7"', '"duration": "8"');
    const d = expectDiag(bad, 'kling.shot-duration-sum', ['duration'], '"8"');
    assert.deepEqual(d.data, { sum: 7, duration: 8, durationExplicit: true, shotDurations: [4, 3] });
  });
  test('kling.shot-duration-sum against the default duration', () => {
    const bad = SHOTS.replace(',\n  "duration": "7"', '');
    const d = expectDiag(bad, 'kling.shot-duration-sum', ['multi_prompt'], '"multi_prompt"');
    assert.deepEqual(d.data, { sum: 7, duration: 5, durationExplicit: false, shotDurations: [4, 3] });
  });
  test('missing shot durations count as 5', () => {
    expectClean(`{ "multi_prompt": [{ "prompt": "a" }], "duration": "5" }`);
  });
  test('kling.shot-total-range', () => {
    const bad = SHOTS.replace('"duration": "4"', '"duration": "14"').replace('"duration": "7"', '"duration": "15"');
    expectDiag(bad, 'kling.shot-total-range', ['multi_prompt'], '"multi_prompt"');
    expectNo(SHOTS, 'kling.shot-total-range');
  });
  test('kling.shot-count (7 shots)', () => {
    const shots = Array.from({ length: 7 }, () => '{ "prompt": "p", "duration": "2" }').join(', ');
    const bad = `{ "multi_prompt": [${shots}], "duration": "14" }`;
    expectDiag(bad, 'kling.shot-count', ['multi_prompt'], `[${shots}]`);
    const six = Array.from({ length: 6 }, () => '{ "prompt": "p", "duration": "2" }').join(', ');
    expectClean(`{ "multi_prompt": [${six}], "duration": "12" }`);
  });
  test('kling.shot-count (empty)', () => {
    expectDiag(`{ "multi_prompt": [], "duration": "5" }`, 'kling.shot-count', ['multi_prompt'], '[]');
  });
  test('kling.shot-prompt-required', () => {
    const bad = SHOTS.replace('{ "prompt": "Close: a gull lands", "duration": "3" }', '{ "duration": "3" }');
    expectDiag(bad, 'kling.shot-prompt-required', ['multi_prompt', 1, 'prompt'], '{ "duration": "3" }');
    expectDiag(SHOTS.replace('"Close: a gull lands"', '""'), 'kling.shot-prompt-required', ['multi_prompt', 1, 'prompt'], '""');
  });
  test('kling.shot-prompt-length', () => {
    const long = 'y'.repeat(513);
    expectDiag(SHOTS.replace('Close: a gull lands', long), 'kling.shot-prompt-length', ['multi_prompt', 1, 'prompt'], `"${long}"`);
    expectNo(SHOTS.replace('Close: a gull lands', 'y'.repeat(512)), 'kling.shot-prompt-length');
  });
});

describe('fields', () => {
  test('kling.enum', () => {
    expectDiag(T2V.replace('"16:9"', '"4:3"'), 'kling.enum', ['aspect_ratio'], '"4:3"');
  });
  test('kling.range (cfg_scale)', () => {
    const bad = T2V.replace('"duration": "5"', '"duration": "5",\n  "cfg_scale": 1.5');
    expectDiag(bad, 'kling.range', ['cfg_scale'], '1.5');
    expectClean(T2V.replace('"duration": "5"', '"duration": "5",\n  "cfg_scale": 1'));
  });
  test('kling.type', () => {
    expectDiag(T2V.replace('"duration": "5"', '"duration": "5",\n  "generate_audio": "yes"'), 'kling.type', ['generate_audio'], '"yes"');
    expectDiag(T2V.replace('"A fox runs through snow"', '42'), 'kling.type', ['prompt'], '42');
  });
  test('kling.required (start_image_url)', () => {
    const bad = I2V.replace('"start_image_url": "https://example.com/start.png",\n', '');
    // Without start_image_url the file infers as text-to-video; name the endpoint to keep image-to-video.
    const named = bad.replace('{\n', '{\n  "endpoint": "image-to-video",\n');
    expectDiag(named, 'kling.required', ['start_image_url'], '{');
  });
  test('kling.orientation-required', () => {
    const bad = MC.replace('  "character_orientation": "video",\n', '').replace('{\n', '{\n  "endpoint": "motion-control",\n');
    expectDiag(bad, 'kling.orientation-required', ['character_orientation'], '{');
  });
  test('kling.endpoint', () => {
    expectDiag(
      T2V.replace('{\n', '{\n  "endpoint": "fal-ai/kling-video/o3/4k/video-to-video/edit",\n'),
      'kling.endpoint',
      ['endpoint'],
      '"fal-ai/kling-video/o3/4k/video-to-video/edit"',
    );
    expectDiag(T2V.replace('{\n', '{\n  "endpoint": 3,\n'), 'kling.endpoint', ['endpoint'], '3');
    expectClean(T2V.replace('{\n', '{\n  "endpoint": "v3/standard/text-to-video",\n'));
  });
});

describe('unknown keys', () => {
  test('kling.unknown-key suggests the nearest key', () => {
    const d = expectDiag(T2V.replace('"aspect_ratio"', '"aspect_ration"'), 'kling.unknown-key', ['aspect_ration'], '"aspect_ration"');
    assert.match(d.message, /did you mean "aspect_ratio"\?/i);
    assert.deepEqual(d.data, { key: 'aspect_ration', suggestion: 'aspect_ratio' });
    assert.equal(d.severity, 'warning');
  });
  test('kling.other-endpoint-key names the endpoint', () => {
    const bad = T2V.replace('"duration": "5"', '"duration": "5",\n  "keep_original_sound": true');
    const d = expectDiag(bad, 'kling.other-endpoint-key', ['keep_original_sound'], '"keep_original_sound"');
    assert.match(d.message, /motion-control/);
  });
  test('unknown keys inside shots and elements', () => {
    expectDiag(SHOTS.replace('"prompt": "Wide', '"promt": "Wide'), 'kling.unknown-key', ['multi_prompt', 0, 'promt'], '"promt"');
    expectDiag(
      I2V.replace('"video_url": "https://example.com/b.mp4"', '"video_url": "https://example.com/b.mp4", "voice": "v1"'),
      'kling.unknown-key',
      ['elements', 1, 'voice'],
      '"voice"',
    );
  });
  test('"$schema" and "endpoint" are not unknown', () => {
    expectClean(T2V.replace('{\n', '{\n  "$schema": "../schemas/kling-shot.schema.json",\n  "endpoint": "text-to-video",\n'));
  });
  test('kling.duplicate-key marks the ignored occurrence', () => {
    const bad = T2V.replace('"duration": "5"', '"duration": "7",\n  "duration": "5"');
    expectDiag(bad, 'kling.duplicate-key', ['duration'], '"duration"', 0);
  });
});

describe('elements', () => {
  test('kling.element-ref with exact substring range', () => {
    const bad = I2V.replace('@Element1 waves at @Element2', '@Element1 waves at @Element2 and @Element3');
    const d = expectDiag(bad, 'kling.element-ref', ['prompt'], '@Element3');
    assert.deepEqual(d.data, { ref: 3, elementCount: 2 });
  });
  test('kling.element-ref range follows escapes', () => {
    const bad = I2V.replace('@Element1 waves at @Element2', '\\"Hi\\"\\n\\u00e9 @Element1 @Element2 @Element9');
    expectDiag(bad, 'kling.element-ref', ['prompt'], '@Element9');
  });
  test('kling.element-ref in a shot prompt', () => {
    const bad = `{ "start_image_url": "https://e.com/s.png", "multi_prompt": [{ "prompt": "@Element1 jumps", "duration": "5" }] }`;
    expectDiag(bad, 'kling.element-ref', ['multi_prompt', 0, 'prompt'], '@Element1');
  });
  test('kling.element-ref on text-to-video', () => {
    expectDiag(T2V.replace('A fox', '@Element1 fox'), 'kling.element-ref', ['prompt'], '@Element1');
  });
  test('kling.element-unused', () => {
    const bad = I2V.replace(' at @Element2', '');
    expectDiag(bad, 'kling.element-unused', ['elements', 1], '{ "video_url": "https://example.com/b.mp4" }');
  });
  test('kling.element-shape: images and video', () => {
    const el =
      '{ "frontal_image_url": "https://example.com/a.png", "reference_image_urls": ["https://example.com/a2.png"], "video_url": "https://example.com/x.mp4" }';
    const bad = I2V.replace(
      '{ "frontal_image_url": "https://example.com/a.png", "reference_image_urls": ["https://example.com/a2.png"] }',
      el,
    )
      .replace(',\n    { "video_url": "https://example.com/b.mp4" }', '')
      .replace(' waves at @Element2', '');
    expectDiag(bad, 'kling.element-shape', ['elements', 0], el);
  });
  test('kling.element-shape: frontal without references', () => {
    const bad = I2V.replace(', "reference_image_urls": ["https://example.com/a2.png"]', '');
    expectDiag(bad, 'kling.element-shape', ['elements', 0, 'reference_image_urls'], '{ "frontal_image_url": "https://example.com/a.png" }');
  });
  test('kling.element-shape: empty element', () => {
    expectDiag(I2V.replace('{ "video_url": "https://example.com/b.mp4" }', '{}'), 'kling.element-shape', ['elements', 1], '{}');
  });
  test('kling.element-reference-count', () => {
    const four = '["https://e.com/1.png", "https://e.com/2.png", "https://e.com/3.png", "https://e.com/4.png"]';
    expectDiag(
      I2V.replace('["https://example.com/a2.png"]', four),
      'kling.element-reference-count',
      ['elements', 0, 'reference_image_urls'],
      four,
    );
    expectDiag(
      I2V.replace('["https://example.com/a2.png"]', '[]'),
      'kling.element-reference-count',
      ['elements', 0, 'reference_image_urls'],
      '[]',
    );
  });
  test('kling.element-video-count', () => {
    const bad = I2V.replace(
      '{ "video_url": "https://example.com/b.mp4" }',
      '{ "video_url": "https://example.com/b.mp4" },\n    { "video_url": "https://example.com/c.mp4" }',
    ).replace('@Element2', '@Element2 @Element3');
    expectDiag(bad, 'kling.element-video-count', ['elements', 2, 'video_url'], '"video_url"', 1);
  });
  test('kling.element-voice', () => {
    const bad = I2V.replace(
      '"reference_image_urls": ["https://example.com/a2.png"]',
      '"reference_image_urls": ["https://example.com/a2.png"], "voice_id": "v1"',
    );
    expectDiag(bad, 'kling.element-voice', ['elements', 0, 'voice_id'], '"voice_id"');
    expectNo(
      I2V.replace('{ "video_url": "https://example.com/b.mp4" }', '{ "video_url": "https://example.com/b.mp4", "voice_id": "v1" }'),
      'kling.element-voice',
    );
  });
  test('kling.element-count (more than 3)', () => {
    const el = (n: number) => `{ "frontal_image_url": "https://e.com/${n}.png", "reference_image_urls": ["https://e.com/${n}b.png"] }`;
    const bad = `{ "start_image_url": "https://e.com/s.png", "prompt": "@Element1 @Element2 @Element3 @Element4", "elements": [${[1, 2, 3, 4].map(el).join(', ')}] }`;
    expectDiag(bad, 'kling.element-count', ['elements'], '"elements"');
  });
});

describe('motion-control', () => {
  test('kling.motion-element', () => {
    const bad = MC.replace('"character_orientation": "video"', '"character_orientation": "image"');
    expectDiag(bad, 'kling.motion-element', ['elements'], '"elements"');
  });
  test('kling.motion-element-count', () => {
    const two = '[{ "frontal_image_url": "https://example.com/face.png" }, { "frontal_image_url": "https://example.com/f2.png" }]';
    const bad = MC.replace('[{ "frontal_image_url": "https://example.com/face.png" }]', two).replace('@Element1', '@Element1 @Element2');
    expectDiag(bad, 'kling.motion-element-count', ['elements'], two);
  });
  test("motion-control fields on i2v are reported as another endpoint's", () => {
    const bad = I2V.replace('"prompt"', '"character_orientation": "video",\n  "endpoint": "image-to-video",\n  "prompt"');
    expectDiag(bad, 'kling.other-endpoint-key', ['character_orientation'], '"character_orientation"');
  });
});

describe('media references', () => {
  test('kling.media-url: http, file, empty', () => {
    expectDiag(
      I2V.replace('https://example.com/start.png', 'http://example.com/start.png'),
      'kling.media-url',
      ['start_image_url'],
      '"http://example.com/start.png"',
    );
    expectDiag(I2V.replace('https://example.com/start.png', ''), 'kling.media-url', ['start_image_url'], '""');
    expectDiag(
      I2V.replace('https://example.com/a2.png', 'file:///tmp/a2.png'),
      'kling.media-url',
      ['elements', 0, 'reference_image_urls', 0],
      '"file:///tmp/a2.png"',
    );
  });
  test('data: URIs are a warning, local paths are fine', () => {
    const d = expectDiag(
      I2V.replace('https://example.com/start.png', 'data:image/png;base64,AAAA'),
      'kling.media-data-uri',
      ['start_image_url'],
      '"data:image/png;base64,AAAA"',
    );
    assert.equal(d.severity, 'warning');
    expectClean(
      I2V.replace('https://example.com/start.png', './refs/start.png').replace('https://example.com/b.mp4', 'C:\\\\clips\\\\b.mp4'),
    );
  });
  test('mediaRefs lists every media field with its role', () => {
    const a = analyzeShot(I2V);
    assert.deepEqual(
      a.mediaRefs.map(r => [r.path.join('.'), r.role, r.kind, r.isLocal]),
      [
        ['start_image_url', 'start_image', 'image', false],
        ['elements.0.frontal_image_url', 'element_frontal', 'image', false],
        ['elements.0.reference_image_urls.0', 'element_reference', 'image', false],
        ['elements.1.video_url', 'element_video', 'video', false],
      ],
    );
    assert.deepEqual(
      analyzeShot(MC).mediaRefs.map(r => r.role),
      ['image', 'video', 'element_frontal'],
    );
  });
});

test('every emitted code is documented in DIAGNOSTIC_CODES', async () => {
  const { DIAGNOSTIC_CODES } = await import('../../../src/core');
  const all = [T2V, SHOTS, I2V, MC, '{', '[]', `{ "multi_prompt": [], "prompt": 1, "duration": 5, "x": 1 }`].flatMap(codes);
  for (const c of all) assert.ok(c in DIAGNOSTIC_CODES, c);
});
