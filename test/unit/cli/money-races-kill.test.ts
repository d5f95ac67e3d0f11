// kill -9 and then several processes at once on the take that was left: `kling resume` and plain
// `kling generate` (the same command run again) must between them follow it once, never paying
// a second time; and a take killed at any phase is submitted at most once across every rerun,
// while one killed before its submit does not hold on to its room in the budget. Real processes
// of the built CLI, killed for real; every wait is on state (a record's status, a lock's owner,
// a simulator or upload-gate counter, what a process has printed), never on time.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtemp, readFile, realpath, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import type { Simulator, Timing } from '../../../src/simulator';
import { killed, kling, project, records, sim, until, withStatus } from './helpers/kling-process';
import { killLeftoverRuns, type Exit, type Run } from '../../kit/cli';
import { exited, moneyProject, moneySim, rawTakes, submitsOf, TAKE_USD, unfinished } from './helpers/money';
import { uploadGate, type UploadGate } from './helpers/upload-gate';

let base: string;
before(async () => {
  base = await realpath(await mkdtemp(join(tmpdir(), 'kling-money-kill-')));
});
after(async () => {
  killLeftoverRuns();
  await rm(base, { recursive: true, force: true });
});

/** The simulator's status calls fail: a take stays `queued` in whichever process follows it. */
const holdQueued = (s: Simulator) => Object.assign(s.faults, { errorRoutes: ['status', 'stream'], errorRate: 1, errorStatuses: [503] });

/** A shot generated once and killed (SIGKILL) while its take was queued; the take stays held queued. */
async function orphan(s: Simulator, name: string) {
  const p = await project(base, name);
  holdQueued(s);
  const first = kling(['generate', p.shot], { cwd: p.dir, sim: s });
  const rec = await until('a queued record', withStatus(p.out, 'queued'), first);
  await killed(first);
  return { p, rec };
}

/**
 * Keeps the take held until every process has made up its mind about it: exited, submitted a take
 * of its own, or named the take's record (following it, skipping it, or waiting for it: a process
 * that waits says which take it waits for). Then lets the take land and returns the exits.
 */
async function settle<R extends readonly Run[]>(s: Simulator, runs: R, recordPath: string): Promise<{ [K in keyof R]: Exit }> {
  const name = basename(recordPath);
  await until('every process to have decided about the take', () =>
    runs.every(r => exited(r) || submitsOf(r) > 0 || r.err().includes(name) || r.out().includes(name)) ? true : undefined,
  );
  s.faults.errorRate = 0;
  // One exit per run, in the order given (a tuple in, a tuple out).
  return (await Promise.all(runs.map(r => r.done))) as { [K in keyof R]: Exit };
}

/** The one take there is landed, and it is the take that was killed. */
async function assertOneTakeLanded(s: Simulator, out: string, id: string, say: string): Promise<void> {
  assert.equal(s.stats.submits, 1, `exactly one submit in all (the killed run's)\n${say}`);
  const recs = await records(out);
  assert.deepEqual(
    recs.map(r => [r.record.id, r.record.status]),
    [[id, 'done']],
    `one take, the killed one, done\n${say}`,
  );
}

const said = (named: Record<string, Exit>) =>
  Object.entries(named)
    .map(([n, e]) => `--- ${n}: exit ${e.code}\n${e.out}${e.err}`)
    .join('\n');

