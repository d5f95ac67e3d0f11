// The fast path must build exactly jsonc-parser's tree, or give up.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { parseTree, type Node } from 'jsonc-parser';
import { fastParseTree } from '../../../src/core/fast-parse';
import { nodeValue } from '../../../src/core/parse';

function strip(n: Node | undefined): unknown {
  if (!n) return undefined;
  const { parent: _p, children, ...rest } = n;
  return children ? { ...rest, children: children.map(strip) } : rest;
}

function sameAsJsonc(text: string): void {
  const fast = fastParseTree(text);
  const errors: unknown[] = [];
  const slow = parseTree(text, errors as never[], { allowTrailingComma: true, disallowComments: false });
  if (fast) {
    assert.deepEqual(errors, [], `fast path accepted a document jsonc-parser rejects: ${JSON.stringify(text)}`);
    assert.deepEqual(strip(fast.tree), strip(slow), JSON.stringify(text));
    assert.deepEqual(fast.value, nodeValue(slow!));
  }
}

const junk = fc.constantFrom(' ', '\n', '\r\n', '\t', '// c\n', '/* c */', '', ',');

test('same tree as parseTree for JSON with comments, whitespace and trailing commas', () => {
  fc.assert(
    fc.property(fc.json({ maxDepth: 4 }), fc.array(junk, { maxLength: 40 }), fc.nat(), (json, bits, seed) => {
      sameAsJsonc(json);
      assert.ok(fastParseTree(json), 'plain JSON takes the fast path');
      const pretty = JSON.stringify(JSON.parse(json), null, seed % 2 ? 2 : '\t');
      sameAsJsonc(pretty);
      // Sprinkle trivia (and the odd stray comma) between tokens.
      let out = '';
      let k = 0;
      for (const ch of pretty) {
        out += ch;
        if ('{[,:'.includes(ch) && k < bits.length) out += bits[k++];
      }
      sameAsJsonc(out);
    }),
    { numRuns: 2000 },
  );
});

test('gives up on errors and exotic input', () => {
  for (const t of [
    '',
    '{',
    '{"a" 1}',
    '[1 2]',
    '{"a":1}}',
    '"\\x"',
    '01',
    '-',
    'truex',
    '\ufeff{}',
    '{"a":1}\u00a0',
    '"a\nb"',
    '/* open',
    '// c\u2028{}',
  ]) {
    assert.equal(fastParseTree(t), undefined, JSON.stringify(t));
  }
  assert.equal(fastParseTree('['.repeat(1000) + ']'.repeat(1000)), undefined);
});

test('escapes decode like JSON.parse', () => {
  const t = '{"k\\u00e9y": "a\\n\\"b\\" \\ud83d\\ude00 \\/"}';
  sameAsJsonc(t);
  assert.deepEqual(
    fastParseTree(t)!.tree.children![0]!.children!.map(c => c.value),
    ['kéy', 'a\n"b" 😀 /'],
  );
});
