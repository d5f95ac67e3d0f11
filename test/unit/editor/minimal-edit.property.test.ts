// Property: setting any scalar field in any of the tricky layouts changes exactly that value; the
// edit stays inside the value's source span and everything else is byte-identical.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { parse, parseTree, findNodeAtLocation } from 'jsonc-parser';
import { applyIntent } from '../../../src/core/edit';

const LAYOUTS = [
  '{\n  "prompt": "p", // c\n  "duration": "5",\n  "cfg_scale": 0.5,\n  "generate_audio": true,\n  "zz_unknown": [1, {"a": 2}],\n}\n',
  '{\r\n\t"prompt": "p",\r\n\t/* c */ "duration": "5",\r\n\t"cfg_scale": 0.5,\r\n\t"generate_audio": true\r\n}',
  '{"prompt":"p","duration":"5","cfg_scale":0.5,"generate_audio":true}',
];
const FIELDS = [
  { key: 'prompt', value: fc.string({ maxLength: 40 }) },
  { key: 'duration', value: fc.constantFrom('3', '5', '10', '15') },
  { key: 'cfg_scale', value: fc.double({ min: 0, max: 1, noNaN: true }) },
  { key: 'generate_audio', value: fc.boolean() },
];

test('a scalar set changes only that value', () => {
  fc.assert(
    fc.property(
      fc.constantFrom(...LAYOUTS),
      fc
        .integer({ min: 0, max: FIELDS.length - 1 })
        .chain(i => fc.tuple(fc.constant(FIELDS[i]!.key), FIELDS[i]!.value as fc.Arbitrary<unknown>)),
      (text, [key, value]) => {
        const r = applyIntent(text, { kind: 'set', path: [key], value: value as string });
        const before = parse(text, [], { allowTrailingComma: true }) as Record<string, unknown>;
        const after = parse(r.text, [], { allowTrailingComma: true }) as Record<string, unknown>;
        assert.deepEqual(after, { ...before, [key]: JSON.parse(JSON.stringify(value)) });
        const node = findNodeAtLocation(parseTree(text)!, [key])!;
        for (const e of r.edits) {
          assert.ok(e.offset >= node.offset && e.offset + e.length <= node.offset + node.length, 'edit within the value span');
        }
      },
    ),
    { numRuns: 300 },
  );
});
