// The endpoint registry's own soundness: names resolve, ids are unique, every entry prices a
// typical body and accepts fal's example input, and a name claimed twice is caught.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, readdirSync } from 'node:fs';
import * as path from 'node:path';
import {
  aliasCollisions,
  analyzeShot,
  ENDPOINTS,
  estimateCost,
  lookupEndpoint,
  validateRequestBody,
  type EndpointEntry,
} from '../../../src/core';
import { withoutNulls } from '../../../src/core/absent';

const FAL_EXAMPLES = path.join(__dirname, '..', '..', 'fixtures', 'fal-examples');
const falExamples = readdirSync(FAL_EXAMPLES)
  .filter(f => f.endsWith('.kling.json'))
  .map(f => readFileSync(path.join(FAL_EXAMPLES, f), 'utf8'));

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

  test(`${entry.id}: its price rule prices a typical body`, () => {
    const body = { prompt: 'a lighthouse at dusk', duration: '5' };
    const cost = estimateCost({ id: entry.id, kind: entry.kind, tier: entry.tier, inferred: false }, body, undefined, {
      videoSeconds: 5,
    });
    assert.ok(cost, 'priced');
    assert.equal(cost.seconds, 5);
    assert.equal(cost.perSecond, entry.price.usd.audioOn, 'sound is on by default');
    assert.ok(cost.usd > 0);
  });

  test(`${entry.id}: its schema accepts fal's example input, nulls included`, () => {
    const example = falExamples.find(t => analyzeShot(t).endpoint.kind === entry.kind);
    assert.ok(example, `a fal example of ${entry.kind} in test/fixtures/fal-examples`);
    const body = JSON.parse(example) as Record<string, unknown>;
    delete body.endpoint;
    const parsed = entry.schema.safeParse(withoutNulls(body));
    assert.ok(parsed.success, parsed.error?.message);
    assert.deepEqual(validateRequestBody(entry.id, body), []);
  });
}
