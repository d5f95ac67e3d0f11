// The direct download transport (src/client/direct-get.ts) against real servers on 127.0.0.1:
// plain node:http, hand-written raw answers for the edge cases, and TLS with a CA made at test time.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { createServer as createHttpServer, type IncomingHttpHeaders, type Server } from 'node:http';
import { createServer as createHttpsServer } from 'node:https';
import { createServer as createNetServer, type AddressInfo, type Socket } from 'node:net';
import { join } from 'node:path';
import { Agent } from 'undici';
import { directGet, parseHead, type BodySink, type DirectResponse } from '../../../src/client/direct-get';
import { HttpClient, silentLogger } from '../../../src/client/http';
import { tempDir } from './helpers';

const body = randomBytes(3 * 1024 * 1024 + 123);
let http: Server;
let base = '';
let lastHeaders: IncomingHttpHeaders = {};

/** A sink that copies what it is given (the chunk's memory is reused after the call). */
function collector() {
  const parts: Buffer[] = [];
  const buffers = new Set<ArrayBufferLike>();
  let res: DirectResponse | undefined;
  const factory = (r: DirectResponse): BodySink => {
    res = r;
    return {
      write(c) {
        parts.push(Buffer.from(c));
        buffers.add(c.buffer);
      },
    };
  };
  return {
    factory,
    get res() {
      return res;
    },
    get bytes() {
      return Buffer.concat(parts);
    },
    parts,
    buffers,
  };
}

/** A raw TCP server that answers every connection with `answer` (for what node:http will not send). */
async function rawServer(answer: (sock: Socket) => void): Promise<{ url: string; close: () => void }> {
  const sockets = new Set<Socket>();
  const srv = createNetServer(sock => {
    sockets.add(sock);
    sock.on('error', () => {});
    sock.once('data', () => answer(sock));
  });
  await new Promise<void>(r => srv.listen(0, '127.0.0.1', r));
  return {
    url: `http://127.0.0.1:${(srv.address() as AddressInfo).port}/clip.mp4`,
    close: () => {
      for (const s of sockets) s.destroy();
      srv.close();
    },
  };
}

before(async () => {
  http = createHttpServer((req, res) => {
    lastHeaders = req.headers;
    const m = /^bytes=(\d+)-$/.exec(req.headers.range ?? '');
    if (req.url === '/missing') {
      res.writeHead(404, { 'content-type': 'text/plain', 'content-length': 9 });
      res.end('not found');
      return;
    }
    if (req.url === '/chunked') {
      res.writeHead(200, { 'content-type': 'video/mp4' });
      res.write(body.subarray(0, 1000));
      res.end(body.subarray(1000));
      return;
    }
    const start = m ? Number(m[1]) : 0;
    res.writeHead(m ? 206 : 200, {
      'content-type': 'video/mp4',
      'content-length': body.length - start,
      ...(m && { 'content-range': `bytes ${start}-${body.length - 1}/${body.length}` }),
    });
    res.end(body.subarray(start));
  });
  await new Promise<void>(r => http.listen(0, '127.0.0.1', r));
  base = `http://127.0.0.1:${(http.address() as AddressInfo).port}`;
});
after(() => {
  http.closeAllConnections();
  http.close();
});

