// The paid request id reaches the caller before anything else can fail, and a take is never
// reported done unless its 'done' record was accepted by the journal.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import type { TakeRecord } from '../../../src/takes';
import { clientFor, tempDir } from './helpers';
import { testSimulator } from '../../kit/simulator';

const T2V = 'fal-ai/kling-video/v3/pro/text-to-video';

test('onSubmitted gets the request id before the queued record is journalled', async () => {
  const sim = await testSimulator();
  const { dir, cleanup } = await tempDir();
  const client = clientFor(sim);
  try {
    const events: string[] = [];
    const rec = await client.generate(
      { endpointId: T2V, body: { prompt: 'x', duration: '3' }, outputPath: join(dir, 'a.mp4') },
      {
        onSubmitted: s => events.push(`submitted ${s.requestId} ${s.endpointId}`),
        onRecord: r => {
          events.push(r.status);
        },
      },
    );
    assert.equal(rec.status, 'done');
    assert.deepEqual(events.slice(0, 3), ['submitting', `submitted ${rec.requestId} ${T2V}`, 'queued']);
  } finally {
    await client.close();
    await sim.close();
    await cleanup();
  }
});

test("a 'done' record the journal refuses: the take is not reported done", async () => {
  const sim = await testSimulator();
  const { dir, cleanup } = await tempDir();
  const client = clientFor(sim);
  try {
    const seen: TakeRecord[] = [];
    await assert.rejects(
      client.generate(
        { endpointId: T2V, body: { prompt: 'x', duration: '3' }, outputPath: join(dir, 'a.mp4') },
        {
          onRecord: r => {
            seen.push(r);
            if (r.status === 'done') throw new Error('disk full');
          },
        },
      ),
      /disk full/,
    );
    assert.equal(seen.at(-1)?.status, 'done', 'the done record was offered, and refused');
    assert.equal(sim.stats.submits, 1);
  } finally {
    await client.close();
    await sim.close();
    await cleanup();
  }
});
