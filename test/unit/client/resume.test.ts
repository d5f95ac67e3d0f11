// A journal record saved mid-job is resumed by a fresh client process and lands the clip.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { tempPathFor } from '../../../src/client';
import { readTakeRecord, takePaths, writeTakeRecord, type TakeRecord } from '../../../src/takes';
import type { Simulator } from '../../../src/simulator';
import { clientFor, KEY, simulator, tempDir } from './helpers';

const T2V = 'fal-ai/kling-video/v3/pro/text-to-video';
let sim: Simulator;
let tmp: Awaited<ReturnType<typeof tempDir>>;
before(async () => {
  // Long enough that the 'running' record is written before the job completes, even on a loaded machine
  // (the in-process encoder can hold the event loop for a while).
  sim = await simulator({ timing: { processingMs: 3000 } });
  tmp = await tempDir();
});
after(async () => {
  await sim.close();
  await tmp.cleanup();
});

function resumeInChild(recordPath: string): Promise<{ code: number | null; out: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', join(__dirname, 'fixtures/resume-child.ts'), recordPath, sim.url], {
      env: { ...process.env, FAL_KEY: KEY, NODE_OPTIONS: '' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let out = '';
    child.stdout.on('data', d => {
      out += d;
    });
    child.stderr.on('data', d => {
      out += d;
    });
    child.on('error', reject);
    child.on('exit', code => resolve({ code, out }));
  });
}

const sha = (b: Buffer) => createHash('sha256').update(b).digest('hex');

describe('resume', () => {
  test('a record saved while running is finished by a fresh process', async () => {
    const { clipPath, recordPath } = takePaths(tmp.dir, 'mid.kling.json');
    const client = clientFor(sim);
    const ac = new AbortController();
    await assert.rejects(
      client.generate(
        { endpointId: T2V, body: { prompt: 'resume me', duration: '3' }, outputPath: clipPath },
        {
          signal: ac.signal,
          onRecord: async r => {
            await writeTakeRecord(recordPath, r);
            if (r.status === 'running') ac.abort();
          },
        },
      ),
      { kind: 'aborted' },
    );
    await client.close();
    const saved = await readTakeRecord(recordPath);
    assert.equal(saved.status, 'running');
    const submits = sim.stats.submits;
    const { code, out } = await resumeInChild(recordPath);
    assert.equal(code, 0, out);
    const final = await readTakeRecord(recordPath);
    assert.equal(final.status, 'done');
    assert.equal(sha(await readFile(clipPath)), sim.clipSha256(saved.requestId!));
    assert.equal(sim.stats.submits, submits, 'resume must never submit');
  });

  test('a cut download is resumed with a Range request', async () => {
    sim.timing.processingMs = 0;
    const { clipPath, recordPath } = takePaths(tmp.dir, 'cut.kling.json');
    const client = clientFor(sim);
    const done = await client.generate(
      { endpointId: T2V, body: { prompt: 'cut', duration: '4' }, outputPath: clipPath },
      { onRecord: () => {} },
    );
    await client.close();
    const full = await readFile(clipPath);
    const half = Math.floor(full.length / 2);
    // As if the process died mid-download: the record says downloading, half the bytes are on disk.
    const rec: TakeRecord = { ...done, status: 'downloading' };
    delete rec.sha256;
    delete rec.bytes;
    await writeFile(tempPathFor(rec, clipPath), full.subarray(0, half));
    await writeFile(clipPath, '');
    await writeTakeRecord(recordPath, rec);
    const served = sim.stats.storage.bytesServed;
    const { code, out } = await resumeInChild(recordPath);
    assert.equal(code, 0, out);
    assert.equal(sim.stats.storage.bytesServed - served, full.length - half, 'only the missing bytes were fetched');
    assert.equal(sha(await readFile(clipPath)), done.sha256);
    assert.equal((await readTakeRecord(recordPath)).sha256, done.sha256);
  });

  test('a record left at submitting becomes unknown (never resubmitted)', async () => {
    const client = clientFor(sim);
    const now = new Date().toISOString();
    const submits = sim.stats.submits;
    const rec = await client.resume(
      {
        version: 1,
        id: 'x1',
        endpointId: T2V,
        body: { prompt: 'p' },
        status: 'submitting',
        createdAt: now,
        updatedAt: now,
        clipPath: join(tmp.dir, 'never.mp4'),
      },
      { onRecord: () => {} },
    );
    await client.close();
    assert.equal(rec.status, 'unknown');
    assert.equal(rec.error?.kind, 'submit-uncertain');
    assert.equal(sim.stats.submits, submits);
  });
});
