// Clip downloads against a hostile CDN (the simulator's file faults): redirects across origins.
import { after, before, beforeEach, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { sha256File } from '../../../src/client';
import { defaultFaults, type SimResult, type Simulator } from '../../../src/simulator';
import { clientFor, simulator, tempDir } from './helpers';

const T2V = 'fal-ai/kling-video/v3/pro/text-to-video';
let sim: Simulator;
let tmp: Awaited<ReturnType<typeof tempDir>>;
/** When set, the next results name this file instead of the simulator's own clip. */
let override: { url: string; fileSize?: number } | undefined;
before(async () => {
  sim = await simulator({
    outcome: (): SimResult | undefined =>
      override && {
        status: 200,
        headers: {},
        body: {
          video: { url: override.url, content_type: 'video/mp4', ...(override.fileSize !== undefined && { file_size: override.fileSize }) },
        },
      },
  });
  tmp = await tempDir();
});
beforeEach(() => {
  // Each test turns on its own fault; none leaks into the next when an assertion fails.
  Object.assign(sim.faults, defaultFaults());
  override = undefined;
});
after(async () => {
  await sim.close();
  await tmp.cleanup();
});

describe('a CDN that redirects', () => {
  test('a 302 chain across origins lands the clip, and no hop sees the key', async () => {
    sim.faults.fileRedirects = 3; // CDN → API origin → CDN → API origin, which serves the file
    const before = sim.stats.redirects;
    const client = clientFor(sim);
    const rec = await client.generate(
      { endpointId: T2V, body: { prompt: 'redirected', duration: '3' }, outputPath: join(tmp.dir, 'redirected.mp4') },
      { onRecord: () => {} },
    );
    await client.close();
    sim.faults.fileRedirects = 0;
    assert.equal(rec.status, 'done', JSON.stringify(rec.error));
    assert.equal(rec.sha256, sim.clipSha256(rec.requestId!));
    assert.equal(await sha256File(rec.clipPath!), rec.sha256);
    assert.equal(sim.stats.redirects - before, 3);
    assert.equal(sim.stats.authOnRedirects, 0);
    assert.equal(sim.stats.authOnCdn, 0);
  });
});
