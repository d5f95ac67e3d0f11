import { test } from 'node:test';
import assert from 'node:assert/strict';
import { computeLedger, sequenceSpend, type SpendRecord } from '../../../src/core';
import { spendItems } from '../../../src/extension/spend/spend-items';
import { confirmationLines, foldersBudgets, spendLines, statusBarText } from '../../../src/extension/spend/spend-text';
import { takeViewOf } from '../../../src/extension/common/take-view';
import { sequenceSpendText } from '../../../src/webview/sequence-editor/spend-text';

const periods = { todayStart: Date.parse('2026-03-14T00:00:00Z'), monthStart: Date.parse('2026-03-01T00:00:00Z') };
const r = (createdAt: string, usd: number, shotFile: string, over: Partial<SpendRecord> = {}): SpendRecord => ({
  createdAt,
  status: 'done',
  requestId: 'x',
  costEstimateUsd: usd,
  shotFile,
  ...over,
});
const ledger = computeLedger(
  [
    r('2026-03-14T10:00:00Z', 0.84, '/w/hero.kling.json'),
    r('2026-03-10T10:00:00Z', 1.26, '/w/hero.kling.json'),
    r('2026-02-10T10:00:00Z', 2, '/w/b-roll.kling.json'),
    r('2026-03-14T11:00:00Z', 0.84, '/w/sim.kling.json', { provider: 'simulator' }),
  ],
  periods,
);

test('status bar: "Kling: $X today"', () => {
  assert.equal(statusBarText(ledger), 'Kling: $0.84 today');
  assert.equal(statusBarText(undefined), 'Kling: $… today');
});

test('spend lines: periods, budgets left or over, simulator apart', () => {
  assert.deepEqual(spendLines(ledger, [{ spent: ledger, budgets: { dailyUsd: 0.5, workspaceUsd: 10 } }]), [
    'Today $0.84 (1 take)',
    'This month $2.10 (2 takes)',
    'Workspace $4.10 (3 takes)',
    'Daily budget $0.50: $0.34 over',
    'Workspace budget $10.00: $5.90 left',
    'Simulator: 1 take (free, not counted)',
  ]);
});

test("several workspace folders: each folder's budgets against its own spend, by name; the totals are the window's", () => {
  const a = r('2026-03-14T09:00:00Z', 3, '/ws/one/a.kling.json');
  const b = r('2026-03-14T09:00:00Z', 0.5, '/ws/two/b.kling.json');
  const one = computeLedger([a], periods);
  const two = computeLedger([b], periods);
  const all = computeLedger([a, b], periods);
  const folders = [
    { folder: '/ws/one', name: 'one', budgets: { dailyUsd: 2 } },
    { folder: '/ws/two', name: 'two', budgets: { dailyUsd: 2, workspaceUsd: 1 } },
    { folder: '/ws/new', name: 'new', budgets: { dailyUsd: 9 } },
  ];
  const spent = new Map([
    ['/ws/one', one],
    ['/ws/two', two],
  ]);
  // The window-wide $3.50 against folder two's $2 would say "over"; its own $0.50 is not.
  assert.deepEqual(
    spendLines(
      all,
      foldersBudgets(all, folders, f => spent.get(f), { dailyUsd: 100 }),
    ),
    [
      'Today $3.50 (2 takes)',
      'This month $3.50 (2 takes)',
      'Workspace $3.50 (2 takes)',
      'one: Daily budget $2.00: $1.00 over',
      'two: Daily budget $2.00: $1.50 left',
      'two: Workspace budget $1.00: $0.50 left',
    ],
  );
  // One folder: its budgets, unnamed; no folder: the window's budgets against the window's spend.
  assert.deepEqual(
    foldersBudgets(all, folders.slice(1, 2), f => spent.get(f), {}),
    [{ spent: two, budgets: folders[1]!.budgets }],
  );
  assert.deepEqual(
    foldersBudgets(all, [], () => undefined, { dailyUsd: 1 }),
    [{ spent: all, budgets: { dailyUsd: 1 } }],
  );
});

test('cost confirmation: what this submit adds to today and the workspace', () => {
  assert.deepEqual(confirmationLines(ledger, 1.68), ['This adds $1.68: today $0.84 → $2.52, workspace $4.10 → $5.78.']);
  assert.deepEqual(confirmationLines(ledger, undefined), ['Spent so far: $0.84 today, $4.10 in this workspace.']);
});

test('Spend section rows: periods, shots most expensive first, simulator', () => {
  assert.deepEqual(
    spendItems(ledger).map(i => [i.label, i.description, i.shotFile]),
    [
      ['Today', '$0.84 · 1 take', undefined],
      ['This month', '$2.10 · 2 takes', undefined],
      ['Workspace', '$4.10 · 3 takes', undefined],
      ['hero', '$2.10 · 2 takes', '/w/hero.kling.json'],
      ['b-roll', '$2.00 · 1 take', '/w/b-roll.kling.json'],
      ['Simulator', '1 take · free', undefined],
    ],
  );
});

