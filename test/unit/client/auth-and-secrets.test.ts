// The key goes only to the configured fal origins, and never into an error message or a log line.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { mkdir, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { createFalClient } from '../../../src/client';
import type { Simulator } from '../../../src/simulator';
import { captureLogger, clientFor, FAST_RETRY, FAST_WATCH, KEY, mp4Bytes, recorder, tempDir } from './helpers';
import { runKling } from '../../kit/cli';
import { testSimulator } from '../../kit/simulator';
import { mediaOpener } from '../../../src/takes';

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

async function serve(
  handler: (req: IncomingMessage, body: string, res: import('node:http').ServerResponse) => void,
): Promise<{ url: string; server: Server; seen: { url: string; auth: string | undefined }[] }> {
  const seen: { url: string; auth: string | undefined }[] = [];
  const server = createServer((req, res) => {
    let body = '';
    req.on('data', c => {
      body += c;
    });
    req.on('end', () => {
      seen.push({ url: req.url ?? '', auth: req.headers.authorization });
      handler(req, body, res);
    });
  });
  await new Promise<void>(r => server.listen(0, '127.0.0.1', r));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, server, seen };
}

describe('auth scoping', () => {
  test('upload PUTs and clip downloads (the simulator CDN origin) never carry Authorization', async () => {
    const file = join(tmp.dir, 'a.png');
    await writeFile(file, 'img');
    const client = clientFor(sim, { multipartThresholdBytes: 2 });
    const url = await client.upload(file, { open: mediaOpener([dirname(file)]) }); // multipart: initiate, parts, complete
    const rec = await client.generate(
      {
        endpointId: 'fal-ai/kling-video/v3/pro/image-to-video',
        body: { prompt: 'p', start_image_url: url, duration: '3' },
        outputPath: join(tmp.dir, 'a.mp4'),
      },
      { onRecord: () => {} },
    );
    await client.close();
    assert.equal(rec.status, 'done');
    assert.ok(sim.stats.cdnRequests >= 3);
    assert.equal(sim.stats.authOnCdn, 0);
  });

  test('a CDN host named by the result, and status URLs pointing elsewhere, never see the key', async t => {
    const clip = await mp4Bytes();
    const cdn = await serve((_req, _b, res) => {
      res.writeHead(200, { 'content-type': 'video/mp4', 'content-length': clip.length });
      res.end(clip);
    });
    const evil = await serve((_req, _b, res) => {
      res.writeHead(401, { 'content-type': 'application/json' });
      res.end('{"detail":"Unauthorized"}');
    });
    // A fake queue: its first job's URLs point at another origin; its second job's result names the CDN.
    let n = 0;
    const queue = await serve((req, _b, res) => {
      const json = (s: number, b: unknown, h: Record<string, string> = {}) => {
        res.writeHead(s, { 'content-type': 'application/json', ...h });
        res.end(JSON.stringify(b));
      };
      if (req.method === 'POST') {
        n++;
        const base = n === 1 ? `${evil.url}/fal-ai/kling-video/requests/r1` : `${queue.url}/fal-ai/kling-video/requests/r2`;
        json(200, {
          status: 'IN_QUEUE',
          request_id: `r${n}`,
          status_url: `${base}/status`,
          response_url: base,
          cancel_url: `${base}/cancel`,
          queue_position: 0,
        });
      } else if (req.url?.includes('/status')) {
        json(200, { status: 'COMPLETED', request_id: 'r2' });
      } else {
        json(200, { video: { url: `${cdn.url}/files/out.mp4`, content_type: 'video/mp4', file_size: clip.length } });
      }
    });
    t.after(() => {
      for (const s of [cdn, evil, queue]) {
        s.server.closeAllConnections();
        s.server.close();
      }
    });
    const { lines, logger } = captureLogger();
    const client = createFalClient({
      queueUrl: queue.url,
      storageUrl: queue.url,
      credentials: () => KEY,
      retry: { ...FAST_RETRY, readMaxRetries: 1 },
      watch: { ...FAST_WATCH, deadlineMs: 400 },
      logger,
    });
    const first = await client
      .generate({ endpointId: T2V, body: { prompt: 'x' }, outputPath: join(tmp.dir, 'e1.mp4') }, { onRecord: () => {} })
      .catch(e => e as Error);
    assert.ok(first instanceof Error || first.status !== 'done');
    const second = await client.generate(
      { endpointId: T2V, body: { prompt: 'x' }, outputPath: join(tmp.dir, 'e2.mp4') },
      { onRecord: () => {} },
    );
    await client.close();
    assert.equal(second.status, 'done');
    assert.ok(evil.seen.length > 0);
    assert.deepEqual(
      evil.seen.filter(s => s.auth !== undefined),
      [],
    );
    assert.deepEqual(
      cdn.seen.filter(s => s.auth !== undefined),
      [],
    );
    assert.ok(queue.seen.every(s => s.auth === `Key ${KEY}`));
    assert.ok(lines.some(l => l.includes('Not sending the fal key')));
  });
});

