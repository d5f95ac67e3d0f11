import { test } from 'node:test';
import assert from 'node:assert/strict';
import { analyzeShot, rangeOfPath, rangeOfFalLoc } from '../../../src/core';
import { expectClean, rangeOf } from './helpers/expect';

test('comments and trailing commas are accepted silently; ranges stay exact', () => {
  const text = `// header\n{\n  /* block */ "prompt": "a", // tail\n  "duration": 5,\n}\n`;
  const a = analyzeShot(text);
  assert.deepEqual(
    a.diagnostics.map(d => d.code),
    ['kling.duration-type'],
  );
  assert.deepEqual(a.diagnostics[0]!.range, rangeOf(text, '5'));
});

test('CRLF line endings', () => {
  const text = '{\r\n  "prompt": "a",\r\n  "duration": 5\r\n}';
  const d = analyzeShot(text).diagnostics[0]!;
  assert.deepEqual(d.range, { start: { line: 2, character: 14 }, end: { line: 2, character: 15 } });
});

test("fal's own JSON example validates clean", () => {
  expectClean(
    JSON.stringify(
      {
        prompt: 'Two friends share a laugh over coffee in a sunlit cafe, handheld camera',
        duration: '5',
        generate_audio: true,
        shot_type: 'customize',
        aspect_ratio: '16:9',
        negative_prompt: 'blur, distort, and low quality',
        cfg_scale: 0.5,
      },
      null,
      2,
    ),
  );
  expectClean(
    JSON.stringify({
      prompt: '@Element1 and @Element2 walk together',
      start_image_url: 'https://v3b.fal.media/files/a.png',
      duration: '5',
      generate_audio: true,
      elements: [
        { frontal_image_url: 'https://v3b.fal.media/files/b.png', reference_image_urls: ['https://v3b.fal.media/files/c.png'] },
        { video_url: 'https://v3b.fal.media/files/d.mp4' },
      ],
      shot_type: 'customize',
      negative_prompt: 'blur, distort, and low quality',
      cfg_scale: 0.5,
    }),
  );
  expectClean(
    JSON.stringify({
      image_url: 'https://v3b.fal.media/files/a.png',
      video_url: 'https://v3b.fal.media/files/b.mp4',
      character_orientation: 'image',
      keep_original_sound: true,
      prompt: 'A dancer',
    }),
  );
});

test('parse errors are diagnostics with exact ranges', () => {
  const text = '{\n  "prompt": "a"\n  "duration": "5"\n}';
  const a = analyzeShot(text);
  const p = a.diagnostics.find(d => d.code === 'kling.parse')!;
  assert.match(p.message, /Comma expected/);
  assert.deepEqual(p.range, rangeOf(text, '"duration"'));
});

test('empty and non-object documents', () => {
  for (const text of ['', '   ', '// only a comment']) {
    const a = analyzeShot(text);
    assert.equal(a.diagnostics[0]!.code, 'kling.parse');
    assert.equal(a.body, undefined);
  }
  for (const text of ['[]', '"x"', '42', 'null']) {
    const a = analyzeShot(text);
    assert.deepEqual(
      a.diagnostics.map(d => d.code),
      ['kling.root-type'],
    );
    assert.equal(a.endpoint.kind, 'text-to-video');
  }
});

test('absurd nesting does not throw', () => {
  const text = '['.repeat(200000);
  const a = analyzeShot(text);
  assert.ok(a.diagnostics.length > 0);
});

test('body drops $schema and endpoint; __proto__ stays an own key', () => {
  const a = analyzeShot('{ "$schema": "s", "endpoint": "text-to-video", "prompt": "a", "__proto__": { "x": 1 } }');
  assert.deepEqual(Object.keys(a.body!), ['prompt', '__proto__']);
  assert.equal(Object.getPrototypeOf(a.body), Object.prototype);
  assert.ok(a.diagnostics.some(d => d.code === 'kling.unknown-key'));
});

test('rangeOfPath and rangeOfFalLoc', () => {
  const text = '{\n  "multi_prompt": [\n    { "prompt": "a", "duration": "9" }\n  ]\n}';
  assert.deepEqual(rangeOfPath(text, ['multi_prompt', 0, 'duration'])!.range, rangeOf(text, '"9"'));
  assert.equal(rangeOfPath(text, ['nope']), undefined);
  assert.deepEqual(rangeOfFalLoc(text, ['body', 'multi_prompt', 0, 'duration'])!.range, rangeOf(text, '"9"'));
  assert.equal(rangeOfFalLoc(text, ['body', 'root'])!.offset, 0);
  // Missing key: the nearest existing ancestor.
  assert.deepEqual(rangeOfFalLoc(text, ['body', 'multi_prompt', 0, 'x'])!.range, rangeOf(text, '{ "prompt": "a", "duration": "9" }'));
});
