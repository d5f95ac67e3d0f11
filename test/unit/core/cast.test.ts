// The cast in core: a cast file read into members with its problems at their spans, the one
// request builder (own elements first, members in `cast` order, @Name → @ElementN, voices only
// where the endpoint binds them) and the shot-side diagnostics at the right ranges.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  analyzeCast,
  analyzeShot,
  buildCastBody,
  castCompletionsAt,
  castMemberAt,
  castShotDiagnostics,
  type CastIndex,
} from '../../../src/core';

const CAST_FILE = '/p/cast/people.kling-cast.json';
const CAST = `{
  // the crew
  "members": {
    "Mara": { "description": "a sailor", "frontal_image_url": "mara.png", "reference_image_urls": ["mara-side.png"], "voice_url": "mara.wav" },
    "Lamp": { "video_url": "lamp.mp4" },
    "Ghost": { "voice_id": "v-1" }
  }
}`;

const index = (text = CAST): CastIndex => new Map(analyzeCast(CAST_FILE, text).members.map(m => [m.name, m]));

test('a cast file gives its well-formed members and names what is wrong with the rest', () => {
  const a = analyzeCast(CAST_FILE, CAST);
  assert.deepEqual(
    a.members.map(m => m.name),
    ['Mara', 'Lamp'],
  );
  const ghost = a.diagnostics.find(d => d.code === 'kling.cast-file');
  assert.ok(ghost, 'a member with neither images nor a video is refused');
  assert.match(ghost.message, /Ghost/);
  assert.equal(CAST.slice(ghost.offset, ghost.offset + ghost.length), '{ "voice_id": "v-1" }');
  const bad = analyzeCast(CAST_FILE, '{ "members": { "Element1": { "video_url": "a.mp4" } } }');
  assert.match(bad.diagnostics[0]!.message, /Element1/);
  assert.equal(bad.members.length, 0);
});

test('the builder puts own elements first, members in cast order, and numbers @Name from there', () => {
  const shot = '/p/shots/a.kling.json';
  const body = {
    start_image_url: 'start.png',
    prompt: '@Lamp glows while @Mara talks to @Element1; @Marabou is no one',
    multi_prompt: undefined,
    elements: [{ video_url: 'own.mp4' }],
  };
  delete body.multi_prompt;
  const built = buildCastBody('fal-ai/kling-video/v3/pro/image-to-video', body, ['Mara', 'Lamp'], index(), shot);
  assert.equal(built.body.prompt, '@Element3 glows while @Element2 talks to @Element1; @Marabou is no one');
  assert.deepEqual(built.body.elements, [
    { video_url: 'own.mp4' },
    { frontal_image_url: '../cast/mara.png', reference_image_urls: ['../cast/mara-side.png'] },
    { video_url: '../cast/lamp.mp4' },
  ]);
  assert.deepEqual(
    built.voicesNeeded.map(m => m.name),
    ['Mara'],
  );
  const voiced = buildCastBody('v3/pro/image-to-video', body, ['Mara'], index(), shot, new Map([['Mara', 'voice-9']]));
  assert.equal((voiced.body.elements as Record<string, unknown>[])[1]!.voice_id, 'voice-9');
  assert.equal(voiced.voicesNeeded.length, 0);
  // O3 video-to-video reference binds no voices: none is sent and none is needed.
  const o3 = buildCastBody('fal-ai/kling-video/o3/pro/video-to-video/reference', body, ['Mara'], index(), shot, new Map([['Mara', 'v']]));
  assert.equal((o3.body.elements as Record<string, unknown>[])[1]!.voice_id, undefined);
  assert.equal(o3.voicesNeeded.length, 0);
});

test('an unknown member is told at its "cast" entry and at its @Name, a known unlisted one is a warning', () => {
  const text = `{
  "endpoint": "v3/pro/image-to-video",
  "start_image_url": "https://x/a.png",
  "cast": ["Mara", "Nobody"],
  "prompt": "@Mara waves at @Lamp and @Zed"
}`;
  const analysis = analyzeShot(text);
  assert.equal(analysis.body!.cast, undefined, 'the cast key is never sent');
  assert.ok(!analysis.diagnostics.some(d => d.code === 'kling.unknown-key'));
  const ds = castShotDiagnostics(analysis, index(), '/p/shots/a.kling.json');
  const at = (code: string) => ds.filter(d => d.code === code).map(d => text.slice(d.offset, d.offset + d.length));
  assert.deepEqual(at('kling.cast-unknown'), ['"Nobody"', '@Zed']);
  assert.deepEqual(at('kling.cast-unlisted'), ['@Lamp']);
  assert.match(ds.find(d => d.code === 'kling.cast-unlisted')!.message, /\.\.\/cast\/people\.kling-cast\.json/);
  assert.equal(ds.find(d => d.code === 'kling.cast-unknown')!.range.start.line, 3);
});

test('a voice on an endpoint that binds none is a warning, and too many elements are told at "cast"', () => {
  const text = `{ "endpoint": "o3/pro/video-to-video/reference", "video_url": "https://x/v.mp4", "cast": ["Mara"], "prompt": "@Mara" }`;
  const ds = castShotDiagnostics(analyzeShot(text), index(), '/p/shots/a.kling.json');
  assert.deepEqual(
    ds.map(d => d.code),
    ['kling.cast-voice'],
  );
  const many = `{ "start_image_url": "https://x/a.png", "elements": [{ "video_url": "https://x/1.mp4" }, { "video_url": "https://x/2.mp4" }], "cast": ["Mara", "Lamp"], "prompt": "@Element1 @Element2 @Mara @Lamp" }`;
  const d2 = castShotDiagnostics(analyzeShot(many), index(), '/p/shots/a.kling.json');
  assert.ok(
    d2.some(d => d.code === 'kling.element-count' && many.slice(d.offset, d.offset + d.length) === '"cast"'),
    JSON.stringify(d2),
  );
  assert.ok(
    d2.some(d => d.code === 'kling.element-video-count' && /Lamp/.test(d.message)),
    JSON.stringify(d2),
  );
});

test('completion offers member names after @ in a prompt and in "cast"; hover finds the member under the cursor', () => {
  const members = [...index().values()];
  const text = '{ "cast": ["Mara", ""], "prompt": "@Mara lifts @La", "multi_prompt": [{ "prompt": "@" }] }';
  const inCast = castCompletionsAt(text, text.indexOf('""') + 1, members);
  assert.deepEqual(
    inCast.map(e => e.label),
    ['Lamp'],
    'a listed member is not offered again',
  );
  const afterAt = castCompletionsAt(text, text.indexOf('@La') + 3, members);
  assert.deepEqual(
    afterAt.map(e => [e.label, text.slice(e.replace.offset, e.replace.offset + e.replace.length)]),
    [['Lamp', 'La']],
  );
  const shotPrompt = text.indexOf('"@"') + 2;
  assert.deepEqual(
    castCompletionsAt(text, shotPrompt, members).map(e => e.label),
    ['Mara', 'Lamp'],
  );
  assert.deepEqual(castCompletionsAt(text, text.indexOf('lifts'), members), [], 'no @ before the cursor');
  const hover = castMemberAt(text, text.indexOf('@Mara') + 2, members);
  assert.equal(hover?.member.name, 'Mara');
  assert.equal(hover?.range.start.character, text.indexOf('@Mara'));
  assert.equal(castMemberAt(text, text.indexOf('"Mara"') + 2, members)?.member.description, 'a sailor');
  assert.equal(castMemberAt(text, text.indexOf('lifts'), members), undefined);
});
