// The endpoint registry's own soundness: names resolve, ids are unique, every entry prices a
// typical body and accepts fal's example input, and a name claimed twice is caught.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, readdirSync } from 'node:fs';
import * as path from 'node:path';
import {
  aliasCollisions,
  analyzeShot,
  BUILT_IN_PRICES_AS_OF,
  ENDPOINTS,
  entryFor,
  estimateCost,
  lookupEndpoint,
  validateRequestBody,
  type EndpointEntry,
} from '../../../src/core';
import { withoutNulls } from '../../../src/core/absent';

const BUILT_IN = { kind: 'built-in', asOf: BUILT_IN_PRICES_AS_OF } as const;

// fal's per-second price for a typical body (sound at the endpoint's default), from its llms.txt
// and model pages: V3 as of 2026-08-23, O3 and turbo late 2026.
const PUBLISHED: Record<string, number> = {
  'fal-ai/kling-video/v3/pro/text-to-video': 0.168,
  'fal-ai/kling-video/v3/standard/text-to-video': 0.126,
  'fal-ai/kling-video/v3/4k/text-to-video': 0.42,
  'fal-ai/kling-video/v3/pro/image-to-video': 0.168,
  'fal-ai/kling-video/v3/standard/image-to-video': 0.126,
  'fal-ai/kling-video/v3/4k/image-to-video': 0.42,
  'fal-ai/kling-video/v3/pro/motion-control': 0.168,
  'fal-ai/kling-video/v3/standard/motion-control': 0.168,
  'fal-ai/kling-video/o3/pro/text-to-video': 0.112,
  'fal-ai/kling-video/o3/standard/text-to-video': 0.084,
  'fal-ai/kling-video/o3/4k/text-to-video': 0.42,
  'fal-ai/kling-video/o3/pro/image-to-video': 0.112,
  'fal-ai/kling-video/o3/standard/image-to-video': 0.084,
  'fal-ai/kling-video/o3/4k/image-to-video': 0.42,
  'fal-ai/kling-video/o3/pro/reference-to-video': 0.112,
  'fal-ai/kling-video/o3/standard/reference-to-video': 0.084,
  'fal-ai/kling-video/o3/4k/reference-to-video': 0.42,
  'fal-ai/kling-video/v3/turbo/pro/text-to-video': 0.14,
  'fal-ai/kling-video/v3/turbo/standard/text-to-video': 0.112,
  'fal-ai/kling-video/v3/turbo/pro/image-to-video': 0.14,
  'fal-ai/kling-video/v3/turbo/standard/image-to-video': 0.112,
  // O3 video-to-video: fal's pro edit page; standard and reference are estimates (registry/o3.ts).
  'fal-ai/kling-video/o3/pro/video-to-video/edit': 0.336,
  'fal-ai/kling-video/o3/standard/video-to-video/edit': 0.252,
  'fal-ai/kling-video/o3/pro/video-to-video/reference': 0.336,
  // Kling 4.0 at its default 720p, nothing but text and images going in (its llms.txt pages).
  'kling/v4/text-to-video': 0.157,
  'kling/v4/image-to-video': 0.157,
  'kling/v4/reference-to-video': 0.157,
  // A video always goes in: fal's video-input figure (on input plus output seconds).
  'kling/v4/video-to-video/edit': 0.094,
  'fal-ai/kling-video/o3/standard/video-to-video/reference': 0.252,
};

// fal's price per request, for endpoints that make no clip (create-voice's llms.txt page).
const PER_CALL: Record<string, number> = { 'fal-ai/kling-video/create-voice': 0.007 };

const FAL_EXAMPLES = path.join(__dirname, '..', '..', 'fixtures', 'fal-examples');
const falExamples = readdirSync(FAL_EXAMPLES)
  .filter(f => f.endsWith('.kling.json'))
  .map(f => readFileSync(path.join(FAL_EXAMPLES, f), 'utf8'));

test('4K is one price with or without sound: a silent V3 4k take is not priced lower', () => {
  for (const kind of ['text-to-video', 'image-to-video'] as const) {
    const id = `fal-ai/kling-video/v3/4k/${kind}`;
    const cost = estimateCost(
      { id, kind, tier: '4k', inferred: false },
      { prompt: 'a quiet harbour', duration: '5', generate_audio: false },
    );
    assert.equal(cost?.audio, false);
    assert.equal(cost?.perSecond, 0.42, id);
  }
});

test('ids are unique and no name is claimed twice', () => {
  assert.equal(new Set(ENDPOINTS.map(e => e.id)).size, ENDPOINTS.length);
  assert.deepEqual(aliasCollisions(ENDPOINTS), []);
});

