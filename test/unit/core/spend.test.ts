import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import {
  billedUsd,
  billingNote,
  checkBudget,
  computeLedger,
  parseBillableUnits,
  periodStarts,
  spendKind,
  sumShots,
  type SpendRecord,
} from '../../../src/core';

const DAY = 86_400_000;
// Fixed periods: "today" starts 2026-03-14 00:00 UTC, "this month" 2026-03-01.
const periods = { todayStart: Date.parse('2026-03-14T00:00:00Z'), monthStart: Date.parse('2026-03-01T00:00:00Z') };
const FAL = 'https://queue.fal.run/fal-ai/kling-video/requests/r1/status';
const SIM = 'http://127.0.0.1:40123/fal-ai/kling-video/requests/r1/status';

function take(over: Partial<SpendRecord> = {}): SpendRecord {
  return {
    createdAt: '2026-03-14T09:00:00Z',
    status: 'done',
    requestId: 'r1',
    statusUrl: FAL,
    costEstimateUsd: 0.84,
    shotFile: '/w/hero.kling.json',
    endpointId: 'fal-ai/kling-video/v3/pro/text-to-video',
    ...over,
  };
}

test('today, month and workspace totals follow createdAt', () => {
  const l = computeLedger(
    [
      take({ createdAt: '2026-03-14T09:00:00Z' }),
      take({ createdAt: '2026-03-13T23:59:59Z', costEstimateUsd: 1 }),
      take({ createdAt: '2026-02-28T12:00:00Z', costEstimateUsd: 2 }),
    ],
    periods,
  );
  assert.deepEqual(l.today, { usd: 0.84, takes: 1 });
  assert.deepEqual(l.month, { usd: 1.84, takes: 2 });
  assert.deepEqual(l.workspace, { usd: 3.84, takes: 3 });
});

test('what counts: reached fal counts, failed or aborted before submit does not, unrun queue cancel is free', () => {
  assert.equal(spendKind(take()), 'fal');
  assert.equal(spendKind(take({ status: 'failed', requestId: undefined, statusUrl: undefined })), 'none');
  assert.equal(spendKind(take({ status: 'cancelled', requestId: undefined, statusUrl: undefined })), 'none');
  // The submit's answer was lost: fal may have the job.
  assert.equal(spendKind(take({ status: 'unknown', requestId: undefined, statusUrl: undefined })), 'fal');
  assert.equal(spendKind(take({ status: 'submitting', requestId: undefined, statusUrl: undefined })), 'fal');
  assert.equal(spendKind(take({ status: 'failed' })), 'fal');
  assert.equal(spendKind(take({ status: 'cancelled', cancel: { outcome: 'cancelled' } })), 'none');
  assert.equal(spendKind(take({ status: 'cancelled', cancel: { outcome: 'too-late' } })), 'fal');
});

test('simulator takes cost nothing and are listed apart, marked or (old records) on loopback', () => {
  const l = computeLedger(
    [
      take({ provider: 'simulator', atFalUsd: 1.26 }),
      take({ statusUrl: SIM }),
      take({ statusUrl: 'http://localhost:9/x/requests/r/status' }),
      take({ provider: 'fal', statusUrl: SIM }),
      take({ provider: 'simulator', status: 'failed', requestId: undefined }),
    ],
    periods,
  );
  // What fal would have charged is kept apart (records from before it keep none): never spent.
  assert.deepEqual(l.simulator, { takes: 3, atFalUsd: 1.26, unpriced: 2 });
  assert.deepEqual(l.workspace, { usd: 0.84, takes: 1 });
});

test('the billed amount wins over the estimate; a take with neither counts as unpriced', () => {
  const l = computeLedger([take({ billedUsd: 1.01 }), take({ costEstimateUsd: undefined })], periods);
  assert.deepEqual(l.workspace, { usd: 1.01, takes: 2 });
  assert.equal(l.unpriced, 1);
});

test('old records without the new fields (no provider, billedUsd, shotFile, statusUrl) still add up', () => {
  const old: SpendRecord[] = [
    { createdAt: '2026-03-14T08:00:00Z', status: 'done', requestId: 'a', costEstimateUsd: 0.56 },
    { createdAt: '2026-03-14T08:00:00Z', status: 'done', requestId: 'b' },
    { createdAt: '2026-01-01T08:00:00Z', status: 'failed' },
  ];
  const l = computeLedger(old, periods);
  assert.deepEqual(l.today, { usd: 0.56, takes: 2 });
  assert.deepEqual([...l.byShot], [['', { usd: 0.56, takes: 2 }]]);
  assert.equal(l.unpriced, 1);
});

