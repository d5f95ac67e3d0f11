// Live prices map onto the registry's price rules by unit (per second: used; per video or per call:
// not, the built-in figure stays), every estimate names its source, and the schema comparison finds
// each kind of drift through fal's `$ref`s and nullable `anyOf`s.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  DEFAULT_PRICES,
  entryJsonSchema,
  estimateCost,
  lookupEndpoint,
  mapLivePrice,
  priceSourceText,
  schemaDrift,
  withKindTierPrices,
  withLivePrices,
  type LivePrice,
} from '../../../src/core';

const T2V = 'fal-ai/kling-video/v3/pro/text-to-video';
const TURBO = 'fal-ai/kling-video/v3/turbo/pro/text-to-video';
const live = (endpointId: string, unitPrice: number, unit = 'second', currency = 'USD'): LivePrice => ({
  endpointId,
  unitPrice,
  unit,
  currency,
  readAt: '2026-12-03T10:00:00.000Z',
});
const pro = { id: T2V, kind: 'text-to-video', tier: 'pro', inferred: false } as const;

test('a per-second live price replaces the base figure and moves sound and voice by the same ratio', () => {
  const m = mapLivePrice(lookupEndpoint(T2V)!, live(T2V, 0.224));
  assert.deepEqual(m, { ok: true, usd: { audioOff: 0.224, audioOn: 0.336, voice: 0.392 } });
  assert.deepEqual(mapLivePrice(lookupEndpoint(TURBO)!, live(TURBO, 0.2, 'video_second')), {
    ok: true,
    usd: { audioOff: 0.2, audioOn: 0.2 },
  });
  const table = withLivePrices(DEFAULT_PRICES, [live(T2V, 0.224)]);
  const c = estimateCost(pro, { prompt: 'a' }, table)!;
  assert.equal(c.usd, 1.68, '5 s × $0.336/s, sound on');
  assert.equal(priceSourceText(c.source), 'live (fal, read 2026-12-03)');
  const o3 = { id: 'fal-ai/kling-video/o3/pro/text-to-video', kind: 'text-to-video', tier: 'pro', inferred: false } as const;
  assert.match(priceSourceText(estimateCost(o3, { prompt: 'a' }, table)!.source), /^built-in \(\d{4}-\d{2}\)$/);
});

test('a price per video, per call or in another currency is not used; the user setting beats a live price', () => {
  for (const [unit, currency] of [
    ['video', 'USD'],
    ['request', 'USD'],
    ['image', 'USD'],
    ['second', 'EUR'],
  ] as const) {
    const m = mapLivePrice(lookupEndpoint(T2V)!, live(T2V, 0.5, unit, currency));
    assert.equal(m.ok, false, `${unit} ${currency}`);
    assert.equal(estimateCost(pro, { prompt: 'a' }, withLivePrices(DEFAULT_PRICES, [live(T2V, 0.5, unit, currency)]))!.usd, 0.84);
  }
  const mine = withKindTierPrices(DEFAULT_PRICES, { 'text-to-video': { pro: { audioOff: 1, audioOn: 2 } } }, 'mine');
  const both = withLivePrices(mine, [live(T2V, 0.224)]);
  assert.equal(estimateCost(pro, { prompt: 'a' }, both)!.usd, 10);
  assert.equal(priceSourceText(estimateCost(pro, { prompt: 'a' }, both)!.source), 'mine');
});

test("schema drift through fal's refs and nullable anyOfs: added, removed, enum, limit, required", () => {
  const ours = entryJsonSchema(lookupEndpoint(T2V)!);
  // fal's shape: the input behind a $ref, optional fields as anyOf [X, null], enums behind allOf refs.
  const props = structuredClone(ours.properties) as Record<string, Record<string, unknown>>;
  const doc: Record<string, unknown> = { components: { schemas: { Ratio: { type: 'string', enum: ['16:9', '9:16'] } } } };
  props.aspect_ratio = { anyOf: [{ allOf: [{ $ref: '#/components/schemas/Ratio' }] }, { type: 'null' }] };
  props.negative_prompt = { anyOf: [{ type: 'string', maxLength: 2000 }, { type: 'null' }] };
  (props.multi_prompt!.items as Record<string, unknown>).properties = {
    ...((props.multi_prompt!.items as Record<string, unknown>).properties as object),
    camera: { type: 'string' },
  };
  delete props.cfg_scale;
  const input = { type: 'object', properties: props, required: ['prompt'] };
  assert.deepEqual(schemaDrift(ours, input, doc), [
    { kind: 'field-added', field: 'multi_prompt[].camera' },
    { kind: 'required-changed', field: 'prompt', registry: false, fal: true },
    { kind: 'enum-changed', field: 'aspect_ratio', added: [], removed: ['"1:1"'] },
    { kind: 'limit-changed', field: 'negative_prompt', limit: 'maxLength', registry: 2500, fal: 2000 },
    { kind: 'field-removed', field: 'cfg_scale' },
  ]);
  assert.deepEqual(schemaDrift(ours, ours), []);
});
