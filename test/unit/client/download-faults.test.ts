// Clip downloads against a hostile CDN (the simulator's file faults): redirects across origins,
// a server that ignores Range and always cuts at the same byte, an HTML page instead of the clip,
// a file that is not an MP4, and a clip of the wrong length. Nothing is marked done that is not
// the clip, nothing retries forever, and every stopped take can be resumed.
import { after, before, beforeEach, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { createHash, randomBytes } from 'node:crypto';
import { readdir, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { sha256File, type FalError } from '../../../src/client';
import { type TakeRecord } from '../../../src/takes';
import { inspectClip } from '../../../src/media/inspect-clip';
import { defaultFaults, type SimResult, type Simulator } from '../../../src/simulator';
import { clientFor, mp4Bytes, recorder, tempDir } from './helpers';
import { testSimulator } from '../../kit/simulator';

const T2V = 'fal-ai/kling-video/v3/pro/text-to-video';
let sim: Simulator;
let tmp: Awaited<ReturnType<typeof tempDir>>;
/** When set, the next results name this file instead of the simulator's own clip. */
let override: { url: string; fileSize?: number } | undefined;
before(async () => {
  sim = await testSimulator({
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

const last = (records: TakeRecord[]) => records[records.length - 1]!;
const parts = async () => (await readdir(tmp.dir)).filter(n => n.endsWith('.part'));

async function generateStopped(name: string, body: Record<string, unknown> = { prompt: name, duration: '3' }) {
  const client = clientFor(sim);
  const { records, onRecord } = recorder();
  const outputPath = join(tmp.dir, `${name}.mp4`);
  const err = await client.generate({ endpointId: T2V, body, outputPath }, { onRecord }).then(
    rec => assert.fail(`expected the take to stop, it ended ${rec.status}`),
    (e: FalError) => e,
  );
  await client.close();
  return { err, records, outputPath };
}

async function resumeDone(rec: TakeRecord): Promise<TakeRecord> {
  const client = clientFor(sim);
  const out = await client.resume(rec, { onRecord: () => {} });
  await client.close();
  assert.equal(out.status, 'done', JSON.stringify(out.error));
  return out;
}

describe('a CDN that redirects', () => {
  test('a chain of 5 redirects across origins lands the clip, and no hop sees the key', async () => {
    sim.faults.fileRedirects = 5; // the most a client follows: CDN → API → CDN → API → CDN → API origin, which serves the file
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
    assert.equal(sim.stats.redirects - before, 5);
    assert.equal(sim.stats.authOnRedirects, 0);
    assert.equal(sim.stats.authOnCdn, 0);
  });

  test('a download cut again and again behind redirects resumes with Range at every hop', async () => {
    sim.faults.fileRedirects = 2;
    sim.faults.truncateRate = 1; // every answer is cut at half of what it sends
    const served = sim.stats.storage.bytesServed;
    const client = clientFor(sim);
    const rec = await client.generate(
      { endpointId: T2V, body: { prompt: 'cut behind redirects', duration: '3' }, outputPath: join(tmp.dir, 'cut-redirected.mp4') },
      { onRecord: () => {} },
    );
    await client.close();
    assert.equal(rec.status, 'done', JSON.stringify(rec.error));
    assert.equal(rec.sha256, sim.clipSha256(rec.requestId!));
    // Each byte was sent once: the Range header survived every redirect.
    assert.equal(sim.stats.storage.bytesServed - served, rec.bytes);
    assert.equal(sim.stats.authOnRedirects, 0);
  });

  test('more than 5 redirects: not done, a clear message, the take stays resumable', async () => {
    sim.faults.fileRedirects = 6;
    const { err, records } = await generateStopped('loop');
    sim.faults.fileRedirects = 0;
    assert.equal(err.kind, 'download');
    assert.match(err.message, /more than 5 redirects/);
    const rec = last(records);
    assert.equal(rec.status, 'downloading');
    assert.match(rec.error?.message ?? '', /more than 5 redirects/);
    await resumeDone(rec);
  });
});

describe('a server that ignores Range and always cuts at the same byte', () => {
  test('stops after a bounded number of requests, keeps the partial file, and resumes later', async () => {
    sim.faults.fileCutAtByte = 1000;
    const gets = sim.stats.storage.fileGets;
    const { err, records, outputPath } = await generateStopped('cut');
    const requests = sim.stats.storage.fileGets - gets;
    sim.faults.fileCutAtByte = undefined;
    // The first request gets 1000 bytes (progress); each of the readMaxRetries (10) retries gets the
    // same 1000 bytes again and counts against the budget.
    assert.equal(requests, 11);
    assert.equal(err.kind, 'download');
    assert.match(err.message, /stopped at 1000 of \d+ bytes: 11 requests, the last 10 without getting past byte 1000/);
    assert.match(err.message, /can be resumed/);
    const rec = last(records);
    assert.equal(rec.status, 'downloading');
    assert.equal(rec.error?.message, err.message);
    assert.equal((await parts()).length, 1, 'the partial file is kept for the resume');
    // A resume that meets an HTML page instead of the clip leaves the partial file alone.
    sim.faults.fileAsHtml = true;
    const again = clientFor(sim);
    await assert.rejects(again.resume(rec, { onRecord: () => {} }), { kind: 'download', message: /text\/html/ });
    await again.close();
    sim.faults.fileAsHtml = false;
    assert.equal((await stat(join(tmp.dir, (await parts())[0]!))).size, 1000);
    const done = await resumeDone(rec);
    assert.equal(done.clipPath, outputPath);
    assert.equal(done.sha256, sim.clipSha256(rec.requestId!));
    assert.equal(done.error, undefined);
    assert.deepEqual(await parts(), []);
  });
});

describe('the clip URL answers something that is not the clip', () => {
  test('200 text/html (25 bytes) without file_size: not done, a clear error, resumable', async () => {
    sim.faults.fileAsHtml = true;
    sim.faults.omitFileSize = true;
    const { err, records, outputPath } = await generateStopped('html');
    sim.faults.fileAsHtml = false;
    assert.equal(err.kind, 'download');
    assert.match(err.message, /answered HTTP 200 text\/html; charset=utf-8 \(25 bytes\) instead of a video/);
    const rec = last(records);
    assert.equal(rec.status, 'downloading');
    assert.equal(rec.video?.fileSize, undefined);
    assert.ok(!(await readdir(tmp.dir)).includes('html.mp4'));
    assert.deepEqual(await parts(), []);
    const done = await resumeDone(rec);
    sim.faults.omitFileSize = false;
    assert.equal(await sha256File(outputPath), done.sha256);
  });

  test('bytes served as video/mp4 that are not an MP4: not done, the file is not kept', async () => {
    override = { url: sim.addBuffer(randomBytes(25), { fileName: 'x.mp4', contentType: 'video/mp4' }).url };
    const { err, records, outputPath } = await generateStopped('garbage');
    override = undefined;
    assert.equal(err.kind, 'download');
    assert.match(err.message, /is not an MP4 file \(25 bytes, video\/mp4\); it was not kept/);
    assert.equal(last(records).status, 'downloading');
    assert.ok(!(await readdir(tmp.dir)).includes('garbage.mp4'), outputPath);
    assert.deepEqual(await parts(), []);
  });

  test('the size is checked against file_size when fal gives one', async () => {
    const clip = await mp4Bytes();
    override = { url: sim.addBuffer(clip, { contentType: 'video/mp4' }).url, fileSize: clip.length + 1 };
    const { err } = await generateStopped('size');
    override = undefined;
    assert.equal(err.kind, 'download');
    assert.match(err.message, new RegExp(`announces ${clip.length} bytes but the result says ${clip.length + 1}`));
  });
});

describe('no file_size in the result: the size the server announces is what the download is held to', () => {
  // The clip and a tail of padding: a file cut anywhere in the padding still parses as an MP4 with
  // a video track, so only the size check can tell it is not the whole file.
  // Sized from the clip itself, whatever size the simulator's clips have.
  const padded = async () => mp4Bytes((await mp4Bytes()).length + 100_000);
  const sha = (b: Buffer) => createHash('sha256').update(b).digest('hex');

  test('Content-Length announced, the body cut short every time: not done, resumable, never the short file', async () => {
    const file = await padded();
    const cut = file.length - 40_000; // inside the padding
    override = { url: sim.addBuffer(file, { contentType: 'video/mp4' }).url };
    sim.faults.fileCutAtByte = cut;
    const { err, records, outputPath } = await generateStopped('no-size-cut');
    sim.faults.fileCutAtByte = undefined;
    assert.equal(err.kind, 'download');
    assert.match(err.message, new RegExp(`stopped at ${cut} bytes: `));
    const rec = last(records);
    assert.equal(rec.status, 'downloading');
    assert.equal(rec.video?.fileSize, undefined, 'fal gave no size');
    assert.ok(!(await readdir(tmp.dir)).includes('no-size-cut.mp4'));
    const [part] = (await parts()).filter(n => n.includes('no-size-cut'));
    assert.ok(part);
    assert.equal((await inspectClip(join(tmp.dir, part))).ok, true, 'the MP4 check alone would have taken the cut file');
    const done = await resumeDone(rec);
    override = undefined;
    assert.equal(done.bytes, file.length);
    assert.equal(done.sha256, sha(file));
    assert.equal(await sha256File(outputPath), sha(file));
  });

  test('answers of a few bytes each (206 with the full size in Content-Range): every byte is fetched, then done', async () => {
    const file = await padded();
    const cap = 20_000;
    override = { url: sim.addBuffer(file, { contentType: 'video/mp4' }).url };
    sim.faults.fileRangeCap = cap;
    const gets = sim.stats.storage.fileGets;
    const client = clientFor(sim);
    const outputPath = join(tmp.dir, 'no-size-capped.mp4');
    const rec = await client.generate({ endpointId: T2V, body: { prompt: 'capped', duration: '3' }, outputPath }, { onRecord: () => {} });
    await client.close();
    sim.faults.fileRangeCap = undefined;
    override = undefined;
    assert.equal(rec.status, 'done', JSON.stringify(rec.error));
    assert.equal(rec.video?.fileSize, undefined);
    assert.equal(rec.bytes, file.length);
    assert.equal(rec.sha256, sha(file));
    assert.equal(await sha256File(outputPath), sha(file));
    assert.equal(sim.stats.storage.fileGets - gets, Math.ceil(file.length / cap));
  });
});

describe('a clip of another length than requested', () => {
  test('is kept, with its duration and the mismatch in the record', async () => {
    const clip = await mp4Bytes(); // 3 s
    override = { url: sim.addBuffer(clip, { contentType: 'video/mp4' }).url, fileSize: clip.length };
    const client = clientFor(sim);
    const long = await client.generate(
      { endpointId: T2V, body: { prompt: 'ten', duration: '10' }, outputPath: join(tmp.dir, 'ten.mp4') },
      { onRecord: () => {} },
    );
    const right = await client.generate(
      { endpointId: T2V, body: { prompt: 'three', duration: '3' }, outputPath: join(tmp.dir, 'three.mp4') },
      { onRecord: () => {} },
    );
    await client.close();
    override = undefined;
    assert.equal(long.status, 'done');
    assert.equal(long.video?.durationSeconds, 3);
    assert.deepEqual(long.durationMismatch, {
      requestedSeconds: 10,
      actualSeconds: 3,
      message: 'The clip is 3 s long but 10 s were requested; it was kept.',
    });
    assert.equal(right.status, 'done');
    assert.equal(right.video?.durationSeconds, 3);
    assert.equal(right.durationMismatch, undefined);
  });
});
