import { test } from 'node:test';
import assert from 'node:assert/strict';
import { asError, errorText } from '../../../src/core';

test('errorText: an Error gives its message; anything else thrown is shown as it is', () => {
  assert.equal(errorText(new Error('disk full')), 'disk full');
  assert.equal(errorText('a rejected string'), 'a rejected string');
  assert.equal(errorText(undefined), 'undefined');
});

test('asError: an Error is kept as it is (its class too); anything else becomes one with its text', () => {
  const e = new RangeError('out of range');
  assert.equal(asError(e), e);
  const made = asError({ toString: () => 'odd value' });
  assert.ok(made instanceof Error);
  assert.equal(made.message, 'odd value');
});
