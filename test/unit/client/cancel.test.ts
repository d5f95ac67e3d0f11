import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { applyCancelOutcome } from '../../../src/client';
import { type TakeRecord } from '../../../src/takes';
import type { Simulator } from '../../../src/simulator';
import { clientFor, tempDir } from './helpers';
import { testSimulator } from '../../kit/simulator';

const T2V = 'fal-ai/kling-video/v3/pro/text-to-video';
let sim: Simulator;
let tmp: Awaited<ReturnType<typeof tempDir>>;
before(async () => {
  sim = await testSimulator();
  tmp = await tempDir();
});
after(async () => {
  await sim.close();
  await tmp.cleanup();
});

/** Starts a generate and resolves with the record once it reaches `status` (plus the run's promise). */
function startUntil(client: ReturnType<typeof clientFor>, status: string, name: string) {
  let last: TakeRecord | undefined;
  let hit!: (r: TakeRecord) => void;
  const reached = new Promise<TakeRecord>(r => {
    hit = r;
  });
  const run = client.generate(
    { endpointId: T2V, body: { prompt: name, duration: '3' }, outputPath: join(tmp.dir, `${name}.mp4`) },
    {
      onRecord: r => {
        last = r;
        if (r.status === status) hit(r);
      },
    },
  );
  return { reached, run, last: () => last };
}

describe('cancel', () => {
  test('queued → cancelled (removed); the take ends cancelled', async () => {
    // The blocker runs until it is cancelled (below), so the second job stays queued however slow the machine.
    Object.assign(sim.timing, { runners: 1, processingMs: 3_600_000 });
    const client = clientFor(sim);
    const blocker = startUntil(client, 'running', 'blocker');
    await blocker.reached;
    const q = startUntil(client, 'queued', 'queued-one');
    const rec = await q.reached;
    const outcome = await client.cancel(rec);
    assert.equal(outcome, 'cancelled');
    assert.equal(applyCancelOutcome(rec, outcome).status, 'cancelled');
    const final = await q.run;
    assert.equal(final.status, 'cancelled');
    // In progress → cancellation requested; the runner stops and the take ends cancelled.
    const b = await client.cancel(blocker.last()!);
    assert.equal(b, 'cancellation-requested');
    assert.equal(applyCancelOutcome(blocker.last()!, b).status, 'running');
    assert.equal((await blocker.run).status, 'cancelled');
    await client.close();
    Object.assign(sim.timing, { runners: Number.POSITIVE_INFINITY, processingMs: 0 });
  });

  test('in progress with a runner that ignores the signal → requested, and the clip still lands', async () => {
    // Long enough that the cancel always arrives while the job runs (it then runs to its end).
    Object.assign(sim.timing, { processingMs: 2000, cancelInProgress: 'ignored' });
    const client = clientFor(sim);
    const j = startUntil(client, 'running', 'ignored');
    assert.equal(await client.cancel(await j.reached), 'cancellation-requested');
    assert.equal((await j.run).status, 'done');
    await client.close();
    Object.assign(sim.timing, { processingMs: 0, cancelInProgress: 'stops' });
  });

  test('completed → too-late; unknown id → not-found; never submitted → not-submitted', async () => {
    const client = clientFor(sim);
    const done = await client.generate(
      { endpointId: T2V, body: { prompt: 'done', duration: '3' }, outputPath: join(tmp.dir, 'done.mp4') },
      { onRecord: () => {} },
    );
    assert.equal(await client.cancel(done), 'too-late');
    const ghost = { ...done, cancelUrl: done.cancelUrl!.replace(done.requestId!, '00000000-0000-0000-0000-000000000000') };
    assert.equal(await client.cancel(ghost), 'not-found');
    const { cancelUrl: _c, ...unsent } = done;
    assert.equal(await client.cancel({ ...unsent, status: 'submitting' }), 'not-submitted');
    await client.close();
  });
});
