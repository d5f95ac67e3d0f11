import { test } from 'node:test';
import assert from 'node:assert/strict';
import { validateRequestBody } from '../../../src/core';

const T2V = 'fal-ai/kling-video/v3/pro/text-to-video';

test('a valid body has no details', () => {
  assert.deepEqual(validateRequestBody(T2V, { prompt: 'a fox', duration: '5' }), []);
  assert.deepEqual(validateRequestBody('image-to-video', { prompt: 'x', start_image_url: 'http://127.0.0.1:1234/files/a.png' }), []);
  assert.deepEqual(
    validateRequestBody('motion-control', { image_url: 'https://a/b.png', video_url: 'https://a/c.mp4', character_orientation: 'video' }),
    [],
  );
});

test('fal-style details: loc, msg, type', () => {
  const d = validateRequestBody(T2V, { prompt: 'x', duration: 5, cfg_scale: 2, aspect_ratio: '4:3' });
  assert.deepEqual(
    d.map(x => [x.loc, x.type]),
    [
      [['body', 'duration'], 'literal_error'],
      [['body', 'aspect_ratio'], 'literal_error'],
      [['body', 'cfg_scale'], 'less_than_equal'],
    ],
  );
  assert.match(d[0]!.msg, /Input should be '3'/);
});

test('missing fields and the prompt rule', () => {
  assert.deepEqual(validateRequestBody('image-to-video', { prompt: 'x' }), [
    { loc: ['body', 'start_image_url'], msg: 'Field required', type: 'missing' },
  ]);
  const d = validateRequestBody(T2V, {});
  assert.deepEqual(
    d.map(x => [x.loc, x.type]),
    [[['body', 'root'], 'value_error']],
  );
  assert.match(d[0]!.msg, /Either 'prompt' or 'multi_prompt'/);
});

test('storyboard sum, string length, unknown keys ignored', () => {
  const d = validateRequestBody(T2V, { multi_prompt: [{ prompt: 'a', duration: '3' }], duration: '5', foo: 1 });
  assert.deepEqual(
    d.map(x => x.loc),
    [['body', 'duration']],
  );
  const long = validateRequestBody(T2V, { prompt: 'x'.repeat(2501) });
  assert.deepEqual(
    long.map(x => [x.type, x.ctx]),
    [['string_too_long', { max_length: 2500 }]],
  );
});

test('non-URL media and non-object bodies', () => {
  const d = validateRequestBody('image-to-video', { prompt: 'x', start_image_url: './a.png' });
  assert.deepEqual(
    d.map(x => x.loc),
    [['body', 'start_image_url']],
  );
  assert.equal(validateRequestBody(T2V, [1])[0]!.type, 'model_attributes_type');
  assert.equal(validateRequestBody('fal-ai/unknown', {})[0]!.type, 'value_error');
});
