// 200 jobs through a hostile network: 10 % dropped connections, 5 % 429/5xx with Retry-After, cut
// SSE streams and truncated downloads. Every clip must land with the simulator's sha256, and the
// simulator must have made exactly 200 jobs (none paid twice).
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { TakeRecord } from '../../../src/takes';
import type { Simulator } from '../../../src/simulator';
import { clientFor, tempDir } from './helpers';
import { testSimulator } from '../../kit/simulator';

let sim: Simulator;
let tmp: Awaited<ReturnType<typeof tempDir>>;
before(async () => {
  sim = await testSimulator({
    timing: { processingMs: 20, logEveryMs: 0 },
    faults: {
      seed: Number(process.env.FAULT_SEED ?? 42),
      dropRate: 0.1,
      errorRate: 0.05,
      errorStatuses: [429, 500, 502, 503, 504],
      retryAfterS: 0.01,
      cutStreamRate: 0.3,
      truncateRate: 0.2,
    },
    // A submit may be answered only with fal's own 429 here: a 5xx on submit is ambiguous (the job
    // may exist), so the client rightly leaves such a take 'unknown' instead of resubmitting.
    submitErrorStatuses: [429],
  });
  tmp = await tempDir();
});
after(async () => {
  await sim.close();
  await tmp.cleanup();
});

test('200 jobs under faults: all clips land, exactly 200 submits', { timeout: 60_000 }, async () => {
  const client = clientFor(sim, { retry: { baseDelayMs: 2, maxDelayMs: 30, maxRetryAfterMs: 30, maxRetries: 8 } });
  const N = 200,
    CONCURRENCY = 16;
  const results: TakeRecord[] = [];
  let next = 0;
  const worker = async () => {
    while (next < N) {
      const i = next++;
      const rec = await client.generate(
        {
          endpointId: i % 2 ? 'fal-ai/kling-video/v3/pro/text-to-video' : 'fal-ai/kling-video/v3/standard/text-to-video',
          body: { prompt: `job ${i}`, duration: String(3 + (i % 3)) },
          outputPath: join(tmp.dir, `clip-${i}.mp4`),
        },
        { onRecord: () => {} },
      );
      results.push(rec);
    }
  };
  await Promise.all(Array.from({ length: CONCURRENCY }, worker));
  await client.close();
  const notDone = results.filter(r => r.status !== 'done');
  assert.deepEqual(
    notDone.map(r => r.error),
    [],
  );
  for (const r of results) {
    const bytes = await readFile(r.clipPath!);
    assert.equal(createHash('sha256').update(bytes).digest('hex'), sim.clipSha256(r.requestId!));
    assert.equal(r.sha256, sim.clipSha256(r.requestId!));
  }
  assert.equal(sim.stats.submits, N);
  // The faults really happened.
  assert.ok(sim.stats.dropped > 20, `dropped ${sim.stats.dropped}`);
  assert.ok(sim.stats.injectedErrors > 10, `errors ${sim.stats.injectedErrors}`);
  assert.ok(sim.stats.cutStreams > 10, `cut ${sim.stats.cutStreams}`);
  assert.ok(sim.stats.storage.truncated > 10, `truncated ${sim.stats.storage.truncated}`);
  assert.equal(sim.stats.authOnCdn, 0);
});
