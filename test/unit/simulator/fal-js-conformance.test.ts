// The official @fal-ai/client, changed only in where its requests go (requestMiddleware), completes
// subscribe, queue.submit/status/result/cancel and storage.upload against the simulator. This is
// how we know the simulator speaks fal's protocol.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { createFalClient, ValidationError, ApiError } from '@fal-ai/client';
import { suiteSimulator, type Simulator } from '../../kit/simulator';

const T2V = 'fal-ai/kling-video/v3/pro/text-to-video';
const EXAMPLES = path.join(__dirname, '..', '..', 'fixtures', 'fal-examples');
const NEW_ENDPOINTS: [string, string][] = [
  ['fal-ai/kling-video/o3/pro/video-to-video/edit', 'o3-pro-video-to-video-edit.kling.json'],
  ['fal-ai/kling-video/o3/standard/video-to-video/edit', 'o3-pro-video-to-video-edit.kling.json'],
  ['fal-ai/kling-video/o3/pro/video-to-video/reference', 'o3-standard-video-to-video-reference.kling.json'],
  ['fal-ai/kling-video/o3/standard/video-to-video/reference', 'o3-standard-video-to-video-reference.kling.json'],
  ['fal-ai/kling-video/create-voice', 'create-voice.kling.json'],
  // Kling 4.0 by the id requests go to, and by fal's other name for it.
  ['kling/v4/text-to-video', 'v4-text-to-video.kling.json'],
  ['kling/v4/image-to-video', 'v4-image-to-video.kling.json'],
  ['fal-ai/kling-video/v4/image-to-video', 'v4-image-to-video.kling.json'],
  ['kling/v4/reference-to-video', 'v4-reference-to-video.kling.json'],
  ['fal-ai/kling-video/v4/reference-to-video', 'v4-reference-to-video.kling.json'],
  ['kling/v4/video-to-video/edit', 'v4-video-to-video-edit.kling.json'],
  ['fal-ai/kling-video/v4/video-to-video/edit', 'v4-video-to-video-edit.kling.json'],
];
/** Jobs submitted while this is set run until cancelled. */
const HELD_MS = 3_600_000;

function falFor(s: Simulator) {
  return createFalClient({
    credentials: 'sim-key-conformance',
    // fal-js calls https://queue.fal.run/… and https://rest.fal.ai/…; only the origin changes.
    requestMiddleware: async req => ({ ...req, url: req.url.replace(/^https:\/\/(queue\.fal\.run|rest\.fal\.ai)/, s.url) }),
  });
}

const sim = suiteSimulator({ before, after }, { timing: { processingMs: 150, logEveryMs: 40 } });

