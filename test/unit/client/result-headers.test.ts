// A result reply whose headers undici cannot read (larger than its 16 KB) is a clear error in the
// take record, and the paid take stays resumable.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { FalError } from '../../../src/client';
import { isFinal, readTakeRecord } from '../../../src/takes';
import { clientFor, journalledJob, tempDir } from './helpers';
import { testSimulator } from '../../kit/simulator';

let tmp: Awaited<ReturnType<typeof tempDir>>;
before(async () => {
  tmp = await tempDir();
});
after(async () => {
  await tmp.cleanup();
});
const job = (name: string) => journalledJob(tmp.dir, name);

describe('a result reply with headers too large to read', () => {
  test('100 KB of headers: a clear FalError, in the record, the take resumable; resume lands it with one submit', async () => {
    const sim = await testSimulator({ faults: { resultHeaderBytes: 100 * 1024 } });
    const client = clientFor(sim);
    const j = job('overflow');
    try {
      await assert.rejects(client.generate(j.input, { onRecord: j.onRecord }), (e: unknown) => {
        assert.ok(e instanceof FalError, String(e));
        assert.equal(e.kind, 'protocol');
        assert.match(e.message, /fal's reply to the result request had headers larger than undici allows \(16 KB\)/);
        return true;
      });
      const saved = await readTakeRecord(j.recordPath);
      assert.equal(isFinal(saved), false, `a paid job stays resumable, not ${saved.status}`);
      assert.equal(saved.error?.kind, 'protocol');
      assert.match(saved.error?.message ?? '', /headers larger than undici allows/);
      assert.ok(saved.requestId && sim.job(saved.requestId)?.state === 'COMPLETED');

      sim.faults.resultHeaderBytes = 0;
      const done = await client.resume(saved, { onRecord: j.onRecord });
      assert.equal(done.status, 'done', JSON.stringify(done.error));
      const landed = await readTakeRecord(j.recordPath);
      assert.equal(landed.status, 'done');
      assert.equal(landed.error, undefined, 'the old error is gone once the take lands');
      assert.equal(sim.stats.submits, 1);
    } finally {
      await client.close();
      await sim.close();
    }
  });
});