describe('direct GET', () => {
  test('a Content-Length body arrives whole and in order through one reused buffer; the request carries only our headers', async () => {
    const c = collector();
    assert.equal(
      await directGet(`${base}/clip.mp4?sig=abc`, { headers: { 'user-agent': 'kling-studio' }, readBufferBytes: 16 * 1024 }, c.factory),
      'done',
    );
    assert.equal(c.res?.statusCode, 200);
    assert.equal(c.res?.headers['content-type'], 'video/mp4');
    assert.ok(c.bytes.equals(body));
    assert.ok(c.parts.length > 100, `${c.parts.length} chunks`);
    // Every chunk after the first (which comes with the head) is a view of the same read buffer.
    assert.ok(c.buffers.size <= 2, `${c.buffers.size} distinct buffers`);
    assert.equal(lastHeaders['user-agent'], 'kling-studio');
    assert.equal(lastHeaders.host, base.slice('http://'.length));
    assert.equal(lastHeaders.authorization, undefined);
    assert.equal(lastHeaders['accept-encoding'], 'identity');
  });

  test('a Range request gets the 206 tail', async () => {
    const c = collector();
    assert.equal(await directGet(`${base}/clip.mp4`, { headers: { range: 'bytes=1000000-' } }, c.factory), 'done');
    assert.equal(c.res?.statusCode, 206);
    assert.equal(c.res?.headers['content-range'], `bytes 1000000-${body.length - 1}/${body.length}`);
    assert.ok(c.bytes.equals(body.subarray(1000000)));
  });

  test('an error answer is handed over with its status and body', async () => {
    const c = collector();
    assert.equal(await directGet(`${base}/missing`, {}, c.factory), 'done');
    assert.equal(c.res?.statusCode, 404);
    assert.equal(c.bytes.toString(), 'not found');
  });

  test('a chunked answer is "unsupported" and never reaches the factory; HttpClient.download then gets it through undici', async () => {
    let called = false;
    assert.equal(
      await directGet(`${base}/chunked`, {}, () => {
        called = true;
        return { write() {} };
      }),
      'unsupported',
    );
    assert.equal(called, false);
    const agent = new Agent();
    try {
      const client = new HttpClient(agent, [], () => undefined, silentLogger, true);
      const c = collector();
      await client.download({ url: `${base}/chunked` }, c.factory);
      assert.equal(c.res?.statusCode, 200);
      assert.ok(c.bytes.equals(body));
    } finally {
      await agent.close();
    }
  });

  test('a head split into single bytes, with repeated fields, is parsed', async () => {
    const head = 'HTTP/1.1 200 OK\r\nContent-Length: 5\r\nX-Note: a\r\nx-note: b\r\nContent-Type: video/mp4\r\n\r\nhello';
    const srv = await rawServer(async sock => {
      for (const ch of head) {
        sock.write(ch);
        await new Promise(r => setImmediate(r));
      }
    });
    try {
      const c = collector();
      assert.equal(await directGet(srv.url, {}, c.factory), 'done');
      assert.deepEqual(c.res?.headers['x-note'], ['a', 'b']);
      assert.equal(c.bytes.toString(), 'hello');
    } finally {
      srv.close();
    }
  });

  test('without a length the body runs to the close; with one, bytes past it are ignored', async () => {
    const open = await rawServer(sock => {
      sock.write('HTTP/1.1 200 OK\r\n\r\nall of');
      sock.end(' it');
    });
    const extra = await rawServer(sock => {
      sock.end('HTTP/1.1 200 OK\r\nContent-Length: 3\r\n\r\nabcdef');
    });
    try {
      const a = collector();
      assert.equal(await directGet(open.url, {}, a.factory), 'done');
      assert.equal(a.bytes.toString(), 'all of it');
      const b = collector();
      assert.equal(await directGet(extra.url, {}, b.factory), 'done');
      assert.equal(b.bytes.toString(), 'abc');
    } finally {
      open.close();
      extra.close();
    }
  });

  test('a body cut short rejects with a retryable code after handing over what arrived', async () => {
    const srv = await rawServer(sock => {
      sock.write('HTTP/1.1 200 OK\r\nContent-Length: 1000\r\n\r\n');
      sock.end(Buffer.alloc(400, 7));
    });
    try {
      const c = collector();
      await assert.rejects(
        directGet(srv.url, {}, c.factory),
        (e: Error & { code?: string }) => e.code === 'ERR_STREAM_PREMATURE_CLOSE' && /600 bytes/.test(e.message),
      );
      assert.equal(c.bytes.length, 400);
    } finally {
      srv.close();
    }
  });

  test('a close before any answer, garbage, and a huge head are errors', async () => {
    const silent = await rawServer(sock => sock.end());
    const garbage = await rawServer(sock => sock.end('SSH-2.0-OpenSSH\r\n\r\n'));
    const huge = await rawServer(sock => sock.write(`HTTP/1.1 200 OK\r\nX-Big: ${'x'.repeat(70_000)}`));
    try {
      await assert.rejects(directGet(silent.url, {}, collector().factory), { code: 'UND_ERR_SOCKET' });
      await assert.rejects(directGet(garbage.url, {}, collector().factory), /not HTTP\/1\.1/);
      await assert.rejects(directGet(huge.url, {}, collector().factory), { code: 'UND_ERR_HEADERS_OVERFLOW' });
    } finally {
      silent.close();
      garbage.close();
      huge.close();
    }
  });

  test('an abort mid-body, a silent server and a refused connection reject, and so does a sink that throws', async () => {
    const stall = await rawServer(sock => sock.write('HTTP/1.1 200 OK\r\nContent-Length: 1000\r\n\r\nfirst'));
    try {
      const ac = new AbortController();
      const c = collector();
      const p = directGet(stall.url, { signal: ac.signal }, r => {
        const s = c.factory(r);
        return {
          write(x) {
            s.write(x);
            ac.abort();
          },
        };
      });
      await assert.rejects(p, (e: Error) => e.name === 'AbortError');
      assert.equal(c.bytes.toString(), 'first');
      await assert.rejects(directGet(stall.url, { idleTimeoutMs: 100 }, collector().factory), { code: 'UND_ERR_BODY_TIMEOUT' });
      await assert.rejects(
        directGet(stall.url, {}, () => ({
          write() {
            throw new Error('disk full');
          },
        })),
        /disk full/,
      );
    } finally {
      stall.close();
    }
    const gone = await rawServer(() => {});
    const url = gone.url;
    gone.close();
    await assert.rejects(directGet(url, {}, collector().factory), { code: 'ECONNREFUSED' });
  });

  test('a header value with a line break is refused before anything is sent', async () => {
    await assert.rejects(directGet(`${base}/clip.mp4`, { headers: { range: 'bytes=0-\r\nx-evil: 1' } }, collector().factory), TypeError);
  });

  test('parseHead: status line and fields', () => {
    assert.deepEqual(parseHead('HTTP/1.1 206 Partial Content\r\nContent-Range: bytes 0-1/2'), {
      statusCode: 206,
      headers: { 'content-range': 'bytes 0-1/2' },
    });
    assert.deepEqual(parseHead('HTTP/1.0 200'), { statusCode: 200, headers: {} });
    assert.equal(parseHead('HTTP/2 200'), undefined);
    assert.equal(parseHead('HTTP/1.1 200 OK\r\nno colon here'), undefined);
  });
});

