// The explicit proxy option (VS Code's http.proxy) and HTTPS_PROXY/NO_PROXY from the environment.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { createServer, request as httpRequest, type Server } from 'node:http';
import { connect, type AddressInfo } from 'node:net';
import { join } from 'node:path';
import { createDispatcher, createFalClient } from '../../../src/client';
import type { Simulator } from '../../../src/simulator';
import { FAST_RETRY, FAST_WATCH, KEY, tempDir } from './helpers';
import { testSimulator } from '../../kit/simulator';

const T2V = 'fal-ai/kling-video/v3/pro/text-to-video';
let sim: Simulator;
let tmp: Awaited<ReturnType<typeof tempDir>>;
let proxy: Server;
let proxyUrl = '';
const seen: string[] = [];

before(async () => {
  sim = await testSimulator();
  tmp = await tempDir();
  // A minimal HTTP proxy: CONNECT tunnels and absolute-URI forwarding, recording each target.
  proxy = createServer((req, res) => {
    seen.push(`GET-FORWARD ${req.url}`);
    const up = httpRequest(req.url!, { method: req.method, headers: req.headers }, r => {
      res.writeHead(r.statusCode!, r.headers);
      r.pipe(res);
    });
    req.pipe(up);
  });
  proxy.on('connect', (req, sock, head) => {
    seen.push(`CONNECT ${req.url}`);
    const [host, port] = String(req.url).split(':');
    const up = connect(Number(port), host!, () => {
      sock.write('HTTP/1.1 200 Connection Established\r\n\r\n');
      up.write(head);
      up.pipe(sock);
      sock.pipe(up);
    });
    up.on('error', () => sock.destroy());
    sock.on('error', () => up.destroy());
  });
  await new Promise<void>(r => proxy.listen(0, '127.0.0.1', r));
  proxyUrl = `http://127.0.0.1:${(proxy.address() as AddressInfo).port}`;
});
after(async () => {
  proxy.closeAllConnections();
  proxy.close();
  await sim.close();
  await tmp.cleanup();
});

describe('proxy', () => {
  test('a redirecting CDN behind the proxy: the clip lands through it, no hop carries the key', async () => {
    seen.length = 0;
    const redirects = sim.stats.redirects;
    sim.faults.fileRedirects = 3;
    const client = createFalClient({
      queueUrl: sim.url,
      storageUrl: sim.url,
      credentials: () => KEY,
      proxy: proxyUrl,
      retry: FAST_RETRY,
      watch: FAST_WATCH,
    });
    const rec = await client
      .generate(
        { endpointId: T2V, body: { prompt: 'redirected via proxy', duration: '3' }, outputPath: join(tmp.dir, 'pr.mp4') },
        { onRecord: () => {} },
      )
      .finally(() => {
        sim.faults.fileRedirects = 0;
      });
    await client.close();
    assert.equal(rec.status, 'done', JSON.stringify(rec.error));
    assert.equal(rec.sha256, sim.clipSha256(rec.requestId!));
    // undici tunnels through the proxy (CONNECT), so the proxy sees origins, not paths: the last hop
    // is on the API origin, and the simulator counted the three redirects.
    assert.equal(sim.stats.redirects - redirects, 3);
    assert.ok(
      seen.some(x => x.includes(new URL(sim.cdnUrl).host)),
      seen.join('; '),
    );
    assert.equal(sim.stats.authOnRedirects, 0);
  });

  test('explicit proxy option: every request (queue and CDN) goes through it', async () => {
    seen.length = 0;
    const client = createFalClient({
      queueUrl: sim.url,
      storageUrl: sim.url,
      credentials: () => KEY,
      proxy: proxyUrl,
      retry: FAST_RETRY,
      watch: FAST_WATCH,
    });
    const rec = await client.generate(
      { endpointId: T2V, body: { prompt: 'via proxy', duration: '3' }, outputPath: join(tmp.dir, 'p.mp4') },
      { onRecord: () => {} },
    );
    await client.close();
    assert.equal(rec.status, 'done', JSON.stringify(rec.error));
    const hosts = new Set(
      seen.map(
        s =>
          s
            .split(' ')[1]!
            .replace(/^http:\/\//, '')
            .split('/')[0],
      ),
    );
    assert.ok(hosts.has(new URL(sim.url).host), `proxy saw ${[...hosts]}`);
    assert.ok(hosts.has(new URL(sim.cdnUrl).host));
  });

  test('HTTPS_PROXY/HTTP_PROXY from the environment carry every request, the clip download too; NO_PROXY bypasses', async () => {
    seen.length = 0;
    assert.equal(createDispatcher({ env: { HTTP_PROXY: proxyUrl } }).kind, 'env-proxy');
    const c1 = createFalClient({
      queueUrl: sim.url,
      storageUrl: sim.url,
      credentials: () => KEY,
      proxyEnv: { HTTP_PROXY: proxyUrl, HTTPS_PROXY: proxyUrl },
      retry: FAST_RETRY,
      watch: FAST_WATCH,
    });
    assert.equal(
      (
        await c1.generate(
          { endpointId: T2V, body: { prompt: 'env', duration: '3' }, outputPath: join(tmp.dir, 'e.mp4') },
          { onRecord: () => {} },
        )
      ).status,
      'done',
    );
    await c1.close();
    const hosts = new Set(
      seen.map(
        s =>
          s
            .split(' ')[1]!
            .replace(/^http:\/\//, '')
            .split('/')[0],
      ),
    );
    assert.ok(hosts.has(new URL(sim.url).host), `proxy saw ${[...hosts]}`);
    assert.ok(hosts.has(new URL(sim.cdnUrl).host), `the download bypassed the proxy: ${[...hosts]}`);
    seen.length = 0;
    const c2 = createFalClient({
      queueUrl: sim.url,
      storageUrl: sim.url,
      credentials: () => KEY,
      proxyEnv: { HTTP_PROXY: proxyUrl, NO_PROXY: '127.0.0.1' },
      retry: FAST_RETRY,
      watch: FAST_WATCH,
    });
    assert.equal(
      (
        await c2.generate(
          { endpointId: T2V, body: { prompt: 'bypass', duration: '3' }, outputPath: join(tmp.dir, 'b.mp4') },
          { onRecord: () => {} },
        )
      ).status,
      'done',
    );
    await c2.close();
    assert.equal(seen.length, 0);
    assert.equal(createDispatcher({ env: {} }).kind, 'direct');
  });
});
