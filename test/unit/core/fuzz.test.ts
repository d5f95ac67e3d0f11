// 10 000 mutations of valid shot files: deleted and duplicated keys, wrong types, truncation,
// random bytes. Nothing may throw and every range must lie inside the document.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, readdirSync } from 'node:fs';
import * as path from 'node:path';
import fc from 'fast-check';
import { parseTree, type Node } from 'jsonc-parser';
import { analyzeShot, quickFixes, hoverInfo, validateRequestBody, DIAGNOSTIC_CODES } from '../../../src/core';

const EXAMPLES = path.join(__dirname, '..', '..', '..', 'examples');
const SEEDS = [
  ...readdirSync(EXAMPLES)
    .filter(f => f.endsWith('.kling.json'))
    .map(f => readFileSync(path.join(EXAMPLES, f), 'utf8')),
  '{ "multi_prompt": [{ "prompt": "@Element1 a", "duration": "2" }, { "prompt": "b" }], "duration": "7", "start_image_url": "https://a/s.png", "elements": [{ "video_url": "https://a/v.mp4" }] }',
  '{\r\n\t"image_url": "./i.png",\r\n\t"video_url": "./v.mp4",\r\n\t"character_orientation": "image",\r\n\t"elements": [{ "frontal_image_url": "./f.png", "reference_image_urls": [] }]\r\n}',
];

function nodes(text: string): Node[] {
  const out: Node[] = [];
  const walk = (n: Node | undefined) => {
    if (!n) return;
    out.push(n);
    n.children?.forEach(walk);
  };
  walk(parseTree(text, [], { allowTrailingComma: true }));
  return out;
}

type Op =
  | { kind: 'delete'; at: number }
  | { kind: 'duplicate'; at: number }
  | { kind: 'retype'; at: number; value: unknown }
  | { kind: 'truncate'; at: number }
  | { kind: 'bytes'; at: number; junk: string; replace: number };

function mutate(text: string, op: Op): string {
  const all = nodes(text);
  const props = all.filter(n => n.type === 'property');
  const values = all.filter(n => n.type !== 'property');
  switch (op.kind) {
    case 'delete': {
      const p = props[op.at % Math.max(props.length, 1)];
      return p ? text.slice(0, p.offset) + text.slice(p.offset + p.length) : text;
    }
    case 'duplicate': {
      const p = props[op.at % Math.max(props.length, 1)];
      return p
        ? text.slice(0, p.offset + p.length) + ', ' + text.slice(p.offset, p.offset + p.length) + text.slice(p.offset + p.length)
        : text;
    }
    case 'retype': {
      const v = values[op.at % Math.max(values.length, 1)];
      const s = JSON.stringify(op.value) ?? 'null';
      return v ? text.slice(0, v.offset) + s + text.slice(v.offset + v.length) : text;
    }
    case 'truncate':
      return text.slice(0, op.at % (text.length + 1));
    case 'bytes': {
      const at = op.at % (text.length + 1);
      return text.slice(0, at) + op.junk + text.slice(at + op.replace);
    }
  }
}

const opArb: fc.Arbitrary<Op> = fc.oneof(
  fc.record({ kind: fc.constant('delete' as const), at: fc.nat() }),
  fc.record({ kind: fc.constant('duplicate' as const), at: fc.nat() }),
  fc.record({ kind: fc.constant('retype' as const), at: fc.nat(), value: fc.jsonValue({ maxDepth: 2 }) }),
  fc.record({ kind: fc.constant('truncate' as const), at: fc.nat() }),
  fc.record({
    kind: fc.constant('bytes' as const),
    at: fc.nat(),
    junk: fc.string({ unit: 'binary', maxLength: 8 }),
    replace: fc.nat({ max: 4 }),
  }),
);

function checkInvariants(text: string, offset: number): void {
  const a = analyzeShot(text);
  const lines = text.split(/\r\n|\r|\n/);
  for (const d of a.diagnostics) {
    assert.ok(d.code in DIAGNOSTIC_CODES, d.code);
    assert.notEqual(d.code, 'kling.internal', d.message);
    assert.ok(d.offset >= 0 && d.length >= 0 && d.offset + d.length <= text.length, `${d.code} span out of document`);
    for (const p of [d.range.start, d.range.end]) {
      assert.ok(p.line >= 0 && p.line < lines.length, `${d.code} line out of document`);
      assert.ok(p.character >= 0 && p.character <= lines[p.line]!.length, `${d.code} character out of line`);
    }
    assert.ok(
      d.range.start.line < d.range.end.line ||
        (d.range.start.line === d.range.end.line && d.range.start.character <= d.range.end.character),
    );
    for (const fix of quickFixes(text, d)) {
      for (const e of fix.edits) assert.ok(e.offset >= 0 && e.offset + e.length <= text.length, `${d.code} fix edit out of document`);
    }
  }
  hoverInfo(text, offset % (text.length + 1));
  if (a.body) validateRequestBody(a.endpoint.id, a.body);
}

test('10 000 mutations: no exception, every range inside the document', () => {
  fc.assert(
    fc.property(fc.nat({ max: SEEDS.length - 1 }), fc.array(opArb, { minLength: 1, maxLength: 3 }), fc.nat(), (seed, ops, offset) => {
      let text = SEEDS[seed]!;
      for (const op of ops) text = mutate(text, op);
      checkInvariants(text, offset);
    }),
    { numRuns: 10_000, seed: 20260401 },
  );
});

test('random strings never throw', () => {
  fc.assert(
    fc.property(fc.string({ unit: 'binary', maxLength: 200 }), s => {
      checkInvariants(s, 0);
    }),
    { numRuns: 500 },
  );
});