describe('the key never leaks', () => {
  test('not in errors or logs, even when a server echoes it back', async t => {
    const echo = await serve((req, _b, res) => {
      const auth = String(req.headers.authorization);
      res.writeHead(req.method === 'POST' && req.url?.startsWith('/storage') ? 500 : 422, { 'content-type': 'application/json' });
      res.end(
        JSON.stringify({
          detail: req.url?.startsWith('/storage')
            ? `bad header ${auth} (${encodeURIComponent(auth)})`
            : [{ loc: ['body', 'prompt'], msg: `you sent ${auth}`, type: 'value_error' }],
        }),
      );
    });
    t.after(() => {
      echo.server.closeAllConnections();
      echo.server.close();
    });
    const { lines, logger } = captureLogger();
    const client = createFalClient({
      queueUrl: echo.url,
      storageUrl: echo.url,
      credentials: () => KEY,
      retry: FAST_RETRY,
      watch: FAST_WATCH,
      logger,
    });
    const rec = await client.generate(
      { endpointId: T2V, body: { prompt: 'x' }, outputPath: join(tmp.dir, 'k.mp4') },
      { onRecord: () => {} },
    );
    assert.equal(rec.status, 'failed');
    assert.equal(rec.error?.kind, 'validation');
    const file = join(tmp.dir, 'k.png');
    await writeFile(file, 'x');
    const err = await client.upload(file, { open: mediaOpener([dirname(file)]) }).catch((e: Error) => e);
    assert.ok(err instanceof Error);
    await client.close();
    const everything = [JSON.stringify(rec), err.message, err.stack ?? '', ...lines].join('\n');
    assert.ok(everything.includes('***'), 'the echoed key should show up redacted');
    assert.ok(!everything.includes(KEY), 'the key leaked');
    assert.ok(!everything.includes(encodeURIComponent(`Key ${KEY}`)));
  });

  test('401 without a usable key → failed auth record, nothing submitted', async () => {
    const s = await testSimulator({ keys: ['the-right-key'] });
    const client = clientFor(s, { credentials: () => 'the-wrong-key' });
    const rec = await client.generate(
      { endpointId: T2V, body: { prompt: 'x' }, outputPath: join(tmp.dir, 'u.mp4') },
      { onRecord: () => {} },
    );
    assert.equal(rec.status, 'failed');
    assert.equal(rec.error?.kind, 'auth');
    assert.equal(s.stats.submits, 0);
    const none = clientFor(s, { credentials: () => undefined });
    const r2 = await none.generate({ endpointId: T2V, body: { prompt: 'x' }, outputPath: join(tmp.dir, 'u2.mp4') }, { onRecord: () => {} });
    assert.equal(r2.error?.kind, 'auth');
    assert.equal(s.stats.submitAttempts, 1);
    await client.close();
    await none.close();
    await s.close();
  });
});