describe('after kill -9 while queued: resume and generate claim the take once', () => {
  test(
    'resume follows it first (its lock on disk), then generate: no second submit; generate reports the take done',
    { timeout: 180_000 },
    async () => {
      const s = await sim();
      try {
        const { p, rec } = await orphan(s, 'resume-first');
        const resume = kling(['resume', p.dir], { cwd: p.dir, sim: s });
        await until(
          'resume to hold the take lock',
          async () => {
            const owner = await readFile(`${rec.path}.lock`, 'utf8').then(
              t => (JSON.parse(t) as { pid?: number }).pid,
              () => undefined,
            );
            return owner === resume.child.pid ? true : undefined;
          },
          resume,
        );
        const gen = kling(['generate', p.shot], { cwd: p.dir, sim: s });
        const [r, g] = await settle(s, [resume, gen] as const, rec.path);
        const say = said({ resume: r, generate: g });
        await assertOneTakeLanded(s, p.out, rec.record.id, say);
        assert.equal(r.code, 0, say);
        assert.equal(g.code, 0, say);
        assert.match(g.out, /1 of 1 take done/, say);
      } finally {
        await s.close();
      }
    },
  );

  /**
   * Runs the trials to the end before judging, so a failure shows every trial's numbers: the
   * submits at fal, the exits, whether the one take there is the killed take, done.
   */
  async function trials(name: string, n: number, commands: (p: { dir: string; shot: string }) => [string, string[]][]): Promise<void> {
    const seen: { submits: number; exits: Record<string, Exit>; landed: boolean }[] = [];
    for (let trial = 1; trial <= n; trial++) {
      const s = await sim();
      try {
        const { p, rec } = await orphan(s, `${name}-${trial}`);
        const named = commands(p);
        const ends = await settle(
          s,
          named.map(([, args]) => kling(args, { cwd: p.dir, sim: s })),
          rec.path,
        );
        const recs = await records(p.out);
        seen.push({
          submits: s.stats.submits,
          exits: Object.fromEntries(named.map(([label], i) => [label, ends[i]!])),
          landed: recs.length === 1 && recs[0]!.record.id === rec.record.id && recs[0]!.record.status === 'done',
        });
      } finally {
        await s.close();
      }
    }
    const table = seen
      .map(
        (t, i) =>
          `trial ${i + 1}: ${t.submits} submits, ${Object.entries(t.exits)
            .map(([l, e]) => `${l} exit ${e.code}`)
            .join(', ')}`,
      )
      .join('\n');
    const detail = seen.map((t, i) => `=== trial ${i + 1}\n${said(t.exits)}`).join('\n');
    assert.deepEqual(
      seen.map(t => t.submits),
      seen.map(() => 1),
      `exactly one submit in every trial (the killed run's)\n${table}\n${detail}`,
    );
    assert.ok(
      seen.every(t => t.landed),
      `the one take is the killed take, done, in every trial\n${table}`,
    );
    for (const t of seen)
      for (const [label, e] of Object.entries(t.exits)) {
        assert.notEqual(e.code, null, `${label} ended by a signal\n${table}`);
        if (label.startsWith('generate')) {
          assert.equal(e.code, 0, `${label} reports the take's outcome\n${table}\n${detail}`);
          assert.match(e.out, /1 of 1 take done/, `${label}\n${table}`);
        }
      }
  }

  test('resume and generate started together, 4 trials: 1 submit each time, the take done, generate reports it', { timeout: 180_000 }, () =>
    trials('together', 4, p => [
      ['resume', ['resume', p.dir]],
      ['generate', ['generate', p.shot]],
    ]),
  );

  test('two plain generates started together, 2 trials: 1 submit each time, both report the take done', { timeout: 180_000 }, () =>
    trials('two-generates', 2, p => [
      ['generate 1', ['generate', p.shot]],
      ['generate 2', ['generate', p.shot]],
    ]),
  );
});

interface Phase {
  name: string;
  timing?: Partial<Timing>;
  /** Set up the hold that keeps the first run in this phase. */
  arm(s: Simulator, gate: UploadGate): void;
  /** Whether the first run is in the phase now. */
  reached(s: Simulator, gate: UploadGate, out: string): Promise<boolean> | boolean;
  /** After the kill: end the hold (a held request's client is gone first). */
  disarm(s: Simulator, gate: UploadGate): Promise<void>;
  /** Whether fal had the job when the run was killed (the rerun must land that very take). */
  submitted: boolean;
}

const statusIs = (status: string) => async (_s: Simulator, _g: UploadGate, out: string) => (await withStatus(out, status)()) !== undefined;
const failRoutes = (routes: string[]) => (s: Simulator) =>
  Object.assign(s.faults, { errorRoutes: routes, errorRate: 1, errorStatuses: [503] });
const stopFailing = async (s: Simulator) => {
  s.faults.errorRate = 0;
};

const PHASES: Phase[] = [
  {
    name: 'uploading its media (held at the upload)',
    arm: (_s, gate) => (gate.hold = true),
    reached: (_s, gate) => gate.held === 1,
    disarm: async (_s, gate) => {
      await until('the gate to see the client gone', () => (gate.abandoned === 1 ? true : undefined));
      gate.release();
    },
    submitted: false,
  },
  {
    name: 'submitting (held before fal creates the job)',
    arm: s => (s.submitFaults.hold = 'before-create'),
    reached: s => s.submitFaults.held === 1,
    disarm: async s => {
      await until('the server to see the client gone', () => (s.submitFaults.abandoned === 1 ? true : undefined));
      s.submitFaults.release();
    },
    submitted: false,
  },
  { name: 'queued', arm: failRoutes(['status', 'stream']), reached: statusIs('queued'), disarm: stopFailing, submitted: true },
  {
    name: 'running',
    // Long enough for the running status to be seen; the result call fails until the kill.
    timing: { processingMs: 1500 },
    arm: failRoutes(['result']),
    reached: statusIs('running'),
    disarm: stopFailing,
    submitted: true,
  },
  { name: 'downloading', arm: failRoutes(['file']), reached: statusIs('downloading'), disarm: stopFailing, submitted: true },
];

