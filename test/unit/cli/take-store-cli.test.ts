// `kling generate` and `kling resume` against the take store, with real processes killed for real
// (SIGKILL) at each step of a take, two runs at once, a journal that cannot be written, and media
// outside the project. Every wait is on state: a record file's status or the simulator's counters.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { cp, mkdtemp, readFile, rename, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { readTakeRecord } from '../../../src/takes';
import type { Simulator } from '../../../src/simulator';
import {
  assertLandedOnce,
  killed,
  kling,
  project as shotProject,
  records,
  sha,
  sim,
  T2V,
  until,
  withStatus,
} from './helpers/kling-process';
import { killLeftoverRuns, REPO } from '../../kit/cli';

let base: string;
before(async () => {
  base = await mkdtemp(join(tmpdir(), 'kling-cli-store-'));
});
after(() => {
  killLeftoverRuns();
  return rm(base, { recursive: true, force: true });
});

/** A project (package.json marks its root) with one text-to-video shot. */
const project = (name: string, prompt?: string) => shotProject(base, name, prompt);

describe('kling generate: kill -9 at each step, then the same command again', () => {
  for (const step of ['queued', 'running', 'downloading'] as const) {
    test(`killed while ${step}: the rerun resumes the take (1 submit, the served clip)`, { timeout: 120_000 }, async () => {
      // The take cannot get past the step while the fault is on (status calls fail while queued,
      // the result call while running, file downloads while downloading); it is off for the rerun.
      const s = await sim(step === 'running' ? { processingMs: 3000 } : {});
      const stuck = { queued: ['status', 'stream'], running: ['result'], downloading: ['file'] }[step];
      Object.assign(s.faults, { errorRoutes: stuck, errorRate: 1, errorStatuses: [503] });
      try {
        const p = await project(`kill-${step}`);
        const first = kling(['generate', p.shot], { cwd: p.dir, sim: s });
        const rec = await until(`a ${step} record`, withStatus(p.out, step), first);
        await killed(first);
        assert.match(first.err(), new RegExp(`request id ${rec.record.requestId}`), 'the id was printed when fal returned it');
        s.faults.errorRate = 0;
        const again = await kling(['generate', p.shot], { cwd: p.dir, sim: s }).done;
        assert.equal(again.code, 0, again.out + again.err);
        assert.match(again.err, /unfinished take of the same request exists .*resuming it/);
        const landed = await assertLandedOnce(s, p.out);
        assert.equal(landed.id, rec.record.id, 'the very take that was killed');
        assert.match(again.out, /1 of 1 take done/);
      } finally {
        await s.close();
      }
    });
  }

  /** A run killed while its submit is held before fal creates the job: a `submitting` record, no request id, its owner dead. */
  async function killedWhileSubmitting(s: Simulator, p: { shot: string; dir: string; out: string }): Promise<void> {
    s.submitFaults.hold = 'before-create';
    const first = kling(['generate', p.shot], { cwd: p.dir, sim: s });
    await until('the held submit', () => (s.submitFaults.held === 1 ? true : undefined), first);
    assert.ok(await withStatus(p.out, 'submitting')(), 'the record was written before the submit');
    await killed(first);
    await until('the server to see the client gone', () => (s.submitFaults.abandoned === 1 ? true : undefined));
    s.submitFaults.release();
  }
  const toldUncertain =
    /boat\.[\w-]+\.take\.json: an earlier submit stopped before fal replied, so it may have been paid; it is now recorded as unknown\. .*\(kling generate --new\) submits again/;

  test(
    'killed while submitting (before fal saw it): reruns refuse (recorded unknown, told once) until --new lands a take; nothing is blocked after',
    { timeout: 120_000 },
    async () => {
      const s = await sim();
      try {
        const p = await project('kill-submitting');
        await killedWhileSubmitting(s, p);
        const again = await kling(['generate', p.shot], { cwd: p.dir, sim: s }).done;
        assert.equal(again.code, 1, again.out + again.err);
        assert.match(again.out, /refused .*may have been paid.*--new/s);
        assert.match(again.err, toldUncertain);
        assert.equal(s.stats.submits, 0, 'nothing submitted by the refusing run');
        const [left] = await records(p.out);
        assert.equal(left?.record.status, 'unknown');
        assert.equal(left?.record.error?.kind, 'submit-uncertain');
        assert.match(left?.record.error?.message ?? '', /may or may not exist .*fal dashboard/);

        // Running the same command again is still refused: only the user's --new may pay again.
        const twice = await kling(['generate', p.shot], { cwd: p.dir, sim: s }).done;
        assert.equal(twice.code, 1, twice.out + twice.err);
        assert.match(twice.out, /refused .*last submit of this request .*may have been paid.*--new/s);
        assert.equal(s.stats.submits, 0, 'nothing submitted by the second plain run');

        const fresh = await kling(['generate', '--new', p.shot], { cwd: p.dir, sim: s }).done;
        assert.equal(fresh.code, 0, fresh.out + fresh.err);
        assert.doesNotMatch(fresh.err, /may have been paid/, 'told once');
        await assertLandedOnce(s, p.out);

        // Once a newer take of the request exists, a plain rerun makes a new take, as for any finished take.
        const plain = await kling(['generate', p.shot], { cwd: p.dir, sim: s }).done;
        assert.equal(plain.code, 0, plain.out + plain.err);
        assert.doesNotMatch(plain.err + plain.out, /may have been paid|resuming/);
        assert.equal(s.stats.submits, 2);
        assert.equal((await records(p.out)).filter(r => r.record.status === 'done').length, 2);

        const resume = await kling(['resume'], { cwd: p.dir, sim: s }).done;
        assert.equal(resume.code, 0, resume.out + resume.err);
        assert.match(resume.out, /no unfinished takes/);
        assert.equal(s.stats.submits, 2, 'resume submits nothing');
      } finally {
        await s.close();
      }
    },
  );

  test(
    'killed while submitting, then --new at once: the old record is retired (told once), later runs are not blocked',
    { timeout: 120_000 },
    async () => {
      const s = await sim();
      try {
        const p = await project('kill-submitting-new');
        await killedWhileSubmitting(s, p);
        const [left] = await records(p.out);
        const fresh = await kling(['generate', '--new', p.shot], { cwd: p.dir, sim: s }).done;
        assert.equal(fresh.code, 0, fresh.out + fresh.err);
        assert.match(fresh.err, toldUncertain);
        const retired = await readTakeRecord(left!.path);
        assert.equal(retired.status, 'unknown');
        assert.equal(retired.error?.kind, 'submit-uncertain');
        await assertLandedOnce(s, p.out);

        const resume = await kling(['resume'], { cwd: p.dir, sim: s }).done;
        assert.equal(resume.code, 0, resume.out + resume.err);
        assert.match(resume.out, /no unfinished takes/);
        const plain = await kling(['generate', p.shot], { cwd: p.dir, sim: s }).done;
        assert.equal(plain.code, 0, plain.out + plain.err);
        assert.doesNotMatch(plain.err + plain.out, /may have been paid|refused/);
        assert.equal(s.stats.submits, 2);
      } finally {
        await s.close();
      }
    },
  );

  test('killed the moment the submit reply left the server: never a second submit', { timeout: 120_000 }, async () => {
    const s = await sim();
    try {
      const p = await project('kill-after-reply');
      const first = kling(['generate', p.shot], { cwd: p.dir, sim: s });
      s.submitFaults.onReplied = () => first.child.kill('SIGKILL');
      await first.done;
      s.submitFaults.onReplied = undefined;
      const [left] = await records(p.out);
      assert.ok(left, 'the record written before the submit is there');
      const again = await kling(['generate', p.shot], { cwd: p.dir, sim: s }).done;
      assert.equal(s.stats.submits, 1, 'the rerun did not submit again');
      if (left.record.requestId) {
        // The client journalled the reply before it died: the rerun lands that very job.
        assert.equal(again.code, 0, again.out + again.err);
        await assertLandedOnce(s, p.out);
      } else {
        // It died before reading the reply: the job may exist, so nothing is resubmitted blindly.
        assert.equal(again.code, 1, again.out + again.err);
        assert.match(again.out, /may have been paid/);
      }
    } finally {
      await s.close();
    }
  });
});

