import { test } from 'node:test';
import assert from 'node:assert/strict';
import { applyEdits } from 'jsonc-parser';
import { analyzeShot, quickFixes, scaleDurations, type QuickFix } from '../../../src/core';

function fixesFor(text: string, code: string): QuickFix[] {
  const d = analyzeShot(text).diagnostics.find(x => x.code === code);
  assert.ok(d, `no ${code}`);
  return quickFixes(text, d);
}
function apply(text: string, fix: QuickFix): string {
  return applyEdits(
    text,
    fix.edits.map(e => ({ ...e })),
  );
}
const errors = (text: string) =>
  analyzeShot(text)
    .diagnostics.filter(d => d.severity === 'error')
    .map(d => d.code);

test('number → string duration keeps comments and layout', () => {
  const text = '{\n  // total\n  "prompt": "a",\n  "duration": 5 // seconds\n}';
  const [fix] = fixesFor(text, 'kling.duration-type');
  assert.equal(fix!.title, 'Write the duration as a string: "5"');
  assert.equal(apply(text, fix!), '{\n  // total\n  "prompt": "a",\n  "duration": "5" // seconds\n}');
});

test('a fix changes only what it fixes: comments and the layout around it stay', () => {
  const text = '{\n  // both given\n  "prompt": "a cat",\n  "multi_prompt": [{ "prompt": "a dog", "duration": "5" }]\n}';
  const [dropPrompt] = fixesFor(text, 'kling.prompt-xor');
  assert.equal(apply(text, dropPrompt!), '{\n  // both given\n  "multi_prompt": [{ "prompt": "a dog", "duration": "5" }]\n}');
  const oneLine = '{ "multi_prompt": [{ "prompt": "a" }, { "prompt": "b", "duration": "5" }] }';
  assert.equal(
    apply(oneLine, fixesFor(oneLine, 'kling.shot-duration-sum')[0]!),
    '{ "multi_prompt": [{ "prompt": "a" }, { "prompt": "b", "duration": "5" }], "duration": "10" }',
  );
  const trailing = '{\n  "prompt": "a",\n  "aspect_ration": "9:16", // typo\n  "duration": "5"\n}';
  assert.equal(apply(trailing, fixesFor(trailing, 'kling.unknown-key')[1]!), '{\n  "prompt": "a",\n  "duration": "5"\n}');
});

test('set duration to the sum of shots / scale shots to duration', () => {
  const text =
    '{\n  "multi_prompt": [\n    { "prompt": "a", "duration": "4" },\n    { "prompt": "b", "duration": "4" }\n  ],\n  "duration": "6"\n}';
  const fixes = fixesFor(text, 'kling.shot-duration-sum');
  assert.deepEqual(
    fixes.map(f => f.title),
    ['Set duration to "8" (the sum of the shots)', 'Scale the shot durations to 6 s (3 + 3)'],
  );
  const a = apply(text, fixes[0]!);
  assert.match(a, /"duration": "8"/);
  assert.deepEqual(errors(a), []);
  const b = apply(text, fixes[1]!);
  assert.deepEqual(errors(b), []);
  assert.equal(fixes[1]!.edits.length, 1);
  assert.match(b, /\{ "prompt": "a", "duration": "3" \}/);
});

test('scale when the total is the default and a shot has no duration', () => {
  const text = '{ "multi_prompt": [{ "prompt": "a" }, { "prompt": "b", "duration": "5" }] }';
  const fixes = fixesFor(text, 'kling.shot-duration-sum');
  for (const f of fixes) assert.deepEqual(errors(apply(text, f)), [], f.title);
});

test('shots over 15 s: scale to the limit', () => {
  const text = '{ "multi_prompt": [{ "prompt": "a", "duration": "10" }, { "prompt": "b", "duration": "10" }], "duration": "15" }';
  const fixes = fixesFor(text, 'kling.shot-total-range');
  assert.deepEqual(
    fixes.map(f => f.title),
    ['Scale the shot durations to 15 s (8 + 7)'],
  );
  assert.deepEqual(errors(apply(text, fixes[0]!)), []);
});

test('scaleDurations keeps proportions, each ≥ 1, exact sum', () => {
  assert.deepEqual(scaleDurations([4, 3], 7), [4, 3]);
  assert.deepEqual(scaleDurations([10, 5, 5], 10), [5, 3, 2]);
  assert.deepEqual(scaleDurations([1, 1, 1], 5), [2, 2, 1]);
  assert.equal(scaleDurations([1, 1, 1, 1], 3), undefined);
  for (const [ds, t] of [
    [[15, 1, 1], 3],
    [[2, 9, 4, 1, 1, 1], 15],
  ] as const) {
    const s = scaleDurations([...ds], t)!;
    assert.equal(
      s.reduce((a, b) => a + b, 0),
      t,
    );
    assert.ok(s.every(v => v >= 1));
  }
});

