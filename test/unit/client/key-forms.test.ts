// The key never reaches a take record or a log line in any form a server may echo it: as is,
// URL-encoded, base64 or base64url (alone or inside `Key …`), either half of an id:secret key, or
// a run of 8 of its characters inside a longer string.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { readFile } from 'node:fs/promises';
import { createFalClient, type Progress } from '../../../src/client';
import { Redactor } from '../../../src/client/errors';
import { captureLogger, FAST_RETRY, FAST_WATCH, journalledJob, tempDir } from './helpers';

let tmp: Awaited<ReturnType<typeof tempDir>>;
before(async () => {
  tmp = await tempDir();
});
after(async () => {
  await tmp.cleanup();
});
const job = (name: string) => journalledJob(tmp.dir, name);

describe('the key is masked in every form a server echoes it', () => {
  // A fake key of fal's `<id>:<secret>` shape.
  const ID = 'b7e4c2a9-5d31-4f8e-9a6b-2c1d3e4f5a6b';
  const SECRET = '9f8e7d6c5b4a39281706f5e4d3c2b1a0';
  const KEY = `${ID}:${SECRET}`;
  const b64 = (t: string) => Buffer.from(t, 'utf8').toString('base64');
  const b64url = (t: string) => Buffer.from(t, 'utf8').toString('base64url');
  const forms = {
    raw: KEY,
    urlEncoded: encodeURIComponent(KEY),
    base64: b64(KEY),
    base64url: b64url(KEY),
    authorization: b64(`Key ${KEY}`),
    basic: b64(`user:${KEY}`),
    idBase64: b64(ID),
    secretBase64: b64(SECRET),
    secretBase64url: b64url(SECRET),
    run: `token${SECRET.slice(7, 19)}end`,
  };
  const echo = Object.entries(forms)
    .map(([k, v]) => `${k}=${v}`)
    .join(' ');
  /** Any 8 consecutive characters of the key, or a whole form, in `text`. */
  const leaks = (text: string): string[] => {
    const found = Object.entries(forms)
      .filter(([k, v]) => k !== 'run' && text.includes(v))
      .map(([k]) => k);
    for (let i = 0; i + 8 <= KEY.length; i++) if (text.includes(KEY.slice(i, i + 8))) found.push(`run ${KEY.slice(i, i + 8)}`);
    return found;
  };

  test('Redactor: raw, URL-encoded, base64 and base64url (alone, in `Key …`, in `user:…`), each half, and 8-character runs', () => {
    const r = new Redactor();
    r.add(KEY);
    for (const [name, form] of Object.entries(forms)) {
      const out = r.redact(`before ${form} after`);
      assert.deepEqual(leaks(out), [], `${name}: ${out}`);
      assert.match(out, /^before .*\*\*\*.* after$/, name);
    }
    // Prose and other hex are left alone.
    assert.equal(r.redact('provider simulator, sha 00112233'), 'provider simulator, sha 00112233');
    // A key made of words masks only itself: its words stay readable elsewhere.
    const words = new Redactor();
    words.add('offline-simulator');
    assert.equal(words.redact('provider simulator; key offline-simulator'), 'provider simulator; key ***');
  });

  test('echoed in an error header, an error body, a status error and log lines: none of it reaches the record or the log', async () => {
    let statusCalls = 0;
    const server: Server = createServer((req: IncomingMessage, res: ServerResponse) => {
      req.resume();
      req.on('end', () => {
        const url = new URL(req.url ?? '/', 'http://x');
        const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}/fal-ai/kling-video/requests/r-echo`;
        const json = (status: number, body: unknown, headers: Record<string, string> = {}) => {
          res.writeHead(status, { 'content-type': 'application/json', ...headers }).end(JSON.stringify(body));
        };
        if (req.method === 'POST')
          return json(200, { request_id: 'r-echo', status_url: `${base}/status`, response_url: base, cancel_url: `${base}/cancel` });
        if (url.pathname.endsWith('/status/stream')) return json(405, { detail: 'no streaming' });
        if (url.pathname.endsWith('/status')) {
          // First a status error that echoes the key (logged by the watch), then COMPLETED with log lines that echo it.
          if (statusCalls++ === 0) return json(500, { detail: `gateway saw ${echo}` });
          return json(200, { status: 'COMPLETED', logs: [{ message: `runner got ${echo}`, level: 'INFO' }] });
        }
        return json(
          422,
          { detail: [{ loc: ['body', 'prompt'], msg: `refused ${echo}`, type: 'value_error' }] },
          {
            'x-fal-error-type': forms.authorization,
          },
        );
      });
    });
    await new Promise<void>(r => server.listen(0, '127.0.0.1', r));
    const origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    const log = captureLogger();
    const progress: Progress[] = [];
    const client = createFalClient({
      queueUrl: origin,
      storageUrl: origin,
      credentials: () => KEY,
      proxyEnv: {},
      retry: { ...FAST_RETRY, readMaxRetries: 0 },
      watch: FAST_WATCH,
      logger: log.logger,
    });
    const j = job('echo');
    try {
      const rec = await client.generate(j.input, { onRecord: j.onRecord, onProgress: p => progress.push(p) });
      assert.equal(rec.status, 'failed');
      assert.equal(rec.error?.kind, 'validation');
      const text = await readFile(j.recordPath, 'utf8');
      assert.deepEqual(leaks(text), [], text);
      assert.match(text, /\*\*\*/, 'the echo reached the record, masked');
      assert.ok(
        log.lines.some(l => l.includes('gateway saw')),
        `the status error was logged: ${log.lines.join('\n')}`,
      );
      assert.deepEqual(leaks(log.lines.join('\n')), [], log.lines.join('\n'));
      assert.deepEqual(leaks(JSON.stringify(progress)), []);
    } finally {
      await client.close();
      server.closeAllConnections();
      await new Promise(r => server.close(r));
    }
  });
});