test('takes panel details: estimate, billed amount and its note, simulator takes marked', () => {
  const base = {
    version: 1 as const,
    id: 't',
    endpointId: 'fal-ai/kling-video/v3/pro/text-to-video',
    body: { prompt: 'p' },
    status: 'done' as const,
    createdAt: '2026-03-14T10:00:00Z',
    updatedAt: '2026-03-14T10:00:00Z',
    requestId: 'r',
    costEstimateUsd: 0.84,
  };
  const v = takeViewOf({
    ...base,
    billedUsd: 1.68,
    billingMismatch: { estimateUsd: 0.84, billedUsd: 1.68, message: 'fal billed $1.68 where $0.84 was estimated (+100%)' },
  });
  assert.equal(v.costUsd, 0.84);
  assert.equal(v.billedUsd, 1.68);
  assert.match(v.billingNote ?? '', /\+100%/);
  assert.equal(v.simulated, undefined);
  assert.equal(takeViewOf({ ...base, provider: 'simulator' }).simulated, true);
  // A simulated take carries what fal would have charged (the take details show it); a fal take does not.
  assert.equal(takeViewOf({ ...base, provider: 'simulator', atFalUsd: 0.84 }).atFalUsd, 0.84);
  assert.equal(takeViewOf({ ...base, provider: 'simulator' }).atFalUsd, undefined);
  assert.equal(takeViewOf({ ...base, provider: 'fal', atFalUsd: 0.84 }).atFalUsd, undefined);
});

test('Spend section: a row per sequence file, most expensive first, simulator takes apart, opened on click', () => {
  const items = spendItems(ledger, [
    { file: '/w/cuts/teaser.kling-seq.json', spend: { usd: 0.84, takes: 1, shots: 1, simulatorTakes: 0, simulatorAtFalUsd: 0 } },
    { file: '/w/cuts/trailer.kling-seq.json', spend: { usd: 4.1, takes: 3, shots: 2, simulatorTakes: 2, simulatorAtFalUsd: 0 } },
  ]);
  assert.deepEqual(
    items.filter(i => i.sequenceFile).map(i => [i.label, i.description, i.sequenceFile]),
    [
      ['Sequence trailer', '$4.10 · 3 takes · 2 simulator free', '/w/cuts/trailer.kling-seq.json'],
      ['Sequence teaser', '$0.84 · 1 take', '/w/cuts/teaser.kling-seq.json'],
    ],
  );
  // After the workspace row, before the shots.
  assert.deepEqual(
    items.slice(2, 5).map(i => i.id),
    ['workspace', 'sequence:/w/cuts/trailer.kling-seq.json', 'sequence:/w/cuts/teaser.kling-seq.json'],
  );
});

test("sequence editor: the sequence's spend beside its length", () => {
  assert.equal(sequenceSpendText({ usd: 2.52, takes: 3, shots: 3, simulatorTakes: 2 }), 'Spent $2.52 on 3 shots · 2 simulator takes free');
  assert.equal(sequenceSpendText({ usd: 0.84, takes: 2, shots: 1, simulatorTakes: 1 }), 'Spent $0.84 on 1 shot · 1 simulator take free');
  assert.equal(sequenceSpendText({ usd: 0, takes: 0, shots: 0, simulatorTakes: 0 }), 'Nothing spent on fal yet');
});

test('simulated takes: $0, and beside them what fal would charge, for the window, a sequence and the sequence editor', () => {
  const offline = computeLedger(
    [
      r('2026-03-14T10:00:00Z', 0.84, '/w/hero.kling.json'),
      r('2026-03-14T11:00:00Z', 0, '/w/sim.kling.json', { provider: 'simulator', costEstimateUsd: undefined, atFalUsd: 0.84 }),
      r('2026-03-14T11:01:00Z', 0, '/w/sim.kling.json', { provider: 'simulator', costEstimateUsd: undefined, atFalUsd: 1.26 }),
      r('2026-03-14T11:02:00Z', 0, '/w/other.kling.json', { provider: 'simulator', costEstimateUsd: undefined, atFalUsd: 0.42 }),
    ],
    periods,
  );
  assert.deepEqual(offline.simulator, { takes: 3, atFalUsd: 2.52, unpriced: 0 });
  assert.equal(offline.workspace.usd, 0.84, 'what fal would charge is never spent');
  assert.equal(spendLines(offline, []).at(-1), 'Simulator: 3 takes at $0.00 (not counted), at fal prices: $2.52');
  const cut = sequenceSpend(offline, ['/w/sim.kling.json', '/w/hero.kling.json']);
  assert.deepEqual(cut, { usd: 0.84, takes: 1, shots: 1, simulatorTakes: 2, simulatorAtFalUsd: 2.1 });
  const items = spendItems(offline, [{ file: '/w/cuts/cut.kling-seq.json', spend: cut }]);
  assert.deepEqual(
    items.filter(i => i.id === 'simulator' || i.sequenceFile).map(i => [i.label, i.description]),
    [
      ['Sequence cut', '$0.84 · 1 take · 2 simulator at $0.00, at fal prices: $2.10'],
      ['Simulator', '3 takes · $0.00 · at fal prices: $2.52'],
    ],
  );
  assert.equal(sequenceSpendText(cut), 'Spent $0.84 on 1 shot · 2 simulator takes free · at fal prices: $2.10');
});
