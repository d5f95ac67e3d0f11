// Budgets across processes: several `kling generate --budget` runs started at once against one
// ledger (the take records below the project), each a real process of the built CLI, against a
// simulator addressed as a paid fal queue (--queue-url/--storage-url), so every take is priced.
// The processes are held at their first upload (an upload gate in front of the simulator's
// storage) until each has either exited or reached it: a check made from a ledger without the
// others' takes in it is then certain to show. Every wait is on state, never on time.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtemp, realpath, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Simulator } from '../../../src/simulator';
import { kling, until } from './helpers/kling-process';
import { killLeftoverRuns, type Exit, type Run } from '../../kit/cli';
import { exited, leftovers, moneyProject, moneySim, racerKey, rawTakes, spent, TAKE_USD, unfinished } from './helpers/money';
import { uploadGate, type UploadGate } from './helpers/upload-gate';

let base: string;
before(async () => {
  base = await realpath(await mkdtemp(join(tmpdir(), 'kling-money-races-')));
});
after(async () => {
  killLeftoverRuns();
  await rm(base, { recursive: true, force: true });
});

async function withGate(fn: (s: Simulator, gate: UploadGate) => Promise<void>): Promise<void> {
  const s = await moneySim();
  const gate = await uploadGate(s);
  try {
    await fn(s, gate);
  } finally {
    gate.release();
    await gate.close();
    await s.close();
  }
}

interface Racer {
  key: string;
  run: Run;
}

/**
 * Starts every command before awaiting any, with uploads held; lets the uploads go once each
 * process has exited or is waiting on its first upload; returns the exits in the same order.
 */
async function race(s: Simulator, gate: UploadGate, cwd: string, commands: string[][]): Promise<{ racers: Racer[]; exits: Exit[] }> {
  gate.hold = true;
  const racers = commands.map((args, i) => {
    const key = racerKey(i);
    return { key, run: kling(args, { cwd, sim: s, storageUrl: gate.url, env: { FAL_KEY: key } }) };
  });
  await until('every racer to have exited or reached its first upload', () =>
    racers.every(r => exited(r.run) || gate.seenFrom(r.key) > 0) ? true : undefined,
  );
  gate.release();
  return { racers, exits: await Promise.all(racers.map(r => r.run.done)) };
}

const codes = (exits: Exit[]) => exits.map(e => e.code).sort();
/** Each racer's exit and what it said on stderr (its progress lines left out). */
const show = (exits: Exit[]) => exits.map((e, i) => `--- racer ${i}: exit ${e.code}\n${e.err}`).join('\n');

