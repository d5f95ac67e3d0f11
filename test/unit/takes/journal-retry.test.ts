// A journal write (writeTakeRecord, the one every record goes through) that fails once and then
// succeeds lands the take: the first attempt meets a
// folder standing where the record goes (its rename fails for real), the folder is removed the
// moment that attempt has given up (its temp file is gone), and the retry writes the record.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { watch } from 'node:fs';
import { mkdir, rmdir, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { sha256File } from '../../../src/client';
import { readTakeRecord, writeTakeRecord, type TakeRecord } from '../../../src/takes';
import type { Simulator } from '../../../src/simulator';
import { clientFor, tempDir } from '../client/helpers';
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

const exists = (p: string) =>
  stat(p).then(
    () => true,
    () => false,
  );

test('the first write of the record fails, the retry lands it, and the take goes on to done', { timeout: 60_000 }, async () => {
  const recordPath = join(tmp.dir, 'retry.take.json');
  await mkdir(recordPath); // in the way: renaming the written temp file over a folder fails
  let failedAttempts = 0;
  let cleared: Promise<void> | undefined;
  const watcher = watch(tmp.dir, (_event, name) => {
    // A temp file of the record that is gone while the folder still stands is an attempt that failed.
    if (!name?.startsWith('retry.take.') || !name.endsWith('.partial.json') || cleared) return;
    cleared = (async () => {
      if (await exists(join(tmp.dir, name))) return (cleared = undefined);
      failedAttempts++;
      await rmdir(recordPath);
    })();
  });
  const seen: TakeRecord[] = [];
  const client = clientFor(sim);
  try {
    const rec = await client.generate(
      { endpointId: T2V, body: { prompt: 'written on the second try', duration: '3' }, outputPath: join(tmp.dir, 'retry.mp4') },
      {
        onRecord: async r => {
          seen.push(r);
          await writeTakeRecord(recordPath, r);
        },
      },
    );
    assert.equal(rec.status, 'done', JSON.stringify(rec.error));
  } finally {
    watcher.close();
    await client.close();
  }
  assert.equal(failedAttempts, 1, 'the first attempt failed for real');
  assert.equal(seen[0]!.status, 'submitting', 'the write that failed once was the one before the submit');
  const onDisk = await readTakeRecord(recordPath);
  assert.equal(onDisk.status, 'done');
  assert.equal(onDisk.sha256, sim.clipSha256(onDisk.requestId!));
  assert.equal(await sha256File(join(tmp.dir, 'retry.mp4')), onDisk.sha256);
  assert.equal(sim.stats.submits, 1);
});
