// What each setting's reader makes of what a user may type in settings.json.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { SETTINGS } from '../../../src/extension/settings/definitions';
import { parseOrigin, parsePrices } from '../../../src/extension/settings/readers';

test('prices: only tiers with both audio prices count; voice is kept when it is a number', () => {
  const raw = {
    'text-to-video': {
      pro: { audioOff: 0.1, audioOn: 0.2, voice: 0.3 },
      standard: { audioOff: 0.1, audioOn: 'cheap' },
      '4k': { audioOff: 0.5, audioOn: 0.6, voice: 'n/a' },
    },
    'image-to-video': 'free',
    'motion-control': { pro: null },
  };
  assert.deepEqual(parsePrices(raw), {
    'text-to-video': { pro: { audioOff: 0.1, audioOn: 0.2, voice: 0.3 }, '4k': { audioOff: 0.5, audioOn: 0.6 } },
  });
  assert.deepEqual(parsePrices([1, 2]), {});
  assert.deepEqual(parsePrices(null), {});
});

test('prices: a kind or tier named __proto__ stays a plain key', () => {
  const raw = JSON.parse('{ "__proto__": { "__proto__": { "audioOff": 1, "audioOn": 2 } } }') as unknown;
  const parsed = parsePrices(raw);
  assert.deepEqual(Object.keys(parsed), ['__proto__']);
  assert.equal(Object.getPrototypeOf(parsed), Object.prototype);
  assert.equal(({} as Record<string, unknown>).audioOff, undefined);
});

test('fal origins are trimmed of blanks and trailing slashes; blank means the default', () => {
  assert.equal(parseOrigin(' http://127.0.0.1:8787/// ', 'd'), 'http://127.0.0.1:8787');
  assert.equal(parseOrigin('   ', 'd'), 'd');
  assert.equal(SETTINGS['fal.queueUrl'].read(''), 'https://queue.fal.run');
});

test('provider, remote previews, budgets and simulator seconds keep to their values', () => {
  assert.equal(SETTINGS.provider.read('simulator'), 'simulator');
  assert.equal(SETTINGS.provider.read('Simulator'), 'fal');
  assert.equal(SETTINGS['editor.remotePreviews'].read('never'), 'never');
  assert.equal(SETTINGS['editor.remotePreviews'].read('sometimes'), 'trusted');
  assert.equal(SETTINGS['budget.dailyUsd'].read(5), 5);
  assert.equal(SETTINGS['budget.dailyUsd'].read(-1), null);
  assert.equal(SETTINGS['budget.workspaceUsd'].read(0), 0);
  assert.equal(SETTINGS['simulator.jobSeconds'].read(-3), 0);
  assert.equal(SETTINGS['takes.openOnLand'].read(false), false);
  assert.equal(SETTINGS['output.folder'].read('/abs/renders'), '/abs/renders');
});