describe('@fal-ai/client against the simulator', () => {
  test('subscribe (polling) returns the video and the requestId', async () => {
    const fal = falFor(sim());
    const updates: string[] = [];
    const r = await fal.subscribe(T2V, {
      input: { prompt: 'a lighthouse at dusk', duration: '3', aspect_ratio: '1:1' },
      logs: true,
      pollInterval: 30,
      onQueueUpdate: u => updates.push(u.status),
    });
    const video = (r.data as { video: { url: string; content_type: string; file_size: number } }).video;
    assert.equal(video.content_type, 'video/mp4');
    assert.ok(r.requestId);
    assert.equal(updates.at(-1), 'COMPLETED');
    const res = await fetch(video.url);
    const bytes = Buffer.from(await res.arrayBuffer());
    assert.equal(bytes.length, video.file_size);
    assert.equal(createHash('sha256').update(bytes).digest('hex'), sim().clipSha256(r.requestId));
  });

  test('subscribe (streaming) completes and accumulates logs', async () => {
    const fal = falFor(sim());
    let lastLogs = 0;
    const r = await fal.subscribe(T2V, {
      input: { prompt: 'rain on a window', duration: '3' },
      mode: 'streaming',
      logs: true,
      onQueueUpdate: u => {
        if ('logs' in u && Array.isArray(u.logs)) lastLogs = u.logs.length;
      },
    });
    assert.ok((r.data as { video?: unknown }).video);
    assert.ok(lastLogs >= 2, `expected logs, got ${lastLogs}`);
  });

  test('queue.submit / status / result / cancel', async () => {
    const fal = falFor(sim());
    // A job that runs until it is cancelled holds the only runner: the jobs behind it stay queued
    // until the test lets them go, however slow the machine.
    sim().timing.runners = 1;
    sim().timing.processingMs = HELD_MS;
    const blocker = await fal.queue.submit(T2V, { input: { prompt: 'blocker', duration: '3' } });
    sim().timing.processingMs = 150;
    const sub = await fal.queue.submit(T2V, { input: { prompt: 'x', duration: '3' } });
    assert.equal(sub.status, 'IN_QUEUE');
    assert.match(sub.status_url, /\/fal-ai\/kling-video\/requests\/[^/]+\/status$/);
    const st = await fal.queue.status(T2V, { requestId: sub.request_id, logs: true });
    assert.equal(st.status, 'IN_QUEUE');
    await fal.queue.cancel(T2V, { requestId: blocker.request_id });
    const done = await fal.queue.subscribeToStatus(T2V, { requestId: sub.request_id, pollInterval: 25 });
    assert.equal(done.status, 'COMPLETED');
    const res = await fal.queue.result(T2V, { requestId: sub.request_id });
    assert.ok((res.data as { video: { url: string } }).video.url.startsWith(sim().cdnUrl));
    // Cancel a queued job: the one runner is busy until cancelled, so the second job waits.
    sim().timing.processingMs = HELD_MS;
    const a = await fal.queue.submit(T2V, { input: { prompt: 'a', duration: '3' } });
    const b = await fal.queue.submit(T2V, { input: { prompt: 'b', duration: '3' } });
    const bs = await fal.queue.status(T2V, { requestId: b.request_id });
    assert.equal(bs.status, 'IN_QUEUE');
    assert.equal((bs as { queue_position: number }).queue_position, 0);
    await fal.queue.cancel(T2V, { requestId: b.request_id });
    await fal.queue.cancel(T2V, { requestId: a.request_id }); // in progress: 202 CANCELLATION_REQUESTED
    await assert.rejects(fal.queue.result(T2V, { requestId: b.request_id }), (e: unknown) => e instanceof ApiError && e.status === 400);
    sim().timing.runners = Number.POSITIVE_INFINITY;
    sim().timing.processingMs = 150;
  });

  test('a body that breaks the schema completes, and result() raises ValidationError', async () => {
    const fal = falFor(sim());
    const sub = await fal.queue.submit(T2V, { input: { duration: '3' } });
    await fal.queue.subscribeToStatus(T2V, { requestId: sub.request_id, pollInterval: 25 });
    await assert.rejects(fal.queue.result(T2V, { requestId: sub.request_id }), (e: unknown) => {
      assert.ok(e instanceof ValidationError);
      assert.equal(e.status, 422);
      assert.deepEqual(e.fieldErrors[0]?.loc.slice(0, 1), ['body']);
      return true;
    });
  });

  test('storage.upload (single and multipart) returns a URL serving the same bytes', async () => {
    const fal = falFor(sim());
    const small = Buffer.from('png-ish bytes '.repeat(1000));
    const url1 = await fal.storage.upload(new Blob([small], { type: 'image/png' }));
    const got1 = Buffer.from(await (await fetch(url1)).arrayBuffer());
    assert.ok(got1.equals(small));
    const big = Buffer.alloc(91 * 1024 * 1024 + 123, 7);
    const url2 = await fal.storage.upload(new Blob([big], { type: 'video/mp4' }));
    assert.equal(sim().stats.storage.multipartInitiates, 1);
    assert.equal(sim().stats.storage.partPuts, 10);
    assert.equal(sim().storedFile(url2)?.sha256, createHash('sha256').update(big).digest('hex'));
  });

  // Each endpoint added after V3, with fal's own example input (test/fixtures/fal-examples).
  for (const [id, fixture] of NEW_ENDPOINTS) {
    test(`subscribe to ${id} with fal's example input`, async () => {
      const fal = falFor(sim());
      const input = JSON.parse(readFileSync(path.join(EXAMPLES, fixture), 'utf8')) as Record<string, unknown>;
      delete input.endpoint;
      const r = await fal.subscribe(id, { input, pollInterval: 30 });
      const data = r.data as { video?: { url: string }; voice_id?: string };
      assert.ok(data.video?.url ?? data.voice_id, JSON.stringify(data));
    });
  }

  test('401 without a key', async () => {
    const fal = createFalClient({
      credentials: undefined,
      requestMiddleware: async req => ({ ...req, url: req.url.replace(/^https:\/\/queue\.fal\.run/, sim().url) }),
    });
    await assert.rejects(fal.queue.submit(T2V, { input: { prompt: 'x' } }), (e: unknown) => e instanceof ApiError && e.status === 401);
  });
});