test('per shot, and a sequence as the sum of its shots', () => {
  const l = computeLedger(
    [
      take({ shotFile: '/w/a.kling.json', costEstimateUsd: 0.1 }),
      take({ shotFile: '/w/a.kling.json', costEstimateUsd: 0.2 }),
      take({ shotFile: '/w/b.kling.json', costEstimateUsd: 0.3 }),
      take({ shotFile: '/w/c.kling.json', costEstimateUsd: 5 }),
    ],
    periods,
  );
  assert.deepEqual(l.byShot.get('/w/a.kling.json'), { usd: 0.3, takes: 2 });
  assert.deepEqual(sumShots(l, ['/w/a.kling.json', '/w/b.kling.json', '/w/b.kling.json', '/w/missing.kling.json']), { usd: 0.6, takes: 3 });
});

test('--since leaves older takes out of every total', () => {
  const l = computeLedger([take({ createdAt: '2026-03-01T00:00:00Z' }), take({ createdAt: '2026-02-27T00:00:00Z' })], {
    ...periods,
    since: Date.parse('2026-02-28T00:00:00Z'),
  });
  assert.deepEqual(l.workspace, { usd: 0.84, takes: 1 });
});

test('property: on generated records the totals equal a plain sum of the counted takes, to the cent', () => {
  const rec = fc.record({
    day: fc.integer({ min: -60, max: 0 }),
    status: fc.constantFrom('submitting', 'queued', 'running', 'downloading', 'done', 'failed', 'cancelled', 'unknown'),
    submitted: fc.boolean(),
    simulated: fc.constantFrom<'marked' | 'loopback' | 'fal' | 'old'>('marked', 'loopback', 'fal', 'old'),
    estimate: fc.option(
      fc.integer({ min: 0, max: 500 }).map(c => c / 100),
      { nil: undefined },
    ),
    billed: fc.option(
      fc.integer({ min: 0, max: 500 }).map(c => c / 100),
      { nil: undefined },
    ),
    shot: fc.constantFrom('a', 'b', 'c'),
  });
  fc.assert(
    fc.property(fc.array(rec, { maxLength: 200 }), rs => {
      const records: SpendRecord[] = rs.map(r => ({
        createdAt: new Date(periods.todayStart + r.day * DAY + 3600_000).toISOString(),
        status: r.status,
        ...(r.submitted && { requestId: 'x' }),
        ...(r.simulated === 'marked' && { provider: 'simulator' as const }),
        ...(r.simulated === 'fal' && { provider: 'fal' as const }),
        ...(r.submitted && { statusUrl: r.simulated === 'loopback' ? SIM : FAL }),
        ...(r.estimate !== undefined && { costEstimateUsd: r.estimate }),
        ...(r.billed !== undefined && { billedUsd: r.billed }),
        shotFile: r.shot,
      }));
      const l = computeLedger(records, periods);
      const paid = records.filter(r => spendKind(r) === 'fal');
      const cents = (rs: SpendRecord[]) => rs.reduce((s, r) => s + Math.round((r.billedUsd ?? r.costEstimateUsd ?? 0) * 100), 0);
      assert.equal(Math.round(l.workspace.usd * 100), cents(paid));
      assert.equal(l.workspace.takes, paid.length);
      assert.equal(Math.round(l.today.usd * 100), cents(paid.filter(r => Date.parse(r.createdAt) >= periods.todayStart)));
      assert.equal(l.simulator.takes, records.filter(r => spendKind(r) === 'simulator').length);
      assert.equal(Math.round(sumShots(l, ['a', 'b', 'c']).usd * 100), cents(paid));
    }),
  );
});

test('periodStarts: local midnight and the first of the month', () => {
  const now = new Date(2026, 2, 14, 15, 30);
  const p = periodStarts(now);
  assert.equal(p.todayStart, new Date(2026, 2, 14).getTime());
  assert.equal(p.monthStart, new Date(2026, 2, 1).getTime());
});

