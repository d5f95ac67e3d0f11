// restoreRequestText: a take's request written back into a shot file with the fewest edits.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { analyzeShot, restoreRequestText } from '../../../src/core';

const T2V = 'fal-ai/kling-video/v3/pro/text-to-video';
const I2V = 'fal-ai/kling-video/v3/pro/image-to-video';

const FILE = `{
  // the hero shot
  "$schema": "../schema/kling.json",
  "endpoint": "text-to-video",
  "prompt": "a paper boat on a puddle", // keep it short
  "duration": "5",
  /* wide for the cinema */
  "aspect_ratio": "16:9",
  "negative_prompt": "blur"
}
`;

describe('restoreRequestText', () => {
  test('only the changed values move; comments, order, $schema and the alias stay', () => {
    const body = { prompt: 'a paper boat on a lake', duration: '5', aspect_ratio: '16:9', negative_prompt: 'blur' };
    const r = restoreRequestText(FILE, T2V, body);
    assert.equal(r.text, FILE.replace('on a puddle', 'on a lake'));
    assert.deepEqual(r.keptLocal, []);
    assert.equal(analyzeShot(r.text).endpoint.id, T2V);
  });

  test('keys the take did not send are removed, new ones added, the endpoint set when it differs', () => {
    const body = { prompt: 'a paper boat', duration: '10', generate_audio: true, cfg_scale: 0.7 };
    const r = restoreRequestText(FILE, I2V, body);
    const analysis = analyzeShot(r.text);
    assert.equal(analysis.endpoint.id, I2V);
    const { $schema, ...rest } = JSON.parse(r.text.replace(/\/\/.*$/gm, '').replace(/\/\*.*?\*\//gs, '')) as Record<string, unknown>;
    assert.equal($schema, '../schema/kling.json');
    assert.deepEqual(rest, { endpoint: I2V, prompt: 'a paper boat', duration: '10', generate_audio: true, cfg_scale: 0.7 });
    assert.match(r.text, /\/\/ the hero shot/);
    assert.doesNotMatch(r.text, /negative_prompt|aspect_ratio/);
  });

  test('the same request leaves the text byte for byte (CRLF and tabs too)', () => {
    const crlf = FILE.replace(/\n/g, '\r\n').replace(/ {2}/g, '\t');
    const body = { prompt: 'a paper boat on a puddle', duration: '5', aspect_ratio: '16:9', negative_prompt: 'blur' };
    assert.equal(restoreRequestText(crlf, T2V, body).text, crlf);
  });

  test('inside lists of the same length only the changed item changes; its neighbours keep their comments', () => {
    const text = `{
  "multi_prompt": [
    { "prompt": "one", "duration": "3" }, // first
    { "prompt": "two", "duration": "3" } // second
  ]
}
`;
    const r = restoreRequestText(text, T2V, {
      multi_prompt: [
        { prompt: 'one', duration: '3' },
        { prompt: 'TWO', duration: '4' },
      ],
    });
    // No "endpoint" key: the inferred one is the take's, so none is added.
    assert.equal(r.text, text.replace('"two", "duration": "3"', '"TWO", "duration": "4"'));
  });

  test('a local media name is kept where the take sent its uploaded copy, and reported', () => {
    const text = `{ "endpoint": "${I2V}", "start_image_url": "./refs/boat.png", "prompt": "a boat" }`;
    const r = restoreRequestText(text, I2V, { start_image_url: 'https://v3.fal.media/files/abc/boat.png', prompt: 'a ship' });
    assert.equal(r.text, text.replace('a boat', 'a ship'));
    assert.deepEqual(r.keptLocal, [['start_image_url']]);
  });

  test('a file that is not an object is refused with a clear message', () => {
    assert.throws(() => restoreRequestText('[1, 2]', T2V, { prompt: 'x' }), /not a JSON object/);
    assert.throws(() => restoreRequestText('', T2V, { prompt: 'x' }), /not a JSON object/);
  });
});
