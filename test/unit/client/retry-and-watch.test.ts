// Retries that can never pay twice, Retry-After, SSE reconnects and the polling fallback, expiry.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { createServer } from 'node:net';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { backoffMs, DEFAULT_RETRY, isConnectFailure, isTransientNetworkError, parseRetryAfter } from '../../../src/client/retry';
import type { Simulator } from '../../../src/simulator';
import { captureLogger, clientFor, FAST_RETRY, tempDir } from './helpers';
import { testSimulator } from '../../kit/simulator';
import { waitFor } from '../../kit/wait-for';

const T2V = 'fal-ai/kling-video/v3/pro/text-to-video';
const body = { prompt: 'retry', duration: '3' };
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
const out = (n: string) => join(tmp.dir, `${n}.mp4`);
const noop = { onRecord: () => {} };

describe('retry policy', () => {
  test('backoff grows ×2 within ±25 %, capped; Retry-After as seconds or date', () => {
    for (let a = 0; a < 8; a++) {
      const d = backoffMs(a, DEFAULT_RETRY);
      const exp = Math.min(1000 * 2 ** a, 30_000);
      assert.ok(d >= exp * 0.75 && d <= exp * 1.25, `${a}: ${d}`);
    }
    assert.equal(parseRetryAfter('3'), 3000);
    assert.equal(parseRetryAfter(new Date(Date.now() + 5000).toUTCString(), Date.now()) !== undefined, true);
    assert.equal(parseRetryAfter('soon'), undefined);
  });

  test('connect failures are told apart from resets', () => {
    assert.equal(isConnectFailure(Object.assign(new Error('x'), { code: 'ECONNREFUSED' })), true);
    assert.equal(
      isConnectFailure(new TypeError('fetch failed', { cause: Object.assign(new Error('x'), { code: 'UND_ERR_CONNECT_TIMEOUT' }) })),
      true,
    );
    assert.equal(isConnectFailure(Object.assign(new Error('x'), { code: 'ECONNRESET' })), false);
    assert.equal(isConnectFailure(Object.assign(new Error('x'), { code: 'UND_ERR_SOCKET' })), false);
    assert.equal(isTransientNetworkError(Object.assign(new Error('x'), { code: 'UND_ERR_SOCKET' })), true);
    assert.equal(isTransientNetworkError(Object.assign(new Error('x'), { name: 'AbortError' })), false);
  });
});

describe('submit never pays twice', () => {
  test('connection refused → retried until the server is up; exactly one job', async () => {
    const probe = createServer();
    await new Promise<void>(r => probe.listen(0, '127.0.0.1', r));
    const port = (probe.address() as AddressInfo).port;
    await new Promise(r => probe.close(r));
    let late: Simulator | undefined;
    let starting: Promise<void> | undefined;
    const logger = captureLogger().logger;
    logger.warn = m => {
      // The first refused connect has been retried: only now does the server come up.
      if (/^Submit retry/.test(m)) {
        starting ??= testSimulator({ port }).then(s => {
          late = s;
        });
      }
    };
    // Retries are not what is counted here, so they are not what ends the test: the client keeps
    // trying until the late server answers, however long a loaded machine takes to start it.
    const client = clientFor({ url: `http://127.0.0.1:${port}` } as Simulator, {
      retry: { ...FAST_RETRY, baseDelayMs: 20, maxDelayMs: 200, maxRetries: 1_000_000 },
      logger,
    });
    try {
      const rec = await client.generate({ endpointId: T2V, body, outputPath: out('refused') }, noop);
      await starting;
      assert.equal(rec.status, 'done', JSON.stringify(rec.error));
      assert.equal(late!.stats.submits, 1);
    } finally {
      // A server left listening keeps this file's process alive, and the runner waits on it.
      await client.close();
      await starting;
      await late?.close();
    }
  });

  test('reset after the job was created → unknown, not retried', async () => {
    const s = await testSimulator({ faults: { dropRate: 1, dropRoutes: ['submit'], submitDropMode: 'after-create' } });
    const client = clientFor(s);
    const rec = await client.generate({ endpointId: T2V, body, outputPath: out('reset') }, noop);
    await client.close();
    assert.equal(rec.status, 'unknown');
    assert.equal(rec.error?.kind, 'submit-uncertain');
    assert.equal(s.stats.submitAttempts, 1);
    assert.equal(s.stats.submits, 1);
    await s.close();
  });

  test('502/504 on submit → unknown, not retried', async () => {
    const s = await testSimulator({ faults: { errorRate: 1, errorRoutes: ['submit'] }, submitErrorStatuses: [504] });
    const client = clientFor(s);
    const rec = await client.generate({ endpointId: T2V, body, outputPath: out('504') }, noop);
    await client.close();
    assert.equal(rec.status, 'unknown');
    assert.equal(s.stats.submitAttempts, 1);
    await s.close();
  });

  test('503 on submit (a gateway may have forwarded it) → unknown, not retried', async () => {
    const s = await testSimulator({
      faults: { errorRate: 1, errorRoutes: ['submit'], errorStatuses: [503], retryAfterS: 0.01 },
      submitErrorStatuses: [503],
    });
    const client = clientFor(s);
    const records: string[] = [];
    const rec = await client.generate(
      { endpointId: T2V, body, outputPath: out('503') },
      {
        onRecord: r => {
          records.push(r.status);
        },
      },
    );
    await client.close();
    assert.equal(rec.status, 'unknown');
    assert.equal(rec.error?.kind, 'submit-uncertain');
    assert.equal(rec.error?.status, 503);
    assert.deepEqual(records, ['submitting', 'unknown']);
    assert.equal(s.stats.submitAttempts, 1);
    await s.close();
  });

  test('429 with Retry-After is honoured, then one job is made', async t => {
    const s = await testSimulator({
      faults: { errorRate: 1, errorRoutes: ['submit'], errorStatuses: [429], retryAfterS: 0.25 },
      submitErrorStatuses: [429],
    });
    // Closed even when an assertion fails, or the open server keeps the test file from ending.
    t.after(() => s.close());
    const delays: number[] = [];
    const logger = captureLogger().logger;
    logger.warn = m => {
      const retry = /^Submit retry \d+ in (\d+) ms/.exec(m);
      if (retry) {
        delays.push(Number(retry[1]));
        // The client has its 429 and is about to wait: the next attempt goes through.
        s.faults.errorRate = 0;
      }
    };
    const client = clientFor(s, { retry: { ...FAST_RETRY, maxRetryAfterMs: 2000 }, logger });
    const rec = await client.generate({ endpointId: T2V, body, outputPath: out('429') }, noop);
    await client.close();
    assert.equal(rec.status, 'done');
    // FAST_RETRY's own backoff is a few ms: a wait of 250 ms can only come from the Retry-After.
    assert.deepEqual(delays, [250], 'Retry-After was not honoured');
    assert.equal(s.stats.submitAttempts, 2, 'the 429 was retried once');
    assert.equal(s.stats.submits, 1);
  });

  test('an abort while submitting still records the request id', async t => {
    const s = await testSimulator({ timing: { processingMs: 5000 } });
    t.after(() => s.close());
    // The submit waits at the simulator (before its job exists) until the test lets it go.
    s.submitFaults.hold = 'before-create';
    const client = clientFor(s);
    const ac = new AbortController();
    let last: { status: string; requestId?: string } | undefined;
    const running = client.generate(
      { endpointId: T2V, body, outputPath: out('abort') },
      {
        onRecord: r => {
          last = r;
        },
        signal: ac.signal,
      },
    );
    await waitFor('the submit is held at the simulator', () => s.submitFaults.held === 1);
    ac.abort();
    s.submitFaults.release();
    await assert.rejects(running, { kind: 'aborted' });
    await client.close();
    assert.equal(last?.status, 'queued');
    assert.ok(last?.requestId && s.job(last.requestId));
  });
});

