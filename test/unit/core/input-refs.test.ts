// @ImageN and @VideoN must name an input the request gives, on every endpoint whose form offers
// those references (formLayout's `references`), in the prompt and in each shot's prompt.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { ENDPOINTS, formLayout, validateRequestBody } from '../../../src/core';
import { expectClean, expectDiag, expectNo } from './helpers/expect';

const shot = (o: Record<string, unknown>) => JSON.stringify(o, null, 2);

const R2V = {
  endpoint: 'kling/v4/reference-to-video',
  prompt: '@Image1 and @Image2 in the motion of @Video1',
  image_urls: ['https://example.com/a.png', 'https://example.com/b.png'],
  video_urls: ['https://example.com/m.mp4'],
  duration: 5,
};

test('every input a Kling 4.0 reference prompt names exists: clean', () => {
  expectClean(shot(R2V));
});

test('@Image3 past two images is an error at its range, saying how many there are', () => {
  const text = shot({ ...R2V, prompt: '@Image1 and @Image3 in the motion of @Video1' });
  const d = expectDiag(text, 'kling.image-ref', ['prompt'], '@Image3');
  assert.match(d.message, /2 images \(@Image1…@Image2\)/);
  assert.deepEqual(d.data, { kind: 'Image', ref: 3, count: 2 });
  assert.equal(d.severity, 'error');
});

test('@Video2 with one reference video, and @Video1 with none, in a shot prompt', () => {
  const text = shot({
    ...R2V,
    prompt: undefined,
    multi_prompt: [
      { prompt: 'as @Image1', duration: 2 },
      { prompt: 'like @Video2', duration: 3 },
    ],
  });
  expectDiag(text, 'kling.video-ref', ['multi_prompt', 1, 'prompt'], '@Video2');
  const none = shot({ ...R2V, video_urls: undefined });
  const d = expectDiag(none, 'kling.video-ref', ['prompt'], '@Video1');
  assert.match(d.message, /no videos.*"video_urls"/);
});

test('an edit has one input video: @Video1 is it, @Video2 is not; the simulator refuses it too', () => {
  const edit = { endpoint: 'kling/v4/video-to-video/edit', prompt: 'snow on @Video1', video_url: 'https://example.com/in.mp4' };
  expectNo(shot(edit), 'kling.video-ref');
  expectDiag(shot({ ...edit, prompt: 'snow on @Video2' }), 'kling.video-ref', ['prompt'], '@Video2');
  const errs = validateRequestBody('kling/v4/video-to-video/edit', { prompt: 'snow on @Video2', video_url: 'https://example.com/in.mp4' });
  assert.deepEqual(
    errs.map(e => e.loc.join('.')),
    ['body.prompt'],
  );
});

test('O3 endpoints whose form offers @Image are checked as well', () => {
  const o3 = {
    endpoint: 'o3/pro/video-to-video/edit',
    prompt: 'snow as @Image2 on @Video1',
    video_url: 'https://example.com/in.mp4',
    image_urls: ['https://example.com/s.png'],
  };
  expectDiag(shot(o3), 'kling.image-ref', ['prompt'], '@Image2');
});

test('an endpoint whose form offers no @Image or @Video leaves them alone', () => {
  const t2v = { endpoint: 'kling/v4/text-to-video', prompt: 'a poster reading @Image9', duration: 5 };
  expectNo(shot(t2v), 'kling.image-ref');
});

test('every endpoint offering @Image or @Video refuses a reference past its inputs', () => {
  const offering = ENDPOINTS.filter(e => formLayout(e).references.some(r => r === 'Image' || r === 'Video'));
  assert.ok(offering.length >= 8, offering.map(e => e.id).join(', '));
  for (const e of offering) {
    const refs = formLayout(e).references.filter(r => r !== 'Element');
    for (const r of refs) {
      const errs = validateRequestBody(e.id, { prompt: `look at @${r}99` });
      assert.ok(
        errs.some(x => x.loc.join('.') === 'body.prompt' && x.msg.includes(`@${r}99`)),
        `${e.id} @${r}99: ${JSON.stringify(errs)}`,
      );
    }
  }
});
