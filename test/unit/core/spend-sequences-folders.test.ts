// A sequence's spend (its shots' fal takes, simulator takes apart) and budgets per workspace folder:
// each folder's budget against that folder's spend and that folder's part of the request.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  checkFolderBudgets,
  computeLedger,
  folderOf,
  ledgersByFolder,
  requestShares,
  sequenceShotFiles,
  sequenceSpend,
  type SpendRecord,
} from '../../../src/core';

const periods = { todayStart: Date.parse('2026-03-14T00:00:00Z'), monthStart: Date.parse('2026-03-01T00:00:00Z') };
const take = (shotFile: string, usd: number, over: Partial<SpendRecord> = {}): SpendRecord => ({
  createdAt: '2026-03-14T09:00:00Z',
  status: 'done',
  requestId: 'r',
  costEstimateUsd: usd,
  shotFile,
  ...over,
});

test('a sequence lists its shots as absolute paths, each once, relative to the sequence file', () => {
  const text = `{ // the cut
    "shots": [ "a.kling.json", { "shot": "../b/b.kling.json", "take": "renders/x.take.json" }, "a.kling.json" ] }`;
  assert.deepEqual(sequenceShotFiles('/w/cuts/trailer.kling-seq.json', text), ['/w/cuts/a.kling.json', '/w/b/b.kling.json']);
  assert.deepEqual(sequenceShotFiles('/w/cuts/broken.kling-seq.json', '{ "shots": '), []);
});

test("a sequence's spend: every fal take of its shots, shots counted once, simulator takes apart", () => {
  const l = computeLedger(
    [
      take('/w/a.kling.json', 0.84),
      take('/w/a.kling.json', 0.84),
      take('/w/b.kling.json', 0.84),
      take('/w/b.kling.json', 0.84, { provider: 'simulator' }),
      take('/w/b.kling.json', 0.84, { provider: 'simulator' }),
      take('/w/c.kling.json', 0.84, { provider: 'simulator' }),
      take('/w/other.kling.json', 5),
    ],
    periods,
  );
  assert.deepEqual(sequenceSpend(l, ['/w/a.kling.json', '/w/b.kling.json', '/w/c.kling.json', '/w/a.kling.json', '/w/gone.kling.json']), {
    usd: 2.52,
    takes: 3,
    shots: 2,
    simulatorTakes: 3,
  });
  assert.deepEqual(sequenceSpend(l, []), { usd: 0, takes: 0, shots: 0, simulatorTakes: 0 });
});

test('each record counts in its innermost workspace folder', () => {
  assert.equal(folderOf('/ws/one/renders/a.take.json', ['/ws/one', '/ws/two']), '/ws/one');
  assert.equal(folderOf('/ws/one/sub/renders/a.take.json', ['/ws/one', '/ws/one/sub']), '/ws/one/sub');
  assert.equal(folderOf('/elsewhere/a.take.json', ['/ws/one']), undefined);
  const byFolder = ledgersByFolder(
    [
      { path: '/ws/one/renders/a.take.json', record: take('/ws/one/a.kling.json', 3) },
      { path: '/ws/two/renders/b.take.json', record: take('/ws/two/b.kling.json', 0.5) },
      { path: '/elsewhere/c.take.json', record: take('/elsewhere/c.kling.json', 9) },
    ],
    ['/ws/one', '/ws/two', '/ws/empty'],
    periods,
  );
  assert.deepEqual(
    [...byFolder].map(([f, l]) => [f, l.workspace.usd, l.today.usd]),
    [
      ['/ws/one', 3, 3],
      ['/ws/two', 0.5, 0.5],
      ['/ws/empty', 0, 0],
    ],
  );
});

test("two folders: each budget is held against its own folder's spend and share of the request", () => {
  const byFolder = ledgersByFolder(
    [
      { path: '/ws/one/renders/a.take.json', record: take('/ws/one/a.kling.json', 3) },
      { path: '/ws/two/renders/b.take.json', record: take('/ws/two/b.kling.json', 0.5) },
    ],
    ['/ws/one', '/ws/two'],
    periods,
  );
  const one = byFolder.get('/ws/one')!;
  const two = byFolder.get('/ws/two')!;
  // Folder two has $0.50 spent and a $2 budget; its share of the request is $0.84: it fits, although
  // the window's total ($3.50 + $1.68) would not. Folder one has no budget.
  assert.equal(
    checkFolderBudgets([
      { folder: '/ws/one', spent: one, requestUsd: 0.84, budgets: {} },
      { folder: '/ws/two', spent: two, requestUsd: 0.84, budgets: { workspaceUsd: 2 } },
    ]),
    undefined,
  );
  // Folder one's own $4 budget: $3 spent + its $1.68 share passes it; folder two's budget is not the one cited.
  const refusal = checkFolderBudgets([
    { folder: '/ws/one', spent: one, requestUsd: 1.68, budgets: { workspaceUsd: 4 } },
    { folder: '/ws/two', spent: two, requestUsd: 0.84, budgets: { workspaceUsd: 2 } },
  ]);
  assert.equal(refusal?.folder, '/ws/one');
  assert.equal(refusal?.spentUsd, 3);
  assert.equal(refusal?.requestUsd, 1.68);
  assert.equal(refusal?.budgetUsd, 4);
  // A daily budget of one folder looks at that folder's today only.
  const daily = checkFolderBudgets([
    { folder: '/ws/one', spent: one, requestUsd: 0.84, budgets: {} },
    { folder: '/ws/two', spent: two, requestUsd: 0.84, budgets: { dailyUsd: 1 } },
  ]);
  assert.deepEqual(daily && [daily.folder, daily.budget, daily.spentUsd], ['/ws/two', 'daily', 0.5]);
});

test("each folder's share of a Generate: its shots times the takes; unknown when one of its shots is", () => {
  const shares = requestShares(
    [
      { file: '/ws/one/a.kling.json', usd: 0.84 },
      { file: '/ws/one/scenes/b.kling.json', usd: 0.42 },
      { file: '/ws/two/c.kling.json', usd: 0.84 },
      { file: '/ws/two/d.kling.json', usd: undefined },
      { file: '/loose/e.kling.json', usd: 1 },
    ],
    2,
    ['/ws/one', '/ws/two'],
  );
  assert.deepEqual(
    [...shares],
    [
      ['/ws/one', 2.52],
      ['/ws/two', undefined],
      [undefined, 2],
    ],
  );
});
