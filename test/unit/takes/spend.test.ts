import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { readSpendRecords, readTakeRecord, takePaths, writeTakeRecord, type TakeRecord } from '../../../src/takes';
import type { Simulator } from '../../../src/simulator';
import { captureLogger, clientFor, tempDir } from '../client/helpers';
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

async function generateOne(name: string, log = captureLogger()): Promise<TakeRecord> {
  const client = clientFor(sim, { logger: log.logger });
  const paths = takePaths(join(tmp.dir, name), join(tmp.dir, `${name}.kling.json`));
  try {
    return await client.generate(
      {
        endpointId: T2V,
        body: { prompt: 'a fox', duration: '3' },
        outputPath: paths.clipPath,
        costEstimateUsd: 0.504,
        pricePerSecondUsd: 0.168,
        provider: 'fal',
      },
      { onRecord: r => writeTakeRecord(paths.recordPath, r) },
    );
  } finally {
    await client.close();
  }
}

describe('billed amount from x-fal-billable-units', () => {
  test('the simulator bills the clip seconds; the record keeps units, USD and the estimate', async () => {
    sim.faults.billableUnitsFactor = 1;
    const rec = await generateOne('billed');
    assert.equal(rec.status, 'done');
    assert.equal(rec.billableUnits, 3);
    assert.equal(rec.billedUsd, 0.504);
    assert.equal(rec.costEstimateUsd, 0.504);
    assert.equal(rec.provider, 'fal');
    assert.equal(rec.billingMismatch, undefined);
  });

  test('billed more than 10% off the estimate: the take and the log say so', async () => {
    sim.faults.billableUnitsFactor = 2;
    const log = captureLogger();
    const rec = await generateOne('stale', log);
    assert.equal(rec.billedUsd, 1.008);
    assert.match(
      rec.billingMismatch?.message ?? '',
      /fal billed \$1\.01 where \$0\.50 was estimated \(\+100%\): the price table may be stale/,
    );
    assert.ok(log.lines.some(l => l.includes('the price table may be stale')));
  });

  test('no header: no billed amount, the estimate stands', async () => {
    sim.faults.billableUnitsFactor = undefined;
    const rec = await generateOne('unbilled');
    assert.equal(rec.status, 'done');
    assert.equal(rec.billableUnits, undefined);
    assert.equal(rec.billedUsd, undefined);
    sim.faults.billableUnitsFactor = 1;
  });

  test('without a stored price (older records resumed) the rate comes from estimate / seconds', async () => {
    const client = clientFor(sim);
    const paths = takePaths(join(tmp.dir, 'rate'), join(tmp.dir, 'rate.kling.json'));
    try {
      const rec = await client.generate(
        { endpointId: T2V, body: { prompt: 'a fox', duration: '5' }, outputPath: paths.clipPath, costEstimateUsd: 0.84 },
        { onRecord: r => writeTakeRecord(paths.recordPath, r) },
      );
      assert.equal(rec.billedUsd, 0.84);
    } finally {
      await client.close();
    }
  });
});

test('readSpendRecords: every *.take.json below the folders, unreadable ones reported apart', async () => {
  const root = join(tmp.dir, 'ledger');
  await mkdir(join(root, 'a', 'renders'), { recursive: true });
  await mkdir(join(root, 'b', 'deep', 'renders'), { recursive: true });
  await mkdir(join(root, 'node_modules', 'x'), { recursive: true });
  const base = (id: string): TakeRecord => ({
    version: 1,
    id,
    endpointId: T2V,
    body: {},
    status: 'done',
    requestId: id,
    createdAt: '2026-03-14T09:00:00Z',
    updatedAt: '2026-03-14T09:00:00Z',
    costEstimateUsd: 0.84,
  });
  await writeTakeRecord(join(root, 'a', 'renders', 'a.1.take.json'), base('1'));
  await writeTakeRecord(join(root, 'b', 'deep', 'renders', 'b.2.take.json'), base('2'));
  await writeTakeRecord(join(root, 'node_modules', 'x', 'c.3.take.json'), base('3'));
  await writeFile(join(root, 'a', 'renders', 'torn.take.json'), '{"version": 1, "id"');
  await writeFile(join(root, 'a', 'renders', 'foreign.take.json'), '{"hello": "world"}');
  const got = await readSpendRecords([root, join(root, 'a')]);
  assert.deepEqual(
    got.records.map(r => r.record.id),
    ['1', '2'],
  );
  assert.deepEqual(
    got.unreadable.map(u => [u.path.slice(root.length), u.reason]),
    [
      ['/a/renders/foreign.take.json', 'not a take record'],
      ['/a/renders/torn.take.json', 'not JSON'],
    ],
  );
  // Same record as the journal's own reader gives.
  assert.deepEqual(got.records[0]!.record, await readTakeRecord(got.records[0]!.path));
});