test('remove prompt / remove multi_prompt', () => {
  const text = '{\n  "prompt": "a",\n  "multi_prompt": [{ "prompt": "b", "duration": "5" }],\n  "duration": "5"\n}';
  const fixes = fixesFor(text, 'kling.prompt-xor');
  assert.equal(fixes.length, 2);
  assert.deepEqual(errors(apply(text, fixes[0]!)), []);
  assert.ok(!apply(text, fixes[0]!).includes('"prompt": "a"'));
  assert.deepEqual(errors(apply(text, fixes[1]!)), []);
  assert.ok(!apply(text, fixes[1]!).includes('multi_prompt'));
});

test('rename an unknown key to the suggestion', () => {
  const text = '{ "prompt": "a", /* keep */ "aspect_ration": "9:16" }';
  const fixes = fixesFor(text, 'kling.unknown-key');
  assert.deepEqual(
    fixes.map(f => f.title),
    ['Rename to "aspect_ratio"', 'Remove "aspect_ration"'],
  );
  assert.equal(apply(text, fixes[0]!), '{ "prompt": "a", /* keep */ "aspect_ratio": "9:16" }');
  assert.deepEqual(analyzeShot(apply(text, fixes[1]!)).diagnostics, []);
});

test('no rename when the suggested key already exists', () => {
  const text = '{ "prompt": "a", "aspect_ratio": "1:1", "aspect_ration": "9:16" }';
  assert.deepEqual(
    fixesFor(text, 'kling.unknown-key').map(f => f.title),
    ['Remove "aspect_ration"'],
  );
});

test('add a missing element for a dangling @ElementN', () => {
  const text =
    '{\n  "start_image_url": "https://a/s.png",\n  "prompt": "@Element1 meets @Element3",\n  "elements": [\n    { "frontal_image_url": "https://a/f.png", "reference_image_urls": ["https://a/r.png"] }\n  ]\n}';
  const [fix] = fixesFor(text, 'kling.element-ref');
  assert.equal(fix!.title, 'Add elements up to @Element3');
  const after = apply(text, fix!);
  const a = analyzeShot(after);
  assert.equal((a.body!.elements as unknown[]).length, 3);
  assert.deepEqual(
    a.diagnostics.filter(d => d.code === 'kling.element-ref'),
    [],
  );
});

test('add the elements array when there is none', () => {
  const text = '{ "start_image_url": "https://a/s.png", "prompt": "@Element1 smiles" }';
  const [fix] = fixesFor(text, 'kling.element-ref');
  const a = analyzeShot(apply(text, fix!));
  assert.deepEqual(a.body!.elements, [
    { frontal_image_url: './refs/element1-front.png', reference_image_urls: ['./refs/element1-side.png'] },
  ]);
  assert.deepEqual(
    a.diagnostics.filter(d => d.severity === 'error'),
    [],
  );
});

test('motion-control fixes: orientation and face element', () => {
  const text = '{ "endpoint": "motion-control", "image_url": "https://a/i.png", "video_url": "https://a/v.mp4" }';
  const fixes = fixesFor(text, 'kling.orientation-required');
  assert.deepEqual(
    fixes.map(f => f.title),
    ['Set character_orientation to "image"', 'Set character_orientation to "video"'],
  );
  assert.deepEqual(errors(apply(text, fixes[1]!)), []);
  const withEl =
    '{ "image_url": "https://a/i.png", "video_url": "https://a/v.mp4", "character_orientation": "image", "prompt": "@Element1", "elements": [{ "frontal_image_url": "https://a/f.png" }] }';
  const [toVideo, remove] = fixesFor(withEl, 'kling.motion-element');
  assert.deepEqual(errors(apply(withEl, toVideo!)), []);
  // Removing the element leaves the @Element1 mention dangling, which is reported in turn.
  assert.deepEqual(errors(apply(withEl, remove!)), ['kling.element-ref']);
});

test('tabs are kept when inserting', () => {
  const text = '{\n\t"prompt": "@Element1",\n\t"start_image_url": "https://a/s.png"\n}';
  const after = apply(text, fixesFor(text, 'kling.element-ref')[0]!);
  assert.match(after, /\n\t"elements": \[\n\t\t\{/);
});

test('quickFixes never throws and returns [] for unknown codes', () => {
  const d = analyzeShot('{}').diagnostics[0]!;
  assert.deepEqual(quickFixes('{}', { ...d, code: 'kling.nope' }), []);
  assert.deepEqual(quickFixes('garbage', { ...d, code: 'kling.element-ref', data: { ref: 3, elementCount: 0 } }), []);
});