test('an alias claimed by two entries is detected', () => {
  const [a, b] = ENDPOINTS as [EndpointEntry, EndpointEntry];
  assert.deepEqual(aliasCollisions([a, { ...b, aliases: [...b.aliases, a.aliases[0]!] }]), [a.aliases[0]]);
  assert.deepEqual(aliasCollisions([a, { ...b, aliases: [a.id] }]), [a.id], 'an alias equal to another id');
});

for (const entry of ENDPOINTS) {
  test(`${entry.id}: its id and every alias resolve to it`, () => {
    assert.equal(lookupEndpoint(entry.id), entry);
    for (const alias of entry.aliases) assert.equal(lookupEndpoint(alias), entry, alias);
  });

  test(`${entry.id}: its price rule prices a typical body at fal's published figure`, () => {
    if (entry.price.type === 'per-call') {
      const call = estimateCost(
        { id: entry.id, kind: entry.kind, tier: entry.tier, inferred: false },
        { voice_url: 'https://example.com/v.wav' },
      );
      assert.deepEqual(call, { usd: PER_CALL[entry.id], seconds: 0, perSecond: 0, audio: false, source: BUILT_IN });
      return;
    }
    const body = { prompt: 'a lighthouse at dusk', duration: entry.duration?.form === 'integer' ? 5 : '5' };
    const cost = estimateCost({ id: entry.id, kind: entry.kind, tier: entry.tier, inferred: false }, body, undefined, {
      videoSeconds: 5,
    });
    assert.ok(cost, 'priced');
    assert.equal(cost.seconds, 5);
    assert.equal(cost.perSecond, PUBLISHED[entry.id], 'the per-second figure fal publishes for a body with default sound');
    const soundAlwaysOn = entry.price.type === 'per-second-by-resolution';
    assert.equal(cost.audio, soundAlwaysOn || (entry.price.type === 'per-second' && entry.price.audioDefault));
  });

  test(`${entry.id}: its schema accepts fal's example input, nulls included`, () => {
    const example = falExamples.find(t => entryFor(analyzeShot(t).endpoint.id)?.schema === entry.schema);
    assert.ok(example, `a fal example of ${entry.family} ${entry.kind} in test/fixtures/fal-examples`);
    const body = JSON.parse(example) as Record<string, unknown>;
    delete body.endpoint;
    const parsed = entry.schema.safeParse(withoutNulls(body));
    assert.ok(parsed.success, parsed.error?.message);
    assert.deepEqual(validateRequestBody(entry.id, body), []);
  });
}

test('the new families answer to their short aliases', () => {
  assert.equal(lookupEndpoint('o3/pro/reference-to-video')?.id, 'fal-ai/kling-video/o3/pro/reference-to-video');
  assert.equal(lookupEndpoint('reference-to-video')?.id, 'fal-ai/kling-video/o3/pro/reference-to-video');
  assert.equal(lookupEndpoint('turbo/pro/text-to-video')?.id, 'fal-ai/kling-video/v3/turbo/pro/text-to-video');
  assert.equal(lookupEndpoint('v3/turbo/standard/image-to-video')?.id, 'fal-ai/kling-video/v3/turbo/standard/image-to-video');
  assert.equal(lookupEndpoint('o3/pro/video-to-video/edit')?.id, 'fal-ai/kling-video/o3/pro/video-to-video/edit');
  assert.equal(lookupEndpoint('o3/standard/video-to-video/reference')?.id, 'fal-ai/kling-video/o3/standard/video-to-video/reference');
  assert.equal(lookupEndpoint('o3/4k/video-to-video/edit'), undefined, 'no O3 4k video-to-video entry');
});

test('O3 image-to-video wants image_url, not V3 start_image_url', () => {
  const sent = { image_url: 'https://example.com/a.png', start_image_url: 'https://example.com/b.png', prompt: 'walk' };
  assert.deepEqual(validateRequestBody('fal-ai/kling-video/o3/pro/image-to-video', sent), []);
  const missing = validateRequestBody('fal-ai/kling-video/o3/pro/image-to-video', { prompt: 'walk' });
  assert.deepEqual(
    missing.map(d => d.loc.join('.')),
    ['body.image_url'],
  );
});

test('O3 sound is off unless asked for, and priced as on when it is', () => {
  const o3 = { id: 'fal-ai/kling-video/o3/standard/text-to-video', kind: 'text-to-video', tier: 'standard', inferred: false } as const;
  assert.deepEqual(estimateCost(o3, { prompt: 'a', generate_audio: true }), {
    usd: 0.56,
    seconds: 5,
    perSecond: 0.112,
    audio: true,
    source: BUILT_IN,
  });
  const turbo = { id: 'fal-ai/kling-video/v3/turbo/pro/text-to-video', kind: 'text-to-video', tier: 'pro', inferred: false } as const;
  assert.deepEqual(estimateCost(turbo, { prompt: 'a', duration: '10' }), {
    usd: 1.4,
    seconds: 10,
    perSecond: 0.14,
    audio: false,
    source: BUILT_IN,
  });
});
