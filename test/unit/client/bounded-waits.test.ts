// Status and result calls that never answer or redirect forever end in a clear, recorded error
// within the retry budget instead of an hour of silence, and a waiting take says what it waits for.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { FalError, type Progress } from '../../../src/client';
import { isFinal, readTakeRecord } from '../../../src/takes';
import { clientFor, FAST_RETRY, FAST_WATCH, journalledJob, tempDir } from './helpers';
import { testSimulator } from '../../kit/simulator';

let tmp: Awaited<ReturnType<typeof tempDir>>;
before(async () => {
  tmp = await tempDir();
});
after(async () => {
  await tmp.cleanup();
});
const job = (name: string) => journalledJob(tmp.dir, name);

describe('bounded waits', () => {
  test('a status URL that never answers: each call times out, the timeouts spend the retry budget, the watch stops and says why', async () => {
    const sim = await testSimulator({ faults: { hangRoutes: ['status', 'stream'] } });
    const client = clientFor(sim, {
      callTimeoutMs: 50,
      retry: { ...FAST_RETRY, readMaxRetries: 2 },
      watch: { ...FAST_WATCH, silenceMs: 50 },
    });
    const j = job('status-hangs');
    try {
      await assert.rejects(client.generate(j.input, { onRecord: j.onRecord }), (e: unknown) => {
        assert.ok(e instanceof FalError, String(e));
        assert.equal(e.kind, 'timeout');
        assert.match(e.message, /Status: fal did not answer the status request within 50 ms \(3 attempts\); stopped waiting/);
        return true;
      });
      const saved = await readTakeRecord(j.recordPath);
      assert.equal(isFinal(saved), false, saved.status);
      assert.equal(saved.error?.kind, 'timeout');
      assert.ok(sim.stats.hung >= 3, `hung calls: ${sim.stats.hung}`);
      assert.equal(sim.stats.statusCalls, 0);
    } finally {
      await client.close();
      await sim.close();
    }
  });

  test('a result call that never answers: retried within the read budget, then a resumable take that says why', async () => {
    const sim = await testSimulator({ faults: { hangRoutes: ['result'] } });
    const client = clientFor(sim, { callTimeoutMs: 50, retry: { ...FAST_RETRY, readMaxRetries: 2 } });
    const j = job('result-hangs');
    try {
      await assert.rejects(client.generate(j.input, { onRecord: j.onRecord }), { kind: 'timeout' });
      assert.equal(sim.stats.hung, 3, 'one call and its two retries');
      const saved = await readTakeRecord(j.recordPath);
      assert.equal(isFinal(saved), false);
      assert.match(saved.error?.message ?? '', /Result: fal did not answer the result request within 50 ms \(3 attempts\)/);
      sim.faults.hangRoutes = [];
      assert.equal((await client.resume(saved, { onRecord: j.onRecord })).status, 'done');
      assert.equal(sim.stats.submits, 1);
    } finally {
      await client.close();
      await sim.close();
    }
  });

  for (const route of ['status', 'result'] as const) {
    test(`a 307 loop on the ${route} call: at most 5 redirects, then a clear error in the record`, async () => {
      const sim = await testSimulator({ faults: { redirectRoutes: route === 'status' ? ['status', 'stream'] : ['result'] } });
      const client = clientFor(sim);
      const j = job(`redirect-${route}`);
      try {
        await assert.rejects(client.generate(j.input, { onRecord: j.onRecord }), (e: unknown) => {
          assert.ok(e instanceof FalError, String(e));
          assert.equal(e.kind, 'protocol');
          const what = route === 'status' ? 'Status' : 'Result';
          assert.match(e.message, new RegExp(`^${what}: fal redirected the request more than 5 times \\(last: HTTP 307 to `));
          return true;
        });
        const saved = await readTakeRecord(j.recordPath);
        assert.equal(isFinal(saved), false);
        assert.match(saved.error?.message ?? '', /redirected the request more than 5 times/);
      } finally {
        await client.close();
        await sim.close();
      }
    });
  }

  test('while the watch waits, progress says what for and how long, every waitingReportMs', async () => {
    const sim = await testSimulator({ faults: { hangRoutes: ['status', 'stream'] } });
    const client = clientFor(sim, { waitingReportMs: 20 });
    const j = job('waiting');
    const ac = new AbortController();
    const waiting: Progress[] = [];
    let seen!: () => void;
    const twice = new Promise<void>(r => (seen = r));
    try {
      const run = client.generate(j.input, {
        onRecord: j.onRecord,
        signal: ac.signal,
        onProgress: p => {
          if (p.waiting === undefined) return;
          waiting.push(p);
          if (waiting.length === 2) seen();
        },
      });
      await twice;
      ac.abort();
      await assert.rejects(run, { kind: 'aborted' });
      for (const p of waiting) {
        assert.ok(p.phase === 'queued' || p.phase === 'running', p.phase);
        assert.match(p.waiting!, /^fal to finish request [\w-]+ \(no status yet\), \d+ s so far$/);
      }
    } finally {
      await client.close();
      await sim.close();
    }
  });
});
