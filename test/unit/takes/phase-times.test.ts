// Phase stamps of a take (when it was queued, running, downloading, done) ride in the journal's own
// writes, and the lengths of the phases come from them; old records without stamps still read.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { applyCancelOutcome } from '../../../src/client';
import {
  phaseDurations,
  readTakeRecord,
  stampPhase,
  takePaths,
  TakeRecordSchema,
  writeTakeRecord,
  type TakeRecord,
} from '../../../src/takes';
import type { Simulator } from '../../../src/simulator';
import { clientFor, recorder, tempDir } from '../client/helpers';
import { testSimulator } from '../../kit/simulator';

const T0 = '2026-03-01T10:00:00.000Z';
function rec(extra: Partial<TakeRecord> = {}): TakeRecord {
  return {
    version: 1,
    id: 'take-1',
    endpointId: 'fal-ai/kling-video/v3/pro/text-to-video',
    body: { prompt: 'a lantern' },
    status: 'submitting',
    createdAt: T0,
    updatedAt: T0,
    ...extra,
  };
}

describe('phase stamps (pure)', () => {
  test('a new status is stamped once, at the update; submitting and repeats are not', () => {
    const a = rec();
    assert.equal(stampPhase(undefined, a).phaseAt, undefined, 'submitting starts at createdAt, no stamp');
    const q = stampPhase(a, { ...a, status: 'queued', updatedAt: '2026-03-01T10:00:01.000Z' });
    assert.deepEqual(q.phaseAt, { queued: '2026-03-01T10:00:01.000Z' });
    const again = stampPhase(q, { ...q, updatedAt: '2026-03-01T10:00:09.000Z' });
    assert.deepEqual(again.phaseAt, { queued: '2026-03-01T10:00:01.000Z' }, 'same status: unchanged');
    const r = stampPhase(q, { ...q, status: 'running', updatedAt: '2026-03-01T10:00:04.000Z' });
    // A take resumed while running keeps the moment it first started running.
    const resumed = stampPhase({ status: 'queued' }, { ...r, updatedAt: '2026-03-01T10:05:00.000Z' });
    assert.deepEqual(resumed.phaseAt, { queued: '2026-03-01T10:00:01.000Z', running: '2026-03-01T10:00:04.000Z' });
  });

  test('durations: each phase ends where a later one begins', () => {
    const phaseAt = {
      queued: '2026-03-01T10:00:01.000Z',
      running: '2026-03-01T10:00:05.000Z',
      downloading: '2026-03-01T10:01:07.000Z',
      done: '2026-03-01T10:01:08.000Z',
    };
    assert.deepEqual(phaseDurations({ phaseAt }), { queued: 4000, running: 62_000, downloading: 1000 });
    // Finished before we saw it run: the whole wait counts as queued.
    assert.deepEqual(phaseDurations({ phaseAt: { queued: phaseAt.queued, downloading: phaseAt.downloading, done: phaseAt.done } }), {
      queued: 66_000,
      downloading: 1000,
    });
    // Still running: only the finished phases have a length.
    assert.deepEqual(phaseDurations({ phaseAt: { queued: phaseAt.queued, running: phaseAt.running } }), { queued: 4000 });
    // Failed while queued.
    assert.deepEqual(phaseDurations({ phaseAt: { queued: phaseAt.queued, failed: '2026-03-01T10:00:03.500Z' } }), { queued: 2500 });
  });

  test('records from before the stamps: queued from submittedAt to completedAt, download unknown', () => {
    assert.deepEqual(phaseDurations({ submittedAt: '2026-03-01T10:00:01.000Z', completedAt: '2026-03-01T10:00:31.000Z' }), {
      queued: 30_000,
    });
    assert.deepEqual(phaseDurations({}), {});
    const old = TakeRecordSchema.parse(rec({ status: 'done' }));
    assert.equal(old.phaseAt, undefined, 'the field is optional');
    assert.throws(() => TakeRecordSchema.parse({ ...rec(), phaseAt: { queued: 5 } }), /phaseAt/);
  });

  test('a cancel that ends the take stamps it', () => {
    const q = rec({ status: 'queued', cancelUrl: 'http://127.0.0.1:1/c', phaseAt: { queued: T0 } });
    const c = applyCancelOutcome(q, 'cancelled', new Date('2026-03-01T10:00:02.000Z'));
    assert.deepEqual(c.phaseAt, { queued: T0, cancelled: '2026-03-01T10:00:02.000Z' });
    assert.deepEqual(phaseDurations(c), { queued: 2000 });
  });
});

describe('phase stamps on a simulator run', () => {
  let sim: Simulator;
  let tmp: Awaited<ReturnType<typeof tempDir>>;
  before(async () => {
    // In the queue and running long enough that the watch sees both states even on a busy machine.
    sim = await testSimulator({ timing: { queueDelayMs: 300, processingMs: 2000, logEveryMs: 0 } });
    tmp = await tempDir();
  });
  after(async () => {
    await sim.close();
    await tmp.cleanup();
  });

  test('each status change carries its stamp in the same write; the record on disk has them all', async () => {
    const client = clientFor(sim);
    const { clipPath, recordPath } = takePaths(tmp.dir, 'lantern.kling.json');
    const { records, onRecord } = recorder();
    const final = await client.generate(
      { endpointId: 'fal-ai/kling-video/v3/pro/text-to-video', body: { prompt: 'a lantern', duration: '3' }, outputPath: clipPath },
      {
        onRecord: async r => {
          onRecord(r);
          await writeTakeRecord(recordPath, r);
        },
      },
    );
    await client.close();
    assert.equal(final.status, 'done', JSON.stringify(final.error));
    const statuses = records.map(r => r.status).filter((s, i, a) => a[i - 1] !== s);
    assert.deepEqual(statuses, ['submitting', 'queued', 'running', 'downloading', 'done']);
    for (const [i, r] of records.entries()) {
      const prev = records[i - 1];
      if (r.status === 'submitting' || r.status === 'reserved') {
        assert.equal(r.phaseAt, undefined);
      } else if (prev?.status !== r.status) {
        // The write that records the new status is the one that stamps it: no write of its own.
        assert.equal(r.phaseAt?.[r.status], r.updatedAt, `${r.status} stamped in its own write`);
      } else {
        assert.deepEqual(r.phaseAt, prev.phaseAt, 'a write within one status keeps the stamps');
      }
    }
    const onDisk = await readTakeRecord(recordPath);
    const at = onDisk.phaseAt!;
    assert.equal(at.queued, onDisk.submittedAt);
    assert.equal(at.downloading, onDisk.completedAt);
    const ms = (a: string | undefined, b: string | undefined) => Date.parse(b!) - Date.parse(a!);
    assert.deepEqual(phaseDurations(onDisk), {
      queued: ms(at.queued, at.running),
      running: ms(at.running, at.downloading),
      downloading: ms(at.downloading, at.done),
    });
    for (const v of Object.values(phaseDurations(onDisk))) assert.ok(v >= 0);
  });
});
