// A sequence's spend (its shots' fal takes, simulator takes apart) and budgets per workspace folder:
// each folder's budget against that folder's spend and that folder's part of the request.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { computeLedger, folderOf, scopeLedgers, sequenceShotFiles, sequenceSpend, type SpendRecord } from '../../../src/core';

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
      take('/w/c.kling.json', 0.84, { provider: 'simulator', atFalUsd: 1.26 }),
      take('/w/other.kling.json', 5),
    ],
    periods,
  );
  assert.deepEqual(sequenceSpend(l, ['/w/a.kling.json', '/w/b.kling.json', '/w/c.kling.json', '/w/a.kling.json', '/w/gone.kling.json']), {
    usd: 2.52,
    takes: 3,
    shots: 2,
    simulatorTakes: 3,
    simulatorAtFalUsd: 1.26,
  });
  assert.deepEqual(sequenceSpend(l, []), { usd: 0, takes: 0, shots: 0, simulatorTakes: 0, simulatorAtFalUsd: 0 });
});

test('a shot belongs to its innermost workspace folder', () => {
  assert.equal(folderOf('/ws/one/renders/a.take.json', ['/ws/one', '/ws/two']), '/ws/one');
  assert.equal(folderOf('/ws/one/sub/renders/a.take.json', ['/ws/one', '/ws/one/sub']), '/ws/one/sub');
  assert.equal(folderOf('/elsewhere/a.take.json', ['/ws/one']), undefined);
});

test("each folder's spend is summed as its budget is checked: below the folder and the output folder it names elsewhere", () => {
  const byFolder = scopeLedgers(
    [
      { path: '/ws/one/renders/a.take.json', record: take('/ws/one/a.kling.json', 3) },
      { path: '/ws/one/sub/renders/n.take.json', record: take('/ws/one/sub/n.kling.json', 1) },
      { path: '/ws/two/renders/b.take.json', record: take('/ws/two/b.kling.json', 0.5) },
      { path: '/out/two/b2.take.json', record: take('/ws/two/b.kling.json', 2) },
      { path: '/elsewhere/c.take.json', record: take('/elsewhere/c.kling.json', 9) },
    ],
    [
      { folder: '/ws/one', folders: ['/ws/one'] },
      { folder: '/ws/one/sub', folders: ['/ws/one/sub'] },
      { folder: '/ws/two', folders: ['/ws/two', '/out/two'] },
      { folder: '/ws/empty', folders: ['/ws/empty'] },
    ],
    periods,
  );
  assert.deepEqual(
    [...byFolder].map(([f, l]) => [f, l.workspace.usd, l.today.usd]),
    [
      // A folder nested in another counts in both, as the reservation sums every record below a folder.
      ['/ws/one', 4, 4],
      ['/ws/one/sub', 1, 1],
      ['/ws/two', 2.5, 2.5],
      ['/ws/empty', 0, 0],
    ],
  );
});