describe('strings from a server are redacted on their way to records, logs and messages', () => {
  test('a key echoed in x-fal-error-type, in status logs and in the result never reaches a record', async t => {
    // A fake fal queue that echoes the Authorization header everywhere a server string can travel.
    const queue = await serve((req, _b, res) => {
      const auth = String(req.headers.authorization);
      const base = `http://${req.headers.host}/fal-ai/kling-video/requests/r1`;
      const json = (s: number, b: unknown, h: Record<string, string> = {}) => {
        res.writeHead(s, { 'content-type': 'application/json', ...h });
        res.end(JSON.stringify(b));
      };
      if (req.method === 'POST')
        json(200, { status: 'IN_QUEUE', request_id: 'r1', status_url: `${base}/status`, response_url: base, cancel_url: `${base}/cancel` });
      else if (req.url?.includes('/status'))
        json(200, { status: 'COMPLETED', request_id: 'r1', logs: [{ message: `worker saw ${auth}`, level: auth, timestamp: 't1' }] });
      else json(500, { detail: `model crashed for ${auth}`, error_type: auth }, { 'x-fal-error-type': auth });
    });
    t.after(() => {
      queue.server.closeAllConnections();
      queue.server.close();
    });
    const { lines, logger } = captureLogger();
    const { records, onRecord } = recorder();
    const progress: unknown[] = [];
    const client = createFalClient({
      queueUrl: queue.url,
      storageUrl: queue.url,
      credentials: () => KEY,
      retry: FAST_RETRY,
      watch: FAST_WATCH,
      logger,
    });
    const rec = await client.generate(
      { endpointId: T2V, body: { prompt: 'x' }, outputPath: join(tmp.dir, 'echo.mp4') },
      { onRecord, onProgress: p => progress.push(p) },
    );
    await client.close();
    assert.equal(rec.status, 'failed');
    assert.equal(rec.error?.kind, 'model');
    assert.equal(rec.error?.errorType, 'Key ***');
    assert.ok(records.some(r => r.logs?.some(l => l.message === 'worker saw Key ***')));
    const everything = [JSON.stringify(rec), JSON.stringify(records), JSON.stringify(progress), ...lines].join('\n');
    assert.ok(queue.seen.length >= 3);
    assert.ok(!everything.includes(KEY), 'the key leaked');
  });
});

describe('a key echoed as the request id', () => {
  // A fake queue whose submit reply names the key as its request id; the job then fails on fal.
  async function echoingQueue() {
    return serve((req, _b, res) => {
      const base = `http://${req.headers.host}/fal-ai/kling-video/requests/r1`;
      const json = (s: number, b: unknown, h: Record<string, string> = {}) => {
        res.writeHead(s, { 'content-type': 'application/json', ...h });
        res.end(JSON.stringify(b));
      };
      if (req.method === 'POST')
        json(200, { status: 'IN_QUEUE', request_id: KEY, status_url: `${base}/status`, response_url: base, cancel_url: `${base}/cancel` });
      else if (req.url?.includes('/status')) json(200, { status: 'COMPLETED', request_id: 'r1' });
      else json(500, { detail: 'model crashed', error_type: 'model_error' }, { 'x-fal-error-type': 'model_error' });
    });
  }

  test('never reaches onSubmitted, a record or a log line', async t => {
    const queue = await echoingQueue();
    t.after(() => {
      queue.server.closeAllConnections();
      queue.server.close();
    });
    const { lines, logger } = captureLogger();
    const { records, onRecord } = recorder();
    const submitted: { requestId: string; endpointId: string }[] = [];
    const client = createFalClient({
      queueUrl: queue.url,
      storageUrl: queue.url,
      credentials: () => KEY,
      retry: FAST_RETRY,
      watch: FAST_WATCH,
      logger,
    });
    const rec = await client.generate(
      { endpointId: T2V, body: { prompt: 'x' }, outputPath: join(tmp.dir, 'id-echo.mp4') },
      { onRecord, onSubmitted: s => submitted.push(s) },
    );
    await client.close();
    assert.equal(rec.status, 'failed');
    assert.deepEqual(submitted, [{ requestId: '***', endpointId: T2V }]);
    const everything = [JSON.stringify(rec), JSON.stringify(records), ...lines].join('\n');
    assert.ok(!everything.includes(KEY), 'the key leaked');
  });

  test('kling generate never prints it', { timeout: 60_000 }, async t => {
    const queue = await echoingQueue();
    t.after(() => {
      queue.server.closeAllConnections();
      queue.server.close();
    });
    const dir = join(tmp.dir, 'id-echo-cli');
    await mkdir(dir, { recursive: true });
    await writeFile(join(dir, 'package.json'), '{}');
    await writeFile(join(dir, 'boat.kling.json'), JSON.stringify({ endpoint: T2V, prompt: 'a paper boat', duration: '3' }));
    const { code, out, err } = await runKling(['generate', 'boat.kling.json', '--queue-url', queue.url, '--storage-url', queue.url], {
      cwd: dir,
      env: { FAL_KEY: KEY },
    }).done;
    assert.equal(code, 1, out + err);
    assert.match(err, /submitted, request id \*\*\*/);
    assert.ok(!(out + err).includes(KEY), 'the key leaked');
  });
});