describe('kling generate: never overwritten, never lost', () => {
  // Both deliberate (--new): a plain run would wait for a take of the same request that another
  // process follows (the claim policy), which the money-race tests cover.
  test('two fresh runs on the same shot at once: two distinct takes, both landed', { timeout: 120_000 }, async () => {
    const s = await sim({ processingMs: 500 });
    try {
      const p = await project('two-at-once');
      const [a, b] = await Promise.all([
        kling(['generate', '--new', p.shot], { cwd: p.dir, sim: s }).done,
        kling(['generate', '--new', p.shot], { cwd: p.dir, sim: s }).done,
      ]);
      assert.equal(a.code, 0, a.out + a.err);
      assert.equal(b.code, 0, b.out + b.err);
      assert.equal(s.stats.submits, 2);
      const recs = await records(p.out);
      assert.equal(recs.length, 2);
      assert.notEqual(recs[0]!.record.clipPath, recs[1]!.record.clipPath);
      for (const { record } of recs) {
        assert.equal(record.status, 'done');
        assert.equal(sha(await readFile(record.clipPath!)), s.clipSha256(record.requestId!), 'each clip is its own job');
      }
    } finally {
      await s.close();
    }
  });

  test(
    'a journal that cannot be written after the submit: the id is told with its recovery, which lands the clip',
    { timeout: 120_000 },
    async () => {
      const s = await sim();
      try {
        const p = await project('journal-lost');
        s.submitFaults.hold = 'after-create';
        const first = kling(['generate', p.shot], { cwd: p.dir, sim: s });
        await until('the held submit', () => (s.submitFaults.held === 1 ? true : undefined), first);
        // The output folder becomes a file: no record can be written there any more.
        await rename(p.out, `${p.out}.before`);
        await writeFile(p.out, 'in the way');
        s.submitFaults.release();
        const r = await first.done;
        const [id] = [...s.jobs.keys()];
        assert.equal(r.code, 1, r.out + r.err);
        assert.match(r.err, new RegExp(`submitted, request id ${id}`));
        assert.match(r.err, /COULD NOT BE WRITTEN/);
        const recovery = `kling resume --request-id ${id} --endpoint ${T2V} --out ${p.out}`;
        assert.ok(r.err.includes(recovery), r.err);
        assert.doesNotMatch(r.out, /: done/, 'done is never shown before the record says so');
        assert.match(r.out, /0 of 1 take done/);
        await rm(p.out);
        const rec = await kling(['resume', '--request-id', id!, '--endpoint', T2V, '--out', p.out], { cwd: p.dir, sim: s }).done;
        assert.equal(rec.code, 0, rec.out + rec.err);
        await assertLandedOnce(s, p.out);
      } finally {
        await s.close();
      }
    },
  );
});

