// Kling 4.0's integer seconds (3…30) in storyboard edits and quick fixes, which read the duration
// form of the file's endpoint; V3 files keep their "3"…"15" strings.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { applyEdits } from 'jsonc-parser';
import { analyzeShot, quickFixes, type QuickFix } from '../../../src/core';
import { applyIntent, EditError } from '../../../src/core/edit';

const V4 = 'kling/v4/text-to-video';
const file = (o: Record<string, unknown>) => JSON.stringify(o, null, 2);
const body = (text: string) => JSON.parse(text) as Record<string, unknown>;
const apply = (text: string, fix: QuickFix) => applyEdits(text, [...fix.edits]);
const errors = (text: string) =>
  analyzeShot(text)
    .diagnostics.filter(d => d.severity === 'error')
    .map(d => d.code);

function fixesFor(text: string, code: string): QuickFix[] {
  const d = analyzeShot(text).diagnostics.find(x => x.code === code);
  assert.ok(d, `no ${code} in ${JSON.stringify(analyzeShot(text).diagnostics.map(x => x.code))}`);
  return quickFixes(text, d);
}

test('a string "5" on a Kling 4.0 file gets a quick fix to the number 5', () => {
  const text = file({ endpoint: V4, prompt: 'rain', duration: '5' });
  const [fix] = fixesFor(text, 'kling.duration');
  assert.equal(fix?.title, 'Write the duration as a number: 5');
  const fixed = apply(text, fix!);
  assert.equal(body(fixed).duration, 5);
  assert.deepEqual(errors(fixed), []);
});

test('a shot duration "12" on Kling 4.0 becomes 12; "31" is past the range and gets 30', () => {
  const text = file({ endpoint: V4, multi_prompt: [{ prompt: 'a', duration: '12' }], duration: 12 });
  const [fix] = fixesFor(text, 'kling.shot-duration');
  assert.deepEqual(body(apply(text, fix!)).multi_prompt, [{ prompt: 'a', duration: 12 }]);
  const [cap] = fixesFor(file({ endpoint: V4, prompt: 'x', duration: '31' }), 'kling.duration');
  assert.equal(cap?.title, 'Set the duration to 30, the longest this model makes');
});

test('the shot-sum fix writes a number up to 30 on Kling 4.0, and a string on V3', () => {
  const shots = [
    { prompt: 'a', duration: 12 },
    { prompt: 'b', duration: 14 },
  ];
  const text = file({ endpoint: V4, multi_prompt: shots, duration: 20 });
  const [fix] = fixesFor(text, 'kling.shot-duration-sum');
  assert.equal(fix?.title, 'Set duration to 26 (the sum of the shots)');
  assert.equal(body(apply(text, fix!)).duration, 26);
  assert.deepEqual(errors(apply(text, fix!)), []);
  const v3 = file({ multi_prompt: [{ prompt: 'a', duration: '4' }], duration: '5' });
  const [v3fix] = fixesFor(v3, 'kling.shot-duration-sum');
  assert.equal(v3fix?.title, 'Set duration to "4" (the sum of the shots)');
  assert.equal(body(apply(v3, v3fix!)).duration, '4');
});

test('storyboard edits on Kling 4.0 write numbers and go past 15 s', () => {
  const text = file({ endpoint: V4, prompt: 'a long take', duration: 20 });
  const board = applyIntent(text, { kind: 'setMode', mode: 'storyboard' }).text;
  assert.deepEqual(body(board).multi_prompt, [{ prompt: 'a long take', duration: 20 }]);
  const dup = applyIntent(board, { kind: 'duplicateShot', index: 0 }).text;
  assert.deepEqual(
    (body(dup).multi_prompt as { duration: unknown }[]).map(s => s.duration),
    [10, 10],
    'a full copy would pass 30 s: the two share the 20 s',
  );
  const added = applyIntent(board, { kind: 'addShot' }).text;
  assert.deepEqual(
    (body(added).multi_prompt as { duration: unknown }[]).map(s => s.duration),
    [20, 3],
  );
  assert.equal(body(added).duration, 23, 'the total follows the shots, as a number');
  assert.deepEqual(
    errors(added).filter(c => c.includes('duration') || c.includes('shot-total')),
    [],
  );
  const resized = applyIntent(dup, { kind: 'resizeShots', index: 0, delta: 4 }).text;
  assert.deepEqual(
    (body(resized).multi_prompt as { duration: unknown }[]).map(s => s.duration),
    [14, 6],
  );
});

test('V3 storyboard edits keep strings and the 15 s cap', () => {
  const text = file({ endpoint: 'text-to-video', prompt: 'x', duration: '12' });
  const board = applyIntent(text, { kind: 'setMode', mode: 'storyboard' }).text;
  const added = applyIntent(board, { kind: 'addShot' }).text;
  assert.deepEqual(
    (body(added).multi_prompt as { duration: unknown }[]).map(s => s.duration),
    ['12', '3'],
  );
  assert.equal(body(added).duration, '15', 'as a string');
  const full = file({
    endpoint: 'text-to-video',
    multi_prompt: [
      { prompt: 'a', duration: '1' },
      { prompt: 'b', duration: '14' },
    ],
    duration: '15',
  });
  assert.throws(() => applyIntent(full, { kind: 'duplicateShot', index: 0 }), EditError);
});
