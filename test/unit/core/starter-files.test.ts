// A new or emptied file is a start, not a syntax error: an empty (or blank, or comments-only) shot,
// sequence or cast file gets one diagnostic in words, never jsonc-parser's "Value expected"; the
// starter texts `kling init` and the editors' template buttons write are clean; and Add Shot's
// edit appends to a sequence's list keeping its comments, or fills a blank file whole.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  analyzeCast,
  analyzeSequence,
  analyzeShot,
  appendSequenceEntries,
  fillBlankEdits,
  isBlankJson,
  type TextEdit,
} from '../../../src/core';
import { applyIntent, EditError } from '../../../src/core/edit';
import { starterCastText, starterSequenceText, starterShotTemplate } from '../../../src/core/starter-files';

function apply(text: string, edits: readonly TextEdit[]): string {
  return [...edits]
    .sort((a, b) => b.offset - a.offset)
    .reduce((t, e) => t.slice(0, e.offset) + e.content + t.slice(e.offset + e.length), text);
}

const BLANKS = ['', '   \n\t\n', '\ufeff', '// nothing yet\n'];

test('an empty file says it is empty, in each of the three kinds, and nothing else', () => {
  for (const text of BLANKS) {
    assert.equal(isBlankJson(text), true, JSON.stringify(text));
    const shot = analyzeShot(text).diagnostics;
    const seq = analyzeSequence(text).diagnostics;
    const cast = analyzeCast('/p/a.kling-cast.json', text).diagnostics;
    for (const [what, ds] of [
      ['shot', shot],
      ['sequence', seq],
      ['cast', cast],
    ] as const) {
      assert.equal(ds.length, 1, `${what} ${JSON.stringify(text)}: ${ds.map(d => d.message).join(' | ')}`);
      assert.equal(ds[0]!.code, 'kling.parse');
      assert.match(ds[0]!.message, new RegExp(`^The ${what} file is empty: `));
      assert.doesNotMatch(ds[0]!.message, /Value ?expected/i);
    }
  }
  // A file with a value in it is not blank, even a broken one: its problem is named as before.
  assert.equal(isBlankJson('{'), false);
  assert.equal(isBlankJson('[]'), false);
  assert.match(analyzeCast('/p/a.kling-cast.json', '{ "members": { ').diagnostics[0]!.message, /the cast file must be JSON/);
});

test('the starter shot, sequence and cast are clean', () => {
  const shot = starterShotTemplate();
  assert.equal(shot.media?.length ?? 0, 0, 'no file to pick: it can fill a file at once');
  assert.deepEqual(
    analyzeShot(shot.text).diagnostics.map(d => d.code),
    [],
  );
  assert.deepEqual(analyzeSequence(starterSequenceText(['a.kling.json'])).diagnostics, []);
  assert.deepEqual(analyzeCast('/p/c.kling-cast.json', starterCastText()).diagnostics, []);
  // An empty list is honest: the sequence must name a shot before it is a cut.
  assert.match(analyzeSequence(starterSequenceText([])).diagnostics[0]!.message, /at least one shot/);
});

test('appending shots keeps comments and layout; a blank file becomes a whole sequence', () => {
  const text = `// my cut
{
  "shots": [
    "a.kling.json", // the opening
    { "shot": "b.kling.json", "take": "renders/b.take.json" }
  ]
}
`;
  const out = apply(text, appendSequenceEntries(text, ['c.kling.json', 'd/e.kling.json']));
  assert.equal(
    out,
    text.replace('"take": "renders/b.take.json" }\n', '"take": "renders/b.take.json" },\n    "c.kling.json",\n    "d/e.kling.json"\n'),
  );
  assert.deepEqual(
    analyzeSequence(out).entries.map(e => e.shot),
    ['a.kling.json', 'b.kling.json', 'c.kling.json', 'd/e.kling.json'],
  );
  for (const blank of BLANKS) {
    const filled = apply(blank, appendSequenceEntries(blank, ['x.kling.json']));
    assert.equal(filled, starterSequenceText(['x.kling.json']));
  }
  const emptyList = starterSequenceText([]);
  assert.deepEqual(
    analyzeSequence(apply(emptyList, appendSequenceEntries(emptyList, ['x.kling.json']))).entries.map(e => e.shot),
    ['x.kling.json'],
  );
});

test("the shot editor's Start from a Template fills only an empty file; a cast or sequence is filled the same way", () => {
  for (const blank of BLANKS) {
    const r = applyIntent(blank, { kind: 'startFromTemplate' });
    assert.equal(r.text, starterShotTemplate().text);
    assert.equal(apply(blank, r.edits), starterShotTemplate().text);
    assert.equal(apply(blank, fillBlankEdits(blank, starterCastText())), starterCastText());
  }
  for (const text of ['{}', '{ "prompt": "mine" }', '{']) {
    assert.throws(
      () => applyIntent(text, { kind: 'startFromTemplate' }),
      (e: unknown) => e instanceof EditError && /not empty/.test(e.message),
    );
    assert.throws(() => fillBlankEdits(text, starterCastText()), EditError);
  }
});
