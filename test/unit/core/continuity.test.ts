// "Continue from Last Frame", the pure half: names, the start-image edit and its switch to
// image-to-video, the new next shot, inserting into a sequence, and the check on the PNG bytes.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  analyzeSequence,
  analyzeShot,
  checkPngFrame,
  insertSequenceEntryAfter,
  lastFrameFileName,
  nextShotFileName,
  nextShotText,
  placesOfShot,
  startFromImage,
} from '../../../src/core';
import { applyEdits } from 'jsonc-parser';
import { pngOf as png } from '../../harness/png';

test('names: the frame and the next shot get -2, -3… after the first', () => {
  assert.equal(lastFrameFileName('harbour.kling.json', 1), 'harbour.last-frame.png');
  assert.equal(lastFrameFileName('harbour.kling.json', 3), 'harbour.last-frame-3.png');
  assert.equal(nextShotFileName('Harbour.KLING.json', 1), 'Harbour-next.kling.json');
  assert.equal(nextShotFileName('harbour.kling.json', 2), 'harbour-next-2.kling.json');
});

test('a text-to-video shot with an explicit endpoint becomes image-to-video of the same tier, in its own style', () => {
  const text = `{
  // the harbour at night
  "endpoint": "standard/text-to-video",
  "prompt": "Boats rock in the harbour", // keep me
  "aspect_ratio": "16:9",
  "duration": "5"
}
`;
  const r = startFromImage(text, 'refs/a.last-frame.png');
  assert.equal(r.endpoint, 'standard/image-to-video');
  assert.deepEqual(r.removed, ['aspect_ratio']);
  assert.equal(r.replaced, undefined);
  assert.match(r.text, /\/\/ the harbour at night/);
  assert.match(r.text, /"prompt": "Boats rock in the harbour", \/\/ keep me/);
  const a = analyzeShot(r.text);
  assert.equal(a.endpoint.id, 'fal-ai/kling-video/v3/standard/image-to-video');
  assert.equal(a.endpoint.inferred, false);
  assert.deepEqual(
    a.diagnostics.map(d => d.code),
    [],
  );

  const full = startFromImage('{ "endpoint": "fal-ai/kling-video/v3/4k/text-to-video", "prompt": "x" }', 'f.png');
  assert.equal(full.endpoint, 'fal-ai/kling-video/v3/4k/image-to-video');
  assert.equal(analyzeShot(full.text).endpoint.tier, '4k');
});

test('without an endpoint key the start image alone makes it image-to-video (inferred)', () => {
  const r = startFromImage('{ "prompt": "x", "duration": "5" }', '../refs/a.png');
  assert.equal(r.endpoint, undefined);
  const a = analyzeShot(r.text);
  assert.equal(a.endpoint.kind, 'image-to-video');
  assert.equal(a.endpoint.inferred, true);
  assert.equal(JSON.parse(r.text).start_image_url, '../refs/a.png');
});

test('an image-to-video shot: a different start image is reported as replaced; the same one changes nothing', () => {
  const text = '{ "start_image_url": "old.png", "prompt": "x" }';
  const r = startFromImage(text, 'new.png');
  assert.equal(r.replaced, 'old.png');
  assert.equal(JSON.parse(r.text).start_image_url, 'new.png');
  const same = startFromImage(r.text, 'new.png');
  assert.equal(same.text, r.text);
  assert.equal(same.replaced, undefined);
});

test('a motion-control shot and a file that is not an object are refused with a reason', () => {
  assert.throws(
    () => startFromImage('{ "image_url": "a.png", "video_url": "b.mp4", "character_orientation": "video" }', 'f.png'),
    /motion-control/,
  );
  assert.throws(() => startFromImage('[1, 2]', 'f.png'), /not a JSON object/);
});

test('the new next shot is image-to-video of the same tier, keeps duration and audio, and asks for a prompt', () => {
  const t = nextShotText(
    '{ "endpoint": "standard/text-to-video", "prompt": "old", "duration": "7", "generate_audio": false }',
    'refs/a.last-frame.png',
    'a.kling.json',
  );
  const body = analyzeShot(t);
  assert.equal(body.endpoint.id, 'fal-ai/kling-video/v3/standard/image-to-video');
  const v = JSON.parse(t.replace(/^\s*\/\/.*$/m, ''));
  assert.deepEqual(v, {
    endpoint: 'fal-ai/kling-video/v3/standard/image-to-video',
    start_image_url: 'refs/a.last-frame.png',
    prompt: '',
    duration: '7',
    generate_audio: false,
  });
  assert.deepEqual(
    body.diagnostics.map(d => d.code),
    ['kling.prompt-required'],
  );
});

const SEQ = `// the cut
{
  "shots": [
    "a.kling.json", // opening
    { "shot": "b.kling.json", "take": "renders/b.1.take.json" }
  ]
}
`;

test('places: the entry naming the shot and the one after it', () => {
  const places = placesOfShot(analyzeSequence(SEQ), p => p === 'a.kling.json');
  assert.equal(places.length, 1);
  assert.equal(places[0]!.next?.shot, 'b.kling.json');
  assert.equal(placesOfShot(analyzeSequence(SEQ), p => p === 'b.kling.json')[0]!.next, undefined);
  assert.deepEqual(
    placesOfShot(analyzeSequence(SEQ), p => p === 'c.kling.json'),
    [],
  );
});

test('insert after: the new shot lands right after the entry, everything else byte for byte', () => {
  const last = applyEdits(SEQ, insertSequenceEntryAfter(SEQ, 1, 'b-next.kling.json'));
  assert.deepEqual(
    analyzeSequence(last).entries.map(e => e.shot),
    ['a.kling.json', 'b.kling.json', 'b-next.kling.json'],
  );
  const middle = applyEdits(SEQ, insertSequenceEntryAfter(SEQ, 0, 'a-next.kling.json'));
  assert.deepEqual(
    analyzeSequence(middle).entries.map(e => e.shot),
    ['a.kling.json', 'a-next.kling.json', 'b.kling.json'],
  );
  for (const out of [last, middle]) {
    assert.match(out, /^\/\/ the cut\n/);
    assert.match(out, /"a\.kling\.json", \/\/ opening/);
    assert.match(out, /\{ "shot": "b\.kling\.json", "take": "renders\/b\.1\.take\.json" \}/);
    assert.deepEqual(analyzeSequence(out).diagnostics, []);
  }
});

test('the PNG check: a whole PNG of the clip size passes; anything else is refused with a reason', () => {
  assert.deepEqual(checkPngFrame(png(32, 18)), { ok: true, width: 32, height: 18 });
  assert.deepEqual(checkPngFrame(png(32, 18), { width: 32, height: 18 }), { ok: true, width: 32, height: 18 });
  const cases: [Uint8Array, RegExp, { width: number; height: number }?][] = [
    [png(32, 18), /32×18 picture, but the clip is 1280×720/, { width: 1280, height: 720 }],
    [new Uint8Array(0), /too short/],
    [new TextEncoder().encode('<html>'.repeat(20)), /no PNG signature/],
    [png(32, 18).subarray(0, 60), /incomplete PNG|too short/],
    [png(32, 18).subarray(0, png(32, 18).length - 1), /incomplete PNG/],
    [png(9000, 1), /not a plausible video frame/],
  ];
  for (const [bytes, reason, expected] of cases) {
    const r = checkPngFrame(bytes, expected);
    assert.equal(r.ok, false);
    assert.match((r as { reason: string }).reason, reason);
  }
});
