// The storyboard reads durations with the page's copy of core's readSeconds (the webview cannot
// import core): both must agree on every form, or the timeline would say "Duration: 0 s" where the
// Problems panel says "write "5"", as it did for a numeric duration.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readSeconds as coreRead, durationRuleOf, ENDPOINTS } from '../../../src/core/registry';
import { formLayout } from '../../../src/core/form-layout';
import { readSeconds as pageRead, secondsOr, writeSeconds } from '../../../src/webview/shot-editor/seconds';

const VALUES: unknown[] = [
  ...Array.from({ length: 34 }, (_, i) => i - 1),
  ...Array.from({ length: 34 }, (_, i) => String(i - 1)),
  5.5,
  '5.5',
  ' 5',
  '05',
  '',
  null,
  true,
  [5],
  { s: 5 },
  Number.NaN,
  Number.POSITIVE_INFINITY,
];

test("every endpoint's form layout carries its duration rule, and the page reads seconds as core does", () => {
  const forms = new Set<string>();
  for (const entry of ENDPOINTS) {
    const rule = formLayout(entry).duration;
    assert.deepEqual(rule, { ...durationRuleOf(entry.id) }, entry.id);
    forms.add(rule.form);
    for (const of of ['total', 'shot'] as const) {
      for (const v of VALUES) {
        assert.equal(pageRead(v, rule, of), coreRead(v, rule, of), `${entry.id} ${of} ${JSON.stringify(v)}`);
      }
    }
  }
  assert.deepEqual([...forms].sort(), ['integer', 'string']);
});

test('a numeric duration on a string-form endpoint is not valid (not 0 s); absent is the default 5', () => {
  const v3 = durationRuleOf('text-to-video');
  const v4 = durationRuleOf('kling/v4/text-to-video');
  assert.equal(secondsOr(5, v3, 'total'), undefined);
  assert.equal(secondsOr('5', v3, 'total'), 5);
  assert.equal(secondsOr(20, v4, 'total'), 20);
  assert.equal(secondsOr('20', v4, 'total'), undefined);
  assert.equal(secondsOr(undefined, v4, 'shot'), 5);
  assert.equal(writeSeconds(7, v3), '7');
  assert.equal(writeSeconds(7, v4), 7);
});