test('budget: spent + this request must not pass a budget; the message gives the figures', () => {
  const spent = { today: { usd: 0.84, takes: 1 }, workspace: { usd: 9.5, takes: 12 } };
  assert.equal(checkBudget(spent, 0.16, { dailyUsd: 1 }), undefined, 'exactly at the budget fits');
  const r = checkBudget(spent, 0.17, { dailyUsd: 1 });
  assert.equal(r?.budget, 'daily');
  assert.equal(r?.message, 'over the daily budget: $0.84 spent today + $0.17 for this request > $1.00 budget');
  const w = checkBudget(spent, 0.84, { dailyUsd: 5, workspaceUsd: 10 });
  assert.deepEqual([w?.budget, w?.spentUsd, w?.requestUsd, w?.budgetUsd], ['workspace', 9.5, 0.84, 10]);
  assert.equal(checkBudget(spent, 100, {}), undefined, 'no budget, no refusal');
  assert.equal(checkBudget(spent, 100, { dailyUsd: -1, workspaceUsd: Number.NaN }), undefined, 'nonsense budgets are unset');
  assert.equal(checkBudget(spent, undefined, { workspaceUsd: 100 })?.budget, 'workspace', 'an unknown cost is refused under a budget');
  assert.equal(checkBudget({ today: { usd: 0, takes: 0 }, workspace: { usd: 0, takes: 0 } }, 0.01, { dailyUsd: 0 })?.budget, 'daily');
});

test('billing: units × price, and a note past 10% of the estimate', () => {
  assert.deepEqual(parseBillableUnits('5.04', 5), { kind: 'units', units: 5.04 });
  assert.deepEqual(parseBillableUnits(undefined, 5), { kind: 'absent' });
  assert.deepEqual(parseBillableUnits('  ', 5), { kind: 'absent' });
  assert.equal(parseBillableUnits('abc', 5).kind, 'unreadable');
  assert.equal(parseBillableUnits('-1', 5).kind, 'unreadable');
  assert.equal(billedUsd(5, 0.168), 0.84);
  assert.equal(billingNote(0.84, 0.9), undefined);
  assert.match(billingNote(0.84, 1.68) ?? '', /fal billed \$1\.68 where \$0\.84 was estimated \(\+100%\): the price table may be stale/);
  assert.match(billingNote(0.84, 0.5) ?? '', /\(-40%\)/);
  assert.equal(billingNote(undefined, 0.5), undefined);
});

test('billable units are read strictly: a plain decimal, finite, and within 10× the requested seconds', () => {
  // Sane amounts, whitespace around them allowed.
  assert.deepEqual(parseBillableUnits(' 5 ', 5), { kind: 'units', units: 5 });
  assert.deepEqual(parseBillableUnits('0', 5), { kind: 'units', units: 0 });
  assert.deepEqual(parseBillableUnits('50', 5), { kind: 'units', units: 50 }, 'exactly 10× the request is still an amount');
  assert.deepEqual(parseBillableUnits('3600', undefined), { kind: 'units', units: 3600 });
  // What Number() would have read as an amount, and what it would not.
  for (const raw of ['1e300', '0x10', '-1', 'Infinity', '12abc', '+5', '5.', '.5', '1,5', 'NaN', '0b11', '5 5']) {
    const r = parseBillableUnits(raw, 5);
    assert.equal(r.kind, 'unreadable', raw);
    if (r.kind !== 'unreadable') continue;
    assert.equal(r.header, raw);
    assert.match(
      r.message,
      /billed amount is unreadable \(x-fal-billable-units: .*\): not a (plain decimal|finite) number\. The estimate is kept as the cost\./,
    );
  }
  // A plain decimal too long for a double.
  assert.equal(parseBillableUnits('9'.repeat(400), 5).kind, 'unreadable');
  // Beyond 10× the requested seconds, or an hour of video when the request names no length.
  const far = parseBillableUnits('51', 5);
  assert.equal(far.kind, 'unreadable');
  assert.match(far.kind === 'unreadable' ? far.message : '', /more than 50 units for a 5 s request/);
  const absurd = parseBillableUnits('3601', undefined);
  assert.match(absurd.kind === 'unreadable' ? absurd.message : '', /more than 3600 units for a request of no set length/);
  // The record keeps at most 64 characters of what fal sent.
  const long = parseBillableUnits('x'.repeat(500), 5);
  assert.equal(long.kind === 'unreadable' ? long.header : '', `${'x'.repeat(64)}…`);
});
