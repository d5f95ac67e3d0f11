import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { TakeRecord } from '../../../src/takes';
import { falErrorDiagnostics } from '../../../src/extension/generation/fal-error-diagnostics';
import { takeViewOf } from '../../../src/extension/common/take-view';
import { takeDetailsOf } from '../../../src/extension/takes/take-details';

const TEXT = `{
  // a comment
  "multi_prompt": [
    { "prompt": "one", "duration": "3" },
    { "prompt": "two", "duration": "4" }
  ],
  "duration": "7"
}
`;

test('a 422 loc maps to the source range of that key; root maps to the document; unknown keys to the nearest ancestor', () => {
  const [d1, d2, d3] = falErrorDiagnostics(TEXT, [
    { loc: ['body', 'multi_prompt', 1, 'duration'], msg: 'bad duration', type: 'value_error' },
    { loc: ['body', 'root'], msg: "Either 'prompt' or 'multi_prompt' must be provided.", type: 'value_error' },
    { loc: ['body', 'multi_prompt', 1, 'nope'], msg: 'extra', type: 'content_policy_violation' },
  ]);
  assert.equal(d1!.range.start.line, 4);
  assert.equal(TEXT.slice(d1!.offset, d1!.offset + d1!.length), '"4"');
  assert.equal(d1!.severity, 'error');
  assert.equal(d1!.code, 'kling.fal-value_error');
  assert.match(d1!.message, /multi_prompt\.1\.duration: bad duration/);
  assert.deepEqual(d1!.path, ['multi_prompt', 1, 'duration']);
  assert.equal(d2!.offset, 0, 'model-level errors cover the document');
  assert.equal(d3!.range.start.line, 4, 'falls back to the shot object');
  assert.equal(d3!.code, 'kling.fal-content_policy_violation');
});

const rec = (over: Partial<TakeRecord>): TakeRecord => ({
  version: 1,
  id: 't1',
  endpointId: 'fal-ai/kling-video/v3/pro/text-to-video',
  body: { prompt: 'hello', duration: '5' },
  status: 'done',
  createdAt: '2026-03-14T09:15:02.000Z',
  updatedAt: '2026-03-14T09:16:02.000Z',
  ...over,
});

test('take view: prompt, endpoint short name, duration (explicit, from shots, default 5, unknown for motion-control)', () => {
  const v = takeViewOf(rec({ costEstimateUsd: 0.84, requestId: 'r1' }));
  assert.equal(v.prompt, 'hello');
  assert.equal(v.endpoint, 'v3/pro/text-to-video');
  assert.equal(v.durationS, 5);
  assert.equal(v.costUsd, 0.84);
  assert.equal(v.requestId, 'r1');
  const shots = takeViewOf(
    rec({
      body: {
        multi_prompt: [
          { prompt: 'a', duration: '3' },
          { prompt: 'b', duration: '4' },
        ],
      },
    }),
  );
  assert.equal(shots.durationS, 7);
  assert.equal(shots.prompt, '1. a (3 s)  2. b (4 s)');
  assert.equal(takeViewOf(rec({ body: { prompt: 'x' } })).durationS, 5, "fal's default");
  assert.equal(
    takeViewOf(rec({ endpointId: 'fal-ai/kling-video/v3/pro/motion-control', body: { image_url: 'u', video_url: 'v' } })).durationS,
    undefined,
  );
  assert.equal(takeViewOf(rec({ status: 'failed', error: { kind: 'validation', message: 'nope' } })).error, 'nope');
  assert.equal(takeViewOf(rec({ body: { prompt: 'y'.repeat(5000) } })).prompt.length, 600);
  // A verified clip shows its own length, and a length far from the request is shown, not hidden.
  const short = takeViewOf(
    rec({
      body: { prompt: 'x', duration: '10' },
      video: { url: 'u', durationSeconds: 3.041 },
      durationMismatch: {
        requestedSeconds: 10,
        actualSeconds: 3.04,
        message: 'The clip is 3.04 s long but 10 s were requested; it was kept.',
      },
    }),
  );
  assert.equal(short.durationS, 3.04);
  assert.equal(short.error, 'The clip is 3.04 s long but 10 s were requested; it was kept.');
});

test('take details: every setting but the prompt, the clip as it landed, the times', () => {
  const d = takeDetailsOf(
    rec({
      body: {
        prompt: 'hello',
        negative_prompt: 'blur',
        generate_audio: true,
        cfg_scale: 0.7,
        elements: [{ frontal_image_url: 'https://x/a.png' }],
        long: 'z'.repeat(1000),
      },
      submittedAt: '2026-03-14T09:15:03.000Z',
      completedAt: '2026-03-14T09:16:00.000Z',
      video: { url: 'u', durationSeconds: 5.041, width: 1280, height: 720 },
      bytes: 4_404_019,
    }),
  );
  assert.deepEqual(d.settings.slice(0, 4), [
    { key: 'negative_prompt', value: 'blur' },
    { key: 'generate_audio', value: 'true' },
    { key: 'cfg_scale', value: '0.7' },
    { key: 'elements', value: '[{"frontal_image_url":"https://x/a.png"}]' },
  ]);
  assert.equal(d.settings[4]!.value.length, 400, 'long values are shortened');
  assert.equal(d.clip, '5.04 s · 1280×720 · 4.2 MB');
  assert.deepEqual(
    d.times.map(t => t.what),
    ['Created', 'Submitted (queued)', 'Completed', 'Last update'],
  );
  assert.equal(takeDetailsOf(rec({})).clip, undefined, 'no clip yet: no clip line');
  // A record from before the phase stamps: submitted to completed counts as queued.
  assert.deepEqual(d.phases, [{ phase: 'queued', ms: 57_000 }]);
  assert.equal(takeDetailsOf(rec({})).phases, undefined, 'nothing known: no phase line');
});

test('take details: how long each phase lasted, from the phase stamps', () => {
  const d = takeDetailsOf(
    rec({
      status: 'done',
      phaseAt: {
        queued: '2026-03-14T09:15:03.000Z',
        running: '2026-03-14T09:15:07.000Z',
        downloading: '2026-03-14T09:16:09.000Z',
        done: '2026-03-14T09:16:10.250Z',
      },
    }),
  );
  assert.deepEqual(d.phases, [
    { phase: 'queued', ms: 4000 },
    { phase: 'running', ms: 62_000 },
    { phase: 'downloading', ms: 1250 },
  ]);
});
