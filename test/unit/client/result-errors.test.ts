// A completed, paid job is never written off because of a temporary server error on the result
// call, and a 422 detail of any shape still ends in a readable, journal-valid 'failed' record.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { isFinal, readTakeRecord, takePaths, TakeRecordSchema, writeTakeRecord, type TakeRecord } from '../../../src/takes';
import { parseDetail } from '../../../src/client/queue';
import type { Simulator } from '../../../src/simulator';
import { clientFor, FAST_RETRY, tempDir } from './helpers';
import { testSimulator } from '../../kit/simulator';

const T2V = 'fal-ai/kling-video/v3/pro/text-to-video';
let tmp: Awaited<ReturnType<typeof tempDir>>;
before(async () => {
  tmp = await tempDir();
});
after(async () => {
  await tmp.cleanup();
});
const sha = (b: Buffer) => createHash('sha256').update(b).digest('hex');

describe('result call: temporary errors keep the take resumable', () => {
  for (const status of [503, 500]) {
    test(`${status} on the result beyond the retries → non-final record; resume lands the clip with one submit`, async () => {
      const sim = await testSimulator({ faults: { errorRate: 1, errorRoutes: ['result'], errorStatuses: [status], retryAfterS: 0.001 } });
      try {
        const { clipPath, recordPath } = takePaths(tmp.dir, `r${status}.kling.json`);
        const client = clientFor(sim, { retry: { ...FAST_RETRY, readMaxRetries: 3 } });
        const onRecord = (r: TakeRecord) => writeTakeRecord(recordPath, r);
        await assert.rejects(
          client.generate({ endpointId: T2V, body: { prompt: 'paid', duration: '3' }, outputPath: clipPath }, { onRecord }),
          (e: { kind?: string; status?: number }) => e.kind === 'http' && e.status === status,
        );
        const saved = await readTakeRecord(recordPath);
        assert.equal(isFinal(saved), false, `status ${saved.status} must stay resumable`);
        assert.ok(['queued', 'running'].includes(saved.status), saved.status);
        assert.ok(saved.requestId && sim.job(saved.requestId)?.state === 'COMPLETED');
        assert.ok(sim.stats.resultCalls === 0, 'injected errors answer before the result handler');
        assert.ok(sim.stats.injectedErrors >= 4, `retried: ${sim.stats.injectedErrors}`);

        // Later (the server recovered): resume the saved record.
        sim.faults.errorRate = 0;
        const done = await client.resume(saved, { onRecord });
        await client.close();
        assert.equal(done.status, 'done', JSON.stringify(done.error));
        assert.equal((await readTakeRecord(recordPath)).status, 'done');
        assert.equal(sha(await readFile(clipPath)), sim.clipSha256(saved.requestId!));
        assert.equal(sim.stats.submits, 1);
        assert.equal(sim.stats.submitAttempts, 1);
      } finally {
        await sim.close();
      }
    });
  }

  test('an unreadable result reply (protocol) does not end the take', async () => {
    const sim = await testSimulator({ outcome: () => ({ status: 200, body: { not: 'a video' }, headers: {} }) });
    try {
      const { clipPath, recordPath } = takePaths(tmp.dir, 'proto.kling.json');
      const client = clientFor(sim);
      await assert.rejects(
        client.generate(
          { endpointId: T2V, body: { prompt: 'p', duration: '3' }, outputPath: clipPath },
          { onRecord: r => writeTakeRecord(recordPath, r) },
        ),
        { kind: 'protocol' },
      );
      await client.close();
      assert.equal(isFinal(await readTakeRecord(recordPath)), false);
      assert.equal(sim.stats.submits, 1);
    } finally {
      await sim.close();
    }
  });
});

describe('422 detail of any shape', () => {
  test('parseDetail: null items, bad loc/msg/type, a string, an object, an empty array', () => {
    assert.deepEqual(parseDetail([null, { loc: [{}], msg: 5 }]), [
      { loc: ['body'], msg: 'null', type: 'unknown' },
      { loc: ['body'], msg: '{"loc":[{}],"msg":5}', type: 'unknown' },
    ]);
    assert.deepEqual(parseDetail([{ loc: ['body', 'prompt', 0], msg: 'too long', type: 'string_too_long' }]), [
      { loc: ['body', 'prompt', 0], msg: 'too long', type: 'string_too_long' },
    ]);
    assert.deepEqual(parseDetail([{ loc: 'body', msg: 'x', type: 7 }]), [{ loc: ['body'], msg: 'x', type: 'unknown' }]);
    assert.deepEqual(parseDetail('prompt is required'), [{ loc: ['body'], msg: 'prompt is required', type: 'value_error' }]);
    assert.deepEqual(parseDetail({ why: 'no' }), [{ loc: ['body'], msg: '{"why":"no"}', type: 'value_error' }]);
    assert.deepEqual(parseDetail(undefined), [{ loc: ['body'], msg: 'Invalid request', type: 'value_error' }]);
    assert.deepEqual(parseDetail([]), [{ loc: ['body'], msg: 'Invalid request', type: 'value_error' }]);
    assert.deepEqual(
      parseDetail([{ msg: 'has sk-secret' }], s => s.replace('sk-secret', '***')),
      [{ loc: ['body'], msg: 'has ***', type: 'unknown' }],
    );
    for (const raw of [[null], [{ loc: [{}], msg: {} }], 'x', 42, [[1]]]) {
      const detail = parseDetail(raw);
      assert.ok(TakeRecordSchema.shape.error.unwrap().shape.detail.safeParse(detail).success, JSON.stringify(raw));
    }
  });

  for (const detail of [[null, { loc: [{}], msg: 5 }], 'the prompt was refused']) {
    test(`a 422 with detail ${JSON.stringify(detail)} → a written, failed record with readable detail`, async () => {
      const sim: Simulator = await testSimulator({ outcome: () => ({ status: 422, body: { detail }, headers: {} }) });
      try {
        const { clipPath, recordPath } = takePaths(tmp.dir, `v${typeof detail}.kling.json`);
        const client = clientFor(sim);
        const rec = await client.generate(
          { endpointId: T2V, body: { prompt: 'p', duration: '3' }, outputPath: clipPath },
          { onRecord: r => writeTakeRecord(recordPath, r) },
        );
        await client.close();
        assert.equal(rec.status, 'failed');
        assert.equal(rec.error?.kind, 'validation');
        const saved = await readTakeRecord(recordPath);
        assert.equal(saved.status, 'failed');
        assert.equal(saved.error?.kind, 'validation');
        assert.ok(saved.error?.detail?.length);
        for (const d of saved.error!.detail!) assert.ok(d.msg.length > 0 && d.msg !== 'undefined' && d.msg !== '[object Object]', d.msg);
        if (typeof detail === 'string') assert.match(saved.error!.message, /the prompt was refused/);
        else assert.match(saved.error!.message, /body: null; body: \{"loc":\[\{\}\],"msg":5\}/);
        assert.equal(sim.stats.submits, 1);
      } finally {
        await sim.close();
      }
    });
  }
});
