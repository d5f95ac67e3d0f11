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
import { clientFor, KEY, tempDir } from './helpers';
import { bundleScript } from '../../kit/node-script';
import { testSimulator } from '../../kit/simulator';
import { waitFor } from '../../kit/wait-for';

const T2V = 'fal-ai/kling-video/v3/pro/text-to-video';
let sim: Simulator;
let tmp: Awaited<ReturnType<typeof tempDir>>;
/** The fresh client process (fixtures/resume-child.ts), bundled to run in plain node. */
let child: string;
before(async () => {
  // Long enough that the 'running' record is usually written before the job completes (the
  // in-process encoder can hold the event loop for a while); when it is not, the case is played again.
  sim = await testSimulator({ timing: { processingMs: 3000 } });
  tmp = await tempDir();
  child = await bundleScript(join(__dirname, 'fixtures/resume-child.ts'), tmp.dir);
});
after(async () => {
  await sim.close();
  await tmp.cleanup();
});

function resumeInChild(recordPath: string): Promise<{ code: number | null; out: string }> {
  return new Promise((resolve, reject) => {
    const proc = spawn(process.execPath, [child, recordPath, sim.url], {
      env: { ...process.env, FAL_KEY: KEY, NODE_OPTIONS: '' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let out = '';
    proc.stdout.on('data', d => {
      out += d;
    });
    proc.stderr.on('data', d => {
      out += d;
    });
    proc.on('error', reject);
    proc.on('exit', code => resolve({ code, out }));
  });
}

const sha = (b: Buffer) => createHash('sha256').update(b).digest('hex');

describe('resume', () => {
  test('a record saved while running is finished by a fresh process', async () => {
    // The client stops once it has journalled `running`. On a loaded machine the job can complete
    // before the journal is written; then the record is not the one this test is about, and a new
    // take plays the case again.
    let attempt = 0;
    const { clipPath, recordPath, saved } = await waitFor(
      'a take journalled as running when its client stopped',
      async () => {
        const paths = takePaths(tmp.dir, `mid-${++attempt}.kling.json`);
        const client = clientFor(sim);
        const ac = new AbortController();
        await assert.rejects(
          client.generate(
            { endpointId: T2V, body: { prompt: 'resume me', duration: '3' }, outputPath: paths.clipPath },
            {
              signal: ac.signal,
              onRecord: async r => {
                await writeTakeRecord(paths.recordPath, r);
                if (r.status === 'running') ac.abort();
              },
            },
          ),
          { kind: 'aborted' },
        );
        await client.close();
        const saved = await readTakeRecord(paths.recordPath);
        return saved.status === 'running' ? { ...paths, saved } : undefined;
      },
      { timeoutMs: 120_000 },
    );
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
