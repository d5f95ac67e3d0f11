import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  hoverInfo,
  estimateCost,
  BUILT_IN_PRICES_AS_OF,
  DEFAULT_PRICES,
  resolveEndpoint,
  fieldsOf,
  fieldInfo,
  withKindTierPrices,
} from '../../../src/core';
import { rangeOf } from './helpers/expect';

/** What an estimate from the built-in table says of its prices. */
const BUILT_IN = { kind: 'built-in', asOf: BUILT_IN_PRICES_AS_OF } as const;

test('hover on a key shows description, default and allowed values', () => {
  const text = '{\n  "prompt": "a",\n  "aspect_ratio": "16:9"\n}';
  const h = hoverInfo(text, text.indexOf('aspect_ratio') + 3)!;
  assert.deepEqual(h.range, rangeOf(text, '"aspect_ratio"'));
  assert.match(h.markdown, /Aspect ratio/);
  assert.match(h.markdown, /Allowed: `"16:9"`, `"9:16"`, `"1:1"`/);
  assert.match(h.markdown, /Default: `"16:9"`/);
});

test('hover on nested keys, values and unknown keys', () => {
  const text = '{ "multi_prompt": [{ "prompt": "a", "duration": "5" }], "keep_original_sound": true }';
  assert.match(hoverInfo(text, text.indexOf('"duration"') + 1)!.markdown, /Shot duration/);
  assert.equal(hoverInfo(text, text.indexOf('"a"') + 1), undefined);
  assert.match(hoverInfo(text, text.indexOf('keep_original') + 1)!.markdown, /belongs to motion-control/);
  assert.equal(hoverInfo('{ broken', 3), undefined);
});

test('FIELD_INFO carries labels, enums, ranges, defaults and media kinds', () => {
  const cfg = fieldInfo('text-to-video', ['cfg_scale'])!;
  assert.deepEqual([cfg.label, cfg.minimum, cfg.maximum, cfg.default, cfg.type], ['CFG scale', 0, 1, 0.5, 'number']);
  assert.deepEqual(fieldInfo('text-to-video', 'duration')!.enum!.length, 13);
  assert.equal(fieldInfo('image-to-video', ['elements', 0, 'video_url'])!.media, 'video');
  assert.equal(fieldInfo('motion-control', 'character_orientation')!.required, true);
  assert.equal(fieldInfo('image-to-video', 'start_image_url')!.media, 'image');
  for (const kind of ['text-to-video', 'image-to-video', 'motion-control'] as const) {
    for (const f of fieldsOf(kind)) assert.ok(f.label && (f.description || f.name === ''), `${kind} ${f.key}`);
  }
});

test('cost estimate from duration, audio, tier and voice', () => {
  const pro = resolveEndpoint({ prompt: 'a' });
  assert.deepEqual(estimateCost(pro, { prompt: 'a' }), { usd: 0.84, seconds: 5, perSecond: 0.168, audio: true, source: BUILT_IN });
  assert.deepEqual(estimateCost(pro, { prompt: 'a', duration: '10', generate_audio: false }), {
    usd: 1.12,
    seconds: 10,
    perSecond: 0.112,
    audio: false,
    source: BUILT_IN,
  });
  const std = resolveEndpoint({ endpoint: 'standard/image-to-video' });
  assert.equal(estimateCost(std, { duration: '5', elements: [{ video_url: 'x', voice_id: 'v' }] })!.perSecond, 0.154);
  assert.equal(estimateCost(pro, { duration: 5 }), undefined);
  assert.equal(estimateCost(pro, undefined), undefined);
  const mc = resolveEndpoint({ character_orientation: 'video' });
  assert.equal(estimateCost(mc, {}), undefined);
  assert.deepEqual(estimateCost(mc, {}, DEFAULT_PRICES, { videoSeconds: 6 }), {
    usd: 1.008,
    seconds: 6,
    perSecond: 0.168,
    audio: true,
    source: BUILT_IN,
  });
  // The setting's kind → tier form replaces the V3 figures only: O3 shares the kind, not the price.
  const custom = withKindTierPrices(DEFAULT_PRICES, { 'text-to-video': { pro: { audioOff: 1, audioOn: 2 } } }, 'mine');
  assert.equal(custom.source, 'mine');
  assert.deepEqual(estimateCost(pro, { prompt: 'a' }, custom)!.source, { kind: 'setting', name: 'mine' });
  assert.equal(estimateCost(pro, { prompt: 'a' }, custom)!.usd, 10);
  const o3 = resolveEndpoint({ endpoint: 'o3/pro/text-to-video' });
  assert.equal(estimateCost(o3, { prompt: 'a' }, custom)!.usd, 0.56, 'O3 pro keeps its built-in $0.112/s, sound off by default');
  assert.equal(withKindTierPrices(DEFAULT_PRICES, { 'no-such-kind': { pro: { audioOff: 1, audioOn: 2 } } }, 'mine'), DEFAULT_PRICES);
});
