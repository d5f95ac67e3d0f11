// What the sequence editor's webview is sent, from a real folder: one card per entry with the take
// that stands for it (source, clip, real length), the entry's own problem when it has no take, the
// file's own problems apart, and which shots "Generate missing" would start.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdir, mkdtemp, realpath, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { reportSequence, writeTakeRecord, type TakeRecord } from '../../../src/takes';
import { computeLedger, periodStarts } from '../../../src/core';
import { missingShots, sequenceView } from '../../../src/extension/sequence/sequence-view';

let dir: string;

function record(shotFile: string, createdAt: string, durationSeconds?: number): TakeRecord {
  return {
    version: 1,
    id: `take-${createdAt}`,
    shotFile,
    endpointId: 'fal-ai/kling-video/v3/pro/text-to-video',
    body: { prompt: 'x' },
    status: 'done',
    createdAt,
    updatedAt: createdAt,
    ...(durationSeconds !== undefined && { video: { url: 'https://x/y.mp4', durationSeconds } }),
  };
}

const SEQ = `{
  // opening first
  "shots": [
    "a.kling.json",
    "fresh.kling.json",
    { "shot": "a.kling.json", "take": "renders/gone.take.json" },
    "nowhere.kling.json",
    "fresh.kling.json",
    "b.kling.json",
    42
  ]
}
`;

before(async () => {
  dir = await realpath(await mkdtemp(join(tmpdir(), 'kling-seqview-')));
  await mkdir(join(dir, 'renders'));
  for (const s of ['a', 'b', 'fresh']) await writeFile(join(dir, `${s}.kling.json`), '{ "prompt": "a fox" }\n');
  await writeTakeRecord(
    join(dir, 'renders', 'a.20260101-100000.take.json'),
    record(join(dir, 'a.kling.json'), '2026-01-01T10:00:00Z', 5.04),
  );
  await writeTakeRecord(join(dir, 'renders', 'b.20260101-100000.take.json'), record(join(dir, 'b.kling.json'), '2026-01-01T10:00:00Z'));
});
after(() => rm(dir, { recursive: true, force: true }));

test('cards: take source, clip access and real length; an entry without a take carries its own diagnostic', async () => {
  const report = await reportSequence(join(dir, 'cut.kling-seq.json'), SEQ);
  const asked: string[] = [];
  const msg = sequenceView(report, {
    version: 7,
    fileName: 'cut.kling-seq.json',
    readOnly: false,
    clip: p => {
      if (p === undefined) return { problem: 'no clip' };
      asked.push(p.slice(dir.length + 1));
      return p.includes('/b.') ? { problem: 'outside' } : { src: `webview:${p.slice(dir.length + 1)}` };
    },
    generating: shot => shot.endsWith('b.kling.json'),
  });
  assert.equal(msg.version, 7);
  assert.deepEqual(
    msg.entries.map(e => ({
      index: e.index,
      name: e.shotName,
      take: e.take,
      generating: e.generating,
      problem: e.problem && `${e.problem.severity}${e.problem.notGenerated ? ' (not generated)' : ''}: ${e.problem.message}`,
    })),
    [
      {
        index: 0,
        name: 'a.kling.json',
        take: { source: 'newest', clipSrc: 'webview:renders/a.20260101-100000.mp4', durationSeconds: 5.04 },
        generating: false,
        problem: undefined,
      },
      {
        index: 1,
        name: 'fresh.kling.json',
        take: undefined,
        generating: false,
        problem: 'info (not generated): fresh.kling.json: not generated yet (no done take)',
      },
      {
        index: 2,
        name: 'a.kling.json',
        take: undefined,
        generating: false,
        problem: 'error: Pinned take not found: renders/gone.take.json',
      },
      {
        index: 3,
        name: 'nowhere.kling.json',
        take: undefined,
        generating: false,
        problem: 'error: Shot file not found: nowhere.kling.json',
      },
      {
        index: 4,
        name: 'fresh.kling.json',
        take: undefined,
        generating: false,
        problem: 'info (not generated): fresh.kling.json: not generated yet (no done take)',
      },
      { index: 5, name: 'b.kling.json', take: { source: 'newest', clipProblem: 'outside' }, generating: true, problem: undefined },
    ],
  );
  assert.deepEqual(asked, ['renders/a.20260101-100000.mp4', 'renders/b.20260101-100000.mp4']);
  // The number is not a shot: a problem of the file, with its place.
  assert.equal(msg.fileProblems.length, 1);
  assert.match(msg.fileProblems[0]!, /^10:5 shots\.6: /);
  // fresh once (listed twice); not the pinned entry (a new take would not fix its pin), not the missing file.
  assert.equal(msg.missing, 1);
  assert.deepEqual(
    missingShots(report, () => false).map(s => s.slice(dir.length + 1)),
    ['fresh.kling.json'],
  );
  assert.deepEqual(
    missingShots(report, s => s.endsWith('fresh.kling.json')),
    [],
    'a shot being generated is not missing',
  );
});

test("the sequence's spend: its shots' fal takes from the ledger, simulator takes apart; absent until summed", async () => {
  const report = await reportSequence(join(dir, 'cut.kling-seq.json'), SEQ);
  const input = { version: 1, fileName: 'cut.kling-seq.json', readOnly: false, clip: () => ({}), generating: () => false };
  assert.equal(sequenceView(report, input).spend, undefined);
  const paid = (shot: string, usd: number, provider: 'fal' | 'simulator' = 'fal') => ({
    createdAt: '2026-01-01T10:00:00Z',
    status: 'done',
    requestId: 'r',
    costEstimateUsd: usd,
    provider,
    shotFile: join(dir, shot),
  });
  const ledger = computeLedger(
    [
      paid('a.kling.json', 0.84),
      paid('a.kling.json', 0.84),
      paid('b.kling.json', 0.84),
      paid('b.kling.json', 0.84, 'simulator'),
      paid('fresh.kling.json', 0.84, 'simulator'),
      paid('not-in-the-cut.kling.json', 9),
    ],
    periodStarts(new Date()),
  );
  assert.deepEqual(sequenceView(report, { ...input, ledger }).spend, {
    usd: 2.52,
    takes: 3,
    shots: 2,
    simulatorTakes: 2,
    simulatorAtFalUsd: 0,
  });
});