describe('direct GET over TLS', () => {
  let tmp: Awaited<ReturnType<typeof tempDir>>;
  let server: Server;
  let url = '';
  let ca: Buffer;
  before(async () => {
    tmp = await tempDir();
    // A throwaway self-signed certificate for 127.0.0.1 and localhost, made now (nothing is committed).
    execFileSync(
      'openssl',
      [
        'req',
        '-x509',
        '-newkey',
        'ec',
        '-pkeyopt',
        'ec_paramgen_curve:P-256',
        '-nodes',
        '-days',
        '1',
        '-subj',
        '/CN=localhost',
        '-addext',
        'subjectAltName=DNS:localhost,IP:127.0.0.1',
        '-keyout',
        join(tmp.dir, 'key.pem'),
        '-out',
        join(tmp.dir, 'cert.pem'),
      ],
      { stdio: 'ignore' },
    );
    ca = readFileSync(join(tmp.dir, 'cert.pem'));
    server = createHttpsServer({ key: readFileSync(join(tmp.dir, 'key.pem')), cert: ca }, (_req, res) => {
      res.writeHead(200, { 'content-length': body.length });
      res.end(body);
    });
    await new Promise<void>(r => server.listen(0, '127.0.0.1', r));
    url = `https://localhost:${(server.address() as AddressInfo).port}/clip.mp4`;
  });
  after(async () => {
    server.closeAllConnections();
    server.close();
    await tmp.cleanup();
  });

  test('the body arrives whole over HTTPS when the certificate is trusted', async () => {
    const c = collector();
    assert.equal(await directGet(url, { tls: { ca } }, c.factory), 'done');
    assert.ok(c.bytes.equals(body));
  });

  test('an untrusted certificate is refused', async () => {
    await assert.rejects(directGet(url, {}, collector().factory), (e: Error & { code?: string }) =>
      /SELF_SIGNED|UNABLE_TO_VERIFY|DEPTH_ZERO/.test(e.code ?? ''),
    );
  });
});
