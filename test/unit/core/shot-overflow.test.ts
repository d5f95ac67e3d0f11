// A storyboard over the shot limit: every shot's own problems are still reported at that shot,
// not only "too many shots" (zod skips the items of an array over its max size).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { analyzeShot } from '../../../src/core';

test('7 shots: the count error plus each shot’s own errors, at their own lines', () => {
  const shots = Array.from({ length: 7 }, (_, i) => ({ prompt: i % 2 ? '' : 'x'.repeat(600), duration: i === 3 ? '0' : '2' }));
  const text = JSON.stringify({ multi_prompt: shots, duration: '14' }, null, 2);
  const got = analyzeShot(text).diagnostics.map(d => `${d.code} ${JSON.stringify(d.path)}`);
  assert.deepEqual(got.sort(), [
    'kling.shot-count ["multi_prompt"]',
    'kling.shot-duration ["multi_prompt",3,"duration"]',
    'kling.shot-prompt-length ["multi_prompt",0,"prompt"]',
    'kling.shot-prompt-length ["multi_prompt",2,"prompt"]',
    'kling.shot-prompt-length ["multi_prompt",4,"prompt"]',
    'kling.shot-prompt-length ["multi_prompt",6,"prompt"]',
    'kling.shot-prompt-required ["multi_prompt",1,"prompt"]',
    'kling.shot-prompt-required ["multi_prompt",3,"prompt"]',
    'kling.shot-prompt-required ["multi_prompt",5,"prompt"]',
  ]);
  const last = analyzeShot(text).diagnostics.find(d => d.path[1] === 6)!;
  assert.equal(text.split('\n')[last.range.start.line]!.trim().startsWith('"prompt"'), true, 'range is on shot 7’s prompt');
});

test('7 valid shots: only the count error', () => {
  const shots = Array.from({ length: 7 }, () => ({ prompt: 'a fox', duration: '2' }));
  const codes = analyzeShot(JSON.stringify({ multi_prompt: shots, duration: '14' })).diagnostics.map(d => d.code);
  assert.deepEqual(codes, ['kling.shot-count']);
});