describe('kling resume', () => {
  test(
    'resumes every unfinished take below the folders; a live owner is reported, a dead one taken over',
    { timeout: 120_000 },
    async () => {
      const s = await sim();
      // Every status call fails: the first run keeps following its queued take (and holds its
      // lock) for as long as the test needs.
      Object.assign(s.faults, { errorRoutes: ['status', 'stream'], errorRate: 1 });
      try {
        const p = await project('resume-folder');
        const first = kling(['generate', p.shot], { cwd: p.dir, sim: s });
        const rec = await until('a queued record', withStatus(p.out, 'queued'), first);
        const busy = await kling(['resume', p.dir], { cwd: base, sim: s }).done;
        assert.equal(busy.code, 1, busy.out + busy.err);
        assert.match(busy.out, /skipped .*another live process is following it/);
        await killed(first);
        s.faults.errorRate = 0;
        const r = await kling(['resume'], { cwd: p.dir, sim: s }).done;
        assert.equal(r.code, 0, r.out + r.err);
        assert.match(r.err, new RegExp(`resuming ${rec.record.requestId}`));
        await assertLandedOnce(s, p.out);
      } finally {
        await s.close();
      }
    },
  );
});

describe('kling resume beside a submit in flight', () => {
  test(
    'a record without a request id whose owner lives is reported as followed, not as maybe paid; 0 extra submits',
    { timeout: 120_000 },
    async () => {
      const s = await sim();
      try {
        const p = await project('resume-live-submit');
        s.submitFaults.hold = 'before-create';
        const first = kling(['generate', p.shot], { cwd: p.dir, sim: s });
        await until('the held submit', () => (s.submitFaults.held === 1 ? true : undefined), first);
        const held = await withStatus(p.out, 'submitting')();
        assert.ok(held, 'the record was written before the submit');
        const before = await readFile(held.path, 'utf8');
        const busy = await kling(['resume', p.dir], { cwd: base, sim: s }).done;
        assert.equal(busy.code, 1, busy.out + busy.err);
        assert.match(busy.out, /skipped .*another live process is following it/);
        assert.doesNotMatch(busy.out + busy.err, /may have been paid/);
        assert.equal(await readFile(held.path, 'utf8'), before, 'the live take is left as it is');
        s.submitFaults.release();
        const r = await first.done;
        assert.equal(r.code, 0, r.out + r.err);
        await assertLandedOnce(s, p.out);
      } finally {
        await s.close();
      }
    },
  );
});

