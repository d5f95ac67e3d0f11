import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, readdirSync } from 'node:fs';
import * as path from 'node:path';
import { applyEdits } from 'jsonc-parser';
import { getLanguageService, TextDocument } from 'vscode-json-languageservice';
import {
  analyzeShot,
  BUILT_IN_PRICES_AS_OF,
  estimateCost,
  quickFixes,
  resolveEndpoint,
  shotJsonSchema,
  validateRequestBody,
} from '../../../src/core';

const FAL_EXAMPLES = path.join(__dirname, '..', '..', 'fixtures', 'fal-examples');
const examples = readdirSync(FAL_EXAMPLES).filter(f => f.endsWith('.kling.json'));

test('the fal example fixtures cover null for multi_prompt, elements and end_image_url', () => {
  const all = examples.map(f => readFileSync(path.join(FAL_EXAMPLES, f), 'utf8')).join('\n');
  for (const key of ['multi_prompt', 'elements', 'end_image_url', 'prompt']) assert.match(all, new RegExp(`"${key}": null`));
});

for (const f of examples) {
  test(`fal's example ${f} validates with no diagnostic at all`, () => {
    const a = analyzeShot(readFileSync(path.join(FAL_EXAMPLES, f), 'utf8'));
    assert.deepEqual(
      a.diagnostics.map(d => `${d.code}: ${d.message}`),
      [],
    );
  });

  test(`fal's example ${f} is accepted by the simulator's validation, nulls and all`, () => {
    const a = analyzeShot(readFileSync(path.join(FAL_EXAMPLES, f), 'utf8'));
    const sent = JSON.parse(readFileSync(path.join(FAL_EXAMPLES, f), 'utf8')) as Record<string, unknown>;
    delete sent.endpoint;
    assert.deepEqual(validateRequestBody(a.endpoint.id, sent), []);
  });

  test(`fal's example ${f} passes the published JSON Schema`, async () => {
    const ls = getLanguageService({});
    ls.configure({ validate: true, schemas: [{ uri: 'kling://shot.schema.json', fileMatch: ['*.kling.json'], schema: shotJsonSchema() }] });
    const doc = TextDocument.create(`file:///x/${f}`, 'json', 1, readFileSync(path.join(FAL_EXAMPLES, f), 'utf8'));
    const diags = await ls.doValidation(doc, ls.parseJSONDocument(doc));
    assert.deepEqual(
      diags.map(d => d.message),
      [],
    );
  });
}

test('null is absent in the body: request, cost and endpoint inference ignore it', () => {
  const a = analyzeShot('{ "prompt": "a cat", "multi_prompt": null, "duration": null, "generate_audio": null, "elements": null }');
  assert.deepEqual(a.body, { prompt: 'a cat' });
  assert.deepEqual(estimateCost(a.endpoint, a.body), {
    usd: 0.84,
    seconds: 5,
    perSecond: 0.168,
    audio: true,
    source: { kind: 'built-in', asOf: BUILT_IN_PRICES_AS_OF },
  });
  assert.equal(resolveEndpoint({ start_image_url: null, prompt: 'x' }).kind, 'text-to-video');
  assert.equal(resolveEndpoint({ character_orientation: null, image_url: 'a.png', video_url: null }).kind, 'text-to-video');
  assert.equal(resolveEndpoint({ endpoint: null, start_image_url: 'a.png' }).kind, 'image-to-video');
  assert.deepEqual(
    analyzeShot('{ "endpoint": null, "prompt": "x" }').diagnostics.map(d => d.code),
    [],
  );
});

test('null inside an element is absent too; a null array item is still an error', () => {
  const ok = analyzeShot(
    '{ "start_image_url": "https://x/a.png", "prompt": "@Element1 waves", "elements": [ { "video_url": "https://x/v.mp4", "frontal_image_url": null, "reference_image_urls": null } ] }',
  );
  assert.deepEqual(
    ok.diagnostics.map(d => d.code),
    [],
  );
  const bad = analyzeShot(
    '{ "start_image_url": "https://x/a.png", "prompt": "@Element1 waves", "elements": [ { "frontal_image_url": "https://x/f.png", "reference_image_urls": [null] } ] }',
  );
  assert.deepEqual(
    bad.diagnostics.map(d => [d.code, d.path.join('.')]),
    [['kling.type', 'elements.0.reference_image_urls.0']],
  );
});

test('a required field given as null is reported missing', () => {
  const a = analyzeShot('{ "endpoint": "image-to-video", "prompt": "x", "start_image_url": null }');
  assert.deepEqual(
    a.diagnostics.map(d => [d.code, d.path.join('.')]),
    [['kling.required', 'start_image_url']],
  );
});

test('prompt + multi_prompt: the fixes say what they delete and never prefer deleting a written prompt', () => {
  const text =
    '{\n  "prompt": "A long written prompt about a lighthouse keeper at dawn, climbing stairs",\n  "multi_prompt": [ { "prompt": "a", "duration": "5" } ]\n}';
  const d = analyzeShot(text).diagnostics.find(x => x.code === 'kling.prompt-xor')!;
  const fixes = quickFixes(text, d);
  assert.deepEqual(
    fixes.map(f => [f.title, f.isPreferred ?? false]),
    [
      ['Delete the prompt "A long written prompt about a lighthous…" and keep the 1-shot multi_prompt storyboard', false],
      ['Delete the 1-shot multi_prompt storyboard and keep the prompt', false],
    ],
  );
  const empty = '{ "prompt": "", "multi_prompt": [ { "prompt": "a", "duration": "5" } ] }';
  const [first] = quickFixes(
    empty,
    analyzeShot(empty).diagnostics.find(x => x.code === 'kling.prompt-xor')!,
  );
  assert.equal(first!.title, 'Remove the empty "prompt" (keep the 1-shot multi_prompt storyboard)');
  assert.equal(first!.isPreferred, true);
  assert.deepEqual(
    JSON.parse(
      applyEdits(
        empty,
        first!.edits.map(e => ({ ...e })),
      ),
    ),
    { multi_prompt: [{ prompt: 'a', duration: '5' }] },
  );
  const emptyShots = '{ "prompt": "keep me", "multi_prompt": [] }';
  const fixes2 = quickFixes(
    emptyShots,
    analyzeShot(emptyShots).diagnostics.find(x => x.code === 'kling.prompt-xor')!,
  );
  assert.deepEqual(
    fixes2.map(f => [f.title, f.isPreferred ?? false]),
    [
      ['Remove the empty "multi_prompt" (keep the prompt)', true],
      ['Delete the prompt "keep me" and keep the empty multi_prompt', false],
    ],
  );
});

test('the body that would be sent holds no null, and "__proto__" stays an own key', () => {
  for (const f of examples) {
    const a = analyzeShot(readFileSync(path.join(FAL_EXAMPLES, f), 'utf8'));
    assert.doesNotMatch(JSON.stringify(a.body), /null/, f);
  }
  const a = analyzeShot('{ "prompt": "x", "elements": null, "__proto__": { "polluted": null } }');
  assert.equal(Object.getPrototypeOf(a.body), Object.prototype);
  assert.deepEqual(Object.keys(a.body!), ['prompt', '__proto__']);
  assert.equal(({} as Record<string, unknown>).polluted, undefined);
});
