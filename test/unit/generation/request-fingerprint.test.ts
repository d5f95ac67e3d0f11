import { test } from 'node:test';
import assert from 'node:assert/strict';
import { DuplicateGuard } from '../../../src/extension/generation/request-fingerprint';
import { canonicalJson, requestKey as requestFingerprint } from '../../../src/takes';

const EP = 'fal-ai/kling-video/v3/pro/text-to-video';

test('canonicalJson ignores key order and undefined values, keeps array order', () => {
  assert.equal(canonicalJson({ b: 1, a: [2, 1], c: undefined }), canonicalJson({ a: [2, 1], b: 1 }));
  assert.notEqual(canonicalJson({ a: [1, 2] }), canonicalJson({ a: [2, 1] }));
  assert.equal(canonicalJson({ x: { z: 1, y: null } }), '{"x":{"y":null,"z":1}}');
});

test('the fingerprint changes with the endpoint, the body and the content of local media', () => {
  const body = { prompt: 'p', duration: '5' };
  const f = requestFingerprint(EP, body, { './a.png': 'h1' });
  assert.equal(f, requestFingerprint(EP, { duration: '5', prompt: 'p' }, { './a.png': 'h1' }));
  assert.notEqual(f, requestFingerprint(EP.replace('pro', 'standard'), body, { './a.png': 'h1' }));
  assert.notEqual(f, requestFingerprint(EP, { ...body, duration: '6' }, { './a.png': 'h1' }));
  assert.notEqual(f, requestFingerprint(EP, body, { './a.png': 'h2' }), 'same path, new image: a new request');
});

test('DuplicateGuard remembers a submit for the window only, and can forget one', () => {
  let now = 1_000_000;
  const g = new DuplicateGuard(60_000, () => now);
  assert.equal(g.ageOf('x'), undefined);
  g.record('x');
  now += 12_000;
  assert.equal(g.ageOf('x'), 12_000);
  now += 48_001;
  assert.equal(g.ageOf('x'), undefined, 'older than 60 s is not a duplicate');
  g.record('y');
  g.forget('y');
  assert.equal(g.ageOf('y'), undefined);
});
