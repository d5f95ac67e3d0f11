// A duration fal would refuse gets a fix in its endpoint's form, on every endpoint with a duration:
// V3, O3 and turbo write "3"…"15", Kling 4.0 writes 3…30. The shot editor shows these same fixes.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { applyEdits } from 'jsonc-parser';
import { analyzeShot, quickFixes, type QuickFix, type ShotDiagnostic } from '../../../src/core';
import { durationRuleOf, ENDPOINTS } from '../../../src/core/registry';
import { fieldsOf } from '../../../src/core/field-info';

const file = (o: Record<string, unknown>) => JSON.stringify(o, null, 2);
const apply = (text: string, fix: QuickFix) => applyEdits(text, [...fix.edits]);
const DURATION_CODES = new Set([
  'kling.duration-type',
  'kling.duration',
  'kling.shot-duration',
  'kling.shot-duration-sum',
  'kling.shot-total-range',
]);
const durationErrors = (text: string) =>
  analyzeShot(text)
    .diagnostics.filter(d => d.severity === 'error' && DURATION_CODES.has(d.code))
    .map(d => `${d.code} ${JSON.stringify(d.path)}`);

function diagnosticAt(text: string, path: (string | number)[]): ShotDiagnostic {
  const d = analyzeShot(text).diagnostics.find(x => DURATION_CODES.has(x.code) && JSON.stringify(x.path) === JSON.stringify(path));
  assert.ok(d, `no duration diagnostic at ${JSON.stringify(path)} in ${JSON.stringify(analyzeShot(text).diagnostics.map(x => x.code))}`);
  return d;
}
const fixesAt = (text: string, path: (string | number)[]) => quickFixes(text, diagnosticAt(text, path));
const preferred = (fixes: QuickFix[]) => fixes.find(f => f.isPreferred);

// Every endpoint whose body has a top-level duration, with what its prompt needs to be valid otherwise.
const withDuration = ENDPOINTS.filter(e => fieldsOf(e.id).some(f => f.key === 'duration'));

test('the registry has endpoints of both forms with a duration', () => {
  const forms = new Set(withDuration.map(e => durationRuleOf(e.id).form));
  assert.deepEqual([...forms].sort(), ['integer', 'string']);
});

for (const entry of withDuration) {
  const rule = durationRuleOf(entry.id);
  const wrongForm = (n: number) => (rule.form === 'integer' ? String(n) : n);
  const right = (n: number) => (rule.form === 'integer' ? n : String(n));

  test(`${entry.id}: a duration in the wrong form, past the range, below it or not whole is fixed in the ${rule.form} form`, () => {
    for (const [value, expected] of [
      [wrongForm(5), right(5)],
      [right(rule.max + 5), right(rule.max)],
      [wrongForm(rule.max + 1), right(rule.max)],
      [right(1), right(rule.min)],
      [rule.form === 'integer' ? 6.4 : '6.4', right(6)],
    ] as const) {
      const text = file({ endpoint: entry.id, duration: value });
      const fixes = fixesAt(text, ['duration']);
      const fix = preferred(fixes);
      assert.ok(fix, `a preferred fix for ${JSON.stringify(value)}: ${JSON.stringify(fixes.map(f => f.title))}`);
      assert.equal(JSON.parse(apply(text, fix).replace(/^\s*\/\/.*$/gm, '')).duration, expected, `${JSON.stringify(value)}: ${fix.title}`);
      assert.deepEqual(durationErrors(apply(text, fix)), [], fix.title);
      assert.ok(!/\b0 s\b/.test(fix.title), fix.title);
    }
  });
}

test('a V3 number that is in range says it is only the form', () => {
  const [fix] = fixesAt(file({ prompt: 'a', duration: 5 }), ['duration']);
  assert.equal(fix?.title, 'Write the duration as a string: "5"');
  const [v4] = fixesAt(file({ endpoint: 'kling/v4/text-to-video', prompt: 'a', duration: '12' }), ['duration']);
  assert.equal(v4?.title, 'Write the duration as a number: 12');
});

test('past the range, the title names the limit, not 0', () => {
  const [v3] = fixesAt(file({ prompt: 'a', duration: 20 }), ['duration']);
  assert.equal(v3?.title, 'Set the duration to "15", the longest this model makes');
  const [v4] = fixesAt(file({ endpoint: 'kling/v4/text-to-video', prompt: 'a', duration: '40' }), ['duration']);
  assert.equal(v4?.title, 'Set the duration to 30, the longest this model makes');
});

test('in a storyboard, a numeric total is fixed to the sum of the shots first, in the endpoint form', () => {
  const v3 = file({
    multi_prompt: [
      { prompt: 'a', duration: '4' },
      { prompt: 'b', duration: '6' },
    ],
    duration: 5,
  });
  const fixes = fixesAt(v3, ['duration']);
  assert.deepEqual(
    fixes.map(f => [f.title, f.isPreferred ?? false]),
    [
      ['Set duration to "10" (the sum of the shots)', true],
      ['Write the duration as a string: "5"', false],
    ],
  );
  assert.deepEqual(durationErrors(apply(v3, fixes[0]!)), []);

  const v4 = file({
    endpoint: 'kling/v4/text-to-video',
    multi_prompt: [
      { prompt: 'a', duration: 12 },
      { prompt: 'b', duration: 8 },
    ],
    duration: '20',
  });
  const [sum, ...rest] = fixesAt(v4, ['duration']);
  assert.equal(sum?.title, 'Set duration to 20 (the sum of the shots)');
  assert.equal(rest.length, 0, 'the sum and the value are the same number: one fix');
  assert.deepEqual(durationErrors(apply(v4, sum!)), []);
});

test("a shot's numeric duration gets its own form; a duration that names no number gets no fix", () => {
  const v3 = file({ multi_prompt: [{ prompt: 'a', duration: 5 }], duration: '5' });
  const [fix] = fixesAt(v3, ['multi_prompt', 0, 'duration']);
  assert.equal(fix?.title, 'Write the duration as a string: "5"');
  assert.deepEqual(durationErrors(apply(v3, fix!)), []);
  const v4 = file({ endpoint: 'kling/v4/text-to-video', multi_prompt: [{ prompt: 'a', duration: 0 }], duration: 5 });
  const [shot] = fixesAt(v4, ['multi_prompt', 0, 'duration']);
  assert.equal(shot?.title, 'Set the duration to 1, the shortest this model takes');
  assert.deepEqual(fixesAt(file({ prompt: 'a', duration: 'five' }), ['duration']), []);
});
