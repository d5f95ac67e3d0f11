// src/core's messages really are looked up in the bundle @vscode/l10n is configured with (what
// activate() does with vscode.l10n.bundle): a pseudo-translation shows up in the diagnostic, the
// quick fix, the field labels and the budget refusal. Every test puts the empty bundle back, which
// makes @vscode/l10n return the English it is given again.
import { afterEach, test } from 'node:test';
import assert from 'node:assert/strict';
import * as l10n from '@vscode/l10n';
import { analyzeShot, checkBudget, DEFAULT_PRICES, FIELD_INFO, hoverInfo, quickFixes, shotJsonSchema } from '../../../src/core';

afterEach(() => l10n.config({ contents: {} }));

const sevenSeconds = JSON.stringify({
  multi_prompt: [
    { prompt: 'a', duration: '10' },
    { prompt: 'b', duration: '10' },
  ],
  duration: '15',
});

test('a rule message with arguments comes from the bundle, its arguments filled in', () => {
  const english = analyzeShot(sevenSeconds).diagnostics.find(d => d.code === 'kling.shot-total-range');
  assert.equal(english?.message, 'The shots add up to 20 s; a clip is 3–15 s in total.');

  l10n.config({ contents: { 'The shots add up to {0} s; a clip is {1}–{2} s in total.': 'PSEUDO {0} [{1}..{2}]' } });
  const translated = analyzeShot(sevenSeconds).diagnostics.find(d => d.code === 'kling.shot-total-range');
  assert.equal(translated?.message, 'PSEUDO 20 [3..15]');
});

test('a quick-fix title comes from the bundle', () => {
  const text = '{ "prompt": "a", "duration": 5 }';
  l10n.config({ contents: { 'Write the duration as a string: "{0}"': 'PSEUDO "{0}"' } });
  const d = analyzeShot(text).diagnostics.find(x => x.code === 'kling.duration-type');
  assert.ok(d, 'kling.duration-type expected');
  assert.deepEqual(
    quickFixes(text, d).map(f => f.title),
    ['PSEUDO "5"'],
  );
});

test('field labels and descriptions are translated when read, though the table was built before the bundle was set', () => {
  const fields = Object.values(FIELD_INFO).flat();
  const english = new Set(fields.flatMap(f => [f.label, f.description]).filter(s => s !== ''));
  assert.ok(english.size > 30, `only ${english.size} texts`);
  // Every text the schemas give is a literal translation call on its schema (fieldMeta, field-text.ts).
  l10n.config({ contents: Object.fromEntries([...english].map(s => [s, `PSEUDO ${s}`])) });
  const untranslated = fields.flatMap(f => [f.label, f.description]).filter(s => s !== '' && !s.startsWith('PSEUDO '));
  assert.deepEqual(untranslated, []);
  // And what the editor shows with them: the hover and the copy posted to the shot editor.
  const hover = hoverInfo('{ "prompt": "a" }', 4);
  assert.match(hover?.markdown ?? '', /^\*\*PSEUDO Prompt\*\*/);
  assert.match(JSON.stringify(FIELD_INFO['fal-ai/kling-video/v3/pro/text-to-video']), /"label":"PSEUDO Prompt"/);
  // The published JSON Schema keeps the English the same calls gave when the schemas were built.
  const published = JSON.stringify(shotJsonSchema());
  assert.match(published, /"title":"Prompt"/);
  assert.doesNotMatch(published, /PSEUDO|textId/);
});

test('the budget refusal and the default price source come from the bundle', () => {
  const spent = { today: { usd: 4, takes: 1 }, workspace: { usd: 4, takes: 1 } };
  l10n.config({
    contents: {
      'over the daily budget: {0} spent today + {1} for this request > {2} budget': 'PSEUDO {0} + {1} > {2}',
      "fal.ai's published prices as of late 2026; V3 4K and standard motion-control are estimates": 'PSEUDO prices',
    },
  });
  assert.equal(checkBudget(spent, 2, { dailyUsd: 5 })?.message, 'PSEUDO $4.00 + $2.00 > $5.00');
  assert.equal(DEFAULT_PRICES.source, 'PSEUDO prices');
});

test('with the empty bundle back, the English returns', () => {
  l10n.config({ contents: { 'The shots add up to {0} s; a clip is {1}–{2} s in total.': 'PSEUDO' } });
  l10n.config({ contents: {} });
  const d = analyzeShot(sevenSeconds).diagnostics.find(x => x.code === 'kling.shot-total-range');
  assert.equal(d?.message, 'The shots add up to 20 s; a clip is 3–15 s in total.');
});
