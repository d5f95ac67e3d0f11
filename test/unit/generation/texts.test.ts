import { test } from 'node:test';
import assert from 'node:assert/strict';
import { describeCost, formatUsd, needsCostConfirmation } from '../../../src/extension/common/cost-text';
import { ago, formatElapsed, jobProgress, progressMessage, shorten } from '../../../src/extension/common/progress-text';

test('cost text', () => {
  assert.equal(formatUsd(0.336), '$0.34');
  assert.equal(formatUsd(2.52), '$2.52');
  assert.equal(formatUsd(0.001), '<$0.01');
  assert.equal(formatUsd(0), '$0.00');
  assert.equal(describeCost({ usd: 0.84, seconds: 5, perSecond: 0.168, audio: true }, false), '$0.84 (5 s × $0.17/s, audio on)');
  assert.equal(describeCost({ usd: 0.84 }, true), 'free (simulator) · ≈ $0.84 on fal');
  assert.equal(describeCost({ usd: undefined }, true), 'free (simulator)');
  assert.equal(describeCost({ usd: undefined }, false), 'cost unknown');
});

test('cost confirmation: above the threshold, or when the price is unknown', () => {
  assert.equal(needsCostConfirmation(2, 2), false);
  assert.equal(needsCostConfirmation(2.01, 2), true);
  assert.equal(needsCostConfirmation(0.01, 0), true, 'threshold 0 asks every time');
  assert.equal(needsCostConfirmation(undefined, 100), true);
});

test('progress message: state, queue position, elapsed, latest log line', () => {
  assert.equal(progressMessage({ status: 'queued', queuePosition: 3 }), 'Queued · 3 ahead');
  assert.equal(progressMessage({ status: 'queued', queuePosition: 0 }), 'Queued · next');
  assert.equal(
    progressMessage({ status: 'running', elapsedMs: 75_000, lastLog: 'Generating…  42%\n' }),
    'Generating · 1m 15s · Generating… 42%',
  );
  assert.equal(formatElapsed(9_999), '9s');
  assert.equal(shorten('x'.repeat(100), 10), 'xxxxxxxxx…');
});

test("a job's line: Cancelling… once asked; otherwise its progress, with or without the latest log", () => {
  const job = { status: 'running' as const, queuePosition: undefined, lastLog: 'step 3', startedAt: Date.now(), cancelRequested: false };
  assert.match(jobProgress(job), /^Generating · \d+s · step 3$/);
  assert.match(jobProgress(job, false), /^Generating · \d+s$/);
  assert.equal(jobProgress({ ...job, cancelRequested: true }), 'Cancelling…');
});

test('ago', () => {
  const now = Date.parse('2026-03-14T10:00:00Z');
  assert.equal(ago('2026-03-14T09:59:30Z', now), 'just now');
  assert.equal(ago('2026-03-14T09:45:00Z', now), '15 min ago');
  assert.equal(ago('2026-03-14T07:00:00Z', now), '3 h ago');
});