describe('watching', () => {
  test('SSE: keep-alive comments keep one stream; silence makes the client reconnect', async () => {
    // Keep-alives 50× more often than the silence limit: only a stalled process could miss one.
    const s = await testSimulator({ timing: { processingMs: 500, keepAliveMs: 20 } });
    const patient = clientFor(s, { watch: { silenceMs: 1000 } });
    assert.equal((await patient.generate({ endpointId: T2V, body, outputPath: out('ka') }, noop)).status, 'done');
    await patient.close();
    assert.equal(s.stats.streamCalls, 1);
    // No keep-alive at all: a job longer than the silence limit makes the client reconnect.
    s.timing.keepAliveMs = 60_000;
    const before = s.stats.streamCalls;
    const impatient = clientFor(s, { watch: { silenceMs: 100 } });
    assert.equal((await impatient.generate({ endpointId: T2V, body, outputPath: out('silent') }, noop)).status, 'done');
    await impatient.close();
    assert.ok(s.stats.streamCalls - before >= 2, `reconnects: ${s.stats.streamCalls - before}`);
    await s.close();
  });

  test('cut streams are reconnected; a failing stream endpoint falls back to polling', async () => {
    // Reconnects come about 100 ms apart: a second's job sees several cuts even on a busy machine.
    const s = await testSimulator({ timing: { processingMs: 1000, logEveryMs: 50 }, faults: { cutStreamRate: 1 } });
    const client = clientFor(s);
    assert.equal((await client.generate({ endpointId: T2V, body, outputPath: out('cut') }, noop)).status, 'done');
    assert.ok(s.stats.cutStreams >= 2, `cut streams: ${s.stats.cutStreams}`);
    s.timing.processingMs = 300;
    Object.assign(s.faults, { cutStreamRate: 0, errorRate: 1, errorRoutes: ['stream'], errorStatuses: [503] });
    const progress: string[] = [];
    const rec = await client.generate(
      { endpointId: T2V, body, outputPath: out('poll') },
      {
        ...noop,
        onProgress: p => {
          if (p.newLogs) progress.push(...p.newLogs.map(l => l.message));
        },
      },
    );
    assert.equal(rec.status, 'done');
    assert.ok(s.stats.statusCalls >= 1);
    assert.ok(
      progress.some(m => m.startsWith('Generating')),
      'log lines reported while polling',
    );
    assert.equal(new Set(progress).size, progress.length, 'each log line reported once');
    await client.close();
    await s.close();
  });

  test('an expired result → failed with result-expired', async () => {
    const s = await testSimulator({ faults: { expireResults: true } });
    const client = clientFor(s);
    const rec = await client.generate({ endpointId: T2V, body, outputPath: out('expired') }, noop);
    await client.close();
    await s.close();
    assert.equal(rec.status, 'failed');
    assert.equal(rec.error?.kind, 'result-expired');
  });
});

describe('queue scenarios', () => {
  test('queue length: positions count down and reach the caller', async () => {
    const s = await testSimulator({ timing: { queueAhead: 3, queueStepMs: 200, processingMs: 400, logEveryMs: 100, speed: 4 } });
    const client = clientFor(s);
    const positions: number[] = [];
    const rec = await client.generate(
      { endpointId: T2V, body, outputPath: out('queue') },
      {
        onRecord: () => {},
        onProgress: p => {
          if (p.queuePosition !== undefined && positions.at(-1) !== p.queuePosition) positions.push(p.queuePosition);
        },
      },
    );
    await client.close();
    await s.close();
    assert.equal(rec.status, 'done');
    assert.deepEqual(positions, [3, 2, 1, 0]);
  });
});
