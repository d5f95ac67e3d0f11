// A take record names its clip by where it lies, whatever its own clipPath says.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { listTakeRecords, readTakeRecord } from '../../../src/takes';

test('a record pointing its clip elsewhere is read back with the clip beside the record', async () => {
  const dir = await mkdtemp(join(tmpdir(), 'kling-journal-'));
  try {
    const recordPath = join(dir, 'hero.20260101-000000.take.json');
    const now = new Date().toISOString();
    await writeFile(
      recordPath,
      JSON.stringify({
        version: 1,
        id: 'x',
        endpointId: 'fal-ai/kling-video/v3/pro/text-to-video',
        body: { prompt: 'p' },
        status: 'downloading',
        createdAt: now,
        updatedAt: now,
        clipPath: '/home/someone/.bashrc',
      }),
    );
    assert.equal((await readTakeRecord(recordPath)).clipPath, join(dir, 'hero.20260101-000000.mp4'));
    assert.equal((await listTakeRecords(dir))[0]?.record.clipPath, join(dir, 'hero.20260101-000000.mp4'));
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
});