describe('kling generate --budget: processes racing for the last room in a budget', () => {
  test(
    '8 processes, one shot each, room for exactly one more take: 1 submit, 1 exit 0, 7 exit 3 with nothing uploaded or left behind',
    { timeout: 180_000 },
    () =>
      withGate(async (s, gate) => {
        // $1.00 spent + $0.56 = $1.56 fits $1.60; a second $0.56 does not.
        const names = ['s1', 's2', 's3', 's4', 's5', 's6', 's7', 's8'];
        const p = await moneyProject(base, 'eight', { names, spentUsd: 1 });
        const { racers, exits } = await race(
          s,
          gate,
          p.dir,
          p.shots.map(shot => ['generate', shot, '--budget', '1.60', '--out', 'renders']),
        );
        assert.equal(s.stats.submits, 1, `exactly one submit at fal; the exits:\n${show(exits)}`);
        assert.deepEqual(codes(exits), [0, 3, 3, 3, 3, 3, 3, 3], show(exits));
        const refused = racers.filter((_, i) => exits[i]!.code === 3);
        for (const [i, e] of exits.entries()) if (e.code === 3) assert.match(e.err, /budget/, `racer ${i}`);
        assert.deepEqual(
          refused.map(r => gate.seenFrom(r.key)),
          refused.map(() => 0),
          'the refused processes uploaded nothing',
        );
        assert.equal(s.stats.storage.initiates + s.stats.storage.multipartInitiates, 1, "the winner's one upload, nothing else");
        const takes = await rawTakes(p.out);
        assert.deepEqual(unfinished(takes), [], 'no reservation or unfinished take is left behind');
        const landed = takes.filter(t => t.status === 'done' && t.requestId !== undefined && !t.name.startsWith('earlier.'));
        assert.equal(landed.length, 1, JSON.stringify(takes));
        assert.equal(landed[0]!.costEstimateUsd, TAKE_USD);
        assert.deepEqual(await leftovers(p.out), []);
      }),
  );

  test(
    '4 processes, each --takes 3 of one shot, room for exactly 3 takes: all or none, so 3 submits by one process',
    { timeout: 180_000 },
    () =>
      withGate(async (s, gate) => {
        // $1.00 spent + 3 × $0.56 = $2.68 fits $2.90; a fourth take ($3.24) does not.
        const p = await moneyProject(base, 'batches', { names: ['a'], spentUsd: 1 });
        const { racers, exits } = await race(
          s,
          gate,
          p.dir,
          Array.from({ length: 4 }, () => ['generate', 'a.kling.json', '--takes', '3', '--budget', '2.90']),
        );
        assert.equal(s.stats.submits, 3, `exactly three submits at fal; the exits:\n${show(exits)}`);
        assert.deepEqual(codes(exits), [0, 3, 3, 3], show(exits));
        const winner = exits.findIndex(e => e.code === 0);
        assert.match(exits[winner]!.out, /3 of 3 takes done/);
        for (const [i, e] of exits.entries()) {
          if (i === winner) continue;
          assert.match(e.err, /budget/, `racer ${i}`);
          assert.doesNotMatch(e.err, /submitted, request id/, `racer ${i} submitted nothing`);
          assert.equal(gate.seenFrom(racers[i]!.key), 0, `racer ${i} uploaded nothing`);
        }
        const takes = await rawTakes(p.out);
        assert.deepEqual(unfinished(takes), [], 'no reservation or unfinished take is left behind');
        assert.equal(takes.filter(t => t.status === 'done' && !t.name.startsWith('earlier.')).length, 3);
        assert.deepEqual(await leftovers(p.out), []);
      }),
  );
});

describe('kling generate --daily-budget', () => {
  /** Local midnight today, less a minute: yesterday wherever the test runs. */
  const yesterday = () => {
    const now = new Date();
    return new Date(new Date(now.getFullYear(), now.getMonth(), now.getDate()).getTime() - 60_000);
  };

  test("a take created yesterday does not count against today's budget; one created today does", { timeout: 180_000 }, async () => {
    const s = await moneySim();
    try {
      // $5 spent yesterday: $0.56 today fits a $1 day.
      const old = await moneyProject(base, 'daily-yesterday', { names: ['a'], spentUsd: 5, spentAt: yesterday() });
      const ok = await kling(['generate', 'a.kling.json', '--daily-budget', '1'], { cwd: old.dir, sim: s }).done;
      assert.equal(ok.code, 0, ok.out + ok.err);
      assert.equal(s.stats.submits, 1);
      // That take was made today: a second $0.56 ($1.12) no longer fits.
      const second = await kling(['generate', 'a.kling.json', '--daily-budget', '1'], { cwd: old.dir, sim: s }).done;
      assert.equal(second.code, 3, second.out + second.err);
      assert.match(second.err, /budget/);
      assert.equal(s.stats.submits, 1, 'the second run submitted nothing');

      // $5 spent today (in the output folder of another project): refused, nothing uploaded or submitted.
      const fresh = await moneyProject(base, 'daily-today', { names: ['a'] });
      await spent(fresh.out, 5, new Date(), join(fresh.dir, 'earlier.kling.json'));
      const before = { submits: s.stats.submits, initiates: s.stats.storage.initiates };
      const refused = await kling(['generate', 'a.kling.json', '--daily-budget', '1'], { cwd: fresh.dir, sim: s }).done;
      assert.equal(refused.code, 3, refused.out + refused.err);
      assert.match(refused.err, /budget/);
      assert.deepEqual({ submits: s.stats.submits, initiates: s.stats.storage.initiates }, before, 'nothing uploaded or submitted');
      assert.deepEqual(unfinished(await rawTakes(fresh.out)), []);
    } finally {
      await s.close();
    }
  });
});
