// x-fal-billable-units is read strictly: a header that is no amount (an exponent, hex, a sign,
// Infinity, trailing text, far beyond the request) is recorded as unreadable, never billed.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { readTakeRecord } from '../../../src/takes';
import type { Simulator } from '../../../src/simulator';
import { captureLogger, clientFor, journalledJob, tempDir } from './helpers';
import { testSimulator } from '../../kit/simulator';

let tmp: Awaited<ReturnType<typeof tempDir>>;
before(async () => {
  tmp = await tempDir();
});
after(async () => {
  await tmp.cleanup();
});
const job = (name: string) => journalledJob(tmp.dir, name);

describe('billed amount read strictly', () => {
  let sim: Simulator;
  before(async () => {
    sim = await testSimulator();
  });
  after(() => sim.close());

  for (const raw of ['1e300', '0x10', '-1', 'Infinity', '12abc', '31']) {
    test(`x-fal-billable-units: ${raw} → "billed amount unreadable" on the record, the estimate stays the cost`, async () => {
      sim.faults.billableUnitsHeader = raw;
      const log = captureLogger();
      const client = clientFor(sim, { logger: log.logger });
      const j = job(`units-${raw}`);
      try {
        const rec = await client.generate(j.input, { onRecord: j.onRecord });
        assert.equal(rec.status, 'done', JSON.stringify(rec.error));
        const saved = await readTakeRecord(j.recordPath);
        assert.equal(saved.billedUsd, undefined, 'no billed amount from an unreadable header');
        assert.equal(saved.billableUnits, undefined);
        assert.equal(saved.billingMismatch, undefined);
        assert.equal(saved.costEstimateUsd, 0.504);
        assert.equal(saved.billingUnreadable?.header, raw);
        assert.match(saved.billingUnreadable?.message ?? '', /billed amount is unreadable \(x-fal-billable-units: .*\)/);
        assert.ok(
          log.lines.some(l => l.includes('billed amount is unreadable') && l.includes(raw)),
          log.lines.join('\n'),
        );
      } finally {
        await client.close();
        sim.faults.billableUnitsHeader = undefined;
      }
    });
  }

  test('a plain decimal within the request is billed as before', async () => {
    sim.faults.billableUnitsHeader = ' 3 ';
    const client = clientFor(sim);
    const j = job('units-plain');
    try {
      const rec = await client.generate(j.input, { onRecord: j.onRecord });
      assert.equal(rec.status, 'done');
      const saved = await readTakeRecord(j.recordPath);
      assert.equal(saved.billableUnits, 3);
      assert.equal(saved.billedUsd, 0.504);
      assert.equal(saved.billingUnreadable, undefined);
    } finally {
      await client.close();
      sim.faults.billableUnitsHeader = undefined;
    }
  });
});