describe('kill -9 at every phase, then the same generate and kling resume: at most 1 submit, and the budget is not held', () => {
  for (const ph of PHASES) {
    test(`killed while ${ph.name}`, { timeout: 180_000 }, async () => {
      const s = await moneySim(ph.timing);
      const gate = await uploadGate(s);
      try {
        // $1.00 spent; $1.60 leaves room for exactly one $0.56 take.
        const p = await moneyProject(base, `kill-${ph.name.split(' ')[0]}`, { names: ['a'], spentUsd: 1 });
        const generate = () => kling(['generate', 'a.kling.json', '--budget', '1.60'], { cwd: p.dir, sim: s, storageUrl: gate.url });
        ph.arm(s, gate);
        const first = generate();
        await until(`the first run to be ${ph.name}`, async () => ((await ph.reached(s, gate, p.out)) ? true : undefined), first);
        const before = await rawTakes(p.out);
        await killed(first);
        await ph.disarm(s, gate);

        const again = await generate().done;
        const resumed = await kling(['resume', p.dir], { cwd: p.dir, sim: s }).done;
        const say = `${said({ rerun: again, resume: resumed })}\nrecords when killed: ${JSON.stringify(before)}`;
        assert.ok(s.stats.submits <= 1, `${s.stats.submits} submits for one shot\n${say}`);
        assert.ok(again.code !== null && resumed.code !== null, say);
        const takes = (await rawTakes(p.out)).filter(t => !t.name.startsWith('earlier.'));
        if (ph.submitted) {
          // The rerun resumed the killed take: nothing new to pay, so the budget does not stand in the way.
          assert.equal(again.code, 0, say);
          assert.equal(s.stats.submits, 1, say);
          assert.deepEqual(
            takes.map(t => [t.id, t.status]),
            [[before.find(t => !t.name.startsWith('earlier.'))!.id, 'done']],
            say,
          );
        } else if (ph.name.startsWith('uploading')) {
          // Nothing reached fal: the dead run's reservation is released, so the rerun has its room.
          assert.equal(again.code, 0, `the dead run's reservation still holds the budget\n${say}`);
          assert.equal(s.stats.submits, 1, say);
          const done = takes.filter(t => t.status === 'done');
          assert.equal(done.length, 1, say);
          assert.equal(done[0]!.costEstimateUsd, TAKE_USD);
          assert.deepEqual(unfinished(takes), [], `nothing left unfinished or reserved\n${say}`);
        } else {
          // The submit may have reached fal: never sent again on its own (see take-store-cli.test.ts).
          assert.equal(s.stats.submits, 0, say);
        }
      } finally {
        gate.release();
        await gate.close();
        await s.close();
      }
    });
  }

  test('while its media uploads, the take is on disk as reserved, with its estimate', { timeout: 180_000 }, async () => {
    const s = await moneySim();
    const gate = await uploadGate(s);
    try {
      const p = await moneyProject(base, 'reserved', { names: ['a'], spentUsd: 1 });
      gate.hold = true;
      const run = kling(['generate', 'a.kling.json', '--budget', '1.60'], { cwd: p.dir, sim: s, storageUrl: gate.url });
      await until('the held upload', () => (gate.held === 1 ? true : undefined), run);
      const mine = (await rawTakes(p.out)).filter(t => !t.name.startsWith('earlier.'));
      assert.deepEqual(
        mine.map(t => [t.status, t.costEstimateUsd]),
        [['reserved', TAKE_USD]],
        'one record, reserved with its estimate, before any upload',
      );
      gate.release();
      const r = await run.done;
      assert.equal(r.code, 0, r.out + r.err);
      assert.deepEqual(
        (await rawTakes(p.out)).filter(t => !t.name.startsWith('earlier.')).map(t => t.status),
        ['done'],
      );
    } finally {
      gate.release();
      await gate.close();
      await s.close();
    }
  });
});