describe('kling generate: media stays inside the project', () => {
  test('a shot naming ../ and absolute paths outside its project, run from /: 0 uploads, 0 submits', { timeout: 60_000 }, async () => {
    const s = await sim();
    try {
      const p = await project('outside');
      await cp(join(REPO, 'examples', 'refs', 'hero-start.png'), join(base, 'private.png'));
      await cp(join(REPO, 'examples', 'refs', 'hero-front.png'), join(p.dir, 'front.png'));
      const shot = join(p.dir, 'leak.kling.json');
      await writeFile(
        shot,
        JSON.stringify({
          prompt: 'x',
          duration: '3',
          start_image_url: '../private.png',
          elements: [{ frontal_image_url: './front.png', reference_image_urls: [join(base, 'private.png')] }],
        }),
      );
      const r = await kling(['generate', shot], { cwd: '/', sim: s }).done;
      assert.equal(r.code, 1, r.out + r.err);
      assert.match(r.err, new RegExp(`\\.\\./private\\.png .*outside the project root ${p.dir}`));
      assert.ok(r.err.includes(`${join(base, 'private.png')} (elements.0.reference_image_urls.0) resolves to`), r.err);
      assert.match(r.err, /nothing was uploaded or submitted/);
      assert.equal(s.stats.submits, 0);
      assert.equal(s.stats.storage.initiates + s.stats.storage.multipartInitiates + s.stats.storage.puts, 0);
    } finally {
      await s.close();
    }
  });

  test('warnings are printed; literal names with brackets and globs both work', { timeout: 60_000 }, async () => {
    const s = await sim();
    try {
      const p = await project('brackets');
      const literal = join(p.dir, 'shot[12].kling.json');
      await writeFile(literal, JSON.stringify({ endpoint: T2V, prompt: 'bracketed', duration: '3', aspect_ration: '16:9' }));
      const r = await kling(['generate', 'shot[12].kling.json'], { cwd: p.dir, sim: s }).done;
      assert.equal(r.code, 0, r.out + r.err);
      assert.match(r.err, /shot\[12\]\.kling\.json:1:\d+ warning kling\.\S+ .*aspect_ration/);
      const g = await kling(['validate', 'b*.kling.json', 'shot?12?.kling.json'], { cwd: p.dir }).done;
      assert.match(g.out, /2 files checked/, g.out + g.err);
    } finally {
      await s.close();
    }
  });
});
