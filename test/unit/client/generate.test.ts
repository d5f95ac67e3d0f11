import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { readFile, readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { Input, ALL_FORMATS, FilePathSource } from 'mediabunny';
import { FalError } from '../../../src/client';
import { readTakeRecord, takePaths, writeTakeRecord } from '../../../src/takes';
import type { Simulator } from '../../../src/simulator';
import { clientFor, recorder, tempDir } from './helpers';
import { testSimulator } from '../../kit/simulator';

let sim: Simulator;
let tmp: Awaited<ReturnType<typeof tempDir>>;
before(async () => {
  sim = await testSimulator({ timing: { processingMs: 60, logEveryMs: 20 } });
  tmp = await tempDir();
});
after(async () => {
  await sim.close();
  await tmp.cleanup();
});

const CASES: { endpointId: string; body: Record<string, unknown>; expect: { w: number; h: number; dur: number } }[] = [
  {
    endpointId: 'fal-ai/kling-video/v3/pro/text-to-video',
    body: { prompt: 'a red fox in snow', duration: '5', aspect_ratio: '16:9' },
    expect: { w: 640, h: 360, dur: 5 },
  },
  {
    endpointId: 'fal-ai/kling-video/v3/standard/text-to-video',
    body: {
      multi_prompt: [
        { prompt: 'a', duration: '2' },
        { prompt: 'b', duration: '3' },
      ],
      duration: '5',
      aspect_ratio: '9:16',
      shot_type: 'customize',
    },
    expect: { w: 360, h: 640, dur: 5 },
  },
  {
    endpointId: 'fal-ai/kling-video/v3/pro/image-to-video',
    body: { prompt: 'she turns', start_image_url: 'https://example.invalid/a.png', duration: '3' },
    expect: { w: 640, h: 360, dur: 3 },
  },
  {
    endpointId: 'fal-ai/kling-video/v3/pro/motion-control',
    body: { image_url: 'https://example.invalid/a.png', video_url: 'https://example.invalid/a.mp4', character_orientation: 'video' },
    expect: { w: 640, h: 360, dur: 5 },
  },
  {
    endpointId: 'fal-ai/kling-video/o3/pro/reference-to-video',
    body: { prompt: '@Image1 walks', image_urls: ['https://example.invalid/a.png'], aspect_ratio: '1:1', duration: '4' },
    expect: { w: 360, h: 360, dur: 4 },
  },
];

describe('generate: happy path per endpoint', () => {
  for (const c of CASES) {
    test(c.endpointId, async () => {
      const client = clientFor(sim);
      const { clipPath, recordPath } = takePaths(tmp.dir, `${c.endpointId.replace(/\//g, '_')}.kling.json`);
      const { records, onRecord } = recorder();
      const statuses: string[] = [];
      const rec = await client.generate(
        { endpointId: c.endpointId, body: c.body, outputPath: clipPath },
        {
          onRecord: async r => {
            onRecord(r);
            await writeTakeRecord(recordPath, r);
          },
          onProgress: p => {
            if (statuses.at(-1) !== p.status) statuses.push(p.status);
          },
        },
      );
      await client.close();
      assert.equal(rec.status, 'done', JSON.stringify(rec.error));
      assert.deepEqual(
        records
          .map(r => r.status)
          .filter((s, i, a) => a[i - 1] !== s)
          .slice(0, 2),
        ['submitting', 'queued'],
      );
      assert.equal(records.at(-1)?.status, 'done');
      assert.equal(rec.sha256, sim.clipSha256(rec.requestId!));
      const bytes = await readFile(clipPath);
      assert.equal(createHash('sha256').update(bytes).digest('hex'), rec.sha256);
      assert.equal(rec.bytes, bytes.length);
      assert.match(rec.statusUrl!, /\/fal-ai\/kling-video\/requests\/[^/]+\/status$/);
      assert.deepEqual(await readTakeRecord(recordPath), rec);
      // A real, playable H.264 clip of the requested shape.
      const input = new Input({ source: new FilePathSource(clipPath), formats: ALL_FORMATS });
      const track = await input.getPrimaryVideoTrack();
      assert.ok(track);
      assert.equal(await track.getCodecParameterString().then(s => s?.startsWith('avc1')), true);
      assert.equal(track.displayWidth, c.expect.w);
      assert.equal(track.displayHeight, c.expect.h);
      assert.ok(Math.abs((await input.computeDuration()) - c.expect.dur) < 0.2);
      // No temp files left beside the clip.
      assert.deepEqual(
        (await readdir(tmp.dir)).filter(n => n.endsWith('.part') || n.endsWith('.tmp') || n.includes('.partial.')),
        [],
      );
    });
  }

  test('422 from the result call maps to a failed record with detail locs', async () => {
    const client = clientFor(sim);
    const rec = await client.generate(
      {
        endpointId: 'fal-ai/kling-video/v3/pro/text-to-video',
        body: { prompt: 'x'.repeat(2600), duration: '5' },
        outputPath: join(tmp.dir, 'bad.mp4'),
      },
      { onRecord: () => {} },
    );
    await client.close();
    assert.equal(rec.status, 'failed');
    assert.equal(rec.error?.kind, 'validation');
    assert.equal(rec.error?.status, 422);
    assert.deepEqual(rec.error?.detail?.[0]?.loc, ['body', 'prompt']);
    const err = new FalError('validation', 'x', { detail: rec.error!.detail! });
    assert.deepEqual(err.fieldPaths(), [['prompt']]);
  });

  test('model error with error_type (string detail) → failed, errorType kept', async () => {
    const client = clientFor(sim);
    const rec = await client.generate(
      {
        endpointId: 'fal-ai/kling-video/v3/pro/text-to-video',
        body: { prompt: 'boom [sim:error=runner_disconnected]' },
        outputPath: join(tmp.dir, 'm.mp4'),
      },
      { onRecord: () => {} },
    );
    await client.close();
    assert.equal(rec.status, 'failed');
    assert.equal(rec.error?.kind, 'model');
    assert.equal(rec.error?.errorType, 'runner_disconnected');
    assert.equal(rec.error?.status, 503);
  });
});
